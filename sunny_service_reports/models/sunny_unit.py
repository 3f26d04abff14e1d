import datetime

from odoo import api, fields, models

from odoo.addons.sunny_service.models.sunny_case import UNIT_STATES


class SunnyUnit(models.Model):
    _inherit = "sunny.unit"

    # the leadership's scoreboard: this year's figures, by SQL aggregates for all units at once
    year_case_count = fields.Integer(compute="_compute_year_figures", string="Cases This Year")
    year_overdue_count = fields.Integer(compute="_compute_year_figures", string="Overdue This Year")
    year_reply_on_time_rate = fields.Float(compute="_compute_year_figures", string="On-time Reply Rate")
    year_resolve_on_time_rate = fields.Float(compute="_compute_year_figures", string="On-time Resolution Rate")
    year_satisfaction_rate = fields.Float(compute="_compute_year_figures", string="Satisfaction Rate")
    overdue_now_count = fields.Integer(compute="_compute_year_figures", string="Overdue Now")

    @api.depends_context("uid")
    def _compute_year_figures(self):
        """Read from ``sunny.case.analysis`` with the reader's rights: the leadership's
        scoreboard leaves confidential cases out as its access does."""
        Analysis = self.env["sunny.case.analysis"]
        Case = self.env["sunny.case"]
        if not (Analysis.has_access("read") and Case.has_access("read")):
            # a handler reading a unit: no statistics for them
            for unit in self:
                unit.year_case_count = unit.year_overdue_count = unit.overdue_now_count = 0
                unit.year_reply_on_time_rate = unit.year_resolve_on_time_rate = unit.year_satisfaction_rate = 0.0
            return
        Calendar = self.env["sunny.calendar"]
        today = Calendar.today()
        start, _end = Calendar.period_bounds(datetime.date(today.year, 1, 1), today)
        rows = {
            unit: (count, overdue, reply, resolve, satisfied)
            for unit, count, overdue, reply, resolve, satisfied in Analysis._read_group(
                [("unit_id", "in", self.ids), ("assigned_date", ">=", start)],
                ["unit_id"],
                ["case_count:sum", "overdue:sum", "reply_on_time:avg", "resolve_on_time:avg", "satisfied:avg"],
            )
        }
        overdue_now = dict(
            Case._read_group(
                [
                    ("unit_id", "in", self.ids),
                    ("deadline_state", "=", "overdue"),
                    ("state", "in", UNIT_STATES),
                ],
                ["unit_id"],
                ["__count"],
            )
        )
        for unit in self:
            count, overdue, reply, resolve, satisfied = rows.get(unit, (0, 0, 0.0, 0.0, 0.0))
            unit.year_case_count = count or 0
            unit.year_overdue_count = overdue or 0
            unit.year_reply_on_time_rate = reply or 0.0
            unit.year_resolve_on_time_rate = resolve or 0.0
            unit.year_satisfaction_rate = satisfied or 0.0
            unit.overdue_now_count = overdue_now.get(unit, 0)
