from markupsafe import Markup

from odoo import api, fields, models


class SunnyCaseMajorWizard(models.TransientModel):
    """The dialog of 重大情况通报: which cases, who will hear of them, why."""

    _name = "sunny.case.major.wizard"
    _description = "Report as Major Case"

    case_ids = fields.Many2many("sunny.case", required=True)
    summary = fields.Html(compute="_compute_summary", sanitize=False)
    reason = fields.Text(string="Why the case is major")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        case_ids = self.env.context.get("active_ids") or []
        if "case_ids" in fields_list and case_ids and self.env.context.get("active_model") == "sunny.case":
            res["case_ids"] = [fields.Command.set(case_ids)]
        return res

    @api.depends("case_ids")
    def _compute_summary(self):
        _ = self.env._
        for wizard in self:
            cases = wizard.case_ids
            lines = [_("Cases: %s", ", ".join(cases.mapped("name")))] if cases else []
            if any(cases.mapped("is_confidential")):
                lines.append(_("Confidential: reported to discipline inspection only."))
            if not all(cases.mapped("is_confidential")):
                lines.append(_("Reported at once to the leadership group, in their inbox and by e-mail."))
            lines.append(
                _(
                    "They receive a one-page brief (what, who handles it, the deadlines, what was done), "
                    "without the submitter's identity, and hear of every later step of the case."
                )
            )
            wizard.summary = Markup("").join(Markup("<p>%s</p>") % line for line in lines)

    def action_confirm(self):
        self.ensure_one()
        # every case chosen, read or not: the workflow's gate refuses what the user may not do
        self.sudo().case_ids.with_env(self.env).action_mark_major(self.reason)
        return {"type": "ir.actions.act_window_close"}
