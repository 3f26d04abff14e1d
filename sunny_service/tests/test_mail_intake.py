"""A mail to the service's alias becomes a case to register (channel "email")."""

from odoo.tests import new_test_user

from odoo.addons.mail.tests.common import MailCommon

MAIL_PLAIN = """Return-Path: {return_path}
To: {to}
cc: {cc}
Received: by mail1.example.com (Postfix, from userid 10002)
    id 5DF9ABFB2A; Fri, 10 Aug 2012 16:16:39 +0200 (CEST)
From: {email_from}
Subject: {subject}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit
Date: Fri, 10 Aug 2012 14:16:26 +0000
Message-ID: {msg_id}
{extra}
{body}
"""


class TestMailIntake(MailCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias = cls.env.ref("sunny_service.mail_alias_sunny_case")
        if not cls.alias.alias_domain_id:
            cls.alias.alias_domain_id = cls.mail_alias_domain
        cls.alias_email = cls.alias.alias_full_name
        cls.center_staff = new_test_user(
            cls.env,
            login="mail_center_staff",
            groups="sunny_service.group_center_staff",
            context={"no_reset_password": True},
        )
        cls.center_manager = new_test_user(
            cls.env,
            login="mail_center_manager",
            groups="sunny_service.group_center_manager",
            context={"no_reset_password": True},
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="mail_portal",
            groups="base.group_portal",
            email="chen.liu@example.com",
            name="Chen Liu",
            context={"no_reset_password": True},
        )

    def _receive(self, subject, body, email_from="Li Si <li.si@example.com>"):
        return self.format_and_process(
            MAIL_PLAIN,
            email_from,
            self.alias_email,
            subject=subject,
            body=body,
            target_model="sunny.case",
            target_field="title",
        )

    def test_mail_creates_a_case(self):
        body = "宿舍5号楼的暖气坏了三天。\nThe heating of dormitory 5 has been off for three days."
        case = self._receive("暖气坏了 / No heating in dorm 5", body)
        self.assertEqual(len(case), 1)
        self.assertEqual(case.channel, "email")
        self.assertEqual(case.state, "new")
        self.assertEqual(case.title, "暖气坏了 / No heating in dorm 5")
        self.assertIn("宿舍5号楼的暖气坏了三天。", case.content)
        self.assertIn("The heating of dormitory 5 has been off for three days.", case.content)
        self.assertNotIn("<", case.content, "the content is plain text")
        self.assertEqual(case.submitter_email, "li.si@example.com")
        self.assertEqual(case.submitter_name, "Li Si")
        self.assertRegex(case.name, r"^YG\d{4}-\d{6}$")
        # the mail itself is in the chatter
        self.assertTrue(case.message_ids.filtered(lambda m: "The heating of dormitory 5" in m.body))
        # and the center finds it in its inbox
        self.env.invalidate_all()
        inbox = self.env["sunny.case"].with_user(self.center_staff).search([("state", "=", "new")])
        self.assertIn(case, inbox)

    def test_mail_from_a_known_address_binds_no_account(self):
        """An address is typed text, not proof of an account: a portal user who put
        the sender's address on their own account does not get the case."""
        case = self._receive(
            "Exam timetable", "When is the physics exam?", email_from='"Chen Liu" <chen.liu@example.com>'
        )
        self.assertFalse(case.partner_id)
        self.assertEqual(case.submitter_email, "chen.liu@example.com")
        self.env.invalidate_all()
        self.assertNotIn(case, self.env["sunny.case"].with_user(self.portal_user).search([]))
        self.assertNotIn(self.portal_user.partner_id, case.message_partner_ids, "the sender follows nothing")

    def test_mailed_case_that_becomes_a_report_hides_its_sender(self):
        case = self._receive(
            "The canteen tender", "The tender was fixed.", email_from='"Chen Liu" <chen.liu@example.com>'
        )
        case.with_user(self.center_manager).write({"case_type": "report"})
        self.assertTrue(case.is_confidential)
        messages = case.message_ids
        self.assertNotIn(self.portal_user.partner_id, messages.author_id | case.message_partner_ids)
        for message in messages:
            self.assertNotIn(
                "chen.liu", (message.email_from or "") + (message.reply_to or "") + (message.message_id or "")
            )

    def test_mail_with_an_html_body(self):
        template = MAIL_PLAIN.replace("text/plain", "text/html")
        case = self.format_and_process(
            template,
            "Li Si <li.si@example.com>",
            self.alias_email,
            subject="Canteen prices",
            body="<p>The canteen raised its <b>prices</b> by 20%.</p>",
            target_model="sunny.case",
            target_field="title",
        )
        self.assertEqual(case.content, "The canteen raised its *prices* by 20%.")

    def test_same_subject_twice_makes_two_cases(self):
        first = self._receive("Help", "My student card does not open the gym.")
        mail = self.format(
            MAIL_PLAIN,
            to=self.alias_email,
            subject="Help",
            body="The Wi-Fi is down.",
            email_from="Zhao Qi <zhao.qi@example.com>",
            msg_id="<second-help@example.com>",
        )
        self.env["mail.thread"].sudo().message_process(None, mail)
        cases = self.env["sunny.case"].search([("title", "=", "Help")])
        self.assertEqual(len(cases), 2, "each mail is a case, even with the same subject")
        self.assertIn(first, cases)
        self.assertNotEqual(cases[0].name, cases[1].name)
        self.assertEqual(set(cases.mapped("submitter_email")), {"li.si@example.com", "zhao.qi@example.com"})
