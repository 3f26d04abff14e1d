from odoo import api, fields, models


class SunnyCaseReturn(models.Model):
    """退回: a unit sent a case back to the center as outside its remit."""

    _name = "sunny.case.return"
    _description = "Case Return"
    _inherit = ["sunny.case.record.mixin"]
    _order = "create_date desc, id desc"

    # a return is made by a unit: it always has one
    unit_id = fields.Many2one(required=True)
    user_id = fields.Many2one(string="Returned by", required=True)
    reason = fields.Text(required=True)

    @api.depends("case_id.name")
    def _compute_display_name(self):
        for record in self:
            record.display_name = self.env._("Return of %s", record.case_id.name or "")
