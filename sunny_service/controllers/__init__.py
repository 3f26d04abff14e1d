from . import main
from . import portal
from . import faq
from . import pause
from . import settle
from . import totp
