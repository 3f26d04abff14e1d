from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _auth_method_public(cls):
        """The public user of a visitor without a session, from the cached xml id. Odoo
        takes it with ``env.ref()``, which reads the user to check it exists: a query
        on every public request, twice (routing, then authentication). With the website
        module, the website's own public user is left to it."""
        if request.env.uid is None and "website" not in request.env.registry:
            public_user_id = request.env["ir.model.data"]._xmlid_to_res_id("base.public_user", raise_if_not_found=True)
            request.update_env(user=public_user_id)
            return
        super()._auth_method_public()
