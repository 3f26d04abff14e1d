"""Deadlines of a case in the university's time and the jobs that watch them:
the deadline scan, reminders (催办) and escalation to the leadership.

What the jobs write is in its readers' language, never in the cron user's en_US:
notes, chatter and to-do summaries in the university's (``sunny.calendar.lang()``),
each notification in the language of the group of readers it goes to."""

from odoo import api, fields, models
from odoo.tools.translate import LazyTranslate

from ..tools.service_author import service_author
from .sunny_case import UNIT_STATES

_lt = LazyTranslate(__name__)


class SunnyCase(models.Model):
    _inherit = "sunny.case"

    def _done_deadline_state(self, done):
        self.ensure_one()
        if not self.resolve_deadline or done <= self.resolve_deadline:
            return "done_on_time"
        return "done_late"

    def _escalate(self, note=None, signature=None):
        """Report cases to the leadership (confidential ones to discipline inspection
        and the center manager, who alone may read them): a note in each case's
        chatter and one notification per group of readers listing the cases.
        ``note`` is the center's own words (督办), kept as written; without it the
        cases are reported as overdue. ``signature`` (``tools/service_author.py``)
        signs what is written: the acting user's by default, the service's for a job."""
        if not self:
            return
        leaders = self.env.ref("sunny_service.group_leadership").users
        discreet = (
            self.env.ref("sunny_service.group_discipline").users
            | self.env.ref("sunny_service.group_center_manager").users
        ).filtered(lambda u: not u.share)
        env = self.with_context(lang=self.env["sunny.calendar"].lang()).env
        if note:
            chatter = env._("Reported to the leadership: %s", note)
            subject = _lt("Supervised cases: %s", note)
        else:
            chatter = env._("Overdue: reported to the leadership.")
            subject = _lt("Overdue cases reported to the leadership")
        for confidential, readers in ((False, leaders), (True, discreet)):
            cases = self.filtered(lambda c, confidential=confidential: c.is_confidential == confidential)
            if cases and readers:
                cases._sunny_log_batch(
                    dict.fromkeys(cases.ids, chatter),
                    partner_ids=readers.partner_id.ids,
                    **self._sunny_signed(signature),
                )
                cases._notify_case_list(readers.partner_id, subject, signature=signature)

    @api.model
    def _sunny_signed(self, signature):
        """``author_id``/``email_from`` of a signature, nothing (the acting user) without one."""
        if not signature:
            return {}
        return {"author_id": signature.partner.id, "email_from": signature.email_from}

    def _notify_case_list(self, partners, subject, signature=None):
        """One notification (inbox or mail, as each reader chose) per group of
        ``partners`` listing the cases of ``self`` each of them may hear about: a
        list never names a case to someone outside its audience. Each group reads
        it in its language: ``subject`` is translated for it when it is a lazy
        translation (``_lt``), and so are the deadline states of the list. Signed by
        ``signature``, the service's by default (a list is the system's)."""
        allowed = {case_id: set(partners_.ids) for case_id, partners_ in self._sunny_notifiable_map().items()}
        groups = {}
        for partner in partners:
            case_ids = tuple(case.id for case in self if partner.id in allowed[case.id])
            if case_ids:
                groups.setdefault(case_ids, partner.browse())
                groups[case_ids] |= partner
        Calendar = self.env["sunny.calendar"]
        base_url = self.browse().get_base_url()
        signature = signature or service_author(self.env)
        for case_ids, readers in groups.items():
            for lang, partners_ in Calendar.langs_of(readers).items():
                env = self.with_context(lang=lang).env
                text = env._(subject) if not isinstance(subject, str) else subject
                body = env["ir.qweb"]._render(
                    "sunny_service.sunny_case_list_mail",
                    {
                        "subject": text,
                        "cases": self.browse(case_ids),
                        "base_url": base_url,
                        "format_local": Calendar.format_local,
                        "deadline_states": dict(self._fields["deadline_state"]._description_selection(env)),
                    },
                )
                env["sunny.case"].sudo().message_notify(
                    partner_ids=partners_.ids, subject=text, body=body, **self._sunny_signed(signature)
                )

    def _refresh_deadline_state(self):
        """Recompute the open-case deadline state after the deadlines moved."""
        now = fields.Datetime.now()
        threshold = self.env["sunny.calendar"].due_soon_threshold()
        for case in self.filtered(lambda c: c.state in UNIT_STATES and c.deadline):
            if case.deadline < now:
                value = "overdue"
            elif case.deadline <= threshold:
                value = "due_soon"
            else:
                value = "on_time"
            if case.deadline_state != value:
                case._workflow().write({"deadline_state": value})

    @api.model
    def _cron_deadline_scan(self, batch_size=500):
        """Mark cases due soon or overdue, remind their officers, remind (催办) overdue
        cases once a day and escalate them once to the leadership. Works only on open
        cases whose state must change, in batches, with a constant number of queries
        per batch (partial indexes, see init()); a second run sends nothing new.
        Batches follow the units, so that a long first pass sends each unit's
        officers a few long lists rather than one short list per batch."""
        Calendar = self.env["sunny.calendar"]
        now = fields.Datetime.now()
        today = Calendar.today()
        # a case waiting for its submitter's answer (补充材料) has its clock stopped
        open_cases = [("state", "in", UNIT_STATES), ("is_waiting", "=", False)]
        Case = self.sudo().with_context(tracking_disable=True)
        overdue = Case.search(
            open_cases
            + [
                ("deadline_state", "in", ("on_time", "due_soon")),
                ("deadline", "<", now),
            ],
            order="unit_id, id",
            limit=batch_size,
        )
        overdue.write({"deadline_state": "overdue"})
        # a case already past its deadline waits for its turn to be flagged overdue
        # (batches): it is not due soon, and gets no "due soon" to-do nor list
        due_soon = Case.search(
            open_cases
            + [
                ("deadline_state", "=", "on_time"),
                ("deadline", ">=", now),
                ("deadline", "<=", Calendar.due_soon_threshold()),
            ],
            order="unit_id, id",
            limit=batch_size,
        )
        due_soon.write({"deadline_state": "due_soon"})
        to_remind = Case.search(
            open_cases
            + [
                ("deadline_state", "=", "overdue"),
                "|",
                ("last_reminder_date", "=", False),
                ("last_reminder_date", "<", today),
            ],
            order="unit_id, id",
            limit=batch_size,
        )
        to_remind.write({"last_reminder_date": today})
        to_escalate = to_remind.filtered(lambda c: not c.escalated_date)
        to_escalate.write({"escalated_date": now})

        if not (due_soon or to_remind):
            self.env["ir.cron"]._notify_progress(done=len(overdue), remaining=1 if len(overdue) == batch_size else 0)
            return len(overdue)
        # who may hear about each case, computed once for the batch: the to-dos'
        # followers and every list below read it (nothing here changes who reads a case)
        memo_env = (due_soon | to_remind)._sunny_with_notifiable_memo().env
        due_soon, to_remind, to_escalate = (r.with_env(memo_env) for r in (due_soon, to_remind, to_escalate))
        # what the job writes is signed by the service, asked once per run
        signature = service_author(self.env)
        # notes are the case's record, read by everyone: in the university's language
        env = self.with_context(lang=Calendar.lang()).env
        # translated once for the batch, filled in per case
        remind_note = env._("Overdue since %s: the unit is reminded to settle it.")
        remind_notes = {case.id: remind_note % Calendar.format_local(case.deadline) for case in to_remind}
        escalate_note = env._("Overdue case escalated to the leadership.")
        notes = [("remind", case, remind_notes[case.id]) for case in to_remind]
        notes += [("escalate", case, escalate_note) for case in to_escalate]
        self.env["sunny.case.supervision"].sudo().create(
            [
                {"case_id": case.id, "date": now, "user_id": False, "kind": kind, "note": note}
                for kind, case, note in notes
            ]
        )
        if to_remind:
            to_remind._sunny_log_batch(remind_notes, **self._sunny_signed(signature))
        due_soon._schedule_due_soon_todos()
        due_soon._remind_officers(_lt("Cases due soon"), signature=signature)
        to_remind._remind_officers(_lt("Overdue cases: please settle them or explain why"), signature=signature)
        to_escalate._escalate(signature=signature)
        done = len(overdue) + len(due_soon) + len(to_remind)
        full = batch_size in (len(overdue), len(due_soon), len(to_remind))
        self.env["ir.cron"]._notify_progress(done=done, remaining=1 if full else 0)
        return done

    def _officers_to_remind(self):
        """The officers the case is given to: the entrusted ones when confidential."""
        self.ensure_one()
        return self.entrusted_user_ids if self.is_confidential else self.unit_id.officer_ids

    def _schedule_due_soon_todos(self):
        """A to-do "due soon" for each officer of each case, created in one batch (no
        mail per to-do: the officers get one notification per scan and the digest)."""
        if not self:
            return
        todo = self.env.ref("sunny_service.mail_activity_type_due_soon")
        Calendar = self.env["sunny.calendar"]
        env = self.with_context(lang=Calendar.lang()).env
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": case.id,
                    "activity_type_id": todo.id,
                    "user_id": officer.id,
                    "summary": env._("Due soon: %s", case.title),
                    "date_deadline": Calendar.local_date(case.deadline),
                }
                for case in self
                for officer in case._officers_to_remind()
            ]
        )

    def _remind_officers(self, subject, signature=None):
        """One notification per group of officers listing their cases in this batch
        (``subject``: see ``_notify_case_list``)."""
        by_officers = {}
        for case in self:
            officers = case._officers_to_remind()
            if officers:
                by_officers.setdefault(officers, self.browse())
                by_officers[officers] |= case
        for officers, cases in by_officers.items():
            cases._notify_case_list(officers.partner_id, subject, signature=signature)
