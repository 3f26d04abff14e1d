from freezegun import freeze_time

from odoo.tests import tagged

from .common import SunnyReportsCommon


@tagged("post_install", "-at_install")
class TestBulletinAuthor(SunnyReportsCommon):
    def test_monthly_job_is_signed_by_the_service(self):
        """The bulletin the monthly job sends is signed 教育阳光服务, not OdooBot."""
        with freeze_time("2026-03-31 17:00:00"):
            self.env["sunny.bulletin"].with_user(self.env.ref("base.user_root"))._cron_monthly_bulletin()
        bulletin = self.env["sunny.bulletin"].search([])
        sent = bulletin.message_ids.filtered(lambda m: m.message_type == "comment" and m.attachment_ids)
        self.assertEqual(sent.author_id, self.env.ref("sunny_service.partner_service"))
        self.assertNotEqual(sent.author_id, self.env.ref("base.partner_root"))
        self.assertIn("教育阳光服务", sent.email_from)
