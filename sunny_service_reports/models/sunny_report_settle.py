"""落实回访 figures on the bulletin and the assessment (see ``sunny.report.figures``)."""

from odoo import fields, models

SETTLE_RATE_HELP = "Settle checks answered settled / settle checks answered in the period; empty when nobody answered."


class SunnyReportUnitMixin(models.AbstractModel):
    _inherit = "sunny.report.unit.mixin"

    settle_asked_count = fields.Integer(
        string="Settle Checks Asked", help="Submitters asked in the period whether their matter was settled."
    )
    settle_answer_count = fields.Integer(string="Settle Checks Answered")
    settled_count = fields.Integer(string="Settled", help="Settle checks answered settled in the period.")
    settle_rate = fields.Float(
        string="Settle Rate (settled / answered)", digits=(5, 4), aggregator=None, help=SETTLE_RATE_HELP
    )


class SunnyBulletin(models.Model):
    _inherit = "sunny.bulletin"

    settle_asked_count = fields.Integer(string="Settle Checks Asked", readonly=True)
    settle_answer_count = fields.Integer(string="Settle Checks Answered", readonly=True)
    settled_count = fields.Integer(string="Settled", readonly=True)
    settle_rate = fields.Float(
        string="Settle Rate (settled / answered)", digits=(5, 4), readonly=True, help=SETTLE_RATE_HELP
    )
