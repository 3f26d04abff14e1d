"""Issue 14: the follow-up weeks later (落实回访), personal data kept only as long as
needed, the identity access log and two-factor sign-in."""

import base64
import datetime
import re
import time

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.auth_totp.models.totp import hotp

from .common import NOW, SunnyCaseCommon
from .public_common import CSRF_RE, SunnyPublicCase

# Monday 2026-11-23 is working day 15 after Monday 2026-11-02 (China's calendar)
ASKED_DAY = datetime.datetime(2026, 11, 2, 2, 0)  # 10:00 in Beijing
TOO_RECENT = datetime.datetime(2026, 11, 3, 2, 0)
TOO_OLD = datetime.datetime(2026, 10, 1, 2, 0)


class RetentionCommon(SunnyCaseCommon):
    @classmethod
    def _closed_on(cls, closed_date, count=1, **vals):
        cases = cls._case_in_state("closed", count=count, **vals)
        cases._workflow().write({"closed_date": closed_date})
        cls.env.flush_all()
        return cases


@tagged("post_install", "-at_install")
class TestSettleCheck(RetentionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # what the job writes is in the university's language: Chinese when installed
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["sunny_service"], ["zh_CN"])

    def _mails_to(self, email):
        return self.env["mail.mail"].sudo().search([("email_to", "=", email)])

    def test_asked_once_after_the_working_days(self):
        due = self._closed_on(ASKED_DAY, submitter_email="due@example.com")
        recent = self._closed_on(TOO_RECENT, submitter_email="recent@example.com")
        old = self._closed_on(TOO_OLD, submitter_email="old@example.com")
        praise = self._closed_on(ASKED_DAY, case_type="praise", submitter_email="praise@example.com")
        open_case = self._case_in_state("processing")
        self.env["sunny.case"]._cron_settle_check()
        self.assertEqual(due.settle_state, "asked")
        self.assertEqual(len(due.settle_check_ids), 1)
        self.assertFalse(due.settle_check_ids.answer)
        self.assertEqual(len(self._mails_to("due@example.com")), 1)
        mail = self._mails_to("due@example.com")
        self.assertIn(f"/sunny/query?number={due.name}", mail.body_html)
        self.assertIn("落实", mail.subject)  # the university's language
        for case in recent | old | praise | open_case:
            self.assertFalse(case.settle_state, case.name)
            self.assertFalse(case.settle_check_ids)
        self.assertFalse(self._mails_to("recent@example.com") | self._mails_to("old@example.com"))
        # idempotent: a second run (or a day later) asks nobody again
        self.env["sunny.case"]._cron_settle_check()
        self.assertEqual(len(due.settle_check_ids), 1)
        self.assertEqual(len(self._mails_to("due@example.com")), 1)

    def test_the_delay_is_a_setting(self):
        case = self._closed_on(TOO_RECENT)
        self.env["ir.config_parameter"].set_param("sunny_service.settle_check_days", "14")
        self.env["sunny.case"]._cron_settle_check()
        self.assertEqual(case.settle_state, "asked")

    def test_cron_is_set_based(self):
        self._closed_on(ASKED_DAY, count=2)
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=19):
            self.env["sunny.case"]._cron_settle_check()
        self._closed_on(ASKED_DAY - datetime.timedelta(hours=1), count=6)
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=19):
            self.env["sunny.case"]._cron_settle_check()

    def _asked(self, **vals):
        case = self._closed_on(ASKED_DAY, **vals)
        self.env["sunny.case"]._cron_settle_check()
        return case, case._settle_token()

    def test_yes_is_recorded_once(self):
        case, token = self._asked()
        case._settle_answer("yes", token=token)
        self.assertEqual(case.settle_state, "settled")
        self.assertEqual(case.settle_check_ids.answer, "yes")
        self.assertEqual(case.state, "closed")
        # the same form again, or another answer: refused, nothing changed
        for answer in ("yes", "no"):
            with self.assertRaisesRegex(UserError, "already confirmed"):
                case._settle_answer(answer, "Still broken", token=token)
        self.assertEqual(case.settle_state, "settled")
        self.assertEqual(case.state, "closed")

    def test_no_reopens_the_case_to_its_unit(self):
        case, token = self._asked()
        reopen_count = case.reopen_count
        messages = len(case.message_ids)
        with self.assertRaisesRegex(UserError, "what was not settled"):
            case._settle_answer("no", "  ", token=token)
        self.assertEqual(case.state, "closed")
        case._settle_answer("no", "The library still closes at 21:00.", token=token)
        self.assertEqual(case.state, "processing")
        self.assertEqual(case.unit_id, self.unit_a)
        self.assertEqual(case.reopen_count, reopen_count + 1)
        self.assertFalse(case.closed_date)
        self.assertEqual(case.settle_state, "unsettled")
        self.assertEqual(case.settle_check_ids.reason, "The library still closes at 21:00.")
        self.assertGreater(len(case.message_ids), messages)
        self.assertIn("The library still closes at 21:00.", case.message_ids[0].body)
        # the unit's officer has it on their board again
        self.assertIn(case, self._as(case, self.officer_a).search([("is_my_work", "=", True)]))
        with self.assertRaisesRegex(UserError, "not closed"):
            case._settle_answer("no", "again", token=token)

    def test_bad_input_changes_nothing(self):
        case, token = self._asked()
        for answer, token_given, error in (
            ("yes", "forged-token", "no longer valid"),
            ("yes", None, "no longer valid"),
            ("maybe", token, "yes or no"),
        ):
            with self.subTest(answer=answer, token=token_given), self.assertRaisesRegex(UserError, error):
                case._settle_answer(answer, token=token_given)
        self.assertEqual(case.settle_state, "asked")
        self.assertFalse(case.settle_check_ids.answer)
        not_asked = self._closed_on(TOO_RECENT)
        with self.assertRaisesRegex(UserError, "has not been asked"):
            not_asked._settle_answer("yes", token=token)
        replied = self._case_in_state("replied")
        with self.assertRaisesRegex(UserError, "not closed"):
            replied._settle_answer("yes", token=token)

    def test_errors_are_chinese(self):
        case, _token = self._asked()
        with self.assertRaises(UserError) as caught:
            case.with_context(lang="zh_CN")._settle_answer("yes", token="forged")
        self.assertRegex(str(caught.exception), "[\u4e00-\u9fff]")

    def test_the_center_records_a_phone_answer(self):
        case, _token = self._asked()
        unanswered = self.env["sunny.case"].search([("settle_state", "=", "asked")])
        self.assertIn(case, unanswered)
        with self.assertRaises(AccessError):
            self._as(case, self.officer_a).action_settle_phone("yes")
        wizard = (
            self.env["sunny.case.settle.wizard"]
            .with_user(self.center_staff)
            .with_context(active_model="sunny.case", active_id=case.id)
            .create({"answer": "yes"})
        )
        wizard.action_confirm()
        self.assertEqual(case.settle_state, "settled")
        self.assertEqual(case.settle_check_ids.method, "phone")
        self.assertEqual(case.settle_check_ids.user_id, self.center_staff)


