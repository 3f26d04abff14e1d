from . import report_sunny_case_sheet
from . import report_sunny_assessment_xlsx
from . import report_sunny_register_xlsx
from . import report_sunny_bulletin_xlsx
from . import report_sunny_major_brief
