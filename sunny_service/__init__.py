from . import controllers
from . import demo
from . import models
from . import tools
from . import wizards
