from odoo import models

from ..tools.identity import Readers, submitter_label
from ..tools.xlsx import sheet_name

BATCH_SIZE = 1000
MAX_CELL = 32000  # Excel holds 32767 characters in a cell


class ReportSunnyRegisterXlsx(models.AbstractModel):
    """台账: one row per case, one sheet per category, for printing and binding.

    Rows are streamed: the workbook runs in xlsxwriter's ``constant_memory`` mode
    and the cases are read category by category in batches of ``BATCH_SIZE``
    (keyset pagination on received date and id), the cache emptied after each
    batch, so memory does not grow with the number of cases."""

    _name = "report.sunny_service_reports.report_register_xlsx"
    _description = "Register XLSX"
    _inherit = "report.report_xlsx.abstract"

    def get_workbook_options(self):
        return {"constant_memory": True}

    def generate_xlsx_report(self, workbook, data, records):
        readers = Readers.current_user(self.env)
        for record in records:
            self._write_register(workbook, record._register_title(), record._register_domain(), readers)

    # ------------------------------------------------------------------ helpers

    def _columns(self):
        """(label, width, wrap) of each column, in order."""
        _ = self.env._
        return [
            (_("No."), 5, False),
            (_("Case Number"), 15, False),
            (_("Received on"), 16, False),
            (_("Channel"), 8, False),
            (_("Type"), 8, False),
            (_("Submitter"), 18, True),
            (_("Submitter Role"), 9, False),
            (_("Title"), 24, True),
            (_("Content"), 48, True),
            (_("Requested Unit"), 14, True),
            (_("Assigned to"), 14, True),
            (_("First-contact Unit"), 14, True),
            (_("Assigned on"), 16, False),
            (_("Reply Deadline"), 16, False),
            (_("First Reply on"), 16, False),
            (_("Resolution Deadline"), 16, False),
            (_("Answered on"), 16, False),
            (_("Reply"), 48, True),
            (_("Closed on"), 16, False),
            (_("Deadline"), 10, False),
            (_("Extensions"), 7, False),
            (_("Returns"), 7, False),
            (_("Reopened"), 7, False),
            (_("Satisfaction"), 10, False),
            (_("Status"), 9, False),
            (_("Supervised"), 7, False),
        ]

    def _write_register(self, workbook, title, domain, readers):
        """Write the cases of ``domain`` the user may read, as ``readers`` (a
        :class:`~..tools.identity.Readers`) may see them."""
        _ = self.env._
        Case = self.env["sunny.case"]
        hidden = _("Confidential")
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format(
                {
                    "bold": True,
                    "bg_color": "#D9E1F2",
                    "border": 1,
                    "text_wrap": True,
                    "valign": "vcenter",
                    "align": "center",
                }
            ),
            "cell": workbook.add_format({"border": 1, "valign": "top"}),
            "wrap": workbook.add_format({"border": 1, "valign": "top", "text_wrap": True}),
            "muted": workbook.add_format({"italic": True, "font_color": "#666666"}),
        }
        selections = {
            field: dict(Case._fields[field]._description_selection(self.env))
            for field in ("channel", "case_type", "submitter_role", "deadline_state", "satisfaction", "state")
        }
        columns = self._columns()

        local = self.env["sunny.calendar"].format_local

        groups = Case._read_group(domain, ["category_id"], ["__count"])
        categories = (
            self.env["sunny.case.category"]
            .with_context(active_test=False)
            .search([("id", "in", [category.id for category, _count in groups if category])])
        )
        counts = {category.id: count for category, count in groups}
        volumes = list(categories) + ([self.env["sunny.case.category"]] if False in counts else [])
        if not volumes:
            sheet = workbook.add_worksheet(_("Register"))
            sheet.write(0, 0, title, formats["title"])
            sheet.write(2, 0, _("No case matches this register."), formats["muted"])
            return

        fetch = [
            "name",
            "received_date",
            "channel",
            "case_type",
            "submitter_role",
            "title",
            "content",
            "requested_unit_id",
            "unit_id",
            "first_unit_id",
            "assigned_date",
            "reply_deadline",
            "first_reply_date",
            "resolve_deadline",
            "replied_date",
            "reply",
            "closed_date",
            "deadline_state",
            "return_count",
            "reopen_count",
            "satisfaction",
            "state",
            "is_important",
            "is_confidential",
            "is_anonymous",
        ]
        taken = set()
        for category in volumes:
            label = category.complete_name or _("Uncategorized")
            sheet = workbook.add_worksheet(sheet_name(label, taken))
            sheet.set_landscape()
            sheet.set_paper(9)
            sheet.fit_to_pages(1, 0)
            sheet.repeat_rows(3)
            sheet.set_header(f"&L{self._escape(title)}&R{self._escape(label)}")
            sheet.set_footer("&C&P / &N")
            for index, (_label, width, _wrap) in enumerate(columns):
                sheet.set_column(index, index, width)
            sheet.write(0, 0, f"{title} · {label}", formats["title"])
            sheet.write(1, 0, _("%s cases", counts[category.id or False]), formats["muted"])
            for col, (column_label, _width, _wrap) in enumerate(columns):
                sheet.write(3, col, column_label, formats["header"])
            row = 4
            cursor = None
            while True:
                batch_domain = domain + [("category_id", "=", category.id or False)]
                if cursor:
                    batch_domain += [
                        "|",
                        ("received_date", ">", cursor[0]),
                        "&",
                        ("received_date", "=", cursor[0]),
                        ("id", ">", cursor[1]),
                    ]
                batch = Case.search_fetch(batch_domain, fetch, order="received_date, id", limit=BATCH_SIZE)
                if not batch:
                    break
                extensions = dict(
                    self.env["sunny.case.extension"]
                    .sudo()
                    ._read_group([("case_id", "in", batch.ids), ("state", "=", "approved")], ["case_id"], ["__count"])
                )
                for case in batch:
                    # a case some reader may not read keeps its row, not its words
                    readable = readers.may_read(case)
                    values = [
                        row - 3,
                        case.name,
                        local(case.received_date),
                        selections["channel"].get(case.channel, ""),
                        selections["case_type"].get(case.case_type, ""),
                        submitter_label(case, readers),
                        selections["submitter_role"].get(case.submitter_role, ""),
                        case.title if readable else hidden,
                        (case.content or "")[:MAX_CELL] if readable else hidden,
                        case.requested_unit_id.name or "",
                        case.unit_id.name or "",
                        case.first_unit_id.name or "",
                        local(case.assigned_date),
                        local(case.reply_deadline),
                        local(case.first_reply_date),
                        local(case.resolve_deadline),
                        local(case.replied_date),
                        (case.reply or "")[:MAX_CELL] if readable else hidden,
                        local(case.closed_date),
                        selections["deadline_state"].get(case.deadline_state, ""),
                        extensions.get(case.sudo(), 0),
                        case.return_count,
                        case.reopen_count,
                        selections["satisfaction"].get(case.satisfaction, ""),
                        selections["state"].get(case.state, ""),
                        _("Yes") if case.is_important else "",
                    ]
                    for col, value in enumerate(values):
                        sheet.write(row, col, value, formats["wrap" if columns[col][2] else "cell"])
                    row += 1
                last = batch[-1]
                cursor = (last.received_date, last.id)
                # keep memory flat: forget what this batch loaded
                self.env.invalidate_all()
                if len(batch) < BATCH_SIZE:
                    break

    @staticmethod
    def _escape(text):
        return (text or "").replace("&", "&&")


class ReportSunnyRegisterVolumeXlsx(models.AbstractModel):
    """The register of one bound volume (same layout), kept with the volume: written
    for the volume's readers, the same whoever binds or prints it."""

    _name = "report.sunny_service_reports.report_register_volume_xlsx"
    _description = "Register Volume XLSX"
    _inherit = "report.sunny_service_reports.report_register_xlsx"

    def generate_xlsx_report(self, workbook, data, records):
        for volume in records:
            self._write_register(
                workbook,
                self.env._("Register volume %s", volume.name),
                [("register_volume_id", "=", volume.id)],
                Readers.of_record(volume),
            )
