"""The brief of a major-case notice, made by a job right after the notice.

Printing the one-page brief (wkhtmltopdf) takes a second or two: in the request of
the center's click it would make every step of a major case wait for it. The notice
goes out at once, in the recipients' inbox (``_sunny_major_notify``); each notified
step leaves one line here, and the job, triggered in the same transaction, prints the
brief once for the step, attaches it to each notice (one per language) and sends the
e-mails with it. It also runs every few minutes, should a trigger be missed: the
leadership has the brief within minutes, never later than the hour.
"""

import logging

from odoo import Command, api, fields, models

_logger = logging.getLogger(__name__)

BRIEF_BATCH = 20


class SunnyCaseMajorBrief(models.Model):
    """A major-case notice whose brief is still to be printed and mailed."""

    _name = "sunny.case.major.brief"
    _description = "Major Case Brief to Send"
    _order = "id"

    case_id = fields.Many2one("sunny.case", required=True, ondelete="cascade", index=True)
    message_ids = fields.Many2many("mail.message", string="Notices")

    @api.model
    def _sunny_queue(self, case, messages):
        """Queue the brief of ``messages`` (the notices of one step of ``case``) and start the job now."""
        self.sudo().create({"case_id": case.id, "message_ids": [Command.set(messages.ids)]})
        self.env.ref("sunny_service_reports.ir_cron_major_brief").sudo()._trigger()

    @api.model
    def _cron_send(self, batch_size=BRIEF_BATCH):
        """Print, attach and mail the briefs waiting, oldest first, in batches."""
        pending = self.sudo().search([], limit=batch_size)
        for brief in pending:
            brief._sunny_send()
        pending.unlink()
        remaining = self.sudo().search_count([]) if len(pending) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(pending), remaining=remaining)
        return len(pending)

    def _sunny_send(self):
        self.ensure_one()
        case = self.case_id.sudo()
        attachment_of = {}
        try:
            with self.env.cr.savepoint():
                pdf_name, pdf = case._sunny_major_brief_pdf()
        except Exception:  # noqa: BLE001 - the notice reached them; the e-mail goes without the brief
            _logger.exception("The brief of major case %s could not be printed", case.name)
            pdf = None
        Attachment = self.env["ir.attachment"].sudo()
        for message in self.message_ids.sudo():
            if pdf:
                attachment = Attachment.create(
                    {
                        "name": pdf_name,
                        "raw": pdf,
                        "mimetype": "application/pdf",
                        "res_model": "mail.message",
                        "res_id": message.id,
                    }
                )
                message.write({"attachment_ids": [Command.link(attachment.id)]})
                attachment_of[message.id] = attachment
            # the inbox for everyone (see _notify_get_recipients) and an e-mail too
            mailed = message.partner_ids.filtered("email")
            if mailed:
                self.env["mail.mail"].sudo().create(
                    {
                        "subject": message.subject,
                        "body_html": message.body,
                        "recipient_ids": [Command.set(mailed.ids)],
                        "email_from": case._sunny_mail_from(),
                        "attachment_ids": [Command.set(attachment_of[message.id].ids)] if pdf else [],
                        "mail_message_id": message.id,
                        "auto_delete": False,
                    }
                )
