"""Two-factor sign-in for those who see identities.

The groups whose members must use Odoo's two-factor authentication (``auth_totp``)
are a setting of the center manager (``sunny_service.totp_groups``: their XML ids or
ids, comma-separated, ``none`` for none; the center manager and discipline inspection when unset).

The hook is ``res.users._mfa_url()``, which Odoo asks right after the password is
checked: a member of those groups who has not enabled two-factor authentication
gets the enrolment page (``/sunny/totp/enrol``) instead of a session. That page
shows the QR code for an authenticator app and completes the sign-in only once a
valid code is given; until then the person is not logged in at all."""

from odoo import api, models

TOTP_GROUPS_PARAM = "sunny_service.totp_groups"
# the parameter's value when the center requires it of no group (an empty value reads as unset)
NO_TOTP_GROUPS = "none"
DEFAULT_TOTP_GROUPS = ("sunny_service.group_center_manager", "sunny_service.group_discipline")
ENROL_URL = "/sunny/totp/enrol"


class ResUsers(models.Model):
    _inherit = "res.users"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _sunny_totp_groups(self):
        """The res.groups whose members must use two-factor authentication."""
        value = self.env["ir.config_parameter"].sudo().get_param(TOTP_GROUPS_PARAM)
        keys = DEFAULT_TOTP_GROUPS if value is False or value is None else [k.strip() for k in value.split(",")]
        Groups = self.env["res.groups"].sudo()
        groups = Groups
        for key in filter(None, keys):
            if key.isdigit():
                groups |= Groups.browse(int(key)).exists()
            elif "." in key:
                groups |= self.env.ref(key, raise_if_not_found=False) or Groups
        return groups

    def _sunny_totp_required(self):
        """Whether this user must use two-factor authentication and has not enabled it."""
        self.ensure_one()
        user = self.sudo()
        return not user.totp_enabled and bool(user.groups_id & self._sunny_totp_groups())

    def _mfa_url(self):
        url = super()._mfa_url()
        if url is None and self._sunny_totp_required():
            return ENROL_URL
        return url
