"""Where this Odoo server can be reached from the machine it runs on."""

from odoo.tools import config


def local_http_url():
    """The HTTP address the server listens on, as a URL reachable from its own
    machine (``http://127.0.0.1:8069``), or None when it serves no HTTP.

    wkhtmltopdf runs beside the server and fetches the report's CSS from this
    address: ``web.base.url`` may name another port (it is only updated when an
    administrator logs in) or a public name behind a proxy."""
    if not config.get("http_enable", True):
        return None
    host = (config.get("http_interface") or "").strip()
    if host in ("", "0.0.0.0"):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address in a URL
    return f"http://{host}:{config['http_port']}"
