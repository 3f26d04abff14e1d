"""Waiting for the submitter (补充材料): the unit's question stops the resolution clock
in China's working days until the answer; the scan leaves a waiting case alone; the
center may close a case left unanswered; bad input changes nothing."""

import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SunnyCaseCommon


def utc(local_text):
    """A Beijing wall-clock time as the naive UTC datetime Odoo stores."""
    return datetime.datetime.fromisoformat(local_text) - datetime.timedelta(hours=8)


def end_of(day_text):
    return utc(f"{day_text} 23:59:59")


QUESTION = "请提供缴费收据的照片和缴费日期。"


@tagged("sunny_pause")
class TestCasePause(SunnyCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("sunny_service.deadline_rule_consultation").write({"allow_pause": True, "pause_close_days": 5})
        cls.env.ref("sunny_service.deadline_rule_suggestion").write({"allow_pause": False})

    def _processing(self, when="2026-09-28 10:00:00", **vals):
        with freeze_time(utc(when)):
            return self._case_in_state("processing", **vals)

    def _ask(self, case, when, user=None, question=QUESTION):
        with freeze_time(utc(when)):
            self._as(case, user or self.officer_a).action_request_information(question)
        self._flush_tracking()
        self.env.invalidate_all()
        return case.pause_ids.filtered(lambda p: p.state == "waiting")

    def _answer(self, case, pause, when, text="收据照片已上传，缴费日期为9月20日。"):
        with freeze_time(utc(when)):
            result = case.sudo()._public_answer_information(pause.id, text)
        self._flush_tracking()
        self.env.invalidate_all()
        return result

    def _snapshot(self, case):
        self.env.invalidate_all()
        return (
            case.state,
            case.is_waiting,
            case.reply_deadline,
            case.resolve_deadline,
            case.deadline_state,
            len(case.pause_ids),
            tuple(case.pause_ids.mapped("state")),
            len(case.message_ids),
        )

    def test_pause_and_resume_across_national_day(self):
        """Asked on 09-29, answered on 10-09: the National Day week counts for nothing,
        the deadlines move by the three working days 09-30, 10-08 and 10-09."""
        case = self._processing()
        # 3 and 7 working days from 09-28: 09-29, 09-30, 10-08 ... 10-13 (10-10 a make-up Saturday)
        self.assertEqual(case.reply_deadline, end_of("2026-10-08"))
        self.assertEqual(case.resolve_deadline, end_of("2026-10-13"))
        mails_before = self.env["mail.mail"].sudo().search_count([])
        pause = self._ask(case, "2026-09-29 10:00:00")
        self.assertTrue(case.is_waiting)
        self.assertEqual(case.pause_question, QUESTION)
        self.assertEqual((pause.question, pause.user_id, pause.unit_id), (QUESTION, self.officer_a, self.unit_a))
        # five working days after 09-29: 09-30, 10-08, 10-09, 10-10, 10-12
        self.assertEqual(pause.close_after, datetime.date(2026, 10, 12))
        self.assertTrue(case.message_ids.filtered(lambda m: QUESTION in (m.body or "")))
        # the submitter is told by e-mail (their account here), with the question
        mail = self.env["mail.mail"].sudo().search([], order="id desc", limit=1)
        self.assertEqual(self.env["mail.mail"].sudo().search_count([]), mails_before + 1)
        self.assertIn(QUESTION, mail.body_html)
        self.assertEqual(mail.recipient_ids, self.portal_user.partner_id)
        self.assertFalse(mail.model, "the mail is linked to no record")

        self._answer(case, pause, "2026-10-09 10:00:00")
        self.assertFalse(case.is_waiting)
        self.assertEqual((pause.state, pause.days), ("answered", 3))
        self.assertEqual(pause.date_end, utc("2026-10-09 10:00:00"))
        self.assertEqual(pause.resolve_deadline_before, end_of("2026-10-13"))
        self.assertEqual(case.resolve_deadline, end_of("2026-10-16"))
        self.assertEqual(pause.resolve_deadline_after, end_of("2026-10-16"))
        # the reply deadline had not passed when the question was asked: it moves too
        self.assertEqual(case.reply_deadline, end_of("2026-10-12"))
        self.assertEqual(case.deadline, end_of("2026-10-12"))
        self.assertEqual(case.deadline_state, "on_time")
        # the answer reached the case as information from the submitter, and the unit is told
        self.assertTrue(case.message_ids.filtered(lambda m: "9月20日" in (m.body or "")))
        todos = case.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("sunny_service.mail_activity_type_information_received")
        )
        self.assertIn(self.officer_a, todos.user_id)
        # the record of the pause is in the chatter, in the university's language
        self.assertTrue(case.message_ids.filtered(lambda m: "3" in (m.body or "") and "2026-10-16" in (m.body or "")))

    def test_same_day_answer_moves_nothing_and_missed_deadline_stays_missed(self):
        case = self._processing()
        pause = self._ask(case, "2026-09-29 09:00:00")
        self._answer(case, pause, "2026-09-29 17:00:00")
        self.assertEqual((pause.days, case.resolve_deadline), (0, end_of("2026-10-13")))
        # a second question, asked once the reply deadline has passed: only the resolution deadline moves
        pause = self._ask(case, "2026-10-09 09:00:00")
        self._answer(case, pause, "2026-10-12 09:00:00")
        self.assertEqual(pause.days, 2)  # 10-10 (make-up Saturday) and 10-12
        self.assertEqual(case.reply_deadline, end_of("2026-10-08"))
        self.assertEqual(case.resolve_deadline, end_of("2026-10-15"))

    def test_scan_leaves_a_waiting_case_alone(self):
        waiting = self._processing()
        running = self._processing()
        self._ask(waiting, "2026-09-29 10:00:00")
        with freeze_time(utc("2026-10-20 10:00:00")):
            self.env["sunny.case"]._cron_deadline_scan()
        self.env.invalidate_all()
        self.assertEqual(running.deadline_state, "overdue")
        self.assertEqual(waiting.deadline_state, "on_time")
        self.assertFalse(waiting.last_reminder_date)
        self.assertFalse(waiting.supervision_ids)

    def test_bad_input_changes_nothing(self):
        case = self._processing()
        assigned = self._case_in_state("assigned")
        suggestion = self._case_in_state("processing", case_type="suggestion")
        before = self._snapshot(case)
        attempts = [
            # empty question
            (UserError, case, self.officer_a, "   ", "question to the submitter"),
            # off for the type
            (UserError, suggestion, self.officer_a, QUESTION, "not enabled"),
            # not being handled yet
            (UserError, assigned, self.officer_a, QUESTION, "cannot be paused"),
            # the wrong people: another unit, the center, the submitter
            (AccessError, case, self.officer_b, QUESTION, None),
            (AccessError, case, self.center_staff, QUESTION, None),
            (AccessError, case, self.portal_user, QUESTION, None),
        ]
        for error, target, user, question, text in attempts:
            with self.subTest(case=target.name, user=user.login, question=question):
                with freeze_time(utc("2026-09-29 10:00:00")), self.assertRaises(error) as caught:
                    self._as(target, user).action_request_information(question)
                if text:
                    self.assertIn(text, str(caught.exception))
        self.assertEqual(self._snapshot(case), before)
        self.assertFalse((assigned | suggestion).pause_ids)
        # a second question while one waits
        pause = self._ask(case, "2026-09-29 10:00:00")
        waiting = self._snapshot(case)
        with self.assertRaisesRegex(UserError, "one question at a time"):
            self._ask(case, "2026-09-29 11:00:00")
        self.assertEqual(self._snapshot(case), waiting)
        # an answer to another case's question, or to no question
        other = self._processing()
        with self.assertRaisesRegex(UserError, "does not belong to your case"):
            other.sudo()._public_answer_information(pause.id, "forged")
        with self.assertRaisesRegex(UserError, "does not belong to your case"):
            case.sudo()._public_answer_information(0, "forged")
        self.assertEqual(self._snapshot(case), waiting)
        # answered; then a replay of the same answer is stored once, another answer is refused
        self._answer(case, pause, "2026-09-30 10:00:00", text="收据见附件")
        answered = self._snapshot(case)
        self.assertFalse(self._answer(case, pause, "2026-09-30 10:01:00", text="收据见附件"))
        self.assertEqual(self._snapshot(case), answered)
        with self.assertRaisesRegex(UserError, "not waiting for information"):
            self._answer(case, pause, "2026-09-30 10:02:00", text="another answer")
        self.assertEqual(self._snapshot(case), answered)

    def test_close_unanswered(self):
        case = self._processing()
        self._ask(case, "2026-09-29 10:00:00")
        before = self._snapshot(case)
        with freeze_time(utc("2026-10-09 10:00:00")):
            with self.assertRaisesRegex(UserError, "2026-10-12"):
                self._as(case, self.center_staff).action_close_unanswered("没有收到材料")
            with self.assertRaises(AccessError):
                self._as(case, self.officer_a).action_close_unanswered("没有收到材料")
            # the job does not remind the center before the day either
            self.assertEqual(self.env["sunny.case"]._cron_pause_reminder(), 0)
        self.assertEqual(self._snapshot(case), before)
        unanswered = self.env.ref("sunny_service.mail_activity_type_information_unanswered")
        with freeze_time(utc("2026-10-12 10:00:00")):
            self.assertEqual(self.env["sunny.case"]._cron_pause_reminder(), 1)
            self.assertEqual(self.env["sunny.case"]._cron_pause_reminder(), 0, "once")
            self.env.invalidate_all()
            self.assertIn(
                self.center_staff, case.activity_ids.filtered(lambda a: a.activity_type_id == unanswered).user_id
            )
            with self.assertRaisesRegex(UserError, "reason"):
                self._as(case, self.center_staff).action_close_unanswered(" ")
            self._as(case, self.center_staff).action_close_unanswered("两周内未收到补充材料，依规办结。")
        self.env.invalidate_all()
        pause = case.pause_ids
        # 09-30, 10-08, 10-09, 10-10 (make-up Saturday), 10-12
        self.assertEqual((case.state, case.is_waiting, pause.state, pause.days), ("closed", False, "closed", 5))
        self.assertEqual(pause.end_note, "两周内未收到补充材料，依规办结。")
        self.assertEqual(case.deadline_state, "done_on_time")
        self.assertFalse(case.activity_ids)

    def test_return_or_reply_ends_the_wait(self):
        case = self._processing()
        pause = self._ask(case, "2026-09-29 10:00:00")
        with freeze_time(utc("2026-09-30 10:00:00")):
            self._as(case, self.officer_a).action_submit_reply("已按现有材料答复。")
        self.env.invalidate_all()
        self.assertEqual((case.state, case.is_waiting, pause.state, pause.days), ("review", False, "ended", 1))
        other = self._processing()
        pause = self._ask(other, "2026-09-29 10:00:00")
        with freeze_time(utc("2026-09-30 10:00:00")):
            self._as(other, self.officer_a).action_return("不属于本单位")
        self.env.invalidate_all()
        self.assertEqual((other.state, other.is_waiting, pause.state), ("registered", False, "ended"))

    def test_wizard_and_buttons(self):
        case = self._processing()
        self.assertTrue(self._as(case, self.officer_a).can_request_information)
        self.assertFalse(self._as(case, self.center_staff).can_request_information)
        self.assertFalse(self._as(case, self.center_staff).can_close_unanswered)
        Wizard = self.env["sunny.case.pause.wizard"].with_user(self.officer_a)
        with freeze_time(utc("2026-09-29 10:00:00")):
            wizard = Wizard.with_context(active_ids=case.ids, default_mode="request").create({"question": QUESTION})
            self.assertIn(case.name, wizard.summary)
            wizard.action_confirm()
        self.env.invalidate_all()
        self.assertTrue(case.is_waiting)
        self.assertFalse(self._as(case, self.officer_a).can_request_information)
        self.assertTrue(self._as(case, self.center_staff).can_close_unanswered)

    def test_is_waiting_is_the_workflow_s(self):
        case = self._processing()
        with self.assertRaises(UserError):
            self._as(case, self.center_staff).write({"is_waiting": True})
        with self.assertRaises(AccessError):
            self._as(case.pause_ids, self.center_staff).create(
                {"case_id": case.id, "question": "x", "user_id": self.center_staff.id}
            )

    def test_query_counts(self):
        """The daily job with nothing to do is one search; counting the working days
        waited costs no query once the years' schedules are cached."""
        case = self._processing()
        pause = self._ask(case, "2026-09-29 10:00:00")
        Case, Pause = self.env["sunny.case"], self.env["sunny.case.pause"]
        with freeze_time(utc("2026-10-09 10:00:00")):
            Case._cron_pause_reminder()  # warm the caches (parameters, calendar) up
            self.env.flush_all()
            with self.assertQueryCount(1):
                self.assertEqual(Case._cron_pause_reminder(), 0)
        Pause._workdays_between(pause.date, utc("2026-12-31 10:00:00"))
        with self.assertQueryCount(0):
            self.assertEqual(Pause._workdays_between(pause.date, utc("2026-10-09 10:00:00")), 3)
