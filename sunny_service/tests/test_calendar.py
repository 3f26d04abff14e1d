"""The university's time (``sunny.calendar``): its zone, local dates, working-day
deadlines and the text the service writes, whatever the user's own time zone."""

import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import REPLY_DEADLINE, SunnyCaseCommon

dt = datetime.datetime
date = datetime.date


@tagged("sunny_deadlines")
class TestCalendar(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["sunny.holiday"].load_year(2026)
        cls.env["ir.config_parameter"].set_param("sunny_service.timezone", "Asia/Shanghai")
        # the user's own time zone never counts: Brussels is 7 hours behind Shanghai
        cls.env.user.tz = "Europe/Brussels"
        cls.Calendar = cls.env["sunny.calendar"].with_context(tz="Europe/Brussels")

    def test_time_zone_is_the_system_parameter(self):
        Calendar = self.Calendar
        Params = self.env["ir.config_parameter"]
        self.assertEqual(Calendar.tz().zone, "Asia/Shanghai")
        Params.set_param("sunny_service.timezone", False)
        self.assertEqual(Calendar.tz().zone, "Asia/Shanghai", "Asia/Shanghai when the parameter is unset")
        Params.set_param("sunny_service.timezone", "Asia/Urumqi")
        self.assertEqual(Calendar.format_local(dt(2026, 11, 26, 15, 59, 59)), "2026-11-26 21:59")
        self.assertEqual(Calendar.deadline(dt(2026, 11, 23, 2, 0), 3), dt(2026, 11, 26, 17, 59, 59))

    def test_local_dates_and_text(self):
        Calendar = self.Calendar
        # 16:30 UTC on Monday is Tuesday 00:30 in Shanghai, still Monday evening in Brussels
        self.assertEqual(Calendar.local_date(dt(2026, 11, 23, 16, 30)), date(2026, 11, 24))
        self.assertFalse(Calendar.local_date(False))
        self.assertEqual(Calendar.format_local(dt(2026, 11, 26, 15, 59, 59)), "2026-11-26 23:59")
        self.assertEqual(Calendar.format_local(dt(2026, 11, 26, 15, 59, 59), with_time=False), "2026-11-26")
        self.assertEqual(Calendar.format_local(dt(2026, 11, 26, 16, 0), with_time=False), "2026-11-27")
        self.assertEqual(Calendar.format_local(False), "")
        self.assertEqual(Calendar.to_utc(dt(2026, 11, 24, 8, 0)), dt(2026, 11, 24, 0, 0))
        with freeze_time("2026-11-23 16:30:00"):
            self.assertEqual(Calendar.today(), date(2026, 11, 24))

    def test_deadline_is_the_end_of_working_day_n(self):
        cases = [
            # (start, UTC), working days, deadline (UTC): 15:59:59 is 23:59:59 in Shanghai
            ("2026-11-23 02:00:00", 3, "2026-11-26 15:59:59"),  # Monday 10:00: Thursday
            ("2026-11-23 16:30:00", 3, "2026-11-27 15:59:59"),  # Tuesday 00:30 in Shanghai: Friday
            ("2026-11-20 02:00:00", 3, "2026-11-25 15:59:59"),  # a Friday: the weekend does not count
            ("2026-09-30 02:00:00", 3, "2026-10-10 15:59:59"),  # National Day, then the make-up Saturday
            ("2026-09-30 02:00:00", 7, "2026-10-15 15:59:59"),
            ("2026-11-23 02:00:00", 0, "2026-11-23 15:59:59"),  # day 0: the end of the day itself
        ]
        for start, days, expected in cases:
            with self.subTest(start=start, days=days):
                self.assertEqual(self.Calendar.deadline(dt.fromisoformat(start), days), dt.fromisoformat(expected))
        self.assertEqual(
            self.Calendar.deadline(date(2026, 11, 23), 3),
            dt(2026, 11, 26, 15, 59, 59),
            "a local date counts from that day",
        )

    def test_deadline_costs_no_query_once_cached(self):
        Calendar = self.Calendar
        start = dt(2026, 1, 5, 2, 0)
        Calendar.deadline(start, 1)
        with self.assertQueryCount(0):
            for offset in range(300):
                Calendar.deadline(start + datetime.timedelta(days=offset), 7)

    def test_deadline_across_a_year_without_schedule_is_an_error(self):
        self.env["sunny.holiday"].search([("year", "=", 2027)]).unlink()
        with self.assertRaisesRegex(UserError, "2027"):
            self.Calendar.deadline(dt(2026, 12, 28, 2, 0), 7)

    def test_due_soon_threshold_is_one_working_day_ahead(self):
        with freeze_time("2026-11-27 02:00:00"):  # Friday 10:00 in Shanghai
            self.assertEqual(self.Calendar.due_soon_threshold(), dt(2026, 11, 30, 2, 0), "Monday 10:00")
        with freeze_time("2026-11-23 17:00:00"):  # Tuesday 01:00 in Shanghai, Monday in Brussels
            self.assertEqual(self.Calendar.due_soon_threshold(), dt(2026, 11, 24, 17, 0), "Wednesday 01:00")

    def test_period_bounds_are_local_midnights(self):
        Calendar = self.Calendar
        self.assertEqual(
            Calendar.period_bounds(date(2026, 11, 1), date(2026, 11, 30)),
            (dt(2026, 10, 31, 16, 0), dt(2026, 11, 30, 16, 0)),
        )
        self.assertEqual(
            Calendar.period_bounds(date(2026, 11, 23), date(2026, 11, 23)),
            (dt(2026, 11, 22, 16, 0), dt(2026, 11, 23, 16, 0)),
        )


@tagged("sunny_deadlines")
class TestJobTexts(SunnyCaseCommon):
    """What the jobs write shows the university's time, not the cron user's: the
    cron runs as OdooBot, here in Brussels (7 hours behind Shanghai)."""

    SHOWN = "2026-11-26 23:59"  # REPLY_DEADLINE, 2026-11-26 15:59:59 UTC, in Shanghai

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.officer_a | cls.officer_a2 | cls.leadership).write({"email": "someone@example.com"})
        cls.env.ref("base.user_root").tz = "Europe/Brussels"

    def _cron(self, model):
        return self.env[model].with_user(self.env.ref("base.user_root")).with_context(tz="Europe/Brussels")

    def _lists(self, partner):
        """The case lists the scan sent ``partner`` (notifications on no document)."""
        return self.env["mail.message"].search(
            [("message_type", "=", "user_notification"), ("model", "=", False), ("partner_ids", "in", partner.id)]
        )

    def test_scan_notes_and_lists_show_the_university_time(self):
        with freeze_time("2026-11-23 02:00:00"):  # Monday 10:00 in Shanghai
            case = self._case_in_state("processing")
        self.assertEqual(case.deadline, REPLY_DEADLINE)
        told_before = self._lists(self.leadership.partner_id)  # the demo's overdue cases
        with freeze_time("2026-11-26 02:00:00"):  # Thursday 10:00: due soon
            self._cron("sunny.case")._cron_deadline_scan()
        with freeze_time("2026-11-27 02:00:00"):  # Friday 10:00: overdue, 催办, escalated
            self._cron("sunny.case")._cron_deadline_scan()
        self.assertEqual(case.deadline_state, "overdue")

        reminder = case.supervision_ids.filtered(lambda s: s.kind == "remind")
        self.assertEqual(reminder.note, f"Overdue since {self.SHOWN}: the unit is reminded to settle it.")
        self.assertIn(f"Overdue since {self.SHOWN}", "".join(case.message_ids.mapped("body")))

        lists = self._lists(self.officer_a.partner_id)
        self.assertEqual(len(lists), 2, "due soon, then overdue")
        leaders = self._lists(self.leadership.partner_id) - told_before
        self.assertEqual(len(leaders), 1, "the escalation")
        for body in (lists | leaders).mapped("body"):
            self.assertIn(case.name, body)
            self.assertIn(self.SHOWN, body)
            self.assertNotIn("16:59", body, "not Brussels time")

    def test_digest_shows_the_university_date_and_time(self):
        with freeze_time("2026-11-23 02:00:00"):
            case = self._case_in_state("assigned")
        # Friday 06:30 in Shanghai, still Thursday evening in Brussels
        with freeze_time("2026-11-26 22:30:00"):
            self._cron("sunny.case")._cron_deadline_scan()
            self._cron("sunny.station")._cron_daily_digest()
        digest = self.env["mail.mail"].search(
            [("subject", "ilike", "your cases"), ("recipient_ids", "in", self.officer_a.partner_id.id)]
        )
        self.assertEqual(len(digest), 1)
        self.assertIn("2026-11-27", digest.subject, "the university's date")
        self.assertIn(case.name, digest.body_html)
        self.assertIn(self.SHOWN, digest.body_html)
        self.assertEqual(self.officer_a.sunny_digest_date, date(2026, 11, 27))

    def test_calendar_check_follows_the_university_date(self):
        """From the university's 1 November the job loads next year or warns."""
        Holiday = self.env["sunny.holiday"]
        Holiday.search([("year", "=", 2027)]).unlink()
        # 1 November 06:00 in Shanghai, still 31 October in Brussels
        with freeze_time("2026-10-31 22:00:00"):
            self._cron("sunny.holiday")._cron_check_next_year()
        self.assertTrue(
            Holiday._get_year_schedule(2027) is not None
            or self.env["sunny.holiday.year"].search([("name", "=", 2027)]).activity_ids,
            "2027 is loaded, or the center managers are asked to enter it",
        )
