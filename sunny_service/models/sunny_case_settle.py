"""落实回访: weeks after a case is closed, its submitter is asked once whether the
matter was really settled.

``_cron_settle_check()`` runs every day: each case closed
``sunny_service.settle_check_days`` working days ago (China's working days, 15 by
default) gets one ``sunny.case.settle`` record, and its submitter an e-mail with a
link to the query page when an address is known; the question is on the query page
and on ``/my/sunny`` in any case. The answer (是 / 否, 否 with a reason) is recorded
once; 否 sends the case back to its unit through the workflow's reopening
(``_sunny_reopen``: a reopening, in the chatter, with the audience of the case).
The center sees the cases whose submitter has not answered (``settle_state``
``asked``) and records what they were told on the phone."""

import datetime
import hmac
import secrets

from odoo import api, fields, models
from odoo.exceptions import UserError

DEFAULT_SETTLE_CHECK_DAYS = 15
# a case closed longer ago than the settle-check delay plus this many days is not
# asked any more (the job catches up a few missed days, never years of old cases)
SETTLE_CATCH_UP_DAYS = 14
SETTLE_BATCH = 1000
REASON_MAX = 2000
SETTLE_ANSWERS = [("yes", "Settled"), ("no", "Not Settled")]
SETTLE_STATES = [("asked", "Asked, No Answer"), ("settled", "Settled"), ("unsettled", "Not Settled")]
# the types with a matter to settle: a praise has none
SETTLE_TYPES = ("consultation", "complaint", "suggestion", "report")


class SunnyCaseSettle(models.Model):
    """One settle check (落实回访) of a closed case."""

    _name = "sunny.case.settle"
    _description = "Settle Check"
    _inherit = ["sunny.case.record.mixin"]

    user_id = fields.Many2one(string="Recorded by")
    date = fields.Datetime(string="Asked on")
    # what the center reads in its list of unanswered checks before it calls
    title = fields.Char(related="case_id.title")
    answer = fields.Selection(SETTLE_ANSWERS, readonly=True, index=True)
    reason = fields.Text(readonly=True)
    answer_date = fields.Datetime(string="Answered on", readonly=True)
    method = fields.Selection([("online", "Online"), ("phone", "Phone")], string="Answered by", readonly=True)
    # the secret of the pending question: a form carries it, an answered check has none
    token = fields.Char(copy=False, groups="base.group_system")

    _sql_constraints = [("case_unique", "unique(case_id)", "A case is asked once whether it was settled.")]


