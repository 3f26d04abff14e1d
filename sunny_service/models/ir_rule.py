from odoo import models
from odoo.exceptions import AccessError


class IrRule(models.Model):
    _inherit = "ir.rule"

    def _make_access_error(self, operation, records):
        # Odoo's message lists the records (their case numbers) to users in debug
        # mode: a refusal must not tell anyone which case they stumbled upon
        if records._name.startswith("sunny."):
            return AccessError(self.env._(
                "You may not see this case or its records: it is not given to you, or no longer is."))
        return super()._make_access_error(operation, records)
