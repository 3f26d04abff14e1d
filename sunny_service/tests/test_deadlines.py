"""Deadlines on China's working calendar, extensions, and the scheduled jobs."""

import datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SunnyCaseCommon


def utc(local_text):
    """A Beijing wall-clock time as the naive UTC datetime Odoo stores."""
    return datetime.datetime.fromisoformat(local_text) - datetime.timedelta(hours=8)


def end_of(day_text):
    return utc(f"{day_text} 23:59:59")


@tagged("sunny_deadlines")
class TestWorkingCalendar(SunnyCaseCommon):
    def test_add_workdays_across_holidays_and_makeup_days(self):
        Holiday = self.env["sunny.holiday"]
        cases = [
            # (day, n, expected): National Day week, then the make-up Saturday 10-10
            ("2026-09-30", 1, "2026-10-08"),
            ("2026-09-30", 3, "2026-10-10"),
            ("2026-09-30", 7, "2026-10-15"),
            # Spring Festival: Saturday 02-14 is worked, then nine days off
            ("2026-02-13", 1, "2026-02-14"),
            ("2026-02-13", 3, "2026-02-25"),
            ("2026-02-13", 7, "2026-03-02"),
            # a Friday: the weekend does not count
            ("2026-11-20", 3, "2026-11-25"),
            # the make-up Sunday 09-20 counts, the Mid-Autumn Friday 09-25 does not
            ("2026-09-18", 1, "2026-09-20"),
            ("2026-09-18", 7, "2026-09-29"),
            ("2026-11-23", 0, "2026-11-23"),
        ]
        for day, n, expected in cases:
            with self.subTest(day=day, n=n):
                self.assertEqual(
                    Holiday.add_workdays(datetime.date.fromisoformat(day), n), datetime.date.fromisoformat(expected)
                )

    def test_add_workdays_costs_no_query_once_cached(self):
        Holiday = self.env["sunny.holiday"]
        start = datetime.date(2026, 1, 5)
        Holiday.add_workdays(start, 1)
        with self.assertQueryCount(0):
            for offset in range(300):
                Holiday.add_workdays(start + datetime.timedelta(days=offset), 7)

    def test_year_without_schedule_is_an_error(self):
        Holiday = self.env["sunny.holiday"]
        Holiday.search([("year", "=", 2027)]).unlink()
        with self.assertRaisesRegex(UserError, "2027"):
            Holiday.add_workdays(datetime.date(2026, 12, 28), 7)

    def test_load_year_is_idempotent_and_keeps_edits(self):
        Holiday = self.env["sunny.holiday"]
        national = Holiday.search([("date", "=", "2026-10-01")])
        national.name = "国庆节（校历）"
        count = Holiday.search_count([("year", "=", 2026)])
        self.assertFalse(Holiday.load_year(2026), "a second load creates nothing")
        self.assertEqual(Holiday.search_count([("year", "=", 2026)]), count)
        self.assertEqual(national.name, "国庆节（校历）")
        makeup = Holiday.search([("date", "=", "2026-10-10")])
        self.assertEqual(makeup.kind, "workday")

    def test_duplicate_or_wrong_days_are_refused(self):
        Holiday = self.env["sunny.holiday"]
        count = Holiday.search_count([])
        bad = [
            ("2026-10-01", [{"date": "2026-10-01", "kind": "holiday", "name": "again"}]),
            ("2027-03-03", [{"date": "2027-03-03", "name": "x"}, {"date": "2027-03-03", "name": "y"}]),
            ("weekday", [{"date": "2027-03-03", "kind": "workday", "name": "not a weekend"}]),
            ("weekend", [{"date": "2027-03-06", "kind": "holiday", "name": "a Saturday"}]),
        ]
        for message, vals_list in bad:
            with self.subTest(message=message), self.assertRaisesRegex(ValidationError, message):
                with self.env.cr.savepoint():
                    Holiday.create(vals_list)
        self.assertEqual(Holiday.search_count([]), count)

    def test_year_wizard(self):
        Holiday = self.env["sunny.holiday"]
        Holiday.search([("year", "=", 2027)]).unlink()
        wizard = (
            self.env["sunny.holiday.year.wizard"]
            .with_user(self.center_manager)
            .create(
                {
                    "year": 2027,
                    "holiday_lines": "2027-01-01 元旦\n2027年10月1日 国庆节\n",
                    "workday_lines": "2027-09-26 国庆节调休",
                }
            )
        )
        wizard.action_confirm()
        days = Holiday.search([("year", "=", 2027)])
        self.assertEqual(len(days), 3)
        self.assertEqual(days.filtered(lambda d: d.kind == "workday").date, datetime.date(2027, 9, 26))
        bad = self.env["sunny.holiday.year.wizard"].create({"year": 2027, "holiday_lines": "2027-02-30 nope"})
        with self.assertRaisesRegex(UserError, "not a date"):
            bad.action_confirm()
        other_year = self.env["sunny.holiday.year.wizard"].create({"year": 2027, "holiday_lines": "2028-01-01 元旦"})
        with self.assertRaisesRegex(UserError, "not in 2027"):
            other_year.action_confirm()
        self.assertEqual(Holiday.search_count([("year", "=", 2027)]), 3)


