"""The back office as each role meets it: dialogs that say what they do and to which
cases, no dead end after a return, nothing offered that a role cannot do, the center
told of returns and extension requests, each role's board and landing page on its own
work, batch actions from the list, and four eyes on the replies."""

import datetime

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user
from odoo.tools import html2plaintext
from odoo.tools.safe_eval import safe_eval

from ..wizards.sunny_case_action_wizard import ACTIONS
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


class TestReturnEndsWell(SunnyBackofficeCommon):
    """5. A return ends on a page that says it worked, not on the form of a case the
    officer may no longer read."""

    def test_return_says_it_worked_and_opens_the_officers_cases(self):
        case = self._case_in_state("processing")
        wizard = self._wizard(case, self.officer_a, "return", reason="The dormitories are the logistics department's.")
        result = wizard.action_confirm()
        self.assertEqual(case.state, "registered")
        self.assertEqual((result["type"], result["tag"]), ("ir.actions.client", "display_notification"))
        params = result["params"]
        self.assertEqual(params["type"], "success")
        self.assertIn(case.name, params["message"])
        board = self.env.ref("sunny_service.sunny_case_action")
        self.assertEqual(params["next"]["id"], board.id, "then the officer's own cases")
        self.assertEqual(params["next"]["res_model"], "sunny.case")
        # what Odoo would have shown by reloading the form
        with self.assertRaises(AccessError):
            self._as(case, self.officer_a).read(["name"])
        # the list it opens is the officer's own work, readable
        mine = self._as(self.env["sunny.case"], self.officer_a).search([("is_my_work", "=", True)])
        self.assertNotIn(case, mine)

    def test_other_dialogs_close_on_the_case(self):
        case = self._case_in_state("assigned")
        result = self._wizard(case, self.officer_a, "accept").action_confirm()
        self.assertEqual(result, {"type": "ir.actions.act_window_close"})
        self.assertEqual(case.state, "processing")


