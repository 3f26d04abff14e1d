"""Waiting for the submitter (补充材料) in the figures: one definition, used by the
bulletin and the assessment.

``pause_count`` / ``paused_days``
    requests for information (``sunny.case.pause``) of the unit's cases that ended in
    the period (answered, ended by the unit, or closed unanswered: ``date_end``),
    counted for the unit that asked / the working days they lasted, by which the
    resolution deadlines moved. A question still waiting counts when it ends."""

from odoo import api, fields, models

PAUSE_FIGURES = ("pause_count", "paused_days")


class SunnyReportUnitMixin(models.AbstractModel):
    _inherit = "sunny.report.unit.mixin"

    pause_count = fields.Integer(
        string="Requests for Information",
        help="Questions to the submitter (补充材料) that ended in the period: answered, ended or closed unanswered.",
    )
    paused_days = fields.Integer(
        string="Working Days Waited",
        help="Working days those questions lasted: the resolution deadlines moved by as many.",
    )


class SunnyReportFigures(models.AbstractModel):
    _inherit = "sunny.report.figures"

    @api.model
    def _pause_figures(self, date_from, date_to, unit_ids=None):
        """{unit id: {"pause_count": n, "paused_days": days}}: one grouped query."""
        start, end = self.env["sunny.calendar"].period_bounds(date_from, date_to)
        domain = [("date_end", ">=", start), ("date_end", "<", end)]
        if unit_ids is not None:
            domain.append(("unit_id", "in", list(unit_ids)))
        return {
            unit.id: {"pause_count": count, "paused_days": days}
            for unit, count, days in self.env["sunny.case.pause"]
            .sudo()
            ._read_group(domain, ["unit_id"], ["__count", "days:sum"])
        }

    @api.model
    def _unit_figures(self, date_from, date_to, now, unit_ids=None):
        result = super()._unit_figures(date_from, date_to, now, unit_ids=unit_ids)
        pauses = self._pause_figures(date_from, date_to, unit_ids)
        for figures in result.values():
            figures.update(dict.fromkeys(PAUSE_FIGURES, 0))
        for unit_id, values in pauses.items():
            if unit_id in result:
                result[unit_id].update(values)
        return result


class SunnyAssessment(models.Model):
    _inherit = "sunny.assessment"

    def action_compute(self):
        res = super().action_compute()
        Figures = self.env["sunny.report.figures"]
        for assessment in self:
            date_from, date_to = assessment._year_bounds()
            pauses = Figures._pause_figures(date_from, date_to)
            # one write per distinct pair of figures, not per line
            groups = {}
            for line in assessment.line_ids:
                values = pauses.get(line.unit_id.id, {"pause_count": 0, "paused_days": 0})
                key = (values["pause_count"], values["paused_days"])
                groups[key] = groups.get(key, line.browse()) | line
            for (count, days), lines in groups.items():
                if count or days:
                    lines.write({"pause_count": count, "paused_days": days})
        return res
