from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .sunny_case import UNIT_STATES

TODO_TYPE = "sunny_service.mail_activity_type_extension"


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
    # what the decision does to the case: the deadlines it was, or would be, decided on
    resolve_deadline_before = fields.Datetime(
        string="Resolution Deadline Now",
        compute="_compute_resolve_deadlines",
        help="The case's resolution deadline before the extension.",
    )
    resolve_deadline_after = fields.Datetime(
        string="Resolution Deadline if Approved",
        compute="_compute_resolve_deadlines",
        help="The resolution deadline the extension gives: the one it gave once approved.",
    )

    _sql_constraints = [
        ("days_positive", "CHECK(days > 0)", "An extension is a positive number of working days."),
    ]

    @api.depends("case_id.name")
    def _compute_display_name(self):
        for request in self:
            request.display_name = self.env._("Extension Request %s", request.case_id.name or "")

    @api.depends("state", "days", "old_deadline", "new_deadline", "case_id.resolve_deadline")
    def _compute_resolve_deadlines(self):
        Calendar = self.env["sunny.calendar"]
        for request in self:
            if request.state != "pending":
                request.resolve_deadline_before = request.old_deadline
                request.resolve_deadline_after = request.new_deadline
                continue
            current = request.case_id.resolve_deadline
            request.resolve_deadline_before = current
            try:
                request.resolve_deadline_after = (
                    current and request.days > 0 and Calendar.deadline(current, request.days)
                )
            except UserError:
                # a year whose schedule is not loaded: the administrator is warned elsewhere
                request.resolve_deadline_after = False

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
        self.sudo().case_id._close_todos(TODO_TYPE, self.env._("Extension approved."))
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
        self.sudo().case_id._close_todos(TODO_TYPE, self.env._("Extension refused."))
        return True

    def action_open(self):
        """The request on its own page, where the manager approves or refuses it."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
