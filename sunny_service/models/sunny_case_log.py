"""Notes a job writes in the chatter of many cases at once (the deadline scan's
催办 and escalation notes): the same messages as ``_message_log_batch`` writes
(internal notes, no notification, signed as asked), inserted in one statement
per thousand notes instead of through ``mail.message.create``, which sanitizes
each body twice and links each message's partners one by one."""

from markupsafe import escape

from odoo import fields, models
from odoo.tools import SQL, split_every
from odoo.tools.mail import generate_tracking_message_id


class SunnyCase(models.Model):
    _inherit = "sunny.case"

    def _sunny_log_batch(self, bodies, author_id=None, email_from=None, partner_ids=()):
        """``_message_log_batch(bodies, author_id=…, email_from=…, partner_ids=…)``
        for a batch of cases: ``bodies`` is {case id: plain text}. Returns nothing."""
        if not self:
            return
        author_id, email_from = self._message_compute_author(author_id, email_from, raise_on_email=False)
        env = self.env
        # as the ORM: the message dated now to the second, created in the transaction's time
        date, now, uid = fields.Datetime.now(), env.cr.now(), env.uid
        common = (
            self._name,
            author_id or None,
            email_from or None,
            "notification",
            True,  # internal
            env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
            generate_tracking_message_id("message-notify"),
            env["mail.thread"]._notify_get_reply_to(default=email_from)[False] or None,
            False,  # no signature: nothing is sent
        )
        # each text sanitized once, as the ORM stores a body (the same text once for all)
        body_field, messages = env["mail.message"]._fields["body"], env["mail.message"]
        sanitized = {}
        rows = []
        for case in self:
            text = bodies.get(case.id, "")
            if text not in sanitized:
                sanitized[text] = body_field.convert_to_column(escape(text), messages) or ""
            rows.append((case.id, sanitized[text]))
        message_ids = []
        for chunk in split_every(1000, rows):
            env.cr.execute(
                SQL(
                    """INSERT INTO mail_message (res_id, body, model, author_id, email_from, message_type,
                                                 is_internal, subtype_id, message_id, reply_to,
                                                 email_add_signature, date, create_uid, write_uid,
                                                 create_date, write_date)
                       VALUES %s RETURNING id""",
                    SQL(", ").join(
                        SQL(
                            "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                            res_id,
                            body,
                            *common,
                            date,
                            uid,
                            uid,
                            now,
                            now,
                        )
                        for res_id, body in chunk
                    ),
                )
            )
            message_ids += [row[0] for row in env.cr.fetchall()]
        if partner_ids:
            for chunk in split_every(5000, [(m, p) for m in message_ids for p in partner_ids]):
                env.cr.execute(
                    SQL(
                        "INSERT INTO mail_message_res_partner_rel (mail_message_id, res_partner_id) VALUES %s",
                        SQL(", ").join(SQL("(%s, %s)", m, p) for m, p in chunk),
                    )
                )
        # what the ORM's create would have invalidated: the cases' threads
        self.invalidate_recordset(["message_ids", "message_needaction", "message_needaction_counter"])
