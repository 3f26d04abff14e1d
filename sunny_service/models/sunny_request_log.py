import datetime
import hashlib
import hmac

from odoo import api, fields, models

# action -> (config parameter of the limit, default limit,
#            config parameter of the window in minutes, default window)
RATE_LIMITS = {
    "submit": ("sunny_service.submit_limit", 5, "sunny_service.submit_window", 10),
    "query_fail": ("sunny_service.query_limit", 10, "sunny_service.query_window", 15),
    # wrong codes for one case from one address: keyed by case alone, anyone could lock
    # the submitter out of their case by typing wrong codes for it
    "query_fail_case": ("sunny_service.query_case_limit", 20, "sunny_service.query_case_window", 60),
    "post": ("sunny_service.post_limit", 10, "sunny_service.post_window", 10),
}


class SunnyRequestLog(models.Model):
    """What the public pages count to limit abuse: one row per submission, wrong
    query code or message, keyed by a keyed hash of the visitor's address (never the
    address itself). Rows older than a day (or the longest window) are deleted by
    the autovacuum.
    No access rights: only the controllers use it, as superuser."""

    _name = "sunny.request.log"
    _description = "Public Request Log"
    _log_access = False
    _order = "id desc"

    action = fields.Char(required=True, index=True)
    key = fields.Char(required=True, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)

    @api.model
    def _hash_key(self, value):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret") or ""
        return hmac.new(secret.encode(), f"sunny-rate:{value}".encode(), hashlib.sha256).hexdigest()[:32]

    @api.model
    def _limits(self, action):
        limit_param, limit, window_param, window = RATE_LIMITS[action]
        get = self.env["ir.config_parameter"].sudo().get_param
        try:
            limit = int(get(limit_param) or limit)
            window = int(get(window_param) or window)
        except ValueError:
            pass
        return max(limit, 1), max(window, 1)

    @api.model
    def _is_limited(self, action, value):
        """Whether ``value`` (an address, a case number) used up its allowance of ``action``."""
        limit, window = self._limits(action)
        since = fields.Datetime.now() - datetime.timedelta(minutes=window)
        count = self.sudo().search_count(
            [("action", "=", action), ("key", "=", self._hash_key(value)), ("date", ">=", since)], limit=limit)
        return count >= limit

    @api.model
    def _hit(self, action, value):
        self.sudo().create({"action": action, "key": self._hash_key(value)})

    @api.autovacuum
    def _gc_old_rows(self):
        keep = max([24 * 60] + [self._limits(action)[1] for action in RATE_LIMITS])
        self.sudo().search([("date", "<", fields.Datetime.now() - datetime.timedelta(minutes=keep))]).unlink()
