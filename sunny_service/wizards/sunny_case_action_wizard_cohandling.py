from odoo import api, fields, models


class SunnyCaseActionWizard(models.TransientModel):
    """The center reviews a reply with the co-handling units' opinions before it."""

    _inherit = "sunny.case.action.wizard"

    opinion_ids = fields.Many2many("sunny.case.opinion", compute="_compute_opinion_ids", string="Co-handling Opinions")

    @api.depends("case_ids", "action")
    def _compute_opinion_ids(self):
        for wizard in self:
            wizard.opinion_ids = wizard.case_ids.opinion_ids if wizard.action in ("approve", "refuse") else False
