from odoo import fields, models


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
    score = fields.Float(digits=(5, 2), readonly=True, aggregator="avg", help="Weighted score from 0 to 100.")
    rank = fields.Integer(
        readonly=True, aggregator=None, help="1 is the best; units with equal scores share a rank; 0: not ranked."
    )
    scored = fields.Boolean(
        readonly=True, help="False when the unit had nothing to assess in the year (no case, no follow-up)."
    )

    _sql_constraints = [
        ("unit_unique", "unique(assessment_id, unit_id)", "A unit has one line per assessment."),
    ]
