"""Who signs the messages of a case that nobody in particular writes: what the
superuser writes (scheduled jobs, the mail gateway, the public pages working as
superuser) is signed by the service (教育阳光服务), what the public user writes (a
visitor without an account on the public form or the query page) by "提交人";
never by Odoo's "OdooBot". See ``tools/service_author.py``."""

from odoo import SUPERUSER_ID, models

from ..tools.service_author import service_author, submitter_author


class SunnyCase(models.Model):
    _inherit = "sunny.case"

    def _message_compute_author(self, author_id=None, email_from=None, raise_on_email=True):
        if author_id is None and not email_from:
            signature = None
            if self.env.uid == SUPERUSER_ID:
                signature = service_author(self.env)
            elif self.env.user._is_public():
                signature = submitter_author(self.env)
            if signature and signature.partner:
                author_id, email_from = signature.partner.id, signature.email_from
        return super()._message_compute_author(author_id, email_from, raise_on_email=raise_on_email)

    def _sunny_system_partners(self):
        """The contacts that sign for the system: never taken for an outsider."""
        root = self.env["ir.model.data"]._xmlid_to_res_id("base.partner_root")
        return self.env["res.partner"].browse(root) | service_author(self.env).partner
