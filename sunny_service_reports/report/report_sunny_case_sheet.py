import pytz

from odoo import api, models


def mask_name(name):
    """张三 → 张*, Zhang San → Z********: enough to recognise, not to identify."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(len(name) - 1, 1)


def mask_phone(phone):
    digits = (phone or "").strip()
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def submitter_label(env, case, may_see):
    """The submitter as printed on paper (case sheet, register): "Confidential" for
    a confidential case whoever prints it (whistle-blowers are never on paper),
    "Anonymous", the name and phone for the center, masked for anyone else."""
    sudo_case = case.sudo()
    if case.is_confidential:
        return env._("Confidential")
    if case.is_anonymous:
        return env._("Anonymous")
    name, phone = sudo_case.submitter_name or "", sudo_case.submitter_phone or ""
    if not may_see:
        name, phone = mask_name(name), mask_phone(phone)
    return " · ".join(filter(None, [name, phone])) or "-"


class ReportSunnyCaseSheet(models.AbstractModel):
    """受理交办单: the one-page sheet of a case for the paper file."""

    _name = "report.sunny_service_reports.report_case_sheet"
    _description = "Case Sheet Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["sunny.case"].browse(docids)
        docs.check_access("read")
        may_see = self.env.user.has_group("sunny_service.group_center_staff") or self.env.user.has_group(
            "sunny_service.group_discipline")
        tz = self.env["sunny.case"]._tz()

        def local(moment, with_time=True):
            if not moment:
                return ""
            value = pytz.utc.localize(moment).astimezone(tz)
            return value.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")

        return {
            "doc_ids": docids,
            "doc_model": "sunny.case",
            "docs": docs,
            "submitters": {case.id: submitter_label(self.env, case, may_see) for case in docs},
            "local": local,
        }
