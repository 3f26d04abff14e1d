"""The routing directory (派单目录), the suggested units of a case, the one-click
assignment, the directory's history, and automatic handler assignment in a unit."""

import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import REPLY_DEADLINE, RESOLVE_DEADLINE, SunnyCaseCommon

# queries of _suggest_units() whatever the number of cases: the rules (search and
# read), their categories, the case categories' default units, the history's
# GROUP BY and the units' names
SUGGEST_QUERIES = 6


@tagged("post_install", "-at_install")
class TestRouting(SunnyCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Category = env["sunny.case.category"]
        cls.logistics = Category.create({"name": "Logistics"})
        cls.canteen = Category.create({"name": "Canteen", "parent_id": cls.logistics.id})
        cls.teaching = Category.create({"name": "Teaching"})
        cls.unit_c = env["sunny.unit"].create({"name": "Finance Office", "code": "TFIN"})
        env["sunny.station"].create(
            {"name": "Finance Station", "unit_id": cls.unit_c.id, "officer_ids": [(6, 0, cls.officer_b.ids)]}
        )
        Rule = env["sunny.routing.rule"].with_user(cls.center_manager)
        cls.rule_logistics = Rule.create({"category_id": cls.logistics.id, "unit_id": cls.unit_b.id})
        cls.rule_fee = Rule.create({"keyword": " tuition ", "unit_id": cls.unit_c.id})

    def _registered(self, **vals):
        return self._case_in_state("registered", **vals)

    # ------------------------------------------------------------------ suggestions

    def test_keyword_then_category(self):
        case = self._registered(
            title="Canteen charges tuition?", content="The canteen asks for tuition.", category_id=self.canteen.id
        )
        suggestions = self._as(case, self.center_staff)._suggest_units()
        self.assertEqual([s["unit_id"] for s in suggestions], [self.unit_c.id, self.unit_b.id])
        self.assertIn("tuition", suggestions[0]["reason"])
        self.assertIn("Logistics", suggestions[1]["reason"])  # the parent category's rule applies

    def test_keyword_bound_to_category_applies_only_there(self):
        self.env["sunny.routing.rule"].create(
            {"keyword": "library", "category_id": self.teaching.id, "unit_id": self.unit_a.id}
        )
        case = self._registered(category_id=self.canteen.id)  # "The library closes too early"
        self.assertEqual([s["unit_id"] for s in case._suggest_units()], [self.unit_b.id])
        case_teaching = self._registered(category_id=self.teaching.id)
        self.assertEqual([s["unit_id"] for s in case_teaching._suggest_units()], [self.unit_a.id])

    def test_history_of_closed_cases(self):
        self._case_in_state("closed", count=2, unit=self.unit_a, category_id=self.teaching.id)
        self._case_in_state("closed", unit=self.unit_b, category_id=self.teaching.id)
        case = self._registered(category_id=self.teaching.id)
        suggestions = case._suggest_units()
        self.assertEqual([s["unit_id"] for s in suggestions], [self.unit_a.id])
        self.assertIn(self.unit_a.name, suggestions[0]["reason"])
        self.assertIn("2", suggestions[0]["reason"])
        # outside the window, history says nothing
        self.env["ir.config_parameter"].set_param("sunny_service.routing_history_days", "1")
        with freeze_time("2026-11-30 02:00:00"):
            self.assertEqual(case._suggest_units(), [])

    def test_archived_unit_never_suggested(self):
        unit = self.env["sunny.unit"].create({"name": "Old Office", "code": "TOLD"})
        self.env["sunny.station"].create(
            {"name": "Old Station", "unit_id": unit.id, "officer_ids": [(6, 0, self.officer_b.ids)]}
        )
        self.env["sunny.routing.rule"].create({"keyword": "library", "unit_id": unit.id})
        self.teaching.default_unit_id = unit
        self._case_in_state("closed", unit=unit, category_id=self.teaching.id)
        case = self._registered(category_id=self.teaching.id)
        self.assertEqual([s["unit_id"] for s in case._suggest_units()], [unit.id])
        unit.active = False
        self.env.invalidate_all()
        self.assertEqual(case._suggest_units(), [])
        self.assertFalse(self._as(case, self.center_staff).suggested_unit_id)

    def test_suggest_query_count(self):
        self._case_in_state("closed", unit=self.unit_a, category_id=self.teaching.id)
        one = self._registered(category_id=self.canteen.id)
        many = self._registered(count=5, category_id=self.teaching.id) | one
        for cases in (one, many):
            cases = self._as(cases, self.center_staff)
            cases.mapped("title"), cases.mapped("content"), cases.category_id.mapped("parent_path")
            with self.assertQueryCount(SUGGEST_QUERIES):
                cases._suggest_units_by_case()

    def test_registration_screen_query_count(self):
        case = self._registered(category_id=self.canteen.id, title="Canteen")
        spec = {"routing_suggestion": {}, "suggested_unit_id": {"fields": {"display_name": {}}}, "can_assign": {}}
        case = self._as(case, self.center_staff)
        case.web_read({"title": {}})  # the form's other fields
        with self.assertQueryCount(11):  # the suggestions (6), the gate of can_assign, the unit's name
            result = case.web_read(spec)
        self.assertEqual(result[0]["suggested_unit_id"]["id"], self.unit_b.id)
        self.assertIn(self.unit_b.name, result[0]["routing_suggestion"])

    def test_record_version_query_count(self):
        """What action_assign adds to keep the directory's rule: the same queries for one
        case or many (the versions in force, their categories, one UPDATE)."""
        for count in (1, 5):
            cases = self._case_in_state("assigned", count=count, category_id=self.canteen.id).sudo()
            cases.mapped("title"), cases.mapped("content"), cases.category_id.mapped("parent_path")
            with self.assertQueryCount(3):
                cases._routing_record_version()
                cases.env.flush_all()
            self.assertEqual(cases.routing_version_id.rule_id, self.rule_logistics)

    def test_units_do_not_see_suggestions(self):
        case = self._case_in_state("assigned", category_id=self.canteen.id)
        with self.assertRaises(AccessError):
            self._as(case, self.officer_a).read(["routing_suggestion"])

    # ------------------------------------------------------------------ one-click assignment

    def test_assign_suggested(self):
        case = self._registered(category_id=self.canteen.id)
        self._as(case, self.center_staff).action_assign_suggested()
        self.env.invalidate_all()
        self.assertEqual(case.state, "assigned")
        self.assertEqual(case.unit_id, self.unit_b)
        self.assertEqual(case.first_unit_id, self.unit_b)
        self.assertEqual((case.reply_deadline, case.resolve_deadline), (REPLY_DEADLINE, RESOLVE_DEADLINE))
        self.assertEqual(case.routing_version_id.rule_id, self.rule_logistics)
        self.assertFalse(case.routing_departed)
        self.assertTrue(case.activity_ids.filtered(lambda a: a.user_id == self.officer_b))
        self.assertIn("Logistics", case.message_ids[:3].mapped("body")[0] + case.message_ids[:3].mapped("body")[1])

    def test_assign_suggested_refused(self):
        case = self._registered(category_id=self.teaching.id)
        with self.assertRaises(UserError):
            self._as(case, self.center_staff).action_assign_suggested()
        self.assertEqual(case.state, "registered")
        assigned = self._case_in_state("assigned", category_id=self.canteen.id)
        with self.assertRaises(AccessError):
            self._as(assigned, self.officer_a).action_assign_suggested()
        with self.assertRaises(AccessError):
            self._as(self._registered(category_id=self.canteen.id), self.officer_b).action_assign_suggested()

    def test_assign_dialog_starts_on_suggestion(self):
        case = self._registered(category_id=self.canteen.id)
        Wizard = self.env["sunny.case.action.wizard"].with_user(self.center_staff)
        wizard = Wizard.with_context(active_ids=case.ids, default_action="assign").create({})
        self.assertEqual(wizard.unit_id, self.unit_b)
        self.assertIn(self.unit_b.name, wizard.routing_suggestion)

    def test_return_shows_rule_at_assignment(self):
        case = self._case_in_state("assigned", unit=self.unit_a, category_id=self.canteen.id)
        version = case.routing_version_id
        self.assertEqual(version.unit_id, self.unit_b)
        self.assertTrue(case.routing_departed)
        # the directory changes afterwards: the return still shows the rule of the assignment
        with freeze_time("2026-11-23 03:00:00"):
            self.rule_logistics.with_user(self.center_manager).unit_id = self.unit_c
        self._as(case, self.officer_a).action_return("Canteens are the logistics department's.")
        self.env.invalidate_all()
        self.assertEqual(case.return_ids.routing_version_id, version)
        self.assertEqual(case.return_ids.routing_unit_id, self.unit_b)

    # ------------------------------------------------------------------ the directory

    def test_bad_rules(self):
        Rule = self.env["sunny.routing.rule"].with_user(self.center_manager)
        archived = self.env["sunny.unit"].create({"name": "Closed", "code": "TCLO", "active": False})
        count = Rule.search_count([])
        for vals in (
            {"category_id": self.teaching.id, "unit_id": archived.id},
            {"category_id": self.teaching.id},
            {"unit_id": self.unit_a.id},
            {"category_id": self.logistics.id, "unit_id": self.unit_a.id},
            {"keyword": "TUITION  ", "unit_id": self.unit_a.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError), self.cr.savepoint():
                Rule.create(vals)
        self.assertEqual(Rule.search_count([]), count)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.rule_logistics.with_user(self.center_manager).unit_id = archived
        self.assertEqual(self.rule_logistics.unit_id, self.unit_b)
        with self.assertRaises(UserError):
            self.rule_logistics.with_user(self.center_manager).unlink()

    def test_error_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.center_manager.lang = "zh_CN"
        with self.assertRaises(ValidationError) as caught, self.cr.savepoint():
            self.env["sunny.routing.rule"].with_user(self.center_manager).with_context(lang="zh_CN").create(
                {"category_id": self.teaching.id}
            )
        self.assertRegex(str(caught.exception), "[\u4e00-\u9fff]")

    def test_wrong_person(self):
        for user in (self.officer_a, self.handler_a, self.leadership):
            with self.subTest(user=user.login):
                Rule = self.env["sunny.routing.rule"].with_user(user)
                with self.assertRaises(AccessError):
                    Rule.create({"category_id": self.teaching.id, "unit_id": self.unit_a.id})
                with self.assertRaises(AccessError):
                    self.rule_logistics.with_user(user).write({"unit_id": self.unit_a.id})
        self.assertEqual(self.rule_logistics.unit_id, self.unit_b)
        # the center's staff maintain it too
        self.env["sunny.routing.rule"].with_user(self.center_staff).create(
            {"category_id": self.teaching.id, "unit_id": self.unit_a.id}
        )

    def test_rule_in_force_at_date(self):
        Rule = self.env["sunny.routing.rule"]
        with freeze_time("2026-11-01 02:00:00"):
            rule = Rule.with_user(self.center_manager).create(
                {"category_id": self.teaching.id, "unit_id": self.unit_a.id}
            )
        with freeze_time("2026-11-10 02:00:00"):
            rule.with_user(self.center_staff).write({"unit_id": self.unit_c.id, "note": "by decision 12"})
        with freeze_time("2026-11-20 02:00:00"):
            rule.with_user(self.center_manager).action_archive()

        def in_force(date):
            versions = Rule._versions_at(datetime.datetime.fromisoformat(date))
            return versions.filtered(lambda v: v.rule_id == rule).unit_id

        self.assertFalse(in_force("2026-10-31 00:00:00"))
        self.assertEqual(in_force("2026-11-05 00:00:00"), self.unit_a)
        self.assertEqual(in_force("2026-11-15 00:00:00"), self.unit_c)
        self.assertFalse(in_force("2026-11-21 00:00:00"))
        versions = rule.version_ids.sorted("date_from")
        self.assertEqual(len(versions), 3)
        self.assertEqual(versions[1].user_id, self.center_staff)
        self.assertEqual((versions[1].previous_unit_id, versions[1].unit_id), (self.unit_a, self.unit_c))
        self.assertFalse(versions[2].rule_active)
        # a note alone makes no version
        rule.with_user(self.center_manager).note = "again"
        self.assertEqual(len(rule.version_ids), 3)


@tagged("post_install", "-at_install")
class TestAutoAssignHandler(SunnyCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.handler_a2 = new_test_user(
            cls.env, login="sunny_handler_a2", name="Handler A2", groups="sunny_service.group_handler"
        )
        cls.station_a.write({"handler_ids": [(4, cls.handler_a2.id)], "auto_assign_handler": True})

    def test_off_by_default(self):
        self.assertFalse(self.station_b.auto_assign_handler)
        self.station_b.handler_ids = self.handler_a2
        case = self._case_in_state("assigned", unit=self.unit_b)
        self.assertFalse(case.handler_id)

    def test_balance(self):
        self._case_in_state("processing", handler=self.handler_a)  # handler A has one open case
        cases = self._case_in_state("assigned", count=5)
        counts = {user: len(cases.filtered(lambda c, u=user: c.handler_id == u)) for user in cases.handler_id}
        self.assertEqual(counts, {self.handler_a: 2, self.handler_a2: 3})
        self.assertIn("automatically", "".join(cases[0].message_ids.mapped("body")))
        # the officer accepts and changes it as before
        self._as(cases[0], self.officer_a).action_accept()
        self.assertEqual(cases[0].state, "processing")
        self.assertTrue(cases[0].handler_id)
        self._as(cases[0], self.officer_a).action_set_handler(self.officer_a2)
        self.assertEqual(cases[0].handler_id, self.officer_a2)

    def test_by_category(self):
        category = self.env["sunny.case.category"].create({"name": "Exams"})
        self.station_a.handler_preference_ids = [(0, 0, {"category_id": category.id, "user_id": self.handler_a2.id})]
        self._case_in_state("processing", count=3, handler=self.handler_a2)
        cases = self._case_in_state("assigned", count=2, category_id=category.id)
        self.assertEqual(cases.handler_id, self.handler_a2)
        self.assertIn("Exams", "".join(cases[0].message_ids.mapped("body")))

    def test_preference_must_be_a_handler(self):
        category = self.env["sunny.case.category"].create({"name": "Exams"})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.station_a.handler_preference_ids = [(0, 0, {"category_id": category.id, "user_id": self.officer_b.id})]
        self.assertFalse(self.station_a.handler_preference_ids)
        with self.assertRaises(AccessError):
            self.station_a.with_user(self.officer_a).auto_assign_handler = False

    def test_confidential_left_to_entrusted_officer(self):
        case = self._case_in_state("assigned", case_type="report")
        self.assertTrue(case.is_confidential)
        self.assertFalse(case.handler_id)
