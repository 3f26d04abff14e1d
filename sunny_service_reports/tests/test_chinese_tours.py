"""The reports as the report roles meet them in Chinese, in the browser
(static/tests/tours/sunny_chinese_reports_tours.js): each role's landing page and
every menu of Reports it has, a bulletin and an assessment opened, show no English
word (sunny_service's sunny_chinese.js)."""

from odoo import fields
from odoo.tests import tagged

from odoo.addons.sunny_service.tests.chinese_common import SunnyChineseCase


@tagged("post_install", "-at_install")
class TestChineseReportsTours(SunnyChineseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        today = fields.Date.today()
        bulletin = cls._as(env["sunny.bulletin"], cls.manager).create(
            {"date_from": today.replace(day=1), "date_to": today}
        )
        bulletin.action_compute()
        year = today.year
        assessment = cls._as(env["sunny.assessment"], cls.manager).create({"year": year})
        assessment.action_compute()
        env.flush_all()

    def test_center_manager(self):
        self.start_tour("/odoo", "sunny_zh_reports_manager", login="zh_manager")

    def test_center_staff(self):
        self.start_tour("/odoo", "sunny_zh_reports_staff", login="zh_staff")

    def test_discipline(self):
        self.start_tour("/odoo", "sunny_zh_reports_discipline", login="zh_discipline")

    def test_leadership(self):
        self.start_tour("/odoo", "sunny_zh_reports_leadership", login="zh_leader")
