from odoo import api, fields, models


class SunnyBulletinLine(models.Model):
    """The figures of one unit in a bulletin (definitions: ``sunny.report.figures``)."""

    _name = "sunny.bulletin.line"
    _description = "Bulletin Unit Line"
    _inherit = ["sunny.report.unit.mixin", "sunny.report.frozen.mixin"]
    _report_field = "bulletin_id"
    _order = "bulletin_id, sequence, id"

    bulletin_id = fields.Many2one("sunny.bulletin", required=True, index=True, ondelete="cascade")
    # no unit: the line of the center (cases it answered itself, returned and not
    # assigned again), so that the lines add up to the bulletin's totals
    unit_id = fields.Many2one(required=False)
    name = fields.Char(compute="_compute_name", string="Unit or Center")
    date_from = fields.Date(related="bulletin_id.date_from", store=True, precompute=True)
    state = fields.Selection(related="bulletin_id.state")

    _sql_constraints = [
        ("unit_unique", "unique(bulletin_id, unit_id)", "A unit has one line per bulletin."),
    ]

    @api.depends("unit_id")
    @api.depends_context("lang")
    def _compute_name(self):
        center = self.env._("Center / Not Assigned")
        for line in self:
            line.name = line.unit_id.sudo().name if line.unit_id else center
