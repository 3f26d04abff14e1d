from odoo import api, fields, models

from .sunny_case import SATISFACTION


class SunnyCaseFollowup(models.Model):
    """回访: the center asks the submitter how satisfied they are with the result."""

    _name = "sunny.case.followup"
    _description = "Case Follow-up"
    _order = "date desc, id desc"

    case_id = fields.Many2one("sunny.case", required=True, index=True, ondelete="cascade")
    # the unit in charge when the record was made: a later return does not move it
    unit_id = fields.Many2one(
        "sunny.unit", compute="_compute_unit_id", store=True, index=True, readonly=True)
    method = fields.Selection(
        [("phone", "Phone"), ("email", "Email"), ("visit", "Visit"), ("online", "Online")],
        required=True, default="phone",
    )
    date = fields.Datetime(default=fields.Datetime.now, required=True, index=True)
    satisfaction = fields.Selection(SATISFACTION, required=True)
    note = fields.Text()
    user_id = fields.Many2one("res.users", string="Recorded by")
    reopened = fields.Boolean(help="The person was dissatisfied and the case went back to the unit.")

    @api.depends("case_id")
    def _compute_unit_id(self):
        for record in self:
            record.unit_id = record.case_id.unit_id
