import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from ..models.sunny_report_figures import COUNT_FIGURES, RATES
from .common import COMPUTE_AT, MARCH, SunnyReportsCommon

NOW = datetime.datetime(2026, 4, 1, 2, 0, 0)  # COMPUTE_AT
TODAY = datetime.date(2026, 3, 31)  # the dashboard of the last day of March, read on 1 April


@tagged("post_install", "-at_install")
class TestDashboard(SunnyReportsCommon):
    """The leadership's dashboard: the bulletin's and the assessment's figures, drill-downs
    to the cases the viewer may read, the landing page of the leadership, few queries."""

    def _values(self, user=None):
        Dashboard = self.env["sunny.dashboard"]
        if user:
            Dashboard = Dashboard.with_user(user)
        return Dashboard._dashboard_values(TODAY, NOW)

    def _search(self, drill, user):
        self.env.invalidate_all()
        return self.env["sunny.case"].with_user(user).search(drill["domain"])

    def test_month_equals_the_bulletin(self):
        bulletin = self.env["sunny.bulletin"].create({"date_from": MARCH[0], "date_to": MARCH[1]})
        with freeze_time(COMPUTE_AT):
            bulletin.action_compute()
        figures = self._values()["month"]["figures"]
        for key in COUNT_FIGURES + tuple(RATES):
            if key in bulletin._fields and key != "case_count":
                self.assertAlmostEqual(figures[key] or 0.0, bulletin[key], msg=key)
        self.assertEqual(figures["case_count"], bulletin.assigned_count)
        cards = {card["key"]: card for card in self._values()["month"]["cards"]}
        self.assertEqual(cards["reply_on_time_rate"]["value"], bulletin._fmt_rate(bulletin.reply_on_time_rate))
        self.assertEqual(cards["satisfaction_rate"]["value"], bulletin._fmt_rate(bulletin.satisfaction_rate))

    def test_year_equals_the_assessment(self):
        with freeze_time(COMPUTE_AT):
            assessment = self.env["sunny.assessment"].create({"year": 2026})
            assessment.action_compute()
        values = self._values()
        rows = {row["unit_id"]: row for row in values["units"]}
        ranking = {row["unit_id"]: row for row in values["ranking"]}
        for line in assessment.line_ids.filtered("due_count"):
            unit = line.unit_id.id
            self.assertEqual(
                rows[unit]["year_reply"], assessment._fmt_rate(line.reply_on_time_rate, line.reply_due_count)
            )
            self.assertEqual(
                rows[unit]["year_resolve"], assessment._fmt_rate(line.resolve_on_time_rate, line.resolve_due_count)
            )
            self.assertEqual(
                rows[unit]["year_satisfaction"], assessment._fmt_rate(line.satisfaction_rate, line.followup_count)
            )
            self.assertEqual(ranking[unit]["score"], f"{line.score:.2f}")
            self.assertEqual(ranking[unit]["rank"], line.rank or False)
        # the year's totals are those of the whole year's figures
        year = self.env["sunny.report.figures"]._totals(
            self.env["sunny.report.figures"]._unit_figures(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), NOW)
        )
        self.assertEqual(values["year"]["figures"], {key: year[key] for key in COUNT_FIGURES + tuple(RATES)})

    def test_nothing_due_reads_dash(self):
        values = self.env["sunny.dashboard"]._dashboard_values(datetime.date(2025, 6, 15), NOW)
        for card in values["month"]["cards"][:3]:
            self.assertEqual(card["value"], "—")

    def test_drill_down_returns_the_due_cases(self):
        values = self._values()
        cards = {card["key"]: card for card in values["month"]["cards"]}
        reply_due = self._search(cards["reply_on_time_rate"]["drill"], self.center_manager)
        self.assertEqual(len(reply_due), cards["reply_on_time_rate"]["denominator"])
        resolve_due = self._search(cards["resolve_on_time_rate"]["drill"], self.center_manager)
        self.assertEqual(len(resolve_due), cards["resolve_on_time_rate"]["denominator"])
        self.assertNotIn(self.c9, reply_due, "February's case is not March's")
        followed = self._search(cards["satisfaction_rate"]["drill"], self.center_manager)
        self.assertIn(self.c1, followed)
        # the leadership sees the same cases but the confidential one (counted, never named)
        seen = self._search(cards["reply_on_time_rate"]["drill"], self.leadership)
        self.assertEqual(seen, reply_due.filtered(lambda c: not c.is_confidential))
        self.assertIn(self.c7, reply_due)
        self.assertNotIn(self.c7, seen)

    def test_drill_down_by_unit(self):
        values = self._values()
        row = next(row for row in values["units"] if row["unit_id"] == self.unit_a.id)
        opened = self._search(row["open_drill"], self.leadership)
        self.assertEqual(len(opened), row["open_count"])
        self.assertEqual(opened, self.c4)
        overdue = self._search(row["overdue_drill"], self.leadership)
        self.assertEqual(len(overdue), row["overdue_count"])
        self.assertEqual(overdue, self.c4)
        due = self._search(row["month_drill"], self.center_manager)
        self.assertTrue(due)
        self.assertEqual(due.unit_id, self.unit_a)

    def test_topics_and_trend(self):
        values = self._values()
        self.assertEqual(len(values["trend"]), 12)
        self.assertEqual(values["trend"][-1]["label"], "2026-03")
        march = values["trend"][-1]
        self.assertEqual(len(self._search(march["drill"], self.center_manager)), march["count"])
        words = {topic["word"]: topic for topic in values["topics"]}
        self.assertIn("图书馆", words)
        cases = self._search(words["图书馆"]["drill"], self.leadership)
        self.assertEqual(len(cases), words["图书馆"]["count"])

    def test_only_for_leadership_and_center(self):
        for user in (self.officer_a, self.handler_a, self.portal_user):
            with self.assertRaises(AccessError):
                self.env["sunny.dashboard"].with_user(user).get_dashboard()
        self.assertIn("month", self.env["sunny.dashboard"].with_user(self.leadership).get_dashboard())

    def test_leadership_lands_on_the_dashboard(self):
        action = self.leadership._sunny_landing_action()
        self.assertEqual(action["id"], self.env.ref("sunny_service_reports.sunny_dashboard_action").id)
        self.assertEqual(action["tag"], "sunny_service_reports.dashboard")
        self.assertEqual(self.leadership.action_id.id, self.env.ref("sunny_service.sunny_home_action").id)

    def test_query_count(self):
        """A fixed number of aggregate queries, whatever the number of cases (bench/
        measures the time at 100,000 cases)."""
        self.env.flush_all()
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        self._values(self.leadership)  # warm the caches of groups and parameters
        self.env.invalidate_all()
        # 12, and for each of the two periods whose unit figures it computes (the month,
        # the year): the grouped queries of co-handling opinions, requests for information
        # and settle checks (asked, answered) that every unit figure reads, and the
        # statement that turns PostgreSQL's JIT off for the aggregates
        with self.assertQueryCount(22):
            self._values(self.leadership)


@tagged("post_install", "-at_install")
class TestDashboardTour(HttpCase):
    """The leadership opens the dashboard in Chinese and drills into a figure."""

    def test_dashboard_tour_zh(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["sunny_service", "sunny_service_reports"], ["zh_CN"])
        leader = self.env["res.users"].create(
            {
                "name": "领导",
                "login": "sunny_tour_leader",
                "password": "sunny_tour_leader",
                "lang": "zh_CN",
                "tz": "Asia/Shanghai",
                "groups_id": [(6, 0, [self.env.ref("sunny_service.group_leadership").id])],
            }
        )
        self.assertEqual(leader._sunny_landing_action()["tag"], "sunny_service_reports.dashboard")
        self.start_tour("/odoo", "sunny_dashboard_tour", login="sunny_tour_leader")
