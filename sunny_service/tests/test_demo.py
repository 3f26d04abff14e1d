"""The demo's two months of cases: every state on the kanban, and a chatter that
tells who did each step, on which day."""

import os
import re
from collections import Counter

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged

# (state, type, unit code, confidential): number of demo cases
DEMO_CASES = {
    ("new", "consultation", "", False): 2,
    ("new", "report", "", True): 1,
    ("new", "suggestion", "", False): 2,
    ("registered", "consultation", "", False): 2,
    ("registered", "suggestion", "", False): 1,
    ("assigned", "complaint", "JXGC", False): 1,
    ("assigned", "complaint", "WYXY", False): 1,
    ("assigned", "praise", "WYXY", False): 1,
    ("processing", "complaint", "BWC", False): 1,
    ("processing", "complaint", "HQC", False): 1,
    ("processing", "complaint", "JGXY", False): 1,
    ("processing", "complaint", "XGC", False): 1,
    ("processing", "report", "JWB", True): 1,
    ("processing", "suggestion", "JSJ", False): 1,
    ("processing", "suggestion", "XGC", False): 1,
    ("review", "complaint", "TSG", False): 1,
    ("review", "consultation", "", False): 1,
    ("review", "consultation", "WLZX", False): 1,
    ("review", "suggestion", "HQC", False): 1,
    ("replied", "consultation", "JWC", False): 1,
    ("replied", "consultation", "XGC", False): 1,
    ("replied", "consultation", "ZJC", False): 1,
    ("replied", "praise", "BWC", False): 1,
    ("closed", "complaint", "HQC", False): 3,
    ("closed", "complaint", "JWC", False): 1,
    ("closed", "complaint", "WLZX", False): 1,
    ("closed", "consultation", "", False): 1,
    ("closed", "consultation", "RSC", False): 1,
    ("closed", "praise", "HQC", False): 1,
    ("closed", "praise", "JXGC", False): 1,
    ("closed", "report", "JWB", True): 2,
    ("closed", "suggestion", "HQC", False): 1,
    ("closed", "suggestion", "TSG", False): 1,
    ("rejected", "complaint", "", False): 3,
    ("rejected", "consultation", "", False): 1,
    ("cancelled", "complaint", "CWC", False): 1,
    ("cancelled", "consultation", "", False): 1,
}


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    def setUp(self):
        super().setUp()
        if not self.env.ref("sunny_service.case_canteen_price_demo", raise_if_not_found=False):
            self.skipTest("the database has no demo data")

    def test_every_state_is_shown(self):
        cases = self.env["sunny.case"].sudo().search([])
        found = Counter((case.state, case.case_type, case.unit_id.code or "", case.is_confidential) for case in cases)
        self.assertEqual(dict(found), DEMO_CASES)
        self.assertIn("overdue", cases.mapped("deadline_state"), "some cases are late today")
        self.assertIn("done_late", cases.mapped("deadline_state"))

    def test_chatter_tells_who_did_each_step_on_its_day(self):
        """The canteen complaint: registered, assigned by the center and accepted by the
        unit 37 working days ago, answered, approved, then followed up by the center:
        each step its own line in the chatter, signed by who did it, on its own day."""
        case = self.env.ref("sunny_service.case_canteen_price_demo").sudo()
        staff, officer = (
            self.env.ref(f"sunny_service.user_{login}_demo").partner_id for login in ("center_staff", "officer_hq")
        )
        steps = case.message_ids.filtered(lambda m: "state" in m.tracking_value_ids.field_id.mapped("name")).sorted(
            "id"
        )
        self.assertEqual(
            [step.author_id for step in steps],
            [staff, staff, officer, officer, staff, staff],
        )
        dates = steps.mapped("date")
        self.assertEqual(dates, sorted(dates))
        self.assertEqual(len({self.env["sunny.calendar"].local_date(date) for date in dates}), 4)
        self.assertLess(case.received_date, dates[0])
        self.assertLess(dates[-1], fields.Datetime.now())

    def test_logins_give_each_query_code_with_its_case_number(self):
        """demo/LOGINS.txt: each anonymous demo case's number and code open it on
        /sunny/query."""
        path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "demo", "LOGINS.txt")
        with open(path, encoding="utf-8") as logins:
            rows = re.findall(r"^\s+YG<year>-(\d{6})\s+([A-Z0-9]{8})\s", logins.read(), re.MULTILINE)
        self.assertEqual(len(rows), 3)
        year = self.env.ref("sunny_service.case_canteen_price_demo").name[2:6]
        for number, code in rows:
            case = self.env["sunny.case"].sudo().search([("name", "=", f"YG{year}-{number}")])
            self.assertTrue(case._check_query_code(code), (number, code))
            self.assertTrue(case.is_anonymous)

    def test_published_demo_cases_had_consent(self):
        published = self.env["sunny.case"].sudo().search([("is_published", "=", True)])
        self.assertEqual(len(published), 2)
        self.assertTrue(all(published.mapped("allow_publish")))
        # the manager confirmed the canteen's public phone line; nobody is named
        findings = published._sunny_publication_findings()
        self.assertEqual([(f["kind"], f["masked"]) for f in findings], [("phone number", "073*-****0215")])

    def test_the_company_is_the_university(self):
        """Not Odoo's "YourCompany" without a logo: the name and logo head the case
        sheets and bulletins, the address signs the service's mails."""
        company = self.env.ref("base.main_company")
        self.assertEqual(company.name, "湘江工程学院")
        self.assertTrue(company.logo, "a logo, not Odoo's placeholder")
        self.assertEqual(company.email, "yangguang@example.edu.cn")
        self.assertEqual((company.city, company.country_id.code), ("湘潭市", "CN"))
        self.assertNotIn("YourCompany", self.env.ref("base.partner_admin").company_name or "")

    def test_demo_steps_write_in_the_users_language(self):
        """The demo replays the workflow as its users, each in their language (the
        install runs in English): what the steps write is Chinese."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["sunny_service"], ["zh_CN"])
        staff = self.env.ref("sunny_service.user_center_staff_demo")
        staff.lang = "zh_CN"
        case = self.env["sunny.case"].create(
            {
                "title": "图书馆开放时间",
                "content": "考试周图书馆开放到几点？",
                "case_type": "consultation",
                "channel": "phone",
            }
        )
        self.env.cr.flush()
        Demo = self.env["sunny.demo"].with_context(lang="en_US")
        Demo._demo_step(case, "center_staff", "reject", "不属于受理范围")
        self.env.cr.flush()
        states = case.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "state")
        self.assertEqual(states.mapped("new_value_char"), ["不予受理"])
        self.assertIn("不予受理：不属于受理范围", " ".join(case.message_ids.mapped("body")))


@tagged("post_install", "-at_install")
class TestDemoOversight(TransactionCase):
    """The demo shows follow-up weeks later (落实回访), the retention of personal data and
    the identity access log with real cases (demo/sunny_demo_oversight.py)."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("sunny_service.case_old_noise_demo", raise_if_not_found=False):
            self.skipTest("the database has no demo data")

    def _case(self, xmlid):
        return self.env.ref(f"sunny_service.{xmlid}").sudo()

    def test_settle_checks(self):
        """Asked 15 working days after closing; answered 是 online, 否 online (back to
        the unit), 是 on the phone to the center; three still waiting."""
        states = {
            xmlid: self._case(xmlid).settle_state
            for xmlid in (
                "case_canteen_price_demo",
                "case_scholarship_publicity_demo",
                "case_hot_water_demo",
                "case_course_crash_demo",
                "case_library_hours_demo",
                "case_tuition_invoice_demo",
            )
        }
        self.assertEqual(
            states,
            {
                "case_canteen_price_demo": "settled",
                "case_scholarship_publicity_demo": "unsettled",
                "case_hot_water_demo": "settled",
                "case_course_crash_demo": "asked",
                "case_library_hours_demo": "asked",
                "case_tuition_invoice_demo": "asked",
            },
        )
        Calendar, Holiday = self.env["sunny.calendar"], self.env["sunny.holiday"]
        now = fields.Datetime.now()
        for xmlid in ("case_canteen_price_demo", "case_course_crash_demo", "case_tuition_invoice_demo"):
            case = self._case(xmlid)
            check = case.settle_check_ids
            self.assertEqual(len(check), 1)
            self.assertEqual(
                Calendar.local_date(check.date),
                Holiday.add_workdays(Calendar.local_date(case.closed_date), 15),
                f"{xmlid} asked 15 working days after closing",
            )
            self.assertLess(check.date, now)
        canteen = self._case("case_canteen_price_demo").settle_check_ids
        self.assertEqual((canteen.answer, canteen.method), ("yes", "online"))
        self.assertLess(canteen.date, canteen.answer_date)
        # 否 with a reason: the case went back to the unit, a reopening
        scholarship = self._case("case_scholarship_publicity_demo")
        self.assertEqual((scholarship.settle_check_ids.answer, scholarship.state), ("no", "processing"))
        self.assertIn("班级群", scholarship.settle_check_ids.reason)
        self.assertEqual(scholarship.reopen_count, 1)
        self.assertFalse(scholarship.closed_date)
        # nobody answered online: the center called and recorded it
        hot_water = self._case("case_hot_water_demo").settle_check_ids
        self.assertEqual((hot_water.answer, hot_water.method), ("yes", "phone"))
        self.assertEqual(hot_water.user_id, self.env.ref("sunny_service.user_center_staff_demo"))
        self.assertIn("电话回访", hot_water.reason)
        # what the center's list of unanswered checks shows
        unanswered = self.env["sunny.case"].sudo().search([("settle_state", "=", "asked")])
        self.assertEqual(len(unanswered), 3)

    def test_retention(self):
        """An old complaint as the monthly job leaves it, and an old report the job
        must keep because discipline inspection holds it."""
        now = fields.Datetime.now()
        noise = self._case("case_old_noise_demo")
        self.assertEqual(noise.state, "closed")
        self.assertLess(noise.closed_date, now - relativedelta(years=3))
        self.assertTrue(noise.anonymised_date)
        self.assertLess(noise.closed_date + relativedelta(years=3), noise.anonymised_date)
        self.assertFalse(noise.identity_ids)
        self.assertFalse(noise.partner_id)
        self.assertEqual(noise.name[2:6], str(noise.received_date.year), "numbered in the year it arrived")
        self.assertNotIn("郭晓峰", " ".join(noise.message_ids.mapped("body")))
        self.assertFalse(noise.message_ids.filtered(lambda m: "guoxiaofeng" in (m.email_from or "")))
        report = self._case("case_old_research_fund_report_demo")
        self.assertTrue(report.discipline_hold)
        self.assertTrue(report.is_confidential)
        years = self.env["sunny.retention.rule"]._years_by_type()["report"]
        self.assertLess(report.closed_date, now - relativedelta(years=years), "past its retention period")
        self.assertEqual(report.identity_ids.name, "陈立新")
        self.assertFalse(report.anonymised_date)
        # the job has nothing left to do on the demo, and would never take the held report
        self.assertFalse(self.env["sunny.case"].sudo().search(self.env["sunny.case"]._anonymise_domain()))
        hold = report.message_ids.filtered(lambda m: "discipline_hold" in m.tracking_value_ids.field_id.mapped("name"))
        self.assertTrue(hold)
        self.assertLess(report.closed_date, hold.date)
        self.assertLess(hold.date, now - relativedelta(months=6))
        # every date of the old cases lies in the past, in order
        for case in noise | report:
            dates = [case.received_date, case.assigned_date, case.replied_date, case.closed_date]
            self.assertEqual(dates, sorted(dates))
            messages = self.env["mail.message"].search([("model", "=", "sunny.case"), ("res_id", "=", case.id)])
            self.assertLess(max(messages.mapped("date")), now - relativedelta(months=6))

    def test_identity_access_log(self):
        """Who read the submitter of a confidential case, and when."""
        entries = self.env["sunny.identity.access"].sudo().search([])
        read = {(entry.user_id.login, entry.case_id) for entry in entries}
        discipline, manager = "discipline", "center_manager"
        self.assertLessEqual(
            {
                (discipline, self._case("case_procurement_report_demo")),
                (manager, self._case("case_procurement_report_demo")),
                (discipline, self._case("case_admission_report_demo")),
                (discipline, self._case("case_old_research_fund_report_demo")),
            },
            read,
        )
        self.assertTrue(all(entries.case_id.mapped("is_confidential")))
        self.assertLess(max(entries.mapped("date")), fields.Datetime.now())
        self.assertGreater(len(set(entries.mapped("date"))), 2, "read on different days")
