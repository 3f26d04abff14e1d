"""What the scheduled jobs write is in its readers' language, not in the cron
user's: the scan, the digest and the escalations run as the cron runs them
(OdooBot, en_US in the context) on a university whose language is Chinese."""

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import SunnyCaseCommon
from .test_deadlines import utc


@tagged("sunny_deadlines")
class TestJobLanguage(SunnyCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["sunny_service"], ["zh_CN"])
        # unit A's officers and the leadership read Chinese, unit B's officer English
        chinese = cls.officer_a | cls.officer_a2 | cls.leadership | cls.center_manager | cls.discipline
        chinese.write({"lang": "zh_CN", "email": "someone@example.com"})
        cls.officer_b.write({"lang": "en_US", "email": "someone@example.com"})
        cls.leader_en = new_test_user(
            cls.env, login="sunny_leader_en", name="English Leader", groups="sunny_service.group_leadership"
        )
        cls.leader_en.lang = "en_US"
        cls.env["ir.config_parameter"].set_param("sunny_service.lang", False)
        cls.cron = cls.env["sunny.case"].with_user(cls.env.ref("base.user_root")).with_context(lang="en_US")

    def _inbox(self, partner, since=None):
        """The notifications listing cases that reached ``partner``, newest first."""
        messages = self.env["mail.message"].search(
            [("message_type", "=", "user_notification"), ("model", "=", False), ("partner_ids", "in", partner.id)],
            order="id desc",
        )
        return messages - since if since else messages

    def test_university_language(self):
        Calendar = self.env["sunny.calendar"].with_context(lang="en_US")
        Params = self.env["ir.config_parameter"]
        self.assertEqual(Calendar.lang(), "zh_CN", "Chinese when it is installed")
        Params.set_param("sunny_service.lang", "en_US")
        self.assertEqual(Calendar.lang(), "en_US", "the system parameter first")
        Params.set_param("sunny_service.lang", "xx_XX")
        self.assertEqual(Calendar.lang(), "zh_CN", "an unknown language is ignored")
        groups = Calendar.langs_of((self.officer_a | self.officer_b | self.leadership).partner_id)
        self.assertEqual(groups["zh_CN"], (self.officer_a | self.leadership).partner_id)
        self.assertEqual(groups["en_US"], self.officer_b.partner_id)

    def test_scan_writes_chinese(self):
        with freeze_time(utc("2026-11-23 10:00:00")):
            case = self._case_in_state("processing", title="宿舍热水不热")
            other = self._case_in_state("processing", unit=self.unit_b, title="Canteen prices")
        with freeze_time(utc("2026-11-26 10:00:00")):
            self.cron._cron_deadline_scan()
        todos = case.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("sunny_service.mail_activity_type_due_soon")
        )
        self.assertEqual(set(todos.mapped("summary")), {"即将到期：宿舍热水不热"})
        due_a = self._inbox(self.officer_a.partner_id)[:1]
        self.assertEqual(due_a.subject, "即将到期的受理件")
        self.assertIn(case.name, due_a.body)
        self.assertIn("即将到期", due_a.body, "the list line's deadline state")
        due_b = self._inbox(self.officer_b.partner_id)[:1]
        self.assertEqual(due_b.subject, "Cases due soon", "unit B's officer reads English")
        self.assertIn(other.name, due_b.body)
        self.assertIn("Due Soon", due_b.body)

        before = self._inbox(self.leadership.partner_id)
        before_en = self._inbox(self.leader_en.partner_id)
        with freeze_time(utc("2026-11-27 10:00:00")):
            self.cron._cron_deadline_scan()
        notes = case.message_ids.mapped("body")
        self.assertTrue(any("自 2026-11-26 23:59 起超期：已向单位催办。" in note for note in notes), notes)
        self.assertTrue(any("已超期，已上报领导小组。" in note for note in notes), notes)
        self.assertFalse(any("Overdue since" in note or "Reported to" in note for note in notes), notes)
        self.assertEqual(
            sorted(case.supervision_ids.mapped("note")),
            sorted(["自 2026-11-26 23:59 起超期：已向单位催办。", "超期受理件已上报领导小组。"]),
            "the supervision notes, printed on the case sheet",
        )
        remind_a = self._inbox(self.officer_a.partner_id)[:1]
        self.assertEqual(remind_a.subject, "超期受理件催办：请抓紧办结或说明原因")
        self.assertIn("已超期", remind_a.body)
        leaders = self._inbox(self.leadership.partner_id, since=before)
        self.assertEqual(leaders.mapped("subject"), ["上报领导小组的超期受理件"])
        self.assertTrue(all(c.name in leaders.body for c in case | other))
        leaders_en = self._inbox(self.leader_en.partner_id, since=before_en)
        self.assertEqual(leaders_en.mapped("subject"), ["Overdue cases reported to the leadership"])
        self.assertNotEqual(leaders, leaders_en, "one notification per language")

    def test_supervision_escalates_in_each_readers_language(self):
        case = self._case_in_state("processing")
        before, before_en = self._inbox(self.leadership.partner_id), self._inbox(self.leader_en.partner_id)
        # center staff read English; what they escalate is still written for everyone
        self._as(case, self.center_staff).action_supervise("食堂价格问题影响全校学生")
        self.assertEqual(
            self._inbox(self.leadership.partner_id, since=before).mapped("subject"),
            ["督办受理件：食堂价格问题影响全校学生"],
        )
        self.assertEqual(
            self._inbox(self.leader_en.partner_id, since=before_en).mapped("subject"),
            ["Supervised cases: 食堂价格问题影响全校学生"],
        )
        self.assertIn("已上报领导小组：食堂价格问题影响全校学生", " ".join(case.message_ids.mapped("body")))

    def test_digest_in_each_officers_language(self):
        with freeze_time(utc("2026-11-23 10:00:00")):
            self._case_in_state("processing", title="宿舍热水不热")
            self._case_in_state("assigned", unit=self.unit_b, title="Canteen prices")
        with freeze_time(utc("2026-11-26 08:30:00")):
            self.cron._cron_deadline_scan()
            self.env["sunny.station"].with_user(self.env.ref("base.user_root")).with_context(
                lang="en_US"
            )._cron_daily_digest()
        mails = self.env["mail.mail"].search([("subject", "like", "2026-11-26")])
        digest_a = mails.filtered(lambda m: m.recipient_ids == self.officer_a.partner_id)
        self.assertEqual(digest_a.subject, "阳光服务：2026-11-26 受理件情况")
        for text in ("Officer A，您好：", "您所在单位今日在办的受理件", "办理中", "即将到期", "宿舍热水不热"):
            self.assertIn(text, digest_a.body_html)
        self.assertNotIn("Open cases", digest_a.body_html)
        digest_b = mails.filtered(lambda m: m.recipient_ids == self.officer_b.partner_id)
        self.assertEqual(digest_b.subject, "Sunshine Service: your cases on 2026-11-26")
        for text in ("Dear Officer B,", "Open cases of your units today", "Assigned", "Canteen prices"):
            self.assertIn(text, digest_b.body_html)

    def test_calendar_loaded_by_the_job_is_named_in_chinese(self):
        Holiday = self.env["sunny.holiday"]
        Holiday.search([("year", "=", 2026)]).unlink()
        Holiday.with_user(self.env.ref("base.user_root")).with_context(lang="en_US").load_year(2026)
        self.assertEqual(Holiday.search([("date", "=", "2026-02-14")]).name, "调休上班日（春节）")
        self.assertEqual(Holiday.search([("date", "=", "2026-10-01")]).name, "国庆节")
