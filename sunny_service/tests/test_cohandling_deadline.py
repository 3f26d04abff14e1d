"""协办意见的期限随延期而动: an approved extension moves the co-handling opinions' deadlines.

Time is frozen on Monday 2026-11-23 10:00 in Beijing; the case is assigned to unit A
then: reply deadline Thursday 26th, resolution deadline Wednesday 2 December. Friday
4 December is a holiday of the working calendar here (a school holiday entered by
hand). Unit B's opinion has the default deadline (the end of Tuesday 24th, 2 working
days before the reply deadline); unit C's was set by hand.

The lead unit asks for 3 more working days on Thursday 26th and the manager approves:
the resolution deadline moves from Wednesday 2nd over the holiday to Tuesday 8th;
the default opinion deadline follows it to 2 working days before, over the holiday
again: the end of Thursday 3rd (not Friday 4th, not Sunday 6th).
"""

import datetime

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import SunnyCaseCommon
from .test_deadlines import end_of, utc


@tagged("sunny_cohandling")
class TestCoHandlingDeadline(SunnyCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["sunny.holiday"].create({"date": datetime.date(2026, 12, 4), "kind": "holiday", "name": "School Day"})
        cls.officer_c = new_test_user(
            env, login="sunny_officer_c", name="Officer C", groups="sunny_service.group_station_officer"
        )
        cls.unit_c = env["sunny.unit"].create({"name": "Finance Department", "code": "TFIN"})
        env["sunny.station"].create(
            {"name": "Finance Station", "unit_id": cls.unit_c.id, "officer_ids": [(6, 0, cls.officer_c.ids)]}
        )
        env["res.lang"]._activate_lang("zh_CN")
        env["ir.module.module"]._load_module_terms(["sunny_service"], ["zh_CN"], overwrite=True)
        cls.center_manager.lang = "zh_CN"

    def _co_handled(self, hand_deadline):
        case = self._case_in_state("processing", case_type="complaint")
        self._as(case, self.center_staff).action_add_co_units(self.unit_b)
        self._as(case, self.center_staff).action_add_co_units(self.unit_c, deadline=hand_deadline)
        self._flush_tracking()
        self.env.invalidate_all()
        return case

    def _opinion(self, case, unit):
        return case.opinion_ids.filtered(lambda o: o.unit_id == unit)

    def _extend(self, case, days=3):
        with freeze_time(utc("2026-11-26 09:00:00")):
            request = self._as(case, self.officer_a).action_request_extension(days, "The supplier delivers later.")
            # the manager's request runs in their language, as the web client sends it
            self._as(request, self.center_manager).with_context(lang="zh_CN").action_approve("同意。")
            self._flush_tracking()
            self.env.invalidate_all()
        return request

    def test_default_deadline_follows_the_extension_over_a_holiday(self):
        case = self._co_handled(hand_deadline=end_of("2026-11-25"))
        default, by_hand = self._opinion(case, self.unit_b), self._opinion(case, self.unit_c)
        self.assertEqual(default.deadline, end_of("2026-11-24"))
        self.assertEqual(by_hand.deadline, end_of("2026-11-25"))
        # the default opinion is late and marked so before the extension
        with freeze_time(utc("2026-11-25 09:00:00")):
            self.env["sunny.case.opinion"]._cron_deadline_scan()
            self.env.invalidate_all()
        self.assertEqual(default.deadline_state, "overdue")

        self._extend(case)
        self.assertEqual(case.resolve_deadline, end_of("2026-12-08"), "over the holiday of Friday 4th")
        self.assertEqual(default.deadline, end_of("2026-12-03"), "2 working days before, over the holiday")
        self.assertEqual(default.deadline_state, "on_time", "no longer overdue")
        self.assertEqual(by_hand.deadline, end_of("2026-11-25"), "the center's own deadline is kept")
        todo = case.activity_ids.filtered(lambda a: a.user_id == self.officer_b)
        self.assertEqual(todo.date_deadline, datetime.date(2026, 12, 3), "the to-do follows")
        note = case.message_ids.filtered(lambda m: "主办单位的期限已延至" in (m.body or ""))
        self.assertEqual(len(note), 1, "a note in the manager's Chinese")
        self.assertIn("Logistics Department", note.body)
        self.assertIn("2026-12-03 23:59", note.body)
        self.assertNotIn("Finance Department", note.body)
        # the moved opinion is no longer reminded as late
        with freeze_time(utc("2026-11-27 09:00:00")):
            self.assertEqual(self.env["sunny.case.opinion"]._cron_deadline_scan(), 1, "only the hand-set one is late")

    def test_a_hand_set_deadline_after_the_lead_deadline_moves(self):
        # the center gave unit C until after the lead's deadline (even the extended one)
        case = self._co_handled(hand_deadline=end_of("2026-12-15"))
        self._extend(case)
        self.assertEqual(self._opinion(case, self.unit_b).deadline, end_of("2026-12-03"))
        self.assertEqual(
            self._opinion(case, self.unit_c).deadline, end_of("2026-12-03"), "not after the lead unit's deadline"
        )

    def test_given_opinions_and_refused_extensions_change_nothing(self):
        case = self._co_handled(hand_deadline=end_of("2026-11-25"))
        self._as(self._opinion(case, self.unit_b), self.officer_b).action_submit("Given already.")
        with freeze_time(utc("2026-11-26 09:00:00")):
            request = self._as(case, self.officer_a).action_request_extension(3, "More time.")
            self._as(request, self.center_manager).action_refuse("不同意。")
        self.env.invalidate_all()
        self.assertEqual(self._opinion(case, self.unit_b).deadline, end_of("2026-11-24"))
        self._extend(case)
        self.assertEqual(self._opinion(case, self.unit_b).deadline, end_of("2026-11-24"), "a given opinion keeps it")
        self.assertEqual(self._opinion(case, self.unit_b).deadline_state, "done_on_time")