class TestActionDialogs(SunnyBackofficeCommon):
    """14. Each dialog has its title, says what it does to which cases and what
    follows, labels its text box and names its button."""

    def test_each_dialog_has_its_title_and_its_button(self):
        arch = self._arch("sunny.case.action.wizard", self.center_staff, "form")
        self.assertFalse(arch.xpath("//button[@string='Confirm']"), "no anonymous Confirm")
        Actions = self.env["ir.actions.act_window"]
        for action, _label in ACTIONS:
            with self.subTest(action=action):
                buttons = arch.xpath(f"//footer/button[@name='action_confirm'][@invisible=\"action != '{action}'\"]")
                self.assertEqual(len(buttons), 1, "one button, named for the action")
                self.assertNotIn(buttons[0].get("string"), ("Confirm", "OK"))
                windows = Actions.search(
                    [("res_model", "=", "sunny.case.action.wizard"), ("context", "ilike", f"'{action}'")]
                )
                self.assertTrue(windows, "a dialog of its own")
                self.assertNotIn("Case Action", windows.mapped("name"))
        # every text box has its label, for each action showing it
        for field in ("reason", "reply", "assign_note"):
            self.assertTrue(arch.xpath(f"//label[@for='{field}']"), field)
        # the form's buttons open dialogs of their own: a window with its own title (the
        # generic action dialog only with the context that names its action)
        form = self._arch("sunny.case", self.center_manager, "form")
        opened = {int(button.get("name")) for button in form.xpath("//header/button[@type='action']")}
        self.assertTrue(opened)
        windows = Actions.browse(sorted(opened)).exists()
        self.assertEqual(set(windows.ids), opened, "every header action is a window")
        for window in windows:
            with self.subTest(window=window.name):
                self.assertNotIn(window.name, ("Case Action", "受理件操作"))
                self.assertEqual(window.target, "new", "a dialog")
                if window.res_model == "sunny.case.action.wizard":
                    self.assertTrue(window.context)

    def test_assign_dialog_says_where_and_until_when(self):
        cases = self._case_in_state("registered", count=2)
        wizard = self._wizard(
            cases,
            self.center_staff,
            "assign",
            unit_id=self.unit_a.id,
            assign_note="  Check the exam-week opening hours with the library first.  ",
        )
        summary = html2plaintext(wizard.summary)
        for case in cases:
            self.assertIn(case.name, summary)
        self.assertIn(self.unit_a.name, summary)
        # the deadlines the assignment sets (sunny.deadline.rule._get_deadlines), in the university's time
        reply, resolve = self.env["sunny.deadline.rule"]._get_deadlines(datetime.datetime(2026, 11, 23, 2, 0))
        fmt = self.env["sunny.calendar"].format_local
        self.assertIn(fmt(reply["consultation"]), summary)
        self.assertIn("2026-11-26 23:59", summary)
        self.assertIn("2026-12-02 23:59", summary)

        wizard.action_confirm()
        self._flush_tracking()
        for case in cases:
            self.assertEqual(case.state, "assigned")
            self.assertEqual(case.assign_note, "Check the exam-week opening hours with the library first.")
            note = case.message_ids.filtered(lambda m: "Check the exam-week opening hours" in (m.body or ""))
            self.assertEqual(len(note), 1, "the instruction is in the chatter")
            # the unit reads it on the case
            self.assertEqual(
                self._as(case, self.officer_a).assign_note,
                "Check the exam-week opening hours with the library first.",
            )
        form = self._arch("sunny.case", self.officer_a, "form")
        self.assertTrue(form.xpath("//field[@name='assign_note']"), "shown on the form")

    def test_the_instruction_is_the_workflows(self):
        case = self._case_in_state("assigned")
        with self.assertRaises(UserError):
            self._as(case, self.center_staff).write({"assign_note": "Changed afterwards"})
        # a later assignment carries its own instruction, or none
        self._as(case, self.officer_a).action_return("Not ours.")
        self._as(case, self.center_staff).action_assign(self.unit_b, note="Please answer within the week.")
        self.assertEqual(case.assign_note, "Please answer within the week.")

    def test_each_dialog_says_what_follows(self):
        processing = self._case_in_state("processing")
        review = self._case_in_state("review")
        for cases, user, action, words in (
            (processing, self.officer_a, "return", "center"),
            (processing, self.officer_a, "extension", "2026-12-02 23:59"),
            (review, self.center_staff, "approve", "sent to the submitter"),
            (review, self.center_staff, "refuse", "nothing is sent"),
        ):
            with self.subTest(action=action):
                summary = html2plaintext(self._wizard(cases, user, action).summary)
                self.assertIn(cases.name, summary)
                self.assertIn(words, summary)


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


class TestBatchActions(SunnyBackofficeCommon):
    """19. The list shows whole case numbers and registers, assigns and approves
    several cases at once, each through the workflow's gate."""

    def test_the_list_offers_batch_actions_to_the_center(self):
        arch = self._arch("sunny.case", self.center_staff, "list")
        (number,) = arch.xpath("//field[@name='name']")
        self.assertTrue(number.get("width"), "wide enough for YG2026-000123")
        buttons = arch.xpath("//header/button")
        self.assertEqual(
            [b.get("name") for b in buttons],
            [
                "action_register",
                str(self.env.ref("sunny_service.sunny_case_action_wizard_action_assign").id),
                str(self.env.ref("sunny_service.sunny_case_action_wizard_action_approve").id),
            ],
        )
        for user in (self.officer_a, self.leadership, self.handler_a):
            with self.subTest(user=user.login):
                self.assertFalse(self._arch("sunny.case", user, "list").xpath("//header/button"))

    def test_register_assign_and_approve_several_cases(self):
        cases = self._create_case(count=3)
        # what the list's Register button calls on the selected cases
        self._as(cases, self.center_staff).action_register()
        self.assertEqual(set(cases.mapped("state")), {"registered"})
        wizard = self._wizard(cases, self.center_staff, "assign", unit_id=self.unit_a.id)
        self.assertEqual(wizard.case_ids, cases)
        wizard.action_confirm()
        self.assertEqual(set(cases.mapped("state")), {"assigned"})
        self.assertEqual(cases.unit_id, self.unit_a)
        self._as(cases, self.officer_a).action_accept()
        self._as(cases, self.officer_a).action_submit_reply("The library stays open until 23:00.")
        wizard = self._wizard(cases, self.center_staff, "approve")
        self.assertFalse(wizard.reply, "several cases: each keeps its own reply")
        wizard.action_confirm()
        self.assertEqual(set(cases.mapped("state")), {"replied"})

    def test_a_batch_goes_through_the_gate(self):
        new = self._case_in_state("new")
        assigned = self._case_in_state("assigned")
        snapshots = [self._snapshot(case) for case in (new, assigned)]
        with self.assertRaisesRegex(UserError, assigned.name):
            self._as(new | assigned, self.center_staff).action_register()
        for case, snapshot in zip((new, assigned), snapshots, strict=True):
            self.assertUnchanged(case, snapshot)
        # a report among the selected cases: center staff may not act on it, nothing is assigned
        report = self._case_in_state("registered", case_type="report")
        registered = self._case_in_state("registered")
        wizard = self._wizard(registered | report, self.center_staff, "assign", unit_id=self.unit_a.id)
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            wizard.action_confirm()
        self.assertEqual((registered | report).mapped("state"), ["registered", "registered"])
        self.assertFalse((registered | report).unit_id)


