"""Duplicates (并单): the cases similar to one being registered, by PostgreSQL
``pg_trgm`` trigram similarity of the titles, found through a trigram index of the
recent cases only and only among the cases the current user may read; merged into
in one click."""

import datetime
import logging
from urllib.parse import urlencode

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# system parameters: the window of "recent" cases (days) and the similarity threshold
SIMILAR_DAYS_PARAM = "sunny_service.similar_days"
SIMILAR_DAYS = 90
SIMILAR_THRESHOLD_PARAM = "sunny_service.similar_threshold"
SIMILAR_THRESHOLD = 0.3
# how much of the descriptions ranks the candidates the titles found
CONTENT_PREFIX = 300
# The candidates come from a GiST trigram index of the titles of the cases received
# since a boundary a few weeks before the window (a partial index, so it holds the
# window, not every year: at 1,000,000 cases the title index of all years returns
# tens of thousands of rows to recheck for a common title). The boundary is a Monday,
# moved weekly by ``_cron_similar_index``; while the index lags, PostgreSQL uses the
# titles' own index (``index="trigram"``): slower, never wrong.
RECENT_INDEX_PREFIX = "sunny_case_similar_title_"
RECENT_INDEX_SLACK_DAYS = 14
# signature length of the GiST index: longer signatures prune more of the tree
RECENT_INDEX_SIGLEN = 256


def ensure_trigram(env):
    """Create the ``pg_trgm`` extension when it is missing (a trusted extension since
    PostgreSQL 13: the database owner may create it); tell the registry, so that the
    fields indexed with ``index="trigram"`` get their GIN indexes in this update."""
    cr = env.cr
    cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
    if not cr.fetchone():
        try:
            with cr.savepoint():
                cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception:  # noqa: BLE001 - reported, and searched without the index
            _logger.warning("The PostgreSQL extension pg_trgm could not be created: similar cases cannot be found.")
            return False
    env.registry.has_trigram = True
    return True


def ensure_btree_gist(cr):
    """Create ``btree_gist`` when it is missing (trusted, like ``pg_trgm``): the
    recent cases' index then holds the received date beside the title, and the
    window is searched inside the index instead of beside it."""
    cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'btree_gist'")
    if cr.fetchone():
        return True
    try:
        with cr.savepoint():
            cr.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    except Exception:  # noqa: BLE001 - reported; the index then holds the titles only
        _logger.warning(
            "The PostgreSQL extension btree_gist could not be created: similar cases are found more slowly."
        )
        return False
    return True


