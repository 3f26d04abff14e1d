"""协办意见: the opinion a co-handling unit gives on a case led by another unit.

The center adds co-handling units to an assigned case (``sunny.case.action_add_co_units``,
``sunny_case_cohandling.py``); each gets one opinion record with its own deadline,
and its officers a to-do. An officer of that unit submits the opinion once
(``action_submit``); the lead unit reads it on the case and the center reads it when
it reviews the reply. The deadline scan marks late opinions overdue and reminds
their officers (``_cron_deadline_scan`` below).

Like the other workflow records of a case, an opinion has no record rule of its own:
``ir.rule`` (``models/ir_rule.py``) applies the rules of its case through ``case_id``,
so whoever reads the case reads its opinions. Nobody writes one by hand: the
workflow writes it as superuser after checking who asks.

An officer of the unit may hand the opinion to a handler of the unit
(``action_set_handler``), as the lead unit's officer gives the case to a handler:
the handler then reads the case (the one audience, ``_sunny_audience_map``, and the
co-handling record rule), gets the to-do and may submit the opinion; the officers
still may. A confidential case reaches a co-handling unit only through its entrusted
officers: it is never handed to a handler. A handler handed over to someone else, or
no longer a handler of the unit, loses the case (``_sunny_handler``).
"""

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

OPINION_STATES = [("pending", "Awaiting Opinion"), ("submitted", "Opinion Given")]
OPINION_DEADLINE_STATES = [
    ("on_time", "On Time"),
    ("overdue", "Overdue"),
    ("done_on_time", "Done on Time"),
    ("done_late", "Done Late"),
]
# the case states in which a co-handling unit may still give its opinion
OPINION_CASE_STATES = ("assigned", "processing", "review")


