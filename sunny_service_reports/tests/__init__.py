from . import test_bulletin
from . import test_assessment
from . import test_reports_render
from . import test_cron
from . import test_analysis
from . import test_confidentiality
from . import test_i18n
from . import test_report_url
