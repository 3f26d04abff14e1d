"""The leadership's dashboard (领导驾驶舱): the landing page of the leadership group.

This month's and this year's 三率 (on-time reply rate = 响应率, on-time resolution
rate = 解决率, satisfaction rate = 满意率), open and overdue cases by unit, the
ranking of the units, hot topics and the intake of twelve months. Every figure is
read from ``sunny.report.figures``, the definitions the bulletin and the assessment
use, so the leadership reads the same numbers wherever they look; a few SQL
aggregates in all, whatever the number of cases (``TestDashboard`` pins the count).

Each figure carries its drill-down: a domain on ``sunny.case`` that the client
opens as a list, where the record rules show the viewer the cases they may read
(confidential cases are counted, never named to those who may not read them).
"""

import datetime

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools import SQL

from odoo.addons.sunny_service.models.sunny_case import ANSWERED_STATES, UNIT_STATES

from .sunny_assessment import unit_score
from .sunny_report_figures import COUNT_FIGURES, RATES

TREND_MONTHS = 12
TOP_TOPICS = 10
VIEWER_GROUPS = (
    "sunny_service.group_leadership",
    "sunny_service.group_center_staff",
    "sunny_service.group_center_manager",
    "sunny_service.group_discipline",
)
LIVE = ("state", "not in", ("rejected", "cancelled"))


