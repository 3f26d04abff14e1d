from odoo import api, models
from odoo.exceptions import AccessError
from odoo.osv import expression


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    def _compute_domain(self, model_name, mode="read"):
        domain = super()._compute_domain(model_name, mode)
        # the workflow records of a case (sunny.case.record.mixin) follow the rules of
        # their case, as Odoo makes an _inherits child follow those of its parent: a rule
        # domain on case_id would be evaluated as superuser, not with the case's rules
        field = getattr(self.pool[model_name], "_case_rule_field", None)
        if field and (case_domain := self._compute_domain("sunny.case", mode)):
            domain = expression.AND([domain, [(field, "any", case_domain)]])
        return domain

    def _make_access_error(self, operation, records):
        # Odoo's message lists the records (their case numbers) to users in debug
        # mode: a refusal must not tell anyone which case they stumbled upon
        if records._name.startswith("sunny."):
            return AccessError(
                self.env._("You may not see this case or its records: it is not given to you, or no longer is.")
            )
        return super()._make_access_error(operation, records)
