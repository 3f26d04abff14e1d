from odoo import api, fields, models

CONTACT_RULES = [
    ("optional", "Optional"),
    ("contact", "A phone number or an email address"),
    ("name_contact", "The name, and a phone number or an email address"),
]


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

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
        help="One word or phrase per line. A public submission containing one is stored but "
        "marked To Screen, for the center to look at before registering it.",
    )
    sunny_blocked_addresses = fields.Text(
        string="Blocked Addresses",
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

    @api.model
    def get_values(self):
        res = super().get_values()
        get = self.env["ir.config_parameter"].sudo().get_param
        res.update(
            sunny_blocked_words=get("sunny_service.blocked_words") or False,
            sunny_blocked_addresses=get("sunny_service.blocked_addresses") or False,
        )
        return res

    def set_values(self):
        res = super().set_values()
        set_param = self.env["ir.config_parameter"].sudo().set_param
        for field, param in (
            ("sunny_blocked_words", "sunny_service.blocked_words"),
            ("sunny_blocked_addresses", "sunny_service.blocked_addresses"),
        ):
            lines = [line.strip() for line in (self[field] or "").splitlines() if line.strip()]
            set_param(param, "\n".join(lines) or False)
        return res
