import datetime

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .sunny_report_figures import COUNT_FIGURES, RATE_DENOMINATORS, RATES

# weight field -> (ir.config_parameter key, default percentage)
WEIGHTS = {
    "weight_reply": ("sunny_service_reports.weight_reply", 20.0),
    "weight_resolve": ("sunny_service_reports.weight_resolve", 25.0),
    "weight_satisfaction": ("sunny_service_reports.weight_satisfaction", 25.0),
    "weight_overdue": ("sunny_service_reports.weight_overdue", 10.0),
    "weight_extension": ("sunny_service_reports.weight_extension", 5.0),
    "weight_return": ("sunny_service_reports.weight_return", 10.0),
    "weight_reopen": ("sunny_service_reports.weight_reopen", 5.0),
}
# a unit is ranked when at least this many of its cases were due in the year
RANK_MIN_DUE = ("sunny_service_reports.rank_min_due", 5)


def unit_score(figures, weights):
    """The weighted score (0–100) of one unit, or None when nothing can be scored.

    Each component is a fraction from 0 to 1 (1 is best):

    - ``weight_reply``: on-time reply rate (when replies were due);
    - ``weight_resolve``: on-time resolution rate (when resolutions were due);
    - ``weight_satisfaction``: satisfaction rate (when there were follow-ups);
    - ``weight_overdue``: 1 − overdue cases / cases with a deadline due;
    - ``weight_extension``: 1 − approved extensions / cases (floored at 0);
    - ``weight_return``: 1 − returns / (cases + returns): the share of the cases
      given to the unit that it kept;
    - ``weight_reopen``: 1 − reopened follow-ups / follow-ups.

    A component without data (e.g. no follow-up) is left out and the weights of the
    others are scaled up, so a unit is not rewarded nor punished for what did not
    happen. ``weights`` are percentages adding up to 100.
    """
    parts = []
    if figures["reply_due_count"]:
        parts.append((weights["weight_reply"], figures["reply_on_time_count"] / figures["reply_due_count"]))
    if figures["resolve_due_count"]:
        parts.append((weights["weight_resolve"], figures["resolve_on_time_count"] / figures["resolve_due_count"]))
    if figures["followup_count"]:
        parts.append((weights["weight_satisfaction"], figures["satisfied_count"] / figures["followup_count"]))
        parts.append((weights["weight_reopen"], 1 - figures["reopen_count"] / figures["followup_count"]))
    if figures["due_count"]:
        parts.append((weights["weight_overdue"], 1 - figures["overdue_count"] / figures["due_count"]))
    if figures["case_count"]:
        parts.append((weights["weight_extension"], max(0.0, 1 - figures["extension_count"] / figures["case_count"])))
    if figures["case_count"] + figures["return_count"]:
        parts.append(
            (weights["weight_return"], 1 - figures["return_count"] / (figures["case_count"] + figures["return_count"]))
        )
    total_weight = sum(weight for weight, _value in parts)
    if not total_weight:
        return None
    return 100.0 * sum(weight * value for weight, value in parts) / total_weight


