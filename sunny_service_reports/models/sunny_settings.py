from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .sunny_assessment import RANK_MIN_DUE, WEIGHTS
from .sunny_register_export import BACKGROUND_THRESHOLD


class SunnySettings(models.TransientModel):
    """The default weights of the annual assessment, among the center's settings."""

    _inherit = "sunny.settings"

    sunny_weight_reply = fields.Float(
        string="On-time Reply", config_parameter=WEIGHTS["weight_reply"][0], default=WEIGHTS["weight_reply"][1]
    )
    sunny_weight_resolve = fields.Float(
        string="On-time Resolution", config_parameter=WEIGHTS["weight_resolve"][0], default=WEIGHTS["weight_resolve"][1]
    )
    sunny_weight_satisfaction = fields.Float(
        string="Satisfaction",
        config_parameter=WEIGHTS["weight_satisfaction"][0],
        default=WEIGHTS["weight_satisfaction"][1],
    )
    sunny_weight_overdue = fields.Float(
        string="No Overdue", config_parameter=WEIGHTS["weight_overdue"][0], default=WEIGHTS["weight_overdue"][1]
    )
    sunny_weight_extension = fields.Float(
        string="No Extension", config_parameter=WEIGHTS["weight_extension"][0], default=WEIGHTS["weight_extension"][1]
    )
    sunny_weight_return = fields.Float(
        string="No Return", config_parameter=WEIGHTS["weight_return"][0], default=WEIGHTS["weight_return"][1]
    )
    sunny_weight_reopen = fields.Float(
        string="No Reopening", config_parameter=WEIGHTS["weight_reopen"][0], default=WEIGHTS["weight_reopen"][1]
    )
    sunny_register_background_threshold = fields.Integer(
        string="Register Exported in the Background Above",
        config_parameter=BACKGROUND_THRESHOLD[0],
        default=BACKGROUND_THRESHOLD[1],
        help="A register of more cases than this is written by a background job, the user told in their inbox "
        "when it is ready; 0 writes every register in the request.",
    )
    sunny_weight_total = fields.Float(string="Total", compute="_compute_sunny_weight_total")
    sunny_rank_min_due = fields.Integer(
        string="Cases Due to Be Ranked", config_parameter=RANK_MIN_DUE[0], default=RANK_MIN_DUE[1]
    )

    @api.depends(*(f"sunny_{field}" for field in WEIGHTS))
    def _compute_sunny_weight_total(self):
        for settings in self:
            settings.sunny_weight_total = sum(settings[f"sunny_{field}"] for field in WEIGHTS)

    def set_values(self):
        # checked before anything is saved: weights that do not add up change nothing
        for settings in self:
            self.env["sunny.assessment"]._check_weight_values({field: settings[f"sunny_{field}"] for field in WEIGHTS})
            if settings.sunny_register_background_threshold < 0:
                raise ValidationError(self.env._("The register's background threshold cannot be negative."))
            if settings.sunny_rank_min_due < 1:
                raise ValidationError(self.env._("A unit needs at least one case due to be ranked."))
        return super().set_values()
