import re

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

KEYWORD_SEPARATORS = r"[\s,，、;；]+"


class SunnyTopic(models.Model):
    """专题分析: the cases many people raise about one problem, found by category and
    keywords, counted by unit and by month (``_read_group``) and listed. The reader's
    access rights apply: the leadership does not see confidential cases here. What the
    analyst writes is read by everyone, unless the topic is confidential."""

    _name = "sunny.topic"
    _inherit = ["sunny.report.period.mixin"]
    _description = "Special-topic Analysis"
    _order = "id desc"

    name = fields.Char(string="Topic", required=True)
    keywords = fields.Char(
        help="Words looked for in the title and the content of the cases, separated by spaces or commas; "
        "a case matches when it contains any of them."
    )
    category_ids = fields.Many2many(
        "sunny.case.category", string="Categories", help="Cases of these categories and their sub-categories."
    )
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="To")
    case_count = fields.Integer(compute="_compute_figures", string="Cases")
    summary_html = fields.Html(compute="_compute_figures", string="Summary", sanitize=False)
    note = fields.Text(string="Findings")
    user_id = fields.Many2one("res.users", string="Analyst", default=lambda self: self.env.user)
    is_confidential = fields.Boolean(
        string="Confidential",
        default=lambda self: self._default_is_confidential(),
        help="Only the center manager, discipline inspection and the analyst read a confidential topic: its "
        "name, keywords and findings may speak of confidential reports. The topics of discipline "
        "inspection are confidential by default.",
    )

    @api.model
    def _default_is_confidential(self):
        # discipline inspection reads confidential reports only: what it writes about them is confidential
        user = self.env.user
        return user.has_group("sunny_service.group_discipline") and not user.has_group(
            "sunny_service.group_center_staff"
        )

    @api.constrains("keywords", "category_ids")
    def _check_criteria(self):
        for topic in self:
            if not topic._keyword_list() and not topic.category_ids:
                raise ValidationError(self.env._("A topic needs keywords or categories to find its cases."))

    def _keyword_list(self):
        self.ensure_one()
        return [word for word in re.split(KEYWORD_SEPARATORS, self.keywords or "") if word][:20]

    def _case_domain(self):
        self.ensure_one()
        domain = []
        if self.category_ids:
            domain.append(("category_id", "child_of", self.category_ids.ids))
        words = self._keyword_list()
        if words:
            domain = expression.AND(
                [domain, expression.OR([["|", ("title", "ilike", word), ("content", "ilike", word)] for word in words])]
            )
        if self.date_from or self.date_to:
            start, end = self.env["sunny.calendar"].period_bounds(
                self.date_from or self.date_to, self.date_to or self.date_from
            )
            if self.date_from:
                domain.append(("received_date", ">=", start))
            if self.date_to:
                domain.append(("received_date", "<", end))
        return domain

    @api.depends("keywords", "category_ids", "date_from", "date_to")
    @api.depends_context("uid", "lang")
    def _compute_figures(self):
        # months are the university's, whoever reads the topic
        Case = self.env["sunny.case"].with_context(tz=self.env["sunny.calendar"].tz().zone)
        for topic in self:
            if not (topic.keywords or topic.category_ids) or (
                topic.date_from and topic.date_to and topic.date_from > topic.date_to
            ):
                topic.case_count = 0
                topic.summary_html = False
                continue
            domain = topic._case_domain()
            by_unit = Case._read_group(domain, ["unit_id"], ["__count"], order="__count desc", limit=30)
            by_month = Case._read_group(domain, ["received_date:month"], ["__count"], order="received_date:month")
            by_type = Case._read_group(domain, ["case_type"], ["__count"], order="__count desc")
            topic.case_count = sum(count for _month, count in by_month)
            labels = dict(Case._fields["case_type"]._description_selection(self.env))
            topic.summary_html = (
                self.env["ir.qweb"]._render(
                    "sunny_service_reports.sunny_topic_summary",
                    {
                        "total": topic.case_count,
                        "by_unit": [
                            (unit.display_name or self.env._("Not assigned"), count) for unit, count in by_unit
                        ],
                        "by_month": [(month.strftime("%Y-%m"), count) for month, count in by_month],
                        "by_type": [(labels.get(case_type, case_type), count) for case_type, count in by_type],
                    },
                )
                or Markup()
            )

    def action_open_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sunny_service.sunny_case_action")
        action.update(
            {
                "name": self.name,
                "domain": self._case_domain(),
                "view_mode": "list,kanban,form",
                "views": [(False, "list"), (False, "kanban"), (False, "form")],
                "context": {},
            }
        )
        return action

    def action_open_analysis(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sunny_service_reports.sunny_case_action_analysis")
        action.update({"name": self.name, "domain": self._case_domain()})
        return action
