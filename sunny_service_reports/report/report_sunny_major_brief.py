from odoo import api, models


class ReportSunnyMajorBrief(models.AbstractModel):
    """重大情况通报: the one-page brief of a major case for the leadership. It names
    the unit and the people who handle the case, never the submitter."""

    _name = "report.sunny_service_reports.report_major_brief"
    _description = "Major Case Brief"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["sunny.case"].browse(docids)
        docs.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "sunny.case",
            "docs": docs,
            "local": self.env["sunny.calendar"].format_local,
            "texts": {
                case.id: {
                    "title": case._sunny_brief_text(case.sudo().title),
                    "content": case._sunny_brief_text(case.sudo().content),
                    "reason": case._sunny_brief_text(case.sudo().major_reason),
                }
                for case in docs
            },
            "steps": {case.id: case._sunny_brief_steps() for case in docs},
        }
