"""The back office as each role meets it: dialogs that say what they do and to which
cases, no dead end after a return, nothing offered that a role cannot do, the center
told of returns and extension requests, each role's board and landing page on its own
work, batch actions from the list, and four eyes on the replies."""

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import new_test_user

from .common import SunnyCaseCommon

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
