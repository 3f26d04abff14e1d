from odoo import fields, models


class SunnyCaseSupervision(models.Model):
    """督办 record: the center supervises a case, escalates it to the leadership,
    or reminds the unit (催办)."""

    _name = "sunny.case.supervision"
    _description = "Supervision Note"
    _inherit = ["sunny.case.record.mixin"]

    kind = fields.Selection(
        [("supervise", "Supervision"), ("escalate", "Escalation"), ("remind", "Reminder")],
        required=True,
        index=True,
    )
    note = fields.Text(required=True)
    user_id = fields.Many2one(string="By", default=lambda self: self.env.user)
