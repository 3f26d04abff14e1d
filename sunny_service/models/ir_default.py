import json

from odoo import api, models, tools


class IrDefault(models.Model):
    _inherit = "ir.default"

    @api.model
    def _get(self, model_name, field_name, user_id=False, company_id=False, condition=False):
        """A default for everyone (no user, company or condition) read from a cache: the
        site's default language is asked for on every public page (``ir.http``'s
        ``_get_default_lang``), and each asking was two queries. Any change of a default
        clears the cache (``ir.default`` clears the registry's caches)."""
        if user_id or company_id or condition:
            return super()._get(model_name, field_name, user_id, company_id, condition)
        if not self.env.su:
            self.check_access("read")
        json_value = self._get_global_json(model_name, field_name)
        return json.loads(json_value) if json_value else None

    @api.model
    @tools.ormcache("model_name", "field_name")
    def _get_global_json(self, model_name, field_name):
        field = self.env["ir.model.fields"]._get(model_name, field_name)
        default = self.sudo().search_fetch(
            [
                ("field_id", "=", field.id),
                ("user_id", "=", False),
                ("company_id", "=", False),
                ("condition", "=", False),
            ],
            ["json_value"],
            limit=1,
        )
        return default.json_value or None
