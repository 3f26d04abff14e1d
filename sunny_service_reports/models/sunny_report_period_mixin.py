from odoo import api, models
from odoo.exceptions import ValidationError


class SunnyReportPeriodMixin(models.AbstractModel):
    """A period of local dates, ``date_from`` to ``date_to`` (fields of the model
    that inherits it): a register to export, a bound volume."""

    _name = "sunny.report.period.mixin"
    _description = "Report Period"

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for record in self:
            if record.date_from and record.date_to and record.date_from > record.date_to:
                raise ValidationError(
                    self.env._(
                        "The period is inverted: it starts on %(start)s, after its end on %(end)s.",
                        start=record.date_from,
                        end=record.date_to,
                    )
                )
