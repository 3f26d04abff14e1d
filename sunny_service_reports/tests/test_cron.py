from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SunnyReportsCommon


@tagged("post_install", "-at_install")
class TestMonthlyJob(SunnyReportsCommon):
    def _run(self, when):
        with freeze_time(when):
            self.env["sunny.bulletin"]._cron_monthly_bulletin()
        self.env.invalidate_all()

    def _sent_messages(self, bulletin):
        return bulletin.message_ids.filtered(lambda m: m.message_type == "comment" and m.attachment_ids)

    def test_one_bulletin_a_month_sent_to_leadership(self):
        Bulletin = self.env["sunny.bulletin"]
        # 1 April, 01:00 in Shanghai: March's bulletin
        self._run("2026-03-31 17:00:00")
        march = Bulletin.search([])
        self.assertEqual(len(march), 1)
        self.assertEqual((str(march.date_from), str(march.date_to)), ("2026-03-01", "2026-03-31"))
        self.assertEqual(march.state, "sent")
        self.assertEqual(march.case_count, 10)
        messages = self._sent_messages(march)
        self.assertEqual(len(messages), 1)
        self.assertIn(self.leadership.partner_id, messages.partner_ids)
        self.assertIn(self.leadership.partner_id, messages.notification_ids.res_partner_id, "the leader is notified")
        self.assertEqual(messages.attachment_ids.mimetype, "application/pdf")
        self.assertIn("2026-03", messages.subject)

        # the job runs again the same night and the next days: nothing new
        self._run("2026-03-31 18:00:00")
        self._run("2026-04-02 17:00:00")
        self.assertEqual(Bulletin.search([]), march)
        self.assertEqual(len(self._sent_messages(march)), 1, "sent once")

        # 1 May: April's bulletin, an honest empty one
        self._run("2026-04-30 17:00:00")
        april = Bulletin.search([]) - march
        self.assertEqual(len(april), 1)
        self.assertEqual(str(april.date_from), "2026-04-01")
        self.assertEqual(april.state, "sent")
        self.assertEqual(april.case_count, 0)
        self.assertEqual(april.prev_case_count, 10)

    def test_draft_made_by_hand_is_completed(self):
        draft = self._bulletin()
        self._run("2026-04-01 01:00:00")
        self.assertEqual(self.env["sunny.bulletin"].search([]), draft)
        self.assertEqual(draft.state, "sent")

    @mute_logger("odoo.addons.sunny_service_reports.models.sunny_bulletin")
    def test_no_leadership_keeps_a_draft(self):
        self.env.ref("sunny_service.group_leadership").users = [(5, 0, 0)]
        self._run("2026-04-01 01:00:00")
        bulletin = self.env["sunny.bulletin"].search([])
        self.assertEqual(bulletin.state, "draft")
        self.assertEqual(bulletin.case_count, 10)
        # once the leaders are there, the next run sends it
        self.env.ref("sunny_service.group_leadership").users = [(4, self.leadership.id)]
        self._run("2026-04-02 01:00:00")
        self.assertEqual(bulletin.state, "sent")