class SunnyCase(models.Model):
    _inherit = "sunny.case"

    similar_case_ids = fields.Many2many(
        "sunny.case",
        string="Similar Cases",
        compute="_compute_similar_case_ids",
        help="Open and recent cases whose title is similar to this one's, among those you may read.",
    )

    def init(self):
        res = super().init()
        if ensure_trigram(self.env):
            # the public form's suggestions search the published titles only: a small
            # partial index (the title's own trigram index is the field's, index="trigram")
            tools.create_index(
                self.env.cr,
                "sunny_case_public_title_trgm_idx",
                self._table,
                ["public_title gin_trgm_ops"],
                method="gin",
                where="is_published",
            )
            self._similar_index_sync()
        return res

    @api.model
    def _similar_index_boundary(self, today=None):
        """The first day the recent cases' index holds: the Monday on or before the
        window's start less the slack, so the name changes once a week."""
        days, _threshold = self._similar_settings()
        start = (today or fields.Date.today()) - datetime.timedelta(days=days + RECENT_INDEX_SLACK_DAYS)
        return start - datetime.timedelta(days=start.weekday())

    @api.model
    def _similar_index_sync(self, today=None):
        """Create the recent cases' trigram index for the current boundary when it
        is missing, then drop the older ones. The build holds a lock that makes new
        cases wait (about 8 s at 1,000,000 cases on a small server: the job runs at
        night); not ``CONCURRENTLY``, which waits for every open transaction, the
        job's own included."""
        boundary = self._similar_index_boundary(today)
        name = f"{RECENT_INDEX_PREFIX}{boundary:%Y%m%d}_idx"
        cr = self.env.cr
        cr.execute(
            SQL(
                "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                " WHERE i.indrelid = %s::regclass AND c.relname LIKE %s",
                self._table,
                RECENT_INDEX_PREFIX + "%",
            )
        )
        existing = {index for (index,) in cr.fetchall()}
        if name not in existing:
            cr.execute(
                SQL(
                    "CREATE INDEX %s ON %s USING gist (title gist_trgm_ops(siglen=%s)%s) WHERE received_date >= %s",
                    SQL.identifier(name),
                    SQL.identifier(self._table),
                    SQL(str(RECENT_INDEX_SIGLEN)),
                    SQL(", received_date" if ensure_btree_gist(cr) else ""),
                    SQL("%s::timestamp", boundary.isoformat()),
                )
            )
            _logger.info("Similar cases: index %s holds the cases received since %s", name, boundary)
        for index in existing - {name}:
            cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(index)))
        return name

    @api.model
    def _cron_similar_index(self):
        """Weekly: move the recent cases' index with the window."""
        return self._similar_index_sync()

    def _compute_similar_case_ids(self):
        for case in self:
            # only where the center decides on duplicates: a new or registered case
            if case.id and case.state in ("new", "registered") and case.title:
                case.similar_case_ids = case._find_similar()
            else:
                case.similar_case_ids = False

    @api.model
    def _similar_settings(self):
        get = self.env["ir.config_parameter"].sudo().get_param
        try:
            days = int(get(SIMILAR_DAYS_PARAM) or SIMILAR_DAYS)
            threshold = float(get(SIMILAR_THRESHOLD_PARAM) or SIMILAR_THRESHOLD)
        except ValueError:
            _logger.warning("Ignoring a non-numeric %s or %s", SIMILAR_DAYS_PARAM, SIMILAR_THRESHOLD_PARAM)
            days, threshold = SIMILAR_DAYS, SIMILAR_THRESHOLD
        return max(days, 1), min(max(threshold, 0.05), 1.0)

    def _find_similar(self, limit=10):
        """The cases similar to this one the current user may read, most similar
        first: received within the window (``sunny_service.similar_days``, 90 days)
        and neither rejected (merged duplicates are) nor withdrawn, whose title is
        trigram-similar (``%`` operator, threshold ``sunny_service.similar_threshold``)
        to this one's, ranked by the similarity of the titles and of the beginnings
        of the descriptions. The record rules are part of the one query: a case the
        user may not read is never a candidate."""
        self.ensure_one()
        Case = self.env["sunny.case"]
        title = (self.sudo().title or "").strip()
        if not title or limit <= 0:
            return Case
        days, threshold = self._similar_settings()
        since = fields.Datetime.now() - datetime.timedelta(days=days)
        query = Case._search(
            [("id", "!=", self.id or 0), ("state", "not in", ("rejected", "cancelled")), ("received_date", ">=", since)]
        )
        table = query.table
        content = (self.sudo().content or "")[:CONTENT_PREFIX]
        query.add_where(SQL("%s %%%% %s", SQL.identifier(table, "title"), title))
        query.order = SQL(
            "similarity(%s, %s) + 0.5 * similarity(left(coalesce(%s, ''), %s), %s) DESC, %s DESC",
            SQL.identifier(table, "title"),
            title,
            SQL.identifier(table, "content"),
            CONTENT_PREFIX,
            content,
            SQL.identifier(table, "id"),
        )
        query.limit = limit
        self.env.cr.execute(SQL("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", str(threshold)))
        return Case.browse(id_ for (id_,) in self.env.execute_query(query.select()))

    @api.model
    def _public_suggest(self, text, limit=5):
        """Published cases (the public list's domain: never a confidential one)
        whose public title contains words similar to ``text`` (``<%`` word
        similarity, through the partial trigram index), best first. The caller set
        the threshold (see ``sunny.faq._public_suggest``)."""
        Case = self.sudo()
        query = Case._search(self._public_domain())
        title = SQL.identifier(query.table, "public_title")
        query.add_where(SQL("%s <%%%% %s", text, title))
        query.order = SQL("word_similarity(%s, %s) DESC, %s DESC", text, title, SQL.identifier(query.table, "id"))
        query.limit = limit
        return Case.browse(id_ for (id_,) in self.env.execute_query(query.select()))

    @api.model
    def _sunny_suggest(self, text, limit=5):
        """What the public form suggests for ``text``: [{"title", "url"}], FAQ
        entries first, then answered cases; nothing but published content."""
        threshold = self.env["sunny.faq"]._suggest_threshold()
        self.env.cr.execute(SQL("SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)", str(threshold)))
        faqs = self.env["sunny.faq"]._public_suggest(text, limit)
        cases = self._public_suggest(text, max(limit - len(faqs), 0)) if len(faqs) < limit else self.browse()
        return [{"title": faq.name, "url": faq.website_url} for faq in faqs] + [
            {"title": case.public_title, "url": "/sunny/public?" + urlencode({"search": case.public_title[:100]})}
            for case in cases
        ]

    # ------------------------------------------------------------------ actions

    def action_merge_into_this(self):
        """The one-click merge of the registration screen: the case being
        registered (``sunny_merge_from`` in the context) becomes a duplicate of
        this candidate; the merge's own checks apply (the center, the states, never
        into itself, never across confidentiality)."""
        self.ensure_one()
        source = self._browse_arg(
            "sunny.case", self.env.context.get("sunny_merge_from"), self.env._("the case to merge")
        )
        if len(source) != 1:
            raise UserError(self.env._("Choose %s.", self.env._("the case to merge")))
        source.action_merge_into(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": "sunny.case",
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_create_faq(self):
        """An FAQ entry drafted from this case's published answer, for the center to
        rewrite and publish."""
        self.ensure_one()
        self.env["sunny.faq"].check_access("create")
        if not self.is_published:
            raise UserError(self.env._("Only a published case's answer can become an FAQ entry."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "sunny.faq",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_name": self.public_title,
                "default_answer": self.public_reply,
                "default_category_id": self.category_id.id,
                "default_case_id": self.id,
            },
        }
