"""The register of who read the identity of a confidential case, and when.

The identity of a submitter is read through the case's ``submitter_*`` fields
(``sunny_case_identity.py``) and shown in full by ``submitter_display``: both are
computed fields, so every read of them by a person (not by the superuser, which
is how the service's own code and the public pages read them) passes through their
compute, which writes a line here for each confidential case it reveals. One line
per reader and case in a transaction (a form that reads the three fields and the
display makes one line). Nobody edits or deletes a line: the center manager and
discipline inspection read them."""

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError

# cr.cache key: the (user, case) pairs already written in this transaction
LOGGED_KEY = "sunny_identity_access_logged"


class SunnyIdentityAccess(models.Model):
    _name = "sunny.identity.access"
    _description = "Identity Access Log"
    _order = "date desc, id desc"
    _rec_name = "case_id"

    user_id = fields.Many2one("res.users", string="Read by", required=True, readonly=True, index=True)
    case_id = fields.Many2one("sunny.case", string="Case", required=True, readonly=True, index=True, ondelete="cascade")
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now, index=True)

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(self.env._("The identity access log cannot be changed."))

    def unlink(self):  # pylint: disable=method-required-super
        raise UserError(self.env._("The identity access log cannot be deleted."))

    @api.model
    def _log_reads(self, cases):
        """Record that the current user read the identity of the confidential cases
        among ``cases`` (a person, not the superuser); once per transaction."""
        if self.env.su or not cases:
            return
        uid = self.env.uid
        logged = self.env.cr.cache.setdefault(LOGGED_KEY, set())
        new = [case_id for case_id in cases.filtered("is_confidential").ids if (uid, case_id) not in logged]
        if not new:
            return
        if self.env.cr.readonly:
            # a read-only request (the web client's reads): Odoo serves it again with a
            # read/write cursor on this error, so that the read is logged, not lost
            raise psycopg2.errors.ReadOnlySqlTransaction("the identity access log is written on this read")
        logged.update((uid, case_id) for case_id in new)
        self.sudo().create([{"user_id": uid, "case_id": case_id} for case_id in new])


class SunnyCase(models.Model):
    _inherit = "sunny.case"  # pylint: disable=consider-merging-classes-inherited

    identity_access_ids = fields.One2many(
        "sunny.identity.access",
        "case_id",
        string="Identity Reads",
        groups="sunny_service.group_center_manager,sunny_service.group_discipline",
    )

    def _compute_submitter_identity(self):
        res = super()._compute_submitter_identity()
        if not self.env.su:
            revealed = self.filtered(lambda case: case.submitter_name or case.submitter_phone or case.submitter_email)
            self.env["sunny.identity.access"]._log_reads(revealed)
        return res

    def _compute_submitter_display(self):
        res = super()._compute_submitter_display()
        if not self.env.su:
            shown = self.filtered(lambda case: case.is_confidential and not case.is_anonymous and case.id)
            if shown and shown._sunny_may_know_submitter():
                self.env["sunny.identity.access"]._log_reads(shown.filtered("submitter_display"))
        return res
