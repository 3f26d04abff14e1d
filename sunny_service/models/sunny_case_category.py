from odoo import api, fields, models


class SunnyCaseCategory(models.Model):
    """A topic of cases (教学, 后勤, 财务 …), routed by default to a unit."""

    _name = "sunny.case.category"
    # the public form lists them from a cache (sunny.case._public_form_choices)
    _inherit = ["sunny.cache.mixin"]
    _description = "Case Category"
    _parent_store = True
    _order = "sequence, complete_name, id"
    _rec_name = "complete_name"

    name = fields.Char(string="Category Name", required=True)
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    parent_id = fields.Many2one("sunny.case.category", string="Parent Category", index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("sunny.case.category", "parent_id", string="Sub-categories")
    default_unit_id = fields.Many2one(
        "sunny.unit",
        string="Default Unit",
        help="Cases of this topic are proposed to this unit.",
    )
    is_public = fields.Boolean(
        string="On the Public Form",
        default=True,
        help="Visitors can choose this category on the public submission form.",
    )
    description = fields.Text()

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for category in self:
            if category.parent_id:
                category.complete_name = f"{category.parent_id.complete_name} / {category.name}"
            else:
                category.complete_name = category.name

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise models.ValidationError(self.env._("A category cannot be its own parent."))
