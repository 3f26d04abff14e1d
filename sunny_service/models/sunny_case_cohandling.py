"""主办/协办: a case led by one unit (``unit_id``) with co-handling units.

The center adds co-handling units to an assigned case (``action_add_co_units``); each
gets an opinion (``sunny.case.opinion``) with its own deadline, by default 2 working
days before the lead unit's reply deadline, and its officers a to-do. The lead unit
keeps the case: it alone accepts, replies and answers for the deadlines of the case
(首问负责制); the co-handling units answer for their opinions.

Who reads the case: the co-handling units' officers are part of the case's audience
(``_sunny_audience_map`` below extends the one audience of sunny_case_audience.py),
and a read-only record rule (``sunny_case_rule_co_officer``) says the same to the ORM.
On a confidential case only the officers the center entrusted it to
(``co_entrusted_user_ids``) read it. A co-handling unit's officer may hand the
opinion to a handler of the unit (``sunny.case.opinion.action_set_handler``): that
handler joins the same audience, and the same rule lets them read the case, while
they are a handler of the unit and the case is not confidential.
"""

import datetime

from odoo import _lt, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import sql

from .sunny_case import ACTION_LABELS, CENTER, INTERNAL, WORKFLOW

# the center adds co-handling units while the lead unit handles the case
WORKFLOW["add_co_units"] = ((("assigned", "processing"), {CENTER}, None),)
ACTION_LABELS["add_co_units"] = _lt("given co-handling units")
# working days between a co-handling unit's deadline and the lead unit's reply deadline
OPINION_LEAD_DAYS = 2