@tagged("sunny_deadlines")
class TestDeadlines(SunnyCaseCommon):
    def _assign_at(self, local_text, **vals):
        with freeze_time(utc(local_text)):
            case = self._case_in_state("assigned", **vals)
        return case

    def test_deadlines_by_day_of_assignment(self):
        cases = [
            # (assigned, Beijing time), reply deadline day, resolution deadline day
            ("2026-09-30 10:00:00", "2026-10-10", "2026-10-15"),  # before National Day
            ("2026-10-01 10:00:00", "2026-10-10", "2026-10-15"),  # on the holiday itself
            ("2026-02-13 16:00:00", "2026-02-25", "2026-03-02"),  # Friday before Spring Festival
            ("2026-11-20 10:00:00", "2026-11-25", "2026-12-01"),  # a Friday
            ("2026-09-18 10:00:00", "2026-09-22", "2026-09-29"),  # before a make-up Sunday
            ("2026-11-23 23:30:00", "2026-11-26", "2026-12-02"),  # Monday evening
            ("2026-11-24 00:30:00", "2026-11-27", "2026-12-03"),  # past midnight: Tuesday
        ]
        for assigned, reply_day, resolve_day in cases:
            with self.subTest(assigned=assigned):
                case = self._assign_at(assigned)
                self.assertEqual(case.assigned_date, utc(assigned))
                self.assertEqual(case.reply_deadline, end_of(reply_day))
                self.assertEqual(case.resolve_deadline, end_of(resolve_day))
                self.assertEqual(case.deadline_state, "on_time")

    def test_deadline_rule_per_case_type(self):
        self.env.ref("sunny_service.deadline_rule_consultation").write({"reply_days": 1, "resolve_days": 2})
        consultation = self._assign_at("2026-11-23 10:00:00", case_type="consultation")
        complaint = self._assign_at("2026-11-23 10:00:00", case_type="complaint")
        self.assertEqual(consultation.reply_deadline, end_of("2026-11-24"))
        self.assertEqual(consultation.resolve_deadline, end_of("2026-11-25"))
        self.assertEqual(complaint.reply_deadline, end_of("2026-11-26"))
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self.env.ref("sunny_service.deadline_rule_complaint").write({"reply_days": 5, "resolve_days": 3})

    def test_assignment_across_a_missing_year_changes_nothing(self):
        self.env["sunny.holiday"].search([("year", "=", 2027)]).unlink()
        with freeze_time(utc("2026-12-28 10:00:00")):
            case = self._case_in_state("registered")
            snapshot = self._snapshot(case)
            with self.assertRaisesRegex(UserError, "2027"):
                self._as(case, self.center_staff).action_assign(self.unit_a)
            self.assertUnchanged(case, snapshot)

    def test_done_on_time_and_late(self):
        case = self._assign_at("2026-11-23 10:00:00")
        with freeze_time(utc("2026-12-02 18:00:00")):
            self._step(case, "accept")
            self._step(case, "reply")
            self._step(case, "approve")
        self.assertEqual(case.deadline_state, "done_on_time")
        late = self._assign_at("2026-11-23 10:00:00")
        with freeze_time(utc("2026-12-03 09:00:00")):
            self._step(late, "accept")
            self._step(late, "reply")
            self._step(late, "approve")
        self.assertEqual(late.deadline_state, "done_late")


