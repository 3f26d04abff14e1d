"""The figures of bulletins and assessments, computed by SQL aggregates.

Every figure is computed with ``_read_group`` or one SQL query grouped by unit:
the work is done by PostgreSQL, never by a Python loop over cases, and the number
of queries does not depend on the number of cases (the frequent words of the titles
are counted from the words cut when each title was written, see ``_top_words``). A
period is ``[date_from, date_to]`` in the university's time zone (``sunny.calendar``:
``sunny_service.timezone``, Asia/Shanghai by default); ``now`` is the moment of
the computation.

Definitions (per unit; the overall figures are the same without the grouping):

``case_count``
    cases assigned to the unit in the period (``assigned_date`` in the period,
    ``unit_id`` the unit): its intake. A case returned by the unit and sent elsewhere
    counts for the unit it was finally sent to.
``replied_count`` / ``closed_count``
    cases of the unit whose reply the center approved (``replied_date``) / that were
    closed (state ``closed``, ``closed_date``) in the period.
``reply_due_count`` / ``reply_on_time_count`` / ``reply_on_time_rate``
    cases whose reply deadline falls in the period and is settled: the deadline has
    passed, or the unit has already replied (rejected and cancelled cases excluded).
    On time when ``first_reply_date <= reply_deadline``. Rate = on time / due;
    no rate (NULL, shown empty or "—", never 0%) when nothing is due.
``resolve_due_count`` / ``resolve_on_time_count`` / ``resolve_on_time_rate``
    the same with the resolution deadline (moved by approved extensions): resolved
    on time when the case is answered (state ``replied`` or ``closed``) and
    ``replied_date <= resolve_deadline``. A case reopened by a dissatisfied
    follow-up is unresolved again until its new reply is approved.
``due_count`` / ``overdue_count``
    cases with a reply or resolution deadline due in the period / those of them that
    missed one of the two (answered late, or still unanswered past the deadline):
    "超期件数（未在期限内答复或办结）". Not "overdue now" (当前超期), the open cases
    past their current deadline at a moment (:meth:`_overdue_now_domain`).
``extension_count``
    extensions of the unit's cases approved (``decided_date``) in the period.
``return_count``
    returns (退回) made by the unit in the period (``sunny.case.return.unit_id``).
``followup_count`` / ``satisfied_count`` / ``satisfaction_rate``
    follow-ups (回访) of the unit's cases made in the period / those rated very
    satisfied, satisfied or basically satisfied. Rate = satisfied / follow-ups:
    "满意率（基本满意及以上/回访次数）". Every follow-up counts, so a case reopened
    and then settled counts twice.
``reopen_count``
    follow-ups in the period that sent the case back to the unit (``reopened``).
``co_count``
    协办件数: opinions asked of the unit as a co-handling unit (协办) in the period
    (``sunny.case.opinion.date``). The case itself counts for its lead unit only
    (``case_count`` and the reply and resolution figures: first-contact responsibility).
``co_due_count`` / ``co_on_time_count`` / ``co_on_time_rate``
    opinions of the unit whose deadline falls in the period and is settled: given, or
    the deadline has passed (opinions of rejected and cancelled cases excluded). On
    time when given by the deadline. Rate (协办按时率) = on time / due; no rate when
    nothing is due.
``settle_asked_count`` / ``settle_answer_count`` / ``settled_count`` / ``settle_rate``
    落实回访 (``sunny.case.settle``, unit: the case's unit when it was asked): the
    checks asked in the period (``date``) / answered in the period (``answer_date``,
    online or by phone) / of those, answered "settled". Rate = settled / answered:
    "落实率（已落实/已答复）"; no rate when nobody answered. A "not settled" reopens
    the case (``sunny.case.reopen_count``) but is no follow-up: ``reopen_count``
    above does not count it, ``settle_answer_count - settled_count`` does.
"""

import datetime
import re

import rjieba

from odoo import api, models
from odoo.tools import SQL

from odoo.addons.sunny_service.models.sunny_case import ANSWERED_STATES, UNIT_STATES

