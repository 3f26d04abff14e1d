import datetime
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from .sunny_case import UNIT_STATES

CENTER_GROUPS = "sunny_service.group_center_staff,sunny_service.group_discipline"
# the states in which the center routes a case: suggestions are computed only then
ROUTING_STATES = ("new", "registered")
# how far back "similar cases were handled by …" looks, in days (system parameter)
HISTORY_DAYS_PARAM = "sunny_service.routing_history_days"
HISTORY_DAYS_DEFAULT = 180


class SunnyCase(models.Model):
    """Routing (派单): the units the directory and the history suggest for a case, the
    one-click assignment to the best of them, the directory's rule in force when the
    case was assigned, and the automatic choice of a handler inside the unit."""

    _inherit = "sunny.case"

    suggested_unit_id = fields.Many2one(
        "sunny.unit",
        string="Suggested Unit",
        compute="_compute_routing_suggestion",
        groups=CENTER_GROUPS,
        help="The unit the routing directory (or the history of closed cases) proposes.",
    )
    routing_suggestion = fields.Text(
        string="Routing Suggestions",
        compute="_compute_routing_suggestion",
        groups=CENTER_GROUPS,
    )
    routing_version_id = fields.Many2one(
        "sunny.routing.rule.version",
        string="Directory Rule at Assignment",
        readonly=True,
        groups=CENTER_GROUPS,
        help="The rule of the routing directory in force when the case was last assigned.",
    )
    return_proposed_unit_id = fields.Many2one(
        "sunny.unit",
        string="Unit Proposed on Return",
        readonly=True,
        groups=CENTER_GROUPS,
        help="The unit the case belongs to, as the unit that returned it (退回) says: the first of the suggested "
        "units until the center assigns the case again.",
    )
    routing_departed = fields.Boolean(
        string="Assigned Against the Directory",
        compute="_compute_routing_departed",
        groups=CENTER_GROUPS,
        help="The case went to another unit than the directory's rule in force at the time.",
    )

    @api.depends("title", "content", "category_id", "state")
    def _compute_routing_suggestion(self):
        routed = self.filtered(lambda c: c.state in ROUTING_STATES)
        by_case = routed._suggest_units_by_case() if routed else {}
        texts = self._routing_suggestion_texts(by_case)
        for case in self:
            suggestions = by_case.get(case.id) or []
            case.suggested_unit_id = suggestions[0]["unit_id"] if suggestions else False
            case.routing_suggestion = texts.get(case.id) or False

    @api.model
    def _routing_suggestion_texts(self, by_case):
        """``{key: "unit：reason" lines}`` of ``{key: suggestions}`` (units' names read at once)."""
        units = self.env["sunny.unit"].sudo().browse({s["unit_id"] for lines in by_case.values() for s in lines})
        names = dict(zip(units.ids, units.mapped("name"), strict=True))
        return {
            key: "\n".join(f"{names[s['unit_id']]}：{s['reason']}" for s in suggestions)
            for key, suggestions in by_case.items()
        }

    @api.depends("routing_version_id", "unit_id")
    def _compute_routing_departed(self):
        for case in self:
            version = case.routing_version_id
            case.routing_departed = bool(version and case.unit_id and version.unit_id != case.unit_id)

    def _workflow_fields(self):
        return super()._workflow_fields() | {"routing_version_id", "return_proposed_unit_id"}

    # ------------------------------------------------------------------ suggestions

    def _suggest_units(self):
        """The units this case may go to, best first: ``[{"unit_id": int, "reason": str}]``.
        Keyword rules of the routing directory first, then its category rules (the
        closest category first), the category's default unit, then the unit that
        closed most cases of the same category lately. Archived units never appear."""
        self.ensure_one()
        return self._suggest_units_by_case()[self.id]

    def _suggest_units_by_case(self):
        """``{case id: _suggest_units()}`` for all of ``self``, in a fixed number of queries."""
        rules = self.env["sunny.routing.rule"].sudo().search([("unit_id.active", "=", True)])
        history, days = self._routing_history()
        _ = self.env._
        result = {}
        for case in self:
            suggestions = []
            add = self._routing_adder(suggestions)
            # the unit that returned the case named the one it belongs to: first
            add(case.sudo().return_proposed_unit_id, _("Proposed by the unit that returned the case"))
            for rule in case._routing_match(rules):
                if rule.keyword:
                    add(rule.unit_id, _("Routing directory: the keyword “%s” is in the case", rule.keyword))
                else:
                    add(rule.unit_id, _("Routing directory: category “%s”", rule.category_id.complete_name))
            category = case.category_id
            if category.default_unit_id:
                add(category.default_unit_id, _("Default unit of category “%s”", category.complete_name))
            unit, count = history.get(category.id, (None, 0))
            if unit:
                add(
                    unit,
                    _(
                        "Similar cases lately were handled by %(unit)s (%(count)s closed in %(days)s days)",
                        unit=unit.name,
                        count=count,
                        days=days,
                    ),
                )
            result[case.id] = suggestions
        return result

    @api.model
    def _routing_adder(self, suggestions):
        """A function that adds an active unit with its reason to ``suggestions``, once."""

        def add(unit, reason):
            if unit and unit.active and all(s["unit_id"] != unit.id for s in suggestions):
                suggestions.append({"unit_id": unit.id, "reason": reason})

        return add

    def _routing_match(self, rules):
        """The rules (or rule versions) of ``rules`` that apply to this case, best first:
        keyword rules whose word is in the title or the content (those bound to a
        category first), then the category rules of the case's category and of its
        parents (the closest first). Rules bound to another category never apply."""
        self.ensure_one()
        text = f"{self.title or ''}\n{self.content or ''}".lower()
        path = self.category_id.parent_path or ""
        keyword_hits, category_hits = [], []
        for rule in rules:
            if rule.category_id and not (path and path.startswith(rule.category_id.parent_path)):
                continue
            if rule.keyword:
                if rule.keyword.lower() in text:
                    keyword_hits.append(rule)
            elif rule.category_id:
                category_hits.append(rule)

        def depth(rule):
            return len(rule.category_id.parent_path or "")

        keyword_hits.sort(key=lambda r: (-depth(r), -len(r.keyword), r.id))
        category_hits.sort(key=lambda r: (-depth(r), r.id))
        return keyword_hits + category_hits

    def _routing_history(self):
        """``({category id: (unit, count)}, days)``: per category of ``self``, the
        active unit that closed most cases of it in the last N days (one grouped query)."""
        days = int(
            self.env["ir.config_parameter"].sudo().get_param(HISTORY_DAYS_PARAM, HISTORY_DAYS_DEFAULT)
            or HISTORY_DAYS_DEFAULT
        )
        categories = self.category_id
        if not categories:
            return {}, days
        since = fields.Datetime.now() - datetime.timedelta(days=days)
        groups = (
            self.env["sunny.case"]
            .sudo()
            ._read_group(
                [
                    ("category_id", "in", categories.ids),
                    ("state", "=", "closed"),
                    ("closed_date", ">=", since),
                    ("unit_id.active", "=", True),
                ],
                ["category_id", "unit_id"],
                ["__count"],
                order="__count desc, unit_id",
            )
        )
        best = {}
        for category, unit, count in groups:
            if category.id not in best:
                best[category.id] = (unit.with_env(self.env), count)
        return best, days

    # ------------------------------------------------------------------ assignment

    def action_assign_suggested(self):
        """One click: assign each case to the best unit suggested for it (through
        ``action_assign``, so deadlines, audience and to-dos are the usual ones)."""
        self._sunny_gate("assign")
        by_case = self._suggest_units_by_case()
        missing = self.filtered(lambda c: not by_case[c.id])
        if missing:
            raise UserError(
                self.env._(
                    "No unit is suggested for case %s: choose the unit with Assign.", ", ".join(missing.mapped("name"))
                )
            )
        cases_of_unit = defaultdict(list)
        for case in self:
            cases_of_unit[by_case[case.id][0]["unit_id"]].append(case.id)
        for unit_id, case_ids in cases_of_unit.items():
            self.browse(case_ids).action_assign(unit_id)
        for case in self:
            case._workflow().message_post(
                body=self.env._("Assigned as suggested: %s", by_case[case.id][0]["reason"]),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_assign(self, unit=None, entrusted_users=None, note=None):
        res = super().action_assign(unit, entrusted_users=entrusted_users, note=note)
        cases = self._workflow()
        cases._routing_record_version()
        cases._auto_assign_handler()
        # the center decided where the case goes: a returning unit's proposal is settled
        cases.filtered("return_proposed_unit_id").write({"return_proposed_unit_id": False})
        return res

    def _return_suggestions(self):
        """What the directory suggests for a case its unit returns: ``_suggest_units()``
        less the unit returning it."""
        self.ensure_one()
        return [s for s in self._suggest_units() if s["unit_id"] != self.sudo().unit_id.id]

    def action_return(self, reason=None, proposed_unit=None):
        """Return the cases to the center; ``proposed_unit`` (optional, a record or an
        id) is the unit the returning unit says they belong to: the center's to-do and
        the case name it, and it comes first of the suggested units."""
        self._sunny_gate("return")
        proposed = self._browse_arg("sunny.unit", proposed_unit, self.env._("the unit the case belongs to"))
        if len(proposed) > 1:
            raise UserError(self.env._("Choose the unit the case belongs to."))
        if proposed:
            unit = proposed.sudo()
            if not unit.active:
                raise UserError(self.env._("Unit %s is archived: choose an active unit.", unit.name))
            if not unit.officer_ids:
                raise UserError(
                    self.env._("Unit %s has no information officer: set up its service station first.", unit.name)
                )
            if unit in self.sudo().unit_id:
                raise UserError(
                    self.env._(
                        "%s is returning the case: name the unit it belongs to, or none.",
                        unit.name,
                    )
                )
        returning = {case.id: case.unit_id.name for case in self.sudo()}
        res = super().action_return(reason)
        cases = self._workflow()
        cases.write({"return_proposed_unit_id": proposed.id or False})
        if not proposed:
            return res
        returned = self.env.ref("sunny_service.mail_activity_type_case_returned")
        for case in cases:
            case.return_ids[:1].write({"proposed_unit_id": proposed.id})
            case.message_post(
                body=self.env._(
                    "%(unit)s proposes that the case belongs to %(proposed)s.",
                    unit=returning[case.id],
                    proposed=proposed.sudo().name,
                ),
                subtype_xmlid="mail.mt_note",
            )
            for todo in case.activity_ids.filtered(lambda a: a.activity_type_id == returned):
                todo.summary = self.env._(
                    "%(summary)s Proposed unit: %(unit)s.", summary=todo.summary, unit=proposed.sudo().name
                )
        return res

    def _routing_record_version(self):
        """Keep on each case the directory's rule in force at its assignment, for the
        center to decide against it when the unit returns the case."""
        versions = self.env["sunny.routing.rule"]._versions_at(fields.Datetime.now())
        cases_of_version = defaultdict(list)
        for case in self:
            match = case._routing_match(versions)
            cases_of_version[match[0].id if match else False].append(case.id)
        for version_id, case_ids in cases_of_version.items():
            self.browse(case_ids).write({"routing_version_id": version_id})

    def _auto_assign_handler(self):
        """Give the cases just assigned to a unit whose station assigns handlers
        automatically to a handler: by the station's category preferences, else
        the handler with the fewest open cases. Confidential cases are left to the
        officers they are entrusted to."""
        cases = self.filtered(
            lambda c: c.state == "assigned"
            and not c.is_confidential
            and c.unit_id.station_id.auto_assign_handler
            and c.unit_id.station_id.handler_ids
        )
        if not cases:
            return
        handlers = cases.unit_id.station_id.handler_ids
        open_counts = dict(
            self.env["sunny.case"]
            .sudo()
            ._read_group(
                [("handler_id", "in", handlers.ids), ("state", "in", UNIT_STATES)],
                ["handler_id"],
                ["__count"],
            )
        )
        open_counts = {user.id: count for user, count in open_counts.items()}
        _ = self.env._
        chosen = defaultdict(list)
        reasons = {}
        for case in cases:
            station = case.unit_id.station_id
            handler = station._preferred_handler(case.category_id)
            if handler:
                reasons[case.id] = _("by the station's preference for category “%s”", case.category_id.complete_name)
            else:
                handler = min(station.handler_ids, key=lambda u: (open_counts.get(u.id, 0), u.id))
                reasons[case.id] = _("the handler with the fewest open cases (%s)", open_counts.get(handler.id, 0))
            open_counts[handler.id] = open_counts.get(handler.id, 0) + 1
            chosen[handler].append(case.id)
        for handler, case_ids in chosen.items():
            self.browse(case_ids).write({"handler_id": handler.id})
            for case in self.browse(case_ids):
                case.message_post(
                    body=_(
                        "Handler assigned automatically: %(handler)s, %(reason)s. "
                        "The information officer can change it.",
                        handler=handler.name,
                        reason=reasons[case.id],
                    ),
                    subtype_xmlid="mail.mt_note",
                )


class SunnyCaseReturn(models.Model):
    _inherit = "sunny.case.return"

    routing_version_id = fields.Many2one(
        "sunny.routing.rule.version",
        string="Directory Rule at Assignment",
        compute="_compute_routing_version_id",
        store=True,
        precompute=True,
        readonly=True,
        groups=CENTER_GROUPS,
        help="The rule of the routing directory in force when the case was assigned to the unit that "
        "returned it: the center decides the dispute against it.",
    )
    routing_unit_id = fields.Many2one(
        related="routing_version_id.unit_id", string="Unit by the Directory", groups=CENTER_GROUPS
    )
    proposed_unit_id = fields.Many2one(
        "sunny.unit",
        string="Proposed Unit",
        readonly=True,
        help="The unit the case belongs to, as the unit that returned it says (optional).",
    )

    @api.depends("case_id")
    def _compute_routing_version_id(self):
        for record in self:
            record.routing_version_id = record.case_id.sudo().routing_version_id
