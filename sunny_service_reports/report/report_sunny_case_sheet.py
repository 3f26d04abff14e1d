from odoo import api, models

from ..tools.identity import Readers, submitter_label


class ReportSunnyCaseSheet(models.AbstractModel):
    """受理交办单: the one-page sheet of a case for the paper file."""

    _name = "report.sunny_service_reports.report_case_sheet"
    _description = "Case Sheet Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["sunny.case"].browse(docids)
        docs.check_access("read")
        readers = Readers.current_user(self.env)
        return {
            "doc_ids": docids,
            "doc_model": "sunny.case",
            "docs": docs,
            "submitters": {case.id: submitter_label(case, readers) for case in docs},
            "local": self.env["sunny.calendar"].format_local,
        }
