"""主办/协办: a case led by unit A with co-handling units (issue 13).

Unit A leads (officers A, A2, handler A); unit B co-handles (officer B); unit C
(officers C, C2) is a third unit that reads nothing unless it co-handles; unit E has
no officer. Time is frozen on Monday 2026-11-23 10:00 in Beijing: an assignment
then has its reply deadline at the end of Thursday 26th, so the co-handling units'
opinions are due by default at the end of Tuesday 24th (2 working days before).
"""

import datetime
import gc

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import SunnyCaseCommon

# the end of Tuesday 2026-11-24 in Beijing, as naive UTC
OPINION_DEADLINE = datetime.datetime(2026, 11, 24, 15, 59, 59)


def utc(local_text):
    return datetime.datetime.fromisoformat(local_text) - datetime.timedelta(hours=8)


@tagged("sunny_cohandling")
class TestCoHandling(SunnyCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env

        def officer(login, name):
            return new_test_user(
                env,
                login=login,
                name=name,
                groups="sunny_service.group_station_officer",
                tz="Asia/Shanghai",
                email=f"{login}@example.com",
            )

        cls.officer_c = officer("sunny_officer_c", "Officer C")
        cls.officer_c2 = officer("sunny_officer_c2", "Officer C2")
        cls.officer_b.email = "officer.b@example.com"
        cls.unit_c = env["sunny.unit"].create({"name": "Finance Department", "code": "TFIN"})
        env["sunny.station"].create(
            {
                "name": "Finance Station",
                "unit_id": cls.unit_c.id,
                "officer_ids": [(6, 0, (cls.officer_c | cls.officer_c2).ids)],
            }
        )
        cls.unit_empty = env["sunny.unit"].create({"name": "Unstaffed Office", "code": "TEMP"})

    # ------------------------------------------------------------------ helpers

    def _add(self, case, units, user=None, **kw):
        user = user or self._center_for(case)
        self._as(case, user).action_add_co_units(units, **kw)
        self._flush_tracking()
        self.env.invalidate_all()

    def _snapshot(self, case):
        return (
            case.co_unit_ids.ids,
            case.sudo().co_entrusted_user_ids.ids,
            self.env["sunny.case.opinion"].search_count([]),
            [(o.state, o.opinion) for o in self.env["sunny.case.opinion"].search([])],
            self.env["mail.activity"].search_count([]),
        )

    def _opinion(self, case, unit):
        return case.opinion_ids.filtered(lambda o: o.unit_id == unit)

    # ------------------------------------------------------------------ the whole way

    def test_co_handled_case_end_to_end(self):
        case = self._case_in_state("processing", case_type="complaint")
        self.assertFalse(self._as(case, self.officer_b).has_access("read"), "unit B reads nothing yet")
        self.assertTrue(self._as(case, self.center_staff).can_add_co_units)
        self._add(case, self.unit_b, note="Check the canteen contract.")

        opinion = self._opinion(case, self.unit_b)
        self.assertEqual(case.co_unit_ids, self.unit_b)
        self.assertEqual(len(opinion), 1)
        self.assertEqual(opinion.state, "pending")
        self.assertEqual(opinion.deadline, OPINION_DEADLINE, "2 working days before the reply deadline")
        self.assertEqual(opinion.note, "Check the canteen contract.")
        self.assertEqual(case.unit_id, self.unit_a, "the lead unit keeps the case")
        self.assertEqual(case.first_unit_id, self.unit_a, "first-contact responsibility stays with the lead")
        todo = case.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("sunny_service.mail_activity_type_opinion")
        )
        self.assertEqual(todo.user_id, self.officer_b)
        self.assertEqual(todo.date_deadline, datetime.date(2026, 11, 24))
        self.assertIn(self.officer_b.partner_id, case.message_partner_ids, "the co-unit's officer follows")
        self.assertTrue(
            self.env["mail.notification"].search_count([("res_partner_id", "=", self.officer_b.partner_id.id)]),
            "the officer is notified of the to-do",
        )

        # unit B's officer reads the case and gives the opinion, and nothing more
        as_b = self._as(case, self.officer_b)
        self.assertTrue(as_b.has_access("read"))
        self.assertTrue(as_b.can_submit_opinion)
        self.assertFalse(as_b.can_submit_reply or as_b.can_return or as_b.can_request_extension)
        with self.assertRaises(AccessError):
            as_b.write({"reply_draft": "We co-handle, let us write the reply"})
        with self.assertRaises(AccessError):
            self._as(case, self.officer_b).action_submit_reply("Not ours to reply")
        self.assertFalse(self._as(case, self.officer_a).can_submit_opinion, "the lead gives no opinion")
        self._as(opinion, self.officer_b).action_submit("The contract allows opening until 23:00.")
        self.env.invalidate_all()
        self.assertEqual(opinion.state, "submitted")
        self.assertEqual(opinion.deadline_state, "done_on_time")
        self.assertEqual(opinion.user_id, self.officer_b)
        self.assertFalse(case.activity_ids.filtered(lambda a: a.user_id == self.officer_b), "the to-do is done")

        # the lead unit reads the opinion and is told of it
        lead_view = self._as(case, self.officer_a)
        self.assertEqual(lead_view.opinion_ids.opinion, "The contract allows opening until 23:00.")
        note = case.message_ids.filtered(lambda m: "The contract allows opening" in (m.body or ""))
        self.assertIn(self.officer_a.partner_id, note.partner_ids)
        self._step(case, "reply")

        # the review shows the opinions
        wizard = (
            self.env["sunny.case.action.wizard"]
            .with_user(self.center_staff)
            .with_context(active_ids=case.ids, default_action="approve")
            .create({})
        )
        self.assertEqual(wizard.opinion_ids, opinion)
        wizard.action_confirm()
        self.assertEqual(case.state, "replied")

        bodies = " ".join(case.message_ids.mapped("body"))
        self.assertIn("Co-handling units added: Logistics Department", bodies)
        self.assertIn("Co-handling opinion of Logistics Department", bodies)

    def test_wizards(self):
        case = self._case_in_state("assigned", case_type="complaint")
        wizard = (
            self.env["sunny.case.co.unit.wizard"]
            .with_user(self.center_staff)
            .with_context(active_id=case.id, active_model="sunny.case")
            .create({"unit_ids": [(6, 0, self.unit_c.ids)]})
        )
        self.assertEqual(wizard.deadline, OPINION_DEADLINE)
        self.assertIn("Finance", str(wizard.case_id.name) + wizard.summary + self.unit_c.name)
        self.assertIn("first-contact", wizard.summary)
        wizard.action_confirm()
        self.assertEqual(case.co_unit_ids, self.unit_c)
        self.assertEqual(
            case.activity_ids.filtered(lambda a: a.summary.startswith("Give the opinion")).user_id,
            self.officer_c | self.officer_c2,
        )
        give = (
            self.env["sunny.case.opinion.wizard"]
            .with_user(self.officer_c2)
            .with_context(active_id=case.id, active_model="sunny.case")
            .create({"opinion": "No objection from finance."})
        )
        give.action_confirm()
        self.assertEqual(self._opinion(case, self.unit_c).user_id, self.officer_c2)

    # ------------------------------------------------------------------ audience

    def test_audience_of_a_co_handled_case(self):
        case = self._case_in_state("processing", case_type="complaint")
        self.assertFalse(case.is_cohandled)
        self.assertFalse(self._as(case, self.officer_b).has_access("read"))
        self._add(case, self.unit_b)
        # the flag the co-handling rule starts with (indexed: officers' lists read by index)
        self.assertTrue(case.is_cohandled)
        audience = case._sunny_audience()
        for user, reads in (
            (self.officer_b, True),
            (self.officer_a, True),
            (self.officer_c, False),
            (self.officer_c2, False),
            (self.portal_other, False),
        ):
            with self.subTest(user=user.login):
                self.assertEqual(user in audience, reads, "audience")
                self.assertEqual(self._as(case, user).has_access("read"), reads, "record rules")
                self.assertEqual(bool(self._as(case, user).search_count([("id", "=", case.id)])), reads)
                if user.share:
                    with self.assertRaises(AccessError):
                        self.env["sunny.case.opinion"].with_user(user).search([("case_id", "=", case.id)])
                    continue
                opinions = self.env["sunny.case.opinion"].with_user(user).search([("case_id", "=", case.id)])
                self.assertEqual(bool(opinions), reads, "opinions follow the case")
        with self.assertRaises(AccessError):
            self._as(case.opinion_ids, self.officer_c).read(["opinion"])

        # a former member of the co-handling unit reads and hears nothing more
        self.env["sunny.station"].search([("unit_id", "=", self.unit_b.id)]).officer_ids -= self.officer_b
        self.env.invalidate_all()
        self.assertNotIn(self.officer_b, case._sunny_audience())
        self.assertFalse(self._as(case, self.officer_b).has_access("read"))
        self.assertNotIn(self.officer_b.partner_id, case.message_partner_ids)
        self.assertNotIn(self.officer_b, case.activity_ids.user_id)
        with self.assertRaises(AccessError):
            self._as(case.opinion_ids, self.officer_b).action_submit("Still here?")

    def test_confidential_case_goes_only_to_the_entrusted(self):
        report = self._case_in_state("processing", case_type="report")
        self.assertTrue(report.is_confidential)
        before = self._snapshot(report)
        with self.assertRaisesRegex(UserError, "entrust it to an officer of Finance Department"):
            self._add(report, self.unit_c)
        with self.assertRaisesRegex(UserError, "entrust it to an officer of Finance Department"):
            self._add(report, self.unit_c, entrusted_users=self.officer_b)
        self.assertEqual(self._snapshot(report), before, "nothing changed")
        with self.assertRaises(AccessError):
            self._add(report, self.unit_c, user=self.center_staff, entrusted_users=self.officer_c)
        self._add(report, self.unit_c, entrusted_users=self.officer_c)
        audience = report._sunny_audience()
        self.assertIn(self.officer_c, audience)
        self.assertNotIn(self.officer_c2, audience)
        self.assertTrue(self._as(report, self.officer_c).has_access("read"))
        self.assertFalse(self._as(report, self.officer_c2).has_access("read"))
        self.assertEqual(
            case_todos := report.activity_ids.filtered(lambda a: a.summary.startswith("Give the opinion")).user_id,
            self.officer_c,
            case_todos,
        )
        # the entrusted co-handling officer is no officer of the case and does not see who reported
        as_c = self._as(report, self.officer_c)
        self.assertFalse(as_c.can_submit_reply or as_c.can_accept)
        self.assertEqual(as_c.submitter_display, "Confidential")
        with self.assertRaises(AccessError):
            self._as(report.opinion_ids, self.officer_c2).action_submit("Not entrusted")
        self._as(report.opinion_ids, self.officer_c).action_submit("Finance checked the accounts.")
        self.assertEqual(report.opinion_ids.state, "submitted")

    # ------------------------------------------------------------------ bad input

    def test_bad_requests_change_nothing(self):
        case = self._case_in_state("processing", case_type="complaint")
        registered = self._case_in_state("registered", case_type="complaint")
        closed = self._case_in_state("closed", case_type="complaint")
        for target, units, kw, error, message in (
            (case, self.unit_a, {}, UserError, "lead unit cannot also co-handle"),
            (case, self.unit_empty, {}, UserError, "has no information officer"),
            (case, [], {}, UserError, "at least one co-handling unit"),
            (case, "unit B", {}, UserError, "co-handling units"),
            (case, self.unit_b, {"deadline": utc("2026-11-20 10:00:00")}, UserError, "in the future"),
            (registered, self.unit_b, {}, UserError, "cannot be given co-handling units now"),
            (closed, self.unit_b, {}, UserError, "cannot be given co-handling units now"),
        ):
            with self.subTest(message=message):
                before = self._snapshot(target)
                with self.assertRaisesRegex(error, message):
                    self._add(target, units, **kw)
                self.assertEqual(self._snapshot(target), before)
        # only the center adds co-handling units
        for user in (self.officer_a, self.officer_b, self.handler_a, self.leadership, self.portal_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._add(case, self.unit_b, user=user)
        self.assertFalse(case.co_unit_ids)

        self._add(case, self.unit_b)
        with self.assertRaisesRegex(UserError, "already co-handle"):
            self._add(case, self.unit_b | self.unit_c)
        self.assertEqual(case.co_unit_ids, self.unit_b, "unit C was not added either")
        opinion = case.opinion_ids
        # the wrong unit, hand writes, empty text, twice
        for user in (self.officer_a, self.officer_c, self.center_staff, self.portal_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._as(opinion, user).action_submit("Not my unit's opinion")
        with self.assertRaises(AccessError):
            self._as(opinion, self.officer_b).write({"opinion": "Written by hand", "state": "submitted"})
        with self.assertRaisesRegex(UserError, "Please give the opinion"):
            self._as(opinion, self.officer_b).action_submit("   ")
        self.assertEqual((opinion.state, opinion.opinion), ("pending", False))
        self._as(opinion, self.officer_b).action_submit("Our opinion.")
        with self.assertRaisesRegex(UserError, "already given its opinion"):
            self._as(opinion, self.officer_b).action_submit("Changed my mind.")
        self.assertEqual(opinion.opinion, "Our opinion.")

    def test_a_co_handling_unit_cannot_become_the_lead(self):
        case = self._case_in_state("processing", case_type="complaint")
        self._add(case, self.unit_b)
        self._as(case, self.officer_a).action_return("Not ours: the canteen is run by logistics.")
        self.assertEqual(case.state, "registered")
        with self.assertRaisesRegex(UserError, "a co-handling unit cannot also lead it"):
            self._as(case, self.center_staff).action_assign(self.unit_b)
        self.assertEqual((case.state, case.unit_id), ("registered", self.env["sunny.unit"]))
        self._as(case, self.center_staff).action_assign(self.unit_c)
        self.assertEqual(case.unit_id, self.unit_c)

    def test_no_opinion_once_the_case_is_answered(self):
        case = self._case_in_state("processing", case_type="complaint")
        self._add(case, self.unit_b)
        for step in ("reply", "approve"):
            self._step(case, step)
        with self.assertRaisesRegex(UserError, "no longer being handled"):
            self._as(case.opinion_ids, self.officer_b).action_submit("Too late.")
        self.assertEqual(case.opinion_ids.state, "pending")
        with freeze_time(utc("2026-11-30 09:00:00")):
            self.assertEqual(self.env["sunny.case.opinion"]._cron_deadline_scan(), 0, "nobody is reminded")

    # ------------------------------------------------------------------ deadlines

    def test_overdue_opinion_is_marked_and_reminded_once_a_day(self):
        Case = self.env["sunny.case"]
        case = self._case_in_state("processing", case_type="complaint")
        self._add(case, self.unit_b)
        opinion = case.opinion_ids
        with freeze_time(utc("2026-11-24 20:00:00")):
            Case._cron_deadline_scan()
            self.assertEqual(opinion.deadline_state, "on_time")
        with freeze_time(utc("2026-11-25 09:00:00")):
            Case._cron_deadline_scan()
            self.env.invalidate_all()
            self.assertEqual(opinion.deadline_state, "overdue")
            self.assertEqual(opinion.last_reminder_date, datetime.date(2026, 11, 25))
            told = self.env["mail.message"].search(
                [
                    ("message_type", "=", "user_notification"),
                    ("model", "=", False),
                    ("partner_ids", "in", self.officer_b.partner_id.id),
                ]
            )
            self.assertEqual(len(told), 1)
            self.assertIn(case.name, told.body)
            self.assertIn("The opinion of Logistics Department was due", " ".join(case.message_ids.mapped("body")))
            count = self.env["mail.message"].search_count([])
            Case._cron_deadline_scan()
            self.assertEqual(self.env["mail.message"].search_count([]), count, "once a day")
        with freeze_time(utc("2026-11-25 11:00:00")):
            self._as(opinion, self.officer_b).action_submit("Late, but here.")
            self.assertEqual(opinion.deadline_state, "done_late")
        with freeze_time(utc("2026-11-26 09:00:00")):
            count = self.env["mail.message"].search_count([])
            self.assertEqual(self.env["sunny.case.opinion"]._cron_deadline_scan(), 0)
            self.assertEqual(self.env["mail.message"].search_count([]), count, "a given opinion is not reminded")

    def test_opinion_scan_query_count_does_not_grow(self):
        Opinion = self.env["sunny.case.opinion"]

        def queries(count, day):
            cases = self._case_in_state("processing", count=count, case_type="complaint")
            self._add(cases, self.unit_b | self.unit_c)
            with freeze_time(utc(day)):
                self.env.flush_all()
                self.env.invalidate_all()
                # every run starts from the same point: the environments of the run before
                # (and what they keep, such as their company) collected, not kept or not
                # by chance of the garbage collector
                gc.collect()
                before = self.env.cr.sql_log_count
                Opinion._cron_deadline_scan()
                self.env.flush_all()
                return self.env.cr.sql_log_count - before

        queries(1, "2026-11-25 09:00:00")
        self.assertEqual(queries(2, "2026-11-26 09:00:00"), queries(6, "2026-11-27 09:00:00"))
        with freeze_time(utc("2026-11-27 10:00:00")):
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(1):  # one indexed search of the pending opinions
                Opinion._cron_deadline_scan()

    def test_default_deadline_never_before_today(self):
        case = self._case_in_state("processing", case_type="complaint")
        with freeze_time(utc("2026-11-26 10:00:00")):
            # the reply deadline is today: the opinions are due by the end of today
            self.assertEqual(case._sunny_default_opinion_deadline(), datetime.datetime(2026, 11, 26, 15, 59, 59))


@tagged("post_install", "-at_install", "sunny_cohandling")
class TestCoHandlingDemo(TransactionCase):
    def test_demo_has_a_co_handled_case(self):
        case = self.env.ref("sunny_service.case_dorm_allocation_demo", raise_if_not_found=False)
        if not case:
            self.skipTest("the database has no demo data")
        self.assertEqual(case.unit_id, self.env.ref("sunny_service.unit_xgc_demo"), "the lead unit")
        finance, logistics = self.env.ref("sunny_service.unit_cwc_demo"), self.env.ref("sunny_service.unit_hq_demo")
        self.assertEqual(case.co_unit_ids, finance | logistics)
        states = {opinion.unit_id: opinion.state for opinion in case.opinion_ids}
        self.assertEqual(states, {finance: "submitted", logistics: "pending"})
        officer_hq = self.env.ref("sunny_service.user_officer_hq_demo")
        self.assertTrue(case.with_user(officer_hq).can_submit_opinion)
