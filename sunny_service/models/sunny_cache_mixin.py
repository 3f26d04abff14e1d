from odoo import api, models


class SunnyCacheMixin(models.AbstractModel):
    """For small configuration models read through ``tools.ormcache`` or by the
    (cached) record rules: any change clears the registry's caches so that the
    next read sees it."""

    _name = "sunny.cache.mixin"
    _description = "Cached Configuration"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res
