"""The back office as each role meets it: dialogs that say what they do and to which
cases, no dead end after a return, nothing offered that a role cannot do, the center
told of returns and extension requests, each role's board and landing page on its own
work, batch actions from the list, and four eyes on the replies."""

import datetime

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import new_test_user
from odoo.tools.safe_eval import safe_eval

from .common import RESOLVE_DEADLINE, STATES, SunnyCaseCommon

RETURNED = "sunny_service.mail_activity_type_case_returned"
EXTENSION = "sunny_service.mail_activity_type_extension"
# the columns of a unit's board: a unit never has a case before it is assigned
UNIT_COLUMNS = ("assigned", "processing", "review", "replied", "closed", "cancelled")


class SunnyBackofficeCommon(SunnyCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.center_staff2 = new_test_user(
            cls.env,
            login="sunny_staff2",
            name="Center Staff Two",
            groups="sunny_service.group_center_staff",
            tz="Asia/Shanghai",
        )

    def _wizard(self, cases, user, action, **vals):
        """The dialog of ``action`` opened by ``user`` on ``cases`` (as the buttons of
        the form and of the list open it: the cases in active_ids)."""
        self.env.invalidate_all()
        Wizard = (
            self.env["sunny.case.action.wizard"]
            .with_user(user)
            .with_context(active_model="sunny.case", active_ids=cases.ids, default_action=action)
        )
        return Wizard.create(vals)

    def _arch(self, model, user, view_type, view_id=False):
        views = self.env[model].with_user(user).get_views([(view_id, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"])

    def _todos(self, case, xmlid):
        self.env.invalidate_all()
        return case.activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref(xmlid))

    def _group_users(self, *xmlids):
        users = self.env["res.users"]
        for xmlid in xmlids:
            users |= self.env.ref(xmlid).users
        return users


class TestNothingOfferedInVain(SunnyBackofficeCommon):
    """15. No New where a role cannot create, no Duplicate of a case."""

    def test_new_only_for_the_roles_that_create(self):
        for user in (self.leadership, self.officer_a, self.handler_a):
            for view_type in ("list", "kanban", "form"):
                with self.subTest(user=user.login, view=view_type):
                    arch = self._arch("sunny.case", user, view_type)
                    self.assertIn(arch.get("create"), ("False", "false", "0"))
        for user in (self.center_staff, self.center_manager, self.discipline):
            with self.subTest(user=user.login):
                self.assertNotIn(self._arch("sunny.case", user, "list").get("create"), ("False", "false", "0"))
        # the overdue list (the leadership's) is the same list
        overdue = self.env.ref("sunny_service.sunny_case_action_overdue")
        self.assertFalse(overdue.view_id)

    def test_a_case_is_never_duplicated(self):
        case = self._create_case(user=self.center_staff)
        self.assertEqual(self._arch("sunny.case", self.center_staff, "form").get("duplicate"), "0")
        count = self.env["sunny.case"].sudo().search_count([])
        for user in (self.center_staff, self.center_manager):
            with self.subTest(user=user.login), self.assertRaisesRegex(UserError, "cannot be duplicated"):
                self._as(case, user).copy()
        with self.assertRaises(UserError):
            case.sudo().copy()
        self.assertEqual(self.env["sunny.case"].sudo().search_count([]), count)


class TestCenterHearsOfIt(SunnyBackofficeCommon):
    """16. Returns and extension requests reach the center as to-dos of the product's
    own types, given to people who may read the case; the returned case is flagged."""

    def test_a_return_gives_the_center_staff_a_todo(self):
        case = self._case_in_state("processing")
        self._as(case, self.officer_a).action_return("The dormitories are the logistics department's.")
        todos = self._todos(case, RETURNED)
        staff = self._group_users("sunny_service.group_center_staff") - self._group_users(
            "sunny_service.group_center_manager"
        )
        self.assertIn(self.center_staff, todos.user_id)
        self.assertIn(self.center_staff2, todos.user_id)
        self.assertLessEqual(todos.user_id, staff, "its staff, not the manager")
        self.assertIn(self.unit_a.name, todos[0].summary)
        for todo in todos:
            self._as(case, todo.user_id).check_access("read")
        self.assertFalse(case.activity_ids.filtered(lambda a: a.user_id == self.officer_a))
        # the center assigns it again: its to-dos are done
        self._as(case, self.center_staff).action_assign(self.unit_b)
        self.assertFalse(self._todos(case, RETURNED))

    def test_a_confidential_return_goes_to_those_who_read_it(self):
        report = self._case_in_state("processing", case_type="report")
        self._as(report, self.officer_a).action_return("For the discipline office.")
        todos = self._todos(report, RETURNED)
        self.assertIn(self.center_manager, todos.user_id)
        self.assertIn(self.discipline, todos.user_id)
        self.assertNotIn(self.center_staff, todos.user_id)
        for todo in todos:
            self._as(report, todo.user_id).check_access("read")
        # rejected by the center: done too
        self._as(report, self.center_manager).action_reject("Handled outside the service.")
        self.assertFalse(self._todos(report, RETURNED))

    def test_an_extension_request_gives_the_manager_a_todo(self):
        case = self._case_in_state("processing")
        request = self._as(case, self.officer_a).action_request_extension(2, "The lab results come next week.")
        todos = self._todos(case, EXTENSION)
        self.assertIn(self.center_manager, todos.user_id)
        self.assertNotIn(self.center_staff, todos.user_id)
        self.assertIn(self.unit_a.name, todos[0].summary)
        # the to-do opens the case; its pending request opens to be decided
        form = self._arch("sunny.case", self.center_manager, "form")
        self.assertTrue(form.xpath("//field[@name='extension_ids']//button[@name='action_open']"))
        opened = self._as(request, self.center_manager).action_open()
        self.assertEqual((opened["res_model"], opened["res_id"]), ("sunny.case.extension", request.id))
        self._as(request, self.center_manager).action_approve("Granted.")
        self.assertFalse(self._todos(case, EXTENSION))
        # refused, or lapsed by a return: done as well
        other = self._case_in_state("processing")
        self._as(other, self.officer_a).action_request_extension(2, "More time.")
        self._as(other, self.officer_a).action_return("Not ours after all.")
        self.assertFalse(self._todos(other, EXTENSION))

    def test_an_extension_request_names_its_case_and_its_deadlines(self):
        case = self._case_in_state("processing")
        request = self._as(case, self.officer_a).action_request_extension(2, "The lab results come next week.")
        request = self._as(request, self.center_manager)
        self.assertEqual(request.display_name, f"Extension Request {case.name}")
        self.assertEqual(request.resolve_deadline_before, RESOLVE_DEADLINE)
        # two working days after Wednesday 2 December: Friday 4 December, end of day in Shanghai
        after = datetime.datetime(2026, 12, 4, 15, 59, 59)
        self.assertEqual(request.resolve_deadline_after, after)
        request.action_approve("Granted.")
        self.env.invalidate_all()
        self.assertEqual((request.resolve_deadline_before, request.resolve_deadline_after), (RESOLVE_DEADLINE, after))
        self.assertEqual(case.resolve_deadline, after)
        form = self._arch("sunny.case.extension", self.center_manager, "form")
        for field in ("display_name", "resolve_deadline_before", "resolve_deadline_after"):
            self.assertTrue(form.xpath(f"//field[@name='{field}']"), field)

    def test_a_returned_case_is_flagged_and_filtered(self):
        returned = self._case_in_state("processing")
        self._as(returned, self.officer_a).action_return("Not ours.")
        registered = self._case_in_state("registered")
        search = self._arch("sunny.case", self.center_staff, "search")
        (node,) = search.xpath("//filter[@name='returned']")
        Case = self._as(self.env["sunny.case"], self.center_staff)
        found = Case.search(safe_eval(node.get("domain")))
        self.assertIn(returned, found)
        self.assertNotIn(registered, found)
        # the kanban card shows a badge while the returned case waits for the center
        kanban = self._arch("sunny.case", self.center_staff, "kanban")
        (badge,) = kanban.xpath("//span[hasclass('o_sunny_returned')]")
        self.assertIn("return_count", badge.get("t-if"))
        self.assertIn("registered", badge.get("t-if"))


class TestBoards(SunnyBackofficeCommon):
    """17. Each role's board opens on its own work, with the columns it can have
    cases in; officers see the figures of their unit."""

    def test_each_role_opens_on_its_own_work(self):
        action = self.env.ref("sunny_service.sunny_case_action")
        self.assertEqual(safe_eval(action.context).get("search_default_my_work"), 1)
        new = self._case_in_state("new")
        registered = self._case_in_state("registered")
        assigned = self._case_in_state("assigned")
        processing = self._case_in_state("processing", handler=self.handler_a)
        review = self._case_in_state("review")
        replied = self._case_in_state("replied")
        elsewhere = self._case_in_state("assigned", unit=self.unit_b)
        supervised = self._case_in_state("processing", unit=self.unit_b)
        self._as(supervised, self.center_staff).action_supervise("Watched by the center.")
        ours = new | registered | assigned | processing | review | replied | elsewhere | supervised
        expected = {
            self.center_staff: new | registered | review,
            self.officer_a: assigned | processing,
            self.officer_b: elsewhere | supervised,
            self.handler_a: processing,
            self.leadership: supervised,
        }
        for user, cases in expected.items():
            with self.subTest(user=user.login):
                Case = self._as(self.env["sunny.case"], user)
                self.assertEqual(Case.search([("is_my_work", "=", True), ("id", "in", ours.ids)]), cases)
                others = Case.search([("is_my_work", "=", False), ("id", "in", ours.ids)])
                self.assertFalse(others & cases)

    def test_the_columns_of_each_board(self):
        self._case_in_state("processing", handler=self.handler_a)
        for user, states in (
            (self.officer_a, UNIT_COLUMNS),
            (self.handler_a, UNIT_COLUMNS),
            (self.center_staff, STATES),
            (self.leadership, STATES),
        ):
            with self.subTest(user=user.login):
                Case = self._as(self.env["sunny.case"], user)
                groups = Case.web_read_group([], [], ["state"], lazy=True)["groups"]
                self.assertEqual([g["state"] for g in groups], list(states))

    def test_officers_see_the_figures_of_their_unit(self):
        self._case_in_state("processing")
        self._case_in_state("closed")
        self._case_in_state("assigned", unit=self.unit_b)
        action = self.env.ref("sunny_service.sunny_case_action_unit_figures")
        menu = self.env.ref("sunny_service.sunny_case_unit_figures_menu")
        self.assertEqual(menu.action, action)
        self.assertIn(self.env.ref("sunny_service.group_station_officer"), menu.groups_id)
        Case = self._as(self.env["sunny.case"], self.officer_a)
        for view_type in ("pivot", "graph"):
            Case.get_views([(False, view_type)])
        groups = Case.read_group(safe_eval(action.domain), ["return_count:sum"], ["unit_id"])
        self.assertEqual([g["unit_id"][0] for g in groups], [self.unit_a.id])
        self.assertEqual(groups[0]["unit_id_count"], 2)


class TestLanding(SunnyBackofficeCommon):
    """18. Each role lands on its work, not in the Discuss inbox."""

    def test_each_role_lands_on_its_work(self):
        home = self.env.ref("sunny_service.sunny_home_action")
        board = self.env.ref("sunny_service.sunny_case_action")
        leadership_home = next(
            self.env.ref(xmlid)
            for xmlid in (
                "sunny_service_reports.sunny_dashboard_action",
                "sunny_service_reports.sunny_case_action_analysis",
                "sunny_service.sunny_case_action",
            )
            if self.env.ref(xmlid, raise_if_not_found=False)
        )
        for user, landing in (
            (self.center_staff, board),
            (self.center_manager, board),
            (self.discipline, board),
            (self.officer_a, board),
            (self.handler_a, board),
            (self.leadership, leadership_home),
        ):
            with self.subTest(user=user.login):
                self.assertEqual(user.action_id.id, home.id)
                result = home.with_user(user).run()
                self.assertEqual(result["id"], landing.id)
        self.assertEqual(safe_eval(board.context).get("search_default_my_work"), 1, "on their own work")
        self.assertFalse(self.portal_user.action_id)

    def test_a_home_action_an_admin_chose_stays(self):
        overdue = self.env.ref("sunny_service.sunny_case_action_overdue")
        officer_group = self.env.ref("sunny_service.group_station_officer")
        home = self.env.ref("sunny_service.sunny_home_action")
        chosen = new_test_user(self.env, login="sunny_chosen", groups="base.group_user")
        self.assertFalse(chosen.action_id)
        chosen.action_id = overdue.id
        chosen.write({"groups_id": [(4, officer_group.id)]})
        self.assertEqual(chosen.action_id.id, overdue.id)
        # added from the group's side, with the usual user form fields, or created in a role
        joined = new_test_user(self.env, login="sunny_joined", groups="base.group_user")
        officer_group.write({"users": [(4, joined.id)]})
        self.assertEqual(joined.action_id.id, home.id)
        created = new_test_user(self.env, login="sunny_created", groups="sunny_service.group_leadership")
        self.assertEqual(created.action_id.id, home.id)
        # out of every role: the service's home action goes, the admin's choice stays
        for user in (joined, chosen):
            user.write({"groups_id": [(6, 0, self.env.ref("base.group_user").ids)]})
        self.assertFalse(joined.action_id)
        self.assertEqual(chosen.action_id.id, overdue.id)

    def test_the_demo_people_land_on_their_work(self):
        officer = self.env.ref("sunny_service.user_officer_jwc_demo", raise_if_not_found=False)
        if not officer:
            self.skipTest("the database has no demo data")
        home = self.env.ref("sunny_service.sunny_home_action")
        for login in ("center_manager", "center_staff", "discipline", "leader", "officer_jwc", "handler_jwc"):
            with self.subTest(login=login):
                self.assertEqual(self.env.ref(f"sunny_service.user_{login}_demo").action_id.id, home.id)
