from odoo import api, fields, models

from ..models.sunny_case_settle import SETTLE_ANSWERS


class SunnyCaseSettleWizard(models.TransientModel):
    """The center records the answer a submitter gave on the phone to the settle check."""

    _name = "sunny.case.settle.wizard"
    _description = "Record a Settle Check by Phone"

    case_id = fields.Many2one("sunny.case", required=True, readonly=True)
    answer = fields.Selection(SETTLE_ANSWERS, string="Was the Matter Settled?", required=True)
    reason = fields.Text(string="What Is Not Settled")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if "case_id" in fields_list and self.env.context.get("active_model") == "sunny.case":
            res["case_id"] = self.env.context.get("active_id")
        return res

    def action_confirm(self):
        self.ensure_one()
        self.case_id.action_settle_phone(self.answer, self.reason)
        return {"type": "ir.actions.act_window_close"}
