from markupsafe import Markup

from odoo import api, fields, models


class SunnyCaseCoUnitWizard(models.TransientModel):
    """The center adds co-handling units (协办单位) to an assigned case: the dialog says
    what follows, and ``sunny.case.action_add_co_units`` does it."""

    _name = "sunny.case.co.unit.wizard"
    _description = "Add Co-handling Units"

    case_id = fields.Many2one("sunny.case", required=True, readonly=True)
    unit_ids = fields.Many2many(
        "sunny.unit",
        string="Co-handling Units",
        required=True,
        domain="[('station_ids.officer_ids', '!=', False), ('id', '!=', lead_unit_id), ('id', 'not in', co_unit_ids)]",
    )
    lead_unit_id = fields.Many2one("sunny.unit", related="case_id.unit_id", string="Lead Unit")
    co_unit_ids = fields.Many2many("sunny.unit", related="case_id.co_unit_ids", string="Already Co-handling")
    is_confidential = fields.Boolean(related="case_id.is_confidential")
    officer_ids = fields.Many2many("res.users", compute="_compute_officer_ids")
    entrusted_user_ids = fields.Many2many(
        "res.users",
        string="Entrust to",
        help="A confidential case goes only to these officers of the co-handling units: one of each unit at least.",
    )
    deadline = fields.Datetime(
        string="Opinions Due",
        required=True,
        help="By default the end of the working day 2 working days before the lead unit's reply deadline.",
    )
    note = fields.Text(string="Request of the Center", help="What the center asks the co-handling units to look into.")
    summary = fields.Html(compute="_compute_summary", sanitize=False)

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        case_id = res.get("case_id") or self.env.context.get("active_id")
        if case_id:
            res["case_id"] = case_id
            if "deadline" in fields_list:
                res["deadline"] = self.env["sunny.case"].browse(case_id)._sunny_default_opinion_deadline()
        return res

    @api.depends("unit_ids")
    def _compute_officer_ids(self):
        for wizard in self:
            wizard.officer_ids = wizard.unit_ids.sudo().officer_ids

    @api.depends("case_id", "unit_ids", "deadline")
    def _compute_summary(self):
        _ = self.env._
        Calendar = self.env["sunny.calendar"]
        for wizard in self:
            case = wizard.case_id
            lines = [
                _(
                    "Case %(case)s stays with its lead unit %(unit)s, which accepts it, replies and answers "
                    "for its deadlines (first-contact responsibility).",
                    case=case.name or "",
                    unit=case.sudo().unit_id.name or "",
                ),
                _(
                    "Each co-handling unit chosen below reads the case, and its information officers get a to-do "
                    "and a notification: they give their unit's opinion by %s. A late opinion is marked overdue, "
                    "its officers are reminded and it counts in the unit's figures.",
                    Calendar.format_local(wizard.deadline) if wizard.deadline else "—",
                ),
                _("The lead unit reads the opinions on the case; the center sees them when it reviews the reply."),
            ]
            if wizard.is_confidential:
                lines.append(_("The case is confidential: only the officers you entrust it to read it."))
            wizard.summary = Markup("").join(Markup("<p>%s</p>") % line for line in lines)

    def action_confirm(self):
        self.ensure_one()
        self.case_id.action_add_co_units(
            self.unit_ids, entrusted_users=self.entrusted_user_ids, deadline=self.deadline, note=self.note
        )
        return {"type": "ir.actions.act_window_close"}
