"""Mail of a case: e-mail intake, the chatter of confidential cases, the unit's
to-dos and the approved reply reaching the submitter."""

from markupsafe import Markup

from odoo import Command, api, models, tools
from odoo.tools import html2plaintext, plaintext2html

from ..tools.service_author import service_author


class SunnyCase(models.Model):
    _inherit = "sunny.case"

    def _notify_unit(self, users, subject):
        """Give the officers the case as a to-do (they follow it as its audience says)."""
        self.ensure_one()
        deadline = self.env["sunny.calendar"].local_date(self.reply_deadline)
        for user in users:
            self.activity_schedule(
                "sunny_service.mail_activity_type_case_assigned",
                date_deadline=deadline,
                summary=subject,
                user_id=user.id,
            )

    def _send_reply(self):
        """The approved reply reaches the submitter by a mail linked to no record: to
        their own account when they filed the case logged in, else to the address
        they typed (no contact is created or matched from it). The chatter says it
        was sent, naming nobody."""
        self.ensure_one()
        case = self.sudo()
        recipient = case.partner_id
        email = False if recipient else case.submitter_email
        if recipient or email:
            body = Markup("<p>%s</p>%s") % (
                self.env._("The reply to your case %s:", case.name),
                plaintext2html(case.reply or ""),
            )
            self.env["mail.mail"].sudo().create(
                {
                    "subject": self.env._("Reply to your case %s", case.name),
                    "body_html": body,
                    "recipient_ids": [Command.set(recipient.ids)],
                    "email_to": email,
                    "email_from": self._sunny_mail_from(),
                    "auto_delete": True,
                }
            )
            note = self.env._("The approved reply was sent to the submitter by e-mail.")
        else:
            note = self.env._("The approved reply is on the query page: the submitter gave no e-mail address.")
        case.message_post(body=note, subtype_xmlid="mail.mt_note")

    @api.model
    def _sunny_mail_from(self):
        """The sender of the service's own mails: 教育阳光服务, from the university's
        address when set (see ``tools/service_author.py``)."""
        return service_author(self.env).email_from

    # email intake
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        values = dict(custom_values or {})
        subject = (msg_dict.get("subject") or "").strip()
        body = html2plaintext(msg_dict.get("body") or "").strip()
        email = tools.email_normalize(msg_dict.get("email_from") or "")
        name = tools.parse_contact_from_email(msg_dict.get("email_from") or "")[0]
        values.update(
            {
                # mail.thread would put the subject in the rec_name: keep "/" for a sequence number
                "name": "/",
                "title": subject or self.env._("(no subject)"),
                "content": body or subject or self.env._("(empty message)"),
                "channel": "email",
                "submitter_email": email or False,
                "submitter_name": name or email or False,
            }
        )
        # the sender's address is typed text, not proof of an account: the case
        # belongs to no partner, whoever owns an address like it
        return super(SunnyCase, self.sudo()).message_new(msg_dict, custom_values=values)

    def message_post(self, **kwargs):
        if any(case.is_confidential or case.is_anonymous for case in self):
            kwargs = self._sunny_hide_author(kwargs)
        if kwargs.get("partner_ids") and self:
            # a message names as recipients only people who may hear about the case
            partners = self.env["res.partner"].browse(kwargs["partner_ids"])
            kwargs["partner_ids"] = self._sunny_filter_partners(partners).ids
        # followers come from the audience only: posting makes nobody a follower
        message = super(SunnyCase, self.with_context(mail_create_nosubscribe=True)).message_post(**kwargs)
        if any(case.is_confidential or case.is_anonymous for case in self):
            self._hide_external_authors(message)
        return message

    def _sunny_hide_author(self, kwargs):
        """A message from outside (the submitter's mail or post, the public user)
        on a confidential or anonymous case is posted as the withheld submitter,
        from the service's own address, before anything is stored or sent."""
        Partner = self.env["res.partner"].sudo()
        author = Partner.browse(kwargs["author_id"]) if kwargs.get("author_id") else self.env.user.partner_id
        internal = author in self._sunny_system_partners() or any(
            user.active and not user.share for user in author.user_ids
        )
        if internal and not kwargs.get("email_from"):
            return kwargs
        return dict(
            kwargs,
            author_id=self.env.ref("sunny_service.partner_withheld_submitter").id,
            email_from=self._sunny_mail_from(),
            reply_to=False,
            message_id=tools.mail.generate_tracking_message_id("sunny-hidden"),
        )

    def _hide_external_authors(self, messages=None):
        """On confidential and anonymous cases, messages from outside (the
        submitter's mail, their portal posts) lose author, sender address and the
        provider's message id: officers read the chatter, and the identity stays in
        the identity record only the manager and discipline read."""
        Message = self.env["mail.message"].sudo()
        if messages is None:
            messages = Message.search([("model", "=", self._name), ("res_id", "in", self.ids)])
        if not messages:
            return
        system = self._sunny_system_partners()
        external = messages.sudo().filtered(
            lambda m: m.author_id
            and m.author_id not in system
            and not any(not u.share for u in m.author_id.user_ids)
            or (not m.author_id and m.email_from)
        )
        for message in external:
            message.write(
                {
                    "author_id": False,
                    "email_from": False,
                    "reply_to": False,
                    "message_id": tools.mail.generate_tracking_message_id("sunny-hidden"),
                }
            )

    def _message_get_suggested_recipients(self):
        # the chatter must not reveal a confidential submitter to the unit
        # the chatter proposes no submitter to write to: replies go through review,
        # and a confidential or anonymous submitter is never a recipient of the thread
        if any(case.is_confidential or case.is_anonymous for case in self) or not self._sunny_may_know_submitter():
            return []
        return super()._message_get_suggested_recipients()
