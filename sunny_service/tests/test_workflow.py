"""The workflow API of sunny.case (DESIGN.md, "Server API"): every transition's
happy path, and every refusal leaving the case as it was."""

import datetime
import re

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import freeze_time

from .common import NOW, REPLY_DEADLINE, RESOLVE_DEADLINE, STATES, SunnyCaseCommon


def dt(*args):
    return datetime.datetime(*args)


class TestWorkflow(SunnyCaseCommon):
    # ------------------------------------------------------------------ creation

    def test_create_case_number_and_defaults(self):
        case, other = self._create_case(user=self.center_staff, count=2)
        self.assertRegex(case.name, r"^YG2026-\d{6}$")
        self.assertNotEqual(case.name, other.name)
        self.assertEqual(case.state, "new")
        self.assertEqual(case.received_date, NOW)
        self.assertFalse(case.is_confidential)
        report = self._create_case(user=self.center_manager, case_type="report")
        self.assertTrue(report.is_confidential, "a report is confidential by default")

    def test_empty_title_or_content_refused(self):
        for vals in ({"title": ""}, {"title": "   "}, {"content": ""}, {"content": " \n\t "}, {"title": False}):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                self._create_case(user=self.center_staff, **vals)
        case = self._create_case()
        for vals in ({"title": "  "}, {"content": "\n"}):
            with self.subTest(write=vals), self.assertRaises(ValidationError):
                self._as(case, self.center_staff).write(vals)
                self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(case.title, "The library closes too early")

    # ------------------------------------------------------------------ register / reject

    def test_register(self):
        case = self._create_case()
        self._as(case, self.center_staff).action_register()
        self._flush_tracking()
        self.assertEqual(case.state, "registered")
        self.assertEqual(self._state_trackings(case), [("To Register", "Registered")])
        tracking_message = case.message_ids.filtered(
            lambda m: m.tracking_value_ids.filtered(lambda t: t.field_id.name == "state")
        )
        self.assertEqual(tracking_message.author_id, self.center_staff.partner_id)

    def test_reject_from_new_and_registered(self):
        for state in ("new", "registered"):
            with self.subTest(state=state):
                case = self._case_in_state(state)
                self._as(case, self.center_staff).action_reject("  Not a matter for the university.  ")
                self._flush_tracking()
                self.assertEqual(case.state, "rejected")
                self.assertEqual(case.reject_reason, "Not a matter for the university.")
                self.assertEqual(case.closed_date, NOW)
                label = {"new": "To Register", "registered": "Registered"}[state]
                self.assertEqual(self._state_trackings(case)[-1], (label, "Rejected"))
                self.assertTrue(
                    case.message_ids.filtered(lambda m: "Not accepted: Not a matter for the university." in m.body)
                )

    # ------------------------------------------------------------------ assign

    def test_assign_sets_unit_dates_and_deadlines(self):
        case = self._case_in_state("registered")
        self._as(case, self.center_staff).action_assign(self.unit_a)
        self._flush_tracking()
        self.assertEqual(case.state, "assigned")
        self.assertEqual(case.unit_id, self.unit_a)
        self.assertEqual(case.first_unit_id, self.unit_a)
        self.assertEqual(case.assigned_date, NOW)
        # Monday 2026-11-23: day 1 is Tuesday, day 3 Thursday, day 7 Wednesday 2 December,
        # each ending at 23:59:59 in Shanghai
        self.assertEqual(case.reply_deadline, REPLY_DEADLINE)
        self.assertEqual(case.resolve_deadline, RESOLVE_DEADLINE)
        self.assertEqual(case.deadline, REPLY_DEADLINE)
        self.assertEqual(case.deadline_state, "on_time")
        self.assertEqual(self._state_trackings(case)[-1], ("Registered", "Assigned"))
        # the officers of the unit follow the case and have it on their to-do list
        officers = self.officer_a | self.officer_a2
        self.assertLessEqual(officers.partner_id, case.message_partner_ids)
        self.assertEqual(case.activity_ids.user_id, officers)
        self.assertNotIn(self.officer_b.partner_id, case.message_partner_ids)

    def test_deadlines_use_the_university_time_zone(self):
        for moment, reply, resolve in (
            # Monday 01:00 in Shanghai is still Sunday in UTC: Monday counts as the day of assignment
            ("2026-11-22 17:00:00", REPLY_DEADLINE, RESOLVE_DEADLINE),
            # Monday 23:30 in Shanghai
            ("2026-11-23 15:30:00", REPLY_DEADLINE, RESOLVE_DEADLINE),
            # Tuesday 00:30 in Shanghai, still Monday in UTC
            ("2026-11-23 16:30:00", dt(2026, 11, 27, 15, 59, 59), dt(2026, 12, 3, 15, 59, 59)),
            # Saturday: day 1 is Monday 30 November
            ("2026-11-28 02:00:00", dt(2026, 12, 2, 15, 59, 59), dt(2026, 12, 8, 15, 59, 59)),
            # Wednesday 30 September, before the National Day holidays (1-7 October, 8 October is
            # the first working day) and the make-up working Saturday 10 October
            ("2026-09-30 02:00:00", dt(2026, 10, 10, 15, 59, 59), dt(2026, 10, 15, 15, 59, 59)),
        ):
            with self.subTest(moment=moment), freeze_time(moment):
                case = self._case_in_state("registered")
                self._as(case, self.center_staff).action_assign(self.unit_a)
                self.assertEqual(case.reply_deadline, reply)
                self.assertEqual(case.resolve_deadline, resolve)

    def test_deadlines_per_case_type(self):
        self.env["sunny.deadline.rule"].search([("case_type", "=", "complaint")]).write(
            {"reply_days": 1, "resolve_days": 5}
        )
        complaint = self._case_in_state("assigned", case_type="complaint")
        consultation = self._case_in_state("assigned")
        self.assertEqual(complaint.reply_deadline, dt(2026, 11, 24, 15, 59, 59))
        self.assertEqual(complaint.resolve_deadline, dt(2026, 11, 30, 15, 59, 59))
        self.assertEqual(consultation.reply_deadline, REPLY_DEADLINE)
        self.assertEqual(consultation.resolve_deadline, RESOLVE_DEADLINE)

    def test_assign_confidential_goes_to_the_entrusted_officer_only(self):
        report = self._case_in_state("registered", case_type="report")
        self._as(report, self.center_manager).action_assign(self.unit_a, self.officer_a)
        self.assertEqual(report.state, "assigned")
        self.assertEqual(report.entrusted_user_ids, self.officer_a)
        self.assertEqual(report.activity_ids.user_id, self.officer_a)
        self.assertNotIn(self.officer_a2.partner_id, report.message_partner_ids)
        self.assertTrue(self._as(report, self.officer_a).search_count([("id", "=", report.id)]))
        self.assertFalse(self._as(report, self.officer_a2).search_count([("id", "=", report.id)]))

    def test_assign_confidential_to_an_outsider_refused(self):
        report = self._case_in_state("registered", case_type="report")
        snapshot = self._snapshot(report)
        with self.assertRaisesRegex(UserError, "Entrust the confidential case to an officer of the unit"):
            self._as(report, self.center_manager).action_assign(self.unit_a, self.officer_b)
        self.assertUnchanged(report, snapshot)

    # ------------------------------------------------------------------ accept

    def test_accept_with_and_without_handler(self):
        case, other = self._case_in_state("assigned", count=2)
        self._as(case, self.officer_a).action_accept(self.handler_a)
        self._as(other, self.officer_a2).action_accept()
        self._flush_tracking()
        self.assertEqual(case.state, "processing")
        self.assertEqual(case.handler_id, self.handler_a)
        self.assertEqual(self._state_trackings(case)[-1], ("Assigned", "Processing"))
        self.assertEqual(other.state, "processing")
        self.assertFalse(other.handler_id)
        # the handler now sees the case given to him, not the other one
        self.assertEqual(self._as(case | other, self.handler_a).search([("id", "in", (case | other).ids)]), case)

    def test_accept_confidential_with_handler_entrusts_him(self):
        report = self._case_in_state("assigned", case_type="report")
        self._as(report, self.officer_a).action_accept(self.handler_a)
        self.assertEqual(report.state, "processing")
        self.assertEqual(report.entrusted_user_ids, self.officer_a | self.handler_a)
        self.assertTrue(self._as(report, self.handler_a).search_count([("id", "=", report.id)]))

    def test_accept_with_a_handler_from_elsewhere_refused(self):
        case = self._case_in_state("assigned")
        snapshot = self._snapshot(case)
        for handler in (self.officer_b, self.center_staff, self.env["res.users"]):
            with (
                self.subTest(handler=handler.name),
                self.assertRaisesRegex(UserError, "The handler must belong to the unit's service station"),
            ):
                self._as(case, self.officer_a).action_set_handler(handler)
        with self.assertRaisesRegex(UserError, "The handler must belong to the unit's service station"):
            self._as(case, self.officer_a).action_accept(self.officer_b)
        self.assertUnchanged(case, snapshot)

    # ------------------------------------------------------------------ return

    def test_return_then_reassign_keeps_first_unit(self):
        for state in ("assigned", "processing"):
            with self.subTest(state=state):
                case = self._case_in_state(state, handler=self.handler_a)
                self._as(case, self.officer_a).action_return("  Dormitories are the logistics department's.  ")
                self._flush_tracking()
                self.assertEqual(case.state, "registered")
                self.assertFalse(case.unit_id)
                self.assertFalse(case.handler_id)
                self.assertFalse(case.reply_deadline)
                self.assertFalse(case.resolve_deadline)
                self.assertEqual(case.first_unit_id, self.unit_a)
                self.assertEqual(case.return_count, 1)
                label = {"assigned": "Assigned", "processing": "Processing"}[state]
                self.assertEqual(self._state_trackings(case)[-1], (label, "Registered"))
                self.assertEqual(len(case.return_ids), 1)
                self.assertRecordValues(
                    case.return_ids,
                    [
                        {
                            "unit_id": self.unit_a.id,
                            "user_id": self.officer_a.id,
                            "reason": "Dormitories are the logistics department's.",
                        }
                    ],
                )
                self.assertTrue(case.message_ids.filtered(lambda m: "Returned to the center" in m.body))
                # the unit no longer sees the case
                self.assertFalse(self._as(case, self.officer_a).search_count([("id", "=", case.id)]))

                self._as(case, self.center_staff).action_assign(self.unit_b)
                self.assertEqual(case.state, "assigned")
                self.assertEqual(case.unit_id, self.unit_b)
                self.assertEqual(case.first_unit_id, self.unit_a, "the first-contact unit is kept")
                self.assertEqual(case.reply_deadline, REPLY_DEADLINE)
                self.assertEqual(case.resolve_deadline, RESOLVE_DEADLINE)

                self._as(case, self.officer_b).action_return("Not ours either.")
                self.assertEqual(case.return_count, 2)
                self.assertEqual(case.return_ids.unit_id, self.unit_a | self.unit_b)
                self.assertEqual(case.first_unit_id, self.unit_a)

    def test_return_of_a_confidential_case_withdraws_it_from_the_officer(self):
        report = self._case_in_state("processing", case_type="report")
        self._as(report, self.officer_a).action_return("Not for the college: the discipline office.")
        self.assertEqual(report.state, "registered")
        self.assertFalse(report.entrusted_user_ids)
        self.assertFalse(self._as(report, self.officer_a).search_count([("id", "=", report.id)]))

    # ------------------------------------------------------------------ reply

    def test_submit_reply_by_officer_and_by_handler(self):
        by_officer, by_handler = self._case_in_state("processing", count=2, handler=self.handler_a)
        self._as(by_officer, self.officer_a).action_submit_reply("  Open until 23:00 from Monday.  ")
        self._flush_tracking()
        self.assertEqual(by_officer.state, "review")
        self.assertEqual(by_officer.reply, "Open until 23:00 from Monday.")
        self.assertEqual(by_officer.first_reply_date, NOW)
        self.assertEqual(by_officer.deadline, RESOLVE_DEADLINE, "after the reply, the resolution deadline counts")
        self.assertEqual(self._state_trackings(by_officer)[-1], ("Processing", "To Review"))
        self.assertTrue(
            by_officer.message_ids.filtered(
                lambda m: "Reply submitted for review" in m.body and "Open until 23:00 from Monday." in m.body
            )
        )

        # the handler drafts the reply, then submits the draft
        self._as(by_handler, self.handler_a).write({"reply_draft": "Drafted by the handler."})
        self._as(by_handler, self.handler_a).action_submit_reply()
        self.assertEqual(by_handler.state, "review")
        self.assertEqual(by_handler.reply, "Drafted by the handler.")

    def test_first_reply_date_kept_after_a_refusal(self):
        case = self._case_in_state("review")
        self._as(case, self.center_staff).action_refuse_reply("Give the new opening hours.")
        with freeze_time("2026-11-25 03:00:00"):
            self._as(case, self.officer_a).action_submit_reply("Open until 23:00, every day.")
        self.assertEqual(case.state, "review")
        self.assertEqual(case.first_reply_date, NOW)

    def test_center_answers_directly(self):
        case = self._case_in_state("registered")
        self._as(case, self.center_staff).action_submit_reply("The library hours are on its website.")
        self._flush_tracking()
        self.assertEqual(case.state, "review")
        self.assertFalse(case.unit_id)
        self.assertEqual(self._state_trackings(case)[-1], ("Registered", "To Review"))
        # refused, the center's own reply goes back to the center's desk, not to a unit
        self._as(case, self.center_manager).action_refuse_reply("Quote the hours in the reply.")
        self.assertEqual(case.state, "registered")
        self._as(case, self.center_staff).action_submit_reply("Monday to Sunday, 8:00 to 22:00.")
        self._as(case, self.center_manager).action_approve_reply()
        self.assertEqual(case.state, "replied")
        self.assertEqual(case.deadline_state, "done_on_time")

    def test_approve_reply_reaches_the_submitter(self):
        case = self._case_in_state("review")
        self._as(case, self.center_staff).action_approve_reply()
        self._flush_tracking()
        self.assertEqual(case.state, "replied")
        self.assertEqual(case.replied_date, NOW)
        self.assertEqual(case.deadline_state, "done_on_time")
        self.assertFalse(case.public_reply, "the public text is the center manager's, written apart")
        self.assertEqual(self._state_trackings(case)[-1], ("To Review", "Replied"))
        # by a mail to their own account, linked to no record; the chatter says so
        sent = self.env["mail.mail"].search([("recipient_ids", "in", self.portal_user.partner_id.ids)])
        self.assertEqual(len(sent), 1)
        self.assertIn(case.name, sent.subject)
        self.assertIn("23:00", sent.body_html)
        self.assertFalse(sent.model or sent.res_id)
        self.assertTrue(case.message_ids.filtered(lambda m: "was sent to the submitter" in (m.body or "")))
        self.assertNotIn(self.portal_user.partner_id, case.message_ids.partner_ids)

    def test_approve_reply_goes_to_the_typed_address(self):
        case = self._case_in_state("review", partner_id=False, submitter_email="wang.wu@example.com")
        self._as(case, self.center_staff).action_approve_reply()
        self.assertFalse(case.partner_id, "no account is bound by its address")
        sent = self.env["mail.mail"].search([("email_to", "=", "wang.wu@example.com")])
        self.assertEqual(len(sent), 1)
        self.assertFalse(sent.recipient_ids)

    def test_approve_reply_late(self):
        case = self._case_in_state("review")
        with freeze_time("2026-12-02 15:59:59"):
            self._as(case, self.center_staff).action_approve_reply()
        self.assertEqual(case.deadline_state, "done_on_time")
        late = self._case_in_state("review")
        with freeze_time("2026-12-02 16:00:00"):
            self._as(late, self.center_staff).action_approve_reply()
        self.assertEqual(late.deadline_state, "done_late")

    def test_refuse_reply(self):
        case = self._case_in_state("review", handler=self.handler_a)
        self._as(case, self.center_staff).action_refuse_reply("Say when the change starts.")
        self._flush_tracking()
        self.assertEqual(case.state, "processing")
        self.assertEqual(case.unit_id, self.unit_a)
        self.assertEqual(case.handler_id, self.handler_a)
        self.assertEqual(self._state_trackings(case)[-1], ("To Review", "Processing"))
        self.assertTrue(
            case.message_ids.filtered(lambda m: "Reply refused by the center: Say when the change starts." in m.body)
        )

    # ------------------------------------------------------------------ extensions

    def test_extension_approved_moves_the_resolution_deadline(self):
        case = self._case_in_state("processing")
        messages = case.message_ids
        request = self._as(case, self.officer_a).action_request_extension(2, "The lab results come next week.")
        self.assertEqual(case.state, "processing", "a request changes nothing until decided")
        self.assertEqual(case.resolve_deadline, RESOLVE_DEADLINE)
        self.assertEqual(request, case.extension_ids)
        self.assertRecordValues(
            request,
            [
                {
                    "state": "pending",
                    "days": 2,
                    "reason": "The lab results come next week.",
                    "requested_by": self.officer_a.id,
                    "unit_id": self.unit_a.id,
                }
            ],
        )
        self.assertTrue(
            (case.message_ids - messages).filtered(lambda m: "Extension of 2 working days requested" in m.body)
        )

        self._as(request, self.center_manager).action_approve("Granted.")
        self.env.invalidate_all()
        new_deadline = dt(2026, 12, 4, 15, 59, 59)  # Wednesday 2 + 2 working days = Friday 4
        self.assertRecordValues(
            request,
            [
                {
                    "state": "approved",
                    "decided_by": self.center_manager.id,
                    "decided_date": NOW,
                    "old_deadline": RESOLVE_DEADLINE,
                    "new_deadline": new_deadline,
                }
            ],
        )
        self.assertEqual(case.resolve_deadline, new_deadline)
        self.assertEqual(case.reply_deadline, REPLY_DEADLINE)
        self.assertEqual(case.state, "processing")
        self.assertTrue(case.message_ids.filtered(lambda m: "Extension approved: 2 working days" in m.body))

    def test_extension_over_a_weekend(self):
        case = self._case_in_state("processing")
        request = self._as(case, self.officer_a).action_request_extension(3, "Waiting for the supplier.")
        self._as(request, self.center_manager).action_approve()
        # Wednesday 2 December + 3 working days = Monday 7 December
        self.assertEqual(case.resolve_deadline, dt(2026, 12, 7, 15, 59, 59))

    def test_extension_refused(self):
        case = self._case_in_state("processing")
        request = self._as(case, self.officer_a).action_request_extension(5, "Busy.")
        with self.assertRaisesRegex(UserError, "reason for refusing"):
            self._as(request, self.center_manager).action_refuse("  ")
        self.assertEqual(request.state, "pending")
        self._as(request, self.center_manager).action_refuse("Five days for opening hours is too long.")
        self.env.invalidate_all()
        self.assertRecordValues(
            request,
            [
                {
                    "state": "refused",
                    "decided_by": self.center_manager.id,
                    "decision_comment": "Five days for opening hours is too long.",
                }
            ],
        )
        self.assertEqual(case.resolve_deadline, RESOLVE_DEADLINE)
        self.assertTrue(case.message_ids.filtered(lambda m: "Extension refused" in m.body))
        # a refused request does not block a new one
        again = self._as(case, self.officer_a).action_request_extension(1, "One day, then.")
        self.assertEqual(again.state, "pending")

    def test_extension_decided_by_the_manager_only_and_once(self):
        case = self._case_in_state("processing")
        request = self._as(case, self.officer_a).action_request_extension(2, "Lab results.")
        for user in (self.center_staff, self.officer_a, self.leadership):
            with self.subTest(user=user.name):
                with self.assertRaisesRegex(AccessError, "Only the center manager decides on extensions"):
                    self._as(request, user).action_approve()
                with self.assertRaisesRegex(AccessError, "Only the center manager decides on extensions"):
                    self._as(request, user).action_refuse("No.")
        self.env.invalidate_all()
        self.assertEqual(request.state, "pending")
        self.assertEqual(case.resolve_deadline, RESOLVE_DEADLINE)
        self._as(request, self.center_manager).action_approve()
        self.env.invalidate_all()
        for decide in ("action_approve", "action_refuse"):
            with self.subTest(twice=decide), self.assertRaisesRegex(UserError, "already decided"):
                getattr(self._as(request, self.center_manager), decide)("Again.")
        self.env.invalidate_all()
        self.assertEqual(request.state, "approved")
        self.assertEqual(case.resolve_deadline, dt(2026, 12, 4, 15, 59, 59), "approved once, moved once")

    def test_extension_within_three_working_days_of_assignment(self):
        on_time, late = self._case_in_state("processing", count=2)
        # Thursday 26 November is working day 3 after the Monday assignment
        with freeze_time("2026-11-26 15:00:00"):
            request = self._as(on_time, self.officer_a).action_request_extension(2, "Lab results.")
        self.assertEqual(request.state, "pending")
        snapshot = self._snapshot(late)
        with freeze_time("2026-11-26 16:00:00"):  # Friday 00:00 in Shanghai
            with self.assertRaisesRegex(UserError, "within 3 working days of assignment"):
                self._as(late, self.officer_a).action_request_extension(2, "Lab results.")
        self.assertUnchanged(late, snapshot)

    def test_extension_bad_days_or_reason_refused(self):
        case = self._case_in_state("processing")
        snapshot = self._snapshot(case)
        for days in (0, -1, -5, "3", None, 1.5):
            with self.subTest(days=days), self.assertRaisesRegex(UserError, "positive number of working days"):
                self._as(case, self.officer_a).action_request_extension(days, "Lab results.")
        for reason in (None, "", "   "):
            with self.subTest(reason=reason), self.assertRaisesRegex(UserError, "reason for the extension"):
                self._as(case, self.officer_a).action_request_extension(2, reason)
        self.assertUnchanged(case, snapshot)
        self.assertFalse(self.env["sunny.case.extension"].search([("case_id", "=", case.id)]))

    def test_extension_of_a_returned_case_lapses(self):
        case = self._case_in_state("processing")
        request = self._as(case, self.officer_a).action_request_extension(2, "Lab results.")
        self._as(case, self.officer_a).action_return("Not ours after all.")
        self.env.invalidate_all()
        self.assertEqual(request.state, "refused", "a returned case's pending request lapses")
        self.assertIn("returned", request.decision_comment)
        snapshot = self._snapshot(case)
        with self.assertRaisesRegex(UserError, "already decided"):
            self._as(request, self.center_manager).action_approve()
        self.assertUnchanged(case, snapshot)
        # the next unit may ask for its own extension
        self._as(case, self.center_staff).action_assign(self.unit_b)
        self._as(case, self.officer_b).action_accept()
        self.assertTrue(self._as(case, self.officer_b).action_request_extension(2, "Our own reason."))

    def test_one_pending_extension_at_a_time(self):
        case = self._case_in_state("processing")
        self._as(case, self.officer_a).action_request_extension(2, "Lab results.")
        snapshot = self._snapshot(case)
        with self.assertRaisesRegex(UserError, f"{case.name} already has an extension request waiting"):
            self._as(case, self.officer_a2).action_request_extension(1, "More.")
        self.assertUnchanged(case, snapshot)

    # ------------------------------------------------------------------ follow-up

    def test_follow_up_satisfied_closes(self):
        for satisfaction in ("very_satisfied", "satisfied", "basic"):
            with self.subTest(satisfaction=satisfaction):
                case = self._case_in_state("replied")
                self._as(case, self.center_staff).action_follow_up(satisfaction, "Called back.")
                self._flush_tracking()
                self.assertEqual(case.state, "closed")
                self.assertEqual(case.closed_date, NOW)
                self.assertEqual(case.satisfaction, satisfaction)
                self.assertEqual(case.reopen_count, 0)
                self.assertEqual(self._state_trackings(case)[-1], ("Replied", "Closed"))
                self.assertRecordValues(
                    case.followup_ids,
                    [
                        {
                            "satisfaction": satisfaction,
                            "note": "Called back.",
                            "user_id": self.center_staff.id,
                            "reopened": False,
                        }
                    ],
                )

    def test_follow_up_dissatisfied_reopens(self):
        for satisfaction in ("dissatisfied", "very_dissatisfied"):
            with self.subTest(satisfaction=satisfaction):
                case = self._case_in_state("replied", handler=self.handler_a)
                self._as(case, self.center_staff).action_follow_up(satisfaction, "Still closes at 21:00.")
                self._flush_tracking()
                self.assertEqual(case.state, "processing")
                self.assertEqual(case.unit_id, self.unit_a)
                self.assertEqual(case.handler_id, self.handler_a)
                self.assertEqual(case.reopen_count, 1)
                self.assertFalse(case.closed_date)
                self.assertEqual(self._state_trackings(case)[-1], ("Replied", "Processing"))
                self.assertRecordValues(case.followup_ids, [{"satisfaction": satisfaction, "reopened": True}])
                self.assertTrue(case.message_ids.filtered(lambda m: "not satisfied" in m.body))
                # the unit answers again; a second dissatisfaction counts a second reopening
                self._step(case, "reply")
                self._step(case, "approve")
                self._as(case, self.center_staff).action_follow_up(satisfaction, "Still not.")
                self.assertEqual(case.state, "processing")
                self.assertEqual(case.reopen_count, 2)
                self.assertEqual(len(case.followup_ids), 2)
                self._step(case, "reply")
                self._step(case, "approve")
                self._step(case, "follow_up")
                self.assertEqual(case.state, "closed")
                self.assertEqual(case.reopen_count, 2)

    def test_follow_up_needs_a_satisfaction_level(self):
        case = self._case_in_state("replied")
        snapshot = self._snapshot(case)
        for satisfaction in (None, "", "happy", "Satisfied"):
            with self.subTest(satisfaction=satisfaction), self.assertRaisesRegex(UserError, "five levels"):
                self._as(case, self.center_staff).action_follow_up(satisfaction, "Called back.")
        self.assertUnchanged(case, snapshot)

    # ------------------------------------------------------------------ cancel

    def test_cancel_by_the_submitter(self):
        for state in ("new", "registered", "assigned", "processing", "review"):
            with self.subTest(state=state):
                case = self._case_in_state(state)
                self._as(case, self.portal_user).action_cancel()
                self._flush_tracking()
                self.assertEqual(case.state, "cancelled")
                self.assertEqual(case.closed_date, NOW)
                self.assertEqual(self._state_trackings(case)[-1][1], "Cancelled")
                self.assertEqual(case.message_ids[:1].author_id, self.portal_user.partner_id)
        report = self._case_in_state("processing", case_type="report")
        self._as(report, self.portal_user).action_cancel()
        self.assertEqual(report.state, "cancelled")

    # ------------------------------------------------------------------ refusals: wrong state

    # method -> (states it runs from, who calls it, arguments)
    CALLS = {
        "action_register": (("new",), "center_staff", ()),
        "action_reject": (("new", "registered"), "center_staff", ("Outside the remit.",)),
        "action_assign": (("registered",), "center_staff", ("unit_a",)),
        "action_accept": (("assigned",), "officer_a", ()),
        "action_return": (("assigned", "processing"), "officer_a", ("Not ours.",)),
        "action_submit_reply": (("registered", "processing"), "center_staff", ("A reply.",)),
        "action_approve_reply": (("review",), "center_staff", ()),
        "action_refuse_reply": (("review",), "center_staff", ("Say more.",)),
        "action_request_extension": (("assigned", "processing", "review"), "officer_a", (2, "Lab results.")),
        "action_follow_up": (("replied",), "center_staff", ("satisfied", "Called back.")),
        "action_cancel": (("new", "registered", "assigned", "processing", "review"), "portal_user", ()),
    }

    def _args(self, args):
        return [getattr(self, a) if a == "unit_a" else a for a in args]

    def test_wrong_state_refused(self):
        cases = {state: self._case_in_state(state) for state in STATES}
        # the states in which each caller sees these cases of unit A
        visible = {
            "center_staff": set(STATES),
            "portal_user": set(STATES),
            "officer_a": {"assigned", "processing", "review", "replied", "closed"},
        }
        labels = dict(self.env["sunny.case"]._fields["state"]._description_selection(self.env))
        for method, (allowed, who, args) in self.CALLS.items():
            for state in set(STATES) - set(allowed):
                case = cases[state]
                with self.subTest(method=method, state=state):
                    snapshot = self._snapshot(case)
                    if state in visible[who]:
                        with self.assertRaises(UserError) as caught:
                            getattr(self._as(case, getattr(self, who)), method)(*self._args(args))
                        message = str(caught.exception)
                        self.assertIn(case.name, message)
                        self.assertIn(f"is {labels[state]}: it cannot be", message)
                    else:
                        # a case outside the officer's unit: he cannot even read it
                        with self.assertRaises(AccessError):
                            getattr(self._as(case, getattr(self, who)), method)(*self._args(args))
                    self.assertUnchanged(case, snapshot)

    # ------------------------------------------------------------------ refusals: wrong role

    CENTER_ONLY = "Only the Sunshine Service center can do this."
    OFFICER_ONLY = "Only an information officer of the unit can do this."
    UNREADABLE = None  # the caller cannot read the case at all: Odoo's own access error

    def test_wrong_role_refused(self):
        center_msg, officer_msg = self.CENTER_ONLY, self.OFFICER_ONLY
        # a refusal never names the case
        reply_msg = "Only the officers and handlers of the case's unit can reply to it."
        cancel_msg = "Only the person who submitted the case can withdraw it."
        table = [
            # method, state, confidential?, caller, expected message ({name} = the case number)
            ("action_register", "new", False, "officer_a", center_msg),
            ("action_register", "new", False, "leadership", center_msg),
            ("action_register", "new", False, "handler_a", center_msg),
            ("action_register", "new", False, "portal_user", center_msg),
            # center staff cannot even read a confidential case: Odoo's access error comes first
            ("action_register", "new", True, "center_staff", self.UNREADABLE),
            ("action_reject", "new", False, "leadership", center_msg),
            ("action_reject", "registered", True, "center_staff", self.UNREADABLE),
            ("action_assign", "registered", False, "officer_a", center_msg),
            ("action_assign", "registered", False, "leadership", center_msg),
            ("action_assign", "registered", True, "center_staff", self.UNREADABLE),
            ("action_accept", "assigned", False, "center_staff", officer_msg),
            ("action_accept", "assigned", False, "center_manager", officer_msg),
            ("action_accept", "assigned", False, "handler_a", officer_msg),
            ("action_accept", "assigned", False, "officer_b", self.UNREADABLE),
            ("action_accept", "assigned", True, "officer_a2", self.UNREADABLE),
            ("action_return", "processing", False, "center_staff", officer_msg),
            ("action_return", "processing", False, "handler_a", officer_msg),
            ("action_return", "processing", False, "officer_b", self.UNREADABLE),
            ("action_submit_reply", "processing", False, "leadership", reply_msg),
            ("action_submit_reply", "processing", False, "portal_user", reply_msg),
            ("action_submit_reply", "processing", False, "officer_b", self.UNREADABLE),
            ("action_submit_reply", "processing", True, "center_staff", self.UNREADABLE),
            (
                "action_submit_reply",
                "registered",
                False,
                "leadership",
                "Only the center answers a case it has not assigned.",
            ),
            ("action_approve_reply", "review", False, "officer_a", center_msg),
            ("action_approve_reply", "review", False, "leadership", center_msg),
            ("action_approve_reply", "review", True, "center_staff", self.UNREADABLE),
            ("action_refuse_reply", "review", False, "handler_a", center_msg),
            ("action_refuse_reply", "review", False, "officer_a", center_msg),
            ("action_request_extension", "processing", False, "center_staff", officer_msg),
            ("action_request_extension", "processing", False, "center_manager", officer_msg),
            ("action_request_extension", "processing", False, "handler_a", officer_msg),
            ("action_follow_up", "replied", False, "officer_a", center_msg),
            ("action_follow_up", "replied", False, "leadership", center_msg),
            ("action_follow_up", "replied", True, "center_staff", self.UNREADABLE),
            ("action_cancel", "processing", False, "leadership", cancel_msg),
            ("action_cancel", "processing", False, "officer_a", cancel_msg),
            ("action_cancel", "processing", False, "portal_other", self.UNREADABLE),
            ("action_cancel", "processing", True, "center_staff", self.UNREADABLE),
        ]
        cases = {}
        for method, state, confidential, who, expected in table:
            key = (state, confidential)
            if key not in cases:
                cases[key] = self._case_in_state(
                    state, handler=self.handler_a, case_type="report" if confidential else "consultation"
                )
            case = cases[key]
            args = self._args(self.CALLS[method][2])
            with self.subTest(method=method, state=state, confidential=confidential, caller=who):
                snapshot = self._snapshot(case)
                with self.assertRaises(AccessError) as caught:
                    getattr(self._as(case, getattr(self, who)), method)(*args)
                if expected:
                    self.assertIn(expected.format(name=case.name), str(caught.exception))
                self.assertUnchanged(case, snapshot)

    # ------------------------------------------------------------------ refusals: bad input

    def test_missing_reason_reply_or_comment_refused(self):
        table = [
            ("new", "action_reject", "center_staff", "the reason for not accepting the case"),
            ("registered", "action_reject", "center_staff", "the reason for not accepting the case"),
            ("processing", "action_return", "officer_a", "the reason for returning the case"),
            ("processing", "action_submit_reply", "officer_a", "the reply"),
            ("registered", "action_submit_reply", "center_staff", "the reply"),
            ("review", "action_refuse_reply", "center_staff", "what the unit must change in its reply"),
        ]
        for state, method, who, what in table:
            case = self._case_in_state(state)
            for text in (None, "", " \n "):
                with self.subTest(method=method, state=state, text=text):
                    snapshot = self._snapshot(case)
                    with self.assertRaisesRegex(UserError, f"Please give {what}"):
                        getattr(self._as(case, getattr(self, who)), method)(text)
                    self.assertUnchanged(case, snapshot)

    def test_assign_needs_a_real_unit(self):
        case = self._case_in_state("registered")
        archived = self.env["sunny.unit"].create({"name": "Old Department", "code": "TOLD", "active": False})
        self.env["sunny.station"].create(
            {"name": "Old Station", "unit_id": archived.id, "officer_ids": [(6, 0, self.officer_b.ids)]}
        )
        no_station = self.env["sunny.unit"].create({"name": "New Institute", "code": "TNEW"})
        table = [
            (None, "Choose the unit the case is sent to"),
            (self.env["sunny.unit"], "Choose the unit the case is sent to"),
            (self.env["sunny.unit"].browse(987654321), "Choose the unit the case is sent to"),
            (self.unit_a | self.unit_b, "Choose the unit the case is sent to"),
            (self.portal_user.partner_id, "Choose the unit the case is sent to"),
            (self.station_a, "Choose the unit the case is sent to"),
            (archived, "Unit Old Department is archived"),
            (no_station, "Unit New Institute has no information officer"),
        ]
        for unit, message in table:
            with self.subTest(unit=repr(unit)):
                snapshot = self._snapshot(case)
                with self.assertRaisesRegex(UserError, message):
                    self._as(case, self.center_staff).action_assign(unit)
                self.assertUnchanged(case, snapshot)

    # ------------------------------------------------------------------ never deleted, never forced

    def test_nobody_deletes_a_case(self):
        case = self._case_in_state("closed")
        report = self._case_in_state("new", case_type="report")
        for user in (
            self.center_manager,
            self.center_staff,
            self.discipline,
            self.leadership,
            self.officer_a,
            self.handler_a,
            self.portal_user,
            self.public_user,
        ):
            for record in (case, report):
                with self.subTest(user=user.name, case=record.case_type), self.assertRaises(UserError):
                    self._as(record, user).unlink()
        self.assertTrue(case.exists())
        self.assertTrue(report.exists())

    def test_direct_state_write_refused(self):
        case = self._case_in_state("processing", handler=self.handler_a)
        report = self._case_in_state("processing", case_type="report")
        for user in (
            self.center_manager,
            self.center_staff,
            self.discipline,
            self.leadership,
            self.officer_a,
            self.handler_a,
            self.portal_user,
            self.public_user,
        ):
            for record in (case, report):
                for vals in ({"state": "closed"}, {"state": "new"}, {"resolve_deadline": "2027-01-01 00:00:00"}):
                    with self.subTest(user=user.name, case=record.case_type, vals=vals):
                        snapshot = self._snapshot(record)
                        with self.assertRaises(UserError):
                            self._as(record, user).write(vals)
                            self.env.flush_all()
                        self.assertUnchanged(record, snapshot)

    def test_workflow_context_key_is_no_back_door(self):
        """The context flag the workflow writes with must not unlock the write guard
        for a user calling write() himself (an RPC can set any context key)."""
        case = self._case_in_state("processing", handler=self.handler_a)
        for user in (self.officer_a, self.handler_a, self.center_staff):
            with self.subTest(user=user.name):
                snapshot = self._snapshot(case)
                with self.assertRaises(UserError):
                    self._as(case, user).with_context(sunny_workflow=True).write(
                        {"state": "closed", "closed_date": "2026-11-23 02:00:00"}
                    )
                    self.env.flush_all()
                self.assertUnchanged(case, snapshot)

    def test_full_path_tracks_every_state(self):
        case = self._case_in_state("closed", handler=self.handler_a)
        self.assertEqual(
            self._state_trackings(case),
            [
                ("To Register", "Registered"),
                ("Registered", "Assigned"),
                ("Assigned", "Processing"),
                ("Processing", "To Review"),
                ("To Review", "Replied"),
                ("Replied", "Closed"),
            ],
        )
        self.assertTrue(re.match(r"^YG\d{4}-\d{6}$", case.name))


