from odoo import api, fields, models, tools

from .sunny_case import CASE_TYPES


class SunnyDeadlineRule(models.Model):
    """How many working days a unit has to reply and to settle, per case type."""

    _name = "sunny.deadline.rule"
    _description = "Deadline Rule"
    _inherit = ["sunny.cache.mixin"]
    _order = "case_type"

    case_type = fields.Selection(CASE_TYPES, string="Type", required=True)
    reply_days = fields.Integer(string="Reply within (working days)", required=True, default=3)
    resolve_days = fields.Integer(string="Settle within (working days)", required=True, default=7)

    _sql_constraints = [
        ("case_type_unique", "unique(case_type)", "Each case type has one deadline rule."),
        (
            "days_positive",
            "CHECK(reply_days > 0 AND resolve_days >= reply_days)",
            "Days must be positive, and settling cannot come before replying.",
        ),
    ]

    @api.model
    @tools.ormcache()
    def _get_days(self):
        """{case_type: (reply_days, resolve_days)}, 3 and 7 for a type without a rule."""
        days = {case_type: (3, 7) for case_type, _label in CASE_TYPES}
        for rule in self.sudo().search_fetch([], ["case_type", "reply_days", "resolve_days"]):
            days[rule.case_type] = (rule.reply_days, rule.resolve_days)
        return days

    @api.model
    def _get_deadlines(self, start):
        """({case_type: reply deadline}, {case_type: resolution deadline}) of a case
        assigned at ``start`` (naive UTC), on the university's calendar."""
        Calendar = self.env["sunny.calendar"]
        reply, resolve = {}, {}
        for case_type, (reply_days, resolve_days) in self._get_days().items():
            reply[case_type] = Calendar.deadline(start, reply_days)
            resolve[case_type] = Calendar.deadline(start, resolve_days)
        return reply, resolve
