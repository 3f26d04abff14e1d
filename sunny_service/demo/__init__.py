from . import sunny_demo
