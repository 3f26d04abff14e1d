"""The center's settings (blocked words and addresses, contact rules, abuse limits,
the language of the service's notes) are the center manager's to keep: Odoo's
Settings need the administrator."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SunnyCaseCommon


@tagged("post_install", "-at_install")
class TestSettings(SunnyCaseCommon):
    def _params(self):
        get = self.env["ir.config_parameter"].sudo().get_param
        return {
            key: get(f"sunny_service.{key}")
            for key in ("blocked_words", "blocked_addresses", "require_contact_complaint", "submit_limit", "lang")
        }

    def test_center_manager_keeps_the_settings(self):
        menu = self.env.ref("sunny_service.sunny_settings_menu")
        self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(self.center_manager)._visible_menu_ids())
        self.assertNotIn(menu.id, self.env["ir.ui.menu"].with_user(self.center_staff)._visible_menu_ids())
        self.assertFalse(self.center_manager.has_group("base.group_system"), "no administrator needed")

        Settings = self.env["sunny.settings"].with_user(self.center_manager)
        action = Settings.create(
            {
                "sunny_blocked_words": " 代写 \n\n博彩\n",
                "sunny_blocked_addresses": "203.0.113.0/24\n@example.net",
                "sunny_require_contact_complaint": "contact",
                "sunny_submit_limit": 3,
                "sunny_lang": "en_US",
            }
        ).execute()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(
            self._params(),
            {
                "blocked_words": "代写\n博彩",
                "blocked_addresses": "203.0.113.0/24\n@example.net",
                "require_contact_complaint": "contact",
                "submit_limit": "3",
                "lang": "en_US",
            },
        )
        self.assertEqual(self.env["sunny.request.log"]._limits("submit")[0], 3)
        self.assertEqual(self.env["sunny.calendar"].lang(), "en_US")
        # the form opens on what is saved
        fresh = Settings.create({})
        self.assertEqual(fresh.sunny_blocked_words, "代写\n博彩")
        self.assertEqual(fresh.sunny_submit_limit, 3)
        self.assertEqual(fresh.sunny_require_contact_report, "optional", "unset: the default the form applies")

    def test_others_cannot_change_them(self):
        self.env["ir.config_parameter"].set_param("sunny_service.blocked_words", "代写")
        before = self._params()
        for user in (self.center_staff, self.officer_a, self.leadership, self.portal_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["sunny.settings"].with_user(user).create({"sunny_blocked_words": "nothing"}).execute()
        mine = self.env["sunny.settings"].with_user(self.center_manager).create({"sunny_blocked_words": "x"})
        with self.assertRaises(AccessError):
            mine.with_user(self.center_staff).execute()
        self.assertEqual(self._params(), before, "nothing changed")

    def test_odoo_settings_stay_the_administrators(self):
        """Why the center has its own form: Odoo's needs the administrator."""
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.center_manager).create({})
