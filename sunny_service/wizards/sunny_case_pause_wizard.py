from markupsafe import Markup

from odoo import api, fields, models


class SunnyCasePauseWizard(models.TransientModel):
    """The dialogs of waiting for the submitter (补充材料): the unit asks its question;
    the center closes a case whose question stayed unanswered. Each says to which
    case, what it does and what follows."""

    _name = "sunny.case.pause.wizard"
    _description = "Request for Information Dialog"

    case_ids = fields.Many2many("sunny.case", required=True)
    mode = fields.Selection(
        [("request", "Ask the Submitter"), ("close", "Close Unanswered")], required=True, readonly=True
    )
    summary = fields.Html(compute="_compute_summary", sanitize=False)
    question = fields.Text(string="Question to the Submitter")
    reason = fields.Text(string="Why the case is closed")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        case_ids = self.env.context.get("active_ids") or []
        if "case_ids" in fields_list and case_ids:
            res["case_ids"] = [fields.Command.set(case_ids)]
        return res

    @api.depends("case_ids", "mode")
    def _compute_summary(self):
        _ = self.env._
        fmt = self.env["sunny.calendar"].format_local
        for wizard in self:
            lines = [_("Case %s", ", ".join(wizard.case_ids.mapped("name")))]
            if wizard.mode == "request":
                lines.append(
                    _(
                        "The submitter reads your question on the query page or in their portal, and by e-mail "
                        "when they gave an address. The resolution deadline stops until they answer, then moves "
                        "by the working days spent waiting; you are told when the answer arrives."
                    )
                )
                lines.extend(
                    _(
                        "%(case)s: to be settled by %(deadline)s now.",
                        case=case.name,
                        deadline=fmt(case.resolve_deadline) or _("no deadline"),
                    )
                    for case in wizard.case_ids
                )
            elif wizard.mode == "close":
                lines.append(
                    _(
                        "The submitter did not answer the unit's question in time: the case is closed and the "
                        "submitter is told why."
                    )
                )
                lines.extend(
                    _("%(case)s asked: %(question)s", case=case.name, question=case.pause_question or "")
                    for case in wizard.case_ids
                )
            wizard.summary = Markup("").join(Markup("<p>%s</p>") % line for line in lines)

    def action_confirm(self):
        self.ensure_one()
        cases = self.sudo().case_ids.with_env(self.env)
        if self.mode == "request":
            cases.action_request_information(self.question)
        else:
            cases.action_close_unanswered(self.reason)
        return {"type": "ir.actions.act_window_close"}
