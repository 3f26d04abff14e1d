from odoo import fields, models


class SunnyCasePublishWizard(models.TransientModel):
    """Confirmation before publishing texts that look like they hold personal data
    (names, phones, ID numbers, e-mails, student numbers, masked here): the center
    manager rewrites them, or publishes anyway when they are not personal (a unit's
    public phone line, say)."""

    _name = "sunny.case.publish.wizard"
    _description = "Publish Cases with Possible Personal Data"

    case_ids = fields.Many2many("sunny.case", string="Cases", required=True, readonly=True)
    line_ids = fields.One2many(
        "sunny.case.publish.wizard.line", "wizard_id", string="Possible Personal Data", readonly=True
    )

    def _signature(self, findings):
        return sorted((f["case_id"], f["text"], f["kind"], f["masked"]) for f in findings)

    def action_confirm(self):
        self.ensure_one()
        cases = self.case_ids
        listed = self.line_ids.read(["case_id", "text", "kind", "masked"], load=None)
        if self._signature(cases._sunny_publication_findings()) != self._signature(listed):
            # the texts changed since this list was made: confirm the new list
            return cases.action_publish()
        cases.action_publish(confirmed=True)
        return {"type": "ir.actions.act_window_close"}


class SunnyCasePublishWizardLine(models.TransientModel):
    _name = "sunny.case.publish.wizard.line"
    _description = "Possible Personal Data in a Public Text"
    _order = "id"

    wizard_id = fields.Many2one("sunny.case.publish.wizard", string="Confirmation", required=True, ondelete="cascade")
    case_id = fields.Many2one("sunny.case", string="Case", readonly=True)
    text = fields.Char(string="Public Text", readonly=True)
    kind = fields.Char(string="Looks Like", readonly=True)
    masked = fields.Char(string="Found (masked)", readonly=True)
