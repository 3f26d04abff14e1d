from odoo import api, fields, models

STAT_KINDS = [
    ("case_type", "Type"),
    ("channel", "Channel"),
    ("category", "Category"),
    ("word", "Frequent Word"),
    ("satisfaction", "Satisfaction"),
    ("month", "Month"),
]


class SunnyBulletinStat(models.Model):
    """One row of a bulletin breakdown: received cases by type, channel or category,
    frequent words of the titles, follow-ups by satisfaction level, cases by month."""

    _name = "sunny.bulletin.stat"
    _description = "Bulletin Breakdown"
    _inherit = ["sunny.report.frozen.mixin"]
    _report_field = "bulletin_id"
    _order = "bulletin_id, kind, sequence, id"

    bulletin_id = fields.Many2one("sunny.bulletin", required=True, index=True, ondelete="cascade")
    kind = fields.Selection(STAT_KINDS, required=True, index=True)
    sequence = fields.Integer(default=10)
    key = fields.Char(help="The value counted: a type, a channel, a word, a level, a month (YYYY-MM).")
    category_id = fields.Many2one("sunny.case.category", string="Category", ondelete="set null")
    label = fields.Char(compute="_compute_label")
    count = fields.Integer()
    share = fields.Float(digits=(5, 4), help="Count / total of the breakdown (received cases, follow-ups).")

    @api.depends("kind", "key", "category_id")
    @api.depends_context("lang")
    def _compute_label(self):
        Case = self.env["sunny.case"]
        selections = {
            kind: dict(Case._fields[field]._description_selection(self.env))
            for kind, field in (("case_type", "case_type"), ("channel", "channel"), ("satisfaction", "satisfaction"))
        }
        for stat in self:
            if stat.kind in selections:
                stat.label = selections[stat.kind].get(stat.key, stat.key)
            elif stat.kind == "category":
                stat.label = stat.category_id.sudo().display_name if stat.category_id else self.env._("Uncategorized")
            else:
                stat.label = stat.key
