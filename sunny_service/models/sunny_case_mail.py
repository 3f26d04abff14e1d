"""Mail of a case: e-mail intake, the chatter of confidential cases, the unit's
to-dos and the approved reply reaching the submitter."""
from odoo import api, models, tools
from odoo.tools import html2plaintext


class SunnyCase(models.Model):
    _inherit = "sunny.case"

    def _notify_unit(self, users, subject):
        """Give the officers the case as a to-do and make them followers."""
        self.ensure_one()
        self.message_subscribe(partner_ids=users.partner_id.ids)
        for user in users:
            self.activity_schedule(
                "mail.mail_activity_data_todo", date_deadline=self.reply_deadline and self.reply_deadline.date(),
                summary=subject, user_id=user.id,
            )

    def _send_reply(self):
        """The approved reply reaches the submitter (by mail when an address is known)."""
        self.ensure_one()
        body = self.env._("Reply to your case %(case)s:\n%(reply)s", case=self.name, reply=self.reply)
        partner = self.partner_id
        if not partner and self.submitter_email and not self.is_anonymous:
            partner = self.env["res.partner"].sudo().find_or_create(self.submitter_email)
            self.partner_id = partner
        if not self.is_confidential:
            self.message_post(
                body=body, subtype_xmlid="mail.mt_comment", message_type="comment",
                partner_ids=partner.ids if partner else [],
            )
            return
        # a confidential submitter stays hidden from the unit: a private notification
        # to them, and a note without recipients in the chatter
        if partner:
            self.message_notify(partner_ids=partner.ids, body=body, subject=self.name)
        self.message_post(body=self.env._("The approved reply was sent to the submitter."),
                          subtype_xmlid="mail.mt_note")

    # email intake
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        values = dict(custom_values or {})
        subject = (msg_dict.get("subject") or "").strip()
        body = html2plaintext(msg_dict.get("body") or "").strip()
        email = tools.email_normalize(msg_dict.get("email_from") or "")
        name = tools.parse_contact_from_email(msg_dict.get("email_from") or "")[0]
        values.update({
            # mail.thread would put the subject in the rec_name: keep "/" for a sequence number
            "name": "/",
            "title": subject or self.env._("(no subject)"),
            "content": body or subject or self.env._("(empty message)"),
            "channel": "email",
            "submitter_email": email or False,
            "submitter_name": name or email or False,
        })
        if msg_dict.get("author_id"):
            values["partner_id"] = msg_dict["author_id"]
        return super(SunnyCase, self.sudo()).message_new(msg_dict, custom_values=values)

    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        if any(case.is_confidential for case in self):
            self._hide_external_authors(message)
        return message

    def _hide_external_authors(self, messages=None):
        """On confidential cases, messages from outside (the submitter's mail, their
        portal posts) lose author and sender address: officers read the chatter, and
        the identity stays in the case fields only the manager and discipline read."""
        Message = self.env["mail.message"].sudo()
        if messages is None:
            messages = Message.search([("model", "=", self._name), ("res_id", "in", self.ids)])
        external = messages.sudo().filtered(
            lambda m: m.author_id and not any(not u.share for u in m.author_id.user_ids)
            or (not m.author_id and m.email_from))
        if external:
            external.write({"author_id": False, "email_from": False, "reply_to": False})

    def _message_get_suggested_recipients(self):
        # the chatter must not reveal a confidential submitter to the unit
        if not self._may_see_identity() and any(case.is_confidential for case in self):
            return []
        return super()._message_get_suggested_recipients()
