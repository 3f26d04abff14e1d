"""The center manager's settings of the follow-up weeks later, the retention of
personal data and two-factor sign-in (see sunny_case_settle.py,
sunny_case_retention.py and res_users_totp.py)."""

from odoo import api, fields, models
from odoo.exceptions import UserError

from .res_users_totp import NO_TOTP_GROUPS, TOTP_GROUPS_PARAM
from .sunny_case_retention import DEFAULT_RETENTION_MIN_YEARS, DEFAULT_RETENTION_YEARS
from .sunny_case_settle import DEFAULT_SETTLE_CHECK_DAYS


class SunnySettings(models.TransientModel):
    _inherit = "sunny.settings"

    sunny_settle_check_days = fields.Integer(
        string="Settle Check after (working days)",
        default=DEFAULT_SETTLE_CHECK_DAYS,
        config_parameter="sunny_service.settle_check_days",
        help="落实回访: how many working days after closing the submitter is asked whether the matter is settled.",
    )
    sunny_retention_years = fields.Integer(
        string="Retention Period (years)",
        default=DEFAULT_RETENTION_YEARS,
        config_parameter="sunny_service.retention_years",
        help="How long after closing the submitter's identity is kept, for the case types without a period of "
        "their own (Configuration › Retention Periods).",
    )
    sunny_retention_min_years = fields.Integer(
        string="Minimum Retention Period (years)",
        default=DEFAULT_RETENTION_MIN_YEARS,
        config_parameter="sunny_service.retention_min_years",
        help="No retention period may be shorter (the archives rules the center follows).",
    )
    sunny_totp_group_ids = fields.Many2many(
        "res.groups",
        string="Groups that Must Use Two-factor Sign-in",
        default=lambda self: self.env["res.users"]._sunny_totp_groups(),
        help="Their members enrol an authenticator app at their next sign-in and cannot log in without it.",
    )

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if "sunny_totp_group_ids" in fields_list:
            res["sunny_totp_group_ids"] = [(6, 0, self.env["res.users"]._sunny_totp_groups().ids)]
        return res

    def set_values(self):
        self.ensure_one()
        self._check_manager()
        _ = self.env._
        if self.sunny_settle_check_days <= 0:
            raise UserError(_("The settle check comes a positive number of working days after closing."))
        minimum = self.sunny_retention_min_years
        if minimum <= 0:
            raise UserError(_("The minimum retention period is at least one year."))
        self.env["sunny.case"]._check_retention_years(self.sunny_retention_years, minimum)
        short = self.env["sunny.retention.rule"].sudo().search([("years", "<", minimum)])
        if short:
            raise UserError(
                _("Some case types keep identities for less than %s years: lengthen their periods first.", minimum)
            )
        res = super().set_values()
        self.env["ir.config_parameter"].sudo().set_param(
            TOTP_GROUPS_PARAM, ",".join(str(group_id) for group_id in self.sunny_totp_group_ids.ids) or NO_TOTP_GROUPS
        )
        return res
