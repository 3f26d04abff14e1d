import datetime
import re

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.holiday_notice import NoticeError, format_day, parse_notice

# "2027-01-01 元旦", "2027年10月1日 国庆节", "2027-01-01（周五）元旦": the weekday is ignored
LINE = re.compile(
    r"^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*(?:[（(]\s*(?:周|星期)[一二三四五六日天]\s*[）)])?\s*(.*)$"
)


class SunnyHolidayYearWizard(models.TransientModel):
    """Enter a year's schedule in one go: paste the State Council's notice, check the
    days read from it (the lines, which stay editable), save them."""

    _name = "sunny.holiday.year.wizard"
    _description = "Enter a Year's Holiday Schedule"

    year = fields.Integer(required=True, default=lambda self: self.env["sunny.calendar"].today().year + 1)
    notice = fields.Text(
        string="State Council's Notice",
        help="Paste the whole notice (国务院办公厅关于…年部分节假日安排的通知): its holidays and make-up "
        "working days are read into the lines below, for you to check before saving.",
    )
    notice_summary = fields.Char(readonly=True)
    holiday_lines = fields.Text(
        string="Holidays",
        help="One weekday off per line: date, then the holiday's name, e.g. 2027-10-01 国庆节",
    )
    workday_lines = fields.Text(
        string="Make-up Workdays",
        help="One weekend workday per line, e.g. 2027-09-26 国庆节调休",
    )

    @api.onchange("notice")
    def _onchange_notice(self):
        if not (self.notice or "").strip():
            self.notice_summary = False
            return None
        try:
            self._read_notice()
        except UserError as error:
            self.notice_summary = False
            return {"warning": {"title": self.env._("The notice cannot be read"), "message": error.args[0]}}
        return None

    def _read_notice(self):
        """Fill the year and the lines from the notice; raise UserError when it cannot be read."""
        try:
            schedule = parse_notice(self.notice, year=self.year, env=self.env)
        except NoticeError as error:
            raise UserError(error.args[0]) from error
        env = self.with_context(lang=self.env["sunny.calendar"].lang()).env
        self.year = schedule.year
        self.holiday_lines = "\n".join(format_day(day, name) for day, name in schedule.holidays.items())
        self.workday_lines = "\n".join(
            format_day(day, env._("Make-up workday (%s)", name)) for day, name in schedule.workdays.items()
        )
        self.notice_summary = self.env._(
            "Read from the notice of %(year)s: %(holidays)s weekdays off and %(workdays)s make-up working "
            "days. Check them against the notice, then save.",
            year=schedule.year,
            holidays=len(schedule.holidays),
            workdays=len(schedule.workdays),
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
        if (self.notice or "").strip() and not (self.holiday_lines or self.workday_lines):
            self._read_notice()  # saved without the form's reading (an import, a script)
        vals_list = self._parse(self.holiday_lines, "holiday") + self._parse(self.workday_lines, "workday")
        if not vals_list:
            raise UserError(self.env._("Enter at least one holiday."))
        self.env["sunny.holiday"].create(vals_list)
        return self.env["ir.actions.act_window"]._for_xml_id("sunny_service.sunny_holiday_action")
