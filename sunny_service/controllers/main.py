"""The public pages of the Education Sunshine Service: home, submission form,
query by number and code, and the published cases.

Every input is validated (tools/validation.py) from an explicit whitelist; the case is created
as superuser only after that. Visitors prove they own a case with its number and
query code once; the proof is then kept in their session (``sunny_cases``), so
follow-up actions never carry the code again.
"""

import secrets
import time

from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools import html2plaintext
from odoo.tools.translate import LazyTranslate

from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.sunny_case import ANSWERED_STATES, CASE_TYPES, SATISFACTION, SUBMITTER_ROLES, UNIT_STATES
from ..tools.validation import (
    ALLOWED_FILES,
    MAX_FILE_SIZE,
    MAX_FILES,
    clean_text,
    is_phone,
    normalize_email,
    parse_query,
    read_files,
    to_id,
)
from .settle import case_settle

_lt = LazyTranslate(__name__)

TITLE_MIN, TITLE_MAX = 5, 120
CONTENT_MIN, CONTENT_MAX = 10, 5000
NAME_MAX = 64
NOTE_MAX = 2000
INFO_MIN = 2
SEARCH_MAX = 100
PUBLIC_PAGE_SIZE = 10
PROOF_TTL = 2 * 3600  # seconds a proven case stays open in the session
PROOF_MAX = 20
NONCE_MAX = 10

# the states as a visitor reads them
PUBLIC_STATES = {
    "new": _lt("Submitted"),
    "registered": _lt("Registered"),
    "assigned": _lt("Sent to the responsible unit"),
    "processing": _lt("Being handled"),
    "review": _lt("Reply under review"),
    "replied": _lt("Replied"),
    "closed": _lt("Closed"),
    "rejected": _lt("Not accepted"),
    "cancelled": _lt("Withdrawn"),
}
# ?msg= keys of the query and portal pages (never free text from the URL)
FLASH = {
    "info": _lt("Thank you: your information was added to the case."),
    "cancelled": _lt("Your case was withdrawn."),
    "rated": _lt("Thank you for your rating: the case is closed."),
    "reopened": _lt("Thank you for telling us: the case goes back to the unit, which will answer again."),
    "settled": _lt("Thank you: we noted that your matter is settled."),
    "unsettled": _lt("Thank you for telling us: the case goes back to the unit, which will settle it."),
}


# ---------------------------------------------------------------------- helpers


def remote_address():
    return request.httprequest.remote_addr or "unknown"


def follow_browser_language():
    """An anonymous visitor's first page comes in the language their browser asks
    for (Accept-Language), when the site has it: a redirection to /<lang>/...,
    which also sets the language cookie. A language chosen before (cookie, URL),
    a logged-in user's own language and robots are left alone."""
    httprequest = request.httprequest
    if (
        httprequest.method != "GET"
        or request.cookies.get("frontend_lang")
        or not getattr(request, "is_frontend_multilang", False)
        or not request.env.user._is_public()
    ):
        return None
    IrHttp = request.env["ir.http"]
    if IrHttp.is_a_bot() or request.lang.code != IrHttp._get_default_lang().code:
        return None
    wanted = IrHttp.get_nearest_lang(request.best_lang)
    if not wanted or wanted == request.lang.code:
        return None
    url_code = request.env["res.lang"]._get_data(code=wanted).url_code
    return request.redirect_query(f"/{url_code}{httprequest.path}", httprequest.args.to_dict())


def squeeze(text):
    """``text`` without its spaces and line breaks, to compare texts however they were wrapped."""
    return "".join((text or "").split())


def fmt_datetime(value, with_time=True):
    """A UTC datetime as the university's local time (Asia/Shanghai by default)."""
    return request.env["sunny.calendar"].format_local(value, with_time)


def selection_labels(field_name):
    Case = request.env["sunny.case"]
    return dict(Case._fields[field_name]._description_selection(request.env))


# session proof of ownership of cases (number + code checked once)


def proven_case_ids():
    now = time.time()
    return [case_id for case_id, stamp in request.session.get("sunny_cases", []) if now - stamp < PROOF_TTL]


def add_proof(case_id):
    now = time.time()
    entries = [
        [cid, stamp]
        for cid, stamp in request.session.get("sunny_cases", [])
        if cid != case_id and now - stamp < PROOF_TTL
    ]
    request.session["sunny_cases"] = (entries + [[case_id, now]])[-PROOF_MAX:]


