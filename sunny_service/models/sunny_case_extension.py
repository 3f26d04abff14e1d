from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .sunny_case import UNIT_STATES


class SunnyCaseExtension(models.Model):
    """延期: a unit asks for more working days to settle a case."""

    _name = "sunny.case.extension"
    _description = "Extension Request"
    _inherit = ["sunny.case.record.mixin"]
    _order = "create_date desc, id desc"
    # the manager may prepare the comment; the decision goes through Approve and Refuse
    _hand_written_fields = frozenset({"decision_comment"})

    days = fields.Integer(string="Working Days", required=True)
    reason = fields.Text(required=True)
    requested_by = fields.Many2one("res.users", required=True)
    # the author and date of every case record: here who asked, and when
    user_id = fields.Many2one(related="requested_by")
    date = fields.Datetime(related="create_date", string="Requested", default=None, required=False, index=False)
    state = fields.Selection(
        [("pending", "Pending"), ("approved", "Approved"), ("refused", "Refused")],
        default="pending",
        required=True,
        index=True,
    )
    decided_by = fields.Many2one("res.users", readonly=True)
    decided_date = fields.Datetime(readonly=True, index=True)
    decision_comment = fields.Text()
    old_deadline = fields.Datetime(string="Deadline Before", readonly=True)
    new_deadline = fields.Datetime(string="Deadline After", readonly=True)

    _sql_constraints = [
        ("days_positive", "CHECK(days > 0)", "An extension is a positive number of working days."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        for request in requests:
            request.case_id.message_post(
                body=self.env._(
                    "Extension of %(days)s working days requested: %(reason)s", days=request.days, reason=request.reason
                ),
                subtype_xmlid="mail.mt_note",
            )
        return requests

    def _workflow_only_error(self):
        return self.env._("Extension requests change only through Approve and Refuse.")

    def _check_manager(self):
        if not (self.env.su or self.env.user.has_group("sunny_service.group_center_manager")):
            raise AccessError(self.env._("Only the center manager decides on extensions."))
        if any(request.state != "pending" for request in self):
            raise UserError(self.env._("This extension request was already decided."))

    def action_approve(self, comment=None):
        self._check_manager()
        Calendar = self.env["sunny.calendar"]
        now = fields.Datetime.now()
        for request in self.sudo():
            case = request.case_id
            if case.state not in UNIT_STATES or not case.resolve_deadline:
                # returned to the center, answered or closed since the request: nothing to extend
                raise UserError(
                    self.env._(
                        "Case %s is no longer being handled by a unit: this extension can only be refused.", case.name
                    )
                )
            old = case.resolve_deadline
            new = Calendar.deadline(old, request.days)
            request.write(
                {
                    "state": "approved",
                    "decided_by": self.env.uid,
                    "decided_date": now,
                    "decision_comment": comment,
                    "old_deadline": old,
                    "new_deadline": new,
                }
            )
            case.write({"resolve_deadline": new})
            case._refresh_deadline_state()
            case.message_post(
                body=self.env._(
                    "Extension approved: %(days)s working days. %(comment)s", days=request.days, comment=comment or ""
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_refuse(self, comment=None):
        self._check_manager()
        comment = comment or " ".join(filter(None, self.mapped("decision_comment")))
        if not (comment or "").strip():
            raise UserError(self.env._("Please give the reason for refusing the extension."))
        now = fields.Datetime.now()
        for request in self.sudo():
            request.write(
                {
                    "state": "refused",
                    "decided_by": self.env.uid,
                    "decided_date": now,
                    "decision_comment": comment,
                }
            )
            request.case_id.message_post(
                body=self.env._("Extension refused: %s", comment), subtype_xmlid="mail.mt_note"
            )
        return True
