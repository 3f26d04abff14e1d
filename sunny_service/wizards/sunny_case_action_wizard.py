from odoo import api, fields, models

from ..models.sunny_case import SATISFACTION

# what each action asks for; the view shows only those fields
ACTIONS = [
    ("reject", "Reject"),
    ("assign", "Assign to a Unit"),
    ("accept", "Accept"),
    ("set_handler", "Change Handler"),
    ("return", "Return to the Center"),
    ("reply", "Submit Reply"),
    ("refuse", "Refuse Reply"),
    ("extension", "Request Extension"),
    ("follow_up", "Follow Up"),
]


class SunnyCaseActionWizard(models.TransientModel):
    """One dialog for the transitions that need a reason, a unit, a handler or a reply."""

    _name = "sunny.case.action.wizard"
    _description = "Case Action"

    case_ids = fields.Many2many("sunny.case", required=True)
    action = fields.Selection(ACTIONS, required=True, readonly=True)
    reason = fields.Text()
    unit_id = fields.Many2one("sunny.unit", string="Unit", domain=[("station_ids.officer_ids", "!=", False)])
    is_confidential = fields.Boolean(compute="_compute_is_confidential")
    entrusted_user_ids = fields.Many2many(
        "res.users",
        string="Entrust to",
        help="Confidential cases go only to these officers of the unit.",
    )
    officer_ids = fields.Many2many("res.users", compute="_compute_people")
    handler_id = fields.Many2one("res.users", string="Handler")
    handler_candidate_ids = fields.Many2many("res.users", compute="_compute_people")
    reply = fields.Text()
    days = fields.Integer(string="Working Days", default=3)
    satisfaction = fields.Selection(SATISFACTION)
    method = fields.Selection(
        [("phone", "Phone"), ("email", "Email"), ("visit", "Visit"), ("online", "Online")],
        default="phone",
    )

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        case_ids = self.env.context.get("active_ids") or []
        if "case_ids" in fields_list and case_ids:
            res["case_ids"] = [fields.Command.set(case_ids)]
            cases = self.env["sunny.case"].browse(case_ids)
            if "unit_id" in fields_list and len(cases) == 1:
                case = cases
                res["unit_id"] = (case.requested_unit_id or case.category_id.default_unit_id).id
            if "reply" in fields_list and len(cases) == 1:
                res["reply"] = cases.reply_draft
        return res

    @api.depends("case_ids")
    def _compute_is_confidential(self):
        for wizard in self:
            wizard.is_confidential = any(wizard.case_ids.mapped("is_confidential"))

    @api.depends("unit_id", "case_ids")
    def _compute_people(self):
        for wizard in self:
            unit = wizard.unit_id or wizard.case_ids.unit_id[:1]
            stations = unit.sudo().station_ids
            wizard.officer_ids = stations.officer_ids
            wizard.handler_candidate_ids = stations.handler_ids | stations.officer_ids

    def action_confirm(self):
        self.ensure_one()
        cases = self.case_ids
        action = self.action
        if action == "reject":
            cases.action_reject(self.reason)
        elif action == "assign":
            cases.action_assign(self.unit_id, self.entrusted_user_ids)
        elif action == "accept":
            cases.action_accept(self.handler_id or None)
        elif action == "set_handler":
            cases.action_set_handler(self.handler_id)
        elif action == "return":
            cases.action_return(self.reason)
        elif action == "reply":
            cases.action_submit_reply(self.reply)
        elif action == "refuse":
            cases.action_refuse_reply(self.reason)
        elif action == "extension":
            cases.action_request_extension(self.days, self.reason)
        elif action == "follow_up":
            cases.action_follow_up(self.satisfaction, self.reason, self.method)
        return {"type": "ir.actions.act_window_close"}
