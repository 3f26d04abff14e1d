from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# the fields of a rule whose every change makes a new version
VERSIONED_FIELDS = ("category_id", "keyword", "unit_id", "active")


def normalize_keyword(keyword):
    return (keyword or "").strip()


class SunnyRoutingRule(models.Model):
    """派单目录: which unit answers for a category (and, optionally, a keyword).
    Maintained by the center; every change is kept as a version
    (``sunny.routing.rule.version``), so that the rule in force at any date is known."""

    _name = "sunny.routing.rule"
    _description = "Routing Rule"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    category_id = fields.Many2one(
        "sunny.case.category",
        string="Category",
        index=True,
        ondelete="restrict",
        tracking=True,
        help="Cases of this category (and of its sub-categories) go to the unit. Leave it empty for a "
        "keyword rule that applies to every category.",
    )
    keyword = fields.Char(
        tracking=True,
        help="When the title or the content of a case contains this word, the rule proposes its unit "
        "before the category rules.",
    )
    unit_id = fields.Many2one(
        "sunny.unit",
        string="Responsible Unit",
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    active = fields.Boolean(default=True, tracking=True)
    note = fields.Text(help="Why the rule exists (a decision of the center, a remit document).")
    version_ids = fields.One2many("sunny.routing.rule.version", "rule_id", string="History")

    @api.depends("category_id", "keyword", "unit_id")
    def _compute_display_name(self):
        for rule in self:
            rule.display_name = rule._describe(rule.category_id, rule.keyword, rule.unit_id)

    @api.model
    def _describe(self, category, keyword, unit):
        if keyword and category:
            what = self.env._("%(category)s, keyword “%(keyword)s”", category=category.complete_name, keyword=keyword)
        elif keyword:
            what = self.env._("Keyword “%s”", keyword)
        else:
            what = category.complete_name or ""
        return f"{what} → {unit.name or ''}"

    @api.constrains(*VERSIONED_FIELDS)
    def _check_rule(self):
        for rule in self.filtered("active"):
            if not rule.unit_id:
                raise ValidationError(self.env._("A routing rule needs the unit responsible for its cases."))
            if not rule.unit_id.active:
                raise ValidationError(
                    self.env._("Unit %s is archived: a routing rule must point to an active unit.", rule.unit_id.name)
                )
            if not rule.category_id and not rule.keyword:
                raise ValidationError(self.env._("A routing rule needs a category, a keyword or both."))
        rules = self.filtered("active")
        if not rules:
            return
        others = (
            self.search([("id", "not in", rules.ids), ("category_id", "in", rules.category_id.ids + [False])]) | rules
        )
        for rule in rules:
            key = (rule.category_id, normalize_keyword(rule.keyword).lower())
            same = others.filtered(
                lambda r, key=key, rule=rule: r != rule and (r.category_id, normalize_keyword(r.keyword).lower()) == key
            )
            if same:
                raise ValidationError(
                    self.env._(
                        "The routing directory already has this rule (%s): change that one instead of adding another.",
                        same[0].display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "keyword" in vals:
                vals["keyword"] = normalize_keyword(vals["keyword"]) or False
        rules = super().create(vals_list)
        rules._make_versions()
        return rules

    def write(self, vals):
        if "keyword" in vals:
            vals = dict(vals, keyword=normalize_keyword(vals["keyword"]) or False)
        if not set(VERSIONED_FIELDS) & vals.keys():
            return super().write(vals)
        before = {rule.id: rule._snapshot() for rule in self}
        res = super().write(vals)
        self.filtered(lambda r: r._snapshot() != before[r.id])._make_versions()
        return res

    def _snapshot(self):
        return (self.category_id.id, self.keyword or False, self.unit_id.id, self.active)

    def unlink(self):  # pylint: disable=method-required-super
        raise UserError(
            self.env._("Routing rules are never deleted, so that their history stays: archive the rule instead.")
        )

    def _make_versions(self):
        """Close the versions in force of these rules and open one with their values now."""
        if not self:
            return
        Version = self.env["sunny.routing.rule.version"].sudo()
        now = fields.Datetime.now()
        current = Version.search([("rule_id", "in", self.ids), ("date_to", "=", False)])
        current.write({"date_to": now})
        previous = {version.rule_id.id: version.id for version in current}
        Version.create(
            [
                {
                    "rule_id": rule.id,
                    "category_id": rule.category_id.id,
                    "keyword": rule.keyword,
                    "unit_id": rule.unit_id.id,
                    "rule_active": rule.active,
                    "date_from": now,
                    "user_id": self.env.uid,
                    "previous_id": previous.get(rule.id, False),
                }
                for rule in self
            ]
        )

    @api.model
    def _versions_at(self, date):
        """The versions of the rules that were in force at ``date`` (a datetime, UTC)."""
        return (
            self.env["sunny.routing.rule.version"]
            .sudo()
            .search(
                [
                    ("rule_active", "=", True),
                    ("date_from", "<=", date),
                    "|",
                    ("date_to", "=", False),
                    ("date_to", ">", date),
                ]
            )
        )


class SunnyRoutingRuleVersion(models.Model):
    """One state of a routing rule, from when it was made to when it was changed:
    who changed it, when, and the values before (``previous_id``) and after."""

    _name = "sunny.routing.rule.version"
    _description = "Routing Rule Version"
    _order = "date_from desc, id desc"

    rule_id = fields.Many2one("sunny.routing.rule", string="Rule", required=True, index=True, ondelete="cascade")
    category_id = fields.Many2one("sunny.case.category", string="Category", readonly=True)
    keyword = fields.Char(readonly=True)
    unit_id = fields.Many2one("sunny.unit", string="Responsible Unit", readonly=True)
    # not "active": a version of an archived rule is history, never hidden
    rule_active = fields.Boolean(string="In Use", readonly=True)
    date_from = fields.Datetime(string="In Force From", required=True, index=True, readonly=True)
    date_to = fields.Datetime(string="In Force Until", index=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Changed by", readonly=True)
    previous_id = fields.Many2one("sunny.routing.rule.version", string="Before", readonly=True)
    previous_unit_id = fields.Many2one(related="previous_id.unit_id", string="Unit Before")
    previous_keyword = fields.Char(related="previous_id.keyword", string="Keyword Before")
    previous_category_id = fields.Many2one(related="previous_id.category_id", string="Category Before")

    @api.depends("category_id", "keyword", "unit_id", "date_from")
    def _compute_display_name(self):
        Rule = self.env["sunny.routing.rule"]
        fmt = self.env["sunny.calendar"].format_local
        for version in self:
            version.display_name = self.env._(
                "%(rule)s (since %(date)s)",
                rule=Rule._describe(version.category_id, version.keyword, version.unit_id),
                date=fmt(version.date_from),
            )
