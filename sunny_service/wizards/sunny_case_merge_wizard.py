from odoo import api, fields, models


class SunnyCaseMergeWizard(models.TransientModel):
    """Merge duplicates into one case: messages, attachments and followers move to it."""

    _name = "sunny.case.merge.wizard"
    _description = "Merge Duplicate Cases"

    case_ids = fields.Many2many("sunny.case", string="Duplicates", required=True)
    target_id = fields.Many2one(
        "sunny.case",
        string="Keep",
        required=True,
        domain="[('state', 'not in', ('rejected', 'cancelled'))]",
    )

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        case_ids = self.env.context.get("active_ids") or []
        if case_ids:
            cases = self.env["sunny.case"].browse(case_ids).sorted("id")
            res["case_ids"] = [fields.Command.set(cases[1:].ids)]
            res["target_id"] = cases[:1].id
        return res

    def action_merge(self):
        self.ensure_one()
        self.case_ids.action_merge_into(self.target_id)
        return {
            "type": "ir.actions.act_window",
            "res_model": "sunny.case",
            "res_id": self.target_id.id,
            "view_mode": "form",
        }
