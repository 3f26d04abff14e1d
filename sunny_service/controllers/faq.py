"""The knowledge base's public pages (/sunny/faq) and the suggestions of the
public form (/sunny/suggest): published FAQ entries and answered cases only."""

from odoo import http
from odoo.http import request

from ..tools.validation import clean_text, to_id
from .main import follow_browser_language, remote_address

SUGGEST_MIN = 2  # characters: a shorter text is not looked up
SUGGEST_MAX = 120  # the title's maximum
SUGGEST_LIMIT = 5
FAQ_SEARCH_MAX = 100


class SunnyKnowledge(http.Controller):
    @http.route("/sunny/suggest", type="http", auth="public", methods=["GET"], website=True, sitemap=False)
    def sunny_suggest(self, q=None, **kw):
        """JSON [{"title", "url"}] of published FAQ entries and answered cases
        similar to ``q``; [] for a short text and for an address over its limit
        (the form goes on without suggestions)."""
        text = clean_text(q or "")[:SUGGEST_MAX]
        if len(text) < SUGGEST_MIN:
            return request.make_json_response([])
        Log = request.env["sunny.request.log"]
        address = remote_address()
        if Log._is_limited("suggest", address):
            return request.make_json_response([], status=429)
        Log._hit("suggest", address)
        suggestions = request.env["sunny.case"]._sunny_suggest(text, SUGGEST_LIMIT)
        return request.make_json_response(suggestions, headers=[("Cache-Control", "no-store")])

    @http.route("/sunny/faq", type="http", auth="public", website=True, sitemap=True)
    def sunny_faq(self, category=None, search=None, **kw):
        if redirect := follow_browser_language():
            return redirect
        Faq = request.env["sunny.faq"].sudo()
        domain = list(Faq._public_domain())
        category_id = to_id(category)
        search = clean_text(search or "")[:FAQ_SEARCH_MAX]
        if category_id:
            domain.append(("category_id", "child_of", category_id))
        for word in search.split()[:5]:
            domain += ["|", ("name", "ilike", word), ("answer", "ilike", word)]
        faqs = Faq.search(domain, order="category_id, sequence, id desc")
        groups = {}
        for faq in faqs:
            groups.setdefault(faq.category_id, []).append(faq)
        categories = (
            request.env["sunny.case.category"]
            .sudo()
            .browse(category.id for (category,) in Faq._read_group(Faq._public_domain(), ["category_id"]) if category)
        )
        return request.render(
            "sunny_service.sunny_faq_list",
            {
                "groups": [
                    (category.complete_name if category else None, entries)
                    for category, entries in sorted(
                        groups.items(), key=lambda item: (not item[0], item[0].complete_name or "")
                    )
                ],
                "total": len(faqs),
                "search": search,
                "category_id": category_id,
                "categories": [(c.id, c.complete_name) for c in categories.sorted("complete_name")],
            },
        )

    @http.route("/sunny/faq/<int:faq_id>", type="http", auth="public", website=True, sitemap=False)
    def sunny_faq_entry(self, faq_id, **kw):
        if redirect := follow_browser_language():
            return redirect
        faq = request.env["sunny.faq"].sudo().search([("id", "=", faq_id)] + request.env["sunny.faq"]._public_domain())
        if not faq:
            return request.not_found()
        faq._increment("view_count")
        related = (
            faq.search(faq._public_domain() + [("category_id", "=", faq.category_id.id), ("id", "!=", faq.id)], limit=5)
            if faq.category_id
            else faq.browse()
        )
        return request.render("sunny_service.sunny_faq_entry", {"faq": faq, "related": related})