SATISFIED = ("very_satisfied", "satisfied", "basic")
COUNT_FIGURES = (
    "case_count",
    "replied_count",
    "closed_count",
    "due_count",
    "reply_due_count",
    "reply_on_time_count",
    "resolve_due_count",
    "resolve_on_time_count",
    "overdue_count",
    "extension_count",
    "return_count",
    "followup_count",
    "satisfied_count",
    "reopen_count",
    "co_count",
    "co_due_count",
    "co_on_time_count",
    "settle_asked_count",
    "settle_answer_count",
    "settled_count",
)
RATES = {
    "reply_on_time_rate": ("reply_on_time_count", "reply_due_count"),
    "resolve_on_time_rate": ("resolve_on_time_count", "resolve_due_count"),
    "satisfaction_rate": ("satisfied_count", "followup_count"),
    "co_on_time_rate": ("co_on_time_count", "co_due_count"),
    "settle_rate": ("settled_count", "settle_answer_count"),
}
# rate field -> the count it is a share of: no rate when that count is 0
RATE_DENOMINATORS = {rate: denominator for rate, (_numerator, denominator) in RATES.items()}
# Chinese words of no meaning in a title
STOP_WORDS_ZH = (
    "关于",
    "问题",
    "希望",
    "请问",
    "建议",
    "咨询",
    "投诉",
    "举报",
    "表扬",
    "反映",
    "一下",
    "是否",
    "什么",
    "怎么",
    "如何",
    "可以",
    "没有",
    "学校",
    "学院",
    "老师",
    "同学",
    "学生",
    "能否",
    "为何",
    "情况",
    "有关",
    "相关",
    "进行",
    "能够",
    "已经",
    "还是",
    "一个",
    "不能",
    "时候",
    "现在",
    "需要",
    "要求",
    "申请",
    "为什",
)
STOP_WORDS_EN = (
    "the",
    "and",
    "for",
    "with",
    "about",
    "from",
    "our",
    "are",
    "not",
    "too",
    "has",
    "have",
    "was",
    "were",
    "this",
    "that",
    "why",
    "how",
    "what",
    "when",
    "can",
    "will",
    "please",
    "request",
    "question",
    "issue",
    "into",
    "there",
    "their",
    "they",
    "been",
    "more",
    "than",
    "does",
    "did",
    "any",
    "all",
    "its",
)
STOP_WORDS = frozenset(STOP_WORDS_ZH + STOP_WORDS_EN)
MAX_CANDIDATES = 500  # most frequent words the containment rule compares
CJK_WORD = re.compile("[\u4e00-\u9fff]{2,}")
LATIN_TOKEN = re.compile("[A-Za-z0-9]{3,}")
LATIN_WORD = re.compile("[a-z][a-z0-9]{2,}")