class SunnyCaseOpinion(models.Model):
    _name = "sunny.case.opinion"
    _description = "Co-handling Opinion"
    _order = "case_id, deadline, id"
    # the rules of the case apply through case_id (see models/ir_rule.py)
    _case_rule_field = "case_id"

    case_id = fields.Many2one("sunny.case", string="Case", required=True, index=True, ondelete="cascade", readonly=True)
    unit_id = fields.Many2one(
        "sunny.unit",
        string="Co-handling Unit",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    deadline = fields.Datetime(required=True, readonly=True, help="When the co-handling unit must give its opinion.")
    opinion = fields.Text(readonly=True)
    state = fields.Selection(OPINION_STATES, required=True, default="pending", readonly=True, index=True)
    deadline_is_default = fields.Boolean(
        string="Default Deadline",
        readonly=True,
        help="The deadline is the default one (2 working days before the lead unit's deadline): it follows an "
        "extension of the lead unit's deadline. One the center set by hand is kept.",
    )
    deadline_state = fields.Selection(OPINION_DEADLINE_STATES, default="on_time", readonly=True)
    date = fields.Datetime(string="Requested", default=fields.Datetime.now, required=True, readonly=True, index=True)
    requested_by = fields.Many2one("res.users", readonly=True)
    note = fields.Text(string="Center's Request", readonly=True, help="What the center asks of the co-handling unit.")
    handler_id = fields.Many2one(
        "res.users",
        string="Handler",
        readonly=True,
        index="btree_not_null",
        help="The handler of the co-handling unit the officer handed the opinion to: reads the case and may give "
        "the opinion.",
    )
    user_id = fields.Many2one("res.users", string="Submitted by", readonly=True)
    submitted_date = fields.Datetime(string="Submitted", readonly=True, index=True)
    last_reminder_date = fields.Date(readonly=True, help="Last day the unit was reminded of this overdue opinion.")
    can_submit = fields.Boolean(compute="_compute_can_submit")
    can_set_handler = fields.Boolean(compute="_compute_can_submit")

    _sql_constraints = [
        ("case_unit_unique", "unique(case_id, unit_id)", "A unit gives one opinion per case."),
    ]

    def init(self):
        # the deadline scan reads only pending opinions: a run with nothing to do reads
        # a few pages of this index at any scale
        tools.create_index(
            self.env.cr, "sunny_case_opinion_pending_idx", self._table, ["deadline"], where="state = 'pending'"
        )

    @api.depends("case_id")
    def _compute_display_name(self):
        for opinion in self:
            opinion.display_name = self.env._(
                "Opinion of %(unit)s on %(case)s",
                unit=opinion.sudo().unit_id.name or "",
                case=opinion.sudo().case_id.name or "",
            )

    @api.depends("state", "unit_id", "handler_id")
    @api.depends_context("uid")
    def _compute_can_submit(self):
        for opinion in self:
            opinion.can_submit = opinion.state == "pending" and opinion._sunny_submit_refusal() is None
            opinion.can_set_handler = (
                opinion.state == "pending"
                and opinion._sunny_handover_refusal() is None
                and bool(opinion.sudo().unit_id.handler_ids)
            )

    def write(self, vals):
        if not self.env.su:
            raise AccessError(
                self.env._("An opinion changes only when an officer of its unit submits it (Submit Opinion).")
            )
        return super().write(vals)

    # ------------------------------------------------------------------ workflow

    def _sunny_officers(self):
        """The officers who answer for this opinion: those of its unit, or only the
        ones the confidential case was entrusted to."""
        self.ensure_one()
        opinion = self.sudo()
        officers = opinion.unit_id.officer_ids
        if opinion.case_id.is_confidential:
            officers &= opinion.case_id.co_entrusted_user_ids
        return officers.filtered(lambda u: u.active and not u.share)

    def _sunny_handler(self):
        """The handler the opinion was handed to, while they may work on it: still a
        handler of the unit, on a case that is not confidential."""
        self.ensure_one()
        opinion = self.sudo()
        handler = opinion.handler_id
        if not handler or opinion.case_id.is_confidential or handler not in opinion.unit_id.handler_ids:
            return self.env["res.users"]
        return handler.filtered(lambda u: u.active and not u.share)

    def _sunny_submitters(self):
        """Who may give this opinion: the officers who answer for it and its handler."""
        self.ensure_one()
        return self._sunny_officers() | self._sunny_handler()

    def _sunny_open_refusal(self):
        """Why nobody may act on this opinion any more (None while it waits)."""
        opinion = self.sudo()
        if opinion.state != "pending":
            return self.env._("%s has already given its opinion on this case.", opinion.unit_id.name)
        if opinion.case_id.state not in OPINION_CASE_STATES:
            return self.env._(
                "Case %s is no longer being handled: its co-handling opinions are closed.", opinion.case_id.name
            )
        return None

    def _sunny_handover_refusal(self, handler=None):
        """Why the current user may not hand this opinion to ``handler`` (or to any
        handler, when None) now; None when they may. The officers who answer for the
        opinion hand it over, to a handler of its unit, on a case that is not confidential."""
        self.ensure_one()
        opinion = self.sudo()
        if not self.env.su and self.env.user not in self._sunny_officers():
            return self.env._(
                "Only an information officer of %s can hand its opinion to a handler.", opinion.unit_id.name
            )
        if refusal := self._sunny_open_refusal():
            return refusal
        if opinion.case_id.is_confidential:
            return self.env._(
                "Case %s is confidential: a co-handling unit gives its opinion only through the officers it was "
                "entrusted to, never through a handler.",
                opinion.case_id.name,
            )
        if handler is not None and (len(handler) != 1 or handler not in opinion.unit_id.handler_ids):
            return self.env._("Choose a handler of %s.", opinion.unit_id.name)
        return None

    def _sunny_submit_refusal(self):
        """Why the current user may not submit this opinion now (None when they may)."""
        self.ensure_one()
        opinion = self.sudo()
        if not self.env.su and self.env.user not in self._sunny_submitters():
            if opinion.case_id.is_confidential:
                return self.env._(
                    "Only the officers of %s the confidential case was entrusted to can give its opinion.",
                    opinion.unit_id.name,
                )
            return self.env._(
                "Only an information officer of %s, or the handler it handed the opinion to, can give its opinion.",
                opinion.unit_id.name,
            )
        return self._sunny_open_refusal()

    def action_set_handler(self, handler):
        """Hand the opinion to ``handler`` (a record or an id), a handler of its unit,
        by an officer who answers for it. The handler reads the case, gets the to-do
        and may give the opinion; a handler it was handed to before loses the case."""
        handler = self.env["sunny.case"]._browse_arg("res.users", handler, self.env._("a handler of the unit"))
        for opinion in self:
            refusal = opinion._sunny_handover_refusal(handler)
            if refusal:
                raise (AccessError if self.env.user not in opinion._sunny_officers() else UserError)(refusal)
        todo = self.env.ref("sunny_service.mail_activity_type_opinion")
        handed = self.browse()
        for opinion in self.sudo():
            previous = opinion.handler_id
            if previous == handler:
                continue
            handed |= opinion
            opinion.write({"handler_id": handler.id})
            case = opinion.case_id
            case.activity_ids.filtered(
                lambda a, previous=previous: a.activity_type_id == todo and a.user_id == previous
            ).unlink()
            if previous:
                body = self.env._(
                    "The opinion of %(unit)s was handed to %(handler)s (instead of %(previous)s) by %(officer)s.",
                    unit=opinion.unit_id.name,
                    handler=handler.name,
                    previous=previous.name,
                    officer=self.env.user.name,
                )
            else:
                body = self.env._(
                    "The opinion of %(unit)s was handed to %(handler)s by %(officer)s.",
                    unit=opinion.unit_id.name,
                    handler=handler.name,
                    officer=self.env.user.name,
                )
            case.message_post(body=body, subtype_xmlid="mail.mt_note")
        handed.case_id._sunny_sync_audience()
        handed._sunny_schedule_todos(users_of=lambda opinion: opinion._sunny_handler())
        return True

    def action_submit(self, text=None):
        """Give the opinion ``text`` (by an officer of the opinion's unit, once)."""
        text = (text or "").strip()
        for opinion in self:
            refusal = opinion._sunny_submit_refusal()
            if refusal:
                raise (AccessError if self.env.user not in opinion._sunny_submitters() else UserError)(refusal)
        if not text:
            raise UserError(self.env._("Please give the opinion of your unit."))
        now = fields.Datetime.now()
        todo = self.env.ref("sunny_service.mail_activity_type_opinion")
        for opinion in self.sudo():
            opinion.write(
                {
                    "state": "submitted",
                    "opinion": text,
                    "user_id": self.env.uid,
                    "submitted_date": now,
                    "deadline_state": "done_on_time" if now <= opinion.deadline else "done_late",
                }
            )
            case = opinion.case_id
            officers = opinion.unit_id.officer_ids | opinion.handler_id
            case.activity_ids.filtered(
                lambda a, officers=officers: a.activity_type_id == todo and a.user_id in officers
            ).action_feedback(feedback=self.env._("Opinion submitted."))
            # the lead unit's people hear of it; the chatter keeps it
            lead = (case._sunny_lead_users() - self.env.user).partner_id
            case.message_post(
                body=self.env._(
                    "Co-handling opinion of %(unit)s:\n%(opinion)s", unit=opinion.unit_id.name, opinion=text
                ),
                subtype_xmlid="mail.mt_note",
                partner_ids=lead.ids,
            )
        return True

    def _sunny_schedule_todos(self, users_of=None):
        """A to-do for each officer who answers for each opinion (or each user of
        ``users_of(opinion)``), made in one batch; each is notified of it (inbox or
        mail, as they chose)."""
        if not self:
            return self.env["mail.activity"]
        todo = self.env.ref("sunny_service.mail_activity_type_opinion")
        Calendar = self.env["sunny.calendar"]
        model_id = self.env["ir.model"]._get_id("sunny.case")
        return (
            self.env["mail.activity"]
            .sudo()
            .create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": opinion.case_id.id,
                        "activity_type_id": todo.id,
                        "user_id": officer.id,
                        "summary": self.env._(
                            "Give the opinion of %(unit)s on %(case)s",
                            unit=opinion.unit_id.name,
                            case=opinion.case_id.title,
                        ),
                        "date_deadline": Calendar.local_date(opinion.deadline),
                    }
                    for opinion in self.sudo()
                    for officer in (users_of or SunnyCaseOpinion._sunny_officers)(opinion)
                ]
            )
        )

    # ------------------------------------------------------------------ jobs

    @api.model
    def _cron_deadline_scan(self, batch_size=500):
        """Mark pending opinions past their deadline overdue and remind their officers
        once a day: one search (index on pending opinions), one write, and one
        notification per group of officers, whatever the number of opinions."""
        Calendar = self.env["sunny.calendar"]
        today = Calendar.today()
        late = self.sudo().search(
            [
                ("state", "=", "pending"),
                ("deadline", "<", fields.Datetime.now()),
                # a case answered, closed or withdrawn waits for no opinion any more
                ("case_id.state", "in", OPINION_CASE_STATES),
                "|",
                ("last_reminder_date", "=", False),
                ("last_reminder_date", "<", today),
            ],
            order="unit_id, id",
            limit=batch_size,
        )
        if not late:
            return 0
        late.write({"deadline_state": "overdue", "last_reminder_date": today})
        env = self.with_context(lang=Calendar.lang()).env
        cases = late.case_id.with_context(tracking_disable=True)
        notes = {}
        for opinion in late:
            notes.setdefault(opinion.case_id.id, []).append(
                env._(
                    "The opinion of %(unit)s was due %(deadline)s: the unit is reminded to give it.",
                    unit=opinion.unit_id.name,
                    deadline=Calendar.format_local(opinion.deadline),
                )
            )
        cases._message_log_batch({case_id: "\n".join(lines) for case_id, lines in notes.items()})
        by_officers = {}
        for opinion in late:
            officers = opinion._sunny_submitters()
            if officers:
                by_officers.setdefault(officers, cases.browse())
                by_officers[officers] |= opinion.case_id
        for officers, officer_cases in by_officers.items():
            officer_cases._notify_case_list(officers.partner_id, _lt("Co-handling opinions overdue: please give them"))
        return len(late)