class TestFourEyes(SunnyBackofficeCommon):
    """20. A reply is approved by someone other than its author; the reviewer may
    correct it first, the original kept; the dialog asks before sending."""

    def test_the_center_does_not_approve_its_own_reply(self):
        case = self._case_in_state("registered")
        self._as(case, self.center_staff).action_submit_reply("The library opens at 8:00.")
        self.assertEqual(case.reply_user_id, self.center_staff)
        mine = self._as(case, self.center_staff)
        self.assertFalse(mine.can_approve_reply, "no Approve button for its author")
        self.assertTrue(mine.can_refuse_reply)
        snapshot = self._snapshot(case)
        with self.assertRaisesRegex(UserError, "another member of the center"):
            mine.action_approve_reply()
        self.assertUnchanged(case, snapshot)
        with self.assertRaisesRegex(UserError, "another member of the center"):
            self._wizard(case, self.center_staff, "approve").action_confirm()
        self.assertUnchanged(case, snapshot)
        # another member of the center, or the manager, approves it
        self.assertTrue(self._as(case, self.center_staff2).can_approve_reply)
        self.assertTrue(self._as(case, self.center_manager).can_approve_reply)
        self._as(case, self.center_staff2).action_approve_reply()
        self.assertEqual(case.state, "replied")

    def test_a_unit_reply_is_approved_by_the_center(self):
        case = self._case_in_state("review")
        self.assertEqual(case.reply_user_id, self.officer_a)
        self.assertTrue(self._as(case, self.center_staff).can_approve_reply)

    def test_the_reviewer_corrects_the_reply_before_approving(self):
        case = self._case_in_state("review")
        original = case.reply
        wizard = self._wizard(case, self.center_staff, "approve")
        self.assertEqual(wizard.reply, original, "the dialog shows the reply")
        corrected = "The library now stays open until 23:00 in exam weeks, from Monday."
        wizard.reply = corrected
        wizard.action_confirm()
        self._flush_tracking()
        self.assertEqual(case.state, "replied")
        self.assertEqual(case.reply, corrected)
        self.assertFalse(case.public_reply, "the public text starts empty: the center manager writes it")
        note = case.message_ids.filtered(lambda m: "corrected" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn(original, note.body, "the original is kept")
        self.assertIn(self.center_staff.name, note.body)
        sent = self.env["mail.mail"].search([("recipient_ids", "in", self.portal_user.partner_id.ids)])
        self.assertIn("from Monday", sent.body_html, "the corrected reply is the one sent")

    def test_an_unchanged_reply_leaves_no_correction(self):
        case = self._case_in_state("review")
        self._wizard(case, self.center_staff, "approve").action_confirm()
        self.assertEqual(case.state, "replied")
        self.assertFalse(case.message_ids.filtered(lambda m: "corrected" in (m.body or "")))

    def test_approval_sends_only_after_a_confirmation(self):
        arch = self._arch("sunny.case.action.wizard", self.center_staff, "form")
        (button,) = arch.xpath("//footer/button[@invisible=\"action != 'approve'\"]")
        self.assertTrue(button.get("confirm"))
        # the form's Approve opens the dialog: it sends nothing by itself
        form = self._arch("sunny.case", self.center_staff, "form")
        self.assertFalse(form.xpath("//header/button[@name='action_approve_reply']"))
