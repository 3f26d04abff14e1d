from odoo import api, fields, models


class SunnyCaseSupervision(models.Model):
    """督办 record: the center supervises a case, escalates it to the leadership,
    or reminds the unit (催办)."""

    _name = "sunny.case.supervision"
    _description = "Supervision Note"
    _order = "date desc, id desc"

    case_id = fields.Many2one("sunny.case", required=True, index=True, ondelete="cascade")
    # the unit in charge when the record was made: a later return does not move it
    unit_id = fields.Many2one(
        "sunny.unit", compute="_compute_unit_id", store=True, index=True, readonly=True)
    kind = fields.Selection(
        [("supervise", "Supervision"), ("escalate", "Escalation"), ("remind", "Reminder")],
        required=True, index=True,
    )
    note = fields.Text(required=True)
    user_id = fields.Many2one("res.users", string="By", default=lambda self: self.env.user)
    date = fields.Datetime(default=fields.Datetime.now, required=True, index=True)

    @api.depends("case_id")
    def _compute_unit_id(self):
        for record in self:
            record.unit_id = record.case_id.unit_id
