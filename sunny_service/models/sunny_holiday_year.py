import datetime

from odoo import api, fields, models


class SunnyHolidayYear(models.Model):
    """A year of the working calendar, as the center manager follows it: what the
    to-do "enter the schedule" hangs on while the year is missing (a to-do needs a
    record), and what opens the year wizard."""

    _name = "sunny.holiday.year"
    _description = "Working Calendar Year"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name desc"

    name = fields.Integer(string="Year", required=True)
    day_count = fields.Integer(
        string="Days", compute="_compute_day_count", help="Holidays and make-up workdays entered."
    )
    is_loaded = fields.Boolean(string="Schedule Entered", compute="_compute_day_count")

    _sql_constraints = [
        ("name_unique", "unique(name)", "This year is already in the working calendar."),
    ]

    def _compute_day_count(self):
        counts = dict(
            self.env["sunny.holiday"].sudo()._read_group([("year", "in", self.mapped("name"))], ["year"], ["__count"])
        )
        for year in self:
            year.day_count = counts.get(year.name, 0)
            year.is_loaded = bool(year.day_count)

    @api.depends("name")
    def _compute_display_name(self):
        for year in self:
            year.display_name = self.env._("Working calendar %s", year.name)

    def action_enter_schedule(self):
        """The year wizard, on this year."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sunny_service.sunny_holiday_year_wizard_action")
        action["context"] = {"default_year": self.name}
        return action

    @api.model
    def _ask_managers(self, year):
        """A to-do "enter the ``year`` schedule" for each center manager who has none,
        in the university's language; it stays until the year is entered (see
        ``sunny.holiday.create``). Run daily, it gives one to a new manager too."""
        record = self.sudo().search([("name", "=", year)]) or self.sudo().create({"name": year})
        managers = self.env.ref("sunny_service.group_center_manager").users.filtered(lambda u: not u.share)
        todo = self.env.ref("sunny_service.mail_activity_type_calendar_year")
        asked = record.activity_ids.filtered(lambda a: a.activity_type_id == todo).user_id
        env = self.with_context(lang=self.env["sunny.calendar"].lang()).env
        today = self.env["sunny.calendar"].today()
        # cases assigned from mid-December have deadlines in the new year
        deadline = max(today, datetime.date(year - 1, 12, 15))
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": self.env["ir.model"]._get_id(self._name),
                    "res_id": record.id,
                    "activity_type_id": todo.id,
                    "user_id": manager.id,
                    "date_deadline": deadline,
                    "summary": env._("Enter the %s holiday schedule", year),
                    "note": env._(
                        "The working calendar has no schedule for %(year)s yet: deadlines of cases that reach "
                        "into %(year)s cannot be computed, and their assignment stops. Paste the State Council's "
                        "notice into Configuration › Enter a Year's Schedule, check the days, save.",
                        year=year,
                    ),
                }
                for manager in managers - asked
            ]
        )
        return record

    @api.model
    def _close_entered(self, years):
        """The to-dos of ``years`` are done once their schedule is entered."""
        self.sudo().search([("name", "in", list(years))]).activity_ids.action_feedback()
