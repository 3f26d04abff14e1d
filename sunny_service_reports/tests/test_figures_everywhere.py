"""Every figure of the bulletin and assessment forms is in their XLSX and PDF too, with
Chinese headers and "—" where a rate has nothing to be taken over, and the bulletin's
headline (cases received) says how it relates to its units' table (cases assigned): the
parts add up, in the figures, the XLSX and the PDF."""

import datetime
import io
import shutil
import subprocess
import tempfile
import unicodedata

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.tests import HttpCase, tagged

from ..models.sunny_bulletin_intake import INTAKE_PARTS
from .common import COMPUTE_AT, SunnyReportsCommon

NO_RATE = "—"
MARCH_2025 = (datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))


@tagged("post_install", "-at_install")
class TestFiguresEverywhere(SunnyReportsCommon, HttpCase):
    """An HttpCase: wkhtmltopdf reads the report's assets from the test server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            ["sunny_service", "sunny_service_reports"], ["zh_CN"], overwrite=True
        )
        a, oa = cls.unit_a, cls.officer_a
        # the demo's month: cases received and not assigned (yet), one received in
        # February and assigned in March, one received in March and assigned in April
        cls.waiting = cls._create("w1", "2026-03-20 01:00:00", "宿舍网络太慢")
        cls.earlier = cls._create("e1", "2026-02-27 01:00:00", "教室投影仪坏了", category=cls.teaching)
        cls._assign("2026-03-02 02:00:00", cls.earlier, a, oa)
        cls.later = cls._create("l1", "2026-03-31 09:00:00", "图书馆空调太冷", category=cls.teaching)
        cls._assign("2026-04-01 01:00:00", cls.later, a, oa)
        # a request for information of unit A, and settle checks of A (settled) and B (not)
        Pause, Settle = cls.env["sunny.case.pause"].sudo(), cls.env["sunny.case.settle"].sudo()
        Pause.create(
            {
                "case_id": cls.c4.id,
                "question": "请说明希望延长到几点。",
                "date": "2026-03-03 02:00:00",
                "state": "answered",
                "date_end": "2026-03-06 02:00:00",
                "days": 3,
            }
        )
        for case, answer, day in ((cls.c1, "yes", "2026-03-07 02:00:00"), (cls.c6, "no", "2026-03-11 02:00:00")):
            Settle.create({"case_id": case.id, "date": day, "answer": answer, "answer_date": day, "method": "online"})
        cls.env.flush_all()
        cls.bulletin = cls._bulletin()

    # ------------------------------------------------------------------ helpers

    def _xlsx(self, report, records, lang="zh_CN"):
        content, extension = (
            self.env["ir.actions.report"]
            .with_user(self.leadership)
            .with_context(lang=lang)
            ._render(report, records.ids)
        )
        self.assertEqual(extension, "xlsx")
        return list(load_workbook(io.BytesIO(content), read_only=True).worksheets[0].iter_rows(values_only=True))

    def _pdf_text(self, report, records, lang="zh_CN"):
        if not (shutil.which("pdftotext") and self.env["ir.actions.report"].get_wkhtmltopdf_state() == "ok"):
            self.skipTest("wkhtmltopdf and pdftotext are needed (scripts/setup.sh installs them)")
        pdf, _type = (
            self.env["ir.actions.report"]
            .with_user(self.leadership)
            .with_context(lang=lang, force_report_rendering=True)
            ._render_qweb_pdf(report, records.ids)
        )
        with tempfile.TemporaryDirectory() as tmp:
            path = f"{tmp}/report.pdf"
            with open(path, "wb") as file:
                file.write(pdf)
            text = subprocess.run(["pdftotext", "-layout", path, "-"], check=True, capture_output=True).stdout
        # the PDF's fonts map some characters to Kangxi radicals (⼯ for 工): NFKC folds them back
        return unicodedata.normalize("NFKC", text.decode())

    def _assessment(self):
        with freeze_time(COMPUTE_AT):
            assessment = (
                self.env["sunny.assessment"].with_user(self.center_manager).create({"year": 2026, "rank_min_due": 3})
            )
            assessment.action_compute()
        self.env.invalidate_all()
        return assessment.with_env(self.env)

    # ------------------------------------------------------------------ the headline adds up

    def test_received_parts_add_up_to_the_headline(self):
        bulletin = self.bulletin
        self.assertEqual(bulletin.case_count, 12, "c1–c8, c10, c11, w1 and l1 were received in March")
        self.assertEqual(
            {field: bulletin[field] for field in INTAKE_PARTS + ("assigned_earlier_count",)},
            {
                "intake_assigned_count": 8,  # c1–c7, c10
                "intake_rejected_count": 1,  # c8
                "intake_waiting_count": 1,  # w1
                "intake_center_count": 1,  # c11
                "intake_cancelled_count": 0,
                "intake_later_count": 1,  # l1, assigned on April 1st
                "assigned_earlier_count": 1,  # e1, received in February
            },
        )
        self.assertEqual(sum(bulletin[field] for field in INTAKE_PARTS), bulletin.case_count)
        self.assertEqual(bulletin.intake_rejected_count, bulletin.rejected_count, "one 不予受理, one number")
        self.assertEqual(bulletin.assigned_count, bulletin.intake_assigned_count + bulletin.assigned_earlier_count)
        self.assertEqual(sum(bulletin.line_ids.mapped("case_count")), bulletin.assigned_count, "the table adds up")
        summary = bulletin.with_context(lang="zh_CN")._intake_summary()
        self.assertEqual(
            summary,
            "受理 12 件：本期交办 8 件、不予受理 1 件、待登记/待交办 1 件、中心直接答复 1 件、期后交办 1 件。"
            "单位表按交办时间统计本期交办的件：共 9 件 = 本期受理 8 件 + 以前受理 1 件。",
        )

    def test_empty_period_has_no_parts(self):
        bulletin = self._bulletin(MARCH_2025[0], MARCH_2025[1])
        self.assertEqual([bulletin[field] for field in INTAKE_PARTS], [0] * len(INTAKE_PARTS))
        self.assertIn("受理 0 件：本期交办 0 件。", bulletin.with_context(lang="zh_CN").intake_summary)

    # ------------------------------------------------------------------ XLSX

    def test_bulletin_xlsx(self):
        bulletin = self.bulletin
        rows = self._xlsx("sunny_service_reports.action_report_sunny_bulletin_xlsx", bulletin)
        self.assertEqual(rows[3][0], bulletin.with_context(lang="zh_CN")._intake_summary())
        header = rows[4]
        for label in (
            "补充材料请求",
            "等待工作日数",
            "落实回访询问数",
            "落实回访答复数",
            "已落实",
            "落实率",
            "协办按时率",
        ):
            self.assertIn(label, header)
        col = {label: index for index, label in enumerate(header)}
        body = {row[0]: row for row in rows[5:] if row and row[0]}
        total = body.pop("合计")
        line_a = self._line(bulletin, self.unit_a)
        science = body["College of Science"]
        self.assertEqual((science[col["补充材料请求"]], science[col["等待工作日数"]]), (1, 3))
        self.assertEqual((line_a.pause_count, line_a.paused_days), (1, 3), "the XLSX shows the lines' figures")
        self.assertEqual(science[col["落实回访答复数"]], 1)
        self.assertAlmostEqual(science[col["落实率"]], 1.0)
        logistics = body["Logistics Department"]
        self.assertEqual(logistics[col["落实率"]], 0, "answered not settled: 0%, not —")
        for label, row in body.items():
            self.assertEqual(row[col["协办按时率"]], NO_RATE, f"{label}: no co-handling opinion due")
        # the center's line has no settle check: no rate
        center = next(row for label, row in body.items() if label not in ("College of Science", "Logistics Department"))
        self.assertEqual(center[col["落实率"]], NO_RATE)
        # every count column adds up to the total row
        for label, index in col.items():
            if index and isinstance(total[index], int) and "率" not in label:
                self.assertEqual(sum(row[index] for row in body.values()), total[index], f"{label} adds up")
        self.assertEqual(total[col["落实回访答复数"]], bulletin.settle_answer_count)
        self.assertAlmostEqual(total[col["落实率"]], 0.5)
        self.assertEqual(total[col["补充材料请求"]], 1)

    def test_assessment_xlsx(self):
        assessment = self._assessment()
        rows = self._xlsx("sunny_service_reports.action_report_sunny_assessment_xlsx", assessment)
        header = rows[4]
        col = {label: index for index, label in enumerate(header)}
        for label in ("补充材料请求", "等待工作日数", "落实回访答复数", "落实率", "协办按时率"):
            self.assertIn(label, col)
        body = {row[1]: row for row in rows[5:]}
        science, finance = body["College of Science"], body["Finance Office"]
        self.assertEqual((science[col["补充材料请求"]], science[col["等待工作日数"]]), (1, 3))
        self.assertAlmostEqual(science[col["落实率"]], 1.0)
        for label in ("落实率", "协办按时率"):
            self.assertEqual(finance[col[label]], NO_RATE, f"{label}: nothing to take it over")
        self.assertEqual(finance[col["补充材料请求"]], 0)

    # ------------------------------------------------------------------ PDF

    def test_bulletin_pdf(self):
        text = self._pdf_text("sunny_service_reports.action_report_sunny_bulletin", self.bulletin)
        flat = "".join(text.split())
        summary = "受理12件：本期交办8件、不予受理1件、待登记/待交办1件、中心直接答复1件、期后交办1件。"
        self.assertIn(unicodedata.normalize("NFKC", summary), flat)
        self.assertIn("共9件=本期受理8件+以前受理1件", flat)
        self.assertIn("落实回访", flat)
        self.assertIn("落实率", flat)
        self.assertIn("合计22150.0%", flat, "asked 2, answered 2, settled 1, 50.0%")

    def test_assessment_pdf(self):
        text = self._pdf_text("sunny_service_reports.action_report_sunny_assessment", self._assessment())
        flat = "".join(text.split())
        for label in ("补充材料请求", "等待工作日数", "落实率"):
            self.assertIn(label, flat)
