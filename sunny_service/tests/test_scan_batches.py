"""The deadline scan's first pass over many cases: batches that do each step once,
set-based, with what the officers, the leadership and the chatter get unchanged."""

from freezegun import freeze_time

from odoo.tests import tagged

from .common import SunnyCaseCommon
from .test_deadlines import utc


@tagged("sunny_deadlines")
class TestDeadlineScanBatches(SunnyCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.officer_a | cls.officer_a2 | cls.officer_b | cls.leadership | cls.center_manager).write(
            {"email": "someone@example.com"}
        )

    def _scan_until_done(self, batch_size):
        """The cron's loop: run again while a batch came back full."""
        Case = self.env["sunny.case"]
        for _run in range(200):
            if not Case._cron_deadline_scan(batch_size=batch_size):
                return
        self.fail("the scan never finished")

    def _notifications(self, partner):
        return self.env["mail.message"].search(
            [("message_type", "=", "user_notification"), ("model", "=", False), ("partner_ids", "in", partner.id)]
        )

    def test_a_case_past_its_deadline_is_never_told_due_soon(self):
        """In small batches, a case already past its deadline that waits for its turn
        to be flagged overdue gets no "due soon" to-do nor list: it is overdue."""
        with freeze_time(utc("2026-11-23 10:00:00")):
            cases = self._case_in_state("processing", count=3)
        with freeze_time(utc("2026-11-27 10:00:00")):
            due_soon_before = self._notifications(self.officer_a.partner_id)
            self._scan_until_done(batch_size=1)
            self.assertEqual(set(cases.mapped("deadline_state")), {"overdue"})
            due_soon_type = self.env.ref("sunny_service.mail_activity_type_due_soon")
            self.assertFalse(cases.activity_ids.filtered(lambda a: a.activity_type_id == due_soon_type))
            lists = self._notifications(self.officer_a.partner_id) - due_soon_before
            self.assertFalse(
                lists.filtered(lambda m: "due soon" in (m.subject or "").lower() and cases[0].name in m.body),
                "no 'due soon' list for an overdue case",
            )
            for case in cases:
                self.assertEqual(sorted(case.supervision_ids.mapped("kind")), ["escalate", "remind"])
                notes = case.message_ids.mapped("body")
                self.assertEqual(len([n for n in notes if "Overdue since" in n]), 1, "one 催办 note")
                self.assertEqual(len([n for n in notes if "Overdue: reported to the leadership." in n]), 1)
                author = case.message_ids.filtered(lambda m, case=case: "Overdue since" in m.body).author_id
                self.assertEqual(author, case.message_ids.filtered(lambda m: "reported to" in m.body).author_id)
            self.assertTrue(
                self._notifications(self.leadership.partner_id).filtered(lambda m: cases[0].name in m.body),
                "the leadership hears of them",
            )

    def _queries_to_scan(self, count, day, unit=None):
        with freeze_time(utc("2026-11-23 10:00:00")):
            self._case_in_state("processing", count=count, unit=unit)
        with freeze_time(utc(day)):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.env["sunny.case"]._cron_deadline_scan()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

    def test_an_overdue_batch_costs_the_same_queries_for_2_cases_as_for_6(self):
        """Flag overdue, remind (催办: supervision record, chatter note, one list per
        group of officers) and escalate (supervision record, chatter note, one list
        for the leadership): the queries of a batch do not grow with its cases."""
        # the first batch also loads what the later ones find in caches (and the demo's cases)
        self._queries_to_scan(1, "2026-11-27 09:00:00")
        two = self._queries_to_scan(2, "2026-11-27 10:00:00")
        six = self._queries_to_scan(6, "2026-11-27 11:00:00")
        self.assertEqual(two, six)
        with freeze_time(utc("2026-11-23 10:00:00")):
            self._case_in_state("processing", count=6)
        with freeze_time(utc("2026-11-27 12:00:00")):
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(QUERIES_OVERDUE_BATCH):
                self.env["sunny.case"]._cron_deadline_scan()
                self.env.flush_all()


# flag + remind + escalate a batch of overdue cases of one unit (see the test above; 125 before the
# notes were inserted in one statement and who hears of each case computed once per batch)
QUERIES_OVERDUE_BATCH = 105
