from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# what may still change on a frozen document: its chatter
MAIL_PREFIXES = ("message_", "activity_", "website_message_")


class SunnyReportDocumentMixin(models.AbstractModel):
    """A report document of the center over a period (月通报 bulletin, 年度考核
    assessment): created as a draft, computed, then frozen for good (sent, signed)
    together with its lines (``sunny.report.frozen.mixin``).

    Each document adds its frozen state to ``state``, names the fields of its period
    in ``_period_fields`` and says in ``_period_error()`` what is wrong with one;
    the database enforces the same with a ``period_check`` CHECK constraint of the
    document's ``_sql_constraints``."""

    _name = "sunny.report.document.mixin"
    _description = "Sunshine Service Report Document"
    _inherit = ["mail.thread"]
    _period_fields = ()

    state = fields.Selection(
        [("draft", "Draft")], default="draft", required=True, readonly=True, tracking=True, index=True
    )

    @api.constrains(lambda self: self._period_fields)
    def _check_period(self):
        for document in self:
            if error := document._period_error():
                raise ValidationError(error)

    def _period_error(self):
        """Why the period of this document cannot be, or None."""
        return None

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._add_missing_default_values(vals) for vals in vals_list]
        for vals in vals_list:
            if vals["state"] != "draft":
                raise UserError(self._draft_only_error())
            # the CHECK constraint refuses a wrong period at the INSERT, before any Python
            # constraint, with a bare IntegrityError: say what is wrong first
            self.new(vals)._check_period()
        return super().create(vals_list)

    def write(self, vals):
        if any(not key.startswith(MAIL_PREFIXES) for key in vals):
            self._check_draft()
        return super().write(vals)

    def unlink(self):
        self._check_draft()
        return super().unlink()

    def _check_draft(self):
        frozen = self.filtered(lambda document: document.state != "draft")
        if frozen:
            raise UserError(frozen._frozen_error())

    def _draft_only_error(self):
        """Why a document cannot be created in another state than draft."""
        raise NotImplementedError

    def _frozen_error(self):
        """Why the frozen documents ``self`` cannot change any more."""
        raise NotImplementedError
