from odoo import api, fields, models
from odoo.exceptions import UserError


class SunnyCaseReplyInsertWizard(models.TransientModel):
    """Insert a standard reply (插入标准答复): the answer of an FAQ entry or a canned
    response (Odoo's ``mail.canned.response``, also typed as ``::`` in the chatter)
    is appended to the draft reply of a case, for the officer to adapt."""

    _name = "sunny.case.reply.insert.wizard"
    _description = "Insert a Standard Reply"

    case_id = fields.Many2one("sunny.case", string="Case", required=True, ondelete="cascade")
    source = fields.Selection(
        [("faq", "FAQ entry"), ("canned", "Canned response")], string="From", required=True, default="faq"
    )
    faq_id = fields.Many2one("sunny.faq", string="FAQ Entry", domain="[('is_published', '=', True)]")
    canned_response_id = fields.Many2one("mail.canned.response", string="Canned Response")
    text = fields.Text(string="Text to Insert", compute="_compute_text", readonly=False, store=True)

    @api.depends("source", "faq_id", "canned_response_id")
    def _compute_text(self):
        for wizard in self:
            if wizard.source == "faq":
                wizard.text = wizard.faq_id.answer or False
            else:
                wizard.text = wizard.canned_response_id.substitution or False

    def action_insert(self):
        self.ensure_one()
        text = (self.text or "").strip()
        if not text:
            raise UserError(self.env._("Choose an FAQ entry or a canned response with a text to insert."))
        case = self.case_id
        if case.state not in ("registered", "assigned", "processing"):
            raise UserError(self.env._("The reply of case %s can no longer be drafted.", case.name))
        draft = (case.reply_draft or "").rstrip()
        # a plain write as the user: the case's own rules say who may draft its reply
        case.write({"reply_draft": f"{draft}\n\n{text}" if draft else text})
        if self.source == "canned" and self.canned_response_id:
            self.canned_response_id.sudo().last_used = fields.Datetime.now()
        return {"type": "ir.actions.act_window_close"}
