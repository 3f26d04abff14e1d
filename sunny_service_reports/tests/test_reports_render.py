import io
from unittest.mock import patch

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..report import report_sunny_register_xlsx
from .common import COMPUTE_AT, MARCH, SunnyReportsCommon


@tagged("post_install", "-at_install")
class TestReportsRender(SunnyReportsCommon):
    def _html(self, report, records, user):
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(lang="en_US")
            ._render_qweb_html(report, records.ids)
        )
        return html.decode()

    def _xlsx(self, report, records, user):
        content, extension = self.env["ir.actions.report"].with_user(user)._render(report, records.ids)
        self.assertEqual(extension, "xlsx")
        return load_workbook(io.BytesIO(content), read_only=True)

    # ------------------------------------------------------------------ case sheet

    def test_case_sheet(self):
        html = self._html("sunny_service_reports.action_report_sunny_case_sheet", self.c3, self.center_staff)
        self.assertIn("Sunshine Service Case Sheet", html)
        self.assertIn(self.c3.name, html)
        self.assertIn("食堂饭菜价格太贵", html)
        self.assertIn("Zhang San", html, "the center sees the submitter")
        self.assertIn("Supplier contract.", html, "the extension")
        self.assertIn("Dissatisfied", html, "the follow-ups")
        self.assertIn("(reopened)", html)

    def test_case_sheet_masks_submitters(self):
        html = self._html("sunny_service_reports.action_report_sunny_case_sheet", self.c7, self.center_manager)
        self.assertIn("Confidential", html)
        self.assertNotIn("Li Si", html, "a whistle-blower is never printed")
        self.assertNotIn("13900139000", html)
        html = self._html("sunny_service_reports.action_report_sunny_case_sheet", self.c1, self.leadership)
        self.assertNotIn("Zhang San", html, "the leadership sees the submitter masked")
        self.assertIn("Z********", html)
        self.assertIn("138****8000", html)
        with self.assertRaises(AccessError):
            self._html("sunny_service_reports.action_report_sunny_case_sheet", self.c7, self.leadership)

    # ------------------------------------------------------------------ bulletin

    def test_bulletin_pdf(self):
        bulletin = self._bulletin()
        html = self._html("sunny_service_reports.action_report_sunny_bulletin", bulletin, self.leadership)
        self.assertIn("Sunshine Service Monthly Bulletin", html)
        self.assertIn("2026-03", html)
        self.assertIn("62.5%", html, "the on-time reply rate, 5/8")
        self.assertIn("<svg", html, "the trend chart")
        self.assertIn("College of Science", html)
        self.assertIn(self.c4.name, html, "overdue cases are listed")
        self.assertNotIn(self.c7.name, html, "confidential cases are not")
        self.assertNotIn("行贿", html)
        self.assertIn("图书", html)

    def test_empty_bulletin_pdf(self):
        bulletin = self._bulletin(MARCH[0].replace(year=2025), MARCH[1].replace(year=2025))
        html = self._html("sunny_service_reports.action_report_sunny_bulletin", bulletin, self.center_staff)
        self.assertIn("No case was received, answered or followed up in this period.", html)

    # ------------------------------------------------------------------ assessment

    def _assessment(self):
        with freeze_time(COMPUTE_AT):
            assessment = (
                self.env["sunny.assessment"].with_user(self.center_manager).create({"year": 2026, "rank_min_due": 3})
            )
            assessment.action_compute()
        return assessment.with_env(self.env)

    def test_assessment_pdf(self):
        assessment = self._assessment()
        html = self._html("sunny_service_reports.action_report_sunny_assessment", assessment, self.leadership)
        self.assertIn("Sunshine Service Annual Assessment", html)
        self.assertIn("Logistics Department", html)
        self.assertIn(f"{self._line(assessment, self.unit_a).score:.2f}", html)
        self.assertIn("Draft", html)

    def test_assessment_xlsx(self):
        assessment = self._assessment()
        workbook = self._xlsx("sunny_service_reports.action_report_sunny_assessment_xlsx", assessment, self.leadership)
        rows = list(workbook.worksheets[0].iter_rows(values_only=True))
        self.assertIn("2026", rows[0][0])
        header = rows[4]
        self.assertEqual(header[:2], ("Rank", "Unit"))
        body = {row[1]: row for row in rows[5:]}
        line_a = self._line(assessment, self.unit_a)
        self.assertEqual(body["College of Science"][0], line_a.rank)
        self.assertEqual(body["College of Science"][2], 6)
        self.assertAlmostEqual(body["College of Science"][4], 4 / 6, places=4)
        self.assertAlmostEqual(body["College of Science"][13], line_a.score, places=2)
        self.assertEqual(body["Finance Office"][13], "-", "not scored")

    # ------------------------------------------------------------------ register

    def _register(self, user, **vals):
        values = {"date_from": MARCH[0], "date_to": MARCH[1]}
        values.update(vals)
        return self.env["sunny.register.wizard"].with_user(user).create(values)

    def test_register_xlsx(self):
        self.assertEqual(
            self.env["report.sunny_service_reports.report_register_xlsx"].get_workbook_options(),
            {"constant_memory": True},
        )
        wizard = self._register(self.center_manager)
        with patch.object(report_sunny_register_xlsx, "BATCH_SIZE", 2):
            workbook = self._xlsx(
                "sunny_service_reports.action_report_sunny_register_xlsx", wizard, self.center_manager
            )
        self.assertEqual(workbook.sheetnames, ["Teaching", "Logistics", "Uncategorized"])
        rows = {name: list(workbook[name].iter_rows(values_only=True)) for name in workbook.sheetnames}
        teaching = [row for row in rows["Teaching"][4:] if row and row[0]]
        self.assertEqual(
            [row[1] for row in teaching],
            (self.c1 | self.c2 | self.c4).sorted("id").mapped("name"),
            "every case of the category, once, in order, across batches",
        )
        self.assertEqual([row[0] for row in teaching], [1, 2, 3])
        logistics = [row for row in rows["Logistics"][4:] if row and row[0]]
        self.assertEqual(len(logistics), 4)
        header = rows["Teaching"][3]
        by_name = {
            row[1]: dict(zip(header, row, strict=False))
            for rows_ in rows.values()
            for row in rows_[4:]
            if row and row[0]
        }
        self.assertEqual(by_name[self.c3.name]["Extensions"], 1)
        self.assertEqual(by_name[self.c3.name]["Reopened"], 1)
        self.assertEqual(by_name[self.c3.name]["Satisfaction"], "Satisfied")
        self.assertEqual(by_name[self.c5.name]["Returns"], 1)
        self.assertEqual(by_name[self.c5.name]["First-contact Unit"], "Logistics Department")
        self.assertEqual(by_name[self.c7.name]["Submitter"], "Confidential")
        self.assertEqual(by_name[self.c1.name]["Submitter"], "Zhang San · 13800138000")

    def test_register_follows_access_and_filters(self):
        wizard = self._register(self.center_staff, category_ids=[(6, 0, self.logistics.ids)], state_filter="final")
        workbook = self._xlsx("sunny_service_reports.action_report_sunny_register_xlsx", wizard, self.center_staff)
        self.assertEqual(workbook.sheetnames, ["Logistics"])
        names = [row[1] for row in list(workbook["Logistics"].iter_rows(values_only=True))[4:] if row and row[0]]
        self.assertEqual(sorted(names), sorted((self.c3 | self.c5 | self.c6).mapped("name")), "closed ones only")
        # the center staff never get a confidential case
        wizard = self._register(self.center_staff)
        workbook = self._xlsx("sunny_service_reports.action_report_sunny_register_xlsx", wizard, self.center_staff)
        names = [
            row[1]
            for sheet in workbook.worksheets
            for row in list(sheet.iter_rows(values_only=True))[4:]
            if row and row[0]
        ]
        self.assertEqual(len(names), 9)
        self.assertNotIn(self.c7.name, names)

    def test_register_empty_and_inverted(self):
        wizard = self._register(
            self.center_staff, date_from=MARCH[0].replace(year=2025), date_to=MARCH[1].replace(year=2025)
        )
        workbook = self._xlsx("sunny_service_reports.action_report_sunny_register_xlsx", wizard, self.center_staff)
        rows = list(workbook.worksheets[0].iter_rows(values_only=True))
        self.assertIn("No case matches this register.", [row[0] for row in rows if row])
        with self.assertRaisesRegex(ValidationError, "period is inverted"):
            self._register(self.center_staff, date_from=MARCH[1], date_to=MARCH[0])

    def test_bind_volumes(self):
        volumes = self._register(self.center_manager).action_bind_volumes()
        Volume = self.env["sunny.register.volume"]
        bound = Volume.search(volumes["domain"])
        self.assertEqual(len(bound), 3)
        self.assertEqual(set(bound.mapped("state")), {"bound"})
        by_category = {volume.category_id: volume for volume in bound}
        self.assertEqual(by_category[self.teaching].case_ids, self.c1 | self.c2, "c4 is still open")
        self.assertEqual(by_category[self.logistics].case_ids, self.c3 | self.c5 | self.c6)
        self.assertEqual(by_category[self.env["sunny.case.category"]].case_ids, self.c8 | self.c11)
        volume = by_category[self.teaching]
        self.assertEqual(volume.case_count, 2)
        self.assertTrue(volume.attachment_id.raw.startswith(b"PK"), "the XLSX is kept")
        workbook = load_workbook(io.BytesIO(volume.attachment_id.raw), read_only=True)
        names = [row[1] for row in list(workbook.worksheets[0].iter_rows(values_only=True))[4:] if row and row[0]]
        self.assertEqual(sorted(names), sorted((self.c1 | self.c2).mapped("name")))
        # a case is bound once; a bound volume stays
        with self.assertRaisesRegex(UserError, "no archived case"):
            self._register(self.center_manager).action_bind_volumes()
        with self.assertRaises(UserError):
            volume.with_user(self.center_manager).unlink()
        with self.assertRaises(UserError):
            self.c1.with_user(self.center_staff).write({"register_volume_id": False})
