from odoo import api, fields, models, tools

from .sunny_case import CASE_TYPES

# working days a submitter has to answer before the center may close the case
DEFAULT_PAUSE_CLOSE_DAYS = 10


class SunnyDeadlineRule(models.Model):
    """Waiting for the submitter (补充材料), per case type: off by default."""

    _inherit = "sunny.deadline.rule"

    allow_pause = fields.Boolean(
        string="Ask the Submitter for Information",
        help="The unit handling a case of this type may ask its submitter for missing information: the "
        "resolution clock stops, in working days, until the answer arrives.",
    )
    pause_close_days = fields.Integer(
        string="Close Unanswered after (working days)",
        default=DEFAULT_PAUSE_CLOSE_DAYS,
        help="Without an answer after this many working days, the center is reminded and may close the case.",
    )

    _sql_constraints = [
        ("pause_close_days_positive", "CHECK(pause_close_days > 0)", "The days to wait for an answer are positive."),
    ]

    @api.model
    @tools.ormcache()
    def _get_pause_rules(self):
        """{case_type: (allow_pause, pause_close_days)}: off for a type without a rule."""
        rules = {case_type: (False, DEFAULT_PAUSE_CLOSE_DAYS) for case_type, _label in CASE_TYPES}
        for rule in self.sudo().search_fetch([], ["case_type", "allow_pause", "pause_close_days"]):
            rules[rule.case_type] = (rule.allow_pause, rule.pause_close_days or DEFAULT_PAUSE_CLOSE_DAYS)
        return rules