class TestWorkflowEdges(SunnyCaseCommon):
    def test_dissatisfied_with_the_centers_own_answer_goes_back_to_the_center(self):
        case = self._case_in_state("registered")
        self._as(case, self.center_staff).action_submit_reply("The library opens at 8:00.")
        self._as(case, self.center_manager).action_approve_reply()
        self._as(case, self.center_staff).action_follow_up("very_dissatisfied", "That is not what I asked.")
        self.assertEqual(case.state, "registered")
        self.assertEqual(case.reopen_count, 1)
        self.assertTrue(case.followup_ids.reopened)

    def test_extension_decisions_only_through_the_buttons(self):
        case = self._case_in_state("processing")
        request = self._as(case, self.officer_a).action_request_extension(2, "Lab results.")
        self._as(request, self.center_manager).write({"decision_comment": "Looks fair."})
        with self.assertRaisesRegex(AccessError, "Approve and Refuse"):
            self._as(request, self.center_manager).write({"state": "approved", "days": 30})
        self.env.invalidate_all()
        self.assertEqual((request.state, request.days), ("pending", 2))
        self.assertEqual(case.resolve_deadline, RESOLVE_DEADLINE)

    def test_a_second_approved_reply_is_the_one_sent(self):
        case = self._case_in_state("replied")
        self._as(case, self.center_staff).action_follow_up("dissatisfied", "The library still closes at 21:00.")
        self._as(case, self.officer_a).action_submit_reply("From next Monday the library closes at 23:00.")
        self._as(case, self.center_staff).action_approve_reply()
        replies = self.env["mail.mail"].search([("subject", "like", case.name)], order="id")
        self.assertEqual(len(replies), 2)
        self.assertIn("next Monday", replies[-1].body_html)

    def test_unit_todos_are_closed_when_the_unit_acts(self):
        case = self._case_in_state("assigned")
        self.assertEqual(case.activity_ids.user_id, self.officer_a | self.officer_a2)
        self._as(case, self.officer_a).action_accept()
        self.assertFalse(case.activity_ids, "accepting ticks off the officers' to-dos")
        other = self._case_in_state("assigned")
        self._as(other, self.officer_a).action_return("Belongs to logistics.")
        self.assertFalse(
            other.activity_ids.user_id & (self.officer_a | self.officer_a2),
            "no to-do left on a case the unit cannot read any more",
        )
        # the center's to-do takes over (see TestCenterHearsOfIt)
        self.assertEqual(
            other.activity_ids.activity_type_id, self.env.ref("sunny_service.mail_activity_type_case_returned")
        )

    def test_cancel_clears_the_deadline_state(self):
        case = self._case_in_state("processing")
        self._as(case, self.portal_user).action_cancel()
        self.assertEqual(case.state, "cancelled")
        self.assertFalse(case.deadline_state)
        self.assertFalse(case.activity_ids)

    def test_a_return_leaves_the_next_unit_a_clean_slate(self):
        case = self._case_in_state("review")
        self._as(case, self.center_staff).action_refuse_reply("Say when the library opens.")
        request = self._as(case, self.officer_a).action_request_extension(2, "Asking the director.")
        self._as(case, self.officer_a).action_return("The library belongs to unit B.")
        self.assertFalse(case.first_reply_date, "unit A's reply does not count for unit B")
        self._as(case, self.center_staff).action_assign(self.unit_b)
        self.assertEqual(request.unit_id, self.unit_a, "the request stays on record for unit A")
        self.assertEqual(case.return_ids.unit_id, self.unit_a)

    def test_a_batch_of_cases_gets_consecutive_numbers_at_once(self):
        first = self._create_case()
        vals = {"title": "Batch import", "content": "A case typed in from a letter.", "channel": "letter"}
        with self.assertQueryCount(2):  # the sequence, then all the numbers
            self.env["sunny.case"]._assign_numbers(batch := [dict(vals) for _i in range(50)])
        cases = self.env["sunny.case"].create(batch)
        prefix, number = first.name.rsplit("-", 1)
        self.assertEqual(cases.mapped("name"), [f"{prefix}-{int(number) + i:06d}" for i in range(1, 51)])
        self.assertEqual(len(set(cases.mapped("name"))), 50)
