from . import sunny_register_wizard
from . import sunny_case_major_wizard
