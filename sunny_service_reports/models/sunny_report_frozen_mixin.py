from odoo import api, models


class SunnyReportFrozenMixin(models.AbstractModel):
    """Lines of a report document (bulletin, assessment) change only while the
    document is a draft: its ``_check_draft()`` (``sunny.report.document.mixin``)
    says why not."""

    _name = "sunny.report.frozen.mixin"
    _description = "Lines Frozen with Their Report"
    _report_field = None  # the Many2one to the document, set by each model

    def _report_documents(self):
        return self.mapped(self._report_field)

    @api.model_create_multi
    def create(self, vals_list):
        comodel = self.env[self._fields[self._report_field].comodel_name]
        comodel.browse({vals.get(self._report_field) for vals in vals_list} - {None, False})._check_draft()
        return super().create(vals_list)

    def write(self, vals):
        self._report_documents()._check_draft()
        return super().write(vals)

    def unlink(self):
        self._report_documents()._check_draft()
        return super().unlink()
