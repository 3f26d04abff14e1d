from markupsafe import Markup

from odoo import api, models

CENTER_GROUPS = ("sunny_service.group_center_staff", "sunny_service.group_discipline", "sunny_service.group_leadership")
UNIT_GROUPS = ("sunny_service.group_station_officer", "sunny_service.group_handler")


class SunnyCase(models.Model):
    """What an empty board says depends on who looks at it: the center is told how
    cases arrive, a unit's officer or handler (who registers nothing) that nothing
    waits for them and where the center's cases will appear."""

    _inherit = "sunny.case"

    @api.model
    def get_empty_list_help(self, help_message):
        user = self.env.user
        if any(user.has_group(g) for g in UNIT_GROUPS) and not any(user.has_group(g) for g in CENTER_GROUPS):
            help_message = Markup('<p class="o_view_nocontent_smiling_face">%s</p><p>%s</p>') % (
                self.env._("Nothing waits for you"),
                self.env._(
                    "The cases the center assigns to your unit appear here, with their deadlines; "
                    "remove the filter to see your unit's other cases."
                ),
            )
        return super().get_empty_list_help(help_message)
