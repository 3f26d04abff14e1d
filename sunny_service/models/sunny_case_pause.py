import datetime

from odoo import api, fields, models

PAUSE_STATES = [
    ("waiting", "Waiting for the Submitter"),
    ("answered", "Answered"),
    ("ended", "Ended without an Answer"),
    ("closed", "Case Closed without an Answer"),
]


class SunnyCasePause(models.Model):
    """补充材料: the unit asked the submitter for missing information. While the
    question waits, the case's resolution clock stops; when it ends (answered, or
    ended otherwise), the deadlines move by the working days it lasted."""

    _name = "sunny.case.pause"
    _description = "Request for Information"
    _inherit = ["sunny.case.record.mixin"]
    _order = "date desc, id desc"

    # the record mixin's author and date: who asked, and when
    question = fields.Text(required=True)
    answer = fields.Text(readonly=True)
    state = fields.Selection(PAUSE_STATES, default="waiting", required=True, index=True, readonly=True)
    date_end = fields.Datetime(string="Ended", readonly=True, index=True)
    days = fields.Integer(
        string="Working Days Waited",
        readonly=True,
        help="Working days from the question to its end, on China's calendar: the deadlines moved by as many.",
    )
    close_after = fields.Date(
        string="May Be Closed From",
        readonly=True,
        index=True,
        help="Without an answer by this day, the center is reminded and may close the case.",
    )
    reminded = fields.Boolean(readonly=True, help="The center was given a to-do about the unanswered question.")
    end_note = fields.Text(string="How It Ended", readonly=True)
    resolve_deadline_before = fields.Datetime(string="Resolution Deadline Before", readonly=True)
    resolve_deadline_after = fields.Datetime(string="Resolution Deadline After", readonly=True)

    def init(self):
        # one question waits at a time per case, whatever runs concurrently
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS sunny_case_pause_one_waiting_idx "
            "ON sunny_case_pause (case_id) WHERE state = 'waiting'"
        )

    @api.depends("case_id.name")
    def _compute_display_name(self):
        for pause in self:
            pause.display_name = self.env._("Request for Information %s", pause.case_id.name or "")

    def _workflow_only_error(self):
        return self.env._("Requests for information change only through the workflow of the case.")

    @api.model
    def _workdays_between(self, start, end):
        """Working days after the local day of ``start`` up to the local day of ``end``
        (naive UTC datetimes): asked and answered the same day is 0; asked on the day
        before a holiday week and answered the first day after it is 1. No query once
        the years' schedules are cached."""
        Calendar = self.env["sunny.calendar"]
        Holiday = self.env["sunny.holiday"]
        day, last = Calendar.local_date(start), Calendar.local_date(end)
        count = 0
        while day < last:
            day += datetime.timedelta(days=1)
            if Holiday.is_workday(day):
                count += 1
        return count
