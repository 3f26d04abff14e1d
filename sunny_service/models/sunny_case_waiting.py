"""Waiting for the submitter (补充材料): the unit handling a case asks its submitter
for missing information; the resolution clock stops, in China's working days, until
the answer comes through the query page or the portal, and the deadlines then move
by the working days spent waiting. Without an answer after the rule's number of
working days, the center is reminded and may close the case.

Off by default, per case type (``sunny.deadline.rule.allow_pause``)."""

from markupsafe import Markup

from odoo import Command, _lt, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, plaintext2html

from .sunny_case import ACTION_LABELS, CENTER, SUBMITTER, UNIT, WORKFLOW

# The workflow's table, extended (see WORKFLOW in sunny_case.py): asking, answering
# and closing unanswered run while the unit handles the case.
WORKFLOW["request_information"] = (
    (
        ("processing",),
        {UNIT},
        _lt("Only the officers and handlers of the case's unit ask its submitter for information."),
    ),
)
WORKFLOW["answer_information"] = ((("processing",), {SUBMITTER}, None),)
WORKFLOW["close_unanswered"] = ((("processing",), {CENTER}, None),)
ACTION_LABELS["request_information"] = _lt("paused to ask the submitter for information")
ACTION_LABELS["answer_information"] = _lt("completed with the information asked for")
ACTION_LABELS["close_unanswered"] = _lt("closed without the submitter's answer")

TODO_ANSWERED = "sunny_service.mail_activity_type_information_received"
TODO_UNANSWERED = "sunny_service.mail_activity_type_information_unanswered"
QUESTION_MAX = 2000


