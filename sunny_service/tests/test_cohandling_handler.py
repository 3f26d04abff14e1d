"""协办单位的受理人员: a co-handling unit's officer hands its opinion to a handler of the unit.

Unit A leads the case; unit B co-handles it (officer B, handlers B and B2); unit C
(officer C, handler C) is a third unit. Who reads the case comes from the one
audience (``_sunny_audience_map``), which the record rules say again to the ORM.
"""

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import SunnyCaseCommon


@tagged("sunny_cohandling")
class TestCoHandlingHandler(SunnyCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env

        def user(login, name, groups="sunny_service.group_handler"):
            return new_test_user(env, login=login, name=name, groups=groups, tz="Asia/Shanghai")

        cls.handler_b = user("sunny_handler_b", "Handler B")
        cls.handler_b2 = user("sunny_handler_b2", "Handler B2")
        cls.station_b.handler_ids = cls.handler_b | cls.handler_b2
        cls.officer_c = user("sunny_officer_c", "Officer C", "sunny_service.group_station_officer")
        cls.handler_c = user("sunny_handler_c", "Handler C")
        cls.unit_c = env["sunny.unit"].create({"name": "Finance Department", "code": "TFIN"})
        cls.station_c = env["sunny.station"].create(
            {
                "name": "Finance Station",
                "unit_id": cls.unit_c.id,
                "officer_ids": [(6, 0, cls.officer_c.ids)],
                "handler_ids": [(6, 0, cls.handler_c.ids)],
            }
        )
        cls.todo_type = env.ref("sunny_service.mail_activity_type_opinion")

    # ------------------------------------------------------------------ helpers

    def _co_handled(self, case_type="complaint", unit=None, **kw):
        case = self._case_in_state("processing", case_type=case_type)
        self._as(case, self._center_for(case)).action_add_co_units(unit or self.unit_b, **kw)
        self._flush_tracking()
        self.env.invalidate_all()
        return case

    def _hand(self, opinion, handler, user=None):
        self._as(opinion, user or self.officer_b).action_set_handler(handler)
        self._flush_tracking()
        self.env.invalidate_all()

    def _reads(self, case, user):
        as_user = self._as(case, user)
        by_rules = as_user.has_access("read") and bool(as_user.search_count([("id", "=", case.id)]))
        by_audience = user in case._sunny_audience()
        self.assertEqual(by_rules, by_audience, f"the record rules and the audience agree for {user.login}")
        return by_rules

    def _todos(self, case, user):
        return case.activity_ids.filtered(lambda a: a.activity_type_id == self.todo_type and a.user_id == user)

    def _handover_snapshot(self, case):
        opinion = case.opinion_ids
        return (opinion.handler_id, opinion.state, len(case.activity_ids), len(case.message_ids))

    # ------------------------------------------------------------------ the handler takes part

    def test_handler_reads_the_case_and_submits_the_opinion(self):
        case = self._co_handled()
        opinion = case.opinion_ids
        self.assertFalse(self._reads(case, self.handler_b), "unit B's handler reads nothing yet")
        self.assertTrue(self._as(opinion, self.officer_b).can_set_handler)

        self._hand(opinion, self.handler_b)
        self.assertEqual(opinion.handler_id, self.handler_b)
        self.assertTrue(self._reads(case, self.handler_b))
        self.assertEqual(self._as(case, self.handler_b).opinion_ids, opinion, "the handler reads the opinion asked")
        self.assertFalse(self._as(opinion, self.handler_b).can_set_handler, "only officers hand it over")
        self.assertTrue(self._todos(case, self.handler_b), "the handler gets a to-do")
        self.assertEqual(
            self._todos(case, self.handler_b).date_deadline, self._todos(case, self.officer_b).date_deadline
        )
        self.assertIn(self.handler_b.partner_id, case.message_partner_ids, "the handler follows the case")
        self.assertIn("handed to Handler B", " ".join(case.message_ids.mapped("body")))
        self.assertFalse(self._reads(case, self.handler_c), "another unit's handler still reads nothing")

        # the handler gives the opinion, and can do nothing else on the case
        as_handler = self._as(case, self.handler_b)
        self.assertTrue(as_handler.can_submit_opinion)
        self.assertFalse(as_handler.can_submit_reply or as_handler.can_return or as_handler.can_accept)
        with self.assertRaises(AccessError):
            as_handler.write({"reply_draft": "Let the co-handling unit write the reply"})
        with self.assertRaises(AccessError):
            self._hand(opinion, self.handler_b2, user=self.handler_b)
        wizard = (
            self.env["sunny.case.opinion.wizard"]
            .with_user(self.handler_b)
            .with_context(active_id=case.id, active_model="sunny.case")
            .create({"opinion": "The canteen contract allows opening until 23:00."})
        )
        wizard.action_confirm()
        self.env.invalidate_all()
        self.assertEqual((opinion.state, opinion.user_id), ("submitted", self.handler_b))
        self.assertFalse(self._todos(case, self.handler_b) | self._todos(case, self.officer_b), "the to-dos are done")
        self.assertIn("Co-handling opinion of Logistics Department", " ".join(case.message_ids.mapped("body")))

    def test_the_officer_can_still_submit(self):
        case = self._co_handled()
        opinion = case.opinion_ids
        self._hand(opinion, self.handler_b)
        self.assertTrue(self._as(case, self.officer_b).can_submit_opinion)
        self._as(opinion, self.officer_b).action_submit("Answered by the officer after all.")
        self.assertEqual((opinion.state, opinion.user_id), ("submitted", self.officer_b))
        self.assertFalse(self._todos(case, self.handler_b), "the handler's to-do is done too")
        # a given opinion is handed to nobody any more
        with self.assertRaisesRegex(UserError, "already given its opinion"):
            self._hand(opinion, self.handler_b2)

    def test_only_a_handler_of_the_co_handling_unit(self):
        case = self._co_handled()
        opinion = case.opinion_ids
        before = self._handover_snapshot(case)
        for handler in (self.handler_c, self.handler_a, self.officer_c):
            with self.subTest(handler=handler.login), self.assertRaisesRegex(UserError, "handler of Logistics"):
                self._hand(opinion, handler)
        for user in (self.officer_a, self.officer_c, self.handler_b, self.center_staff):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._hand(opinion, self.handler_b, user=user)
        self.assertEqual(self._handover_snapshot(case), before, "nothing changed")
        with self.assertRaises(AccessError):
            self._as(opinion, self.handler_c).action_submit("Not our unit")
        with self.assertRaises(AccessError):
            self._as(opinion, self.handler_b).action_submit("Not handed to me yet")

    def test_former_handlers_lose_access(self):
        case = self._co_handled()
        opinion = case.opinion_ids
        self._hand(opinion, self.handler_b)
        # handed to someone else: the first handler reads and does nothing more
        self._hand(opinion, self.handler_b2)
        self.assertEqual(opinion.handler_id, self.handler_b2)
        self.assertFalse(self._reads(case, self.handler_b))
        self.assertTrue(self._reads(case, self.handler_b2))
        self.assertFalse(self._todos(case, self.handler_b))
        self.assertTrue(self._todos(case, self.handler_b2))
        self.assertNotIn(self.handler_b.partner_id, case.message_partner_ids)
        self.assertIn("handed to Handler B2", " ".join(case.message_ids.mapped("body")))
        with self.assertRaises(AccessError):
            self._as(opinion, self.handler_b).action_submit("Still mine?")
        with self.assertRaises(AccessError):
            self._as(case, self.handler_b).read(["title"])

        # removed from the unit: the second handler loses the case too
        self.station_b.handler_ids -= self.handler_b2
        self._flush_tracking()
        self.env.invalidate_all()
        self.assertFalse(opinion.handler_id, "the opinion is back with the unit's officers")
        self.assertFalse(self._reads(case, self.handler_b2))
        self.assertFalse(self._todos(case, self.handler_b2))
        self.assertIn("no longer a handler of Logistics Department", " ".join(case.message_ids.mapped("body")))
        with self.assertRaises(AccessError):
            self._as(opinion, self.handler_b2).action_submit("Still mine?")
        self._as(opinion, self.officer_b).action_submit("The officer answers.")
        self.assertEqual(opinion.state, "submitted")

    def test_confidential_case_refuses_a_handler(self):
        report = self._co_handled(case_type="report", entrusted_users=self.officer_b)
        self.assertTrue(report.is_confidential)
        opinion = report.opinion_ids
        before = self._handover_snapshot(report)
        self.assertFalse(self._as(opinion, self.officer_b).can_set_handler)
        with self.assertRaisesRegex(UserError, "confidential"):
            self._hand(opinion, self.handler_b)
        self.assertEqual(self._handover_snapshot(report), before, "nothing changed")
        self.assertFalse(self._reads(report, self.handler_b))
        self._as(opinion, self.officer_b).action_submit("The entrusted officer answers.")
        self.assertEqual(opinion.state, "submitted")
