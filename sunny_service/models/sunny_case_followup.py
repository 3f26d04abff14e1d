from odoo import fields, models

from .sunny_case import SATISFACTION


class SunnyCaseFollowup(models.Model):
    """回访: the center asks the submitter how satisfied they are with the result."""

    _name = "sunny.case.followup"
    _description = "Case Follow-up"
    _inherit = ["sunny.case.record.mixin"]

    method = fields.Selection(
        [("phone", "Phone"), ("email", "Email"), ("visit", "Visit"), ("online", "Online")],
        required=True,
        default="phone",
    )
    satisfaction = fields.Selection(SATISFACTION, required=True)
    note = fields.Text()
    user_id = fields.Many2one(string="Recorded by")
    reopened = fields.Boolean(help="The person was dissatisfied and the case went back to the unit.")
