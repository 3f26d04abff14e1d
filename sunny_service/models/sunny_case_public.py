"""The case as the public pages and the portal use it: query codes, the public
form, what a submitter may do and see."""
import datetime
import hashlib
import hmac
import ipaddress
import secrets
import unicodedata

from markupsafe import Markup

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

from .sunny_case import SATISFACTION, SUBMITTER_FILE


class SunnyCase(models.Model):
    _inherit = "sunny.case"

    # query codes for people without an account (shown once, stored hashed)
    def _hash_query_code(self, code):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        return hmac.new(secret.encode(), f"{self.id}:{code}".encode(), hashlib.sha256).hexdigest()

    def _new_query_code(self):
        self.ensure_one()
        code = "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _i in range(8))
        self.sudo().query_code_hash = self._hash_query_code(code)
        return code

    def _check_query_code(self, code):
        self.ensure_one()
        stored = self.sudo().query_code_hash
        return bool(stored and code) and hmac.compare_digest(stored, self._hash_query_code(code.strip().upper()))

    @api.model
    def _public_domain(self):
        """Cases anyone may read on /sunny/public."""
        return [
            ("is_published", "=", True), ("is_confidential", "=", False),
            ("allow_publish", "=", True), ("state", "in", ("replied", "closed")),
        ]

    def _public_masked_name(self):
        """The submitter as the public list shows them: 张**, or Anonymous."""
        self.ensure_one()
        name = (self.sudo().submitter_name or "").strip()
        if self.is_anonymous or not name:
            return self.env._("Anonymous")
        return name[0] + "**"

    @api.model
    def _public_totals(self):
        """The home page figures: cases received and answered this year, cases in progress."""
        Calendar = self.env["sunny.calendar"]
        today = Calendar.today()
        start, _end = Calendar.period_bounds(datetime.date(today.year, 1, 1), today)
        Case = self.sudo()
        return {
            "received": Case.search_count([("received_date", ">=", start)]),
            "in_progress": Case.search_count([("state", "in", ("new", "registered", "assigned", "processing", "review"))]),
            "answered": Case.search_count([("state", "in", ("replied", "closed")), ("replied_date", ">=", start)]),
        }

    @api.model
    def _public_needs_screening(self, texts, remote_addr=None, email=None):
        """Whether a public submission hits the center's blocked words (in ``texts``) or
        blocked addresses (the visitor's IP ``remote_addr`` or the ``email`` given)."""
        get = self.env["ir.config_parameter"].sudo().get_param

        def norm(text):
            return unicodedata.normalize("NFKC", text or "").casefold()

        words = [norm(w).strip() for w in (get("sunny_service.blocked_words") or "").splitlines()]
        haystack = norm("\n".join(t or "" for t in texts))
        if any(word and word in haystack for word in words):
            return True
        email = norm(email).strip()
        try:
            address = ipaddress.ip_address(remote_addr) if remote_addr else None
        except ValueError:
            address = None
        for entry in (get("sunny_service.blocked_addresses") or "").splitlines():
            entry = norm(entry).strip()
            if not entry:
                continue
            if "@" in entry:
                if email and (email == entry or (entry.startswith("@") and email.endswith(entry))):
                    return True
                continue
            try:
                network = ipaddress.ip_network(entry, strict=False)
            except ValueError:
                continue
            if address and address.version == network.version and address in network:
                return True
        return False

    @api.model
    def _public_create(self, vals, files=(), remote_addr=None):
        """Create a case sent from the public form. ``vals`` are the validated values of
        the form's whitelist, ``files`` (name, bytes, mimetype) the checked attachments.
        Returns the case and its query code, in plain text this once."""
        vals = dict(vals, channel="web")
        vals["needs_screening"] = self._public_needs_screening(
            [vals.get("title"), vals.get("content"), vals.get("submitter_name")],
            remote_addr=remote_addr, email=vals.get("submitter_email"),
        )
        case = self.sudo().with_context(mail_create_nosubscribe=True).create(vals)
        if files:
            self.env["ir.attachment"].sudo().create([{
                "name": name, "raw": content, "mimetype": mimetype, "description": SUBMITTER_FILE,
                "res_model": self._name, "res_id": case.id,
            } for name, content, mimetype in files])
        if case.needs_screening:
            case.sudo().message_post(body=self.env._(
                "Sent from the public form with a blocked word or from a blocked address: "
                "screen it before registering it."), subtype_xmlid="mail.mt_note")
        return case, case._new_query_code()

    def _public_send_code_mail(self, code, email, base_url):
        """Mail the case number and its query code to the address the visitor gave.
        The mail is linked to no record, so the code reaches no chatter."""
        self.ensure_one()
        body = self.env["ir.qweb"]._render("sunny_service.sunny_code_mail", {
            "case_name": self.name, "code": code, "query_url": f"{base_url}/sunny/query",
            "received": self.received_date,
        })
        company = self.env.company
        return self.env["mail.mail"].sudo().create({
            "subject": self.env._("Your case %s at the Education Sunshine Service", self.name),
            "body_html": body,
            "email_to": email,
            "email_from": company.email_formatted or self.env["ir.mail_server"]._get_default_from_address(),
            "auto_delete": True,
        })

    def _public_add_information(self, text, files=()):
        """The submitter completes their case: a message to the people handling it,
        written by their contact, or by the anonymous public partner when they have
        none or when the case is confidential (the author stays hidden)."""
        self.ensure_one()
        self._check_state(self._OPEN_STATES, self.env._("completed"))
        case = self.sudo()
        author = case.partner_id
        if not author or case.is_confidential:
            author = self.env.ref("base.public_partner")
        body = Markup("<p>%s</p>%s") % (self.env._("Additional information from the submitter:"), plaintext2html(text))
        message = case.message_post(
            body=body, message_type="comment", subtype_xmlid="mail.mt_comment", author_id=author.id,
            attachments=[(name, content) for name, content, _mimetype in files],
        )
        message.attachment_ids.sudo().write({"description": SUBMITTER_FILE})
        return message

    def _public_rate(self, satisfaction, note):
        """The submitter's own follow-up (online): closes the case, or reopens it."""
        self.ensure_one()
        self._check_state(("replied",), self.env._("rated"))
        if satisfaction not in dict(SATISFACTION):
            raise UserError(self.env._("Choose your satisfaction among the five levels."))
        return self._workflow()._record_follow_up(satisfaction, note, "online")

    def _public_cancel(self):
        """The submitter withdraws their case (proof of identity checked by the caller)."""
        self.ensure_one()
        self._check_state(("new", "registered", "assigned", "processing", "review"), self.env._("withdrawn"))
        return self.sudo().action_cancel()

    def _public_attachments(self):
        """The files the submitter sent (from the public pages), not the units' documents."""
        self.ensure_one()
        return self.env["ir.attachment"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "=", self.id), ("description", "=", SUBMITTER_FILE),
        ], order="id")

    def _public_messages(self):
        """The conversation the submitter sees: comments that are not internal notes."""
        self.ensure_one()
        return self.env["mail.message"].sudo().search([
            ("model", "=", self._name), ("res_id", "=", self.id), ("message_type", "in", ("comment", "email")),
            ("subtype_id", "=", self.env.ref("mail.mt_comment").id),
        ], order="id")
