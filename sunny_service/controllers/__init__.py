from . import main
from . import portal
from . import settle
from . import totp
