"""Personal data kept only as long as needed (个人信息保护法).

A case closed (or rejected, or withdrawn) longer ago than the retention period of
its type loses its submitter's identity: ``_cron_anonymise()`` runs every month and
removes, in batches, the identity record (name, phone, e-mail), the account link
(and the partner behind it when nothing else uses it), and the submitter as author,
recipient and follower of the case's messages. The figures, the case number, the
texts (those the center anonymised for publication among them) and the history
stay. A case still open, or held by discipline inspection (``discipline_hold``), is
never touched. Each step is a set-based query over the batch: the cost per case does
not depend on the number of cases.

The retention period is ``sunny.retention.rule`` per case type, else the system
parameter ``sunny_service.retention_years`` (3); no period may be shorter than the
minimum the center sets (``sunny_service.retention_min_years``, 1)."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..tools.personal_data import EMAIL, NAME, PHONE, mask
from .sunny_case import CASE_TYPES

DEFAULT_RETENTION_YEARS = 3
DEFAULT_RETENTION_MIN_YEARS = 1
ANONYMISE_BATCH = 500
# the states in which a case is over: its closing date starts the retention period
ENDED_STATES = ("closed", "rejected", "cancelled")


def _int_param(env, key, default):
    try:
        value = int(env["ir.config_parameter"].sudo().get_param(key) or default)
    except ValueError:
        return default
    return value if value > 0 else default


class SunnyRetentionRule(models.Model):
    _name = "sunny.retention.rule"
    _description = "Retention Period"
    _order = "case_type"
    _rec_name = "case_type"

    case_type = fields.Selection(CASE_TYPES, string="Type", required=True)
    years = fields.Integer(
        string="Years after Closing",
        required=True,
        default=lambda self: self._default_years(),
        help="How long the submitter's identity is kept after the case is closed.",
    )

    _sql_constraints = [("case_type_unique", "unique(case_type)", "A case type has one retention period.")]

    @api.model
    def _default_years(self):
        return _int_param(self.env, "sunny_service.retention_years", DEFAULT_RETENTION_YEARS)

    @api.model
    def _min_years(self):
        return _int_param(self.env, "sunny_service.retention_min_years", DEFAULT_RETENTION_MIN_YEARS)

    @api.constrains("years")
    def _check_years(self):
        minimum = self._min_years()
        for rule in self:
            if rule.years < minimum:
                raise ValidationError(
                    self.env._(
                        "A retention period cannot be shorter than %s years, the minimum the center set.", minimum
                    )
                )

    @api.model
    def _years_by_type(self):
        """{case type: years} for every type."""
        default = self._default_years()
        rules = {rule.case_type: rule.years for rule in self.sudo().search([])}
        return {case_type: rules.get(case_type, default) for case_type, _label in CASE_TYPES}


class SunnyCase(models.Model):
    _inherit = "sunny.case"

    anonymised_date = fields.Datetime(
        string="Anonymised",
        readonly=True,
        index=True,
        copy=False,
        help="When the submitter's identity was removed, the retention period being over.",
    )
    discipline_hold = fields.Boolean(
        string="Under Discipline Review",
        readonly=True,
        index=True,
        copy=False,
        tracking=True,
        help="Discipline inspection keeps the case as it is: its submitter's identity is not removed "
        "when the retention period is over.",
    )

    def _workflow_fields(self):
        return super()._workflow_fields() | {"anonymised_date", "discipline_hold"}

    # ------------------------------------------------------------------ discipline hold

    def _check_discipline(self):
        if not (self.env.su or self.env.user.has_group("sunny_service.group_discipline")):
            raise AccessError(self.env._("Only discipline inspection places a case under review or releases it."))

    def action_discipline_hold(self):
        self._check_discipline()
        self._workflow().write({"discipline_hold": True})
        return True

    def action_discipline_release(self):
        self._check_discipline()
        self._workflow().write({"discipline_hold": False})
        return True

    # ------------------------------------------------------------------ what is kept

    def _sunny_retention_end(self):
        """The day (university's date) after which the identity of this ended case is removed; False while open."""
        self.ensure_one()
        if self.state not in ENDED_STATES or not self.closed_date:
            return False
        years = self.env["sunny.retention.rule"]._years_by_type()[self.case_type]
        return self.env["sunny.calendar"].local_date(self.closed_date) + relativedelta(years=years)

    def _sunny_kept_data(self):
        """What the service keeps about the submitter of this case, masked, as the
        query page shows it to them: [(label, value)]."""
        self.ensure_one()
        case = self.sudo()
        _ = self.env._
        if case.anonymised_date:
            return []
        identity = case.identity_ids[:1]
        kept = []
        if identity.name:
            kept.append((_("Name"), mask(NAME, identity.name)))
        if identity.phone:
            kept.append((_("Phone"), mask(PHONE, identity.phone)))
        if identity.email:
            kept.append((_("Email"), mask(EMAIL, identity.email)))
        if case.partner_id:
            kept.append((_("Account"), _("The case is linked to your account.")))
        return kept

    # ------------------------------------------------------------------ anonymisation

    @api.model
    def _anonymise_domain(self, now=None):
        """The ended cases past the retention period of their type, not yet anonymised, not held."""
        now = now or fields.Datetime.now()
        per_type = [
            ["&", ("case_type", "=", case_type), ("closed_date", "<", now - relativedelta(years=years))]
            for case_type, years in self.env["sunny.retention.rule"]._years_by_type().items()
        ]
        domain = ["|"] * (len(per_type) - 1) + [leaf for condition in per_type for leaf in condition]
        return [
            ("state", "in", ENDED_STATES),
            ("anonymised_date", "=", False),
            ("discipline_hold", "=", False),
        ] + domain

    @api.model
    def _cron_anonymise(self, batch_size=ANONYMISE_BATCH):
        """Anonymise one batch of cases past their retention period; the cron runs
        again at once while some are left (``ir.cron._notify_progress``)."""
        Case = self.sudo().with_context(active_test=False, tracking_disable=True)
        domain = self._anonymise_domain()
        cases = Case.search(domain, limit=batch_size, order="closed_date, id")
        cases._sunny_anonymise()
        # enough to tell the scheduler to run again at once: counting every case past
        # the period cost most of a batch at 1,000,000 cases
        remaining = Case.search_count(domain, limit=batch_size) if len(cases) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(cases), remaining=remaining)
        return len(cases)

    def _sunny_anonymise(self):
        """Remove the submitter's identity from these cases, everywhere it was stored."""
        if not self:
            return
        self.env.flush_all()
        cr = self.env.cr
        ids = self.ids
        cr.execute(SQL("SELECT DISTINCT partner_id FROM sunny_case WHERE id = ANY(%s) AND partner_id IS NOT NULL", ids))
        partner_ids = [row[0] for row in cr.fetchall()]
        cr.execute(
            SQL(
                "SELECT lower(email) FROM sunny_case_identity "
                "WHERE case_id = ANY(%s) AND email IS NOT NULL AND email != ''",
                ids,
            )
        )
        # LIKE patterns of the submitters' addresses, as a mail header holds them ("Name <address>")
        addresses = [
            "%" + row[0].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for row in cr.fetchall()
        ]
        withheld = self.env.ref("sunny_service.partner_withheld_submitter").id
        messages = SQL("SELECT id FROM mail_message WHERE model = 'sunny.case' AND res_id = ANY(%s)", ids)
        from_submitter = SQL("author_id = ANY(%s)", partner_ids)
        if addresses:
            from_submitter = SQL("(%s OR lower(email_from) LIKE ANY(%s))", from_submitter, addresses)
        # the identity record: name, phone, e-mail
        cr.execute(SQL("DELETE FROM sunny_case_identity WHERE case_id = ANY(%s)", ids))
        # the submitter as author of the case's messages, and the address they wrote from
        cr.execute(
            SQL(
                "UPDATE mail_message SET author_id = %s, email_from = NULL, reply_to = NULL WHERE id IN (%s) AND %s",
                withheld,
                messages,
                from_submitter,
            )
        )
        # ... as recipient of the case's messages and mails, and as follower of the case
        if partner_ids:
            cr.execute(
                SQL(
                    "DELETE FROM mail_message_res_partner_rel "
                    "WHERE res_partner_id = ANY(%s) AND mail_message_id IN (%s)",
                    partner_ids,
                    messages,
                )
            )
            cr.execute(
                SQL(
                    "DELETE FROM mail_notification WHERE res_partner_id = ANY(%s) AND mail_message_id IN (%s)",
                    partner_ids,
                    messages,
                )
            )
            cr.execute(
                SQL(
                    "DELETE FROM mail_followers WHERE res_model = 'sunny.case' AND res_id = ANY(%s) "
                    "AND partner_id = ANY(%s)",
                    ids,
                    partner_ids,
                )
            )
            cr.execute(
                SQL(
                    "DELETE FROM mail_mail_res_partner_rel WHERE res_partner_id = ANY(%s) "
                    "AND mail_mail_id IN (SELECT id FROM mail_mail WHERE mail_message_id IN (%s))",
                    partner_ids,
                    messages,
                )
            )
        if addresses:
            cr.execute(
                SQL(
                    "UPDATE mail_mail SET email_to = NULL, email_cc = NULL "
                    "WHERE mail_message_id IN (%s) AND lower(email_to) LIKE ANY(%s)",
                    messages,
                    addresses,
                )
            )
        # the account link, then the partners nothing else uses
        cr.execute(
            SQL(
                "UPDATE sunny_case SET partner_id = NULL, anonymised_date = %s WHERE id = ANY(%s)",
                fields.Datetime.now(),
                ids,
            )
        )
        self.invalidate_recordset(["partner_id", "anonymised_date"])
        self.env["sunny.case.identity"].invalidate_model()
        self.env["mail.message"].invalidate_model()
        self.env["mail.followers"].invalidate_model()
        self._sunny_drop_unused_partners(partner_ids)

    @api.model
    def _sunny_drop_unused_partners(self, partner_ids):
        """Delete the partners among ``partner_ids`` that no user, no other case and
        no company uses; one that something else still needs (a constraint refuses
        its deletion) is kept as it is."""
        if not partner_ids:
            return
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                SELECT p.id FROM res_partner p
                 WHERE p.id = ANY(%s)
                   AND NOT EXISTS (SELECT 1 FROM res_users u WHERE u.partner_id = p.id)
                   AND NOT EXISTS (SELECT 1 FROM res_company c WHERE c.partner_id = p.id)
                   AND NOT EXISTS (SELECT 1 FROM sunny_case s WHERE s.partner_id = p.id)
                   AND NOT EXISTS (SELECT 1 FROM res_partner child WHERE child.parent_id = p.id)
                """,
                partner_ids,
            )
        )
        unused = self.env["res.partner"].sudo().browse(row[0] for row in cr.fetchall())
        if not unused:
            return
        try:
            with cr.savepoint():
                unused.unlink()
        except Exception:  # noqa: BLE001 - a partner still referenced elsewhere is kept
            unused.invalidate_recordset()

    @api.model
    def _check_retention_years(self, years, minimum=None):
        minimum = minimum or self.env["sunny.retention.rule"]._min_years()
        if not years or years < minimum:
            raise UserError(
                self.env._("A retention period cannot be shorter than %s years, the minimum the center set.", minimum)
            )
