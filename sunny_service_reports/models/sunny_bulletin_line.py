from odoo import api, fields, models
from odoo.exceptions import UserError


class SunnyBulletinLine(models.Model):
    """The figures of one unit in a bulletin (definitions: ``sunny.report.figures``)."""

    _name = "sunny.bulletin.line"
    _description = "Bulletin Unit Line"
    _inherit = ["sunny.report.unit.mixin"]
    _order = "bulletin_id, sequence, id"

    bulletin_id = fields.Many2one("sunny.bulletin", required=True, index=True, ondelete="cascade")
    date_from = fields.Date(related="bulletin_id.date_from", store=True)
    state = fields.Selection(related="bulletin_id.state")

    _sql_constraints = [
        ("unit_unique", "unique(bulletin_id, unit_id)", "A unit has one line per bulletin."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        self.env["sunny.bulletin"].browse({vals.get("bulletin_id") for vals in vals_list})._check_draft()
        return super().create(vals_list)

    def write(self, vals):
        self._check_frozen()
        return super().write(vals)

    def unlink(self):
        self._check_frozen()
        return super().unlink()

    def _check_frozen(self):
        if any(record.bulletin_id.state == "sent" for record in self):
            raise UserError(self.env._("The bulletin was sent: its figures are frozen."))
