import datetime
import logging

from odoo import api, fields, models, tools
from odoo.exceptions import UserError

# chinesecalendar names holidays in English; the calendar shows them in Chinese.
HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


_logger = logging.getLogger(__name__)


class SunnyHoliday(models.Model):
    """A day of China's working calendar that differs from Monday–Friday.

    ``holiday`` is a weekday off (statutory holiday), ``workday`` a weekend day
    worked (调休 make-up day). A year counts as scheduled when it has at least one
    record: every year has New Year's Day.
    """

    _name = "sunny.holiday"
    _description = "Working Calendar Day"
    _inherit = ["sunny.cache.mixin"]
    _order = "date"

    date = fields.Date(required=True, index=True)
    kind = fields.Selection(
        [("holiday", "Holiday"), ("workday", "Make-up Workday")],
        required=True,
        default="holiday",
    )
    name = fields.Char(string="Holiday Name", required=True)
    year = fields.Integer(compute="_compute_year", store=True, index=True)

    _sql_constraints = [
        ("date_unique", "unique(date)", "This date is already in the working calendar."),
    ]

    @api.depends("date")
    def _compute_year(self):
        for day in self:
            day.year = day.date.year if day.date else 0

    @api.constrains("date", "kind")
    def _check_kind(self):
        for day in self:
            weekend = day.date.weekday() >= 5
            if day.kind == "workday" and not weekend:
                raise models.ValidationError(
                    self.env._(
                        "%(date)s is a weekday: only a Saturday or Sunday can be a make-up workday.", date=day.date
                    )
                )
            if day.kind == "holiday" and weekend:
                raise models.ValidationError(
                    self.env._("%(date)s is a weekend day, already off: record only weekday holidays.", date=day.date)
                )

    @api.model_create_multi
    def create(self, vals_list):
        dates = [fields.Date.to_date(vals.get("date")) for vals in vals_list]
        taken = set(self.sudo().search([("date", "in", dates)]).mapped("date"))
        taken |= {day for day in dates if dates.count(day) > 1}
        if taken:
            raise models.ValidationError(
                self.env._("Already in the working calendar: %s", ", ".join(sorted(str(d) for d in taken)))
            )
        days = super().create(vals_list)
        self.env["sunny.holiday.year"]._close_entered(set(days.mapped("year")))
        return days

    @api.model
    @tools.ormcache("year")
    def _get_year_schedule(self, year):
        """Return (holidays, workdays) of ``year`` as frozensets, or None when not loaded."""
        rows = self.sudo().search_fetch([("year", "=", year)], ["date", "kind"])
        if not rows:
            return None
        return (
            frozenset(r.date for r in rows if r.kind == "holiday"),
            frozenset(r.date for r in rows if r.kind == "workday"),
        )

    @api.model
    def _check_year_loaded(self, year):
        if self._get_year_schedule(year) is None:
            raise UserError(
                self.env._(
                    "The working calendar of %(year)s is not loaded: deadlines cannot be computed. "
                    "An administrator must load or enter the %(year)s holiday schedule "
                    "(Sunshine Service › Configuration › Working Calendar).",
                    year=year,
                )
            )

    @api.model
    def is_workday(self, day):
        self._check_year_loaded(day.year)
        holidays, workdays = self._get_year_schedule(day.year)
        if day in workdays:
            return True
        return day.weekday() < 5 and day not in holidays

    @api.model
    def add_workdays(self, day, n):
        """Return the date of working day ``n`` after ``day`` (day 1 is the first
        working day after ``day``). Raises UserError when the walk crosses a year
        whose schedule is not loaded. One query per year, cached afterwards."""
        if isinstance(day, datetime.datetime):
            day = day.date()
        if n < 0:
            raise UserError(self.env._("The number of working days cannot be negative."))
        current = day
        counted = 0
        while counted < n:
            current += datetime.timedelta(days=1)
            if self.is_workday(current):
                counted += 1
        return current

    @api.model
    def load_year(self, year):
        """Load ``year`` from the chinesecalendar package. Idempotent: dates already
        in the calendar (loaded before or entered by hand) are kept as they are."""
        import chinese_calendar

        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        try:
            workdays = chinese_calendar.get_workdays(start, end, include_weekends=True)
            holidays = chinese_calendar.get_holidays(start, end, include_weekends=False)
        except NotImplementedError as e:
            raise UserError(
                self.env._(
                    "The chinesecalendar package has no schedule for %(year)s yet: "
                    "enter it by hand from the State Council's notice.",
                    year=year,
                )
            ) from e
        existing = set(self.sudo().search([("year", "=", year)]).mapped("date"))
        # the calendar is everyone's, and the daily job loads it as OdooBot: the university's language
        env = self.with_context(lang=self.env["sunny.calendar"].lang()).env
        vals_list = []
        for day in holidays:
            if day.weekday() < 5 and day not in existing:
                name = chinese_calendar.get_holiday_detail(day)[1] or ""
                vals_list.append({"date": day, "kind": "holiday", "name": HOLIDAY_NAMES_ZH.get(name, name)})
        for day in workdays:
            if day.weekday() >= 5 and day not in existing:
                name = chinese_calendar.get_holiday_detail(day)[1] or ""
                vals_list.append(
                    {
                        "date": day,
                        "kind": "workday",
                        "name": env._("Make-up workday (%s)", HOLIDAY_NAMES_ZH.get(name, name)),
                    }
                )
        return self.sudo().create(vals_list)

    @api.model
    def _load_known_years(self):
        """Data hook: load every year chinesecalendar knows from last year on."""
        import chinese_calendar

        this_year = self.env["sunny.calendar"].today().year
        for year in range(this_year - 1, this_year + 2):
            try:
                chinese_calendar.is_workday(datetime.date(year, 6, 1))
            except NotImplementedError:
                continue
            self.load_year(year)

    @api.model
    def _cron_check_next_year(self):
        """From November on, load next year's schedule when chinesecalendar has it;
        otherwise give each center manager a to-do to enter it, kept until it is
        entered (no mail that a missing mail server would lose)."""
        today = self.env["sunny.calendar"].today()
        next_year = today.year + 1
        if today.month < 11 or self._get_year_schedule(next_year) is not None:
            return
        try:
            self.load_year(next_year)
            return
        except UserError as error:
            # chinesecalendar has no schedule for that year yet: the managers enter it
            _logger.info("Working calendar of %s not loaded: %s", next_year, error)
        self.env["sunny.holiday.year"]._ask_managers(next_year)
