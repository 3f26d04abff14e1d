from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.sunny_service.models.sunny_case import ANSWERED_STATES

from .sunny_report_figures import SATISFIED


def _case_selection(field_name):
    """The selection of ``sunny.case``'s field, labels in the reader's language.

    Not a copy of the list: a selection list of this model would be reflected as
    this module's ``ir.model.fields.selection`` records, translated only by this
    module's .po, and a callable selection is never translated by Odoo. The case's
    own field gives the labels ``sunny_service`` translates (and any value another
    module adds to it)."""

    def selection(model):
        return model.env["sunny.case"]._fields[field_name]._description_selection(model.env)

    return selection


class SunnyCaseAnalysis(models.Model):
    """Case analysis (an SQL view): one row per case, and one row per follow-up
    (回访) of a case, with 0/1 measures whose averages are the rates of the
    bulletin and the assessment (definitions: ``sunny.report.figures``).

    ``reply_on_time`` is 1 when the first reply came by the reply deadline, 0 when it
    came later or the deadline passed unanswered, empty while the deadline is ahead
    (or without deadline): its average is the on-time reply rate. The same for
    ``resolve_on_time`` (resolution deadline, answered state). ``overdue`` is 1 for a
    case that missed one of the two. These are on the case rows.

    ``satisfied`` is 1 for a follow-up rated basically satisfied or better, 0 for a
    dissatisfied one: on the follow-up rows, so that its average is satisfied
    follow-ups / follow-ups, as in the bulletin and the assessment (a case reopened
    and settled counts twice); ``reopen_count`` counts the follow-ups that reopened
    a case. A follow-up row carries its case's type, category, dates and
    confidentiality, the unit it was made for, and counts no case
    (``case_count`` 0)."""

    _name = "sunny.case.analysis"
    _description = "Case Analysis"
    _auto = False
    _order = "received_date desc, id"
    _rec_name = "name"

    row_type = fields.Selection([("case", "Case"), ("followup", "Follow-up")], string="Row", readonly=True)
    case_id = fields.Many2one("sunny.case", string="Case", readonly=True)
    name = fields.Char(string="Case Number", readonly=True)
    title = fields.Char(readonly=True)
    case_type = fields.Selection(selection=_case_selection("case_type"), string="Type", readonly=True)
    channel = fields.Selection(selection=_case_selection("channel"), readonly=True)
    state = fields.Selection(selection=_case_selection("state"), readonly=True)
    deadline_state = fields.Selection(selection=_case_selection("deadline_state"), readonly=True)
    satisfaction = fields.Selection(
        selection=_case_selection("satisfaction"),
        readonly=True,
        help="On a case row its last follow-up's rating; on a follow-up row that follow-up's.",
    )
    category_id = fields.Many2one("sunny.case.category", string="Category", readonly=True)
    unit_id = fields.Many2one("sunny.unit", string="Unit", readonly=True)
    first_unit_id = fields.Many2one("sunny.unit", string="First-contact Unit", readonly=True)
    is_important = fields.Boolean(string="Supervised", readonly=True)
    is_confidential = fields.Boolean(string="Confidential", readonly=True)
    received_date = fields.Datetime(string="Received on", readonly=True)
    assigned_date = fields.Datetime(string="Assigned on", readonly=True)
    replied_date = fields.Datetime(string="Answered on", readonly=True)
    followup_date = fields.Datetime(string="Followed up on", readonly=True)
    case_count = fields.Integer(string="Cases", readonly=True, aggregator="sum")
    followup_count = fields.Integer(string="Follow-ups", readonly=True, aggregator="sum")
    reply_due_count = fields.Integer(
        string="Replies Due",
        readonly=True,
        aggregator="sum",
        help="1 when the reply deadline passed or the unit replied.",
    )
    resolve_due_count = fields.Integer(
        string="Resolutions Due",
        readonly=True,
        aggregator="sum",
        help="1 when the resolution deadline passed or the case is answered.",
    )
    reply_on_time = fields.Float(
        string="On-time Reply Rate",
        readonly=True,
        aggregator="avg",
        help="Replies on time / replies due (deadline passed or reply given).",
    )
    resolve_on_time = fields.Float(
        string="On-time Resolution Rate",
        readonly=True,
        aggregator="avg",
        help="Resolved on time / resolutions due (deadline passed or case answered).",
    )
    satisfied = fields.Float(
        string="Satisfaction Rate (basically satisfied or better / follow-ups)",
        readonly=True,
        aggregator="avg",
        help="Follow-ups rated very satisfied, satisfied or basically satisfied / all follow-ups.",
    )
    overdue = fields.Integer(
        string="Overdue (missed a reply or resolution deadline)",
        readonly=True,
        aggregator="sum",
        help="Cases answered after their reply or resolution deadline, or still unanswered past it.",
    )
    reply_days = fields.Float(
        string="Days to First Reply",
        readonly=True,
        aggregator="avg",
        help="Calendar days from assignment to the unit's first reply.",
    )
    return_count = fields.Integer(string="Returns", readonly=True, aggregator="sum")
    reopen_count = fields.Integer(
        string="Reopened", readonly=True, aggregator="sum", help="Follow-ups that sent the case back to the unit."
    )

    @property
    def _table_query(self):
        now = SQL("(now() AT TIME ZONE 'UTC')")
        live = SQL("c.state NOT IN ('rejected', 'cancelled')")
        answered = SQL("c.state IN %s", ANSWERED_STATES)
        reply_on_time = SQL(
            """CASE WHEN NOT %(live)s OR c.reply_deadline IS NULL THEN NULL
                    WHEN c.first_reply_date <= c.reply_deadline THEN 1.0
                    WHEN c.first_reply_date IS NOT NULL OR c.reply_deadline < %(now)s THEN 0.0
               END""",
            live=live,
            now=now,
        )
        resolve_on_time = SQL(
            """CASE WHEN NOT %(live)s OR c.resolve_deadline IS NULL THEN NULL
                    WHEN %(answered)s AND c.replied_date <= c.resolve_deadline THEN 1.0
                    WHEN %(answered)s OR c.resolve_deadline < %(now)s THEN 0.0
               END""",
            live=live,
            answered=answered,
            now=now,
        )
        # ids: 2 × case id for a case row, 2 × follow-up id + 1 for a follow-up row
        return SQL(
            """
            SELECT c.id * 2 AS id, 'case' AS row_type, c.id AS case_id, c.name, c.title, c.case_type, c.channel,
                   c.state, c.deadline_state, c.satisfaction, c.category_id, c.unit_id, c.first_unit_id,
                   c.is_important, COALESCE(c.is_confidential, FALSE) AS is_confidential,
                   c.received_date, c.assigned_date, c.replied_date, NULL::timestamp AS followup_date,
                   1 AS case_count, 0 AS followup_count,
                   CASE WHEN (%(reply_on_time)s) IS NULL THEN 0 ELSE 1 END AS reply_due_count,
                   CASE WHEN (%(resolve_on_time)s) IS NULL THEN 0 ELSE 1 END AS resolve_due_count,
                   %(reply_on_time)s AS reply_on_time,
                   %(resolve_on_time)s AS resolve_on_time,
                   NULL::numeric AS satisfied,
                   CASE WHEN (%(reply_on_time)s) = 0.0 OR (%(resolve_on_time)s) = 0.0 THEN 1 ELSE 0 END AS overdue,
                   CASE WHEN c.first_reply_date IS NOT NULL AND c.assigned_date IS NOT NULL
                        THEN EXTRACT(EPOCH FROM c.first_reply_date - c.assigned_date) / 86400.0 END AS reply_days,
                   COALESCE(c.return_count, 0) AS return_count,
                   0 AS reopen_count
              FROM sunny_case c
            UNION ALL
            SELECT f.id * 2 + 1, 'followup', c.id, c.name, c.title, c.case_type, c.channel,
                   c.state, c.deadline_state, f.satisfaction, c.category_id, f.unit_id, c.first_unit_id,
                   c.is_important, COALESCE(c.is_confidential, FALSE),
                   c.received_date, c.assigned_date, c.replied_date, f.date,
                   0, 1, 0, 0, NULL, NULL,
                   CASE WHEN f.satisfaction IN %(satisfied)s THEN 1.0 ELSE 0.0 END,
                   0, NULL, 0,
                   CASE WHEN f.reopened THEN 1 ELSE 0 END
              FROM sunny_case_followup f
              JOIN sunny_case c ON c.id = f.case_id
            """,
            reply_on_time=reply_on_time,
            resolve_on_time=resolve_on_time,
            satisfied=SATISFIED,
        )

    def action_open_case(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sunny.case",
            "res_id": self.case_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
