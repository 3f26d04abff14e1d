"""Publication of a case on /sunny/public: what its public texts may not hold.

The case's own submitter (name, phone, e-mail, read as superuser: the check
does not depend on what the publisher may read) is refused outright; anything
else that looks like personal data (tools/personal_data.py) is a warning the
center manager confirms in sunny.case.publish.wizard."""

from odoo import Command, _lt, models
from odoo.exceptions import UserError

from ..tools import personal_data

PUBLIC_TEXTS = ("public_title", "public_content", "public_reply")
KIND_LABELS = {
    personal_data.NAME: _lt("name"),
    personal_data.PHONE: _lt("phone number"),
    personal_data.ID_NUMBER: _lt("ID card number"),
    personal_data.EMAIL: _lt("e-mail address"),
    personal_data.NUMBER: _lt("student or staff number"),
}


class SunnyCase(models.Model):
    _inherit = "sunny.case"

    def _sunny_public_text_label(self, field):
        return self._fields[field].get_description(self.env)["string"]

    def _sunny_check_publication_identity(self):
        """Refuse to publish texts holding the case's own submitter: their name, phone
        or e-mail as filed, or those of the account that filed it. The message names
        the text and the kind of data, never the data."""
        for case in self.sudo():
            partner = case.partner_id
            names = [case.submitter_name, partner.name]
            phones = [case.submitter_phone, partner.phone, partner.mobile]
            emails = [case.submitter_email, partner.email]
            for field in PUBLIC_TEXTS:
                kinds = personal_data.identity_in_text(case[field], names, phones, emails)
                if kinds:
                    raise UserError(
                        self.env._(
                            "The %(text)s of case %(case)s contains its submitter's %(what)s: remove it before "
                            "publishing. A case is published without anything that identifies its submitter.",
                            text=self._sunny_public_text_label(field),
                            case=case.name,
                            what=", ".join(str(KIND_LABELS[kind]) for kind in sorted(kinds)),
                        )
                    )

    def _sunny_publication_findings(self):
        """What looks like personal data in the public texts: a list of dicts
        (case id, the text's label, the kind's label, the masked value)."""
        findings = []
        for case in self.sudo():
            for field in PUBLIC_TEXTS:
                for finding in personal_data.find_personal_data(case[field]):
                    findings.append(
                        {
                            "case_id": case.id,
                            "text": self._sunny_public_text_label(field),
                            "kind": str(KIND_LABELS[finding.kind]),
                            "masked": personal_data.mask(finding.kind, finding.value),
                        }
                    )
        return findings

    def _sunny_publication_warning(self):
        """The confirmation wizard listing what looks like personal data in the
        public texts, or None when nothing does."""
        findings = self._sunny_publication_findings()
        if not findings:
            return None
        wizard = self.env["sunny.case.publish.wizard"].create(
            {
                "case_ids": [Command.set(self.ids)],
                "line_ids": [Command.create(finding) for finding in findings],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Personal data in the public texts?"),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }
