from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.sunny_case import ANSWERED_STATES, CANCELLABLE_STATES
from ..tools.validation import to_id
from .main import FLASH, PUBLIC_STATES, CaseActions, case_view_values, fmt_datetime, selection_labels


class SunnyCustomerPortal(CustomerPortal, CaseActions):
    """/my/sunny: the cases of the logged-in person (submitter = their contact)."""

    _sunny_per_page = 20

    def _sunny_my_domain(self):
        return [("partner_id", "=", request.env.user.partner_id.id)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "sunny_count" in counters:
            user = request.env.user
            values["sunny_count"] = (
                0 if user._is_public() else request.env["sunny.case"].sudo().search_count(self._sunny_my_domain())
            )
        return values

    def _sunny_searchbar(self):
        _ = request.env._
        sortings = {
            "date": {"label": _("Newest"), "order": "received_date desc, id desc"},
            "name": {"label": _("Case Number"), "order": "name desc"},
            "state": {"label": _("Status"), "order": "state, received_date desc"},
        }
        filters = {
            "all": {"label": _("All"), "domain": []},
            "open": {"label": _("In Progress"), "domain": [("state", "in", CANCELLABLE_STATES)]},
            "answered": {"label": _("Answered"), "domain": [("state", "in", ANSWERED_STATES)]},
        }
        return sortings, filters

    @http.route(["/my/sunny", "/my/sunny/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_sunny(self, page=1, sortby=None, filterby=None, **kw):
        values = self._prepare_portal_layout_values()
        Case = request.env["sunny.case"].sudo()
        sortings, filters = self._sunny_searchbar()
        sortby = sortby if sortby in sortings else "date"
        filterby = filterby if filterby in filters else "all"
        domain = self._sunny_my_domain() + filters[filterby]["domain"]
        pager = portal_pager(
            url="/my/sunny",
            url_args={"sortby": sortby, "filterby": filterby},
            total=Case.search_count(domain),
            page=page,
            step=self._sunny_per_page,
        )
        cases = Case.search(domain, order=sortings[sortby]["order"], limit=self._sunny_per_page, offset=pager["offset"])
        request.session["my_sunny_history"] = cases.ids[:100]
        values.update(
            {
                "cases": [
                    {
                        "id": case.id,
                        "name": case.name,
                        "title": case.title,
                        "type": selection_labels("case_type").get(case.case_type),
                        "state": case.state,
                        "state_label": PUBLIC_STATES[case.state],
                        "received": fmt_datetime(case.received_date, with_time=False),
                        "to_rate": case.state == "replied",
                        "waiting": case.is_waiting,
                    }
                    for case in cases
                ],
                "page_name": "sunny",
                "default_url": "/my/sunny",
                "pager": pager,
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
            }
        )
        return request.render("sunny_service.portal_my_sunny", values)

    def _sunny_case_check(self, case_id):
        """The case, in sudo, if the logged-in person submitted it; None otherwise
        (whatever the reason, so nothing is revealed). An access token proves nothing:
        whoever may read the case could have read it (see sunny.case._portal_ensure_token)."""
        user = request.env.user
        if user._is_public() or not to_id(case_id):
            return None
        # superuser rights, but the visitor's identity (follow-ups and messages are theirs)
        case_sudo = request.env["sunny.case"].sudo().browse(case_id).exists()
        if not case_sudo or case_sudo.partner_id != user.partner_id:
            return None
        return case_sudo

    def _sunny_render_case(self, case_sudo, msg=None, errors=None, form=None, status=200):
        values = self._prepare_portal_layout_values()
        values.update(case_view_values(case_sudo, f"/my/sunny/{case_sudo.id}"))
        values.update(
            flash=FLASH.get(msg), errors=errors or [], form=form or {}, page_name="sunny_case", object=case_sudo
        )
        # the previous and next cases of the list (portal's own pager adds access tokens)
        history = request.session.get("my_sunny_history", [])
        if case_sudo.id in history:
            index = history.index(case_sudo.id)
            values["prev_record"] = index > 0 and f"/my/sunny/{history[index - 1]}"
            values["next_record"] = index < len(history) - 1 and f"/my/sunny/{history[index + 1]}"
        return request.render("sunny_service.portal_my_sunny_case", values, status=status)

    @http.route("/my/sunny/<int:case_id>", type="http", auth="user", website=True, methods=["GET"])
    def portal_my_sunny_case(self, case_id, msg=None, **kw):
        case_sudo = self._sunny_case_check(case_id)
        if not case_sudo:
            return request.not_found()
        return self._sunny_render_case(case_sudo, msg=msg)

    @http.route("/my/sunny/<int:case_id>/<string:action>", type="http", auth="user", website=True, methods=["POST"])
    def portal_my_sunny_case_action(self, case_id, action, **post):
        case_sudo = self._sunny_case_check(case_id)
        if not case_sudo:
            return request.not_found()
        handler = self._case_handlers().get(action)
        if not handler:
            return request.not_found()
        msg, errors, form = handler(case_sudo, post)
        if errors:
            return self._sunny_render_case(case_sudo, errors=errors, form=form, status=400)
        return request.redirect_query(f"/my/sunny/{case_sudo.id}", {"msg": msg})