class SunnyCase(models.Model):
    _inherit = "sunny.case"

    co_unit_ids = fields.Many2many(
        "sunny.unit",
        "sunny_case_co_unit_rel",
        "case_id",
        "unit_id",
        string="Co-handling Units",
        readonly=True,
        help="协办单位: units that give their opinion on the case; the lead unit answers for it.",
    )
    co_entrusted_user_ids = fields.Many2many(
        "res.users",
        "sunny_case_co_entrusted_rel",
        "case_id",
        "user_id",
        string="Entrusted Co-handling Officers",
        readonly=True,
        groups=INTERNAL,
        help="The officers of the co-handling units to whom a confidential case was given.",
    )
    opinion_ids = fields.One2many("sunny.case.opinion", "case_id", string="Co-handling Opinions", readonly=True)
    # The co-handling record rule starts with it: an indexed condition PostgreSQL can
    # OR with the officers' unit and handler conditions (a bitmap of each), where the
    # co-units' EXISTS alone made every officer's list read every case.
    is_cohandled = fields.Boolean(
        string="Co-handled",
        compute="_compute_is_cohandled",
        store=True,
        precompute=True,  # written with the case's INSERT, not by an UPDATE after it
        readonly=True,
        help="The case has co-handling units (协办).",
    )
    opinion_pending_count = fields.Integer(compute="_compute_opinion_counts", string="Opinions Pending")
    can_add_co_units = fields.Boolean(compute="_compute_can")
    can_submit_opinion = fields.Boolean(compute="_compute_can_submit_opinion")
    can_set_opinion_handler = fields.Boolean(compute="_compute_can_submit_opinion")

    @api.depends("opinion_ids.state")
    def _auto_init(self):
        # the column filled by one statement on an existing database, not by computing
        # every case in Python
        cr = self.env.cr
        if (
            sql.table_exists(cr, "sunny_case_co_unit_rel")
            and sql.table_exists(cr, self._table)
            and not sql.column_exists(cr, self._table, "is_cohandled")
        ):
            sql.create_column(cr, self._table, "is_cohandled", "boolean")
            cr.execute(
                "UPDATE sunny_case c SET is_cohandled = TRUE"
                " WHERE EXISTS (SELECT 1 FROM sunny_case_co_unit_rel r WHERE r.case_id = c.id)"
            )
        res = super()._auto_init()
        sql.create_index(cr, "sunny_case_cohandled_idx", self._table, ["id"], where="is_cohandled")
        return res

    @api.depends("co_unit_ids")
    def _compute_is_cohandled(self):
        for case in self:
            case.is_cohandled = bool(case.co_unit_ids)

    def _compute_opinion_counts(self):
        for case in self:
            case.opinion_pending_count = len(case.opinion_ids.filtered(lambda o: o.state == "pending"))

    @api.depends("opinion_ids.state", "opinion_ids.handler_id", "state")
    @api.depends_context("uid")
    def _compute_can_submit_opinion(self):
        for case in self:
            case.can_submit_opinion = bool(case._sunny_my_opinion())
            case.can_set_opinion_handler = bool(case._sunny_my_opinion("can_set_handler"))

    def _workflow_fields(self):
        return super()._workflow_fields() | {"co_unit_ids", "co_entrusted_user_ids"}

    # ------------------------------------------------------------------ audience

    def _sunny_co_officers(self):
        """The officers of the co-handling units who read the case: all of them on an
        ordinary case, only the entrusted ones on a confidential case."""
        self.ensure_one()
        case = self.sudo()
        officers = case.co_unit_ids.officer_ids
        if case.is_confidential:
            officers &= case.co_entrusted_user_ids
        return officers

    def _sunny_audience_map(self, roles=None):
        roles = roles or self._sunny_role_users()
        result = super()._sunny_audience_map(roles)
        for case in self.sudo().filtered("co_unit_ids"):
            result[case.id] |= case._sunny_co_officers() & roles["officer"]
            result[case.id] |= case._sunny_co_handlers() & roles["handler"]
        return result

    def _sunny_co_handlers(self):
        """The handlers of the co-handling units the opinions were handed to, while
        they may work on them (see ``sunny.case.opinion._sunny_handler``)."""
        self.ensure_one()
        handlers = self.env["res.users"]
        for opinion in self.sudo().opinion_ids.filtered("handler_id"):
            handlers |= opinion._sunny_handler()
        return handlers

    def _sunny_working_users(self):
        # the co-handling officers and handlers follow the case while it is worked on
        return (
            super()._sunny_working_users()
            | self._sunny_co_officers().filtered(lambda u: u.active and not u.share)
            | self._sunny_co_handlers()
        )

    def _sunny_sync_audience(self):
        # an opinion's handler who may no longer work on it (left the unit, or the
        # case became confidential) gives it back to the unit's officers, on record
        lapsed = (
            self.sudo()
            .exists()
            .opinion_ids.filtered(lambda o: o.handler_id and o.state == "pending" and not o._sunny_handler())
        )
        for opinion in lapsed:
            opinion.case_id.message_post(
                body=self.env._(
                    "%(handler)s is no longer a handler of %(unit)s on this case: its opinion goes back to the "
                    "unit's information officers.",
                    handler=opinion.handler_id.name,
                    unit=opinion.unit_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        lapsed.write({"handler_id": False})
        return super()._sunny_sync_audience()

    def _sunny_lead_users(self):
        """The lead unit's people working on the case (its officers, the entrusted ones
        when confidential, and its handler)."""
        self.ensure_one()
        case = self.sudo()
        given_to = case.entrusted_user_ids if case.is_confidential else case.unit_id.officer_ids
        return (given_to | case.handler_id).filtered(lambda u: u.active and not u.share)

    def _sunny_my_opinion(self, can="can_submit"):
        """The pending opinion the current user may give (or, with ``can`` set to
        ``"can_set_handler"``, hand to a handler) on this case, if any."""
        self.ensure_one()
        if not self.id:
            return self.env["sunny.case.opinion"]
        # read as superuser, judged as the current user (can_submit is per user)
        return self.sudo().opinion_ids.sudo(False).filtered(can)[:1]

    # ------------------------------------------------------------------ workflow

    def action_add_co_units(self, units=None, entrusted_users=None, deadline=None, note=None):
        """Add co-handling units (``units``: records or ids) to assigned cases. On a
        confidential case, ``entrusted_users`` names the officers of each unit it is
        given to. ``deadline`` (naive UTC) is the units' deadline for their opinion,
        by default the end of the working day 2 working days before the lead unit's
        reply deadline (never before the end of today). Everything is checked before
        anything changes."""
        self._sunny_gate("add_co_units")
        units = self._browse_arg("sunny.unit", units, self.env._("the co-handling units"))
        entrusted_users = self._browse_arg(
            "res.users", entrusted_users, self.env._("the officers the confidential case is entrusted to")
        )
        if not units:
            raise UserError(self.env._("Choose at least one co-handling unit."))
        if deadline:
            deadline = fields.Datetime.to_datetime(deadline)
            if deadline <= fields.Datetime.now():
                raise UserError(self.env._("The co-handling units' deadline must be in the future."))
        for unit in units.sudo():
            if not unit.active:
                raise UserError(self.env._("Unit %s is archived: choose an active unit.", unit.name))
            if not unit.officer_ids:
                raise UserError(
                    self.env._("Unit %s has no information officer: set up its service station first.", unit.name)
                )
        plan = {}
        for case in self.sudo():
            if case.unit_id & units:
                raise UserError(
                    self.env._(
                        "%(unit)s leads case %(case)s: the lead unit cannot also co-handle it.",
                        unit=case.unit_id.name,
                        case=case.name,
                    )
                )
            if already := case.co_unit_ids & units:
                raise UserError(
                    self.env._(
                        "%(units)s already co-handle case %(case)s.",
                        units=", ".join(already.mapped("name")),
                        case=case.name,
                    )
                )
            entrusted = self.env["res.users"]
            if case.is_confidential:
                for unit in units.sudo():
                    given = entrusted_users & unit.officer_ids
                    if not given:
                        raise UserError(
                            self.env._(
                                "Case %(case)s is confidential: entrust it to an officer of %(unit)s.",
                                case=case.name,
                                unit=unit.name,
                            )
                        )
                    entrusted |= given
            default = case._sunny_default_opinion_deadline()
            plan[case.id] = (deadline or default, entrusted, not deadline or deadline == default)
        # every check passed: change the cases
        note = (note or "").strip() or False
        opinions = self.env["sunny.case.opinion"]
        for case in self.sudo():
            opinion_deadline, entrusted, is_default = plan[case.id]
            case.write(
                {
                    "co_unit_ids": [fields.Command.link(unit.id) for unit in units],
                    "co_entrusted_user_ids": [fields.Command.link(user.id) for user in entrusted],
                }
            )
            opinions |= opinions.sudo().create(
                [
                    {
                        "case_id": case.id,
                        "unit_id": unit.id,
                        "deadline": opinion_deadline,
                        "deadline_is_default": is_default,
                        "requested_by": self.env.uid,
                        "note": note,
                    }
                    for unit in units
                ]
            )
            case.message_post(
                body=self.env._(
                    "Co-handling units added: %(units)s. Their opinions are due by %(deadline)s.%(note)s",
                    units=", ".join(units.mapped("name")),
                    deadline=self.env["sunny.calendar"].format_local(opinion_deadline),
                    note=(" " + self.env._("Request of the center: %s", note)) if note else "",
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._sunny_sync_audience()
        opinions._sunny_schedule_todos()
        return True

    def action_assign(self, unit=None, entrusted_users=None, note=None):
        # a returned case sent again: its lead unit cannot be one of its co-handling units
        if self._is_center_user():
            target = self._browse_arg("sunny.unit", unit, self.env._("the unit the case is sent to"))
            for case in self.sudo():
                if both := target & case.co_unit_ids:
                    raise UserError(
                        self.env._(
                            "%(unit)s co-handles case %(case)s: a co-handling unit cannot also lead it.",
                            unit=both[:1].name,
                            case=case.name,
                        )
                    )
        return super().action_assign(unit, entrusted_users=entrusted_users, note=note)

    def _sunny_opinion_lead_deadline(self):
        """The lead unit's deadline the co-handling opinions come before: its reply
        deadline, or once an extension was approved, the extended resolution deadline."""
        self.ensure_one()
        case = self.sudo()
        if case.resolve_deadline and case.extension_ids.filtered(lambda e: e.state == "approved"):
            return max(case.resolve_deadline, case.reply_deadline or case.resolve_deadline)
        return case.reply_deadline

    def _sunny_default_opinion_deadline(self):
        """The end of the working day 2 working days before the lead unit's deadline
        (its reply deadline, the extended one after an extension; China's working
        days), never before the end of today."""
        self.ensure_one()
        Calendar = self.env["sunny.calendar"]
        Holiday = self.env["sunny.holiday"]
        today = Calendar.today()
        day = Calendar.local_date(self._sunny_opinion_lead_deadline()) or today
        counted = 0
        while counted < OPINION_LEAD_DAYS and day > today:
            day -= datetime.timedelta(days=1)
            if Holiday.is_workday(day):
                counted += 1
        return Calendar._end_of_day(max(day, today))

    def _sunny_opinions_follow_lead(self):
        """After the lead unit's deadline moved (an approved extension): the pending
        opinions with the default deadline move to the new default; one the center
        set by hand is kept unless it is now after the lead unit's deadline. Their
        overdue marks and to-dos follow; the chatter says what moved."""
        Calendar = self.env["sunny.calendar"]
        now = fields.Datetime.now()
        todo = self.env.ref("sunny_service.mail_activity_type_opinion")
        for case in self.sudo():
            pending = case.opinion_ids.filtered(lambda o: o.state == "pending")
            if not pending:
                continue
            lead_deadline = case._sunny_opinion_lead_deadline()
            default = case._sunny_default_opinion_deadline()
            moved = pending.filtered(
                lambda o, lead_deadline=lead_deadline, default=default: o.deadline != default
                and (o.deadline_is_default or (lead_deadline and o.deadline > lead_deadline))
            )
            if not moved:
                continue
            moved.write(
                {
                    "deadline": default,
                    "deadline_is_default": True,
                    "deadline_state": "on_time" if default >= now else "overdue",
                }
            )
            users = self.env["res.users"]
            for opinion in moved:
                users |= opinion._sunny_submitters()
            case.activity_ids.filtered(lambda a, users=users: a.activity_type_id == todo and a.user_id in users).write(
                {"date_deadline": Calendar.local_date(default)}
            )
            case.message_post(
                body=self.env._(
                    "The lead unit's deadline moved to %(lead)s: the co-handling opinions of %(units)s are now due "
                    "by %(deadline)s (2 working days before).",
                    lead=Calendar.format_local(lead_deadline),
                    units=", ".join(moved.unit_id.mapped("name")),
                    deadline=Calendar.format_local(default),
                ),
                subtype_xmlid="mail.mt_note",
            )

    # ------------------------------------------------------------------ jobs

    @api.model
    def _cron_deadline_scan(self, batch_size=500):
        # the same hourly scan watches the co-handling units' opinions: one more
        # indexed search when nothing is late (see sunny.case.opinion)
        done = super()._cron_deadline_scan(batch_size=batch_size)
        return done + self.env["sunny.case.opinion"]._cron_deadline_scan(batch_size=batch_size)


class SunnyCaseExtension(models.Model):
    _inherit = "sunny.case.extension"

    def action_approve(self, comment=None):
        # the co-handling units' opinions come before the lead unit's deadline: they follow it
        res = super().action_approve(comment)
        self.sudo().case_id._sunny_opinions_follow_lead()
        return res
