"""重大情况及时通报: major cases reported to the leadership at once.

The center marks a case major with its reason (``action_mark_major``); the
leadership group hears of it at once (inbox and e-mail) with a one-page brief
(PDF: what, who handles it, the deadlines, what was done so far; the submitter's
identity never in it). A confidential case is reported to discipline inspection
only. Every later change of state of a major case reaches the same people: the
one place is ``write`` below, not each action. The monthly bulletin lists the
major cases of its month (``sunny.report.figures._supervised_cases``).
"""

import re

from markupsafe import Markup

from odoo import _lt, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.sunny_service.models.sunny_case import ACTION_LABELS, CENTER, OPEN_STATES, WORKFLOW
from odoo.addons.sunny_service.tools.personal_data import find_personal_data, mask

# the workflow's table (sunny_service/models/sunny_case.py) gets the new action:
# the center marks an open case major
WORKFLOW["mark_major"] = ((OPEN_STATES, {CENTER}, None),)
ACTION_LABELS["mark_major"] = _lt("reported as major")
MAJOR_FIELDS = {"is_major", "major_reason", "major_date", "major_user_id"}


class SunnyCase(models.Model):
    _inherit = "sunny.case"

    is_major = fields.Boolean(
        string="Major Case",
        readonly=True,
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="重大情况: reported to the leadership at once; every later step is reported too.",
    )
    major_reason = fields.Text(string="Why Major", readonly=True, copy=False)
    major_date = fields.Datetime(string="Reported as Major on", readonly=True, copy=False)
    major_user_id = fields.Many2one("res.users", string="Reported as Major by", readonly=True, copy=False)
    can_mark_major = fields.Boolean(compute="_compute_can")

    def _workflow_fields(self):
        return super()._workflow_fields() | MAJOR_FIELDS

    def _sunny_allows(self, action, roles):
        allowed = super()._sunny_allows(action, roles)
        if action == "mark_major":
            return allowed and not self.is_major
        return allowed

    def write(self, vals):
        # the one place where every later step of a major case is reported
        before = {}
        if "state" in vals:
            before = {case.id: case.state for case in self.sudo() if case.is_major}
        res = super().write(vals)
        if before:
            changed = self.sudo().filtered(lambda case: case.id in before and case.state != before[case.id])
            if changed:
                changed._sunny_major_notify(before)
        return res

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if self.env.context.get("sunny_notify_inbox"):
            # a major-case notice reaches the inbox of every internal recipient; the
            # e-mail is sent besides (_sunny_major_notify), whatever each one chose
            for recipient in recipients:
                if not recipient.get("share") and recipient.get("notif") == "email":
                    recipient["notif"] = "inbox"
        return recipients

    # ------------------------------------------------------------------ actions

    def action_mark_major(self, reason=None):
        """Report the cases as major to the leadership (to discipline inspection for a
        confidential one), with ``reason``: a notice and the brief reach them at once."""
        self._sunny_gate("mark_major")
        reason = self._require_text(reason, self.env._("the reason why the case is major"))
        already = self.filtered("is_major")
        if already:
            raise UserError(
                self.env._(
                    "Case %s is already reported as major: the leadership hears of every step it takes.",
                    ", ".join(already.mapped("name")),
                )
            )
        now = fields.Datetime.now()
        self._workflow().write(
            {"is_major": True, "major_reason": reason, "major_date": now, "major_user_id": self.env.user.id}
        )
        self.env["sunny.case.supervision"].sudo().create(
            [{"case_id": case.id, "kind": "major", "note": reason, "date": now} for case in self]
        )
        self._sunny_major_notify()
        return True

    def action_open_major_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Report as Major Case"),
            "res_model": "sunny.case.major.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_ids": self.ids, "active_model": self._name},
        }

    # ------------------------------------------------------------------ notices

    def _sunny_major_recipients(self):
        """Who hears of this major case: the leadership group, or discipline
        inspection only when the case is confidential (internal, active users)."""
        self.ensure_one()
        group = "sunny_service.group_discipline" if self.is_confidential else "sunny_service.group_leadership"
        return self.env.ref(group).sudo().users.filtered(lambda u: u.active and not u.share)

    def _sunny_major_notify(self, previous_states=None):
        """Tell the recipients of each major case of ``self``: that it was reported
        (``previous_states`` None) or the step it took (from its state in
        ``previous_states``), each in their language, in their inbox at once; the brief
        in PDF and the e-mail follow from a job started right away
        (``sunny.case.major.brief``): printing it here would make the step wait."""
        Calendar = self.env["sunny.calendar"]
        author = self.env.ref("base.partner_root")
        base_url = self.browse().get_base_url()
        for case in self.sudo():
            recipients = case._sunny_major_recipients()
            if not recipients:
                continue
            messages = self.env["mail.message"]
            for lang, partners in Calendar.langs_of(recipients.partner_id).items():
                env = self.with_context(lang=lang).env
                case_lang = case.with_env(env)
                states = dict(self._fields["state"]._description_selection(env))
                if previous_states is None:
                    subject = env._(
                        "Major case %(case)s: %(title)s", case=case.name, title=case_lang._sunny_brief_title()
                    )
                    event = env._(
                        "Reported as a major case by the center: %s", case._sunny_brief_text(case.major_reason)
                    )
                else:
                    subject = env._(
                        "Major case %(case)s: %(state)s", case=case.name, state=states.get(case.state, case.state)
                    )
                    event = env._(
                        "Next step: from %(before)s to %(after)s.",
                        before=states.get(previous_states[case.id], previous_states[case.id]),
                        after=states.get(case.state, case.state),
                    )
                body = env["ir.qweb"]._render(
                    "sunny_service_reports.sunny_major_notice_mail",
                    {
                        "case": case_lang,
                        "event": event,
                        "url": f"{base_url}/odoo/action-sunny_service.sunny_case_action/{case.id}",
                        "format_local": Calendar.format_local,
                        "states": states,
                    },
                )
                messages |= (
                    case.with_env(env)
                    .with_context(sunny_notify_inbox=True)
                    .message_notify(partner_ids=partners.ids, subject=subject, body=body, author_id=author.id)
                )
            self.env["sunny.case.major.brief"]._sunny_queue(case, messages)
            note = env._("Major case: reported to %s.", ", ".join(recipients.mapped("name")))
            case.message_post(body=Markup("<p>%s</p>") % note, subtype_xmlid="mail.mt_note")

    def _sunny_major_brief_pdf(self):
        """(file name, bytes) of the one-page brief, in the university's language."""
        self.ensure_one()
        env = self.with_context(lang=self.env["sunny.calendar"].lang()).env
        report = env.ref("sunny_service_reports.action_report_sunny_major_brief").sudo()
        pdf, _type = report.with_context(lang=env.lang)._render_qweb_pdf(report, self.ids)
        if isinstance(pdf, str):  # HTML in test mode
            pdf = pdf.encode()
        name = env._("Major Case Brief %s", self.name)
        return f"{name}.pdf", pdf

    # ------------------------------------------------------------------ the brief's texts

    def _sunny_identity_values(self):
        case = self.sudo()
        return [value for value in (case.submitter_name, case.submitter_phone, case.submitter_email) if value]

    def _sunny_brief_text(self, text):
        """``text`` without its submitter: their own name, phone and e-mail, then
        whatever looks like a name, phone, ID or student number, masked."""
        text = text or ""
        for value in self._sunny_identity_values():
            value = value.strip()
            if len(value) >= 2:
                text = re.sub(re.escape(value), "***", text, flags=re.IGNORECASE)
        for finding in reversed(find_personal_data(text)):
            text = text[: finding.start] + mask(finding.kind, finding.value) + text[finding.end :]
        return text

    def _sunny_brief_title(self):
        self.ensure_one()
        return self._sunny_brief_text(self.sudo().title)

    def _sunny_brief_steps(self):
        """[(moment, text)] of what was done so far, oldest first, from the
        workflow's own records (never the chatter, which may quote the submitter)."""
        self.ensure_one()
        case = self.sudo()
        _ = self.env._
        steps = [(case.received_date, _("Received"))]
        if case.assigned_date:
            steps.append((case.assigned_date, _("Assigned to %s", case.unit_id.name or "-")))
        for ret in case.return_ids:
            steps.append((ret.date, _("Returned to the center by %s", ret.unit_id.name or "-")))
        for extension in case.extension_ids:
            steps.append((extension.create_date, _("Extension requested (%s working days)", extension.days)))
        if case.first_reply_date:
            steps.append((case.first_reply_date, _("Reply submitted by the unit")))
        if case.replied_date:
            steps.append((case.replied_date, _("Reply approved and sent to the submitter")))
        kinds = dict(self.env["sunny.case.supervision"]._fields["kind"]._description_selection(self.env))
        for note in case.supervision_ids:
            steps.append((note.date, f"{kinds.get(note.kind, note.kind)}: {self._sunny_brief_text(note.note)}"))
        satisfaction = dict(self._fields["satisfaction"]._description_selection(self.env))
        for followup in case.followup_ids:
            steps.append((followup.date, _("Follow-up: %s", satisfaction.get(followup.satisfaction, ""))))
        if case.closed_date and case.state == "closed":
            steps.append((case.closed_date, _("Closed")))
        return sorted((step for step in steps if step[0]), key=lambda step: step[0])

    @api.model
    def _sunny_major_domain(self, date_from, date_to):
        """Cases reported as major in the period (local dates)."""
        start, end = self.env["sunny.calendar"].period_bounds(date_from, date_to)
        return [("is_major", "=", True), ("major_date", ">=", start), ("major_date", "<", end)]


class SunnyCaseSupervision(models.Model):
    _inherit = "sunny.case.supervision"

    # a major case's report to the leadership is kept with the supervision notes
    kind = fields.Selection(selection_add=[("major", "Major Case Report")], ondelete={"major": "cascade"})
