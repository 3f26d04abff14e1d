import datetime
import re

from odoo import fields, models
from odoo.exceptions import UserError

LINE = re.compile(r"^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*(.*)$")


class SunnyHolidayYearWizard(models.TransientModel):
    """Enter a year's schedule from the State Council's notice in one go."""

    _name = "sunny.holiday.year.wizard"
    _description = "Enter a Year's Holiday Schedule"

    year = fields.Integer(required=True, default=lambda self: self.env["sunny.calendar"].today().year + 1)
    holiday_lines = fields.Text(
        string="Holidays",
        help="One weekday off per line: date, then the holiday's name, e.g. 2027-10-01 国庆节",
    )
    workday_lines = fields.Text(
        string="Make-up Workdays",
        help="One weekend workday per line, e.g. 2027-09-26 国庆节调休",
    )

    def _parse(self, text, kind):
        vals_list = []
        for number, line in enumerate((text or "").splitlines(), start=1):
            if not line.strip():
                continue
            match = LINE.match(line)
            try:
                day = datetime.date(*(int(g) for g in match.groups()[:3])) if match else None
            except ValueError:
                day = None
            if not day:
                raise UserError(self.env._("Line %(n)s is not a date: %(line)s", n=number, line=line.strip()))
            if day.year != self.year:
                raise UserError(self.env._("%(day)s is not in %(year)s.", day=day, year=self.year))
            vals_list.append({"date": day, "kind": kind, "name": match.group(4).strip() or kind})
        return vals_list

    def action_load_package(self):
        self.ensure_one()
        self.env["sunny.holiday"].load_year(self.year)
        return self.env["ir.actions.act_window"]._for_xml_id("sunny_service.sunny_holiday_action")

    def action_confirm(self):
        self.ensure_one()
        vals_list = self._parse(self.holiday_lines, "holiday") + self._parse(self.workday_lines, "workday")
        if not vals_list:
            raise UserError(self.env._("Enter at least one holiday."))
        self.env["sunny.holiday"].create(vals_list)
        return self.env["ir.actions.act_window"]._for_xml_id("sunny_service.sunny_holiday_action")
