from . import test_access
from . import test_deadlines
from . import test_kanban
from . import test_mail_intake
from . import test_merge
from . import test_tour
from . import test_workflow
