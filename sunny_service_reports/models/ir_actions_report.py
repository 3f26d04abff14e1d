from odoo import models

from ..tools.server import local_http_url


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _get_report_url(self, layout=None):
        """wkhtmltopdf loads the report's CSS from this address: the server's own
        HTTP address unless the administrator set ``report.url``, never
        ``web.base.url``, which may name another port or a proxy (the monthly job
        renders without any browser having set it)."""
        if self.env["ir.config_parameter"].sudo().get_param("report.url"):
            return super()._get_report_url(layout=layout)
        return local_http_url() or super()._get_report_url(layout=layout)
