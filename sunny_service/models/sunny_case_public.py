"""The case as the public pages and the portal use it: query codes, the public
form, what a submitter may do and see."""

import datetime
import hashlib
import hmac
import ipaddress
import secrets
import unicodedata

from markupsafe import Markup
from psycopg2 import errors as pgerrors

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError
from odoo.tools import plaintext2html

from ..tools.service_author import service_author, submitter_author
from .sunny_case import ANSWERED_STATES, CANCELLABLE_STATES, SATISFACTION, SUBMITTER, SUBMITTER_FILE

# the prefix of a query code hashed with the case's number (older ones: with its id)
QUERY_CODE_BY_NUMBER = "n$"


class SunnyCase(models.Model):
    _inherit = "sunny.case"

    # The nonce of the public form a case came from: one form gives one case, however
    # many times (and however simultaneously) it is posted. The database, not a search,
    # decides: see _public_create.
    submission_token = fields.Char(copy=False, readonly=True, groups="base.group_system")

    _sql_constraints = [
        ("submission_token_unique", "unique(submission_token)", "This form was already sent."),
    ]

    # ------------------------------------------------------------------ portal access

    def _portal_ensure_token(self):
        # An access token is no proof of being the submitter: anyone who may read the case
        # (units, the leadership) could read it. Only Odoo's own code, as superuser, makes
        # one (portal notifications); no route of this addon accepts it.
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "Cases are not shared by link: the submitter follows a case with their account "
                    "or with its query code."
                )
            )
        return super()._portal_ensure_token()

    def get_portal_url(self, suffix=None, report_type=None, download=None, query_string=None, anchor=None):
        """The case's portal address, without an access token (see _portal_ensure_token):
        it opens the case only for its submitter, logged in."""
        self.ensure_one()
        query = "&".join(
            filter(
                None,
                [
                    report_type and f"report_type={report_type}",
                    download and "download=true",
                    (query_string or "").lstrip("&?"),
                ],
            )
        )
        return "{}{}{}{}".format(self.access_url, suffix or "", query and f"?{query}", anchor and f"#{anchor}" or "")

    def _get_share_url(self, redirect=False, signup_partner=False, pid=None, share_token=True):
        # links in mails and the share wizard never carry a token either
        return super()._get_share_url(redirect=redirect, signup_partner=signup_partner, pid=pid, share_token=False)

    @api.model
    def _get_thread_with_access(self, thread_id, mode="read", **kwargs):
        # The chatter routes accept a token or a signed partner link in place of access
        # rights, and post in the submitter's name with them: a case's chatter is only
        # for those who may read the case (its submitter through the portal rule).
        return super()._get_thread_with_access(thread_id, mode)

    # ------------------------------------------------------------------ the submitter

    def _sunny_submitter_may(self, action):
        """Whether the case's state lets its submitter take ``action`` (WORKFLOW):
        the public pages show the submitter's actions from the same table."""
        self.ensure_one()
        entry = self._sunny_entry(action)
        return bool(entry and SUBMITTER in entry[1])

    def _public_hides_submitter(self):
        """Whether the submitter stays unknown to the case's readers: anonymous or confidential."""
        self.ensure_one()
        return self.is_anonymous or self.is_confidential

    def _flush_as_submitter(self):
        """Write what the submitter's action left to compute now, in the actor's name:
        a later flush would sign the computed fields with the logged-in user (write_uid)."""
        self.env.flush_all()

    def _as_submitter(self):
        """The case as the public pages and the portal change it for its submitter: as
        superuser, never subscribing them; when the submitter stays hidden, in the name of
        the public user, so that no author, follower, create or write user of what they
        do names the logged-in person behind an anonymous or confidential case."""
        self.ensure_one()
        case = self.with_context(mail_create_nosubscribe=True, mail_post_autofollow=False)
        if self._public_hides_submitter():
            return case.with_user(self.env.ref("base.public_user")).sudo()
        return case.sudo()

    # query codes for people without an account (shown once, stored hashed)
    def _hash_query_code(self, code, number=None):
        """The stored form of a query code: an HMAC, with the database's secret, of the
        case's number (``number``, else the case's) and the code. The number is drawn
        before the case is stored, so that the public form stores the case and its
        hashed code in one INSERT. Codes stored before 2026-12 are bound to the case's
        id instead (:meth:`_hash_query_code_by_id`)."""
        if number is None:
            self.ensure_one()
            number = self.name
        return QUERY_CODE_BY_NUMBER + self._query_code_hmac(f"{number}:{code}")

    def _hash_query_code_by_id(self, code):
        """How a query code was stored before 2026-12: bound to the case's id."""
        self.ensure_one()
        return self._query_code_hmac(f"{self.id}:{code}")

    def _query_code_hmac(self, message):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()

    @api.model
    def _new_code(self):
        return "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _i in range(8))

    def _new_query_code(self):
        self.ensure_one()
        code = self._new_code()
        self.sudo().query_code_hash = self._hash_query_code(code)
        return code

    def _check_query_code(self, code):
        self.ensure_one()
        stored = self.sudo().query_code_hash
        if not (stored and code):
            return False
        code = code.strip().upper()
        if stored.startswith(QUERY_CODE_BY_NUMBER):
            return hmac.compare_digest(stored, self._hash_query_code(code))
        return hmac.compare_digest(stored, self._hash_query_code_by_id(code))

    @api.model
    def _public_domain(self):
        """Cases anyone may read on /sunny/public."""
        return [
            ("is_published", "=", True),
            ("is_confidential", "=", False),
            ("allow_publish", "=", True),
            ("state", "in", ANSWERED_STATES),
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
            "in_progress": Case.search_count([("state", "in", CANCELLABLE_STATES)]),
            "answered": Case.search_count([("state", "in", ANSWERED_STATES), ("replied_date", ">=", start)]),
        }

    @api.model
    def _public_form_choices(self):
        """The categories and units a visitor chooses from on the public form, the same
        for every visitor: ``{"categories": ((id, name), ...), "units": (...)}``, read
        once per worker and read again after any change of a category or a unit
        (sunny.cache.mixin)."""
        return self._public_form_choices_cached(self.env.lang)

    @tools.ormcache("lang")
    def _public_form_choices_cached(self, lang):
        env = self.env(context=dict(self.env.context, lang=lang), su=True)
        categories = env["sunny.case.category"].search_fetch([("is_public", "=", True)], ["complete_name"])
        units = env["sunny.unit"].search_fetch([], ["name"])
        return {
            "categories": tuple((category.id, category.complete_name) for category in categories),
            "units": tuple((unit.id, unit.name) for unit in units),
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
    def _public_create(self, vals, files=(), remote_addr=None, submission_token=None):
        """Create a case sent from the public form. ``vals`` are the validated values of
        the form's whitelist, ``files`` (name, bytes, mimetype) the checked attachments,
        ``submission_token`` the form's nonce. Returns the case and its query code, in
        plain text this once; or an empty case and None when a case was already made
        from this form (a double click: two posts at the same time)."""
        vals = dict(vals, channel="web")
        if vals.get("is_anonymous"):
            # an anonymous submitter keeps only the number and the query code
            vals.pop("partner_id", None)
        vals["needs_screening"] = self._public_needs_screening(
            [vals.get("title"), vals.get("content"), vals.get("submitter_name")],
            remote_addr=remote_addr,
            email=vals.get("submitter_email"),
        )
        Case = self.with_context(mail_create_nosubscribe=True, mail_post_autofollow=False)
        if vals.get("is_anonymous") or self.sudo().new(vals).is_confidential:
            # the creation message, the files and the case itself are the public user's,
            # not those of the account the person is logged in with
            Case = Case.with_user(self.env.ref("base.public_user"))
        Case = Case.sudo()
        code = self._new_code()
        # The case's INSERT stores its number, its hashed query code and the form's
        # nonce, which claims the form: a concurrent post of the same form, which no
        # search would see before it commits, fails on the nonce's unique index (the
        # failed INSERT is expected there, not logged as an error).
        Case._assign_numbers([vals])
        vals.update(
            query_code_hash=self._hash_query_code(code, vals["name"]),
            submission_token=submission_token or None,
        )
        try:
            with self.env.cr.savepoint(), tools.mute_logger("odoo.sql_db"):
                case = Case.create(vals)
        except pgerrors.UniqueViolation as error:
            if error.diag.constraint_name != "sunny_case_submission_token_unique":
                raise
            return self.browse(), None
        if files:
            Case.env["ir.attachment"].create(
                [
                    {
                        "name": name,
                        "raw": content,
                        "mimetype": mimetype,
                        "description": SUBMITTER_FILE,
                        "res_model": self._name,
                        "res_id": case.id,
                    }
                    for name, content, mimetype in files
                ]
            )
        if case.needs_screening:
            case.message_post(
                body=self.env._(
                    "Sent from the public form with a blocked word or from a blocked address: "
                    "screen it before registering it."
                ),
                subtype_xmlid="mail.mt_note",
                author_id=service_author(self.env).partner.id,
            )
        case._flush_as_submitter()
        return case, code

    def _public_send_code_mail(self, code, email, base_url):
        """Mail the case number and its query code to the address the visitor gave.
        The mail is linked to no record, so the code reaches no chatter."""
        self.ensure_one()
        body = self.env["ir.qweb"]._render(
            "sunny_service.sunny_code_mail",
            {
                "case_name": self.name,
                "code": code,
                "query_url": f"{base_url}/sunny/query",
                "received": self.received_date,
            },
        )
        signature = service_author(self.env)
        return (
            self.env["mail.mail"]
            .sudo()
            .create(
                {
                    "subject": self.env._("Your case %s at the Education Sunshine Service", self.name),
                    "body_html": body,
                    "email_to": email,
                    "author_id": signature.partner.id,
                    "email_from": signature.email_from,
                    "auto_delete": True,
                }
            )
        )

    def _public_add_information(self, text, files=()):
        """The submitter completes their case: a message to the people handling it,
        written by their contact, or by "提交人" when they have none (never by the
        superuser's OdooBot), or by the withheld submitter when they stay hidden
        (anonymous or confidential case). The author never becomes a follower."""
        self.ensure_one()
        self._sunny_gate("add_information")
        case = self._as_submitter()
        submitter = submitter_author(self.env)
        author = case.partner_id
        if not author or case._public_hides_submitter():
            author = submitter.partner
        body = Markup("<p>%s</p>%s") % (self.env._("Additional information from the submitter:"), plaintext2html(text))
        message = case.message_post(
            body=body,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=author.id,
            # "提交人" writes from the service's address: none of the logged-in person's
            email_from=submitter.email_from if author == submitter.partner else None,
            attachments=[(name, content) for name, content, _mimetype in files],
        )
        message.attachment_ids.sudo().write({"description": SUBMITTER_FILE})
        case._flush_as_submitter()
        return message

    def _public_rate(self, satisfaction, note):
        """The submitter's own follow-up (online): closes the case, or reopens it."""
        self.ensure_one()
        self._sunny_gate("rate")
        if satisfaction not in dict(SATISFACTION):
            raise UserError(self.env._("Choose your satisfaction among the five levels."))
        case = self._as_submitter()
        result = case._record_follow_up(satisfaction, note, "online")
        case._flush_as_submitter()
        return result

    def _public_cancel(self):
        """The submitter withdraws their case (proof of identity checked by the caller)."""
        self.ensure_one()
        self._sunny_gate("cancel")
        case = self._as_submitter()
        result = case.action_cancel()
        case._flush_as_submitter()
        return result

    def _public_attachments(self):
        """The files the submitter sent (from the public pages), not the units' documents."""
        self.ensure_one()
        return (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("description", "=", SUBMITTER_FILE),
                ],
                order="id",
            )
        )

    def _public_messages(self):
        """The conversation the submitter sees: the comments (not internal notes) of
        the submitter and of the center. A unit's comment does not reach them: what
        a unit tells the submitter goes through the center's review."""
        self.ensure_one()
        roles = self._sunny_role_users()
        authors = (
            (roles["staff"] | roles["discipline"]).partner_id
            | self.sudo().partner_id
            | self.env.ref("base.public_partner")
            | submitter_author(self.env).partner
            | self.env.ref("sunny_service.partner_withheld_submitter")
        )
        return (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("message_type", "in", ("comment", "email")),
                    ("subtype_id", "=", self.env.ref("mail.mt_comment").id),
                    "|",
                    ("author_id", "in", authors.ids),
                    ("author_id", "=", False),
                ],
                order="id",
            )
        )
