from odoo import SUPERUSER_ID, models

from ..tools.service_author import service_author


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _to_store(self, store):
        """A to-do a job gave ("Created … by") reads 教育阳光服务, not OdooBot."""
        result = super()._to_store(store)
        by_system = self.filtered(lambda a: a.create_uid.id == SUPERUSER_ID)
        if by_system:
            name = service_author(self.env).partner.name
            for activity in by_system:
                store.add(activity, {"create_uid": [SUPERUSER_ID, name]})
        return result
