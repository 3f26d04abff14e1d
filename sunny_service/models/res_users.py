from odoo import fields, models


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

    def write(self, vals):
        res = super().write(vals)
        # the officers' record rules read these stations and are cached per user
        if {"sunny_officer_station_ids", "sunny_handler_station_ids"} & vals.keys():
            self.env.registry.clear_cache()
        return res
