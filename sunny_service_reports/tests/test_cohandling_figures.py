"""协办 in the figures: a co-handling unit's timeliness counts in its bulletin and
assessment lines (协办件数, 协办按时率), while the case, its reply and its
resolution count for the lead unit only (first-contact responsibility).

The month of ``SunnyReportsCommon`` and three more complaints of unit A, assigned
and accepted on Monday 2026-03-02 and given a co-handling unit the same morning
(reply deadlines Thursday 03-05, so opinions due by default at the end of Tuesday
03-03); none of them is answered:
  d1 co-handled by unit C: opinion given 03-03 (on time)
  d2 co-handled by unit C: no opinion (late)
  d3 co-handled by unit B: opinion given 03-04 (late)
"""

import datetime
import io

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.tests import tagged

from .common import COMPUTE_AT, SunnyReportsCommon

OPINION_DUE = datetime.datetime(2026, 3, 3, 15, 59, 59)


@tagged("sunny_cohandling")
class TestCoHandlingFigures(SunnyReportsCommon):
    @classmethod
    def _build_cases(cls):
        result = super()._build_cases()
        a, oa, staff = cls.unit_a, cls.officer_a, cls.center_staff
        for key, title, unit in (
            ("d1", "宿舍调整与住宿费", cls.unit_c),
            ("d2", "实验室耗材报销", cls.unit_c),
            ("d3", "教室空调维修", cls.unit_b),
        ):
            case = cls._create(key, "2026-03-02 01:00:00", title, "complaint", "web")
            cls._assign("2026-03-02 02:00:00", case, a, oa)
            cls._do("2026-03-02 03:00:00", case, oa, "action_accept")
            cls._do("2026-03-02 03:30:00", case, staff, "action_add_co_units", unit.with_user(staff))
        cls._do("2026-03-03 02:00:00", cls.d1.opinion_ids, cls.officer_c, "action_submit", "Finance agrees.")
        cls._do("2026-03-04 02:00:00", cls.d3.opinion_ids, cls.officer_b, "action_submit", "Logistics agrees.")
        return result

    def _assessment(self):
        with freeze_time(COMPUTE_AT):
            assessment = self.env["sunny.assessment"].with_user(self.center_manager).create({"year": 2026})
            assessment.action_compute()
        self.env.invalidate_all()
        return assessment.with_env(self.env)

    def test_opinions_were_due_two_working_days_before_the_reply(self):
        self.assertEqual(set((self.d1 | self.d2 | self.d3).opinion_ids.mapped("deadline")), {OPINION_DUE})

    def test_bulletin_and_assessment_count_co_handling_alike(self):
        bulletin = self._bulletin()
        assessment = self._assessment()
        expected = {
            self.unit_c: {"co_count": 2, "co_due_count": 2, "co_on_time_count": 1, "co_on_time_rate": 0.5},
            self.unit_b: {"co_count": 1, "co_due_count": 1, "co_on_time_count": 0, "co_on_time_rate": 0.0},
            self.unit_a: {"co_count": 0, "co_due_count": 0, "co_on_time_count": 0},
        }
        for unit, figures in expected.items():
            for record in (bulletin, assessment):
                line = self._line(record, unit)
                for figure, value in figures.items():
                    with self.subTest(report=record._name, unit=unit.name, figure=figure):
                        self.assertAlmostEqual(line[figure], value, places=4)
        # no rate, not 0%, for a unit that owed no opinion
        self.env.cr.execute(
            "SELECT co_on_time_rate FROM sunny_assessment_line WHERE id = %s", [self._line(assessment, self.unit_a).id]
        )
        self.assertIsNone(self.env.cr.fetchone()[0])
        # the bulletin's totals are the sum of its lines
        for figure in ("co_count", "co_due_count", "co_on_time_count"):
            self.assertEqual(bulletin[figure], sum(bulletin.line_ids.mapped(figure)), figure)
        self.assertAlmostEqual(bulletin.co_on_time_rate, 1 / 3, places=4)

    def test_the_case_counts_for_the_lead_unit_only(self):
        bulletin = self._bulletin()
        line_c = self._line(bulletin, self.unit_c)
        self.assertEqual(
            (line_c.case_count, line_c.reply_due_count, line_c.resolve_due_count, line_c.overdue_count), (0, 0, 0, 0)
        )
        # the three co-handled cases count for unit A, with the five of the month
        line_a = self._line(bulletin, self.unit_a)
        self.assertEqual(line_a.case_count, 8)
        assessment_c = self._line(self._assessment(), self.unit_c)
        self.assertFalse(assessment_c.scored, "a unit that only co-handled has no reply or resolution to score")

    def test_reports_show_the_co_handling_columns(self):
        Report = self.env["ir.actions.report"].with_user(self.leadership).with_context(lang="en_US")
        for report, record, texts in (
            ("action_report_sunny_bulletin", self._bulletin(), ("On-time Co-handling", "50.0%")),
            ("action_report_sunny_assessment", self._assessment(), ("Co-handled", "50.0%")),
        ):
            html = Report._render_qweb_html(f"sunny_service_reports.{report}", record.ids)[0].decode()
            for text in texts:
                with self.subTest(report=report, text=text):
                    self.assertIn(text, html)

    def test_xlsx_show_the_co_handling_columns(self):
        Report = self.env["ir.actions.report"].with_user(self.leadership).with_context(lang="en_US")
        for report, record, name_column in (
            ("action_report_sunny_bulletin_xlsx", self._bulletin(), 0),
            ("action_report_sunny_assessment_xlsx", self._assessment(), 1),
        ):
            content, _ext = Report._render(f"sunny_service_reports.{report}", record.ids)
            rows = list(load_workbook(io.BytesIO(content), read_only=True).worksheets[0].iter_rows(values_only=True))
            header = rows[4]
            finance = next(row for row in rows[5:] if row and row[name_column] == "Finance Office")
            with self.subTest(report=report):
                self.assertEqual(finance[header.index("Co-handled")], 2)
                self.assertAlmostEqual(finance[header.index("On-time Co-handling Rate")], 0.5, places=4)
