from odoo import api, fields, models
from odoo.tools import SQL


class SunnyAssessmentLine(models.Model):
    """One unit in an annual assessment: the year's figures (definitions in
    ``sunny.report.figures``), the weighted score and the rank. Frozen with its
    assessment."""

    _name = "sunny.assessment.line"
    _description = "Assessment Unit Line"
    _inherit = ["sunny.report.unit.mixin", "sunny.report.frozen.mixin"]
    _report_field = "assessment_id"
    _order = "assessment_id, sequence, id"

    assessment_id = fields.Many2one("sunny.assessment", required=True, index=True, ondelete="cascade")
    year = fields.Integer(related="assessment_id.year", store=True, aggregator=None)
    state = fields.Selection(related="assessment_id.state")
    score = fields.Float(
        digits=(5, 2), readonly=True, aggregator="avg", help="Weighted score from 0 to 100; empty when no case was due."
    )
    rank = fields.Integer(
        readonly=True,
        aggregator=None,
        help="1 is the best; units with equal scores share a rank; empty for a unit not ranked (see why).",
    )
    scored = fields.Boolean(readonly=True, help="False when no case of the unit was due in the year.")
    unranked_reason = fields.Selection(
        [("no_due", "No case due"), ("few_due", "Too few cases due")],
        string="Not Ranked",
        readonly=True,
        help="Why the unit has no rank: no case of it was due in the year, or fewer than the assessment's minimum.",
    )
    rank_note = fields.Char(compute="_compute_rank_note", string="Not Ranked Because")

    _sql_constraints = [
        ("unit_unique", "unique(assessment_id, unit_id)", "A unit has one line per assessment."),
    ]

    @api.depends("unranked_reason", "assessment_id.rank_min_due")
    @api.depends_context("lang")
    def _compute_rank_note(self):
        for line in self:
            if line.unranked_reason == "no_due":
                line.rank_note = self.env._("No case due")
            elif line.unranked_reason == "few_due":
                line.rank_note = self.env._(
                    "Fewer than %(count)s cases due (%(due)s)",
                    count=line.assessment_id.rank_min_due,
                    due=line.due_count,
                )
            else:
                line.rank_note = False

    def _store_unranked(self):
        """Rank and score NULL, not the ORM's 0, for the units without them (one
        UPDATE): no "0" rank anywhere, and the average score of the pivot counts the
        scored units only."""
        if not self:
            return
        self.flush_recordset()
        self.env.cr.execute(
            SQL(
                """
            UPDATE sunny_assessment_line
               SET rank = CASE WHEN unranked_reason IS NULL THEN rank END,
                   score = CASE WHEN scored THEN score END
             WHERE id = ANY(%s)
            """,
                self.ids,
            )
        )
        self.invalidate_recordset(["rank", "score"])
