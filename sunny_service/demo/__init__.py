from . import sunny_demo
from . import sunny_demo_cohandling
from . import sunny_demo_oversight
