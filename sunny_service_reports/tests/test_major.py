import datetime
import shutil
import subprocess
import tempfile
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.sunny_service.tests.common import SunnyCaseCommon

IDENTITY = ("Zhang San", "13800138000", "portal.student@example.com", "王小明", "13912345678")


@tagged("post_install", "-at_install")
class TestMajorCase(SunnyCaseCommon):
    """重大情况及时通报: the center marks a case major with a reason; the leadership (a
    confidential case: discipline inspection only) hears of it at once and of every
    later step, with a brief that never names the submitter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # the groups hold the users of these tests only: "exactly these people"
        env.ref("sunny_service.group_leadership").users = [(6, 0, cls.leadership.ids)]
        env.ref("sunny_service.group_discipline").users = [(6, 0, cls.discipline.ids)]
        cls.content = (
            "我是王小明同学，电话13912345678。The canteen served spoiled food; twelve students are in hospital."
        )

    def _notices(self, case):
        """{message: (notified partners, mailed partners)} of the major-case notices of
        ``case``, once the job that follows them printed and mailed their briefs."""
        self.env["sunny.case.major.brief"]._cron_send()
        messages = self.env["mail.message"].search(
            [
                ("model", "=", "sunny.case"),
                ("res_id", "=", case.id),
                ("message_type", "=", "user_notification"),
                ("attachment_ids", "!=", False),  # the brief: other notices (to-dos) have none
            ],
            order="id",
        )
        result = {}
        for message in messages:
            mails = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
            result[message] = (
                message.partner_ids,
                mails.recipient_ids
                | message.notification_ids.filtered(lambda n: n.notification_type == "email").res_partner_id,
            )
        return result

    def test_major_case_reaches_the_leadership_only(self):
        case = self._case_in_state("processing", content=self.content)
        self._as(case, self.center_staff).action_mark_major("Twelve students in hospital after a meal.")
        self.assertTrue(case.is_major)
        self.assertEqual(case.major_user_id, self.center_staff)
        self.assertEqual(
            case.supervision_ids.filtered(lambda s: s.kind == "major").note, "Twelve students in hospital after a meal."
        )
        notices = self._notices(case)
        self.assertEqual(len(notices), 1)
        message, (notified, mailed) = next(iter(notices.items()))
        self.assertEqual(notified, self.leadership.partner_id)
        self.assertEqual(mailed, self.leadership.partner_id, "the leadership gets an e-mail too")
        inbox = message.notification_ids.filtered(lambda n: n.notification_type == "inbox")
        self.assertEqual(inbox.res_partner_id, self.leadership.partner_id, "and a notice in the inbox")
        self.assertEqual(self.leadership.notification_type, "email", "even when they chose e-mail")
        self.assertEqual(len(message.attachment_ids), 1)
        self.assertTrue(message.attachment_ids.name.endswith(".pdf"))
        self.assertIn(case.name, message.subject)

    def test_notice_at_once_brief_from_the_job(self):
        """The click does not wait for the PDF: the notice is in the leadership's inbox
        when the request ends, the job that prints the brief is started at once; it
        prints the brief once per step, attaches it and mails it, once."""
        cron = self.env.ref("sunny_service_reports.ir_cron_major_brief")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_type, cron.interval_number <= 60), ("minutes", True), "within the hour")
        Trigger = self.env["ir.cron.trigger"]
        triggers = Trigger.search_count([("cron_id", "=", cron.id)])
        case = self._case_in_state("processing", content=self.content)
        Case = self.registry["sunny.case"]
        with patch.object(Case, "_sunny_major_brief_pdf", side_effect=AssertionError("printed in the request")):
            self._as(case, self.center_staff).action_mark_major("Twelve students in hospital after a meal.")
        notice = self.env["mail.message"].search(
            [
                ("model", "=", "sunny.case"),
                ("res_id", "=", case.id),
                ("message_type", "=", "user_notification"),
                ("partner_ids", "in", self.leadership.partner_id.ids),
            ]
        )
        self.assertEqual(len(notice), 1)
        inbox = notice.notification_ids.filtered(lambda n: n.notification_type == "inbox")
        self.assertEqual(inbox.res_partner_id, self.leadership.partner_id, "in the inbox at once")
        self.assertFalse(notice.attachment_ids)
        self.assertGreater(Trigger.search_count([("cron_id", "=", cron.id)]), triggers, "the job starts at once")
        with patch.object(
            Case, "_sunny_major_brief_pdf", autospec=True, side_effect=Case._sunny_major_brief_pdf
        ) as pdf:
            self.env["sunny.case.major.brief"]._cron_send()
            self.env["sunny.case.major.brief"]._cron_send()
        self.assertEqual(pdf.call_count, 1, "one brief for the step")
        self.assertEqual(len(notice.attachment_ids), 1)
        self.assertTrue(notice.attachment_ids.name.endswith(".pdf"))
        mails = self.env["mail.mail"].search([("mail_message_id", "=", notice.id)])
        self.assertEqual(len(mails), 1, "mailed once")
        self.assertEqual(mails.recipient_ids, self.leadership.partner_id)
        self.assertEqual(mails.attachment_ids, notice.attachment_ids)
        self.assertFalse(self.env["sunny.case.major.brief"].search([]))

    def test_confidential_case_goes_to_discipline_only(self):
        case = self._case_in_state("processing", case_type="report", content=self.content)
        self.assertTrue(case.is_confidential)
        self._as(case, self.center_manager).action_mark_major("A report against a dean, with documents.")
        notices = self._notices(case)
        self.assertEqual(len(notices), 1)
        _message, (notified, mailed) = next(iter(notices.items()))
        self.assertEqual(notified, self.discipline.partner_id)
        self.assertEqual(mailed, self.discipline.partner_id)

    def test_no_identity_in_the_notice(self):
        case = self._case_in_state("processing", content=self.content, title="Zhang San: spoiled food 13800138000")
        self._as(case, self.center_staff).action_mark_major("Zhang San called twice, from 13800138000.")
        message = next(iter(self._notices(case)))
        mails = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        texts = [message.subject, message.body, message.attachment_ids.raw.decode()]
        texts += mails.mapped("body_html") + mails.mapped("subject")
        for text in texts:
            for value in IDENTITY:
                self.assertNotIn(value, text)
        self.assertIn("spoiled food", message.attachment_ids.raw.decode())

    def test_every_later_step_is_reported(self):
        case = self._case_in_state("assigned")
        self._as(case, self.center_staff).action_mark_major("Many students concerned.")
        self._step(case, "accept")
        self._step(case, "reply")
        self._step(case, "approve")
        notices = self._notices(case)
        self.assertEqual(len(notices), 4, "the report, then accepted, submitted, approved")
        for notified, mailed in notices.values():
            self.assertEqual(notified, self.leadership.partner_id)
            self.assertEqual(mailed, self.leadership.partner_id)
        # an ordinary case's steps reach nobody of the leadership
        other = self._case_in_state("processing")
        self.assertFalse(self._notices(other))

    def test_refusals(self):
        case = self._case_in_state("processing")
        before = self._snapshot(case)
        for reason in (None, "", "   "):
            with self.assertRaisesRegex(UserError, "reason"):
                self._as(case, self.center_staff).action_mark_major(reason)
        for user in (self.officer_a, self.leadership, self.handler_a):
            with self.assertRaises(AccessError):
                self._as(case, user).action_mark_major("A reason")
        self.assertUnchanged(case, before)
        self.assertFalse(case.is_major)
        for user in (self.officer_a, self.center_staff):
            with self.assertRaises(UserError):
                self._as(case, user).write({"is_major": True})
        # center staff do not act on confidential cases
        report = self._case_in_state("processing", case_type="report")
        with self.assertRaises(AccessError):
            self._as(report, self.center_staff).action_mark_major("A reason")
        # once is enough; a closed case is past reporting
        self._as(case, self.center_staff).action_mark_major("A reason")
        with self.assertRaisesRegex(UserError, "already"):
            self._as(case, self.center_staff).action_mark_major("Again")
        closed = self._case_in_state("closed")
        with self.assertRaises(UserError):
            self._as(closed, self.center_staff).action_mark_major("Too late")

    def test_refusal_in_chinese(self):
        case = self._case_in_state("processing")
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["sunny_service", "sunny_service_reports"], ["zh_CN"], overwrite=True
        )
        with self.assertRaises(UserError) as error:
            # a request of a Chinese user carries their language in its context
            self._as(case, self.center_staff).with_context(lang="zh_CN").action_mark_major("")
        self.assertRegex(str(error.exception), "[\u4e00-\u9fff]")
        self.assertNotIn("Please", str(error.exception))

    def test_wizard(self):
        case = self._case_in_state("processing")
        Wizard = self.env["sunny.case.major.wizard"].with_user(self.center_staff)
        wizard = Wizard.with_context(active_ids=case.ids, active_model="sunny.case").create({})
        self.assertIn(case.name, wizard.summary)
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertFalse(case.is_major)
        wizard.reason = "Press inquiries"
        wizard.action_confirm()
        self.assertTrue(case.is_major)
        self.assertFalse(self._as(case, self.center_staff).can_mark_major)

    def test_bulletin_lists_the_months_major_cases(self):
        case = self._case_in_state("processing")
        self._as(case, self.center_staff).action_mark_major("Many students concerned.")
        bulletin = self.env["sunny.bulletin"].create(
            {"date_from": datetime.date(2026, 11, 1), "date_to": datetime.date(2026, 11, 30)}
        )
        bulletin.action_compute()
        self.assertIn(case, bulletin.major_case_ids)
        october = self.env["sunny.bulletin"].create(
            {"date_from": datetime.date(2026, 10, 1), "date_to": datetime.date(2026, 10, 31)}
        )
        october.action_compute()
        self.assertNotIn(case, october.major_case_ids)


@tagged("post_install", "-at_install")
class TestMajorBriefPdf(SunnyCaseCommon, HttpCase):
    """The brief as wkhtmltopdf prints it (an HTTP case: wkhtmltopdf loads the CSS from
    the server, which reads the test's transaction)."""

    freeze_time = None

    def setUp(self):
        super().setUp()
        self.content = "我是王小明同学，电话13912345678。The canteen served spoiled food."

    def test_no_identity_in_the_pdf(self):
        if not (shutil.which("pdftotext") and self.env["ir.actions.report"].get_wkhtmltopdf_state() == "ok"):
            self.skipTest("wkhtmltopdf and pdftotext are needed (scripts/setup.sh installs them)")
        case = self._case_in_state("processing", content=self.content)
        self._as(case, self.center_staff).action_mark_major("Zhang San called twice.")
        _name, pdf = case.with_context(force_report_rendering=True)._sunny_major_brief_pdf()
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.TemporaryDirectory() as tmp:
            path = f"{tmp}/brief.pdf"
            with open(path, "wb") as file:
                file.write(pdf)
            text = subprocess.run(["pdftotext", path, "-"], check=True, capture_output=True).stdout.decode()
            pages = subprocess.run(["pdfinfo", path], check=True, capture_output=True).stdout.decode()
        self.assertIn(case.name, text)
        self.assertIn("canteen", text)
        for value in IDENTITY:
            self.assertNotIn(value, text.replace("\n", " "))
        self.assertIn("Pages:           1", pages, "a one-page brief")