class SunnyCase(models.Model):
    _inherit = "sunny.case"

    is_waiting = fields.Boolean(
        string="Waiting for the Submitter",
        readonly=True,
        index=True,
        copy=False,
        tracking=True,
        help="补充材料: the unit asked the submitter for information; the resolution clock stops until the answer.",
    )
    pause_ids = fields.One2many("sunny.case.pause", "case_id", string="Requests for Information")
    pause_question = fields.Text(
        string="Question to the Submitter",
        compute="_compute_pause_question",
        help="The question the submitter has not answered yet.",
    )
    can_request_information = fields.Boolean(compute="_compute_can")
    can_close_unanswered = fields.Boolean(compute="_compute_can")

    @api.depends("is_waiting", "pause_ids.state", "pause_ids.question")
    def _compute_pause_question(self):
        for case in self:
            case.pause_question = case.is_waiting and case._sunny_waiting_pause().question or False

    def _workflow_fields(self):
        return super()._workflow_fields() | {"is_waiting"}

    def _sunny_allows(self, action, roles):
        allowed = super()._sunny_allows(action, roles)
        if allowed and action == "request_information":
            return not self.is_waiting and self._sunny_pause_allowed()
        if allowed and action in ("answer_information", "close_unanswered"):
            return self.is_waiting
        return allowed

    # ------------------------------------------------------------------ helpers

    def _sunny_pause_allowed(self):
        self.ensure_one()
        return self.env["sunny.deadline.rule"]._get_pause_rules()[self.case_type][0]

    def _sunny_waiting_pause(self):
        """The question waiting for the submitter's answer (empty when none)."""
        self.ensure_one()
        return self.sudo().pause_ids.filtered(lambda p: p.state == "waiting")[:1].with_env(self.env)

    def _sunny_type_label(self):
        return dict(self._fields["case_type"]._description_selection(self.env))[self.case_type]

    # ------------------------------------------------------------------ actions

    def action_request_information(self, question=None):
        """Ask the submitter for missing information: the resolution clock stops until
        they answer on the query page or the portal (they are told by e-mail when
        they gave an address)."""
        self._sunny_gate("request_information")
        question = self._require_text(question, self.env._("the question to the submitter"))
        if len(question) > QUESTION_MAX:
            raise UserError(self.env._("The question is too long (at most %s characters).", QUESTION_MAX))
        rules = self.env["sunny.deadline.rule"]._get_pause_rules()
        Calendar = self.env["sunny.calendar"]
        today = Calendar.today()
        for case in self:
            if not rules[case.case_type][0]:
                raise UserError(
                    self.env._(
                        "Asking the submitter for information is not enabled for %(type)s cases (%(case)s): "
                        "the center manager enables it per case type under Configuration › Deadlines.",
                        type=case._sunny_type_label(),
                        case=case.name,
                    )
                )
            if case.is_waiting:
                raise UserError(
                    self.env._("Case %s already waits for its submitter's answer: one question at a time.", case.name)
                )
        Holiday = self.env["sunny.holiday"]
        self.env["sunny.case.pause"].sudo().create(
            [
                {
                    "case_id": case.id,
                    "question": question,
                    "user_id": self.env.uid,
                    "close_after": Holiday.add_workdays(today, rules[case.case_type][1]),
                    "resolve_deadline_before": case.resolve_deadline,
                }
                for case in self
            ]
        )
        self._workflow().write({"is_waiting": True})
        for case in self:
            case._workflow().message_post(
                body=self.env._(
                    "Information asked from the submitter: the resolution clock stops until the answer.\n%s",
                    question,
                ),
                subtype_xmlid="mail.mt_note",
            )
            case._workflow()._sunny_mail_question(question)
        return True

    def _public_answer_information(self, pause_id, text, files=()):
        """The submitter answers the question ``pause_id`` (proof of identity checked by
        the caller): the answer and its files reach the case like added information,
        the clock runs again and the unit is told. Returns the pause, or an empty
        recordset when this answer was already stored (a form posted twice)."""
        self.ensure_one()
        text = (text or "").strip()
        Pause = self.env["sunny.case.pause"].sudo()
        pause = Pause.browse(pause_id).exists() if pause_id else Pause
        if not pause or pause.case_id != self.sudo():
            raise UserError(self.env._("This question does not belong to your case: reload the page and answer again."))
        if pause.state == "answered" and (pause.answer or "").strip() == text:
            return Pause  # replayed: stored once
        if pause.state != "waiting" or not self.is_waiting:
            raise UserError(self.env._("Your case %s is not waiting for information from you.", self.name))
        self._sunny_gate("answer_information")
        # the database decides between two posts of the same answer at once
        self.env.cr.execute(
            SQL(
                "UPDATE sunny_case_pause SET state = 'answered' WHERE id = %s AND state = 'waiting' RETURNING id",
                pause.id,
            )
        )
        if not self.env.cr.fetchone():
            return Pause
        pause.invalidate_recordset(["state"])
        self._public_add_information(text, files)
        self._workflow()._sunny_end_pauses(pause, "answered", answer=text)
        # the unit takes it up again: a to-do for those who handle it
        case = self.sudo()
        case._sunny_pause_todos(
            TODO_ANSWERED,
            lambda c: (c.handler_id | c._officers_to_remind()).filtered(lambda u: u.active),
            lambda c: self.env._("The submitter answered your question: %s", c.title),
        )
        case._close_todos(TODO_UNANSWERED, self.env._("The submitter answered."))
        return pause

    def action_close_unanswered(self, reason=None):
        """The center closes a case whose submitter has not answered the unit's question
        within the rule's working days, with the reason the submitter reads."""
        self._sunny_gate("close_unanswered")
        reason = self._require_text(reason, self.env._("the reason for closing the case without an answer"))
        Calendar = self.env["sunny.calendar"]
        today = Calendar.today()
        pauses = self.env["sunny.case.pause"]
        for case in self:
            pause = case._sunny_waiting_pause()
            if not pause:
                raise UserError(self.env._("Case %s is not waiting for its submitter's answer.", case.name))
            if today < pause.sudo().close_after:
                raise UserError(
                    self.env._(
                        "The submitter of %(case)s has until %(day)s to answer: the case can be closed from then on.",
                        case=case.name,
                        day=pause.sudo().close_after,
                    )
                )
            pauses |= pause
        self._workflow()._sunny_end_pauses(pauses.sudo(), "closed", note=reason)
        now = fields.Datetime.now()
        for case in self._workflow():
            case.write(
                {
                    "state": "closed",
                    "closed_date": now,
                    "deadline_state": case._done_deadline_state(now),
                }
            )
            case.message_post(
                body=self.env._("Closed without the submitter's answer: %s", reason), subtype_xmlid="mail.mt_note"
            )
            case._sunny_mail_submitter(
                self.env._("Your case %s is closed", case.name),
                self.env._(
                    "Your case %(case)s is closed: the information asked for did not arrive. %(reason)s",
                    case=case.name,
                    reason=reason,
                ),
            )
        self._close_todos(TODO_UNANSWERED, self.env._("Closed without an answer."))
        # nothing is left to do on a closed case (as when it is withdrawn)
        self._workflow().activity_ids.unlink()
        return True

    # the case leaves the unit's hands while waiting: the question ends without an answer
    def action_submit_reply(self, reply=None):
        self._sunny_gate("submit_reply")
        self._sunny_end_waiting(self.env._("The unit replied without waiting for the answer."))
        return super().action_submit_reply(reply)

    def action_return(self, reason=None, **kwargs):
        self._sunny_gate("return")
        self._sunny_end_waiting(self.env._("The case was returned to the center."))
        return super().action_return(reason, **kwargs)

    def action_cancel(self):
        self._sunny_gate("cancel")
        self._sunny_end_waiting(self.env._("The submitter withdrew the case."))
        return super().action_cancel()

    def _sunny_end_waiting(self, note):
        waiting = self.sudo().filtered("is_waiting")
        if waiting:
            pauses = waiting.pause_ids.filtered(lambda p: p.state == "waiting")
            waiting._sunny_end_pauses(pauses, "ended", note=note)

    # ------------------------------------------------------------------ the clock

    def _sunny_end_pauses(self, pauses, state, answer=None, note=None):
        """End the waiting ``pauses`` of these cases: each lasted some working days,
        and the deadlines of its case that had not passed when it was asked move by
        as many (a deadline missed before the question stays missed)."""
        Calendar = self.env["sunny.calendar"]
        Pause = self.env["sunny.case.pause"]
        now = fields.Datetime.now()
        env = self.with_context(lang=Calendar.lang()).env
        for pause in pauses:
            case = pause.case_id
            days = Pause._workdays_between(pause.date, now)
            vals = {"is_waiting": False}
            if days:
                if case.resolve_deadline and case.resolve_deadline >= pause.date:
                    vals["resolve_deadline"] = Calendar.deadline(case.resolve_deadline, days)
                if not case.first_reply_date and case.reply_deadline and case.reply_deadline >= pause.date:
                    vals["reply_deadline"] = Calendar.deadline(case.reply_deadline, days)
            pause.write(
                {
                    "state": state,
                    "date_end": now,
                    "days": days,
                    "answer": answer or False,
                    "end_note": note or False,
                    "resolve_deadline_after": vals.get("resolve_deadline", case.resolve_deadline),
                }
            )
            case.write(vals)
            case._refresh_deadline_state()
            if state == "answered":
                text = env._(
                    "The submitter answered after %(days)s working days: the resolution deadline is now %(deadline)s.",
                    days=days,
                    deadline=Calendar.format_local(case.resolve_deadline) or "-",
                )
            else:
                text = env._(
                    "The question to the submitter ended without an answer after %(days)s working days "
                    "(%(note)s): the resolution deadline is now %(deadline)s.",
                    days=days,
                    note=note or "",
                    deadline=Calendar.format_local(case.resolve_deadline) or "-",
                )
            case.message_post(body=text, subtype_xmlid="mail.mt_note")

    def _sunny_pause_todos(self, activity_type_xmlid, users_of, summary_of):
        """The to-dos of waiting (one per case and user, made at once) without the
        assignment mail: the submitter's answer and the job have no sender address;
        the to-dos reach their people in their activities."""
        return self.with_context(mail_activity_quick_update=True)._schedule_todos(
            activity_type_xmlid, users_of, summary_of
        )

    # ------------------------------------------------------------------ mail

    def _sunny_mail_question(self, question):
        """Tell the submitter the unit's question, with where to answer it."""
        self.ensure_one()
        case = self.sudo()
        base_url = case.get_base_url()
        where = f"{base_url}/my/sunny/{case.id}" if case.partner_id else f"{base_url}/sunny/query?number={case.name}"
        # in the submitter's language when they have an account, else the university's
        env = self.with_context(lang=case.partner_id.lang or self.env["sunny.calendar"].lang()).env
        self._sunny_mail_submitter(
            env._("Your case %s: information needed", case.name),
            env._(
                "To go on with your case %(case)s, the unit handling it asks you:\n%(question)s\n\n"
                "Answer on the case's page: %(url)s (with your case number and query code when you have no "
                "account). The time limit of your case stops until your answer.",
                case=case.name,
                question=question,
                url=where,
            ),
        )

    def _sunny_mail_submitter(self, subject, text):
        """A mail to the submitter, linked to no record (as the reply): to their account,
        else to the address they typed; nothing when they gave none."""
        self.ensure_one()
        case = self.sudo()
        recipient = case.partner_id
        email = False if recipient else case.submitter_email
        if not (recipient or email):
            return False
        return (
            self.env["mail.mail"]
            .sudo()
            .create(
                {
                    "subject": subject,
                    "body_html": Markup("%s") % plaintext2html(text),
                    "recipient_ids": [Command.set(recipient.ids)],
                    "email_to": email,
                    "email_from": self._sunny_mail_from(),
                    "auto_delete": True,
                }
            )
        )

    # ------------------------------------------------------------------ job

    @api.model
    def _cron_pause_reminder(self):
        """A to-do for the center on each case whose question is unanswered past its
        rule's working days, once: the center may close it."""
        today = self.env["sunny.calendar"].today()
        pauses = (
            self.env["sunny.case.pause"]
            .sudo()
            .search([("state", "=", "waiting"), ("reminded", "=", False), ("close_after", "<=", today)])
        )
        if not pauses:
            return 0
        pauses.write({"reminded": True})
        cases = pauses.case_id
        desk = cases._center_desk()
        env = self.with_context(lang=self.env["sunny.calendar"].lang()).env
        cases._sunny_pause_todos(
            TODO_UNANSWERED,
            lambda case: desk[case.id],
            lambda case: env._("No answer from the submitter: close the case or wait: %s", case.title),
        )
        return len(pauses)