def drop_proof(case_id):
    request.session["sunny_cases"] = [
        [cid, stamp] for cid, stamp in request.session.get("sunny_cases", []) if cid != case_id
    ]


def case_view_values(case_sudo, base_url):
    """What the submitter's own case page shows (query page and portal). The reply
    is the one the center approved: a reply under review, the draft and the unit's
    notes never reach the page."""
    env = request.env
    state = case_sudo.state
    # the center approved the reply an answered case holds
    approved_reply = case_sudo.reply if state in ANSWERED_STATES else False
    messages = case_sudo._public_messages()
    if approved_reply:
        # the reply is shown once, above: not again as a message that carried it
        reply_text = squeeze(approved_reply)
        messages = messages.filtered(lambda message: reply_text not in squeeze(html2plaintext(message.body or "")))
    return {
        "case": case_sudo,
        "action_base": base_url,
        "state_label": PUBLIC_STATES[state],
        "type_labels": selection_labels("case_type"),
        "satisfaction_levels": list(selection_labels("satisfaction").items()),
        "satisfaction_label": selection_labels("satisfaction").get(case_sudo.satisfaction),
        "fmt": fmt_datetime,
        "approved_reply": approved_reply,
        # what the submitter may do now, from the workflow's table
        "can_add_info": case_sudo._sunny_submitter_may("add_information"),
        "can_cancel": case_sudo._sunny_submitter_may("cancel"),
        "can_rate": case_sudo._sunny_submitter_may("rate"),
        "files": case_sudo._public_attachments(),
        "messages": messages,
        # who signs what a submitter writes: the public user, or the withheld submitter
        # on a confidential or anonymous case (see SunnyCase._sunny_hide_author)
        "submitter_authors": env.ref("base.public_partner") | env.ref("sunny_service.partner_withheld_submitter"),
        "max_files": MAX_FILES,
        "max_file_mb": MAX_FILE_SIZE // (1024 * 1024),
        "accept_files": ",".join("." + ext for ext in sorted(ALLOWED_FILES)),
        "steps": [
            (_lt("Submitted"), True),
            (_lt("Registered"), state not in ("new",)),
            (_lt("Handled by the unit"), state in UNIT_STATES + ANSWERED_STATES),
            (_lt("Replied"), state in ANSWERED_STATES),
            (_lt("Closed"), state == "closed"),
        ],
    }


class CaseActions:
    """The submitter's actions on their own case, shared by the query page and the
    portal; ``case_sudo`` is already proven theirs by the caller. Each action runs
    in a savepoint: a refused action leaves nothing half done."""

    def _case_handlers(self):
        """The actions by the name their URL ends with."""
        return {
            "info": self._case_add_info,
            "cancel": self._case_cancel,
            "rate": self._case_rate,
            "settle": case_settle,
        }

    def _case_add_info(self, case_sudo, post):
        _ = request.env._
        errors = []
        text = clean_text(post.get("info"), multiline=True)
        if len(text) < INFO_MIN:
            errors.append(_("Write the information you want to add."))
        elif len(text) > CONTENT_MAX:
            errors.append(_("The information is too long (at most %s characters).", CONTENT_MAX))
        if request.env["sunny.request.log"]._is_limited("post", remote_address()):
            errors.append(_("Too many messages from your address: please try again later."))
        files, file_errors = read_files(request.env, request.httprequest.files.getlist("attachments"))
        errors += file_errors
        if not errors:
            try:
                with request.env.cr.savepoint():
                    case_sudo._public_add_information(text, files)
            except (UserError, ValidationError) as error:
                errors.append(error.args[0])
        if errors:
            return None, errors, {"info": text}
        request.env["sunny.request.log"]._hit("post", remote_address())
        return "info", [], {}

    def _case_cancel(self, case_sudo, post):
        try:
            with request.env.cr.savepoint():
                case_sudo._public_cancel()
        except (UserError, ValidationError, AccessError) as error:
            return None, [error.args[0]], {}
        return "cancelled", [], {}

    def _case_rate(self, case_sudo, post):
        _ = request.env._
        satisfaction = post.get("satisfaction")
        note = clean_text(post.get("note"), multiline=True)
        errors = []
        if satisfaction not in dict(SATISFACTION):
            errors.append(_("Choose your satisfaction among the five levels."))
        if len(note) > NOTE_MAX:
            errors.append(_("Your comment is too long (at most %s characters).", NOTE_MAX))
        if not errors:
            try:
                with request.env.cr.savepoint():
                    case_sudo._public_rate(satisfaction, note)
            except (UserError, ValidationError, AccessError) as error:
                errors.append(error.args[0])
        if errors:
            return None, errors, {"note": note, "satisfaction": satisfaction}
        return ("reopened" if case_sudo.state == "processing" else "rated"), [], {}


