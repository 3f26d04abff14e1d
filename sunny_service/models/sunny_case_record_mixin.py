from odoo import api, fields, models
from odoo.exceptions import AccessError


class SunnyCaseRecordMixin(models.AbstractModel):
    """What the workflow records of a case share: returns, extension requests,
    follow-ups and supervision notes. Each belongs to a case and keeps the unit
    that had the case when it was made; it has an author and a date.

    The workflow writes them (as superuser); by hand, nobody changes them but
    for the fields a model leaves open (``_hand_written_fields``).

    They carry no record rules of their own: ``ir.rule`` (``models/ir_rule.py``)
    applies the rules of ``sunny.case`` to them through ``case_id``, the way Odoo
    applies the rules of an ``_inherits`` parent, so that anyone reads (or
    writes) a record exactly when they may read (or write) its case."""

    _name = "sunny.case.record.mixin"
    _description = "Case Workflow Record"
    _order = "date desc, id desc"
    # the many2one through which the rules of the case apply (see models/ir_rule.py)
    _case_rule_field = "case_id"
    # fields someone with write access may change by hand; the others are the workflow's
    _hand_written_fields = frozenset()

    case_id = fields.Many2one("sunny.case", required=True, index=True, ondelete="cascade")
    # the unit in charge when the record was made: a later return does not move it
    unit_id = fields.Many2one(
        "sunny.unit", compute="_compute_unit_id", store=True, precompute=True, index=True, readonly=True
    )
    user_id = fields.Many2one("res.users", string="Author")
    date = fields.Datetime(default=fields.Datetime.now, required=True, index=True)

    @api.depends("case_id")
    def _compute_unit_id(self):
        for record in self:
            record.unit_id = record.case_id.unit_id

    def _add_precomputed_values(self, vals_list):
        # the unit of each record's case, read once for a batch (Odoo computes a
        # precomputed field on a new record per record); as _compute_unit_id does
        todo = [vals for vals in vals_list if "unit_id" not in vals and vals.get("case_id")]
        if todo:
            units = {
                case.id: case.unit_id.id for case in self.env["sunny.case"].sudo().browse({v["case_id"] for v in todo})
            }
            for vals in todo:
                vals["unit_id"] = units[vals["case_id"]]
        return super()._add_precomputed_values(vals_list)

    def write(self, vals):
        if not self.env.su and vals.keys() - self._hand_written_fields:
            raise AccessError(self._workflow_only_error())
        return super().write(vals)

    def _workflow_only_error(self):
        return self.env._(
            "The records of a case (returns, extensions, follow-ups, supervision notes) change only "
            "through the workflow of the case."
        )
