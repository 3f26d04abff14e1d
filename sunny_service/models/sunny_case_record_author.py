from odoo import SUPERUSER_ID, api, fields, models

from ..tools.service_author import service_author, submitter_author


class SunnyCaseRecordMixin(models.AbstractModel):
    """Who made a record of a case, as people read it: the user, or the service
    (教育阳光服务) for what a job made, or "提交人" for what a submitter without an
    account did on the public pages; never Odoo's "OdooBot" or "Public user"."""

    _inherit = "sunny.case.record.mixin"

    author_name = fields.Char(string="Signed by", compute="_compute_author_name")

    @api.depends("user_id")
    def _compute_author_name(self):
        service = service_author(self.env).partner.name
        submitter = submitter_author(self.env).partner.name
        for record in self:
            user = record.user_id.sudo()
            if not user or user.id == SUPERUSER_ID:
                record.author_name = service
            elif user._is_public():
                record.author_name = submitter
            else:
                record.author_name = user.name
