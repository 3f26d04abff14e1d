from odoo import fields, models
from odoo.tools import create_index


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

    def init(self):
        res = super().init()
        # the bulletins and assessments select cases by their deadlines
        for column in ("reply_deadline", "resolve_deadline"):
            create_index(
                self.env.cr, f"sunny_case_{column}_report_index", self._table, [column], where=f"{column} IS NOT NULL"
            )
        return res

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
