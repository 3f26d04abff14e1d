from . import validation
