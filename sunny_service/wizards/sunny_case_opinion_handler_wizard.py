from odoo import api, fields, models


class SunnyCaseOpinionHandlerWizard(models.TransientModel):
    """An officer of a co-handling unit hands the unit's opinion to one of its handlers."""

    _name = "sunny.case.opinion.handler.wizard"
    _inherit = ["sunny.case.opinion.wizard.base"]
    _description = "Hand a Co-handling Opinion to a Handler"
    _opinion_can = "can_set_handler"

    current_handler_id = fields.Many2one(related="opinion_id.handler_id", string="Handed to")
    handler_candidate_ids = fields.Many2many("res.users", compute="_compute_handler_candidate_ids")
    handler_id = fields.Many2one("res.users", string="Handler", required=True)

    @api.depends("opinion_id")
    def _compute_handler_candidate_ids(self):
        for wizard in self:
            wizard.handler_candidate_ids = wizard.opinion_id.sudo().unit_id.handler_ids

    def action_confirm(self):
        self.ensure_one()
        self.opinion_id.action_set_handler(self.handler_id)
        return {"type": "ir.actions.act_window_close"}
