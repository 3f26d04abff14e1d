"""Each role walked in Chinese in the browser (static/tests/tours/sunny_chinese_tours.js):
its landing page, its board and list, a case, the dialogs it opens and the menus it
has show no English word (sunny_chinese.js, proven by sunny_chinese_selftest)."""

from odoo.tests import tagged

from .chinese_common import SunnyChineseCase


@tagged("post_install", "-at_install")
class TestChineseTours(SunnyChineseCase):
    def test_the_check_finds_english(self):
        """assertChinese() fails on English in text, titles, placeholders and selects,
        and only there (not on hidden text, case numbers, addresses, allowed words)."""
        self.start_tour("/odoo", "sunny_chinese_selftest", login="zh_staff")

    def test_center_staff(self):
        self.start_tour("/odoo", "sunny_zh_center_staff", login="zh_staff")

    def test_center_manager(self):
        self.start_tour("/odoo", "sunny_zh_center_manager", login="zh_manager")

    def test_officer(self):
        self.start_tour("/odoo", "sunny_zh_officer", login="zh_officer")

    def test_handler(self):
        self.start_tour("/odoo", "sunny_zh_handler", login="zh_handler")

    def test_discipline(self):
        self.start_tour("/odoo", "sunny_zh_discipline", login="zh_discipline")

    def test_leadership(self):
        self.start_tour("/odoo", "sunny_zh_leadership", login="zh_leader")

    def test_portal(self):
        self.start_tour("/my", "sunny_zh_portal", login="zh_student")

    def test_officer_with_nothing_to_do(self):
        """An officer with no work lands on an empty board that says so in Chinese,
        not on Odoo's sample cases in Latin nor on the center's "register the first
        case"."""
        self.start_tour("/odoo", "sunny_zh_idle_officer", login="zh_officer_idle")
