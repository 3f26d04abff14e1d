"""The center's own settings, kept by the center manager.

Odoo's Settings (``res.config.settings``) are not the place: saving them needs the
administrator (``execute()`` refuses anyone else, and its access rights are for
``base.group_system``), and whoever may save them may change every application's
settings. ``sunny.settings`` holds only the service's: each field names the system
parameter it is kept in (``config_parameter``, as on ``res.config.settings``), and
the reports addon adds the assessment weights."""

from odoo import api, fields, models
from odoo.exceptions import AccessError

CONTACT_RULES = [
    ("optional", "Optional"),
    ("contact", "A phone number or an email address"),
    ("name_contact", "The name, and a phone number or an email address"),
]


class SunnySettings(models.TransientModel):
    _name = "sunny.settings"
    _description = "Sunshine Service Settings"

    sunny_require_contact_complaint = fields.Selection(
        CONTACT_RULES,
        string="Contact Details for Complaints",
        default="name_contact",
        config_parameter="sunny_service.require_contact_complaint",
        help="What a visitor must give to send a complaint from the public form.",
    )
    sunny_require_contact_report = fields.Selection(
        CONTACT_RULES,
        string="Contact Details for Reports",
        default="optional",
        config_parameter="sunny_service.require_contact_report",
        help="What a visitor must give to send a report (whistle-blowing) from the public form. "
        "Reports are confidential whatever is given.",
    )
    sunny_blocked_words = fields.Text(
        string="Blocked Words",
        config_parameter="sunny_service.blocked_words",
        help="One word or phrase per line. A public submission containing one is stored but "
        "marked To Screen, for the center to look at before registering it.",
    )
    sunny_blocked_addresses = fields.Text(
        string="Blocked Addresses",
        config_parameter="sunny_service.blocked_addresses",
        help="One per line: an IP address or network (10.0.0.0/8), an email address, or an email "
        "domain (@example.com). Submissions from them are stored but marked To Screen.",
    )
    sunny_submit_limit = fields.Integer(
        string="Submissions per Address", default=5, config_parameter="sunny_service.submit_limit"
    )
    sunny_submit_window = fields.Integer(
        string="Submission Window (minutes)", default=10, config_parameter="sunny_service.submit_window"
    )
    sunny_query_limit = fields.Integer(
        string="Wrong Query Codes per Address", default=10, config_parameter="sunny_service.query_limit"
    )
    sunny_query_window = fields.Integer(
        string="Query Window (minutes)", default=15, config_parameter="sunny_service.query_window"
    )
    sunny_lang = fields.Selection(
        selection="_lang_selection",
        string="Language of the Service's Notes",
        default=lambda self: self.env["sunny.calendar"].lang(),
        config_parameter="sunny_service.lang",
        help="What the scheduled jobs write for everyone (the cases' chatter, supervision notes, to-dos) "
        "is in this language; notifications and mails go out in each reader's own language.",
    )

    @api.model
    def _valid_field_parameter(self, field, name):
        return name == "config_parameter" or super()._valid_field_parameter(field, name)

    @api.model
    def _lang_selection(self):
        return self.env["res.lang"].get_installed()

    def _param_fields(self):
        return {name: field for name, field in self._fields.items() if getattr(field, "config_parameter", None)}

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        get = self.env["ir.config_parameter"].sudo().get_param
        params = self._param_fields()
        for name in fields_list:
            field = params.get(name)
            value = field and get(field.config_parameter)
            if not value:
                continue  # unset: the field's default, which is what the service applies
            if field.type in ("integer", "float"):
                try:
                    value = int(value) if field.type == "integer" else float(value)
                except ValueError:
                    continue
            elif field.type == "selection" and value not in dict(field._description_selection(self.env)):
                continue
            res[name] = value
        return res

    def _check_manager(self):
        if not (self.env.user.has_group("sunny_service.group_center_manager") or self.env.is_admin()):
            raise AccessError(self.env._("Only the center manager may change the Sunshine Service settings."))

    def set_values(self):
        """Store each setting in its system parameter (lists one item a line, trimmed)."""
        self.ensure_one()
        self._check_manager()
        params = self.env["ir.config_parameter"].sudo()
        for name, field in self._param_fields().items():
            value = self[name]
            if field.type == "text":
                value = "\n".join(line.strip() for line in (value or "").splitlines() if line.strip())
            elif field.type in ("integer", "float"):
                value = repr(value) if value else False
            params.set_param(field.config_parameter, value or False)

    def execute(self):
        self.set_values()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self.env._("The Sunshine Service settings are saved."),
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