@tagged("sunny_deadlines")
class TestExtensions(SunnyCaseCommon):
    def setUp(self):
        super().setUp()
        with freeze_time(utc("2026-11-23 10:00:00")):
            self.case = self._case_in_state("processing")

    def _request(self, when, days=2, reason="The supplier delivers next week."):
        with freeze_time(utc(when)):
            return self._as(self.case, self.officer_a).action_request_extension(days, reason)

    def test_approved_extension_moves_the_resolution_deadline(self):
        request = self._request("2026-11-26 17:00:00", days=3)
        self.assertEqual(request.state, "pending")
        self.assertEqual(self.case.resolve_deadline, end_of("2026-12-02"), "unchanged until approved")
        with self.assertRaises(AccessError):
            self._as(request, self.center_staff).action_approve()
        self._as(request, self.center_manager).action_approve("Agreed.")
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.old_deadline, end_of("2026-12-02"))
        self.assertEqual(self.case.resolve_deadline, end_of("2026-12-07"))
        bodies = " ".join(self.case.message_ids.mapped("body"))
        self.assertIn("Extension approved", bodies)
        with self.assertRaisesRegex(UserError, "already decided"):
            self._as(request, self.center_manager).action_refuse("too late")

    def test_refused_extension_keeps_the_deadline(self):
        request = self._request("2026-11-24 09:00:00")
        with self.assertRaisesRegex(UserError, "reason"):
            self._as(request, self.center_manager).action_refuse("")
        self._as(request, self.center_manager).action_refuse("Finish on time.")
        self.assertEqual(request.state, "refused")
        self.assertEqual(self.case.resolve_deadline, end_of("2026-12-02"))

    def test_bad_requests_change_nothing(self):
        snapshot = self._snapshot(self.case)
        bad = [
            ("2026-11-27 09:00:00", 2, "late", "within 3 working days"),
            ("2026-11-24 09:00:00", 0, "zero", "positive"),
            ("2026-11-24 09:00:00", -2, "negative", "positive"),
            ("2026-11-24 09:00:00", 2, "   ", "reason"),
        ]
        for when, days, reason, message in bad:
            with self.subTest(days=days, reason=reason):
                with self.assertRaisesRegex(UserError, message):
                    self._request(when, days=days, reason=reason)
        with self.assertRaises(AccessError):
            with freeze_time(utc("2026-11-24 09:00:00")):
                self._as(self.case, self.officer_b).action_request_extension(2, "not my unit")
        self.assertUnchanged(self.case, snapshot)

    def test_no_extension_for_a_closed_case(self):
        with freeze_time(utc("2026-11-24 09:00:00")):
            self._step(self.case, "reply")
            self._step(self.case, "approve")
            self._step(self.case, "follow_up")
            with self.assertRaisesRegex(UserError, "cannot be extended"):
                self._as(self.case, self.officer_a).action_request_extension(2, "too late")


