from odoo import models

from ..models.sunny_assessment import WEIGHTS
from ..tools.xlsx import sheet_name


class ReportSunnyAssessmentXlsx(models.AbstractModel):
    """年度考核 as XLSX: one sheet per assessment, one row per unit."""

    _name = "report.sunny_service_reports.report_assessment_xlsx"
    _description = "Annual Assessment XLSX"
    _inherit = "report.report_xlsx.abstract"

    def generate_xlsx_report(self, workbook, data, records):
        _ = self.env._
        title_format = workbook.add_format({"bold": True, "font_size": 14})
        header = workbook.add_format(
            {
                "bold": True,
                "bg_color": "#D9E1F2",
                "border": 1,
                "text_wrap": True,
                "valign": "vcenter",
                "align": "center",
            }
        )
        text = workbook.add_format({"border": 1})
        number = workbook.add_format({"border": 1, "num_format": "0"})
        percent = workbook.add_format({"border": 1, "num_format": "0.0%"})
        score = workbook.add_format({"border": 1, "num_format": "0.00", "bold": True})
        muted = workbook.add_format({"italic": True, "font_color": "#666666"})
        columns = [
            (_("Rank"), 6),
            (_("Unit"), 24),
            (_("Cases"), 8),
            (_("Replies Due"), 9),
            (_("On-time Reply Rate"), 11),
            (_("Resolutions Due"), 11),
            (_("On-time Resolution Rate"), 11),
            (_("Overdue"), 8),
            (_("Extensions"), 9),
            (_("Returns"), 8),
            (_("Follow-ups"), 9),
            (_("Satisfaction Rate"), 11),
            (_("Reopened"), 9),
            (_("Score"), 8),
            (_("Not Ranked Because"), 24),
            (_("Co-handled"), 9),
            (_("On-time Co-handling Rate"), 11),
            (_("Requests for Information"), 10),
            (_("Working Days Waited"), 10),
            (_("Settle Checks Answered"), 10),
            (_("Settle Rate"), 11),
        ]
        weight_labels = {field: records._fields[field].get_description(self.env)["string"] for field in WEIGHTS}
        taken = set()
        for assessment in records:
            sheet = workbook.add_worksheet(sheet_name(assessment._report_filename(), taken))
            sheet.set_landscape()
            sheet.set_paper(9)
            sheet.fit_to_pages(1, 0)
            sheet.repeat_rows(4)
            for index, (_label, width) in enumerate(columns):
                sheet.set_column(index, index, width)
            sheet.write(0, 0, _("Sunshine Service Annual Assessment %s", assessment.year), title_format)
            state = dict(assessment._fields["state"]._description_selection(self.env))[assessment.state]
            sheet.write(
                1,
                0,
                _(
                    "Status: %(state)s · Computed on %(date)s",
                    state=state,
                    date=assessment._fmt_local(assessment.computed_date) or "-",
                ),
                muted,
            )
            sheet.write(
                2,
                0,
                _("Weights: %s", "; ".join(f"{weight_labels[field]} {assessment[field]:g}" for field in WEIGHTS)),
                muted,
            )
            sheet.write(
                3,
                0,
                _(
                    "Overdue: missed a reply or resolution deadline due in the year. Satisfaction rate: follow-ups "
                    "rated basically satisfied or better / follow-ups. Ranked with at least %s cases due.",
                    assessment.rank_min_due,
                ),
                muted,
            )
            for col, (label, _width) in enumerate(columns):
                sheet.write(4, col, label, header)
            for row, line in enumerate(assessment.line_ids, start=5):
                values = [
                    (line.rank or "-", number if line.rank else text),
                    (line.unit_id.name, text),
                    (line.case_count, number),
                    (line.reply_due_count, number),
                    (
                        line.reply_on_time_rate if line.reply_due_count else "—",
                        percent if line.reply_due_count else text,
                    ),
                    (line.resolve_due_count, number),
                    (
                        line.resolve_on_time_rate if line.resolve_due_count else "—",
                        percent if line.resolve_due_count else text,
                    ),
                    (line.overdue_count, number),
                    (line.extension_count, number),
                    (line.return_count, number),
                    (line.followup_count, number),
                    (line.satisfaction_rate if line.followup_count else "—", percent if line.followup_count else text),
                    (line.reopen_count, number),
                    (line.score if line.scored else "-", score if line.scored else text),
                    (line.rank_note or "", text),
                    (line.co_count, number),
                    (line.co_on_time_rate if line.co_due_count else "—", percent if line.co_due_count else text),
                    (line.pause_count, number),
                    (line.paused_days, number),
                    (line.settle_answer_count, number),
                    (
                        line.settle_rate if line.settle_answer_count else "—",
                        percent if line.settle_answer_count else text,
                    ),
                ]
                for col, (value, cell_format) in enumerate(values):
                    sheet.write(row, col, value, cell_format)
