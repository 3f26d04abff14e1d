from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.sunny_service.models.sunny_case import ANSWERED_STATES

from .sunny_report_figures import SATISFIED


class SunnyCaseAnalysis(models.Model):
    """Case analysis: one row per case (an SQL view) with 0/1 measures whose
    average is a rate in the pivot and graph views.

    ``reply_on_time`` is 1 when the first reply came by the reply deadline, 0 when it
    came later or the deadline passed unanswered, empty while the deadline is ahead
    (or without deadline): its average is the on-time reply rate. The same for
    ``resolve_on_time`` (resolution deadline, answered state) and ``satisfied`` (the
    last follow-up rated basically satisfied or better)."""

    _name = "sunny.case.analysis"
    _description = "Case Analysis"
    _auto = False
    _order = "received_date desc"
    _rec_name = "name"

    case_id = fields.Many2one("sunny.case", string="Case", readonly=True)
    name = fields.Char(string="Case Number", readonly=True)
    title = fields.Char(readonly=True)
    case_type = fields.Selection(
        selection=lambda self: self.env["sunny.case"]._fields["case_type"].selection, string="Type", readonly=True
    )
    channel = fields.Selection(
        selection=lambda self: self.env["sunny.case"]._fields["channel"].selection, readonly=True
    )
    state = fields.Selection(selection=lambda self: self.env["sunny.case"]._fields["state"].selection, readonly=True)
    deadline_state = fields.Selection(
        selection=lambda self: self.env["sunny.case"]._fields["deadline_state"].selection, readonly=True
    )
    satisfaction = fields.Selection(
        selection=lambda self: self.env["sunny.case"]._fields["satisfaction"].selection, readonly=True
    )
    category_id = fields.Many2one("sunny.case.category", string="Category", readonly=True)
    unit_id = fields.Many2one("sunny.unit", string="Unit", readonly=True)
    first_unit_id = fields.Many2one("sunny.unit", string="First-contact Unit", readonly=True)
    is_important = fields.Boolean(string="Supervised", readonly=True)
    is_confidential = fields.Boolean(string="Confidential", readonly=True)
    received_date = fields.Datetime(string="Received", readonly=True)
    assigned_date = fields.Datetime(string="Assigned", readonly=True)
    replied_date = fields.Datetime(string="Answered", readonly=True)
    case_count = fields.Integer(string="Cases", readonly=True, aggregator="sum")
    reply_on_time = fields.Float(string="On-time Reply Rate", readonly=True, aggregator="avg")
    resolve_on_time = fields.Float(string="On-time Resolution Rate", readonly=True, aggregator="avg")
    satisfied = fields.Float(string="Satisfaction Rate", readonly=True, aggregator="avg")
    overdue = fields.Integer(
        readonly=True,
        aggregator="sum",
        help="1 when the case missed its reply or resolution deadline.",
    )
    reply_days = fields.Float(
        string="Days to First Reply",
        readonly=True,
        aggregator="avg",
        help="Calendar days from assignment to the unit's first reply.",
    )
    return_count = fields.Integer(string="Returns", readonly=True, aggregator="sum")
    reopen_count = fields.Integer(string="Reopened", readonly=True, aggregator="sum")

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
        return SQL(
            """
            SELECT c.id, c.id AS case_id, c.name, c.title, c.case_type, c.channel, c.state, c.deadline_state,
                   c.satisfaction, c.category_id, c.unit_id, c.first_unit_id, c.is_important,
                   COALESCE(c.is_confidential, FALSE) AS is_confidential,
                   c.received_date, c.assigned_date, c.replied_date, 1 AS case_count,
                   %(reply_on_time)s AS reply_on_time,
                   %(resolve_on_time)s AS resolve_on_time,
                   CASE WHEN c.satisfaction IS NULL THEN NULL
                        WHEN c.satisfaction IN %(satisfied)s THEN 1.0 ELSE 0.0 END AS satisfied,
                   CASE WHEN (%(reply_on_time)s) = 0.0 OR (%(resolve_on_time)s) = 0.0 THEN 1 ELSE 0 END AS overdue,
                   CASE WHEN c.first_reply_date IS NOT NULL AND c.assigned_date IS NOT NULL
                        THEN EXTRACT(EPOCH FROM c.first_reply_date - c.assigned_date) / 86400.0 END AS reply_days,
                   COALESCE(c.return_count, 0) AS return_count,
                   COALESCE(c.reopen_count, 0) AS reopen_count
              FROM sunny_case c
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
