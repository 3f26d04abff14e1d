"""The knowledge base (知识库): questions the center answers once, published on
/sunny/faq, suggested on the public form and inserted into units' replies."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

SUGGEST_THRESHOLD_PARAM = "sunny_service.suggest_threshold"
SUGGEST_THRESHOLD = 0.4


class SunnyFaq(models.Model):
    _name = "sunny.faq"
    _description = "FAQ Entry"
    _order = "sequence, id desc"

    name = fields.Char(string="Question", required=True, index="trigram")
    answer = fields.Text(index="trigram", help="The answer as visitors read it, and as it goes into a reply.")
    category_id = fields.Many2one("sunny.case.category", string="Category", index=True, ondelete="set null")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    is_published = fields.Boolean(string="Published", index=True, copy=False)
    view_count = fields.Integer(string="Views", readonly=True, copy=False)
    suggest_count = fields.Integer(
        string="Suggestions", readonly=True, copy=False, help="How often the public form suggested this entry."
    )
    case_id = fields.Many2one(
        "sunny.case",
        string="From Case",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The published case whose answer this entry was written from.",
    )
    website_url = fields.Char(string="Public Page", compute="_compute_website_url")

    def _compute_website_url(self):
        for faq in self:
            faq.website_url = f"/sunny/faq/{faq.id}" if faq.id else False

    @api.constrains("is_published", "answer")
    def _check_answer(self):
        for faq in self:
            if faq.is_published and not (faq.answer or "").strip():
                raise ValidationError(
                    self.env._("FAQ entry “%s” needs the text of its answer before it is published.", faq.name)
                )

    def action_publish(self):
        self.write({"is_published": True})

    def action_unpublish(self):
        self.write({"is_published": False})

    @api.model
    def _public_domain(self):
        return [("is_published", "=", True)]

    @api.model
    def _suggest_threshold(self):
        value = self.env["ir.config_parameter"].sudo().get_param(SUGGEST_THRESHOLD_PARAM)
        try:
            return min(max(float(value or SUGGEST_THRESHOLD), 0.05), 1.0)
        except ValueError:
            return SUGGEST_THRESHOLD

    @api.model
    def _public_suggest(self, text, limit=5):
        """Published entries whose question contains words similar to ``text``
        (``<%`` word similarity, through the trigram index), best first; their
        ``suggest_count`` grows by one. The caller set the threshold."""
        query = self.sudo()._search(self._public_domain())
        name = SQL.identifier(query.table, "name")
        query.add_where(SQL("%s <%%%% %s", text, name))
        query.order = SQL("word_similarity(%s, %s) DESC, %s DESC", text, name, SQL.identifier(query.table, "id"))
        query.limit = limit
        faqs = self.sudo().browse(id_ for (id_,) in self.env.execute_query(query.select()))
        faqs._increment("suggest_count")
        return faqs

    def _increment(self, counter):
        """One UPDATE, without touching write_date or the ORM's access checks: a
        visitor reading a page is not an edit."""
        if self.ids:
            self.env.cr.execute(
                SQL(
                    "UPDATE %s SET %s = COALESCE(%s, 0) + 1 WHERE id IN %s",
                    SQL.identifier(self._table),
                    SQL.identifier(counter),
                    SQL.identifier(counter),
                    tuple(self.ids),
                )
            )
            self.invalidate_recordset([counter])