class SunnyAssessment(models.Model):
    """年度考核: every unit assessed once a year on how it handled its cases.

    ``action_compute`` fills one line per unit (all active units, and any archived
    unit that had cases) with the figures of the year (definitions in
    ``sunny.report.figures``), a weighted score and a rank. ``action_done`` signs
    it: a done assessment is frozen, later changes to cases do not touch it, and a
    year has at most one done assessment.
    """

    _name = "sunny.assessment"
    _description = "Annual Assessment"
    _inherit = ["sunny.report.document.mixin"]
    _order = "year desc, id desc"
    _period_fields = ("year",)

    name = fields.Char(compute="_compute_name", store=True, readonly=True)
    year = fields.Integer(required=True, default=lambda self: self._default_year(), tracking=True, index=True)
    state = fields.Selection(selection_add=[("done", "Done")], ondelete={"done": "cascade"})
    computed_date = fields.Datetime(string="Computed on", readonly=True)
    done_date = fields.Datetime(string="Signed on", readonly=True)
    done_user_id = fields.Many2one("res.users", string="Signed by", readonly=True)
    note = fields.Text(string="Comments", help="Printed in the assessment.")

    weight_reply = fields.Float(
        string="On-time Reply (%)",
        digits=(5, 2),
        tracking=True,
        default=lambda self: self._default_weight("weight_reply"),
    )
    weight_resolve = fields.Float(
        string="On-time Resolution (%)",
        digits=(5, 2),
        tracking=True,
        default=lambda self: self._default_weight("weight_resolve"),
    )
    weight_satisfaction = fields.Float(
        string="Satisfaction (%)",
        digits=(5, 2),
        tracking=True,
        default=lambda self: self._default_weight("weight_satisfaction"),
    )
    weight_overdue = fields.Float(
        string="No Overdue (%)",
        digits=(5, 2),
        tracking=True,
        default=lambda self: self._default_weight("weight_overdue"),
    )
    weight_extension = fields.Float(
        string="No Extension (%)",
        digits=(5, 2),
        tracking=True,
        default=lambda self: self._default_weight("weight_extension"),
    )
    weight_return = fields.Float(
        string="No Return (%)", digits=(5, 2), tracking=True, default=lambda self: self._default_weight("weight_return")
    )
    weight_reopen = fields.Float(
        string="No Reopening (%)",
        digits=(5, 2),
        tracking=True,
        default=lambda self: self._default_weight("weight_reopen"),
    )
    weight_total = fields.Float(string="Total (%)", compute="_compute_weight_total", digits=(5, 2))
    rank_min_due = fields.Integer(
        string="Cases Due to Be Ranked",
        tracking=True,
        default=lambda self: self._default_rank_min_due(),
        help="A unit is ranked when at least this many of its cases had a reply or resolution deadline due in "
        "the year: a rate over one or two cases says little. The others are listed with their figures and the "
        "reason, without a rank.",
    )

    line_ids = fields.One2many("sunny.assessment.line", "assessment_id", string="Units", readonly=True)
    line_count = fields.Integer(compute="_compute_line_count", string="Units Assessed")

    _sql_constraints = [
        ("period_check", "CHECK(year BETWEEN 2000 AND 9999)", "An assessment covers a calendar year, from 2000 on."),
        ("rank_min_due_check", "CHECK(rank_min_due >= 1)", "A unit needs at least one case due to be ranked."),
    ]

    # ------------------------------------------------------------------ defaults and computes

    @api.model
    def _default_year(self):
        return self.env["sunny.calendar"].today().year

    @api.model
    def _default_weight(self, field):
        return self._get_default_weights()[field]

    @api.model
    def _get_default_weights(self):
        """The center manager's weights (Settings), or the built-in defaults."""
        params = self.env["ir.config_parameter"].sudo()
        weights = {}
        for field, (key, default) in WEIGHTS.items():
            try:
                weights[field] = float(params.get_param(key, default))
            except ValueError:
                weights[field] = default
        return weights

    @api.model
    def _default_rank_min_due(self):
        """The center manager's minimum (Settings), or the built-in default."""
        key, default = RANK_MIN_DUE
        try:
            return max(1, int(self.env["ir.config_parameter"].sudo().get_param(key, default)))
        except ValueError:
            return default

    @api.depends("year")
    def _compute_name(self):
        for assessment in self:
            assessment.name = str(assessment.year or "")

    @api.depends(*WEIGHTS)
    def _compute_weight_total(self):
        for assessment in self:
            assessment.weight_total = sum(assessment[field] for field in WEIGHTS)

    @api.depends("line_ids")
    def _compute_line_count(self):
        for assessment in self:
            assessment.line_count = len(assessment.line_ids)

    # ------------------------------------------------------------------ constraints and CRUD

    @api.model
    def _check_weight_values(self, weights):
        """Raise a ValidationError unless ``weights`` are ≥ 0 and add up to 100."""
        if any(value < 0 for value in weights.values()):
            raise ValidationError(self.env._("A weight cannot be negative."))
        total = sum(weights.values())
        if abs(total - 100.0) > 0.005:
            raise ValidationError(
                self.env._("The weights add up to %(total)s%%: they must add up to 100%%.", total=round(total, 2))
            )

    @api.constrains(*WEIGHTS)
    def _check_weights(self):
        for assessment in self:
            self._check_weight_values({field: assessment[field] for field in WEIGHTS})

    def _period_error(self):
        # the database checks the bounds once and for all; the current year moves
        this_year = self.env["sunny.calendar"].today().year
        if not 2000 <= self.year <= this_year:
            return self.env._(
                "%(year)s is not a year that can be assessed (2000 to %(this_year)s).",
                year=self.year,
                this_year=this_year,
            )
        return None

    @api.constrains("year", "state")
    def _check_year_assessed_once(self):
        for assessment in self:
            done = self.search_count(
                [("year", "=", assessment.year), ("state", "=", "done"), ("id", "!=", assessment.id)], limit=1
            )
            if done:
                raise ValidationError(
                    self.env._(
                        "The assessment of %(year)s is already done and signed: a year is assessed once.",
                        year=assessment.year,
                    )
                )

    @api.constrains("rank_min_due")
    def _check_rank_min_due(self):
        if any(assessment.rank_min_due < 1 for assessment in self):
            raise ValidationError(self.env._("A unit needs at least one case due to be ranked."))

    def write(self, vals):
        res = super().write(vals)
        if (set(WEIGHTS) | {"rank_min_due"}) & vals.keys():
            self.filtered("line_ids")._compute_scores()
        return res

    def _draft_only_error(self):
        return self.env._("An assessment is created as a draft, then computed and signed.")

    def _frozen_error(self):
        return self.env._(
            "The assessment of %s is done: it is frozen and cannot be changed or computed again.",
            ", ".join(self.mapped("name")),
        )

    # ------------------------------------------------------------------ actions

    def action_compute(self):
        """One line per unit with the year's figures, the weighted score and the rank."""
        self._check_draft()
        Figures = self.env["sunny.report.figures"]
        now = fields.Datetime.now()
        for assessment in self:
            date_from, date_to = assessment._year_bounds()
            unit_figures = Figures._unit_figures(date_from, date_to, now)
            active_or_busy = [
                "|",
                ("active", "=", True),
                (
                    "id",
                    "in",
                    [
                        unit_id
                        for unit_id, figures in unit_figures.items()
                        if unit_id and any(figures[key] for key in COUNT_FIGURES)
                    ],
                ),
            ]
            units = self.env["sunny.unit"].sudo().with_context(active_test=False).search(active_or_busy)
            empty = Figures._add_rates(dict.fromkeys(COUNT_FIGURES, 0))
            line_fields = self.env["sunny.assessment.line"]._fields
            commands = [fields.Command.clear()]
            for unit in units:
                figures = unit_figures.get(unit.id, empty)
                values = {key: figures[key] for key in COUNT_FIGURES + tuple(RATES) if key in line_fields}
                commands.append(fields.Command.create(dict(values, unit_id=unit.id)))
            assessment.write({"line_ids": commands, "computed_date": now})
            assessment._compute_scores()
            Figures._store_empty_rates(assessment.line_ids, RATE_DENOMINATORS)
        return True

    def action_done(self):
        """Sign the assessment: it is frozen from now on."""
        self._check_draft()
        today = self.env["sunny.calendar"].today()
        for assessment in self:
            if not assessment.computed_date:
                raise UserError(self.env._("Compute the assessment of %s before signing it.", assessment.name))
            if today.year <= assessment.year:
                raise UserError(
                    self.env._("The year %s is not over: an assessment is signed after 31 December.", assessment.year)
                )
        self.write({"state": "done", "done_date": fields.Datetime.now(), "done_user_id": self.env.uid})
        return True

    def action_save_default_weights(self):
        """The center manager keeps these weights as the defaults of new assessments."""
        self.ensure_one()
        if not (self.env.su or self.env.user.has_group("sunny_service.group_center_manager")):
            raise AccessError(self.env._("Only the center manager sets the default weights."))
        weights = self._weights()
        self._check_weight_values(weights)
        params = self.env["ir.config_parameter"].sudo()
        for field, (key, _default) in WEIGHTS.items():
            params.set_param(key, weights[field])
        return True

    def action_print_pdf(self):
        return self.env.ref("sunny_service_reports.action_report_sunny_assessment").report_action(self)

    def _report_filename(self):
        """The name of the PDF and the XLSX, without extension: "年度考核 2026"."""
        self.ensure_one()
        return self.env._("Annual Assessment %s", self.year)

    def action_print_xlsx(self):
        return self.env.ref("sunny_service_reports.action_report_sunny_assessment_xlsx").report_action(self)

    # ------------------------------------------------------------------ business

    @api.model
    def _fmt_rate(self, rate, due=1):
        return self.env["sunny.bulletin"]._fmt_rate(rate, due)

    @api.model
    def _fmt_weight(self, weight):
        return f"{weight:g}%"

    @api.model
    def _bar_style(self, fraction):
        return self.env["sunny.bulletin"]._bar_style(fraction)

    @api.model
    def _fmt_local(self, moment, with_time=True):
        return self.env["sunny.calendar"].format_local(moment, with_time)

    def _year_bounds(self):
        self.ensure_one()
        return datetime.date(self.year, 1, 1), datetime.date(self.year, 12, 31)

    def _weights(self):
        self.ensure_one()
        return {field: self[field] for field in WEIGHTS}

    def _compute_scores(self):
        """Score the lines and rank the units that had at least ``rank_min_due``
        cases due (equal scores share a rank: 1, 2, 2, 4); order the lines by rank,
        then the units scored but not ranked, then those with nothing due.

        A unit with no case due has no score: its on-time and satisfaction figures
        are empty, and the shares of cases without extension or return would make
        it 100. A unit with fewer cases due than the minimum keeps its score, without
        a rank; ``unranked_reason`` says why. Rank and score are stored NULL, not 0,
        for the units without them."""
        self._check_draft()
        for assessment in self:
            weights = assessment._weights()
            lines = assessment.line_ids.sorted(lambda line: (line.unit_id.sequence, line.unit_id.code or ""))
            scores = {}
            for line in lines:
                figures = {key: line[key] for key in COUNT_FIGURES}
                score = unit_score(figures, weights) if line.due_count else None
                scores[line] = None if score is None else round(score, 2)
            ranked = sorted(
                (line for line in lines if scores[line] is not None and line.due_count >= assessment.rank_min_due),
                key=lambda line, scores=scores: -scores[line],
            )
            few_due = sorted(
                (line for line in lines if scores[line] is not None and line not in ranked),
                key=lambda line, scores=scores: -scores[line],
            )
            unscored = [line for line in lines if scores[line] is None]
            previous, rank = None, 0
            for position, line in enumerate(ranked, start=1):
                if scores[line] != previous:
                    rank, previous = position, scores[line]
                line.write(
                    {
                        "score": scores[line],
                        "rank": rank,
                        "scored": True,
                        "unranked_reason": False,
                        "sequence": position,
                    }
                )
            for position, line in enumerate(few_due + unscored, start=len(ranked) + 1):
                line.write(
                    {
                        "score": scores[line] or 0.0,
                        "rank": 0,
                        "scored": scores[line] is not None,
                        "unranked_reason": "few_due" if line.due_count else "no_due",
                        "sequence": position,
                    }
                )
            assessment.line_ids._store_unranked()
        return True
