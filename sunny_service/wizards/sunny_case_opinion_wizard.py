from odoo import api, fields, models


class SunnyCaseOpinionWizardBase(models.AbstractModel):
    """A dialog on the pending opinion the current user may act on (``_opinion_can``)."""

    _name = "sunny.case.opinion.wizard.base"
    _description = "Co-handling Opinion Dialog"
    # the opinion of the case the dialog opens on: the one the user may do this to
    _opinion_can = "can_submit"

    opinion_id = fields.Many2one("sunny.case.opinion", string="Opinion Requested", required=True, readonly=True)
    case_id = fields.Many2one(related="opinion_id.case_id")
    unit_id = fields.Many2one(related="opinion_id.unit_id")
    deadline = fields.Datetime(related="opinion_id.deadline")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        case_id = self.env.context.get("active_id")
        if case_id and not res.get("opinion_id") and self.env.context.get("active_model") == "sunny.case":
            res["opinion_id"] = self.env["sunny.case"].browse(case_id)._sunny_my_opinion(self._opinion_can).id
        return res


class SunnyCaseOpinionWizard(models.TransientModel):
    """An officer of a co-handling unit (or the handler they handed it to) gives the unit's opinion on a case."""

    _name = "sunny.case.opinion.wizard"
    _inherit = ["sunny.case.opinion.wizard.base"]
    _description = "Give a Co-handling Opinion"

    note = fields.Text(related="opinion_id.note")
    opinion = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.opinion_id.action_submit(self.opinion)
        return {"type": "ir.actions.act_window_close"}