@tagged("post_install", "-at_install")
class TestSettlePages(SunnyPublicCase):
    def _asked_case(self):
        case = self._case("closed", submitter_email="lilei@example.com")
        self.env["sunny.case.settle"].sudo().create({"case_id": case.id, "token": "secret-token"})
        case._workflow().write({"settle_state": "asked"})
        return case

    def test_answer_on_the_query_page(self):
        case = self._asked_case()
        self._prove(case)
        page = self.url_open(f"/sunny/query/{case.id}")
        self.assertIn("o_sunny_settle_form", page.text)
        self.assertIn("o_sunny_kept_data", page.text)
        csrf = CSRF_RE.search(page.text).group(1)
        # a forged token: refused, nothing changed
        response = self.url_open(
            f"/sunny/query/{case.id}/settle", data={"csrf_token": csrf, "answer": "yes", "settle_token": "forged"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(case.settle_state, "asked")
        form = {"csrf_token": csrf, "answer": "no", "reason": "还是没有解决", "settle_token": "secret-token"}
        response = self.url_open(f"/sunny/query/{case.id}/settle", data=form)
        self.assertEqual(response.status_code, 200)
        self.assertIn("msg=unsettled", response.url)
        case.invalidate_recordset()
        self.assertEqual(case.state, "processing")
        self.assertEqual(case.settle_state, "unsettled")
        # the form posted again: refused
        response = self.url_open(f"/sunny/query/{case.id}/settle", data=form)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(case.reopen_count, 1)

    def test_answer_on_the_portal(self):
        case = self._asked_case()
        case._workflow().write({"partner_id": self.student.partner_id.id})
        self.authenticate("pub_student", "pub_student_pw")
        page = self.url_open(f"/my/sunny/{case.id}")
        self.assertIn("o_sunny_settle_form", page.text)
        csrf = CSRF_RE.search(page.text).group(1)
        response = self.url_open(
            f"/my/sunny/{case.id}/settle", data={"csrf_token": csrf, "answer": "yes", "settle_token": "secret-token"}
        )
        self.assertIn("msg=settled", response.url)
        case.invalidate_recordset()
        self.assertEqual(case.settle_state, "settled")
        # someone else's case: not found
        self.authenticate("pub_student2", "pub_student2_pw")
        csrf = self._csrf()
        response = self.url_open(
            f"/my/sunny/{case.id}/settle", data={"csrf_token": csrf, "answer": "no", "settle_token": "secret-token"}
        )
        self.assertEqual(response.status_code, 404)


@tagged("post_install", "-at_install")
class TestRetention(RetentionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.long_ago = NOW - relativedelta(years=3, days=1)
        cls.partner = cls.env["res.partner"].create({"name": "Zhang San", "email": "zhang.san@example.com"})

    def _old_case(self, **vals):
        vals.setdefault("partner_id", self.partner.id)
        vals.setdefault("submitter_email", "zhang.san@example.com")
        case = self._closed_on(self.long_ago, **vals)
        # the submitter wrote to the case, received its mails and followed it
        case.message_post(body="Thanks", author_id=self.partner.id, email_from="Zhang San <zhang.san@example.com>")
        case.message_post(body="Your reply", partner_ids=self.partner.ids, message_type="comment")
        case.message_subscribe(self.partner.ids)
        self.env.flush_all()
        return case

    def _identity_traces(self, case):
        messages = self.env["mail.message"].search([("model", "=", "sunny.case"), ("res_id", "=", case.id)])
        return {
            "identity": self.env["sunny.case.identity"].search([("case_id", "=", case.id)]),
            "authored": messages.filtered(lambda m: m.author_id == self.partner),
            "from": messages.filtered(lambda m: "zhang.san@example.com" in (m.email_from or "")),
            "recipient": messages.filtered(lambda m: self.partner in m.partner_ids),
            "notified": self.env["mail.notification"].search(
                [("mail_message_id", "in", messages.ids), ("res_partner_id", "=", self.partner.id)]
            ),
            "follower": case.message_follower_ids.filtered(lambda f: f.partner_id == self.partner),
        }

    def test_identity_removed_everywhere_and_nothing_else(self):
        case = self._old_case(public_title="图书馆开放时间", public_reply="已延长")
        self.assertTrue(all(self._identity_traces(case).values()))
        before = case.read(
            [
                "name",
                "title",
                "content",
                "state",
                "closed_date",
                "unit_id",
                "satisfaction",
                "public_title",
                "public_reply",
            ]
        )[0]
        message_count = len(case.message_ids)
        followups = case.followup_ids
        self.env["sunny.case"]._cron_anonymise()
        self.env.invalidate_all()
        for where, records in self._identity_traces(case).items():
            self.assertFalse(records, where)
        self.assertFalse(case.partner_id)
        self.assertFalse(self.partner.exists(), "the partner was used by nothing else")
        self.assertFalse(case.submitter_name or case.submitter_phone or case.submitter_email)
        self.assertTrue(case.anonymised_date)
        after = case.read(list(before))[0]
        self.assertEqual(after, before)
        self.assertEqual(len(case.message_ids), message_count)
        self.assertEqual(case.followup_ids, followups)
        self.assertEqual(case._sunny_kept_data(), [])

    def test_a_partner_with_an_account_is_kept(self):
        case = self._old_case(partner_id=self.portal_user.partner_id.id)
        self.env["sunny.case"]._cron_anonymise()
        self.assertFalse(case.partner_id)
        self.assertTrue(self.portal_user.partner_id.exists())
        self.assertTrue(self.portal_user.partner_id.active)

    def test_open_held_and_recent_cases_are_untouched(self):
        open_case = self._case_in_state("processing")
        open_case._workflow().write({"received_date": self.long_ago})
        held = self._old_case()
        held.with_user(self.discipline).action_discipline_hold()
        recent = self._closed_on(NOW - relativedelta(years=2), submitter_name="Li Si")
        with self.assertRaises(AccessError):
            held.with_user(self.center_manager).action_discipline_release()
        self.env["sunny.case"]._cron_anonymise()
        for case in open_case | held | recent:
            self.assertFalse(case.anonymised_date, case.name)
            self.assertTrue(case.identity_ids, case.name)
        held.with_user(self.discipline).action_discipline_release()
        self.env["sunny.case"]._cron_anonymise()
        self.assertTrue(held.anonymised_date)

    def test_batches_and_idempotent(self):
        cases = self._closed_on(self.long_ago, count=3)
        # the scheduler's progress record: "some left" makes it run the job again at once
        progress = self.env["ir.cron.progress"].create(
            {"cron_id": self.env.ref("sunny_service.ir_cron_anonymise").id, "done": 0, "remaining": 0}
        )
        Case = self.env["sunny.case"].with_context(ir_cron_progress_id=progress.id)
        self.assertEqual(Case._cron_anonymise(batch_size=2), 2)
        self.assertEqual((progress.done, progress.remaining), (2, 1))
        self.assertEqual(Case._cron_anonymise(batch_size=2), 1)
        self.assertEqual((progress.done, progress.remaining), (1, 0), "nothing left: the scheduler waits")
        self.assertEqual(Case._cron_anonymise(batch_size=2), 0)
        self.assertTrue(all(cases.mapped("anonymised_date")))
        stamp = cases.mapped("anonymised_date")
        Case._cron_anonymise()
        self.assertEqual(cases.mapped("anonymised_date"), stamp)

    def test_batch_cost_does_not_grow_with_cases(self):
        self._closed_on(self.long_ago, count=2)
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=20):
            self.env["sunny.case"]._cron_anonymise()
        self._closed_on(self.long_ago, count=8)
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=20):
            self.env["sunny.case"]._cron_anonymise()

    def test_retention_per_type_and_its_minimum(self):
        complaint = self._closed_on(NOW - relativedelta(years=4), case_type="complaint")
        Rule = self.env["sunny.retention.rule"].with_user(self.center_manager)
        Rule.create({"case_type": "complaint", "years": 5})
        self.env["ir.config_parameter"].set_param("sunny_service.retention_min_years", "2")
        with self.assertRaisesRegex(ValidationError, "2 years"):
            Rule.create({"case_type": "suggestion", "years": 1})
        with self.assertRaises(AccessError):
            self.env["sunny.retention.rule"].with_user(self.center_staff).create({"case_type": "praise", "years": 9})
        self.env["sunny.case"]._cron_anonymise()
        self.assertFalse(complaint.anonymised_date)
        self.assertEqual(complaint._sunny_retention_end(), datetime.date(2027, 11, 23))
        settings = self.env["sunny.settings"].with_user(self.center_manager).create({"sunny_retention_years": 1})
        with self.assertRaisesRegex(UserError, "2 years"):
            settings.execute()
        self.assertEqual(self.env["ir.config_parameter"].get_param("sunny_service.retention_years", "3"), "3")

    def test_the_submitter_sees_what_is_kept(self):
        case = self._closed_on(NOW, submitter_name="王小明", submitter_phone="13807310101")
        kept = dict(case._sunny_kept_data())
        self.assertIn("王**", kept.values())
        self.assertIn("138****0101", kept.values())
        self.assertEqual(case._sunny_retention_end(), datetime.date(2029, 11, 23))


@tagged("post_install", "-at_install")
class TestIdentityAccessLog(RetentionCommon):
    def test_reads_of_a_confidential_identity_are_logged(self):
        report = self._create_case(case_type="report", submitter_name="Whistle Blower")
        ordinary = self._create_case()
        Log = self.env["sunny.identity.access"]
        before = Log.search_count([])  # the demo's reads, if any
        self.assertEqual(self._as(report, self.center_manager).submitter_name, "Whistle Blower")
        logs = Log.search([("case_id", "=", report.id)])
        self.assertEqual(len(logs), 1)
        self.assertEqual(logs.user_id, self.center_manager)
        # the same read again in this request: one line; the superuser and ordinary cases: none
        self._as(report, self.center_manager).submitter_display  # noqa: B018
        self.assertEqual(report.sudo().submitter_name, "Whistle Blower")
        self._as(ordinary, self.center_manager).submitter_name  # noqa: B018
        self.assertEqual(Log.search_count([]), before + 1)
        self.env.cr.cache.clear()
        self._as(report, self.discipline).submitter_display  # noqa: B018
        self.assertEqual(Log.search([("case_id", "=", report.id)]).user_id, self.center_manager | self.discipline)

    def test_the_log_is_read_only_and_for_the_manager_and_discipline(self):
        report = self._create_case(case_type="report")
        self._as(report, self.center_manager).submitter_name  # noqa: B018
        log = self.env["sunny.identity.access"].search([])
        self.assertTrue(log.with_user(self.discipline).read(["user_id", "case_id", "date"]))
        self.assertTrue(log.with_user(self.center_manager).read(["user_id"]))
        for user in (self.center_staff, self.officer_a, self.leadership):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                log.with_user(user).read(["user_id"])
        for user in (self.center_manager, self.discipline):
            # AccessError is a UserError: refused either way
            with self.assertRaises(UserError):
                log.with_user(user).write({"user_id": self.center_staff.id})
            with self.assertRaises(UserError):
                log.with_user(user).unlink()
        with self.assertRaises(UserError):
            log.sudo().write({"user_id": self.center_staff.id})
        with self.assertRaises(UserError):
            log.sudo().unlink()
        self.assertTrue(log.exists())


@tagged("post_install", "-at_install")
class TestTwoFactorRequirement(SunnyCaseCommon):
    def test_required_for_the_groups_set(self):
        self.assertEqual(self.center_manager._mfa_url(), "/sunny/totp/enrol")
        self.assertEqual(self.discipline._mfa_url(), "/sunny/totp/enrol")
        self.assertIsNone(self.center_staff._mfa_url())
        self.assertIsNone(self.officer_a._mfa_url())
        settings = self.env["sunny.settings"].with_user(self.center_manager).create({})
        self.assertEqual(
            set(settings.sunny_totp_group_ids.ids),
            {self.env.ref("sunny_service.group_center_manager").id, self.env.ref("sunny_service.group_discipline").id},
        )
        settings.sunny_totp_group_ids = self.env.ref("sunny_service.group_center_staff")
        settings.execute()
        self.env.invalidate_all()
        # center staff now; the manager is center staff too (implied group)
        self.assertEqual(self.center_staff._mfa_url(), "/sunny/totp/enrol")
        self.assertEqual(self.center_manager._mfa_url(), "/sunny/totp/enrol")
        self.assertIsNone(self.discipline._mfa_url())
        # no group at all: nobody is asked
        settings = self.env["sunny.settings"].with_user(self.center_manager).create({})
        settings.sunny_totp_group_ids = False
        settings.execute()
        self.env.invalidate_all()
        self.assertIsNone(self.center_manager._mfa_url())
        self.assertFalse(self.env["sunny.settings"].with_user(self.center_manager).create({}).sunny_totp_group_ids)

    def test_enabled_totp_asks_the_code(self):
        self.discipline.sudo().totp_secret = base64.b32encode(b"0123456789").decode()
        self.assertEqual(self.discipline._mfa_url(), "/web/login/totp")


@tagged("post_install", "-at_install")
class TestTwoFactorEnrolment(SunnyPublicCase):
    def _login(self, login):
        """Sign in through the login form, as a browser does."""
        csrf = CSRF_RE.search(self.url_open("/web/login").text).group(1)
        return self.url_open("/web/login", data={"csrf_token": csrf, "login": login, "password": login + "_pw"})

    def test_login_leads_to_enrolment(self):
        response = self._login("pub_manager")
        self.assertIn("/sunny/totp/enrol", response.url)
        self.assertIn("o_sunny_totp_enrol", response.text)
        # no session yet: the back office sends back to the login
        self.assertIn("/web/login", self.url_open("/odoo").url)
        page = self.url_open("/sunny/totp/enrol")
        secret = re.search(r'class="o_sunny_totp_secret">([^<]+)<', page.text).group(1).replace(" ", "")
        csrf = CSRF_RE.search(page.text).group(1)
        response = self.url_open("/sunny/totp/enrol", data={"csrf_token": csrf, "code": "000000x"})
        self.assertIn("o_sunny_totp_enrol", response.text)
        self.assertFalse(self.manager.totp_enabled)
        code = hotp(base64.b32decode(secret), int(time.time() / 30))
        response = self.url_open("/sunny/totp/enrol", data={"csrf_token": csrf, "code": f"{code:06d}"})
        self.assertNotIn("/web/login", response.url)
        self.manager.invalidate_recordset()
        self.assertTrue(self.manager.totp_enabled)

    def test_other_roles_log_in_as_before(self):
        response = self._login("pub_staff")
        self.assertNotIn("totp", response.url)
        self.assertNotIn("/web/login", response.url)
