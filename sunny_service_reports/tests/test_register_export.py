"""The register (台账) read with SQL, and the large ones written in the background.

The register of March (``common``) is exported live below the threshold of the
settings and by a job above it: the job writes the file as the user who asked
(their record rules, what they may see of submitters), keeps its progress, attaches
the file and tells the user in their inbox; a failure is kept on the job.
"""

import io
import zipfile
from datetime import timedelta
from unittest.mock import patch

import xlsxwriter
from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models.sunny_register_export import BACKGROUND_THRESHOLD
from ..report import report_sunny_register_xlsx
from ..tools.identity import Readers
from ..tools.xlsx import RowWriter
from .common import MARCH, SunnyReportsCommon

REGISTER = "report.sunny_service_reports.report_register_xlsx"


@tagged("post_install", "-at_install")
class TestRegisterExport(SunnyReportsCommon):
    # ------------------------------------------------------------------ helpers

    def _wizard(self, user, **vals):
        values = {"date_from": MARCH[0], "date_to": MARCH[1]}
        values.update(vals)
        return self.env["sunny.register.wizard"].with_user(user).create(values)

    def _rows(self, content):
        """{case number: {column: value}} of a register workbook (every sheet)."""
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        rows = {}
        for sheet in workbook.worksheets:
            values = list(sheet.iter_rows(values_only=True))
            for row in values[4:]:
                if row and row[0]:
                    rows[row[1]] = dict(zip(values[3], row, strict=False))
        return rows

    def _write(self, user, domain):
        """The register of ``domain`` written for ``user`` into memory."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
        report = self.env[REGISTER].with_user(user)
        report._write_register(workbook, "Register", domain, Readers.current_user(report.env))
        workbook.close()
        return output.getvalue()

    def _more_cases(self, count):
        """``count`` ordinary cases more in March, in the categories of the register."""
        with freeze_time("2026-03-20 02:00:00"):
            self.env["sunny.case"].create(
                [
                    {
                        "title": f"图书馆座位 {index}",
                        "content": "Not enough seats.",
                        "category_id": (self.teaching if index % 2 else self.logistics).id,
                        "submitter_name": "Zhang San",
                        "submitter_phone": "13800138000",
                    }
                    for index in range(count)
                ]
            )

    def _set_threshold(self, value):
        self.env["ir.config_parameter"].sudo().set_param(BACKGROUND_THRESHOLD[0], str(value))

    def _exports(self, user):
        return self.env["sunny.register.export"].with_user(user).search([])

    # ------------------------------------------------------------------ read with SQL

    def test_query_count_does_not_grow_with_cases(self):
        """The rows come in batches of SQL: as many queries for 10 cases as for 50,
        whoever exports."""
        domain = self.env["sunny.report.figures"]._received_domain(*MARCH)
        for user in (self.center_manager, self.center_staff):
            self._write(user, domain)  # warm the caches (rules, parameters)
            # the reader's groups (5 references), the categories' count, their names,
            # one batch per category (3)
            with self.assertQueryCount(10):
                self._write(user, domain)
        self._more_cases(40)
        for user in (self.center_manager, self.center_staff):
            self._write(user, domain)
            with self.assertQueryCount(10):
                rows = self._rows(self._write(user, domain))
            self.assertEqual(len(rows), 50 if user == self.center_manager else 49, "c7 for the manager only")
        # a batch more per category when it is full
        with patch.object(report_sunny_register_xlsx, "BATCH_SIZE", 10), self.assertQueryCount(7 + 3 + 3 + 1):
            rows = self._rows(self._write(self.center_manager, domain))
        self.assertEqual(len(rows), 50, "every case once across batches")

    def test_sql_rows_are_the_records(self):
        """What the register prints of each case is what the case holds."""
        domain = self.env["sunny.report.figures"]._received_domain(*MARCH)
        rows = self._rows(self._write(self.center_manager, domain))
        calendar = self.env["sunny.calendar"]
        for case in self.c1 | self.c3 | self.c5 | self.c8:
            row = rows[case.name]
            self.assertEqual(row["Received on"], calendar.format_local(case.received_date), "Beijing time")
            self.assertEqual(row["Reply Deadline"] or "", calendar.format_local(case.reply_deadline))
            self.assertEqual(row["Closed on"] or "", calendar.format_local(case.closed_date))
            self.assertEqual(row["Assigned to"] or "", case.unit_id.name or "")
            self.assertEqual(row["Requested Unit"] or "", case.requested_unit_id.name or "")
            self.assertEqual(row["Title"], case.title)
            self.assertEqual(row["Content"], case.content)
            self.assertEqual(row["Reply"] or "", case.reply or "")
            self.assertEqual(row["Returns"], case.return_count)
        self.assertEqual(rows[self.c7.name]["Supervised"], "Yes")
        self.assertIsNone(rows[self.c1.name]["Supervised"])
        self.assertEqual(rows[self.c3.name]["Extensions"], 1, "the approved one")
        self.assertEqual(rows[self.c10.name]["Extensions"], 0, "a refused one is not counted")

    def test_rows_as_xlsxwriter_writes_them(self):
        """The register's rows are the XML xlsxwriter's own cell writer makes of the
        same values (text, numbers, blanks; escapes, control characters, spaces kept),
        except that text shaped like xlsxwriter's rich-string markup stays text."""
        values = [
            (1, "BK1", "", None, " lead", "trail\n", 'a & b <c> "q"', "_x0041_ raw", "ctl\x01x\x1f", "=SUM(A1)"),
            (2, "http://x.y", "中文\u3000", "\ufffe", 12345678901234, "多行\n文字", "x", "y", "z", 0),
        ]
        sheets = {}
        for fast in (True, False):
            output = io.BytesIO()
            workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
            cell, wrap = workbook.add_format({"border": 1}), workbook.add_format({"text_wrap": True})
            sheet = workbook.add_worksheet()
            sheet.write(0, 0, "title", cell)
            sheet.write(3, 1, "header", wrap)
            writer = RowWriter(sheet, [cell, wrap] * 5)
            self.assertTrue(writer.fast, "constant memory: the rows are written here")
            writer.fast = fast
            writer.write_rows(4, values * 3)
            writer.write_rows(10, values)
            sheet.write(13, 0, "after", cell)
            workbook.close()
            sheets[fast] = zipfile.ZipFile(io.BytesIO(output.getvalue())).read("xl/worksheets/sheet1.xml")
        self.assertEqual(sheets[True], sheets[False])
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
        RowWriter(workbook.add_worksheet(), [None, None]).write_rows(0, [("<r>x</r>", 1)])
        workbook.close()
        rows = list(
            load_workbook(io.BytesIO(output.getvalue()), read_only=True).worksheets[0].iter_rows(values_only=True)
        )
        self.assertEqual(rows, [("<r>x</r>", 1)])

    def test_text_stays_text(self):
        """A visitor's "=…" is printed as they typed it, never run as a formula."""
        self.c1.sudo().write({"title": '=HYPERLINK("http://evil.example","click")'})
        domain = self.env["sunny.report.figures"]._received_domain(*MARCH)
        rows = self._rows(self._write(self.center_manager, domain))
        self.assertEqual(rows[self.c1.name]["Title"], '=HYPERLINK("http://evil.example","click")')

    def test_masked_for_a_reader_who_may_not_see(self):
        """The leadership's stored volume and the unit's officer: masked identity; a
        confidential case's submitter is never written, its words only for those who
        may read it."""
        domain = [("id", "in", (self.c1 | self.c7).ids)]
        report = self.env[REGISTER].with_user(self.center_manager)
        for readers, c1_submitter, c7_title in (
            (Readers.current_user(report.env), "Zhang San · 13800138000", self.c7.title),
            (Readers(report.env, [self.leadership.groups_id]), "Z******** · 138****8000", "Confidential"),
            (Readers(report.env, [self.center_staff.groups_id]), "Zhang San · 13800138000", "Confidential"),
        ):
            output = io.BytesIO()
            workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
            report._write_register(workbook, "Register", domain, readers)
            workbook.close()
            rows = self._rows(output.getvalue())
            self.assertEqual(rows[self.c1.name]["Submitter"], c1_submitter)
            self.assertEqual(rows[self.c7.name]["Submitter"], "Confidential")
            self.assertEqual(rows[self.c7.name]["Title"], c7_title)
            self.assertNotIn("Li Si", repr(rows))

    # ------------------------------------------------------------------ in the background

    def test_small_register_in_the_request(self):
        self._set_threshold(50000)
        action = self._wizard(self.center_staff).action_export()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertFalse(self._exports(self.center_staff))

    def test_large_register_in_the_background(self):
        """Above the threshold: a job, the cron woken up, the file written as the
        requesting user, progress, the file attached, the user told in their inbox."""
        self._set_threshold(5)
        cron = self.env.ref("sunny_service_reports.ir_cron_register_export")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        action = self._wizard(self.center_staff).action_export()
        self.assertEqual(action["res_model"], "sunny.register.export")
        export = self._exports(self.center_staff)
        self.assertEqual(len(export), 1)
        self.assertEqual((export.state, export.progress, export.user_id), ("queued", 0, self.center_staff))
        self.assertEqual(self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), triggers + 1)
        self.assertFalse(self._exports(self.center_manager), "one's own exports only")
        with self.assertRaises(AccessError):
            export.with_user(self.center_manager).read(["name"])

        progress = []
        write = type(export).write

        def spy(records, vals):
            if "progress" in vals:
                progress.append(vals["progress"])
            return write(records, vals)

        with (
            patch.object(report_sunny_register_xlsx, "BATCH_SIZE", 2),
            patch.object(type(export), "write", spy),
        ):
            self.env["sunny.register.export"]._cron_run()
        self.assertEqual((export.state, export.progress, export.case_count), ("done", 100, 9))
        self.assertEqual(progress, sorted(progress), "progress only grows")
        self.assertGreater(len(set(progress)), 3, "batch by batch")
        rows = self._rows(export.attachment_id.raw)
        self.assertEqual(len(rows), 9, "the staff's record rules: no confidential case")
        self.assertNotIn(self.c7.name, rows)
        self.assertEqual(rows[self.c1.name]["Submitter"], "Zhang San · 13800138000")
        # the file is theirs to download
        attachment = export.with_user(self.center_staff).attachment_id
        self.assertTrue(attachment.raw.startswith(b"PK"))
        with self.assertRaises(AccessError):
            export.attachment_id.with_user(self.center_manager).raw  # noqa: B018
        message = self.env["mail.message"].search(
            [
                ("model", "=", export._name),
                ("res_id", "=", export.id),
                ("partner_ids", "in", self.center_staff.partner_id.ids),
            ]
        )
        self.assertEqual(len(message), 1)
        self.assertIn(f"/web/content/{export.attachment_id.id}?download=true", message.body)

    def test_manager_background_masks_whistle_blower(self):
        self._set_threshold(5)
        self._wizard(self.center_manager).action_export()
        self.env["sunny.register.export"]._cron_run()
        export = self._exports(self.center_manager)
        rows = self._rows(export.attachment_id.raw)
        self.assertEqual(len(rows), 10)
        self.assertEqual(rows[self.c7.name]["Submitter"], "Confidential")
        self.assertNotIn("Li Si", repr(rows))

    def test_old_exports_go_with_their_files(self):
        self._set_threshold(5)
        self._wizard(self.center_staff).action_export()
        self.env["sunny.register.export"]._cron_run()
        export = self._exports(self.center_staff)
        attachment = export.attachment_id
        self.env["sunny.register.export"]._gc_exports()
        self.assertTrue(export.exists(), "kept a month")
        export.sudo().date_done -= timedelta(days=31)
        self.env["sunny.register.export"]._gc_exports()
        self.assertFalse(export.exists())
        self.assertFalse(attachment.exists())

    def test_failure_is_kept(self):
        """A job that fails says so (and the user is told); the next one still runs."""
        self._set_threshold(5)
        self._wizard(self.center_staff).action_export()
        self._wizard(self.center_staff, state_filter="final").action_export()
        failing, working = self._exports(self.center_staff).sorted("id")
        with (
            patch.object(type(self.env[REGISTER]), "_write_register", side_effect=RuntimeError("disk full")),
            mute_logger("odoo.addons.sunny_service_reports.models.sunny_register_export"),
        ):
            self.env["sunny.register.export"]._cron_run()
        self.assertEqual(failing.state, "error")
        self.assertIn("could not be written", failing.error)
        self.assertFalse(failing.attachment_id)
        self.assertEqual(working.state, "queued")
        self.env["sunny.register.export"]._cron_run()
        self.assertEqual(working.state, "done")
        self.assertTrue(
            self.env["mail.message"].search_count(
                [("model", "=", failing._name), ("res_id", "=", failing.id), ("subject", "like", "failed")]
            )
        )

    def test_told_in_their_language(self):
        """The inbox message and the register itself are in the requesting user's
        language (Chinese), whoever runs the cron."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["sunny_service", "sunny_service_reports"], ["zh_CN"], overwrite=True
        )
        self.center_staff.lang = "zh_CN"
        self._set_threshold(5)
        self._wizard(self.center_staff).action_export()
        self.env["sunny.register.export"]._cron_run()
        export = self._exports(self.center_staff)
        message = self.env["mail.message"].search([("model", "=", export._name), ("res_id", "=", export.id)])
        self.assertIn("台账已生成", message.subject)
        self.assertIn("您申请导出的台账已生成（共 9 件）", message.body)
        workbook = load_workbook(io.BytesIO(export.attachment_id.raw), read_only=True)
        header = list(workbook.worksheets[0].iter_rows(values_only=True))[3]
        self.assertIn("受理编号", header)