class SunnyPublic(http.Controller, CaseActions):
    # ------------------------------------------------------------------ home

    @http.route("/sunny", type="http", auth="public", website=True, sitemap=True)
    def sunny_home(self, **kw):
        if redirect := follow_browser_language():
            return redirect
        Case = request.env["sunny.case"]
        stations = request.env["sunny.station"].sudo().search([("unit_id.active", "=", True)])
        stations = stations.filtered(lambda s: s.phone or s.email or s.office or s.hours)
        return request.render(
            "sunny_service.sunny_home",
            {
                "totals": Case._public_totals(),
                "stations": [
                    {
                        "unit": station.unit_id.name,
                        "name": station.name,
                        "phone": station.phone,
                        "email": station.email,
                        "office": station.office,
                        "hours": station.hours,
                    }
                    for station in stations
                ],
                "type_labels": selection_labels("case_type"),
            },
        )

    # ------------------------------------------------------------------ submit

    def _submit_options(self):
        return dict(
            request.env["sunny.case"]._public_form_choices(),
            case_types=list(selection_labels("case_type").items()),
            roles=list(selection_labels("submitter_role").items()),
        )

    def _new_form_nonce(self):
        nonce = secrets.token_urlsafe(16)
        request.session["sunny_form_nonces"] = (request.session.get("sunny_form_nonces", []) + [nonce])[-NONCE_MAX:]
        return nonce

    def _render_submit(self, values=None, errors=None, nonce=None, status=200):
        user = request.env.user
        if values is None:
            # consent to publication is opt-in: the box starts unticked
            values = {"case_type": "consultation", "allow_publish": False, "submitter_role": "student"}
            if not user._is_public():
                partner = user.partner_id
                values.update(
                    submitter_name=partner.name,
                    submitter_email=partner.email or "",
                    submitter_phone=partner.phone or partner.mobile or "",
                )
        contact_rules = {
            "complaint": self._contact_rule("complaint"),
            "report": self._contact_rule("report"),
        }
        qcontext = dict(
            self._submit_options(),
            values=values,
            errors=errors or {},
            form_nonce=nonce or self._new_form_nonce(),
            contact_rules=contact_rules,
            logged_in=not user._is_public(),
            max_files=MAX_FILES,
            max_file_mb=MAX_FILE_SIZE // (1024 * 1024),
            accept_files=",".join("." + ext for ext in sorted(ALLOWED_FILES)),
            limits={
                "title_min": TITLE_MIN,
                "title_max": TITLE_MAX,
                "content_min": CONTENT_MIN,
                "content_max": CONTENT_MAX,
            },
        )
        return request.render("sunny_service.sunny_submit", qcontext, status=status)

    @staticmethod
    def _contact_rule(case_type):
        value = request.env["ir.config_parameter"].sudo().get_param(f"sunny_service.require_contact_{case_type}")
        default = "name_contact" if case_type == "complaint" else "optional"
        return value if value in ("optional", "contact", "name_contact") else default

    def _validate_submission(self, post):
        """Return (values for sunny.case, values to refill the form, errors by field)."""
        errors = {}
        form = self._submission_form(post)
        category, unit = self._check_submission_choices(form, post, errors)
        self._check_submission_texts(form, errors)
        email = self._check_submission_contact(form, errors)
        vals = {
            "case_type": form["case_type"],
            "category_id": category.id or False,
            "requested_unit_id": unit.id or False,
            "title": form["title"],
            "content": form["content"],
            "submitter_name": form["submitter_name"] or False,
            "submitter_phone": form["submitter_phone"] or False,
            "submitter_email": email or False,
            "submitter_role": form["submitter_role"],
            "is_anonymous": not form["submitter_name"],
            "allow_publish": form["allow_publish"],
        }
        user = request.env.user
        if not user._is_public() and not vals["is_anonymous"]:
            # the case is theirs on the portal; an anonymous case keeps no link to the account
            vals["partner_id"] = user.partner_id.id
        return vals, form, errors

    @staticmethod
    def _submission_form(post):
        """The form's fields, cleaned, as the form is filled again after an error."""
        return {
            "case_type": post.get("case_type") or "",
            "category_id": to_id(post.get("category_id")),
            "requested_unit_id": to_id(post.get("requested_unit_id")),
            "title": clean_text(post.get("title")),
            "content": clean_text(post.get("content"), multiline=True),
            "submitter_name": clean_text(post.get("submitter_name")),
            "submitter_phone": clean_text(post.get("submitter_phone")),
            "submitter_email": clean_text(post.get("submitter_email")),
            "submitter_role": post.get("submitter_role") or "",
            "allow_publish": bool(post.get("allow_publish")),
        }

    @staticmethod
    def _check_submission_choices(form, post, errors):
        """The type, role, category and unit chosen from the lists: (category, unit)."""
        env = request.env
        _ = env._
        if form["case_type"] not in dict(CASE_TYPES):
            errors["case_type"] = _("Choose the type of your case.")
            form["case_type"] = ""
        if form["submitter_role"] not in dict(SUBMITTER_ROLES):
            errors["submitter_role"] = _("Tell us who you are: student, staff, parent or member of the public.")
            form["submitter_role"] = ""
        # the lists the form showed (active public categories, active units)
        choices = env["sunny.case"]._public_form_choices()
        Category = env["sunny.case.category"]
        category = Category
        if form["category_id"]:
            if form["category_id"] in dict(choices["categories"]):
                category = Category.browse(form["category_id"])
            else:
                errors["category_id"] = _("Choose a category from the list.")
                form["category_id"] = None
        elif post.get("category_id") or choices["categories"]:
            errors["category_id"] = _("Choose a category from the list.")
        Unit = env["sunny.unit"]
        unit = Unit
        if form["requested_unit_id"]:
            if form["requested_unit_id"] in dict(choices["units"]):
                unit = Unit.browse(form["requested_unit_id"])
            else:
                errors["requested_unit_id"] = _("Choose a unit from the list, or leave it empty.")
                form["requested_unit_id"] = None
        elif post.get("requested_unit_id"):
            errors["requested_unit_id"] = _("Choose a unit from the list, or leave it empty.")
        return category, unit

    @staticmethod
    def _check_submission_texts(form, errors):
        _ = request.env._
        if len(form["title"]) < TITLE_MIN:
            errors["title"] = _("Give a title of at least %s characters.", TITLE_MIN)
        elif len(form["title"]) > TITLE_MAX:
            errors["title"] = _("The title is too long (at most %s characters).", TITLE_MAX)
        if len(form["content"]) < CONTENT_MIN:
            errors["content"] = _("Describe your case in at least %s characters.", CONTENT_MIN)
        elif len(form["content"]) > CONTENT_MAX:
            errors["content"] = _("The description is too long (at most %s characters).", CONTENT_MAX)
        if len(form["submitter_name"]) > NAME_MAX:
            errors["submitter_name"] = _("The name is too long (at most %s characters).", NAME_MAX)

    def _check_submission_contact(self, form, errors):
        """The phone and e-mail given, and the contact the case type needs: the
        normalized e-mail address."""
        _ = request.env._
        phone = form["submitter_phone"]
        if phone and not is_phone(phone):
            errors["submitter_phone"] = _("Enter a valid phone number (digits, spaces, +, - and brackets).")
        email = form["submitter_email"]
        normalized_email = normalize_email(email)
        if email and not normalized_email:
            errors["submitter_email"] = _("Enter a valid email address, like name@example.com.")
        if form["case_type"] in ("complaint", "report"):
            rule = self._contact_rule(form["case_type"])
            type_label = selection_labels("case_type")[form["case_type"]]
            if rule in ("contact", "name_contact") and not (phone or email):
                errors.setdefault(
                    "submitter_phone",
                    _("A %s needs a phone number or an email address, so that the center can reach you.", type_label),
                )
            if rule == "name_contact" and not form["submitter_name"]:
                errors.setdefault("submitter_name", _("A %s needs your name.", type_label))
        return normalized_email

    @http.route("/sunny/submit", type="http", auth="public", website=True, methods=["GET"], sitemap=True)
    def sunny_submit_form(self, **kw):
        return follow_browser_language() or self._render_submit()

    @http.route("/sunny/submit", type="http", auth="public", website=True, methods=["POST"], sitemap=False)
    def sunny_submit(self, **post):
        # CSRF was checked by Odoo before we get here (400 when missing or wrong)
        _ = request.env._
        Log = request.env["sunny.request.log"]
        address = remote_address()
        if post.get("homepage"):
            # the honeypot: only robots fill this hidden field; pretend it worked
            Log._hit("submit", address)
            return request.render(
                "sunny_service.sunny_submit_done",
                {
                    "case_name": "YG%s-%06d" % (fields.Date.today().year, secrets.randbelow(10**6)),
                    "code": request.env["sunny.case"]._new_code(),
                    "email_sent": False,
                },
            )
        vals, form, errors = self._validate_submission(post)
        nonce = post.get("form_nonce") or ""
        if Log._looks_limited("submit", address):
            return self._render_too_many(form, errors, nonce)
        nonces = request.session.get("sunny_form_nonces", [])
        if nonce not in nonces:
            used = dict(request.session.get("sunny_form_used", []))
            done = request.session.get("sunny_done")
            if nonce and done and used.get(nonce) == done["case_name"]:
                # a second click whose first post made the case: its code was not seen yet
                return request.redirect("/sunny/submit/done")
            if nonce and nonce in used:
                errors["__all__"] = _(
                    "This form was already sent: it is case %s. Its query code was shown when it was sent.", used[nonce]
                )
            else:
                errors["__all__"] = _("This form has expired. Check what you typed and send it again.")
            return self._render_submit(form, errors, status=400)
        files, file_errors = read_files(request.env, request.httprequest.files.getlist("attachments"))
        if file_errors:
            errors["attachments"] = " ".join(file_errors)
        if errors:
            if files or file_errors:
                errors.setdefault("attachments", _("Please attach your files again."))
            return self._render_submit(form, errors, nonce=nonce)

        case, code = request.env["sunny.case"]._public_create(vals, files, remote_addr=address, submission_token=nonce)
        if not case:
            # the same form posted twice at once: the other post made the case and shows
            # its code (the session it saves is left alone here)
            return request.redirect("/sunny/submit/done")
        email_sent = False
        if vals.get("submitter_email") and not case.needs_screening:
            # queued: the mail cron sends it
            case._public_send_code_mail(code, vals["submitter_email"], request.httprequest.url_root.rstrip("/"))
            email_sent = True
        # The limit is decided now, the case made: the lock on the address is held from
        # here to the commit only, not while the case is made (visitors behind one
        # gateway would wait for each other's whole submission). Over the limit, the
        # case and its mail are undone.
        if Log._is_limited("submit", address):
            request.env.cr.rollback()
            return self._render_too_many(form, errors, nonce)
        Log._hit("submit", address)
        request.session["sunny_form_nonces"] = [n for n in nonces if n != nonce]
        used = request.session.get("sunny_form_used", []) + [[nonce, case.name]]
        request.session["sunny_form_used"] = used[-NONCE_MAX:]
        add_proof(case.id)
        request.session["sunny_done"] = {
            "case_id": case.id,
            "case_name": case.name,
            "code": code,
            "email_sent": email_sent,
        }
        return request.redirect("/sunny/submit/done")

    def _render_too_many(self, form, errors, nonce):
        _ = request.env._
        errors["__all__"] = _("Too many cases were sent from your address: please try again in a few minutes.")
        return self._render_submit(form, errors, nonce=nonce, status=429)

    @http.route("/sunny/submit/done", type="http", auth="public", website=True, sitemap=False)
    def sunny_submit_done(self, **kw):
        done = request.session.pop("sunny_done", None)
        if not done:
            return request.redirect("/sunny/query")
        return request.render("sunny_service.sunny_submit_done", done)

    # ------------------------------------------------------------------ query

    def _render_query(self, number="", error=None, status=200):
        Case = request.env["sunny.case"].sudo()
        cases = Case.browse(proven_case_ids()).exists()
        return request.render(
            "sunny_service.sunny_query",
            {
                "number": number,
                "error": error,
                "proven": [(c.id, c.name, c.title, PUBLIC_STATES[c.state]) for c in cases],
            },
            status=status,
        )

    @http.route("/sunny/query", type="http", auth="public", website=True, methods=["GET"], sitemap=False)
    def sunny_query_form(self, number=None, **kw):
        if redirect := follow_browser_language():
            return redirect
        number = clean_text(number or "")[:32]
        return self._render_query(number=number)

    @http.route("/sunny/query", type="http", auth="public", website=True, methods=["POST"], sitemap=False)
    def sunny_query(self, number=None, code=None, **kw):
        _ = request.env._
        Log = request.env["sunny.request.log"]
        address = remote_address()
        number, code, well_formed = parse_query(number, code)
        # Wrong codes lock out the address they come from, for all cases and for this
        # case: never the case itself, or anyone could lock its submitter out.
        case_key = f"{number}@{address}"
        if Log._is_limited("query_fail", address) or (number and Log._is_limited("query_fail_case", case_key)):
            return self._render_query(
                number, _("Too many wrong attempts: please wait a quarter of an hour before trying again."), status=429
            )
        case = request.env["sunny.case"]
        if well_formed:
            case = case.sudo().search([("name", "=", number)], limit=1)
        if not case or not case._check_query_code(code):
            Log._hit("query_fail", address)
            if number:
                Log._hit("query_fail_case", case_key)
            return self._render_query(number, _("The case number or the query code is incorrect."))
        add_proof(case.id)
        return request.redirect(f"/sunny/query/{case.id}")

    def _proven_case(self, case_id):
        if not to_id(case_id) or case_id not in proven_case_ids():
            return None
        case = request.env["sunny.case"].sudo().browse(case_id).exists()
        return case or None

    def _render_case(self, case_sudo, msg=None, errors=None, form=None, status=200):
        values = case_view_values(case_sudo, f"/sunny/query/{case_sudo.id}")
        values.update(flash=FLASH.get(msg), errors=errors or [], form=form or {}, page_layout="public")
        return request.render("sunny_service.sunny_query_case", values, status=status)

    @http.route("/sunny/query/<int:case_id>", type="http", auth="public", website=True, methods=["GET"], sitemap=False)
    def sunny_query_case(self, case_id, msg=None, **kw):
        case = self._proven_case(case_id)
        if not case:
            return request.redirect("/sunny/query")
        return self._render_case(case, msg=msg)

    @http.route(
        "/sunny/query/<int:case_id>/<string:action>",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def sunny_query_action(self, case_id, action, **post):
        case = self._proven_case(case_id)
        if not case:
            return request.redirect("/sunny/query")
        if action == "forget":
            drop_proof(case.id)
            return request.redirect("/sunny/query")
        handler = self._case_handlers().get(action)
        if not handler:
            return request.not_found()
        msg, errors, form = handler(case, post)
        if errors:
            return self._render_case(case, errors=errors, form=form, status=400)
        return request.redirect(f"/sunny/query/{case.id}?msg={msg}")

    # ------------------------------------------------------------------ published cases

    @http.route(
        ["/sunny/public", "/sunny/public/page/<int:page>"], type="http", auth="public", website=True, sitemap=True
    )
    def sunny_public(self, page=1, category=None, unit=None, search=None, **kw):
        if redirect := follow_browser_language():
            return redirect
        env = request.env
        Case = env["sunny.case"].sudo()
        domain = list(Case._public_domain())
        category_id, unit_id = to_id(category), to_id(unit)
        search = clean_text(search or "")[:SEARCH_MAX]
        if category_id:
            domain.append(("category_id", "child_of", category_id))
        if unit_id:
            domain.append(("unit_id", "=", unit_id))
        for word in search.split()[:5]:
            domain += ["|", ("public_title", "ilike", word), ("public_content", "ilike", word)]
        total = Case.search_count(domain)
        url_args = {
            key: value for key, value in (("category", category_id), ("unit", unit_id), ("search", search)) if value
        }
        pager = portal_pager(url="/sunny/public", url_args=url_args, total=total, page=page, step=PUBLIC_PAGE_SIZE)
        cases = Case.search(domain, limit=PUBLIC_PAGE_SIZE, offset=pager["offset"], order="replied_date desc, id desc")
        type_labels = selection_labels("case_type")
        rows = [
            {
                "name": case.name,
                "title": case.public_title,
                "content": case.public_content,
                "reply": case.public_reply,
                "type": type_labels.get(case.case_type),
                "category": case.category_id.complete_name,
                "unit": case.unit_id.name,
                "submitter": case._public_masked_name(),
                "received": fmt_datetime(case.received_date, with_time=False),
                "replied": fmt_datetime(case.replied_date, with_time=False),
            }
            for case in cases
        ]
        categories = env["sunny.case.category"].sudo().search([("is_public", "=", True)])
        units = (
            env["sunny.unit"]
            .sudo()
            .browse(
                [
                    unit.id
                    for (unit,) in Case._read_group(Case._public_domain() + [("unit_id", "!=", False)], ["unit_id"])
                ]
            )
        )
        return request.render(
            "sunny_service.sunny_public",
            {
                "rows": rows,
                "pager": pager,
                "total": total,
                "search": search,
                "category_id": category_id,
                "unit_id": unit_id,
                "categories": [(c.id, c.complete_name) for c in categories],
                "units": [(u.id, u.name) for u in units.sorted("name")],
            },
        )