class SunnyReportFigures(models.AbstractModel):
    _name = "sunny.report.figures"
    _description = "Sunshine Service Report Figures"

    # ------------------------------------------------------------------ periods

    @api.model
    def _previous_period(self, date_from, date_to):
        """The month before when the period is a calendar month, else the period of
        the same length just before."""
        next_day = date_to + datetime.timedelta(days=1)
        if (
            date_from.day == 1
            and next_day.day == 1
            and (next_day.year * 12 + next_day.month) - (date_from.year * 12 + date_from.month) == 1
        ):
            prev_to = date_from - datetime.timedelta(days=1)
            return prev_to.replace(day=1), prev_to
        length = (date_to - date_from).days + 1
        return date_from - datetime.timedelta(days=length), date_from - datetime.timedelta(days=1)

    # ------------------------------------------------------------------ per unit

    @api.model
    def _unit_figures(self, date_from, date_to, now, unit_ids=None):
        """{unit id or False: {figure: value}} for every unit with activity in the
        period (``False`` holds what belongs to no unit: cases the center answered
        itself, returned and not assigned again, and their follow-ups), or only for
        the units of ``unit_ids`` when given. Rates are added by :meth:`_add_rates`.

        The bulletin, the assessment and the leadership's scoreboard all read their
        figures here, so that one unit has one satisfaction rate and one overdue
        count for one period, whichever report shows it. Confidential cases are
        counted (never named): the figures are the same for every reader."""
        start, end = self.env["sunny.calendar"].period_bounds(date_from, date_to)
        result = {}

        def row(unit_id):
            return result.setdefault(unit_id or False, dict.fromkeys(COUNT_FIGURES, 0))

        for unit_id, values in self._case_figures(start, end, now, unit_ids).items():
            row(unit_id).update(values)

        for unit_id, values in self._opinion_figures(start, end, now, unit_ids).items():
            row(unit_id).update(values)

        sudo = self.sudo()
        period = [(">=", start), ("<", end)]

        def between(field):
            domain = [(field, op, value) for op, value in period]
            return domain if unit_ids is None else domain + [("unit_id", "in", list(unit_ids))]

        for unit, count in sudo.env["sunny.case.return"]._read_group(between("date"), ["unit_id"], ["__count"]):
            row(unit.id)["return_count"] += count
        for unit, count in sudo.env["sunny.case.extension"]._read_group(
            between("decided_date") + [("state", "=", "approved")], ["unit_id"], ["__count"]
        ):
            row(unit.id)["extension_count"] += count
        for unit, satisfaction, reopened, count in sudo.env["sunny.case.followup"]._read_group(
            between("date"), ["unit_id", "satisfaction", "reopened"], ["__count"]
        ):
            figures = row(unit.id)
            figures["followup_count"] += count
            if satisfaction in SATISFIED:
                figures["satisfied_count"] += count
            if reopened:
                figures["reopen_count"] += count
        Settle = sudo.env["sunny.case.settle"]
        for unit, count in Settle._read_group(between("date"), ["unit_id"], ["__count"]):
            row(unit.id)["settle_asked_count"] += count
        for unit, answer, count in Settle._read_group(
            between("answer_date") + [("answer", "!=", False)], ["unit_id", "answer"], ["__count"]
        ):
            figures = row(unit.id)
            figures["settle_answer_count"] += count
            if answer == "yes":
                figures["settled_count"] += count
        for figures in result.values():
            self._add_rates(figures)
        return result

    @api.model
    def _deadline_conditions(self, start, end, now):
        """SQL conditions on ``sunny_case c`` shared by the figures and the lists."""

        def within(column):
            return SQL("(%s >= %s AND %s < %s)", column, start, column, end)

        live = SQL("c.state NOT IN ('rejected', 'cancelled')")
        answered = SQL("c.state IN %s", ANSWERED_STATES)
        reply_due = SQL(
            "(%s AND %s AND (c.first_reply_date IS NOT NULL OR c.reply_deadline < %s))",
            live,
            within(SQL("c.reply_deadline")),
            now,
        )
        # no reply at all (NULL) is late, not unknown
        reply_on_time = SQL("(%s AND COALESCE(c.first_reply_date <= c.reply_deadline, FALSE))", reply_due)
        resolve_due = SQL(
            "(%s AND %s AND (%s OR c.resolve_deadline < %s))", live, within(SQL("c.resolve_deadline")), answered, now
        )
        resolve_on_time = SQL(
            "(%s AND %s AND COALESCE(c.replied_date <= c.resolve_deadline, FALSE))", resolve_due, answered
        )
        return {
            "assigned": within(SQL("c.assigned_date")),
            "replied": within(SQL("c.replied_date")),
            "closed": within(SQL("c.closed_date")),
            "reply_window": within(SQL("c.reply_deadline")),
            "resolve_window": within(SQL("c.resolve_deadline")),
            "reply_due": reply_due,
            "reply_on_time": reply_on_time,
            "resolve_due": resolve_due,
            "resolve_on_time": resolve_on_time,
            "overdue": SQL(
                "((%s AND NOT %s) OR (%s AND NOT %s))", reply_due, reply_on_time, resolve_due, resolve_on_time
            ),
        }

    @api.model
    def _flush_cases(self):
        self.env["sunny.case"].flush_model(
            [
                "unit_id",
                "state",
                "assigned_date",
                "replied_date",
                "closed_date",
                "first_reply_date",
                "reply_deadline",
                "resolve_deadline",
                "is_confidential",
            ]
        )

    @api.model
    def _without_jit(self):
        """No JIT compilation for the rest of the transaction: PostgreSQL starts it for
        any query it deems costly, and for the figures of a year it costs more than it
        saves (1,000,000 cases: 445 ms with it, 355 ms without, 90 ms spent compiling)."""
        self.env.cr.execute("SET LOCAL jit = off")

    @api.model
    def _case_figures(self, start, end, now, unit_ids=None):
        """The figures read from the cases themselves, one query grouped by unit (the
        ``None`` group holds the cases of no unit, e.g. answered by the center itself),
        for the units of ``unit_ids`` only when given."""
        self._flush_cases()
        self._without_jit()
        cond = self._deadline_conditions(start, end, now)
        cond["units"] = SQL("TRUE") if unit_ids is None else SQL("c.unit_id = ANY(%s)", list(unit_ids))
        query = SQL(
            """
            SELECT c.unit_id,
                   COUNT(*) FILTER (WHERE %(assigned)s) AS case_count,
                   COUNT(*) FILTER (WHERE %(replied)s) AS replied_count,
                   COUNT(*) FILTER (WHERE c.state = 'closed' AND %(closed)s) AS closed_count,
                   COUNT(*) FILTER (WHERE %(reply_due)s OR %(resolve_due)s) AS due_count,
                   COUNT(*) FILTER (WHERE %(reply_due)s) AS reply_due_count,
                   COUNT(*) FILTER (WHERE %(reply_on_time)s) AS reply_on_time_count,
                   COUNT(*) FILTER (WHERE %(resolve_due)s) AS resolve_due_count,
                   COUNT(*) FILTER (WHERE %(resolve_on_time)s) AS resolve_on_time_count,
                   COUNT(*) FILTER (WHERE %(overdue)s) AS overdue_count
              FROM sunny_case c
             WHERE (%(assigned)s OR %(replied)s OR %(closed)s OR %(reply_window)s OR %(resolve_window)s)
               AND %(units)s
             GROUP BY c.unit_id
            """,
            **cond,
        )
        self.env.cr.execute(query)
        columns = [desc[0] for desc in self.env.cr.description]
        return {values[0]: dict(zip(columns[1:], values[1:], strict=False)) for values in self.env.cr.fetchall()}

    @api.model
    def _opinion_figures(self, start, end, now, unit_ids=None):
        """The co-handling figures (协办) of each co-handling unit, one query grouped by
        the unit of the opinion, for the units of ``unit_ids`` only when given."""
        self.env["sunny.case.opinion"].flush_model(
            ["case_id", "unit_id", "date", "deadline", "state", "submitted_date"]
        )
        self.env["sunny.case"].flush_model(["state"])
        units = SQL("TRUE") if unit_ids is None else SQL("o.unit_id = ANY(%s)", list(unit_ids))
        self.env.cr.execute(
            SQL(
                """
            SELECT o.unit_id,
                   COUNT(*) FILTER (WHERE o.date >= %(start)s AND o.date < %(end)s) AS co_count,
                   COUNT(*) FILTER (WHERE %(due)s) AS co_due_count,
                   COUNT(*) FILTER (WHERE %(due)s AND COALESCE(o.submitted_date <= o.deadline, FALSE))
                       AS co_on_time_count
              FROM sunny_case_opinion o JOIN sunny_case c ON c.id = o.case_id
             WHERE ((o.date >= %(start)s AND o.date < %(end)s) OR (o.deadline >= %(start)s AND o.deadline < %(end)s))
               AND %(units)s
             GROUP BY o.unit_id
            """,
                start=start,
                end=end,
                units=units,
                due=SQL(
                    "(o.deadline >= %s AND o.deadline < %s AND c.state NOT IN ('rejected', 'cancelled') "
                    "AND (o.state = 'submitted' OR o.deadline < %s))",
                    start,
                    end,
                    now,
                ),
            )
        )
        columns = [desc[0] for desc in self.env.cr.description]
        return {values[0]: dict(zip(columns[1:], values[1:], strict=False)) for values in self.env.cr.fetchall()}

    @api.model
    def _overdue_cases(self, date_from, date_to, now, limit):
        """(ids of at most ``limit`` non-confidential overdue cases of the period, ordered
        by unit and deadline; number of confidential overdue cases), by one query."""
        start, end = self.env["sunny.calendar"].period_bounds(date_from, date_to)
        self._flush_cases()
        cond = self._deadline_conditions(start, end, now)
        self.env.cr.execute(
            SQL(
                """
            WITH overdue AS MATERIALIZED (
                SELECT c.id, COALESCE(c.is_confidential, FALSE) AS confidential,
                       u.sequence, u.code, c.reply_deadline
                  FROM sunny_case c LEFT JOIN sunny_unit u ON u.id = c.unit_id
                 WHERE c.unit_id IS NOT NULL AND (%(reply_window)s OR %(resolve_window)s) AND %(overdue)s
            )
            SELECT ARRAY(SELECT o.id FROM overdue o WHERE NOT o.confidential
                          ORDER BY o.sequence, o.code, o.reply_deadline, o.id LIMIT %(limit)s),
                   (SELECT COUNT(*) FROM overdue o WHERE o.confidential)
            """,
                reply_window=cond["reply_window"],
                resolve_window=cond["resolve_window"],
                overdue=cond["overdue"],
                limit=limit,
            )
        )
        ids, confidential = self.env.cr.fetchone()
        return ids, confidential

    @api.model
    def _supervised_cases(self, date_from, date_to, limit):
        """The cases supervised (督办), escalated or reported as major in the period: (their number, ids of
        the first ``limit`` non-confidential ones by reception, number of confidential
        ones), by one query."""
        start, end = self.env["sunny.calendar"].period_bounds(date_from, date_to)
        self.env["sunny.case.supervision"].flush_model(["case_id", "kind", "date"])
        self.env["sunny.case"].flush_model(["is_confidential", "received_date"])
        self.env.cr.execute(
            SQL(
                """
            SELECT COUNT(*),
                   (ARRAY_AGG(c.id ORDER BY c.received_date, c.id)
                        FILTER (WHERE NOT COALESCE(c.is_confidential, FALSE)))[1:%(limit)s],
                   COUNT(*) FILTER (WHERE c.is_confidential)
              FROM sunny_case c
             WHERE c.id IN (SELECT s.case_id FROM sunny_case_supervision s
                             WHERE s.date >= %(start)s AND s.date < %(end)s
                               AND s.kind IN ('supervise', 'escalate', 'major'))
            """,
                start=start,
                end=end,
                limit=limit,
            )
        )
        count, ids, confidential = self.env.cr.fetchone()
        return count, ids or [], confidential

    @api.model
    def _add_rates(self, figures):
        """Add the rates to ``figures``: None (no rate, shown empty or "—", stored
        NULL) when nothing was due, not 0."""
        for rate, (numerator, denominator) in RATES.items():
            figures[rate] = figures[numerator] / figures[denominator] if figures[denominator] else None
        return figures

    @api.model
    def _store_empty_rates(self, records, rates):
        """Store NULL, not the ORM's 0.0, in the rates of ``records`` that have no
        denominator (``rates``: {rate field: denominator field}), by one UPDATE: an
        SQL reader, an average or an export then sees no rate rather than 0%."""
        if not records:
            return
        records.flush_recordset()
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET %s WHERE id = ANY(%s)",
                SQL.identifier(records._table),
                SQL(", ").join(
                    SQL(
                        "%s = CASE WHEN COALESCE(%s, 0) = 0 THEN NULL ELSE %s END",
                        SQL.identifier(rate),
                        SQL.identifier(denominator),
                        SQL.identifier(rate),
                    )
                    for rate, denominator in rates.items()
                ),
                records.ids,
            )
        )
        records.invalidate_recordset(list(rates))

    @api.model
    def _overdue_now_domain(self, now):
        """Open cases of a unit past their current deadline at ``now`` (the reply
        deadline until the unit first replied, the resolution deadline after): the
        "overdue now" of the bulletin and of the scoreboard."""
        return [("state", "in", UNIT_STATES), ("deadline", "<", now)]

    @api.model
    def _totals(self, unit_figures):
        """Sum the figures of every unit (and of no unit), with the rates."""
        total = dict.fromkeys(COUNT_FIGURES, 0)
        for figures in unit_figures.values():
            for key in COUNT_FIGURES:
                total[key] += figures[key]
        return self._add_rates(total)

    # ------------------------------------------------------------------ received cases

    @api.model
    def _received_domain(self, date_from, date_to):
        start, end = self.env["sunny.calendar"].period_bounds(date_from, date_to)
        return [("received_date", ">=", start), ("received_date", "<", end)]

    @api.model
    def _count_received_by(self, date_from, date_to, groupbys):
        """{column: [(value, count)]} of the cases received in the period, for each
        column of ``groupbys`` (stored fields of ``sunny.case``: values as
        ``_read_group`` gives them for a selection, ids for a many2one, ``False`` for
        none), most frequent first (equal counts by value). One query: a GROUPING SETS
        scan of the period."""
        start, end = self.env["sunny.calendar"].period_bounds(date_from, date_to)
        Case = self.env["sunny.case"]
        Case.flush_model(["received_date"] + list(groupbys))
        columns = [SQL.identifier("c", name) for name in groupbys]
        self.env.cr.execute(
            SQL(
                """
            SELECT %(grouping)s, %(columns)s, COUNT(*)
              FROM sunny_case c
             WHERE c.received_date >= %(start)s AND c.received_date < %(end)s
             GROUP BY GROUPING SETS (%(sets)s)
            """,
                grouping=SQL(", ").join(SQL("GROUPING(%s)", column) for column in columns),
                columns=SQL(", ").join(columns),
                sets=SQL(", ").join(SQL("(%s)", column) for column in columns),
                start=start,
                end=end,
            )
        )
        result = {name: [] for name in groupbys}
        size = len(groupbys)
        for row in self.env.cr.fetchall():
            # GROUPING() is 0 for the column the row is grouped by
            index = row[:size].index(0)
            result[groupbys[index]].append((row[size + index] or False, row[-1]))
        for rows in result.values():
            rows.sort(key=lambda item: (-item[1], item[0] is False, item[0]))
        return result

    @api.model
    def _count_received_windows(self, windows):
        """[number of cases received in each ``(start, end)`` window of naive UTC
        moments], by one index-only scan of the span of the windows."""
        if not windows:
            return []
        self.env["sunny.case"].flush_model(["received_date"])
        self.env.cr.execute(
            SQL(
                "SELECT %s FROM sunny_case c WHERE c.received_date >= %s AND c.received_date < %s",
                SQL(", ").join(
                    SQL("COUNT(*) FILTER (WHERE c.received_date >= %s AND c.received_date < %s)", start, end)
                    for start, end in windows
                ),
                min(start for start, _end in windows),
                max(end for _start, end in windows),
            )
        )
        return list(self.env.cr.fetchone())

    @api.model
    def _top_words(self, date_from, date_to, limit=20):
        """[(word, number of titles)]: the words the titles of the period's
        non-confidential cases (confidential titles may name people) repeat most.

        Chinese has no spaces: the titles are cut into the words of the jieba
        dictionary by ``rjieba`` in its search mode (学生宿舍 counts for 学生宿舍,
        学生 and 宿舍), without guessing unknown words, so the same title always
        gives the same words; a word inside a longer one as frequent is left out
        (图书 beside 图书馆). Counting runs of characters instead gave fragments:
        "生宿舍" from 学生宿舍, 男生宿舍 and 研究生宿舍. Latin words are split on
        non-letters. Stop words, one-character words and what a single title says
        are left out; at most ``MAX_CANDIDATES`` words are compared.

        Each title is cut once, when it is written (``sunny.case.title_words``): the
        period's words are counted by one SQL aggregate, exactly, whatever the number
        of cases (cutting 47,000 titles of a busy month here took 0.3 s)."""
        start, end = self.env["sunny.calendar"].period_bounds(date_from, date_to)
        self.env["sunny.case"].flush_model(["title_words", "received_date", "is_confidential"])
        self.env.cr.execute(
            SQL(
                """
            SELECT w.word, COUNT(*)
              FROM sunny_case c, unnest(string_to_array(c.title_words, ' ')) AS w(word)
             WHERE c.received_date >= %s AND c.received_date < %s
               AND NOT COALESCE(c.is_confidential, FALSE) AND w.word <> ''
             GROUP BY w.word
            HAVING COUNT(*) > 1
             ORDER BY COUNT(*) DESC, char_length(w.word) DESC, w.word COLLATE "C"
             LIMIT %s
            """,
                start,
                end,
                MAX_CANDIDATES,
            )
        )
        candidates = self.env.cr.fetchall()
        # a word inside a longer one as frequent says nothing more: 图书 beside 图书馆
        covered = {}
        for other, other_count in candidates:
            for word, _count in candidates:
                if len(word) < len(other) and word in other and covered.get(word, 0) < other_count:
                    covered[word] = other_count
        return [(word, count) for word, count in candidates if covered.get(word, 0) < count][:limit]

    @api.model
    def _title_words_text(self, title):
        """The words of a title (:meth:`_title_words`) as ``sunny.case.title_words``
        stores them: sorted, separated by spaces."""
        return " ".join(sorted(self._title_words(title or "")))

    @api.model
    def _title_words(self, title):
        """The set of words one title counts for: its Chinese words of two
        characters or more in jieba's dictionary (a long word and the words in it),
        and its whole words of 3 letters or digits or more starting with a letter,
        lowercased (not pieces of words); stop words left out."""
        words = {word for word in rjieba.cut_for_search(title, False) if CJK_WORD.fullmatch(word)}
        words.update(word for word in map(str.lower, LATIN_TOKEN.findall(title)) if LATIN_WORD.fullmatch(word))
        return words - STOP_WORDS
