from odoo import fields, models


class SunnyCaseReturn(models.Model):
    """退回: a unit sent a case back to the center as outside its remit."""

    _name = "sunny.case.return"
    _description = "Case Return"
    _order = "create_date desc, id desc"

    case_id = fields.Many2one("sunny.case", required=True, index=True, ondelete="cascade")
    unit_id = fields.Many2one("sunny.unit", required=True, index=True, ondelete="restrict")
    user_id = fields.Many2one("res.users", string="Returned by", required=True)
    reason = fields.Text(required=True)
    date = fields.Datetime(default=fields.Datetime.now, required=True, index=True)
