from odoo import fields, models


class SunnyReportUnitMixin(models.AbstractModel):
    """The figures of one unit over a period, shared by bulletin and assessment
    lines. See ``sunny.report.figures`` for the definition of each figure."""

    _name = "sunny.report.unit.mixin"
    _description = "Sunshine Service Unit Figures"
    _order = "sequence, id"

    sequence = fields.Integer(default=10, aggregator=None)
    unit_id = fields.Many2one("sunny.unit", string="Unit", required=True, index=True, ondelete="restrict")
    case_count = fields.Integer(string="Cases", help="Cases assigned to the unit in the period.")
    replied_count = fields.Integer(string="Answered", help="Cases whose reply the center approved in the period.")
    closed_count = fields.Integer(string="Closed", help="Cases closed in the period.")
    due_count = fields.Integer(string="Due", help="Cases with a reply or resolution deadline due in the period.")
    reply_due_count = fields.Integer(
        string="Replies Due", help="Cases whose reply deadline fell in the period and has passed or was met."
    )
    reply_on_time_count = fields.Integer(string="Replies on Time")
    reply_on_time_rate = fields.Float(
        string="On-time Reply Rate",
        digits=(5, 4),
        aggregator=None,
        help="Replies on time / replies due: the first reply came by the reply deadline.",
    )
    resolve_due_count = fields.Integer(
        string="Resolutions Due", help="Cases whose resolution deadline fell in the period and has passed or was met."
    )
    resolve_on_time_count = fields.Integer(string="Resolved on Time")
    resolve_on_time_rate = fields.Float(
        string="On-time Resolution Rate",
        digits=(5, 4),
        aggregator=None,
        help="Resolved on time / resolutions due: the reply was approved by the (extended) resolution "
        "deadline and the case is not reopened.",
    )
    overdue_count = fields.Integer(
        string="Overdue (missed a reply or resolution deadline)",
        help="Cases that missed their reply or resolution deadline due in the period: answered late, or still "
        "unanswered past it.",
    )
    extension_count = fields.Integer(string="Extensions", help="Extensions approved in the period.")
    return_count = fields.Integer(string="Returns", help="Cases the unit returned to the center in the period.")
    followup_count = fields.Integer(string="Follow-ups", help="Follow-ups of the unit's cases in the period.")
    satisfied_count = fields.Integer(
        string="Satisfied", help="Follow-ups rated very satisfied, satisfied or basically satisfied."
    )
    satisfaction_rate = fields.Float(
        string="Satisfaction Rate (basically satisfied or better / follow-ups)",
        digits=(5, 4),
        aggregator=None,
        help="Follow-ups rated very satisfied, satisfied or basically satisfied / all follow-ups.",
    )
    reopen_count = fields.Integer(
        string="Reopened", help="Follow-ups in the period that sent a case back to the unit (dissatisfied)."
    )
