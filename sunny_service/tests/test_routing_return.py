"""退回时的派单建议: a unit returning a case sees the directory's suggestion, may name
the unit the case belongs to, and the center assigns it there in one click.

The directory sends canteen cases to unit B (Logistics); unit C (Finance) is a third
unit. A canteen case went to unit A, which returns it."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SunnyCaseCommon


@tagged("post_install", "-at_install")
class TestReturnProposal(SunnyCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.canteen = env["sunny.case.category"].create({"name": "Canteen"})
        cls.unit_c = env["sunny.unit"].create({"name": "Finance Office", "code": "TFIN"})
        env["sunny.station"].create(
            {"name": "Finance Station", "unit_id": cls.unit_c.id, "officer_ids": [(6, 0, cls.officer_b.ids)]}
        )
        cls.unit_empty = env["sunny.unit"].create({"name": "Unstaffed Office", "code": "TEMP"})
        cls.unit_archived = env["sunny.unit"].create({"name": "Closed Office", "code": "TCLO", "active": False})
        env["sunny.routing.rule"].with_user(cls.center_manager).create(
            {"category_id": cls.canteen.id, "unit_id": cls.unit_b.id}
        )

    def _assigned(self):
        return self._case_in_state("assigned", unit=self.unit_a, category_id=self.canteen.id)

    def _return_dialog(self, case, user=None):
        return (
            self.env["sunny.case.action.wizard"]
            .with_user(user or self.officer_a)
            .with_context(active_ids=case.ids, active_model="sunny.case", default_action="return")
            .create({})
        )

    def _return_todo(self, case):
        returned = self.env.ref("sunny_service.mail_activity_type_case_returned")
        return case.activity_ids.filtered(lambda a: a.activity_type_id == returned)

    def test_the_return_dialog_shows_the_directory_and_the_center_assigns_in_one_click(self):
        case = self._assigned()
        dialog = self._return_dialog(case)
        self.assertIn("Logistics Department", dialog.return_suggestion)
        self.assertIn("Routing directory: category “Canteen”", dialog.return_suggestion)
        self.assertNotIn("College of Science", dialog.return_suggestion or "", "not the unit returning it")
        self.assertEqual(dialog.proposed_unit_id, self.unit_b, "starts on the directory's suggestion")
        # the officer knows better: the canteen's contract is the finance office's
        dialog.write({"proposed_unit_id": self.unit_c.id, "reason": "The canteen contract is managed by finance."})
        dialog.action_confirm()
        self.env.invalidate_all()
        self.assertEqual((case.state, case.unit_id), ("registered", self.env["sunny.unit"]))
        self.assertEqual(case.return_ids.proposed_unit_id, self.unit_c)
        todos = self._return_todo(case)
        self.assertIn(self.center_staff, todos.user_id)
        for summary in todos.mapped("summary"):
            self.assertIn("Proposed unit: Finance Office", summary, "the center's to-dos name it")
        self.assertIn(
            "College of Science proposes that the case belongs to Finance Office",
            " ".join(case.message_ids.mapped("body")),
        )

        as_center = self._as(case, self.center_staff)
        self.assertEqual(as_center.return_proposed_unit_id, self.unit_c, "the case shows it")
        self.assertEqual(as_center.suggested_unit_id, self.unit_c, "first of the suggestions")
        self.assertIn("Proposed by the unit that returned the case", as_center.routing_suggestion)
        self.assertIn("Logistics Department", as_center.routing_suggestion, "the directory's still shown")
        # one click: 交办给建议单位
        as_center.action_assign_suggested()
        self.env.invalidate_all()
        self.assertEqual((case.state, case.unit_id), ("assigned", self.unit_c))
        self.assertFalse(case.sudo().return_proposed_unit_id, "the proposal is settled")
        self.assertFalse(self._return_todo(case), "the center's to-do is done")
        self.assertIn(
            "Assigned as suggested: Proposed by the unit that returned", " ".join(case.message_ids.mapped("body"))
        )

    def test_a_return_without_proposal(self):
        case = self._assigned()
        dialog = self._return_dialog(case)
        dialog.write({"proposed_unit_id": False, "reason": "Not ours."})
        dialog.action_confirm()
        self.env.invalidate_all()
        self.assertEqual(case.state, "registered")
        self.assertFalse(case.return_ids.proposed_unit_id)
        as_center = self._as(case, self.center_staff)
        self.assertFalse(as_center.return_proposed_unit_id)
        self.assertEqual(as_center.suggested_unit_id, self.unit_b, "the directory alone")
        self.assertNotIn("proposes", " ".join(case.message_ids.mapped("body")))

    def test_bad_proposals_change_nothing(self):
        case = self._assigned()
        for unit, message in (
            (self.unit_a, "College of Science is returning the case"),
            (self.unit_empty, "has no information officer"),
            (self.unit_archived, "archived"),
            ("finance", "the unit the case belongs to"),
        ):
            with self.subTest(message=message), self.assertRaisesRegex(UserError, message):
                self._as(case, self.officer_a).action_return("Not ours.", proposed_unit=unit)
            self.env.invalidate_all()
            self.assertEqual((case.state, case.unit_id, len(case.return_ids)), ("assigned", self.unit_a, 0))
        with self.assertRaises(AccessError):
            self._as(case, self.officer_b).action_return("Not even ours to return.", proposed_unit=self.unit_c)
        self.assertEqual(case.state, "assigned")
        # a unit never reads the center's routing
        with self.assertRaises(AccessError):
            self._as(case, self.officer_a).read(["return_proposed_unit_id"])
