import logging
import os
import tempfile
import threading
from datetime import timedelta

import xlsxwriter
from markupsafe import Markup

from odoo import api, fields, models

from ..tools.identity import Readers
from ..wizards.sunny_register_wizard import STATE_FILTERS

_logger = logging.getLogger(__name__)

# a register of more cases than this is written by a job, not in the request (0: never)
BACKGROUND_THRESHOLD = ("sunny_service_reports.register_background_threshold", 50000)
# a job still running after this long died with its worker
STALE_AFTER = timedelta(hours=6)
# an export is a copy (the bound volumes are the record): it goes with its file after this
KEEP_FOR = timedelta(days=30)


class SunnyRegisterExport(models.Model):
    """A register (台账) too large to be written in a request: a job the cron writes in
    batches, as the user who asked for it (their record rules, what they may see of
    the submitters), keeping its progress; the file is attached when done and the
    user told in their inbox."""

    _name = "sunny.register.export"
    _description = "Register Export"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(string="File", required=True, readonly=True)
    title = fields.Char(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Requested by",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.user,
    )
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    category_ids = fields.Many2many("sunny.case.category", string="Categories", readonly=True)
    include_subcategories = fields.Boolean(readonly=True)
    state_filter = fields.Selection(
        STATE_FILTERS,
        string="Which Cases",
        default="all",
        required=True,
        readonly=True,
    )
    state = fields.Selection(
        [("queued", "Queued"), ("running", "Running"), ("done", "Ready"), ("error", "Failed")],
        default="queued",
        required=True,
        readonly=True,
        index=True,
    )
    progress = fields.Integer(string="Progress (%)", readonly=True)
    case_count = fields.Integer(string="Cases", readonly=True)
    attachment_id = fields.Many2one("ir.attachment", string="XLSX", readonly=True)
    error = fields.Text(readonly=True)
    date_done = fields.Datetime(string="Finished on", readonly=True)

    # ------------------------------------------------------------------ actions

    def action_download(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": self._download_url(), "target": "self"}

    # ------------------------------------------------------------------ business

    @api.model
    def _background_threshold(self):
        key, default = BACKGROUND_THRESHOLD
        try:
            return max(int(self.env["ir.config_parameter"].sudo().get_param(key, default)), 0)
        except ValueError:
            return default

    @api.model
    def _request(self, wizard):
        """Queue the register of ``wizard`` for its user, wake the cron up, and show
        the user their exports."""
        self.sudo().create(
            {
                "name": wizard._report_filename(),
                "title": wizard._register_title(),
                "user_id": self.env.user.id,
                "date_from": wizard.date_from,
                "date_to": wizard.date_to,
                "category_ids": [(6, 0, wizard.category_ids.ids)],
                "include_subcategories": wizard.include_subcategories,
                "state_filter": wizard.state_filter,
            }
        )
        self.env.ref("sunny_service_reports.ir_cron_register_export")._trigger()
        action = self.env["ir.actions.act_window"]._for_xml_id("sunny_service_reports.sunny_register_export_action")
        action["domain"] = [("user_id", "=", self.env.user.id)]
        action["help"] = Markup("<p>%s</p>") % self.env._(
            "The register is written in the background; you will be told in your inbox when it is ready."
        )
        return action

    def _download_url(self):
        self.ensure_one()
        return f"/web/content/{self.attachment_id.id}?download=true"

    @api.model
    def _cron_run(self):
        """Write the oldest queued export; the cron runs again at once while others wait."""
        stale = self.search([("state", "=", "running"), ("write_date", "<", fields.Datetime.now() - STALE_AFTER)])
        for export in stale:
            export._fail()
        export = self.search([("state", "=", "queued")], order="id", limit=1)
        if export:
            export._run()
        self.env["ir.cron"]._notify_progress(done=len(export), remaining=self.search_count([("state", "=", "queued")]))

    @api.autovacuum
    def _gc_exports(self):
        """Finished exports go with their files a month after they were written."""
        self.search([("state", "in", ("done", "error")), ("date_done", "<", fields.Datetime.now() - KEEP_FOR)]).unlink()

    def _run(self):
        """Write the file as the requesting user; progress committed batch by batch
        (outside tests), a failure kept on the job, never lost."""
        self.ensure_one()
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        self.write({"state": "running", "progress": 0, "error": False})
        self._commit(auto_commit)
        try:
            if auto_commit:
                content = self._write_file(auto_commit)
            else:
                with self.env.cr.savepoint():
                    content = self._write_file(auto_commit)
        except Exception:
            _logger.exception("Register export %s failed", self.id)
            if auto_commit:
                self.env.cr.rollback()
            self.env.invalidate_all()
            self._fail()
            self._commit(auto_commit)
            return
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{self.name}.xlsx",
                    "raw": content,
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                }
            )
        )
        self.write(
            {"state": "done", "progress": 100, "attachment_id": attachment.id, "date_done": fields.Datetime.now()}
        )
        env = self._reader_env()
        _ = env._
        self._notify(
            _("Register ready: %s", self.name),
            Markup("<p>%s</p><p><a href='%s'>%s</a></p>")
            % (
                _("The register you asked for is ready (%s cases).", self.case_count),
                self._download_url(),
                _("Download %s.xlsx", self.name),
            ),
        )
        self._commit(auto_commit)

    def _fail(self):
        _ = self._reader_env()._
        message = _(
            "The register could not be written. Nothing was lost: export it again, and tell the administrator "
            "if it fails again (the server's log says why)."
        )
        self.write({"state": "error", "error": message, "date_done": fields.Datetime.now()})
        self._notify(_("Register export failed: %s", self.name), Markup("<p>%s</p>") % message)

    def _write_file(self, auto_commit):
        """The XLSX bytes of the register, written as the requesting user."""
        env = self._reader_env()
        domain = env["sunny.register.wizard"]._register_domain_of(
            self.date_from,
            self.date_to,
            self.category_ids.with_env(env),
            self.include_subcategories,
            self.state_filter,
        )
        report = env["report.sunny_service_reports.report_register_xlsx"]
        state = {"progress": 0}

        def progress(done, total):
            percent = min(99, done * 100 // max(total, 1))
            if percent != state["progress"] or not self.case_count:
                state["progress"] = percent
                self.write({"progress": percent, "case_count": total})
                self._commit(auto_commit)

        with tempfile.TemporaryDirectory(prefix="sunny_register_") as tmpdir:
            path = os.path.join(tmpdir, "register.xlsx")
            workbook = xlsxwriter.Workbook(path, dict(report.get_workbook_options(), tmpdir=tmpdir))
            report._write_register(workbook, self.title, domain, Readers.current_user(env), progress=progress)
            workbook.close()
            with open(path, "rb") as file:
                return file.read()

    def _reader_env(self):
        """The requesting user's environment, in their language."""
        user = self.user_id
        lang = next(iter(self.env["sunny.calendar"].langs_of(user.partner_id)))
        return self.with_user(user).with_context(lang=lang, tz=user.tz).env

    def _notify(self, subject, body):
        self.with_context(lang=self._reader_env().lang).message_notify(
            partner_ids=self.user_id.partner_id.ids,
            subject=subject,
            body=body,
            email_layout_xmlid="mail.mail_notification_light",
        )

    def _commit(self, auto_commit):
        # A register of a million cases takes minutes: its progress and its end are
        # committed as they happen (the user watches them), as mail commits the mails
        # it sends (mail.mail._send, auto_commit); never in tests.
        if auto_commit:
            self.env.cr.commit()  # pylint: disable=invalid-commit
