from odoo import api, fields, models

from ..tools.service_author import service_author
from .sunny_case import UNIT_STATES


class SunnyStation(models.Model):
    """教育阳光服务站: the service desk of one unit, with its information officers."""

    _name = "sunny.station"
    _description = "Service Station"
    # the officers' record rules read the stations and are cached: changes clear caches
    _inherit = ["sunny.cache.mixin"]
    _order = "unit_id, id"

    name = fields.Char(string="Station Name", required=True)
    unit_id = fields.Many2one("sunny.unit", required=True, index=True, ondelete="cascade")
    active = fields.Boolean(default=True)
    officer_ids = fields.Many2many(
        "res.users",
        "sunny_station_officer_rel",
        "station_id",
        "user_id",
        string="Information Officers",
        help="信息员: check the platform every day, pass cases to handlers and submit replies.",
    )
    handler_ids = fields.Many2many(
        "res.users",
        "sunny_station_handler_rel",
        "station_id",
        "user_id",
        string="Handlers",
        help="受理人员: the people who actually solve cases.",
    )
    phone = fields.Char()
    email = fields.Char()
    office = fields.Char(help="Where visitors find the station.")
    hours = fields.Char(string="Office Hours")
    note = fields.Text()

    _sql_constraints = [
        ("unit_unique", "unique(unit_id)", "A unit has one service station."),
    ]

    def write(self, vals):
        units = self.unit_id
        res = super().write(vals)
        if {"officer_ids", "handler_ids", "unit_id", "active"} & vals.keys():
            # a former officer or handler stops hearing about the unit's cases
            (units | self.unit_id)._sunny_sync_open_cases()
        return res

    @api.model
    def _cron_daily_digest(self, batch_size=100):
        """The "browse the platform every day" duty: each officer gets one mail a day
        with the open cases they see and what is due, in the officer's language.
        Officers mailed today are skipped, so a second run sends nothing."""
        Calendar = self.env["sunny.calendar"]
        today = Calendar.today()
        Users = self.env["res.users"].sudo()
        officers = Users.search(
            [
                ("sunny_officer_station_ids.active", "=", True),
                "|",
                ("sunny_digest_date", "=", False),
                ("sunny_digest_date", "<", today),
            ],
            limit=batch_size,
        )
        Case = self.env["sunny.case"]
        signature = service_author(self.env)
        mails = []
        for lang, partners in Calendar.langs_of(officers.partner_id).items():
            env = self.with_context(lang=lang).env
            states = dict(Case._fields["state"]._description_selection(env))
            deadline_states = dict(Case._fields["deadline_state"]._description_selection(env))
            for officer in officers.filtered(lambda u, partners=partners: u.partner_id in partners):
                cases = Case.with_user(officer)
                open_domain = [("state", "in", UNIT_STATES)]
                counts = cases._read_group(open_domain, ["state"], ["__count"])
                urgent = cases.search(
                    open_domain + [("deadline_state", "in", ("overdue", "due_soon"))],
                    order="deadline_state desc, resolve_deadline",
                    limit=30,
                )
                waiting = cases.search([("state", "=", "assigned")], order="assigned_date", limit=30)
                if not counts or not officer.email:
                    continue
                body = env["ir.qweb"]._render(
                    "sunny_service.sunny_digest_mail",
                    {
                        "greeting": env._("Dear %s,", officer.name),
                        "counts": [(states[state], count) for state, count in counts],
                        "urgent": urgent.sudo(),
                        "waiting": waiting.sudo(),
                        "base_url": self.get_base_url(),
                        "format_local": Calendar.format_local,
                        "deadline_states": deadline_states,
                    },
                )
                mails.append(
                    {
                        "subject": env._("Sunshine Service: your cases on %s", today),
                        "body_html": body,
                        "recipient_ids": [fields.Command.set(officer.partner_id.ids)],
                        "author_id": signature.partner.id,
                        "email_from": signature.email_from,
                        "auto_delete": True,
                    }
                )
        self.env["mail.mail"].sudo().create(mails)
        officers.write({"sunny_digest_date": today})
        remaining = Users.search_count(
            [
                ("sunny_officer_station_ids.active", "=", True),
                "|",
                ("sunny_digest_date", "=", False),
                ("sunny_digest_date", "<", today),
            ]
        )
        self.env["ir.cron"]._notify_progress(done=len(officers), remaining=remaining)
        return len(mails)
