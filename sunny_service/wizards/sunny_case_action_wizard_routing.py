from odoo import api, fields, models


class SunnyCaseActionWizard(models.TransientModel):
    """The assign dialog shows the routing suggestions and starts on the best one
    (unless the submitter chose a unit). The return dialog shows a unit what the
    directory suggests and lets it name the unit the case belongs to."""

    _inherit = "sunny.case.action.wizard"

    routing_suggestion = fields.Text(string="Suggested Units", compute="_compute_routing_suggestion")
    return_suggestion = fields.Text(string="Suggested by the Routing Directory", compute="_compute_return_suggestion")
    proposed_unit_id = fields.Many2one(
        "sunny.unit",
        string="The Case Belongs to",
        domain=[("station_ids.officer_ids", "!=", False)],
        help="Optional: the unit you think the case belongs to. The center sees it and may assign the case "
        "there in one click.",
    )

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
        action = res.get("action", self.env.context.get("default_action"))
        if "proposed_unit_id" in fields_list and len(case_ids) == 1 and action == "return":
            suggestions = self.env["sunny.case"].browse(case_ids)._return_suggestions()
            if suggestions:
                res["proposed_unit_id"] = suggestions[0]["unit_id"]
        return res

    @api.depends("case_ids", "action")
    def _compute_return_suggestion(self):
        for wizard in self:
            case = wizard.case_ids
            suggestions = case._return_suggestions() if wizard.action == "return" and len(case) == 1 else []
            wizard.return_suggestion = case._routing_suggestion_texts({0: suggestions})[0] or False

    def action_confirm(self):
        if self.action != "return" or not self.proposed_unit_id:
            return super().action_confirm()
        self.ensure_one()
        cases = self.sudo().case_ids.with_env(self.env)
        names = self._case_names()  # before the return: then the officer may no longer read them
        cases.action_return(self.reason, proposed_unit=self.proposed_unit_id)
        return self._returned_notification(names)

    @api.depends("case_ids", "action")
    def _compute_routing_suggestion(self):
        for wizard in self:
            case = wizard.case_ids
            shown = wizard.action == "assign" and len(case) == 1 and case._is_center_user()
            wizard.routing_suggestion = case.routing_suggestion if shown else False
