from . import sunny_register_wizard
