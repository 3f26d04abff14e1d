from odoo import SUPERUSER_ID, api, fields, models

# the back-office roles of the service: their people land on their work (see
# _sunny_landing_action), not in the Discuss inbox
SUNNY_GROUPS = (
    "sunny_service.group_handler",
    "sunny_service.group_station_officer",
    "sunny_service.group_center_staff",
    "sunny_service.group_center_manager",
    "sunny_service.group_discipline",
    "sunny_service.group_leadership",
)
HOME_ACTION = "sunny_service.sunny_home_action"
# the leadership's landing page: the reports' dashboard when that addon is installed
LEADERSHIP_HOMES = (
    "sunny_service_reports.sunny_dashboard_action",
    "sunny_service_reports.sunny_case_action_analysis",
    "sunny_service.sunny_case_action",
)


class ResUsers(models.Model):
    _inherit = "res.users"

    sunny_officer_station_ids = fields.Many2many(
        "sunny.station",
        "sunny_station_officer_rel",
        "user_id",
        "station_id",
        string="Stations (Officer)",
    )
    sunny_handler_station_ids = fields.Many2many(
        "sunny.station",
        "sunny_station_handler_rel",
        "user_id",
        "station_id",
        string="Stations (Handler)",
    )
    sunny_digest_date = fields.Date(string="Last Sunshine Digest", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._sunny_set_home_action()
        return users

    def write(self, vals):
        res = super().write(vals)
        # the officers' record rules read these stations and are cached per user
        if {"sunny_officer_station_ids", "sunny_handler_station_ids"} & vals.keys():
            self.env.registry.clear_cache()
        if any(key == "groups_id" or key.startswith(("in_group_", "sel_groups_")) for key in vals):
            self._sunny_set_home_action()
        return res

    def _sunny_set_home_action(self):
        """Give the people of the service's roles its home action, and take it back
        from those who left every role; a home action someone else chose stays."""
        home = self.env.ref(HOME_ACTION, raise_if_not_found=False)
        if not home:
            return  # installing: _sunny_set_home_action_all() runs once the action exists
        group_ids = {self.env.ref(xmlid).id for xmlid in SUNNY_GROUPS}
        users = self.sudo().filtered(lambda u: not u.share and u.id != SUPERUSER_ID)
        in_roles = users.filtered(lambda u: group_ids & set(u.groups_id.ids))
        in_roles.filtered(lambda u: not u.action_id).write({"action_id": home.id})
        (users - in_roles).filtered(lambda u: u.action_id.id == home.id).write({"action_id": False})

    @api.model
    def _sunny_set_home_action_all(self):
        groups = self.env["res.groups"].browse([self.env.ref(xmlid).id for xmlid in SUNNY_GROUPS])
        groups.sudo().users._sunny_set_home_action()

    def _sunny_landing_action(self):
        """The window action the user's roles start their day on: the board of cases
        for the center and the units (it opens on their own work, see
        sunny.case.is_my_work), the reports' dashboard for the leadership."""
        self.ensure_one()
        xmlids = ("sunny_service.sunny_case_action",)
        if self.has_group("sunny_service.group_leadership") and not any(
            self.has_group(xmlid) for xmlid in SUNNY_GROUPS if xmlid != "sunny_service.group_leadership"
        ):
            xmlids = LEADERSHIP_HOMES
        xmlid = next(xmlid for xmlid in xmlids if self.env.ref(xmlid, raise_if_not_found=False))
        return self.env["ir.actions.actions"]._for_xml_id(xmlid)
