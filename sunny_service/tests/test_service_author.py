"""What the system writes is signed by the service (教育阳光服务), what a submitter
without a contact writes by "提交人": never by Odoo's "OdooBot" or the administrator.
Jobs run as the cron runs them (OdooBot, en_US in the context), the public pages as
the public user, on a university whose language is Chinese."""

from freezegun import freeze_time

from odoo.tests import tagged

from ..tools.service_author import FALLBACK_ADDRESS, service_author
from .common import SunnyCaseCommon
from .test_deadlines import utc


@tagged("sunny_deadlines")
class TestServiceAuthor(SunnyCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["sunny_service"], ["zh_CN"])
        (cls.officer_a | cls.officer_a2 | cls.officer_b | cls.leadership | cls.center_manager).write(
            {"lang": "zh_CN", "email": "someone@example.com"}
        )
        cls.env["ir.config_parameter"].set_param("sunny_service.lang", False)
        cls.root = cls.env.ref("base.user_root")
        cls.cron = cls.env["sunny.case"].with_user(cls.root).with_context(lang="en_US")
        cls.service = cls.env.ref("sunny_service.partner_service")
        cls.submitter = cls.env.ref("sunny_service.partner_submitter")
        cls.public_user = cls.env.ref("base.public_user")
        # never these: OdooBot, the administrator, the public user
        cls.not_authors = (
            cls.env.ref("base.partner_root") | cls.env.ref("base.partner_admin") | cls.env.ref("base.public_partner")
        )

    def assertSignedBy(self, messages, partner):
        self.assertTrue(messages, "something was written")
        self.assertEqual(messages.author_id, partner, messages.mapped("body"))
        self.assertFalse(messages.author_id & self.not_authors)
        for message in messages:
            self.assertTrue(message.email_from, "a sender address, even without a mail server")

    def test_service_partner(self):
        self.assertEqual(self.service.name, "教育阳光服务")
        self.assertFalse(self.service.active, "archived: no one picks it")
        self.assertEqual(self.submitter.name, "提交人")
        self.assertFalse(self.submitter.active)
        self.env.company.email = "sunny@university.example.edu"
        self.env["res.partner"]._sunny_sync_service_partner()
        self.assertEqual(self.service.email, "sunny@university.example.edu")
        self.assertEqual(service_author(self.env).email_from, '"教育阳光服务" <sunny@university.example.edu>')

    def test_no_outgoing_address_configured(self):
        """No company address, no default sender: the service still has a sender, so
        that no mail fails with "You must either provide a sender address"."""
        self.env.company.email = False
        icp = self.env["ir.config_parameter"]
        icp.set_param("mail.default.from", False)
        icp.set_param("mail.catchall.domain", False)
        signature = service_author(self.env)
        self.assertEqual(signature.partner, self.service)
        self.assertIn(FALLBACK_ADDRESS, signature.email_from)
        case = self._case_in_state("new", submitter_email="zhang@example.com")
        mail = (
            case.with_user(self.public_user).sudo()._public_send_code_mail("ABCD2345", "zhang@example.com", "http://x")
        )
        self.assertEqual(mail.author_id, self.service)
        self.assertEqual(mail.email_from, signature.email_from)
        # sent (in test mode: built, not delivered) without "provide a sender address"
        mail.send(raise_exception=True)
        self.assertFalse(mail.exists() and mail.state == "exception")

    def test_deadline_job_is_signed_by_the_service(self):
        with freeze_time(utc("2026-11-23 10:00:00")):
            case = self._case_in_state("processing", title="宿舍热水不热")
        with freeze_time(utc("2026-11-26 10:00:00")):
            self.cron._cron_deadline_scan()
        before = case.message_ids
        inbox_before = self.env["mail.message"].search([("message_type", "=", "user_notification")])
        with freeze_time(utc("2026-11-27 10:00:00")):
            self.cron._cron_deadline_scan()
        notes = case.message_ids - before
        self.assertSignedBy(notes, self.service)
        self.assertIn("自 2026-11-26 23:59 起超期：已向单位催办。", " ".join(notes.mapped("body")))
        inbox = self.env["mail.message"].search([("message_type", "=", "user_notification")]) - inbox_before
        self.assertSignedBy(inbox, self.service)
        self.assertIn("超期受理件", " ".join(inbox.mapped("subject")))
        # the to-dos the job gave say they were created by the service
        todos = case.activity_ids.filtered(lambda a: a.create_uid == self.root)
        self.assertTrue(todos)
        formatted = todos.activity_format()["mail.activity"]
        self.assertEqual({tuple(data["create_uid"])[1] for data in formatted}, {"教育阳光服务"})
        # the supervision records the job made show the service, not OdooBot
        self.assertEqual(set(case.supervision_ids.mapped("author_name")), {"教育阳光服务"})
        self.assertFalse(case.supervision_ids.user_id)

    def test_digest_is_signed_by_the_service(self):
        with freeze_time(utc("2026-11-23 10:00:00")):
            self._case_in_state("processing", title="宿舍热水不热")
        with freeze_time(utc("2026-11-26 08:30:00")):
            self.env["sunny.station"].with_user(self.root).with_context(lang="en_US")._cron_daily_digest()
        mails = self.env["mail.mail"].search([("subject", "like", "2026-11-26")])
        self.assertTrue(mails)
        self.assertEqual(mails.author_id, self.service)
        self.assertEqual(set(mails.mapped("email_from")), {service_author(self.env).email_from})

    def test_public_submission_note_is_signed_by_the_service(self):
        self.env["ir.config_parameter"].set_param("sunny_service.blocked_words", "发票代开")
        Case = self.env["sunny.case"].with_user(self.public_user).with_context(lang="zh_CN")
        case, code = Case._public_create(
            {
                "title": "代开发票的广告",
                "content": "发票代开，联系我。",
                "case_type": "consultation",
                "submitter_name": "王五",
                "submitter_role": "public",
            }
        )
        self.assertTrue(case and code)
        messages = case.sudo().message_ids
        screening = messages.filtered(lambda m: "屏蔽" in m.body or "blocked" in m.body)
        self.assertSignedBy(screening, self.service)
        self.assertIn("含屏蔽词", screening.body, "in Chinese")
        self.assertFalse(messages.author_id & self.not_authors, messages.mapped("author_id.name"))

    def test_mail_gateway_creation_is_not_odoobot(self):
        Case = self.env["sunny.case"].with_user(self.root)
        case = Case.message_new(
            {"subject": "宿舍空调坏了", "body": "<p>三号楼空调坏了。</p>", "email_from": "li@example.com"}
        )
        self.assertFalse(case.sudo().message_ids.author_id & self.not_authors)

    def test_query_page_addition_is_signed_by_the_submitter(self):
        named = self._case_in_state(
            "processing", partner_id=False, submitter_name="王五", submitter_email="wang@example.com"
        )
        as_public = named.with_user(self.public_user).with_context(lang="zh_CN").sudo()
        message = as_public._public_add_information("补充：三号楼二层。")
        self.assertSignedBy(message, self.submitter)
        self.assertIn("提交人补充材料", message.body, "in Chinese")
        self.assertIn(message, named._public_messages(), "the submitter sees what they wrote")
        # a submitter with a contact signs with it
        partner = self.env["res.partner"].create({"name": "赵六", "email": "zhao@example.com"})
        own = self._case_in_state("processing", partner_id=partner.id, submitter_name="赵六")
        message = own.with_user(self.public_user).sudo()._public_add_information("补充一张照片。")
        self.assertSignedBy(message, partner)
        # an anonymous one stays hidden
        hidden = self._case_in_state("processing", is_anonymous=True, submitter_name=False)
        message = hidden.with_user(self.public_user).sudo()._public_add_information("匿名补充。")
        # no author at all in the chatter the officers read (see _hide_external_authors)
        self.assertFalse(message.author_id - self.env.ref("sunny_service.partner_withheld_submitter"))

    def test_chinese_times_with_colons(self):
        lang = self.env["res.lang"]._lang_get("zh_CN")
        self.assertEqual(lang.time_format, "%H:%M:%S")
        self.assertEqual(lang.short_time_format, "%H:%M")
        lang.write({"time_format": "%H时%M分%S秒", "short_time_format": "%H时%M分"})
        self.env["res.lang"]._sunny_set_time_formats()  # as an upgrade of sunny_service does
        self.assertEqual(lang.time_format, "%H:%M:%S")
        self.assertEqual(lang.short_time_format, "%H:%M")
