from odoo import api, fields, models
from odoo.tools import SQL, create_index, sql

FILL_BATCH = 10000  # cases whose title words are filled per statement on an existing database


class SunnyCase(models.Model):
    _inherit = "sunny.case"

    register_volume_id = fields.Many2one(
        "sunny.register.volume",
        string="Register Volume",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The bound volume of the register (台账) this archived case is filed in.",
    )
    # the hot topics of the bulletin and the dashboard are counted by SQL from these
    # words, cut once when the title is written (sunny.report.figures._top_words)
    title_words = fields.Char(
        compute="_compute_title_words",
        store=True,
        precompute=True,
        readonly=True,
        groups="base.group_system",
        help="The words of the title the hot topics count, each once, separated by spaces.",
    )

    def _auto_init(self):
        # an existing database gets the words of its titles in batches of SQL updates,
        # not by the ORM computing and writing every case one by one
        cr = self.env.cr
        fill = sql.table_exists(cr, self._table) and not sql.column_exists(cr, self._table, "title_words")
        if fill:
            sql.create_column(cr, self._table, "title_words", "varchar")
        res = super()._auto_init()
        if fill:
            self._fill_title_words()
        return res

    def init(self):
        res = super().init()
        # the bulletins and assessments select cases by their deadlines
        for column in ("reply_deadline", "resolve_deadline"):
            create_index(
                self.env.cr, f"sunny_case_{column}_report_index", self._table, [column], where=f"{column} IS NOT NULL"
            )
        return res

    @api.depends("title")
    def _compute_title_words(self):
        Figures = self.env["sunny.report.figures"]
        for case in self:
            case.title_words = Figures._title_words_text(case.title)

    def _add_precomputed_values(self, vals_list):
        # the words of each title from its value, without a new record per case
        Figures = self.env["sunny.report.figures"]
        for vals in vals_list:
            if "title_words" not in vals and "title" in vals:
                vals["title_words"] = Figures._title_words_text(vals["title"])
        return super()._add_precomputed_values(vals_list)

    @api.model
    def _fill_title_words(self):
        """Cut the titles of the cases that have no words yet (an existing database, or
        cases inserted by SQL), in batches of one statement each."""
        Figures = self.env["sunny.report.figures"]
        cr = self.env.cr
        last_id = 0
        while True:
            cr.execute(
                SQL(
                    "SELECT id, title FROM sunny_case WHERE id > %s AND title_words IS NULL ORDER BY id LIMIT %s",
                    last_id,
                    FILL_BATCH,
                )
            )
            rows = cr.fetchall()
            if not rows:
                break
            cr.execute(
                SQL(
                    "UPDATE sunny_case c SET title_words = v.words"
                    " FROM unnest(%s::int[], %s::varchar[]) AS v(id, words) WHERE c.id = v.id",
                    [case_id for case_id, _title in rows],
                    [Figures._title_words_text(title) for _case_id, title in rows],
                )
            )
            last_id = rows[-1][0]
        self.invalidate_model(["title_words"])

    def write(self, vals):
        # the register kept with a bound volume follows a case made confidential (or
        # ordinary) after binding
        bound = self.browse()
        if {"is_confidential", "case_type"} & vals.keys():
            bound = self.sudo().filtered("register_volume_id")
        before = {case.id: case.is_confidential for case in bound}
        res = super().write(vals)
        changed = bound.filtered(lambda case: case.is_confidential != before[case.id])
        if changed:
            changed.register_volume_id._store_register()
        return res

    def _report_filename(self):
        """The name of the case sheet PDF, without extension: "受理交办单 YG2026-000123"."""
        self.ensure_one()
        return self.env._("Case Sheet %s", self.name)

    def _workflow_fields(self):
        # a case is filed in a volume only by binding the volume
        return super()._workflow_fields() | {"register_volume_id"}
