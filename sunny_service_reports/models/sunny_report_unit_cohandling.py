from odoo import fields, models


class SunnyReportUnitMixin(models.AbstractModel):
    """The co-handling figures (协办) of a unit in bulletin and assessment lines
    (definitions in ``sunny.report.figures``)."""

    _inherit = "sunny.report.unit.mixin"

    co_count = fields.Integer(
        string="Co-handled", help="协办件数: opinions asked of the unit as a co-handling unit in the period."
    )
    co_due_count = fields.Integer(
        string="Opinions Due",
        help="Co-handling opinions of the unit whose deadline fell in the period and has passed or was met.",
    )
    co_on_time_count = fields.Integer(string="Opinions on Time")
    co_on_time_rate = fields.Float(
        string="On-time Co-handling Rate",
        digits=(5, 4),
        aggregator=None,
        help="协办按时率: opinions given by their deadline / opinions due.",
    )
