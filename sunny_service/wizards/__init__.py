from . import sunny_case_action_wizard
from . import sunny_case_merge_wizard
from . import sunny_holiday_year_wizard
from . import sunny_case_publish_wizard
from . import sunny_case_action_wizard_routing
from . import sunny_case_co_unit_wizard
from . import sunny_case_opinion_wizard
from . import sunny_case_action_wizard_cohandling
