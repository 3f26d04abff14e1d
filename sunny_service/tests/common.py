"""Shared fixtures of the sunny_service tests: two units with their stations, one
user per role, and helpers that create cases and move them through the real
workflow API, each step done by the role that does it in real life.

Time is frozen on Monday 2026-11-23 10:00 in Asia/Shanghai (02:00 UTC): an
assignment then has its reply deadline at the end of Thursday 2026-11-26 and its
resolution deadline at the end of Wednesday 2026-12-02 (days 3 and 7, day 1 being
the first working day after the day of assignment), both 15:59:59 UTC.

Which base class to extend: ``SunnyCaseCommon`` (here) for tests of the models,
the workflow and the access rules, in this addon and in the addons that depend on
it (``sunny_service_reports.tests.common.SunnyReportsCommon`` extends it with a
month of cases); ``public_common.SunnyPublicCase`` (HttpCase) for the public
pages, the portal and the tours.
"""

import datetime

from odoo.tests import TransactionCase, new_test_user

# Monday 2026-11-23 10:00 Asia/Shanghai
FROZEN_NOW = "2026-11-23 02:00:00"
NOW = datetime.datetime(2026, 11, 23, 2, 0, 0)
REPLY_DEADLINE = datetime.datetime(2026, 11, 26, 15, 59, 59)
RESOLVE_DEADLINE = datetime.datetime(2026, 12, 2, 15, 59, 59)

STATES = ("new", "registered", "assigned", "processing", "review", "replied", "closed", "rejected", "cancelled")

# the path a case takes to reach each state
PATH = {
    "new": [],
    "registered": ["register"],
    "assigned": ["register", "assign"],
    "processing": ["register", "assign", "accept"],
    "review": ["register", "assign", "accept", "reply"],
    "replied": ["register", "assign", "accept", "reply", "approve"],
    "closed": ["register", "assign", "accept", "reply", "approve", "follow_up"],
    "rejected": ["reject"],
    "cancelled": ["cancel"],
}


