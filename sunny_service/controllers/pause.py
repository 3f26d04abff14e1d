"""The submitter answers the unit's question (补充材料) from their case page: on the
query page (proven by number and query code) or in their portal."""

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools.translate import LazyTranslate

from ..tools.validation import clean_text, read_files, to_id
from . import main, portal

_lt = LazyTranslate(__name__)

main.FLASH["answered"] = _lt("Thank you: your answer was sent to the unit, and the handling of your case goes on.")


class CaseAnswer:
    """The answer, shared by the query page and the portal; ``case_sudo`` is already
    proven the visitor's by the caller."""

    def _case_answer(self, case_sudo, post):
        _ = request.env._
        errors = []
        text = clean_text(post.get("answer"), multiline=True)
        if len(text) < main.INFO_MIN:
            errors.append(_("Write your answer to the unit's question."))
        elif len(text) > main.CONTENT_MAX:
            errors.append(_("The answer is too long (at most %s characters).", main.CONTENT_MAX))
        if request.env["sunny.request.log"]._is_limited("post", main.remote_address()):
            errors.append(_("Too many messages from your address: please try again later."))
        files, file_errors = read_files(request.env, request.httprequest.files.getlist("attachments"))
        errors += file_errors
        if not errors:
            try:
                with request.env.cr.savepoint():
                    case_sudo._public_answer_information(to_id(post.get("pause_id")), text, files)
            except (UserError, ValidationError, AccessError) as error:
                errors.append(error.args[0])
        if errors:
            return None, errors, {"answer": text}
        request.env["sunny.request.log"]._hit("post", main.remote_address())
        return "answered", [], {}


class SunnyPublicAnswer(main.SunnyPublic, CaseAnswer):
    @http.route(
        "/sunny/query/<int:case_id>/answer",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def sunny_query_answer(self, case_id, **post):
        case = self._proven_case(case_id)
        if not case:
            return request.redirect("/sunny/query")
        msg, errors, form = self._case_answer(case, post)
        if errors:
            return self._render_case(case, errors=errors, form=form, status=400)
        return request.redirect(f"/sunny/query/{case.id}?msg={msg}")


class SunnyCustomerPortalAnswer(portal.SunnyCustomerPortal, CaseAnswer):
    @http.route("/my/sunny/<int:case_id>/answer", type="http", auth="user", website=True, methods=["POST"])
    def portal_my_sunny_case_answer(self, case_id, **post):
        case_sudo = self._sunny_case_check(case_id)
        if not case_sudo:
            return request.not_found()
        msg, errors, form = self._case_answer(case_sudo, post)
        if errors:
            return self._sunny_render_case(case_sudo, errors=errors, form=form, status=400)
        return request.redirect_query(f"/my/sunny/{case_sudo.id}", {"msg": msg})
