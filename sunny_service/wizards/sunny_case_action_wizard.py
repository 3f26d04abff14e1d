from markupsafe import Markup

from odoo import api, fields, models

from ..models.sunny_case import SATISFACTION

# what each action asks for; the view shows only those fields, under its own title
# (one window action each) and with its own button
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
    ("approve", "Approve Reply"),
]
# case numbers named in a dialog before "and N more"
NAMED_CASES = 10


class SunnyCaseActionWizard(models.TransientModel):
    """One dialog for the transitions that need a reason, a unit, a handler or a reply.
    Each says what it does, to which cases, and what follows."""

    _name = "sunny.case.action.wizard"
    _description = "Case Action"

    case_ids = fields.Many2many("sunny.case", required=True)
    case_count = fields.Integer(compute="_compute_case_count")
    action = fields.Selection(ACTIONS, required=True, readonly=True)
    summary = fields.Html(compute="_compute_summary", sanitize=False, help="What the action does, and what follows.")
    reason = fields.Text()
    unit_id = fields.Many2one("sunny.unit", string="Unit", domain=[("station_ids.officer_ids", "!=", False)])
    assign_note = fields.Text(
        string="Center's Instruction",
        help="交办意见: what the center asks of the unit; the unit reads it on the case and in its chatter.",
    )
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
                # the reply under review when approving it, else the draft
                approving = res.get("action", self.env.context.get("default_action")) == "approve"
                res["reply"] = cases.reply if approving else cases.reply_draft
        return res

    @api.depends("case_ids")
    def _compute_case_count(self):
        for wizard in self:
            wizard.case_count = len(wizard.case_ids)

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

    @api.depends("action", "case_ids", "unit_id", "days")
    @api.depends_context("uid")
    def _compute_summary(self):
        for wizard in self:
            lines = wizard._summary_lines() if wizard.action and wizard.case_ids else []
            wizard.summary = Markup("").join(Markup("<p>%s</p>") % line for line in lines)

    def _case_names(self):
        names = self.case_ids.mapped("name")
        if len(names) > NAMED_CASES:
            return self.env._(
                "%(cases)s and %(count)s more", cases=", ".join(names[:NAMED_CASES]), count=len(names) - NAMED_CASES
            )
        return ", ".join(names)

    def _summary_lines(self):
        """What the dialog says: the cases it acts on, what the action does, what follows."""
        _ = self.env._
        if self.case_count == 1:
            lines = [_("Case %s", self.case_ids.name)]
        else:
            lines = [_("%(count)s cases: %(cases)s", count=self.case_count, cases=self._case_names())]
        if self.action == "reject":
            lines.append(_("Not accepted: the reason is kept on the case and in its history, and it is closed."))
        elif self.action == "assign":
            if self.unit_id:
                lines.append(
                    _(
                        "Assigned to %s: its information officers get a to-do and read your instruction on the case.",
                        self.unit_id.name,
                    )
                )
            else:
                lines.append(_("Choose the unit it goes to: its information officers get a to-do."))
            lines.extend(self._deadline_lines())
        elif self.action == "accept":
            lines.append(
                _(
                    "Accepted by your unit, which starts handling it: choose the handler who solves it, "
                    "or handle it yourself. The deadlines do not change."
                )
            )
        elif self.action == "set_handler":
            lines.append(_("Given to the handler chosen below, who follows it from now on."))
        elif self.action == "return":
            lines.append(
                _(
                    "Sent back to the Sunshine Service center, which is told at once and assigns it again. "
                    "Your unit no longer sees it afterwards; a pending extension request lapses."
                )
            )
        elif self.action == "reply":
            lines.append(_("The reply goes to the center for review; it reaches the submitter only once approved."))
        elif self.action == "refuse":
            lines.append(_("The reply goes back to its author with your comment; nothing is sent to the submitter."))
        elif self.action == "extension":
            lines.append(_("A request to the center manager for more working days to settle it."))
            fmt = self.env["sunny.calendar"].format_local
            lines.extend(
                _(
                    "%(case)s: to be settled by %(deadline)s now; an approval moves this deadline.",
                    case=case.name,
                    deadline=fmt(case.resolve_deadline) or _("no deadline"),
                )
                for case in self.case_ids
            )
        elif self.action == "follow_up":
            lines.append(
                _(
                    "How satisfied is the submitter? Satisfied, the case is closed; dissatisfied, it goes back "
                    "to whoever answered it."
                )
            )
        elif self.action == "approve":
            lines.append(_("Approved, the reply is sent to the submitter at once."))
            if self.case_count == 1:
                lines.append(_("Correct it below if needed: the history keeps the reply as it was submitted."))
            else:
                lines.extend(_("%(case)s: %(reply)s", case=case.name, reply=case.reply or "") for case in self.case_ids)
        return lines

    def _deadline_lines(self):
        """The deadlines an assignment made now sets, per type of the cases."""
        _ = self.env._
        fmt = self.env["sunny.calendar"].format_local
        reply, resolve = self.env["sunny.deadline.rule"]._get_deadlines(fields.Datetime.now())
        types = dict(self.env["sunny.case"]._fields["case_type"]._description_selection(self.env))
        case_types = list(dict.fromkeys(self.case_ids.mapped("case_type")))
        if len(case_types) == 1:
            case_type = case_types[0]
            return [
                _(
                    "Reply due by %(reply)s, matter settled by %(resolve)s "
                    "(working days from today, on the university's calendar).",
                    reply=fmt(reply[case_type]),
                    resolve=fmt(resolve[case_type]),
                )
            ]
        return [
            _(
                "%(type)s: reply due by %(reply)s, matter settled by %(resolve)s.",
                type=types[case_type],
                reply=fmt(reply[case_type]),
                resolve=fmt(resolve[case_type]),
            )
            for case_type in case_types
        ]

    def action_confirm(self):
        self.ensure_one()
        # every case chosen, read or not: reading them through the record rules would
        # drop those the user may not see, and the gate must refuse them instead
        cases = self.sudo().case_ids.with_env(self.env)
        action = self.action
        if action == "reject":
            cases.action_reject(self.reason)
        elif action == "assign":
            cases.action_assign(self.unit_id, self.entrusted_user_ids, note=self.assign_note)
        elif action == "accept":
            cases.action_accept(self.handler_id or None)
        elif action == "set_handler":
            cases.action_set_handler(self.handler_id)
        elif action == "return":
            names = self._case_names()  # before the return: then the officer may no longer read them
            cases.action_return(self.reason)
            return self._returned_notification(names)
        elif action == "reply":
            cases.action_submit_reply(self.reply)
        elif action == "refuse":
            cases.action_refuse_reply(self.reason)
        elif action == "extension":
            cases.action_request_extension(self.days, self.reason)
        elif action == "follow_up":
            cases.action_follow_up(self.satisfaction, self.reason, self.method)
        elif action == "approve":
            cases.action_approve_reply(self.reply if len(cases) == 1 else None)
        return {"type": "ir.actions.act_window_close"}

    def _returned_notification(self, cases):
        """After a return the unit may no longer read the case: the dialog does not
        go back to its form (Odoo would say access denied) but says it worked and
        opens the officer's own cases."""
        board = self.env["ir.actions.act_window"]._for_xml_id("sunny_service.sunny_case_action")
        board["target"] = "main"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": self.env._("Returned to the center"),
                "message": self.env._(
                    "Cases %s are back with the Sunshine Service center, which will assign them again.", cases
                ),
                "sticky": False,
                "next": board,
            },
        }
