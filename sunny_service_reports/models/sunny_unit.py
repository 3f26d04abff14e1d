import datetime

from odoo import api, fields, models

FIGURE_HELP = "This year's figure as the annual assessment counts it (confidential cases counted, never named)."


class SunnyUnit(models.Model):
    _inherit = "sunny.unit"

    # the leadership's scoreboard: this year's figures, those of the assessment
    year_case_count = fields.Integer(
        compute="_compute_year_figures", string="Cases This Year", help="Cases assigned to the unit this year."
    )
    year_overdue_count = fields.Integer(
        compute="_compute_year_figures",
        string="Overdue This Year (missed a reply or resolution deadline)",
        help="Cases whose reply or resolution deadline fell this year and that missed it: answered late, or "
        "still unanswered past it. " + FIGURE_HELP,
    )
    year_reply_due_count = fields.Integer(compute="_compute_year_figures", string="Replies Due This Year")
    year_reply_on_time_rate = fields.Float(
        compute="_compute_year_figures",
        string="On-time Reply Rate",
        help="Replies on time / replies due this year; empty when no reply was due. " + FIGURE_HELP,
    )
    year_resolve_due_count = fields.Integer(compute="_compute_year_figures", string="Resolutions Due This Year")
    year_resolve_on_time_rate = fields.Float(
        compute="_compute_year_figures",
        string="On-time Resolution Rate",
        help="Resolved on time / resolutions due this year; empty when no resolution was due. " + FIGURE_HELP,
    )
    year_followup_count = fields.Integer(compute="_compute_year_figures", string="Follow-ups This Year")
    year_satisfaction_rate = fields.Float(
        compute="_compute_year_figures",
        string="Satisfaction Rate (basically satisfied or better / follow-ups)",
        help="Follow-ups this year rated very satisfied, satisfied or basically satisfied / all follow-ups; "
        "empty without follow-up. " + FIGURE_HELP,
    )
    overdue_now_count = fields.Integer(
        compute="_compute_year_figures",
        string="Overdue Now (open past the deadline)",
        help="Cases of the unit still open past their current deadline, as the bulletin counts them.",
    )

    @api.depends_context("uid")
    def _compute_year_figures(self):
        """This year's figures by ``sunny.report.figures``, the same as the annual
        assessment computed now (one year, counted as a whole), for all units at
        once by aggregates; for the readers of the statistics only (a handler reading
        a unit gets none)."""
        names = [name for name, field in self._fields.items() if field.compute == "_compute_year_figures"]
        if not (self.env["sunny.case.analysis"].has_access("read") and self.ids):
            for unit in self:
                unit.update(dict.fromkeys(names, 0))
            return
        Figures = self.env["sunny.report.figures"]
        year = self.env["sunny.calendar"].today().year
        now = fields.Datetime.now()
        figures = Figures._unit_figures(datetime.date(year, 1, 1), datetime.date(year, 12, 31), now, self.ids)
        overdue_now = dict(
            self.env["sunny.case"]
            .sudo()
            ._read_group(Figures._overdue_now_domain(now) + [("unit_id", "in", self.ids)], ["unit_id"], ["__count"])
        )
        for unit in self:
            values = figures.get(unit.id) or {}
            unit.update(
                {
                    "year_case_count": values.get("case_count", 0),
                    "year_overdue_count": values.get("overdue_count", 0),
                    "year_reply_due_count": values.get("reply_due_count", 0),
                    "year_reply_on_time_rate": values.get("reply_on_time_rate") or 0.0,
                    "year_resolve_due_count": values.get("resolve_due_count", 0),
                    "year_resolve_on_time_rate": values.get("resolve_on_time_rate") or 0.0,
                    "year_followup_count": values.get("followup_count", 0),
                    "year_satisfaction_rate": values.get("satisfaction_rate") or 0.0,
                    "overdue_now_count": overdue_now.get(unit.sudo(), 0),
                }
            )
