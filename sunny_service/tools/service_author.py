"""Who signs what the system writes.

Scheduled jobs, the public form, the query page and the mail gateway write as the
superuser, whose contact is Odoo's "OdooBot" (with the administrator's avatar). What
they write is signed by the service instead: the archived contact
``sunny_service.partner_service`` (教育阳光服务), from the university's address when it
has one. What a submitter without a contact of their own writes is signed by the
archived contact ``sunny_service.partner_submitter`` (提交人).

A job asks once per run (``service_author(env)``) and passes the signature on: the
contact's id comes from the cached xml id, so that signing costs no query per case.
"""

from collections import namedtuple

from odoo.tools import email_split, formataddr

Signature = namedtuple("Signature", ["partner", "email_from"])

SERVICE_XMLID = "sunny_service.partner_service"
SUBMITTER_XMLID = "sunny_service.partner_submitter"
SERVICE_NAME = "教育阳光服务"
# the last resort of a database without any outgoing address: a mail needs a sender
FALLBACK_ADDRESS = "noreply@localhost"


def _partner(env, xmlid):
    partner_id = env["ir.model.data"]._xmlid_to_res_id(xmlid, raise_if_not_found=False)
    return env["res.partner"].sudo().browse(partner_id or ())


def service_address(env):
    """The service's own address: the university's, else the configured default
    sender, else a placeholder. Never empty, so that no mail fails for want of a
    sender address ("You must either provide a sender address…")."""
    default = env["ir.mail_server"].sudo()._get_default_from_address()
    found = email_split(default) if default else []
    return env.company.email or (found and found[0]) or FALLBACK_ADDRESS


def service_author(env):
    """The service's signature ``(partner, email_from)``, for ``author_id`` and
    ``email_from`` of what the system writes."""
    partner = _partner(env, SERVICE_XMLID)
    return Signature(partner, formataddr((partner.name or SERVICE_NAME, service_address(env))))


def submitter_author(env):
    """The signature of a submitter who has no contact: "提交人", from the service's
    address (the submitter's own, typed in a form, proves nothing)."""
    partner = _partner(env, SUBMITTER_XMLID)
    return Signature(partner, service_author(env).email_from)