class SunnyCase(models.Model):
    _inherit = "sunny.case"

    settle_check_ids = fields.One2many("sunny.case.settle", "case_id", string="Settle Checks")
    settle_state = fields.Selection(
        SETTLE_STATES,
        string="Settle Check",
        readonly=True,
        index=True,
        copy=False,
        help="落实回访: whether the submitter, asked weeks after closing, said the matter was settled.",
    )

    def _workflow_fields(self):
        return super()._workflow_fields() | {"settle_state"}

    # ------------------------------------------------------------------ the job

    @api.model
    def _settle_check_days(self):
        param = self.env["ir.config_parameter"].sudo().get_param("sunny_service.settle_check_days")
        try:
            days = int(param or DEFAULT_SETTLE_CHECK_DAYS)
        except ValueError:
            return DEFAULT_SETTLE_CHECK_DAYS
        return days if days > 0 else DEFAULT_SETTLE_CHECK_DAYS

    @api.model
    def _settle_check_cutoff(self, today, days):
        """The last local day D such that working day ``days`` after D is ``today`` or before."""
        Holiday = self.env["sunny.holiday"]
        day = today
        while Holiday.add_workdays(day, days) > today:
            day -= datetime.timedelta(days=1)
        return day

    @api.model
    def _settle_check_domain(self):
        Calendar = self.env["sunny.calendar"]
        cutoff = self._settle_check_cutoff(Calendar.today(), self._settle_check_days())
        end = Calendar.to_utc(datetime.datetime.combine(cutoff + datetime.timedelta(days=1), datetime.time.min))
        start = end - datetime.timedelta(days=SETTLE_CATCH_UP_DAYS + 1)
        return [
            ("state", "=", "closed"),
            ("settle_state", "=", False),
            ("case_type", "in", SETTLE_TYPES),
            ("closed_date", ">=", start),
            ("closed_date", "<", end),
        ]

    @api.model
    def _cron_settle_check(self, batch_size=SETTLE_BATCH):
        """Ask the submitters of the cases closed ``settle_check_days`` working days
        ago whether their matter was settled: once, whatever how often it runs."""
        Case = self.sudo()
        domain = self._settle_check_domain()
        cases = Case.search(domain, limit=batch_size, order="closed_date, id")
        cases._settle_ask()
        remaining = Case.search_count(domain) if len(cases) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(cases), remaining=remaining)
        return cases

    def _settle_ask(self):
        """Ask the submitters of these closed cases, once each, whether their matter was settled."""
        if not self:
            return
        now = fields.Datetime.now()
        tokens = {case.id: secrets.token_urlsafe(24) for case in self}
        self.env["sunny.case.settle"].sudo().create(
            [{"case_id": case_id, "date": now, "token": token} for case_id, token in tokens.items()]
        )
        self.sudo().write({"settle_state": "asked"})
        self._settle_send_mails()

    def _settle_send_mails(self):
        """One mail per case whose submitter left an address, in the university's
        language, linked to no record: the address reaches no chatter."""
        identities = (
            self.env["sunny.case.identity"].sudo().search([("case_id", "in", self.ids), ("email", "!=", False)])
        )
        if not identities:
            return
        env = self.with_context(lang=self.env["sunny.calendar"].lang()).env
        base_url = self.browse().get_base_url()
        company = self.env.company
        email_from = company.email_formatted or self.env["ir.mail_server"]._get_default_from_address()
        QWeb = env["ir.qweb"]
        self.env["mail.mail"].sudo().create(
            [
                {
                    "subject": env._("Was your matter settled? Case %s", identity.case_id.name),
                    "body_html": QWeb._render(
                        "sunny_service.sunny_settle_mail",
                        {
                            "case_name": identity.case_id.name,
                            "title": identity.case_id.title,
                            "query_url": f"{base_url}/sunny/query?number={identity.case_id.name}",
                        },
                    ),
                    "email_to": identity.email,
                    "email_from": email_from,
                    "auto_delete": True,
                }
                for identity in identities
            ]
        )

    # ------------------------------------------------------------------ the answer

    def _settle_pending(self):
        """The settle check waiting for this case's submitter, in sudo (empty if none)."""
        self.ensure_one()
        return self.sudo().settle_check_ids.filtered(lambda check: not check.answer)[:1]

    def _settle_token(self):
        """The secret the settle form of this case carries (False when nothing is asked)."""
        return self._settle_pending().token or False

    def _settle_answer(self, answer, reason=None, token=None, method="online"):
        """Record the submitter's answer (the caller proved who they are). ``token``
        is the secret of the form they answer: a second answer, a replayed form or a
        forged one changes nothing."""
        self.ensure_one()
        _ = self.env._
        case = self.sudo()
        if case.state != "closed":
            raise UserError(_("Case %s is not closed: there is nothing to confirm.", case.name))
        answered = case.settle_check_ids.filtered("answer")
        if answered:
            raise UserError(_("Case %s was already confirmed: an answer is given once.", case.name))
        check = self._settle_pending()
        if not check:
            raise UserError(_("Case %s has not been asked whether it was settled.", case.name))
        if method == "online" and not (token and check.token and hmac.compare_digest(str(token), check.token)):
            raise UserError(_("This form is no longer valid: open the case again to answer."))
        if answer not in dict(SETTLE_ANSWERS):
            raise UserError(_("Answer yes or no: was the matter settled?"))
        reason = (reason or "").strip()
        if answer == "no" and not reason:
            raise UserError(_("Tell us what was not settled."))
        if len(reason) > REASON_MAX:
            raise UserError(_("The reason is too long (at most %s characters).", REASON_MAX))
        check.write(
            {
                "answer": answer,
                "reason": reason or False,
                "answer_date": fields.Datetime.now(),
                "method": method,
                "user_id": self.env.uid if method == "phone" else False,
                "token": False,
            }
        )
        if answer == "yes":
            case.write({"settle_state": "settled"})
            return True
        case.write({"settle_state": "unsettled"})
        env = case.with_context(lang=self.env["sunny.calendar"].lang()).env
        case.with_env(env)._sunny_reopen(
            env._("Settle check: the submitter says the matter is not settled. %s", reason),
            {"closed_date": False},
        )
        return True

    def action_settle_phone(self, answer=None, reason=None):
        """The center records what the submitter said on the phone."""
        self._check_center()
        for case in self:
            case._settle_answer(answer, reason, method="phone")
        return True