class SunnyCaseCommon(TransactionCase):
    """Units A and B with their stations, and one user per role."""

    freeze_time = FROZEN_NOW

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, no_reset_password=True))
        env = cls.env

        # the calendar and the rules the deadlines of these tests are computed with
        env["sunny.holiday"].load_year(2026)
        env["ir.config_parameter"].set_param("sunny_service.timezone", "Asia/Shanghai")
        if "sunny.deadline.rule" in env:
            env["sunny.deadline.rule"].search([]).write({"reply_days": 3, "resolve_days": 7})

        def user(login, name, groups, **kw):
            return new_test_user(env, login=login, name=name, groups=groups, tz="Asia/Shanghai", **kw)

        cls.center_manager = user("sunny_manager", "Center Manager", "sunny_service.group_center_manager")
        cls.center_staff = user("sunny_staff", "Center Staff", "sunny_service.group_center_staff")
        cls.discipline = user("sunny_discipline", "Discipline Inspector", "sunny_service.group_discipline")
        cls.leadership = user("sunny_leader", "Leader", "sunny_service.group_leadership")
        cls.officer_a = user("sunny_officer_a", "Officer A", "sunny_service.group_station_officer")
        cls.officer_a2 = user("sunny_officer_a2", "Officer A2", "sunny_service.group_station_officer")
        cls.officer_b = user("sunny_officer_b", "Officer B", "sunny_service.group_station_officer")
        cls.handler_a = user("sunny_handler_a", "Handler A", "sunny_service.group_handler")
        cls.portal_user = user(
            "sunny_portal", "Portal Student", "base.group_portal", email="portal.student@example.com"
        )
        cls.portal_other = user(
            "sunny_portal2", "Other Student", "base.group_portal", email="other.student@example.com"
        )
        cls.public_user = env.ref("base.public_user")

        cls.unit_a = env["sunny.unit"].create({"name": "College of Science", "code": "TSCI"})
        cls.unit_b = env["sunny.unit"].create({"name": "Logistics Department", "code": "TLOG"})
        cls.station_a = env["sunny.station"].create(
            {
                "name": "Science Station",
                "unit_id": cls.unit_a.id,
                "officer_ids": [(6, 0, (cls.officer_a | cls.officer_a2).ids)],
                "handler_ids": [(6, 0, cls.handler_a.ids)],
                "phone": "010-12345678",
                "email": "science@example.com",
            }
        )
        cls.station_b = env["sunny.station"].create(
            {
                "name": "Logistics Station",
                "unit_id": cls.unit_b.id,
                "officer_ids": [(6, 0, cls.officer_b.ids)],
            }
        )

    # ------------------------------------------------------------------ helpers

    def setUp(self):
        super().setUp()
        # every call below runs with a fresh record cache, as an RPC would
        self.env.invalidate_all()

    @classmethod
    def _flush_tracking(cls):
        """Write the pending tracking values (done at commit in real life)."""
        cls.env.flush_all()
        cls.env.cr.flush()

    @classmethod
    def _as(cls, records, user):
        """``records`` as seen by ``user`` in a new request: nothing cached."""
        cls.env.invalidate_all()
        return records.with_user(user)

    @classmethod
    def _create_case(cls, user=None, count=1, **vals):
        """Create ``count`` cases, as the superuser or as ``user`` (center staff,
        say); returned in the superuser's environment."""
        values = {
            "title": "The library closes too early",
            "content": "The library closes at 21:00 during the exam weeks; we ask it to stay open until 23:00.",
            "case_type": "consultation",
            "channel": "phone",
            "submitter_name": "Zhang San",
            "submitter_phone": "13800138000",
            "submitter_email": "portal.student@example.com",
            "submitter_role": "student",
            "partner_id": cls.portal_user.partner_id.id,
        }
        if user is not None:
            # only the public form binds a case to the account that filed it
            values.pop("partner_id")
        values.update(vals)
        Case = cls.env["sunny.case"] if user is None else cls.env["sunny.case"].with_user(user)
        cases = Case.create([dict(values) for _i in range(count)])
        cls._flush_tracking()
        return cases.with_env(cls.env)

    @classmethod
    def _center_for(cls, cases):
        """Center staff act on ordinary cases, the manager on confidential ones."""
        return cls.center_manager if any(cases.mapped("is_confidential")) else cls.center_staff

    @classmethod
    def _officer_for(cls, unit):
        return cls.officer_a if unit == cls.unit_a else cls.officer_b

    @classmethod
    def _step(cls, cases, step, unit=None, handler=None):
        """Run one workflow step on ``cases`` as the role that does it."""
        unit = unit or cls.unit_a
        center = cls._center_for(cases)
        officer = cls._officer_for(cases.unit_id[:1] or unit)
        if step == "register":
            cls._as(cases, center).action_register()
        elif step == "reject":
            cls._as(cases, center).action_reject("Outside the service's remit.")
        elif step == "assign":
            entrusted = cls._officer_for(unit) if any(cases.mapped("is_confidential")) else None
            cls._as(cases, center).action_assign(cls._as(unit, center), entrusted)
        elif step == "accept":
            cls._as(cases, officer).action_accept(handler)
        elif step == "reply":
            cls._as(cases, officer).action_submit_reply("The library now stays open until 23:00 in exam weeks.")
        elif step == "approve":
            cls._as(cases, center).action_approve_reply()
        elif step == "follow_up":
            cls._as(cases, center).action_follow_up("satisfied", "Called back, the student is content.")
        elif step == "cancel":
            cls._as(cases, cls.portal_user).action_cancel()
        else:
            raise ValueError(step)
        cls._flush_tracking()
        cls.env.invalidate_all()
        return cases

    @classmethod
    def _case_in_state(cls, state, count=1, unit=None, handler=None, **vals):
        """Create cases and bring them to ``state`` through the workflow API.

        ``unit`` is where they are assigned (unit A by default), ``handler`` whom
        the officer gives them to when accepting; ``vals`` go to the creation
        (``case_type="report"`` makes a confidential report, entrusted to the
        unit's first officer)."""
        cases = cls._create_case(count=count, **vals)
        for step in PATH[state]:
            cls._step(cases, step, unit=unit, handler=handler)
        assert set(cases.mapped("state")) == {state}, (state, cases.mapped("state"))
        return cases

    @classmethod
    def _state_trackings(cls, case):
        """[(old label, new label)] of the state changes in the chatter, oldest first."""
        trackings = case.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "state").sorted("id")
        return [(t.old_value_char, t.new_value_char) for t in trackings]

    @classmethod
    def _snapshot(cls, case):
        """What a refused call must leave untouched."""
        cls.env.invalidate_all()
        case = case.with_env(cls.env)
        snap = {
            name: case[name]
            for name in (
                "state",
                "unit_id",
                "first_unit_id",
                "handler_id",
                "entrusted_user_ids",
                "assigned_date",
                "reply_deadline",
                "resolve_deadline",
                "first_reply_date",
                "replied_date",
                "closed_date",
                "deadline_state",
                "reply",
                "reply_draft",
                "reject_reason",
                "satisfaction",
                "return_count",
                "reopen_count",
                "duplicate_of_id",
                "is_published",
                "title",
                "content",
                "progress_note",
            )
        }
        snap["returns"] = case.return_ids.ids
        snap["extensions"] = [(e.id, e.state) for e in case.extension_ids]
        snap["followups"] = case.followup_ids.ids
        snap["messages"] = case.message_ids.ids
        return snap

    def assertUnchanged(self, case, snapshot, msg=None):
        self.assertEqual(self._snapshot(case), snapshot, msg or "a refused call changed the case")
