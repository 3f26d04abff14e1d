"""The university's time and language: its time zone, its local dates, its
working-day deadlines, and the language the jobs write in."""

import datetime

import pytz

from odoo import api, fields, models

DEFAULT_TZ = "Asia/Shanghai"


class SunnyCalendar(models.AbstractModel):
    """The one calendar of the university, as ``resource.calendar`` owns ``tz`` and
    ``plan_days`` for a working schedule: the time zone is the system parameter
    ``sunny_service.timezone`` (Asia/Shanghai by default), the working days come from
    ``sunny.holiday``.

    Datetimes go in and out as naive UTC, as Odoo stores them. Nothing else converts
    them: what the service writes or shows (deadlines, notes, mails, reports) is in
    the university's time whatever the time zone of the user or of the cron user.
    No method costs a query once the parameter and the year's schedule are cached.
    """

    _name = "sunny.calendar"
    _description = "University Calendar"

    @api.model
    def lang(self):
        """The university's language: what a job writes for no one reader in
        particular (chatter and supervision notes, to-do summaries) is in it, never in
        the cron user's en_US. The system parameter ``sunny_service.lang`` when it
        names an active language, else Chinese when it is installed, else the
        company's language."""
        active = {code for code, _name in self.env["res.lang"].get_installed()}
        for code in (
            self.env["ir.config_parameter"].sudo().get_param("sunny_service.lang"),
            "zh_CN",
            self.env.company.partner_id.lang,
        ):
            if code in active:
                return code
        return "en_US"

    @api.model
    def langs_of(self, partners):
        """``{lang: partners}``: ``partners`` grouped by the language they read, so
        that each group gets one text in its own language (the university's for a
        partner whose language is unset or no longer active)."""
        active = {code for code, _name in self.env["res.lang"].get_installed()}
        default = None
        groups = {}
        for partner in partners:
            lang = partner.lang
            if lang not in active:
                default = default or self.lang()
                lang = default
            groups[lang] = groups.get(lang, partner.browse()) | partner
        return groups

    @api.model
    def tz(self):
        """The university's time zone (a pytz zone)."""
        name = self.env["ir.config_parameter"].sudo().get_param("sunny_service.timezone") or DEFAULT_TZ
        return pytz.timezone(name)

    @api.model
    def _to_local(self, dt):
        return pytz.utc.localize(dt).astimezone(self.tz())

    @api.model
    def to_utc(self, local):
        """The naive UTC datetime of ``local``, a naive datetime on the university's clock."""
        return self.tz().localize(local).astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def local_date(self, dt):
        """The university's date at the moment ``dt`` (naive UTC); False for no moment."""
        return self._to_local(dt).date() if dt else False

    @api.model
    def today(self):
        return self.local_date(fields.Datetime.now())

    @api.model
    def format_local(self, dt, with_time=True):
        """``dt`` (naive UTC) as the university reads it: "2026-11-26 23:59", or
        "2026-11-26" without the time; "" for no moment."""
        if not dt:
            return ""
        return self._to_local(dt).strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")

    @api.model
    def _end_of_day(self, day):
        """The last second of the local ``day``, as naive UTC."""
        return self.to_utc(datetime.datetime.combine(day, datetime.time(23, 59, 59)))

    @api.model
    def deadline(self, start, workdays):
        """The end of working day ``workdays`` after the local day of ``start`` (a naive
        UTC datetime, or a local date), as naive UTC: day 1 is the first working day
        after that day. Raises UserError when the walk crosses a year whose schedule is
        not loaded (see ``sunny.holiday.add_workdays``)."""
        day = self.local_date(start) if isinstance(start, datetime.datetime) else start
        return self._end_of_day(self.env["sunny.holiday"].add_workdays(day, workdays))

    @api.model
    def due_soon_threshold(self):
        """Now plus one working day, at the same local time: a deadline before it is due soon."""
        local_now = self._to_local(fields.Datetime.now()).replace(tzinfo=None)
        next_day = self.env["sunny.holiday"].add_workdays(local_now.date(), 1)
        return self.to_utc(datetime.datetime.combine(next_day, local_now.time()))

    @api.model
    def period_bounds(self, date_from, date_to):
        """``[start, end)`` in naive UTC of the local days ``date_from`` .. ``date_to``."""
        return (
            self.to_utc(datetime.datetime.combine(date_from, datetime.time.min)),
            self.to_utc(datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time.min)),
        )
