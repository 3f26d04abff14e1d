from odoo import api, fields, models


class SunnyCaseActionWizard(models.TransientModel):
    """The assign dialog shows the routing suggestions and starts on the best one
    (unless the submitter chose a unit)."""

    _inherit = "sunny.case.action.wizard"

    routing_suggestion = fields.Text(string="Suggested Units", compute="_compute_routing_suggestion")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        case_ids = self.env.context.get("active_ids") or []
        if "unit_id" in fields_list and len(case_ids) == 1 and self.env["sunny.case"]._is_center_user():
            case = self.env["sunny.case"].browse(case_ids)
            if not case.requested_unit_id and case.state == "registered":
                suggestions = case._suggest_units()
                if suggestions:
                    res["unit_id"] = suggestions[0]["unit_id"]
        return res

    @api.depends("case_ids", "action")
    def _compute_routing_suggestion(self):
        for wizard in self:
            case = wizard.case_ids
            shown = wizard.action == "assign" and len(case) == 1 and case._is_center_user()
            wizard.routing_suggestion = case.routing_suggestion if shown else False
