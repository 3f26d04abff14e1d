import ast
import datetime
import io

from freezegun import freeze_time
from lxml import etree
from openpyxl import load_workbook

from odoo.tests import tagged
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval, time

from ..models.sunny_report_figures import COUNT_FIGURES
from ..tools.xlsx import sheet_name
from .common import COMPUTE_AT, SunnyReportsCommon

YEAR = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
# figure of the reports -> the same figure on the leadership's scoreboard (sunny.unit)
SCOREBOARD = {
    "case_count": "year_case_count",
    "overdue_count": "year_overdue_count",
    "reply_due_count": "year_reply_due_count",
    "reply_on_time_rate": "year_reply_on_time_rate",
    "resolve_due_count": "year_resolve_due_count",
    "resolve_on_time_rate": "year_resolve_on_time_rate",
    "followup_count": "year_followup_count",
    "satisfaction_rate": "year_satisfaction_rate",
}


@tagged("post_install", "-at_install")
class TestFigures(SunnyReportsCommon):
    """One definition of each figure, whichever report shows it; the columns add up;
    no rate where nothing was due; Chinese labels and file names."""

    def _assessment(self, **vals):
        with freeze_time(COMPUTE_AT):
            assessment = (
                self.env["sunny.assessment"].with_user(self.center_manager).create(dict({"year": 2026}, **vals))
            )
            assessment.action_compute()
        self.env.invalidate_all()
        return assessment.with_env(self.env)

    def _load_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["sunny_service", "sunny_service_reports"], ["zh_CN"], overwrite=True
        )

    # ------------------------------------------------------------------ one definition

    def test_reports_agree(self):
        """For the same unit and period (2026, computed on 1 April), the scoreboard,
        the assessment, a bulletin of the year and the analysis give the same case
        count, overdue count, on-time rates and satisfaction rate. (They used to show
        80% and 66.67% for one unit: the scoreboard averaged the cases' last ratings
        over what the reader may read, the assessment counted follow-ups.)"""
        assessment = self._assessment()
        bulletin = self._bulletin(*YEAR)

        def figures(record, names):
            # the reports store rates with 4 decimals
            return {name: round(record[field], 4) for name, field in names.items()}

        same = dict(zip(SCOREBOARD, SCOREBOARD, strict=True))
        for unit in self.unit_a | self.unit_b | self.unit_c:
            expected = figures(self._line(assessment, unit), same)
            with self.subTest(unit=unit.name):
                if unit != self.unit_c:
                    self.assertEqual(figures(self._line(bulletin, unit), same), expected, "bulletin")
                for reader in (self.leadership, self.center_staff, self.center_manager):
                    with freeze_time(COMPUTE_AT):
                        self.assertEqual(figures(unit.with_user(reader), SCOREBOARD), expected, reader.name)
        line_a = self._line(assessment, self.unit_a)
        self.assertAlmostEqual(
            line_a.satisfaction_rate, 5 / 6, places=4, msg="six follow-ups, five satisfied (c3 twice)"
        )
        self.assertEqual(line_a.overdue_count, 3)

        # the analysis, the manager reading every case: the averages are the same rates
        [(count, overdue, reply, resolve, satisfied, followups)] = (
            self.env["sunny.case.analysis"]
            .with_user(self.center_manager)
            ._read_group(
                [("unit_id", "=", self.unit_a.id)],
                [],
                [
                    "case_count:sum",
                    "overdue:sum",
                    "reply_on_time:avg",
                    "resolve_on_time:avg",
                    "satisfied:avg",
                    "followup_count:sum",
                ],
            )
        )
        self.assertEqual((count, overdue, followups), (line_a.case_count, line_a.overdue_count, line_a.followup_count))
        self.assertAlmostEqual(reply, line_a.reply_on_time_rate, places=4)
        self.assertAlmostEqual(resolve, line_a.resolve_on_time_rate, places=4)
        self.assertAlmostEqual(satisfied, line_a.satisfaction_rate, places=4)

    def test_labels_say_which_definition(self):
        self._load_chinese()
        labels = {
            model: self.env[model].with_context(lang="zh_CN").fields_get(fields, ["string"])
            for model, fields in (
                ("sunny.unit", ["year_satisfaction_rate", "year_overdue_count", "overdue_now_count"]),
                ("sunny.case.analysis", ["satisfied", "overdue"]),
                ("sunny.assessment.line", ["satisfaction_rate", "overdue_count"]),
                ("sunny.bulletin", ["satisfaction_rate", "overdue_count"]),
            )
        }
        for model, fields in labels.items():
            for name, description in fields.items():
                with self.subTest(model=model, field=name):
                    if "satisf" in name:
                        self.assertEqual(description["string"], "满意率（基本满意及以上/回访次数）")
                    elif "now" in name:
                        self.assertEqual(description["string"], "当前超期件数（未办结且已过期限）")
                    else:
                        self.assertIn("超期件数（未在期限内答复或办结）", description["string"])

    # ------------------------------------------------------------------ the columns add up

    def test_bulletin_lines_add_up(self):
        """c11, answered by the center, has no unit: the center's line makes every
        column add up to the bulletin's total, in the form, the PDF and the XLSX."""
        bulletin = self._bulletin()
        center = bulletin.line_ids.filtered(lambda line: not line.unit_id)
        self.assertEqual(len(center), 1)
        self.assertEqual(center.name, "Center / Not Assigned")
        self.assertEqual((center.replied_count, center.followup_count, center.closed_count), (1, 1, 1), "c11")
        self.assertEqual(bulletin.line_ids[-1], center, "after the units")
        totals = dict(bulletin.read(list(set(COUNT_FIGURES) - {"case_count"}))[0], case_count=bulletin.assigned_count)
        for figure in COUNT_FIGURES:
            with self.subTest(figure=figure):
                self.assertEqual(sum(bulletin.line_ids.mapped(figure)), totals[figure])

        html = (
            self.env["ir.actions.report"]
            .with_user(self.leadership)
            .with_context(lang="en_US")
            ._render_qweb_html("sunny_service_reports.action_report_sunny_bulletin", bulletin.ids)[0]
            .decode()
        )
        self.assertIn("<td>Center / Not Assigned</td>", html)

        content, _ext = (
            self.env["ir.actions.report"]
            .with_user(self.leadership)
            ._render("sunny_service_reports.action_report_sunny_bulletin_xlsx", bulletin.ids)
        )
        rows = [
            row for row in load_workbook(io.BytesIO(content), read_only=True).worksheets[0].iter_rows(values_only=True)
        ]
        header = next(row for row in rows if row and row[0] == "Unit")
        start = rows.index(header) + 1
        body = rows[start : start + len(bulletin.line_ids)]
        total = rows[start + len(bulletin.line_ids)]
        self.assertEqual([row[0] for row in body][-1], "Center / Not Assigned")
        self.assertEqual(total[0], "Total")
        for col, label in enumerate(header):
            if label in ("Cases", "Answered", "Closed", "Overdue", "Extensions", "Returns", "Follow-ups", "Reopened"):
                with self.subTest(column=label):
                    self.assertEqual(sum(row[col] for row in body), total[col])

    # ------------------------------------------------------------------ no rate, no 0

    def test_no_rate_where_nothing_was_due(self):
        """A rate with nothing due is NULL in the database and empty or "—" on
        screen and paper, never 0% (nor a rank 0)."""
        bulletin = self._bulletin()
        center = bulletin.line_ids.filtered(lambda line: not line.unit_id)
        self.env.cr.execute(
            SQL(
                "SELECT reply_on_time_rate, resolve_on_time_rate, satisfaction_rate"
                "  FROM sunny_bulletin_line WHERE id = %s",
                center.id,
            )
        )
        self.assertEqual(self.env.cr.fetchone(), (None, None, 1.0), "c11 was followed up, no reply of a unit was due")
        empty = self._bulletin(datetime.date(2025, 6, 1), datetime.date(2025, 6, 30))
        self.env.cr.execute(
            SQL(
                "SELECT reply_on_time_rate, prev_satisfaction_rate FROM sunny_bulletin WHERE id = %s",
                empty.id,
            )
        )
        self.assertEqual(self.env.cr.fetchone(), (None, None))
        self.assertEqual(
            self.env["sunny.report.figures"]._add_rates(dict.fromkeys(COUNT_FIGURES, 0))["reply_on_time_rate"], None
        )

        assessment = self._assessment()
        line_c = self._line(assessment, self.unit_c)
        self.env.cr.execute(
            SQL(
                "SELECT reply_on_time_rate, resolve_on_time_rate, satisfaction_rate, rank, score"
                "  FROM sunny_assessment_line WHERE id = %s",
                line_c.id,
            )
        )
        self.assertEqual(self.env.cr.fetchone(), (None, None, None, None, None))
        html = (
            self.env["ir.actions.report"]
            .with_context(lang="en_US")
            ._render_qweb_html("sunny_service_reports.action_report_sunny_assessment", assessment.ids)[0]
            .decode()
        )
        row = html[html.index("Finance Office") :].split("</tr>")[0]
        self.assertNotIn("0.0%", row)
        self.assertIn("—", row)
        self.assertIn("No case due", row)

        # every rate on screen reads "—" where its denominator is 0, and the pivot
        # of the analysis leaves such a cell empty
        denominators = {
            "reply_on_time_rate": "reply_due_count",
            "resolve_on_time_rate": "resolve_due_count",
            "satisfaction_rate": "followup_count",
            "prev_reply_on_time_rate": "prev_reply_due_count",
            "prev_resolve_on_time_rate": "prev_resolve_due_count",
            "prev_satisfaction_rate": "prev_followup_count",
            "reply_on_time": "reply_due_count",
            "resolve_on_time": "resolve_due_count",
        }
        views = self.env["ir.ui.view"].search(
            [
                (
                    "model",
                    "in",
                    [
                        "sunny.bulletin",
                        "sunny.bulletin.line",
                        "sunny.assessment",
                        "sunny.assessment.line",
                        "sunny.case.analysis",
                    ],
                ),
                ("type", "in", ["list", "form"]),
            ]
        )
        checked = 0
        for view in views:
            for node in etree.fromstring(view.arch).iter("field"):
                name = node.get("name")
                if name in denominators and node.get("widget") == "sunny_rate":
                    # "—" where its denominator is 0 (test_rate_display.py: the widget itself)
                    checked += 1
                    due = ast.literal_eval(node.get("options"))["due_field"]
                    self.assertEqual(due, denominators[name], f"{view.name}: {name}")
        self.assertGreater(checked, 15)
        pivot = self.env.ref("sunny_service_reports.sunny_case_analysis_view_pivot")
        widgets = {node.get("name"): node.get("widget") for node in etree.fromstring(pivot.arch).iter("field")}
        self.assertEqual({widgets[name] for name in ("reply_on_time", "resolve_on_time", "satisfied")}, {"sunny_rate"})

    # ------------------------------------------------------------------ labels in Chinese

    def test_chinese_labels(self):
        self._load_chinese()
        zh = self.env(context=dict(self.env.context, lang="zh_CN"))
        self.assertEqual(zh["sunny.bulletin"].fields_get(["assigned_count"])["assigned_count"]["string"], "交办件数")
        for model, label in (
            ("sunny.unit", "单位名称"),
            ("sunny.case.category", "类别名称"),
            ("sunny.station", "服务站名称"),
            ("sunny.holiday", "节假日名称"),
        ):
            with self.subTest(model=model):
                self.assertEqual(zh[model].fields_get(["name"])["name"]["string"], label)
        # years without a thousands separator wherever a list shows them
        for xmlid in (
            "sunny_service_reports.sunny_assessment_view_list",
            "sunny_service_reports.sunny_assessment_line_view_list",
            "sunny_service_reports.sunny_assessment_view_form",
        ):
            for node in etree.fromstring(self.env.ref(xmlid).arch).iter("field"):
                if node.get("name") == "year":
                    self.assertEqual(node.get("options"), "{'format': false}", xmlid)

    def test_chinese_file_names(self):
        """Downloads are named in the reader's language."""
        self._load_chinese()
        bulletin = self._bulletin()
        assessment = self._assessment()
        register = self.env["sunny.register.wizard"].create({"date_from": "2026-03-01", "date_to": "2026-03-31"})
        zh = self.env(context=dict(self.env.context, lang="zh_CN"))
        for xmlid, record, name in (
            ("action_report_sunny_bulletin", bulletin, "月通报 2026-03"),
            ("action_report_sunny_assessment", assessment, "年度考核 2026"),
            ("action_report_sunny_assessment_xlsx", assessment, "年度考核 2026"),
            ("action_report_sunny_register_xlsx", register, "台账 2026-03-01 ~ 2026-03-31"),
            ("action_report_sunny_case_sheet", self.c1, f"受理交办单 {self.c1.name}"),
        ):
            report = zh.ref(f"sunny_service_reports.{xmlid}")
            with self.subTest(report=xmlid):
                self.assertEqual(
                    safe_eval(report.print_report_name, {"object": record.with_env(zh), "time": time}), name
                )
        content, _ext = zh["ir.actions.report"]._render(
            "sunny_service_reports.action_report_sunny_assessment_xlsx", assessment.ids
        )
        self.assertEqual(load_workbook(io.BytesIO(content), read_only=True).sheetnames, ["年度考核 2026"])

    def test_sheet_names(self):
        taken = set()
        self.assertEqual(sheet_name("后勤 / 食堂", taken), "后勤-食堂", "no three spaces for the slash")
        self.assertEqual(sheet_name("Logistics / Canteen: prices?", taken), "Logistics-Canteen prices")
        self.assertEqual(sheet_name("后勤-食堂", taken), "后勤-食堂 (2)", "unique")
        long = "教学 / " + "课程安排与考试组织管理" * 3
        first, second = sheet_name(long, taken), sheet_name(long, taken)
        self.assertLessEqual(max(len(first), len(second)), 31)
        self.assertNotEqual(first, second)
