from odoo import api, fields, models

from odoo.addons.sunny_service.models.sunny_case import FINAL_STATES

# which cases of the period a register holds
STATE_FILTERS = [
    ("all", "All Cases"),
    ("final", "Archived Cases (closed, rejected, cancelled)"),
    ("open", "Open Cases"),
]


class SunnyRegisterWizard(models.TransientModel):
    """台账: export the cases of a period (and categories) as XLSX, one sheet per
    category, or bind the archived ones into volumes."""

    _name = "sunny.register.wizard"
    _inherit = ["sunny.report.period.mixin"]
    _description = "Register Export"

    date_from = fields.Date(
        string="From", required=True, default=lambda self: self.env["sunny.bulletin"]._default_period()[0]
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: self.env["sunny.bulletin"]._default_period()[1]
    )
    category_ids = fields.Many2many("sunny.case.category", string="Categories", help="Leave empty for every category.")
    include_subcategories = fields.Boolean(default=True)
    state_filter = fields.Selection(
        STATE_FILTERS,
        string="Cases",
        default="all",
        required=True,
    )

    def _register_domain(self):
        self.ensure_one()
        return self._register_domain_of(
            self.date_from, self.date_to, self.category_ids, self.include_subcategories, self.state_filter
        )

    @api.model
    def _register_domain_of(self, date_from, date_to, categories, include_subcategories, state_filter):
        """The cases of a register (a wizard's, or a background export's)."""
        domain = self.env["sunny.report.figures"]._received_domain(date_from, date_to)
        if categories:
            operator = "child_of" if include_subcategories else "in"
            domain.append(("category_id", operator, categories.ids))
        if state_filter == "final":
            domain.append(("state", "in", FINAL_STATES))
        elif state_filter == "open":
            domain.append(("state", "not in", FINAL_STATES))
        return domain

    def _register_title(self):
        self.ensure_one()
        return self.env._("Sunshine Service register %(start)s ~ %(end)s", start=self.date_from, end=self.date_to)

    def _report_filename(self):
        """The name of the XLSX, without extension: "台账 2026-03-01 ~ 2026-03-31"."""
        self.ensure_one()
        return self.env._("Register %(start)s ~ %(end)s", start=self.date_from, end=self.date_to)

    def action_export(self):
        """The XLSX in this request; a register above the background threshold
        (setting) is written by a job instead, the user notified when it is ready."""
        self.ensure_one()
        Export = self.env["sunny.register.export"]
        threshold = Export._background_threshold()
        if threshold and self.env["sunny.case"].search_count(self._register_domain(), limit=threshold + 1) > threshold:
            return Export._request(self)
        return self.env.ref("sunny_service_reports.action_report_sunny_register_xlsx").report_action(self)

    def action_bind_volumes(self):
        self.ensure_one()
        categories = self.category_ids
        if categories and self.include_subcategories:
            categories = self.env["sunny.case.category"].search([("id", "child_of", categories.ids)])
        volumes = self.env["sunny.register.volume"]._bind_period(self.date_from, self.date_to, categories)
        action = self.env["ir.actions.act_window"]._for_xml_id("sunny_service_reports.sunny_register_volume_action")
        action["domain"] = [("id", "in", volumes.ids)]
        return action
