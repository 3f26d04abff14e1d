from odoo import models


class ResGroups(models.Model):
    _inherit = "res.groups"

    def write(self, vals):
        # people added to a role (or removed) from the group's side get (or lose) the
        # service's home action too (see res.users._sunny_set_home_action)
        before = self.users if "users" in vals else self.env["res.users"]
        res = super().write(vals)
        if "users" in vals:
            (before | self.users)._sunny_set_home_action()
        return res
