from collections import namedtuple

from odoo import models
from odoo.tools import SQL

from ..tools.identity import Readers, submitter_text
from ..tools.xlsx import RowWriter, sheet_name

BATCH_SIZE = 1000
MAX_CELL = 32000  # Excel holds 32767 characters in a cell


class ReportSunnyRegisterXlsx(models.AbstractModel):
    """台账: one row per case, one sheet per category, for printing and binding.

    Rows are streamed: the workbook runs in xlsxwriter's ``constant_memory`` mode
    and the cases are read category by category in batches of ``BATCH_SIZE``
    (keyset pagination on received date and id) with SQL, from the query the ORM
    builds for the register's domain (``_search``: the record rules of the user), so
    no record is loaded and memory does not grow with the number of cases."""

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

    def _write_register(self, workbook, title, domain, readers, progress=None):
        """Write the cases of ``domain`` the user may read, as ``readers`` (a
        :class:`~..tools.identity.Readers`) may see them. ``progress``, when given, is
        called with the number of rows written so far and the total after each batch."""
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

        total = sum(counts.values())
        written = 0
        timezone = self.env["sunny.calendar"].tz().zone
        channels, case_types, roles = selections["channel"], selections["case_type"], selections["submitter_role"]
        deadline_states, satisfactions, states = (
            selections["deadline_state"],
            selections["satisfaction"],
            selections["state"],
        )
        yes = _("Yes")
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
            writer = RowWriter(sheet, [formats["wrap" if column[2] else "cell"] for column in columns])
            row = 4
            # the ORM's own query: the record rules of the user, nothing else
            query = Case._search(domain + [("category_id", "=", category.id or False)])
            cursor = None
            while True:
                rows = self._fetch_rows(query, timezone, cursor)
                values = []
                for number, case in enumerate(rows, start=row - 3):
                    # a case some reader may not read keeps its row, not its words
                    readable = readers.may_read(case)
                    values.append(
                        (
                            number,
                            case.name,
                            case.received,
                            channels.get(case.channel, ""),
                            case_types.get(case.case_type, ""),
                            submitter_text(
                                case.is_confidential,
                                case.is_anonymous,
                                case.submitter_name,
                                case.submitter_phone,
                                readers,
                            ),
                            roles.get(case.submitter_role, ""),
                            case.title if readable else hidden,
                            case.content if readable else hidden,
                            case.requested_unit,
                            case.unit,
                            case.first_unit,
                            case.assigned,
                            case.reply_deadline,
                            case.first_reply,
                            case.resolve_deadline,
                            case.replied,
                            case.reply if readable else hidden,
                            case.closed,
                            deadline_states.get(case.deadline_state, ""),
                            case.extensions,
                            case.return_count or 0,
                            case.reopen_count or 0,
                            satisfactions.get(case.satisfaction, ""),
                            states.get(case.state, ""),
                            yes if case.is_important else "",
                        )
                    )
                writer.write_rows(row, values)
                row += len(values)
                written += len(rows)
                if progress:
                    progress(written, total)
                if len(rows) < BATCH_SIZE:
                    break
                cursor = (rows[-1].received_date, rows[-1].id)

    def _fetch_rows(self, query, timezone, cursor):
        """The next ``BATCH_SIZE`` cases of ``query`` (the ORM's query of the
        register's domain, record rules included) after ``cursor`` (received date,
        id), as rows of the values the register prints: unit names joined, dates on
        the university's clock, the identity as stored (:func:`submitter_text` masks
        it), the approved extensions counted."""
        Case = self.env["sunny.case"]
        Case.flush_model()
        self.env["sunny.case.identity"].flush_model()
        self.env["sunny.case.extension"].flush_model(["case_id", "state"])
        self.env["sunny.unit"].flush_model(["name"])
        table = query.table

        def column(name):
            return SQL.identifier(table, name)

        def local(name):
            return SQL(
                "to_char(timezone(%s, timezone('UTC', %s)), 'YYYY-MM-DD HH24:MI')",
                timezone,
                column(name),
            )

        where = [query.where_clause] if query.where_clause else []
        if cursor:
            where.append(SQL("(%s, %s) > (%s, %s)", column("received_date"), column("id"), *cursor))
        self.env.cr.execute(
            SQL(
                """SELECT %(id)s AS id, %(name)s AS name, %(received_date)s AS received_date,
                          %(received)s AS received, %(channel)s AS channel, %(case_type)s AS case_type,
                          %(is_confidential)s AS is_confidential, %(is_anonymous)s AS is_anonymous,
                          reg_identity.name AS submitter_name, reg_identity.phone AS submitter_phone,
                          %(submitter_role)s AS submitter_role, %(title)s AS title,
                          left(%(content)s, %(max)s) AS content,
                          reg_requested.name AS requested_unit, reg_unit.name AS unit,
                          reg_first.name AS first_unit,
                          %(assigned)s AS assigned, %(reply_deadline)s AS reply_deadline,
                          %(first_reply)s AS first_reply, %(resolve_deadline)s AS resolve_deadline,
                          %(replied)s AS replied, left(%(reply)s, %(max)s) AS reply, %(closed)s AS closed,
                          %(deadline_state)s AS deadline_state,
                          (SELECT count(*) FROM sunny_case_extension reg_extension
                            WHERE reg_extension.case_id = %(id)s AND reg_extension.state = 'approved') AS extensions,
                          %(return_count)s AS return_count, %(reopen_count)s AS reopen_count,
                          %(satisfaction)s AS satisfaction, %(state)s AS state, %(is_important)s AS is_important
                     FROM %(from)s
                LEFT JOIN sunny_case_identity reg_identity ON reg_identity.case_id = %(id)s
                LEFT JOIN sunny_unit reg_requested ON reg_requested.id = %(requested_unit_id)s
                LEFT JOIN sunny_unit reg_unit ON reg_unit.id = %(unit_id)s
                LEFT JOIN sunny_unit reg_first ON reg_first.id = %(first_unit_id)s
                    WHERE %(where)s
                 ORDER BY %(received_date)s, %(id)s
                    LIMIT %(limit)s""",
                id=column("id"),
                name=column("name"),
                received_date=column("received_date"),
                received=local("received_date"),
                channel=column("channel"),
                case_type=column("case_type"),
                is_confidential=column("is_confidential"),
                is_anonymous=column("is_anonymous"),
                submitter_role=column("submitter_role"),
                title=column("title"),
                content=column("content"),
                max=MAX_CELL,
                assigned=local("assigned_date"),
                reply_deadline=local("reply_deadline"),
                first_reply=local("first_reply_date"),
                resolve_deadline=local("resolve_deadline"),
                replied=local("replied_date"),
                reply=column("reply"),
                closed=local("closed_date"),
                deadline_state=column("deadline_state"),
                return_count=column("return_count"),
                reopen_count=column("reopen_count"),
                satisfaction=column("satisfaction"),
                state=column("state"),
                is_important=column("is_important"),
                requested_unit_id=column("requested_unit_id"),
                unit_id=column("unit_id"),
                first_unit_id=column("first_unit_id"),
                **{"from": query.from_clause},
                where=SQL(" AND ").join(where) if where else SQL("TRUE"),
                limit=BATCH_SIZE,
            )
        )
        names = [description.name for description in self.env.cr.description]
        Row = namedtuple("RegisterRow", names)
        return [Row._make(values) for values in self.env.cr.fetchall()]

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