@tagged("sunny_deadlines")
class TestDeadlineJobs(SunnyCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.officer_a | cls.officer_a2 | cls.officer_b | cls.leadership | cls.center_manager).write(
            {"email": "someone@example.com"}
        )

    def _counts(self):
        return (
            self.env["mail.message"].search_count([]),
            self.env["mail.activity"].search_count([]),
            self.env["sunny.case.supervision"].search_count([]),
            self.env["mail.mail"].search_count([]),
        )

    def test_scan_marks_reminds_escalates_once(self):
        Case = self.env["sunny.case"]
        with freeze_time(utc("2026-11-23 10:00:00")):
            case = self._case_in_state("processing")
            other = self._case_in_state("processing")
            self._step(other, "reply")  # replied in time: the resolution deadline counts now
            closed = self._case_in_state("closed")
        with freeze_time(utc("2026-11-25 10:00:00")):
            Case._cron_deadline_scan()
            self.assertEqual(case.deadline_state, "on_time")
        with freeze_time(utc("2026-11-26 10:00:00")):
            activities = len(case.activity_ids)
            Case._cron_deadline_scan()
            self.assertEqual(case.deadline_state, "due_soon")
            self.assertEqual(other.deadline_state, "on_time")
            self.assertEqual(len(case.activity_ids), activities + 2, "a to-do for each officer of unit A")
            self.assertIn(self.officer_a, case.activity_ids.user_id)
            before = self._counts()
            Case._cron_deadline_scan()
            self.assertEqual(self._counts(), before, "a second run sends nothing")
        with freeze_time(utc("2026-11-27 10:00:00")):
            Case._cron_deadline_scan()
            self.assertEqual(case.deadline_state, "overdue")
            self.assertEqual(set(case.supervision_ids.mapped("kind")), {"remind", "escalate"})
            self.assertTrue(case.escalated_date)
            notified = self.env["mail.message"].search(
                [
                    ("model", "=", "sunny.case"),
                    ("res_id", "=", case.id),
                    ("partner_ids", "in", self.leadership.partner_id.id),
                ]
            )
            self.assertTrue(notified, "the leadership is told")
            before = self._counts()
            Case._cron_deadline_scan()
            self.assertEqual(self._counts(), before, "a second run the same day sends nothing")
        with freeze_time(utc("2026-11-30 10:00:00")):
            Case._cron_deadline_scan()
            kinds = case.supervision_ids.mapped("kind")
            self.assertEqual(kinds.count("remind"), 2, "reminded again the next day it runs")
            self.assertEqual(kinds.count("escalate"), 1, "escalated once")
        self.assertEqual(closed.deadline_state, "done_on_time")
        self.assertFalse(closed.supervision_ids)

    def _notifications(self, partner):
        """Deadline notifications (not on a document) that reached ``partner``."""
        return self.env["mail.message"].search(
            [("message_type", "=", "user_notification"), ("model", "=", False), ("partner_ids", "in", partner.id)]
        )

    def test_scan_sends_one_notification_per_officer_group(self):
        with freeze_time(utc("2026-11-23 10:00:00")):
            cases = self._case_in_state("processing", count=3)
            other_unit = self._case_in_state("processing", unit=self.unit_b)
        with freeze_time(utc("2026-11-26 10:00:00")):
            self.env["sunny.case"]._cron_deadline_scan()
            due = self._notifications(self.officer_a.partner_id)
            self.assertEqual(len(due), 1, "one 'due soon' notification for the three cases")
            self.assertEqual(due.partner_ids, (self.officer_a | self.officer_a2).partner_id)
            for case in cases:
                self.assertIn(case.name, due.body)
            self.assertNotIn(other_unit.name, due.body, "unit B's case goes to unit B's officers only")
            self.assertEqual(len(cases.activity_ids.filtered(lambda a: a.summary.startswith("Due soon"))), 6)
        with freeze_time(utc("2026-11-27 10:00:00")):
            told_before = self._notifications(self.leadership.partner_id)  # the demo's overdue cases
            self.env["sunny.case"]._cron_deadline_scan()
            overdue = self._notifications(self.officer_a.partner_id) - due
            self.assertEqual(len(overdue), 1, "one 催办 notification listing the overdue cases")
            self.assertTrue(all(case.name in overdue.body for case in cases))
            leaders = self._notifications(self.leadership.partner_id) - told_before
            self.assertEqual(len(leaders), 1, "the leadership gets one list, not a mail per case")
            self.assertTrue(all(case.name in leaders.body for case in cases | other_unit))
            for case in cases:
                notes = case.message_ids.mapped("body")
                self.assertTrue(any("Overdue since" in note for note in notes), "the 催办 is in the chatter")
                self.assertTrue(any("Overdue: reported to the leadership." in note for note in notes))

    def test_scan_query_count_does_not_grow_with_the_cases(self):
        """The scan costs the same number of queries for 2 cases as for 6 (per batch,
        per group of officers), and a run with nothing to do is pinned."""
        Case = self.env["sunny.case"]

        def queries_to_scan(count, day):
            with freeze_time(utc("2026-11-23 10:00:00")):
                self._case_in_state("processing", count=count)
            with freeze_time(utc(day)):
                self.env.flush_all()
                self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                Case._cron_deadline_scan()
                self.env.flush_all()
                return self.env.cr.sql_log_count - before

        with self.subTest("due soon"):
            # the first batch also loads what the later ones find in caches: compare 2 and 6
            queries_to_scan(1, "2026-11-26 10:00:00")
            self.assertEqual(queries_to_scan(2, "2026-11-26 11:00:00"), queries_to_scan(6, "2026-11-26 12:00:00"))
        with freeze_time(utc("2026-11-27 10:00:00")):
            Case._cron_deadline_scan()  # everything overdue, reminded and escalated
            self.env.flush_all()
            self.env.invalidate_all()
            # the three searches of the cases and the one of the co-handling opinions
            with self.assertQueryCount(4):
                Case._cron_deadline_scan()

    def test_extension_brings_an_overdue_case_back(self):
        with freeze_time(utc("2026-11-23 10:00:00")):
            case = self._case_in_state("processing")
            self._step(case, "reply")
            self._step(case, "approve")
        # reopened by a dissatisfied follow-up: back to the unit, resolution deadline counts
        with freeze_time(utc("2026-11-24 10:00:00")):
            self._as(case, self.center_staff).action_follow_up("dissatisfied", "Still no hot water.")
            request = self._as(case, self.officer_a).action_request_extension(5, "Parts on order.")
        with freeze_time(utc("2026-12-03 10:00:00")):
            self.env["sunny.case"]._cron_deadline_scan()
            self.assertEqual(case.deadline_state, "overdue")
            self._as(request, self.center_manager).action_approve()
            self.assertEqual(case.resolve_deadline, end_of("2026-12-09"))
            self.assertEqual(case.deadline_state, "on_time")

    def test_confidential_reminders_go_only_to_the_entrusted(self):
        with freeze_time(utc("2026-11-23 10:00:00")):
            report = self._case_in_state("assigned", case_type="report")
        self.assertEqual(report.entrusted_user_ids, self.officer_a)
        with freeze_time(utc("2026-11-26 10:00:00")):
            self.env["sunny.case"]._cron_deadline_scan()  # due soon: to-dos and a list
        self.assertEqual(report.deadline_state, "due_soon")
        with freeze_time(utc("2026-11-27 10:00:00")):
            self.env["sunny.case"]._cron_deadline_scan()  # overdue: 催办 list, escalation
        self.assertEqual(report.deadline_state, "overdue")
        leaders = self.env["mail.message"].search(
            [
                ("model", "=", "sunny.case"),
                ("res_id", "=", report.id),
                ("partner_ids", "in", self.leadership.partner_id.id),
            ]
        )
        self.assertFalse(leaders, "a confidential case is not escalated to the leadership")
        self.assertIn(self.officer_a, report.activity_ids.user_id)
        self.assertNotIn(self.officer_a2, report.activity_ids.user_id)
        # the lists name the case and its title: only those who may read it get them
        for outsider in (self.officer_a2, self.leadership, self.officer_b):
            self.assertFalse(
                self._notifications(outsider.partner_id).filtered(lambda m: report.name in m.body),
                f"{outsider.name} must not see the confidential case in a list",
            )
        self.assertEqual(
            len(self._notifications(self.officer_a.partner_id).filtered(lambda m: report.name in m.body)),
            2,
            "due soon, then overdue",
        )
        self.assertTrue(
            self._notifications(self.center_manager.partner_id).filtered(lambda m: report.name in m.body),
            "escalated to the center manager and discipline inspection",
        )

    def test_supervision_by_the_center(self):
        case = self._case_in_state("processing")
        self._as(case, self.center_staff).action_supervise("The canteen price issue affects everyone.")
        self.assertTrue(case.is_important)
        self.assertEqual(case.supervision_ids.kind, "supervise")
        with self.assertRaises(AccessError):
            self._as(case, self.officer_a).action_supervise()

    def test_second_return_flags_the_case_to_the_center(self):
        case = self._case_in_state("assigned")
        self._as(case, self.officer_a).action_return("Not ours: the canteen belongs to logistics.")
        self._as(case, self.center_staff).action_assign(self.unit_b)
        self._as(case, self.officer_b).action_return("Not ours either.")
        self.assertEqual(case.return_count, 2)
        self.assertEqual(case.return_ids.unit_id, self.unit_a | self.unit_b)
        self.assertEqual(case.first_unit_id, self.unit_a)
        self.assertIn(self.center_manager, case.activity_ids.user_id)

    def test_daily_digest(self):
        Station = self.env["sunny.station"]
        with freeze_time(utc("2026-11-23 10:00:00")):
            waiting = self._case_in_state("assigned", title="Hot water in dormitory 7 is cold")
            report = self._case_in_state("assigned", case_type="report", title="Secret report title")
            self._case_in_state("assigned", unit=self.unit_b, title="Other unit's case")
        with freeze_time(utc("2026-11-26 08:30:00")):
            self.env["sunny.case"]._cron_deadline_scan()
            Station._cron_daily_digest()
            mails = self.env["mail.mail"].search([("subject", "ilike", "your cases")])
            by_officer = {m.recipient_ids: m for m in mails}
            digest_a = by_officer[self.officer_a.partner_id]
            self.assertIn(waiting.name, digest_a.body_html)
            self.assertIn("Hot water", digest_a.body_html)
            self.assertIn("Secret report title", digest_a.body_html, "entrusted to officer A")
            self.assertNotIn("Other unit", digest_a.body_html)
            digest_a2 = by_officer[self.officer_a2.partner_id]
            self.assertNotIn("Secret report title", digest_a2.body_html, "not entrusted to officer A2")
            self.assertNotIn(report.name, digest_a2.body_html)
            self.assertIn("Other unit", by_officer[self.officer_b.partner_id].body_html)
            count = self.env["mail.mail"].search_count([])
            Station._cron_daily_digest()
            self.assertEqual(self.env["mail.mail"].search_count([]), count, "once a day")
        with freeze_time(utc("2026-11-27 08:30:00")):
            Station._cron_daily_digest()
            self.assertGreater(self.env["mail.mail"].search_count([]), count, "and again the next day")
