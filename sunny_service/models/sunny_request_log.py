import datetime
import hashlib
import hmac
import logging

from odoo import api, fields, models
from odoo.tools import SQL

# action -> (config parameter of the limit, default limit,
#            config parameter of the window in minutes, default window)
RATE_LIMITS = {
    "submit": ("sunny_service.submit_limit", 5, "sunny_service.submit_window", 10),
    "query_fail": ("sunny_service.query_limit", 10, "sunny_service.query_window", 15),
    # wrong codes for one case from one address: keyed by case alone, anyone could lock
    # the submitter out of their case by typing wrong codes for it
    "query_fail_case": ("sunny_service.query_case_limit", 20, "sunny_service.query_case_window", 60),
    "post": ("sunny_service.post_limit", 10, "sunny_service.post_window", 10),
    # the public form's suggestions while a title is typed (debounced: one per pause)
    "suggest": ("sunny_service.suggest_limit", 60, "sunny_service.suggest_window", 10),
}


_logger = logging.getLogger(__name__)


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
            _logger.warning("Ignoring the non-numeric rate limit %s / %s", limit_param, window_param)
        return max(limit, 1), max(window, 1)

    @api.model
    def _lock_id(self, action, key):
        """The PostgreSQL advisory lock of (action, hashed key): a signed 64-bit number."""
        digest = hashlib.sha256(f"{self._name}:{action}:{key}".encode()).digest()
        return int.from_bytes(digest[:8], "big", signed=True)

    @api.model
    def _count_hits(self, cr, action, key, since, limit, lock_id=None):
        """The hits of (action, key) since ``since``, counted up to ``limit``; the same
        statement takes the transaction lock ``lock_id`` when one is given."""
        cr.execute(
            SQL(
                "SELECT %s COUNT(*) FROM"
                " (SELECT 1 FROM %s WHERE action = %s AND key = %s AND date >= %s LIMIT %s) AS hits",
                SQL("pg_advisory_xact_lock(%s),", lock_id) if lock_id is not None else SQL(),
                SQL.identifier(self._table),
                action,
                key,
                since,
                limit,
            )
        )
        return cr.fetchone()[-1]

    @api.model
    def _is_limited(self, action, value):
        """Whether ``value`` (an address, a case number and an address) used up its
        allowance of ``action``.

        The check and the hit that follows in the same request are one step: the
        request first takes a transaction lock on (action, value), so the requests of
        one address wait for each other until the previous one has committed its hit.
        The hits are also counted in a new transaction: this request's snapshot,
        taken before the wait (REPEATABLE READ), does not show those of the requests
        it waited for; its own uncommitted hits only it shows. The larger count holds."""
        key = self._hash_key(value)
        limit, window = self._limits(action)
        since = fields.Datetime.now() - datetime.timedelta(minutes=window)
        self.flush_model()
        # one statement: the lock, then this transaction's count (its snapshot is older
        # than the lock whatever the order, hence the second count below)
        count = self._count_hits(self.env.cr, action, key, since, limit, lock_id=self._lock_id(action, key))
        if count < limit:
            with self.pool.cursor() as cr:
                count = max(count, self._count_hits(cr, action, key, since, limit))
        return count >= limit

    @api.model
    def _looks_limited(self, action, value):
        """Whether ``value`` used up its allowance of ``action`` as far as this
        transaction can see, without the lock: a first look that turns a flood away
        before it costs any work. A route that does work between its check and its hit
        (the submission form) decides with _is_limited once that work is done, so that
        the requests of one address wait for each other only from there to the commit."""
        limit, window = self._limits(action)
        since = fields.Datetime.now() - datetime.timedelta(minutes=window)
        self.flush_model()
        return self._count_hits(self.env.cr, action, self._hash_key(value), since, limit) >= limit

    @api.model
    def _hit(self, action, value):
        self.sudo().create({"action": action, "key": self._hash_key(value)})

    @api.autovacuum
    def _gc_old_rows(self):
        keep = max([24 * 60] + [self._limits(action)[1] for action in RATE_LIMITS])
        self.sudo().search([("date", "<", fields.Datetime.now() - datetime.timedelta(minutes=keep))]).unlink()
