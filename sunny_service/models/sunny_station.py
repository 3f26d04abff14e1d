from odoo import api, fields, models


class SunnyStation(models.Model):
    """教育阳光服务站: the service desk of one unit, with its information officers."""

    _name = "sunny.station"
    _description = "Service Station"
    _order = "unit_id, id"

    name = fields.Char(required=True)
    unit_id = fields.Many2one("sunny.unit", required=True, index=True, ondelete="cascade")
    active = fields.Boolean(default=True)
    officer_ids = fields.Many2many(
        "res.users", "sunny_station_officer_rel", "station_id", "user_id",
        string="Information Officers",
        help="信息员: check the platform every day, pass cases to handlers and submit replies.",
    )
    handler_ids = fields.Many2many(
        "res.users", "sunny_station_handler_rel", "station_id", "user_id",
        string="Handlers", help="受理人员: the people who actually solve cases.",
    )
    phone = fields.Char()
    email = fields.Char()
    office = fields.Char(help="Where visitors find the station.")
    hours = fields.Char(string="Office Hours")
    note = fields.Text()

    _sql_constraints = [
        ("unit_unique", "unique(unit_id)", "A unit has one service station."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        stations = super().create(vals_list)
        # record rules on cases read the officer lists: make them see the change
        self.env.registry.clear_cache()
        return stations

    def write(self, vals):
        res = super().write(vals)
        if {"officer_ids", "handler_ids", "unit_id", "active"} & vals.keys():
            self.env.registry.clear_cache()
        return res