def _month_start(day, months_back=0):
    index = day.year * 12 + day.month - 1 - months_back
    return datetime.date(index // 12, index % 12 + 1, 1)


class SunnyDashboard(models.AbstractModel):
    _name = "sunny.dashboard"
    _description = "Leadership Dashboard"

    @api.model
    def get_dashboard(self):
        """Everything the dashboard shows, for the current user, now."""
        user = self.env.user
        if not any(user.has_group(group) for group in VIEWER_GROUPS):
            raise AccessError(self.env._("The dashboard is for the leadership group and the service center."))
        return self._dashboard_values(self.env["sunny.calendar"].today(), fields.Datetime.now())

    # ------------------------------------------------------------------ values

    @api.model
    def _periods(self, today):
        month_end = _month_start(today, -1) - datetime.timedelta(days=1)
        return {
            "month": (today.replace(day=1), month_end),
            "year": (datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)),
        }

    @api.model
    def _dashboard_values(self, today, now):
        """The dashboard's figures on local day ``today`` at moment ``now``."""
        Figures = self.env["sunny.report.figures"].sudo()
        Calendar = self.env["sunny.calendar"]
        periods = self._periods(today)
        figures = {key: Figures._unit_figures(*period, now) for key, period in periods.items()}
        open_counts = self._open_counts(now)
        unit_ids = set(open_counts) | {unit_id for units in figures.values() for unit_id in units if unit_id}
        units = (
            self.env["sunny.unit"]
            .sudo()
            .with_context(active_test=False)
            .search_read(
                ["|", ("active", "=", True), ("id", "in", list(unit_ids))], ["name"], order="sequence, code, id"
            )
        )
        bounds = {key: Calendar.period_bounds(*period) for key, period in periods.items()}
        values = {
            "today": fields.Date.to_string(today),
            "month_label": self.env._("%(year)s-%(month)02d", year=today.year, month=today.month),
            "year_label": str(today.year),
        }
        for key in periods:
            total = Figures._totals(figures[key])
            values[key] = self._rate_cards(total, bounds[key], now, key)
        values["units"] = self._unit_rows(units, figures, open_counts, bounds, now)
        values["ranking"] = self._ranking(units, figures["year"], bounds["year"], now)
        values["topics"] = self._topics(periods["month"], bounds["month"])
        values["trend"] = self._trend(today)
        return values

    @api.model
    def _fmt_rate(self, rate):
        """A rate as a percentage; "—" when nothing was due (never 0%)."""
        return "—" if rate is None else f"{rate * 100:.1f}%"

    @api.model
    def _rate_cards(self, total, bounds, now, period_key):
        period = self.env._("this month") if period_key == "month" else self.env._("this year")
        cards = []
        for rate, label, domain in (
            ("reply_on_time_rate", self.env._("Response Rate (replied on time)"), self._reply_due_domain(bounds, now)),
            (
                "resolve_on_time_rate",
                self.env._("Resolution Rate (settled on time)"),
                self._resolve_due_domain(bounds, now),
            ),
            ("satisfaction_rate", self.env._("Satisfaction Rate"), self._followup_domain(bounds)),
        ):
            numerator, denominator = RATES[rate]
            cards.append(
                {
                    "key": rate,
                    "label": label,
                    "value": self._fmt_rate(total[rate]),
                    "rate": total[rate],
                    "numerator": total[numerator],
                    "denominator": total[denominator],
                    "drill": self._drill(f"{label}: {period}", domain),
                }
            )
        cards.append(
            {
                "key": "case_count",
                "label": self.env._("Cases Assigned"),
                "value": str(total["case_count"]),
                "numerator": total["case_count"],
                "denominator": None,
                "drill": self._drill(
                    f"{self.env._('Cases Assigned')}: {period}", self._between("assigned_date", bounds)
                ),
            }
        )
        return {"cards": cards, "figures": {key: total[key] for key in COUNT_FIGURES + tuple(RATES)}}

    @api.model
    def _open_counts(self, now):
        """{unit id: (open cases, open cases past their deadline now)}, one query."""
        self.env["sunny.case"].flush_model(["unit_id", "state", "deadline"])
        self.env.cr.execute(
            SQL(
                """
            SELECT c.unit_id, COUNT(*), COUNT(*) FILTER (WHERE c.deadline < %s)
              FROM sunny_case c
             WHERE c.state IN %s AND c.unit_id IS NOT NULL
             GROUP BY c.unit_id
            """,
                now,
                UNIT_STATES,
            )
        )
        return {unit_id: (count, overdue) for unit_id, count, overdue in self.env.cr.fetchall()}

    @api.model
    def _unit_rows(self, units, figures, open_counts, bounds, now):
        rows = []
        for unit in units:
            month = figures["month"].get(unit["id"])
            year = figures["year"].get(unit["id"])
            count, overdue = open_counts.get(unit["id"], (0, 0))
            if not (month or year or count):
                continue
            unit_domain = [("unit_id", "=", unit["id"])]
            name = unit["name"]
            rows.append(
                {
                    "unit_id": unit["id"],
                    "name": name,
                    "open_count": count,
                    "overdue_count": overdue,
                    "open_drill": self._drill(
                        self.env._("%s: open cases", name), unit_domain + [("state", "in", UNIT_STATES)]
                    ),
                    "overdue_drill": self._drill(
                        self.env._("%s: overdue now", name),
                        unit_domain + self.env["sunny.report.figures"]._overdue_now_domain(now),
                    ),
                    "month_reply": self._fmt_rate(month and month["reply_on_time_rate"]),
                    "month_resolve": self._fmt_rate(month and month["resolve_on_time_rate"]),
                    "month_satisfaction": self._fmt_rate(month and month["satisfaction_rate"]),
                    "year_reply": self._fmt_rate(year and year["reply_on_time_rate"]),
                    "year_resolve": self._fmt_rate(year and year["resolve_on_time_rate"]),
                    "year_satisfaction": self._fmt_rate(year and year["satisfaction_rate"]),
                    "month_drill": self._drill(
                        self.env._("%s: deadlines due this month", name),
                        unit_domain + self._due_domain(bounds["month"], now),
                    ),
                    "year_drill": self._drill(
                        self.env._("%s: deadlines due this year", name),
                        unit_domain + self._due_domain(bounds["year"], now),
                    ),
                }
            )
        return rows

    @api.model
    def _ranking(self, units, year_figures, bounds, now):
        """The units of the year by the assessment's weighted score and ranking rule:
        ranked with at least the center's minimum of cases due, equal scores sharing a
        rank; the others listed after, with why they are not ranked."""
        Assessment = self.env["sunny.assessment"]
        weights = Assessment._get_default_weights()
        min_due = Assessment._default_rank_min_due()
        scored = []
        for unit in units:
            figures = year_figures.get(unit["id"])
            if not figures or not figures["due_count"]:
                continue
            score = unit_score(figures, weights)
            if score is not None:
                scored.append((round(score, 2), figures["due_count"], unit))
        scored.sort(key=lambda item: -item[0])
        ranked = [item for item in scored if item[1] >= min_due]
        rows, previous, rank = [], None, 0
        for position, (score, due, unit) in enumerate(ranked, start=1):
            if score != previous:
                rank, previous = position, score
            rows.append(self._ranking_row(unit, score, due, rank, False, bounds, now))
        for score, due, unit in scored:
            if due < min_due:
                reason = self.env._("Fewer than %s cases due", min_due)
                rows.append(self._ranking_row(unit, score, due, False, reason, bounds, now))
        return rows

    @api.model
    def _ranking_row(self, unit, score, due, rank, reason, bounds, now):
        return {
            "unit_id": unit["id"],
            "name": unit["name"],
            "score": f"{score:.2f}",
            "due_count": due,
            "rank": rank,
            "unranked_reason": reason,
            "drill": self._drill(
                self.env._("%s: deadlines due this year", unit["name"]),
                [("unit_id", "=", unit["id"])] + self._due_domain(bounds, now),
            ),
        }

    @api.model
    def _topics(self, month, bounds):
        received = self._between("received_date", bounds) + [("is_confidential", "=", False)]
        return [
            {
                "word": word,
                "count": count,
                "drill": self._drill(self.env._("Hot topic: %s", word), received + [("title", "ilike", word)]),
            }
            for word, count in self.env["sunny.report.figures"]._top_words(*month, limit=TOP_TOPICS)
        ]

    @api.model
    def _trend(self, today):
        """Cases received in each of the twelve months up to this one, one query."""
        Calendar = self.env["sunny.calendar"]
        months = []
        for back in range(TREND_MONTHS - 1, -1, -1):
            first = _month_start(today, back)
            last = _month_start(today, back - 1) - datetime.timedelta(days=1)
            months.append((first, Calendar.period_bounds(first, last)))
        counts = self.env["sunny.report.figures"]._count_received_windows([window for _first, window in months])
        top = max(counts) or 1
        return [
            {
                "label": first.strftime("%Y-%m"),
                "count": count,
                "height": round(100 * count / top),
                "drill": self._drill(
                    self.env._("Received in %s", first.strftime("%Y-%m")), self._between("received_date", window)
                ),
            }
            for (first, window), count in zip(months, counts, strict=True)
        ]

    # ------------------------------------------------------------------ drill-down domains

    @api.model
    def _drill(self, name, domain):
        """What the client opens for a figure: the cases of ``domain`` as a list."""
        return {"name": name, "domain": [self._jsonable(term) for term in domain]}

    @api.model
    def _jsonable(self, term):
        if isinstance(term, tuple | list):
            return [self._jsonable(item) for item in term]
        if isinstance(term, datetime.datetime):
            return fields.Datetime.to_string(term)
        return term

    @api.model
    def _between(self, field, bounds):
        start, end = bounds
        return [(field, ">=", start), (field, "<", end)]

    @api.model
    def _reply_due_domain(self, bounds, now):
        """The cases whose reply was due in the period (the response rate's denominator)."""
        return [
            LIVE,
            *self._between("reply_deadline", bounds),
            "|",
            ("first_reply_date", "!=", False),
            ("reply_deadline", "<", now),
        ]

    @api.model
    def _resolve_due_domain(self, bounds, now):
        """The cases whose resolution was due in the period (the resolution rate's denominator)."""
        return [
            LIVE,
            *self._between("resolve_deadline", bounds),
            "|",
            ("state", "in", ANSWERED_STATES),
            ("resolve_deadline", "<", now),
        ]

    @api.model
    def _due_domain(self, bounds, now):
        return expression.OR([self._reply_due_domain(bounds, now), self._resolve_due_domain(bounds, now)])

    @api.model
    def _followup_domain(self, bounds):
        """The cases followed up in the period (the satisfaction rate's denominator)."""
        return self._between("followup_ids.date", bounds)
