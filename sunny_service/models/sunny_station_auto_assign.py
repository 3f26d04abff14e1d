from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SunnyStation(models.Model):
    """Automatic handler assignment inside a unit (off by default)."""

    _inherit = "sunny.station"

    auto_assign_handler = fields.Boolean(
        string="Assign Handlers Automatically",
        help="A case assigned to the unit goes at once to a handler: the one the category preferences "
        "name, else the handler with the fewest open cases. The information officer can change it.",
    )
    handler_preference_ids = fields.One2many(
        "sunny.station.handler.preference", "station_id", string="Handlers by Category"
    )

    def _preferred_handler(self, category):
        """The handler the station prefers for ``category`` (or its closest parent), if
        they are still one of its handlers."""
        self.ensure_one()
        path = category.parent_path or ""
        candidates = self.handler_preference_ids.filtered(
            lambda p: path and path.startswith(p.category_id.parent_path or "-") and p.user_id in self.handler_ids
        )
        best = candidates.sorted(lambda p: (-len(p.category_id.parent_path), p.id))[:1]
        return best.user_id


class SunnyStationHandlerPreference(models.Model):
    """Which handler of a station takes the cases of a category when handlers are
    assigned automatically."""

    _name = "sunny.station.handler.preference"
    _description = "Handler by Category"
    _order = "station_id, id"

    station_id = fields.Many2one("sunny.station", required=True, index=True, ondelete="cascade")
    category_id = fields.Many2one("sunny.case.category", string="Category", required=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Handler", required=True, ondelete="cascade")

    _sql_constraints = [
        ("category_unique", "unique(station_id, category_id)", "A category has one preferred handler per station."),
    ]

    @api.constrains("user_id", "station_id")
    def _check_user_id(self):
        for preference in self:
            if preference.user_id not in preference.station_id.handler_ids:
                raise ValidationError(
                    self.env._(
                        "%(user)s is not a handler of %(station)s: add them to its handlers first.",
                        user=preference.user_id.name,
                        station=preference.station_id.name,
                    )
                )
