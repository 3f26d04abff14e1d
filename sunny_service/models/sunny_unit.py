from odoo import api, fields, models

from .sunny_case import OPEN_STATES, UNIT_STATES


class SunnyUnit(models.Model):
    """二级单位（部门）: a college or an administrative department."""

    _name = "sunny.unit"
    # the public form lists them from a cache (sunny.case._public_form_choices)
    _inherit = ["sunny.cache.mixin"]
    _description = "Unit"
    _parent_store = True
    _order = "sequence, code, id"
    _rec_names_search = ["name", "code"]

    name = fields.Char(string="Unit Name", required=True)
    code = fields.Char(required=True, help="Short code used in case numbers and reports.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    parent_id = fields.Many2one("sunny.unit", string="Parent Unit", index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("sunny.unit", "parent_id", string="Sub-units")
    head_id = fields.Many2one("res.users", string="Head", help="The unit's responsible leader.")
    station_ids = fields.One2many("sunny.station", "unit_id", string="Stations")
    station_id = fields.Many2one(
        "sunny.station",
        string="Station",
        compute="_compute_station_id",
        help="The unit's service station (教育阳光服务站).",
    )
    officer_ids = fields.Many2many(
        "res.users",
        string="Information Officers",
        compute="_compute_people",
        help="The officers of the unit's stations: the unit answers for its cases through them.",
    )
    handler_ids = fields.Many2many(
        "res.users", string="Handlers", compute="_compute_people", help="The handlers of the unit's stations."
    )
    case_ids = fields.One2many("sunny.case", "unit_id", string="Cases")
    open_case_count = fields.Integer(compute="_compute_open_case_count", string="Open Cases")

    _sql_constraints = [
        ("code_unique", "unique(code)", "The unit code must be unique."),
    ]

    @api.depends("station_ids")
    def _compute_station_id(self):
        for unit in self:
            unit.station_id = unit.station_ids[:1]

    @api.depends("station_ids.officer_ids", "station_ids.handler_ids")
    def _compute_people(self):
        for unit in self:
            unit.officer_ids = unit.station_ids.officer_ids
            unit.handler_ids = unit.station_ids.handler_ids

    def _compute_open_case_count(self):
        counts = dict(
            self.env["sunny.case"]._read_group(
                [("unit_id", "in", self.ids), ("state", "in", UNIT_STATES)],
                ["unit_id"],
                ["__count"],
            )
        )
        for unit in self:
            unit.open_case_count = counts.get(unit, 0)

    def _sunny_sync_open_cases(self):
        """Re-apply the audience of the unit's open cases after its people changed."""
        Case = self.env["sunny.case"].sudo()
        Case.search(
            ["|", ("unit_id", "in", self.ids), ("co_unit_ids", "in", self.ids), ("state", "in", OPEN_STATES)]
        )._sunny_sync_audience()

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise models.ValidationError(self.env._("A unit cannot be its own parent."))

    def action_open_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sunny_service.sunny_case_action")
        action["domain"] = [("unit_id", "=", self.id)]
        action["context"] = {"default_unit_id": self.id}
        return action
