from odoo import models

from ..tools.xlsx import sheet_name


class ReportSunnyBulletinXlsx(models.AbstractModel):
    """月通报 as XLSX: the units' table of the bulletin, with the center's line and
    the total row, for those who work on the figures further."""

    _name = "report.sunny_service_reports.report_bulletin_xlsx"
    _description = "Monthly Bulletin XLSX"
    _inherit = "report.report_xlsx.abstract"

    def generate_xlsx_report(self, workbook, data, records):
        _ = self.env._
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "muted": workbook.add_format({"italic": True, "font_color": "#666666"}),
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "align": "center"}
            ),
            "text": workbook.add_format({"border": 1}),
            "number": workbook.add_format({"border": 1, "num_format": "0"}),
            "percent": workbook.add_format({"border": 1, "num_format": "0.0%"}),
            "total_text": workbook.add_format({"border": 1, "bold": True}),
            "total_number": workbook.add_format({"border": 1, "bold": True, "num_format": "0"}),
            "total_percent": workbook.add_format({"border": 1, "bold": True, "num_format": "0.0%"}),
        }
        # (label, width, count field or (rate field, denominator field))
        columns = [
            (_("Unit"), 26, None),
            (_("Cases"), 8, "case_count"),
            (_("Answered"), 9, "replied_count"),
            (_("Closed"), 8, "closed_count"),
            (_("On-time Reply Rate"), 11, ("reply_on_time_rate", "reply_due_count")),
            (_("On-time Resolution Rate"), 11, ("resolve_on_time_rate", "resolve_due_count")),
            (_("Overdue"), 8, "overdue_count"),
            (_("Extensions"), 9, "extension_count"),
            (_("Returns"), 8, "return_count"),
            (_("Follow-ups"), 9, "followup_count"),
            (_("Satisfaction Rate"), 11, ("satisfaction_rate", "followup_count")),
            (_("Reopened"), 9, "reopen_count"),
            (_("Co-handled"), 9, "co_count"),
            (_("On-time Co-handling Rate"), 11, ("co_on_time_rate", "co_due_count")),
            (_("Requests for Information"), 10, "pause_count"),
            (_("Working Days Waited"), 10, "paused_days"),
            (_("Settle Checks Asked"), 10, "settle_asked_count"),
            (_("Settle Checks Answered"), 10, "settle_answer_count"),
            (_("Settled"), 9, "settled_count"),
            (_("Settle Rate"), 11, ("settle_rate", "settle_answer_count")),
        ]
        taken = set()
        for bulletin in records:
            sheet = workbook.add_worksheet(sheet_name(bulletin._report_filename(), taken))
            sheet.set_landscape()
            sheet.set_paper(9)
            sheet.fit_to_pages(1, 0)
            for index, (_label, width, _field) in enumerate(columns):
                sheet.set_column(index, index, width)
            sheet.write(0, 0, _("Sunshine Service Monthly Bulletin %s", bulletin.name), formats["title"])
            sheet.write(
                1,
                0,
                _(
                    "%(start)s ~ %(end)s · Computed on %(date)s",
                    start=bulletin.date_from,
                    end=bulletin.date_to,
                    date=bulletin._fmt_local(bulletin.computed_date) or "-",
                ),
                formats["muted"],
            )
            sheet.write(
                2,
                0,
                _(
                    "Overdue: missed a reply or resolution deadline due in the period. Satisfaction rate: follow-ups "
                    "rated basically satisfied or better / follow-ups. Center / Not Assigned: cases the center "
                    "answered itself, or returned and not assigned again."
                ),
                formats["muted"],
            )
            if bulletin.computed_date:
                # the received cases (the headline) against the assigned ones (the table)
                sheet.write(3, 0, bulletin._intake_summary())
            sheet.repeat_rows(4)
            for col, (label, _width, _field) in enumerate(columns):
                sheet.write(4, col, label, formats["header"])
            rows = [(line.name, line) for line in bulletin.line_ids]
            row = 5
            for label, line in rows:
                self._write_row(sheet, row, columns, label, line, formats, "")
                row += 1
            totals = dict(
                {
                    # the bulletin's own total, or the sum of its lines for a figure it has not
                    field: bulletin[field] if field in bulletin._fields else sum(bulletin.line_ids.mapped(field))
                    for _label, _width, field in columns
                    if isinstance(field, str)
                },
                case_count=bulletin.assigned_count,
            )
            totals.update(
                {
                    rate: bulletin[rate]
                    for _label, _width, field in columns
                    if isinstance(field, tuple)
                    for rate in field
                }
            )
            self._write_row(sheet, row, columns, _("Total"), totals, formats, "total_")

    def _write_row(self, sheet, row, columns, label, values, formats, prefix):
        sheet.write(row, 0, label, formats[f"{prefix}text"])
        for col, (_label, _width, field) in enumerate(columns[1:], start=1):
            if isinstance(field, tuple):
                rate, denominator = field
                if values[denominator]:
                    sheet.write(row, col, values[rate], formats[f"{prefix}percent"])
                else:
                    sheet.write(row, col, "—", formats[f"{prefix}text"])
            else:
                sheet.write(row, col, values[field], formats[f"{prefix}number"])
