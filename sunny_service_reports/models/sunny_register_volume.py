from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.sunny_service.models.sunny_case import FINAL_STATES


class SunnyRegisterVolume(models.Model):
    """A bound volume (卷) of the register (台账): the archived cases (closed, rejected
    or cancelled) received in a period, of one category, for the record-keeping rule
    (办理备忘制). Binding files the cases in the volume and keeps its XLSX; a case is
    bound once. Confidential cases go to separate confidential volumes, which only the
    center manager and discipline inspection read."""

    _name = "sunny.register.volume"
    _description = "Register Volume"
    _inherit = ["mail.thread", "sunny.report.period.mixin"]
    _order = "date_from desc, category_id, is_confidential, number, id"

    name = fields.Char(compute="_compute_name", store=True, readonly=True)
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    category_id = fields.Many2one("sunny.case.category", string="Category", readonly=True, index=True)
    is_confidential = fields.Boolean(string="Confidential", readonly=True, index=True)
    number = fields.Integer(
        string="Volume", default=1, readonly=True, help="Volumes of the same period and category are numbered 1, 2 …"
    )
    state = fields.Selection(
        [("draft", "Draft"), ("bound", "Bound")], default="draft", required=True, readonly=True, tracking=True
    )
    case_ids = fields.One2many("sunny.case", "register_volume_id", string="Cases", readonly=True)
    case_count = fields.Integer(string="Number of Cases", readonly=True)
    bound_date = fields.Datetime(string="Bound on", readonly=True)
    bound_user_id = fields.Many2one("res.users", string="Bound by", readonly=True)
    attachment_id = fields.Many2one("ir.attachment", string="Register File", readonly=True)
    note = fields.Text()

    @api.depends("date_from", "date_to", "category_id", "number", "is_confidential")
    def _compute_name(self):
        Bulletin = self.env["sunny.bulletin"]
        for volume in self:
            parts = [
                Bulletin._period_label(volume.date_from, volume.date_to) or "",
                volume.category_id.complete_name or self.env._("Uncategorized"),
                self.env._("Vol. %s", volume.number),
            ]
            if volume.is_confidential:
                parts.append(self.env._("Confidential"))
            volume.name = " · ".join(parts)

    def unlink(self):
        if any(volume.state == "bound" for volume in self):
            raise UserError(self.env._("A bound volume is part of the archive: it cannot be deleted."))
        return super().unlink()

    # ------------------------------------------------------------------ binding

    def _candidate_domain(self):
        """Archived cases of the volume's period and category not bound yet."""
        self.ensure_one()
        return self.env["sunny.report.figures"]._received_domain(self.date_from, self.date_to) + [
            ("state", "in", FINAL_STATES),
            ("category_id", "=", self.category_id.id),
            ("is_confidential", "=", self.is_confidential),
            ("register_volume_id", "=", False),
        ]

    def action_bind(self):
        """File the volume's cases in it (one UPDATE) and keep its register as XLSX."""
        for volume in self:
            if volume.state != "draft":
                raise UserError(self.env._("Volume %s is already bound.", volume.name))
            Case = self.env["sunny.case"]
            domain = volume._candidate_domain()
            # the binder must be allowed to read every case filed (record rules)
            readable = Case.search_count(domain)
            Case.sudo().flush_model()
            query = Case.sudo()._search(domain)
            total = Case.sudo().search_count(domain)
            if not total:
                raise UserError(self.env._("There is no archived case left to bind in %s.", volume.name))
            if readable != total:
                raise UserError(
                    self.env._("Only the center manager or discipline inspection can bind confidential cases.")
                )
            self.env.cr.execute(
                SQL("UPDATE sunny_case SET register_volume_id = %s WHERE id IN %s", volume.id, query.subselect())
            )
            Case.invalidate_model(["register_volume_id"])
            volume.case_ids.invalidate_recordset()
            volume.write(
                {
                    "state": "bound",
                    "case_count": total,
                    "bound_date": fields.Datetime.now(),
                    "bound_user_id": self.env.uid,
                }
            )
            volume._store_register()
        return True

    def _store_register(self):
        """Write (again) the XLSX kept with bound volumes. It is written for the
        volume's readers, whoever binds it: the leadership reads the ordinary volumes,
        so their submitters are masked, and a case made confidential after binding
        keeps its row without its words. Rendered as superuser so that every case of
        the volume is in it, in the language of the one who bound it."""
        Report = self.env["ir.actions.report"].sudo()
        for volume in self.sudo().filtered(lambda v: v.state == "bound"):
            content, _ext = Report.with_context(lang=volume.bound_user_id.lang or self.env.lang)._render(
                "sunny_service_reports.action_report_sunny_register_volume_xlsx", volume.ids
            )
            if volume.attachment_id:
                volume.attachment_id.write({"raw": content})
                continue
            attachment = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    {
                        "name": f"{volume._report_filename()}.xlsx",
                        "raw": content,
                        "res_model": volume._name,
                        "res_id": volume.id,
                        "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    }
                )
            )
            volume.write({"attachment_id": attachment.id})

    @api.model
    def _bind_period(self, date_from, date_to, categories=None):
        """Make and bind one volume per category (and confidentiality) with archived
        cases of the period not bound yet; return the volumes."""
        Case = self.env["sunny.case"]
        domain = self.env["sunny.report.figures"]._received_domain(date_from, date_to) + [
            ("state", "in", FINAL_STATES),
            ("register_volume_id", "=", False),
        ]
        if categories:
            domain.append(("category_id", "in", categories.ids))
        groups = Case._read_group(domain, ["category_id", "is_confidential"], ["__count"])
        if not groups:
            raise UserError(
                self.env._("There is no archived case (closed, rejected or cancelled) left to bind in this period.")
            )
        volumes = self.browse()
        for category, confidential, _count in groups:
            same = [
                ("date_from", "=", date_from),
                ("date_to", "=", date_to),
                ("category_id", "=", category.id),
                ("is_confidential", "=", confidential),
            ]
            number = self.sudo().search_count(same) + 1
            volumes |= self.create(
                {
                    "date_from": date_from,
                    "date_to": date_to,
                    "category_id": category.id,
                    "is_confidential": confidential,
                    "number": number,
                }
            )
        volumes.action_bind()
        return volumes

    def _report_filename(self):
        """The name of the XLSX, without extension: "台账 2026-03 · 教学 · 第1卷"."""
        self.ensure_one()
        return self.env._("Register %s", self.name)

    def action_print(self):
        return self.env.ref("sunny_service_reports.action_report_sunny_register_volume_xlsx").report_action(self)
