"""18.0.1.0.1: what was stored before the reports decided identities for the readers.

- The register kept with each bound volume was written with the identities its
  binder (the center) may see, and the leadership downloads the ordinary volumes:
  write every one again for its readers.
- Topics were read by everyone: those of discipline inspection become confidential.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["sunny.register.volume"].search([("state", "=", "bound")])._store_register()
    discipline = env.ref("sunny_service.group_discipline").users
    staff = env.ref("sunny_service.group_center_staff").users
    env["sunny.topic"].search([("user_id", "in", (discipline - staff).ids)]).write({"is_confidential": True})
