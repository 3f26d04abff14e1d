from odoo import fields, models


class SunnyBulletin(models.Model):
    """The period's co-handling totals (协办) in the bulletin (definitions in
    ``sunny.report.figures``)."""

    _inherit = "sunny.bulletin"

    co_count = fields.Integer(string="Co-handling Requests", readonly=True)
    co_due_count = fields.Integer(string="Co-handling Opinions Due", readonly=True)
    co_on_time_count = fields.Integer(string="Co-handling Opinions on Time", readonly=True)
    co_on_time_rate = fields.Float(string="On-time Co-handling Rate", digits=(5, 4), readonly=True)
