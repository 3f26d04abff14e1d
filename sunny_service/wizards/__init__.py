from . import sunny_case_action_wizard
from . import sunny_case_merge_wizard
from . import sunny_holiday_year_wizard
from . import sunny_case_publish_wizard
from . import sunny_case_settle_wizard
