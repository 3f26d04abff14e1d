import datetime
import logging

from markupsafe import Markup

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.sunny_service.models.sunny_case import OPEN_STATES
from odoo.addons.sunny_service.tools.service_author import service_author

from .sunny_report_figures import COUNT_FIGURES, RATE_DENOMINATORS, RATES, SATISFIED

_logger = logging.getLogger(__name__)

OVERDUE_LIST_LIMIT = 100
MAJOR_LIST_LIMIT = 50
TOP_CATEGORIES = 10
TOP_WORDS = 20
TREND_MONTHS = 6
# the bulletin's own rates (the period's and the previous period's) and their denominators
BULLETIN_RATES = dict(
    RATE_DENOMINATORS,
    prev_reply_on_time_rate="prev_reply_due_count",
    prev_resolve_on_time_rate="prev_resolve_due_count",
    prev_satisfaction_rate="prev_followup_count",
)


def _month_start(day, months_back=0):
    index = day.year * 12 + day.month - 1 - months_back
    return datetime.date(index // 12, index % 12 + 1, 1)


class SunnyBulletin(models.Model):
    """月通报: how cases were handled in a period (a calendar month for the monthly
    job), sent to the leadership. The figures are stored by ``action_compute`` and
    do not move afterwards; a sent bulletin is frozen. Definitions of the figures:
    ``sunny.report.figures``."""

    _name = "sunny.bulletin"
    _description = "Monthly Bulletin"
    _inherit = ["sunny.report.document.mixin"]
    _order = "date_from desc, id desc"
    _period_fields = ("date_from", "date_to")

    name = fields.Char(compute="_compute_name", store=True, readonly=True)
    date_from = fields.Date(string="From", required=True, default=lambda self: self._default_period()[0], tracking=True)
    date_to = fields.Date(string="To", required=True, default=lambda self: self._default_period()[1], tracking=True)
    state = fields.Selection(selection_add=[("sent", "Sent")], ondelete={"sent": "cascade"})
    computed_date = fields.Datetime(string="Computed on", readonly=True)
    sent_date = fields.Datetime(string="Sent on", readonly=True)
    note = fields.Text(string="Comments", help="The center's comments on the period, printed in the bulletin.")

    # received cases
    case_count = fields.Integer(string="Received", readonly=True, help="Cases received in the period.")
    rejected_count = fields.Integer(
        string="Not Accepted", readonly=True, help="Cases received in the period and rejected (不予受理)."
    )
    open_count = fields.Integer(
        string="Still Open", readonly=True, help="Cases received in the period still open when computed."
    )
    # handling (definitions in sunny.report.figures)
    assigned_count = fields.Integer(
        string="Assigned Cases", readonly=True, help="Cases assigned to units in the period."
    )
    replied_count = fields.Integer(
        string="Answered", readonly=True, help="Cases whose reply the center approved in the period."
    )
    closed_count = fields.Integer(string="Closed", readonly=True, help="Cases closed in the period.")
    due_count = fields.Integer(string="Deadlines Due", readonly=True)
    reply_due_count = fields.Integer(string="Replies Due", readonly=True)
    reply_on_time_count = fields.Integer(string="Replies on Time", readonly=True)
    reply_on_time_rate = fields.Float(string="On-time Reply Rate", digits=(5, 4), readonly=True)
    resolve_due_count = fields.Integer(string="Resolutions Due", readonly=True)
    resolve_on_time_count = fields.Integer(string="Resolved on Time", readonly=True)
    resolve_on_time_rate = fields.Float(string="On-time Resolution Rate", digits=(5, 4), readonly=True)
    overdue_count = fields.Integer(
        string="Overdue (missed a reply or resolution deadline)",
        readonly=True,
        help="Cases that missed a reply or resolution deadline due in the period: answered late, or still unanswered "
        "past it.",
    )
    overdue_open_count = fields.Integer(
        string="Overdue Now (open past the deadline)",
        readonly=True,
        help="Open cases past their deadline when the bulletin was computed, whatever their month.",
    )
    extension_count = fields.Integer(string="Extensions Approved", readonly=True)
    extension_refused_count = fields.Integer(string="Extensions Refused", readonly=True)
    extension_pending_count = fields.Integer(
        string="Extensions Pending", readonly=True, help="Extension requests waiting when computed."
    )
    return_count = fields.Integer(string="Returns", readonly=True)
    followup_count = fields.Integer(string="Follow-ups", readonly=True)
    satisfied_count = fields.Integer(string="Satisfied", readonly=True)
    satisfaction_rate = fields.Float(
        string="Satisfaction Rate (basically satisfied or better / follow-ups)",
        digits=(5, 4),
        readonly=True,
        help="Follow-ups of the period rated very satisfied, satisfied or basically satisfied / all follow-ups.",
    )
    reopen_count = fields.Integer(string="Reopened", readonly=True)
    major_count = fields.Integer(
        string="Major Cases",
        readonly=True,
        help="Cases supervised (督办), escalated or reported as major in the period.",
    )

    # the previous period, for the change
    prev_date_from = fields.Date(string="Previous From", readonly=True)
    prev_date_to = fields.Date(string="Previous To", readonly=True)
    prev_case_count = fields.Integer(string="Received (previous)", readonly=True)
    prev_replied_count = fields.Integer(string="Answered (previous)", readonly=True)
    prev_closed_count = fields.Integer(string="Closed (previous)", readonly=True)
    prev_overdue_count = fields.Integer(string="Overdue (previous)", readonly=True)
    prev_reply_due_count = fields.Integer(string="Replies Due (previous)", readonly=True)
    prev_reply_on_time_rate = fields.Float(string="On-time Reply Rate (previous)", digits=(5, 4), readonly=True)
    prev_resolve_due_count = fields.Integer(string="Resolutions Due (previous)", readonly=True)
    prev_resolve_on_time_rate = fields.Float(string="On-time Resolution Rate (previous)", digits=(5, 4), readonly=True)
    prev_followup_count = fields.Integer(string="Follow-ups (previous)", readonly=True)
    prev_satisfaction_rate = fields.Float(string="Satisfaction Rate (previous)", digits=(5, 4), readonly=True)

    line_ids = fields.One2many("sunny.bulletin.line", "bulletin_id", string="Units", readonly=True)
    stat_ids = fields.One2many("sunny.bulletin.stat", "bulletin_id", string="Breakdowns", readonly=True)
    overdue_case_ids = fields.Many2many(
        "sunny.case",
        "sunny_bulletin_overdue_case_rel",
        "bulletin_id",
        "case_id",
        string="Overdue Cases",
        readonly=True,
        help="The overdue cases listed in the bulletin (confidential ones are only counted).",
    )
    overdue_confidential_count = fields.Integer(string="Confidential Overdue Cases", readonly=True)
    major_case_ids = fields.Many2many(
        "sunny.case",
        "sunny_bulletin_major_case_rel",
        "bulletin_id",
        "case_id",
        string="Major Cases Listed",
        readonly=True,
        help="The supervised cases listed in the bulletin (confidential ones are only counted).",
    )
    major_confidential_count = fields.Integer(string="Confidential Major Cases", readonly=True)

    _sql_constraints = [
        ("period_unique", "unique(date_from, date_to)", "A bulletin for this period already exists."),
        ("period_check", "CHECK(date_from <= date_to)", "The period of a bulletin cannot end before it starts."),
    ]

    # ------------------------------------------------------------------ defaults and computes

    @api.model
    def _default_period(self):
        """Last month, in the university's time zone."""
        today = self.env["sunny.calendar"].today()
        date_to = today.replace(day=1) - datetime.timedelta(days=1)
        return date_to.replace(day=1), date_to

    @api.depends("date_from", "date_to")
    def _compute_name(self):
        for bulletin in self:
            bulletin.name = bulletin._period_label(bulletin.date_from, bulletin.date_to)

    @api.model
    def _period_label(self, date_from, date_to):
        if not (date_from and date_to):
            return False
        next_day = date_to + datetime.timedelta(days=1)
        if date_from.day == 1 and next_day.day == 1 and _month_start(next_day, 1) == date_from:
            return date_from.strftime("%Y-%m")
        return f"{date_from} ~ {date_to}"

    # ------------------------------------------------------------------ constraints and CRUD

    def _period_error(self):
        if self.date_from and self.date_to and self.date_from > self.date_to:
            return self.env._(
                "The period is inverted: it starts on %(start)s, after its end on %(end)s.",
                start=self.date_from,
                end=self.date_to,
            )
        return None

    def _draft_only_error(self):
        return self.env._("A bulletin is created as a draft, then computed and sent.")

    def _frozen_error(self):
        return self.env._(
            "Bulletin %s was sent to the leadership: it is frozen and cannot be changed.",
            ", ".join(self.mapped("name")),
        )

    # ------------------------------------------------------------------ actions

    def action_compute(self):
        """Fill the figures, breakdowns and lists of the period (aggregates only)."""
        self._check_draft()
        Figures = self.env["sunny.report.figures"]
        now = fields.Datetime.now()
        for bulletin in self:
            bulletin.write(bulletin._prepare_values(now))
        Figures._store_empty_rates(self, BULLETIN_RATES)
        Figures._store_empty_rates(self.line_ids, RATE_DENOMINATORS)
        return True

    def action_send(self):
        """Render the PDF and send it to the leadership group; the bulletin is frozen."""
        self._check_draft()
        leaders = (
            self.env.ref("sunny_service.group_leadership").sudo().users.filtered(lambda u: u.active and not u.share)
        )
        if not leaders:
            raise UserError(
                self.env._("Nobody is in the Leadership group: add the school leaders before sending the bulletin.")
            )
        lang = leaders[:1].lang or self.env.lang
        # sent by the monthly job: signed by the service, not the superuser's OdooBot
        signed = {}
        if self.env.uid == SUPERUSER_ID:
            signature = service_author(self.env)
            signed = {"author_id": signature.partner.id, "email_from": signature.email_from}
        template = self.env.ref("sunny_service_reports.mail_template_sunny_bulletin")
        for bulletin in self:
            if not bulletin.computed_date:
                bulletin.action_compute()
            # marked sent before the PDF is rendered: the PDF the leaders receive
            # says it was sent, not "draft" (the whole send rolls back on an error)
            bulletin.write({"state": "sent", "sent_date": fields.Datetime.now()})
            content, _report_type = (
                self.env["ir.actions.report"]
                .with_context(lang=lang)
                ._render_qweb_pdf("sunny_service_reports.action_report_sunny_bulletin", bulletin.ids)
            )
            attachment = self.env["ir.attachment"].create(
                {
                    "name": f"{bulletin.with_context(lang=lang)._report_filename()}.pdf",
                    "raw": content,
                    "res_model": bulletin._name,
                    "res_id": bulletin.id,
                    "mimetype": "application/pdf",
                }
            )
            template = template.with_context(lang=lang)
            subject = template._render_field("subject", bulletin.ids)[bulletin.id]
            body = template._render_field("body_html", bulletin.ids, options={"post_process": True})[bulletin.id]
            bulletin.message_post(
                subject=subject,
                body=Markup(body),
                partner_ids=leaders.partner_id.ids,
                attachment_ids=attachment.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                **signed,
            )
        return True

    def action_print(self):
        return self.env.ref("sunny_service_reports.action_report_sunny_bulletin").report_action(self)

    def action_print_xlsx(self):
        return self.env.ref("sunny_service_reports.action_report_sunny_bulletin_xlsx").report_action(self)

    def _report_filename(self):
        """The name of the PDF, without extension: "月通报 2026-03" for a Chinese reader."""
        self.ensure_one()
        return self.env._("Monthly Bulletin %s", self.name)

    # ------------------------------------------------------------------ business

    @api.model
    def _cron_monthly_bulletin(self):
        """On the 1st (and until it is done): make last month's bulletin, compute it and
        send it to the leadership. A bulletin already sent is left alone, so a second
        run sends nothing."""
        date_from, date_to = self._default_period()
        Bulletin = self.sudo()
        bulletin = Bulletin.search([("date_from", "=", date_from), ("date_to", "=", date_to)], limit=1)
        if bulletin.state == "sent":
            return bulletin
        if not bulletin:
            bulletin = Bulletin.create({"date_from": date_from, "date_to": date_to})
        bulletin.action_compute()
        if not self.env.ref("sunny_service.group_leadership").sudo().users.filtered(lambda u: u.active and not u.share):
            _logger.warning("Bulletin %s computed but not sent: the Leadership group is empty.", bulletin.name)
            return bulletin
        bulletin.action_send()
        return bulletin

    def _prepare_values(self, now):
        """Everything ``action_compute`` stores, from SQL aggregates: a fixed number of
        queries whatever the number of cases (lines are inserted 100 units a query)."""
        self.ensure_one()
        Figures = self.env["sunny.report.figures"]
        date_from, date_to = self.date_from, self.date_to
        unit_figures = Figures._unit_figures(date_from, date_to, now)
        total = Figures._totals(unit_figures)
        vals = {key: total[key] for key in COUNT_FIGURES + tuple(RATES) if key in self._fields}
        vals["assigned_count"] = total["case_count"]
        vals["computed_date"] = now

        received = Figures._count_received_by(date_from, date_to, ["state", "case_type", "channel", "category_id"])
        by_state = dict(received["state"])
        open_states = OPEN_STATES
        vals.update(
            {
                "case_count": sum(by_state.values()),
                "rejected_count": by_state.get("rejected", 0),
                "open_count": sum(count for state, count in by_state.items() if state in open_states),
            }
        )
        # the monthly trend and the previous period's intake: one scan of the received dates
        prev_from, prev_to = Figures._previous_period(date_from, date_to)
        months = self._trend_months()
        counts = Figures._count_received_windows(
            [window for _month, window in months] + [self.env["sunny.calendar"].period_bounds(prev_from, prev_to)]
        )
        trend = [(month, count) for (month, _window), count in zip(months, counts, strict=False)]

        vals.update(self._extension_values(date_from, date_to))
        vals.update(self._previous_values(now, prev_from, prev_to, counts[-1]))
        vals.update(self._case_list_values(date_from, date_to, now))
        vals["line_ids"] = [fields.Command.clear()] + self._line_commands(unit_figures)
        vals["stat_ids"] = [fields.Command.clear()] + self._stat_commands(vals["case_count"], total, received, trend)
        return vals

    def _trend_months(self):
        """[(YYYY-MM, (start, end))] of the ``TREND_MONTHS`` local months ending with the
        period's last one (cut at the end of the period), in naive UTC."""
        self.ensure_one()
        Calendar = self.env["sunny.calendar"]
        months = []
        for back in range(TREND_MONTHS - 1, -1, -1):
            first = _month_start(self.date_to, back)
            last = min(_month_start(self.date_to, back - 1) - datetime.timedelta(days=1), self.date_to)
            months.append((first.strftime("%Y-%m"), Calendar.period_bounds(first, last)))
        return months

    def _extension_values(self, date_from, date_to):
        start, end = self.env["sunny.calendar"].period_bounds(date_from, date_to)
        Extension = self.env["sunny.case.extension"].sudo()
        decided = dict(
            Extension._read_group([("decided_date", ">=", start), ("decided_date", "<", end)], ["state"], ["__count"])
        )
        return {
            "extension_refused_count": decided.get("refused", 0),
            "extension_pending_count": Extension.search_count([("state", "=", "pending")]),
        }

    def _previous_values(self, now, prev_from, prev_to, prev_case_count):
        Figures = self.env["sunny.report.figures"]
        prev = Figures._totals(Figures._unit_figures(prev_from, prev_to, now))
        return {
            "prev_date_from": prev_from,
            "prev_date_to": prev_to,
            "prev_case_count": prev_case_count,
            "prev_replied_count": prev["replied_count"],
            "prev_closed_count": prev["closed_count"],
            "prev_overdue_count": prev["overdue_count"],
            "prev_reply_due_count": prev["reply_due_count"],
            "prev_reply_on_time_rate": prev["reply_on_time_rate"],
            "prev_resolve_due_count": prev["resolve_due_count"],
            "prev_resolve_on_time_rate": prev["resolve_on_time_rate"],
            "prev_followup_count": prev["followup_count"],
            "prev_satisfaction_rate": prev["satisfaction_rate"],
        }

    def _case_list_values(self, date_from, date_to, now):
        """The overdue and the major cases listed by name: confidential ones are only
        counted, so that the bulletin never shows them to the leadership. Ids come
        from SQL: no case is read into the ORM."""
        Figures = self.env["sunny.report.figures"]
        Case = self.env["sunny.case"].sudo()
        overdue_ids, overdue_confidential = Figures._overdue_cases(date_from, date_to, now, OVERDUE_LIST_LIMIT)
        major_count, major_ids, major_confidential = Figures._supervised_cases(date_from, date_to, MAJOR_LIST_LIMIT)
        return {
            "overdue_case_ids": [fields.Command.set(overdue_ids)],
            "overdue_confidential_count": overdue_confidential,
            "overdue_open_count": Case.search_count(Figures._overdue_now_domain(now)),
            "major_count": major_count,
            "major_case_ids": [fields.Command.set(major_ids)],
            "major_confidential_count": major_confidential,
        }

    @api.model
    def _line_commands(self, unit_figures):
        """One line per unit with activity, in the units' order, then the line of the
        center (no unit: cases it answered itself, returned and not assigned again,
        their follow-ups), so that the lines add up to the bulletin's totals."""
        unit_ids = [
            unit_id
            for unit_id, figures in unit_figures.items()
            if unit_id and any(figures[key] for key in COUNT_FIGURES)
        ]
        units = self.env["sunny.unit"].sudo().with_context(active_test=False).search([("id", "in", unit_ids)])
        line_fields = self.env["sunny.bulletin.line"]._fields
        rows = [(unit.id, unit_figures[unit.id]) for unit in units]
        center = unit_figures.get(False)
        if center and any(center[key] for key in COUNT_FIGURES):
            rows.append((False, center))
        return [
            fields.Command.create(
                dict(
                    {key: value for key, value in figures.items() if key in line_fields},
                    unit_id=unit_id,
                    sequence=sequence,
                )
            )
            for sequence, (unit_id, figures) in enumerate(rows, start=1)
        ]

    def _stat_commands(self, case_count, total, received, trend):
        """Breakdowns of the received cases (type, channel, top categories: ``received``
        from ``_count_received_by``), top words, satisfaction levels and the monthly
        ``trend`` ([(YYYY-MM, count)]), as ``sunny.bulletin.stat`` rows."""
        Figures = self.env["sunny.report.figures"]
        date_from, date_to = self.date_from, self.date_to
        commands = []

        def add(kind, rows, denominator):
            for sequence, (key, count) in enumerate(rows, start=1):
                values = {
                    "kind": kind,
                    "sequence": sequence,
                    "count": count,
                    "share": count / denominator if denominator else 0.0,
                }
                if kind == "category":
                    values.update(category_id=key or False, key=str(key or ""))
                else:
                    values["key"] = key or ""
                commands.append(fields.Command.create(values))

        add("case_type", received["case_type"], case_count)
        add("channel", received["channel"], case_count)
        add("category", received["category_id"][:TOP_CATEGORIES], case_count)
        add("word", Figures._top_words(date_from, date_to, TOP_WORDS), case_count)

        start, end = self.env["sunny.calendar"].period_bounds(date_from, date_to)
        levels = dict(
            self.env["sunny.case.followup"]
            .sudo()
            ._read_group([("date", ">=", start), ("date", "<", end)], ["satisfaction"], ["__count"])
        )
        order = list(SATISFIED) + ["dissatisfied", "very_dissatisfied"]
        add("satisfaction", [(level, levels.get(level, 0)) for level in order], total["followup_count"])
        add("month", trend, sum(count for _month, count in trend))
        return commands

    # ------------------------------------------------------------------ report helpers

    def _stat_rows(self, kind):
        """Rows of one breakdown for the PDF: label, count, share, bar width (% of the largest)."""
        stats = self.stat_ids.filtered(lambda s: s.kind == kind).sorted("sequence")
        top = max(stats.mapped("count") or [0]) or 1
        return [
            {
                "label": stat.label or "-",
                "count": stat.count,
                "share": self._fmt_rate(stat.share),
                "style": self._bar_style(stat.count / top),
            }
            for stat in stats
        ]

    def _trend_bars(self, width=520, height=120):
        """Columns of the monthly trend chart (inline SVG in the PDF)."""
        rows = self._stat_rows("month")
        if not rows:
            return []
        top = max(row["count"] for row in rows) or 1
        slot = width / len(rows)
        bars = []
        for index, row in enumerate(rows):
            bar_height = round(height * row["count"] / top, 1)
            bars.append(
                dict(
                    row,
                    x=round(index * slot + slot * 0.2, 1),
                    w=round(slot * 0.6, 1),
                    y=round(20 + height - bar_height, 1),
                    h=bar_height,
                    cx=round(index * slot + slot / 2, 1),
                    current=index == len(rows) - 1,
                )
            )
        return bars

    def _listed_cases(self, field):
        """The cases a list of the PDF shows: never a confidential one (a case made
        confidential after the computation drops out)."""
        cases = self[field].sudo().filtered(lambda c: not c.is_confidential)
        return cases.sorted(
            lambda c: (c.unit_id.sequence, c.unit_id.code or "", c.reply_deadline or c.received_date, c.id)
        )

    @api.model
    def _fmt_rate(self, rate, due=1):
        """A rate as a percentage, "—" when nothing was due."""
        return f"{rate * 100:.1f}%" if due else "—"

    @api.model
    def _bar_style(self, fraction):
        """The CSS width of a bar filled to ``fraction`` (0..1)."""
        return f"width: {max(0.0, min(1.0, fraction or 0.0)) * 100:.1f}%;"

    @api.model
    def _fmt_local(self, moment, with_time=True):
        """For the templates: ``moment`` in the university's time."""
        return self.env["sunny.calendar"].format_local(moment, with_time)

    def _change(self, current, previous, rate=False, due=1, prev_due=1, better=None):
        """(arrow, text, css class) of the change against the previous period; the
        class is "up" (good, green) or "down" (bad, red) as ``better`` says whether
        more is better, "muted" when neutral."""
        if rate and not (due and prev_due):
            return "", "—", "muted"
        delta = current - previous
        # a change of rate is in percentage points, not a percentage of the rate
        points = f"{abs(delta) * 100:.1f}"
        text = self.env._("%s percentage points", points) if rate else str(abs(delta))
        if abs(delta) < 1e-9:
            return "=", text, "muted"
        css = "muted" if better is None else ("up" if (delta > 0) == better else "down")
        return ("▲" if delta > 0 else "▼"), text, css
