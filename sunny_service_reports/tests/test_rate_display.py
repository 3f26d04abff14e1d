"""A rate with nothing to measure reads "—" on the forms and lists, as in the PDF:
never "0%" nor an empty cell (issue 12, item 9)."""

import ast

from lxml import etree

from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

RATE_VIEWS = (
    "sunny_service_reports.sunny_bulletin_view_list",
    "sunny_service_reports.sunny_bulletin_view_form",
    "sunny_service_reports.sunny_bulletin_line_view_list",
    "sunny_service_reports.sunny_assessment_view_form",
    "sunny_service_reports.sunny_assessment_line_view_list",
    "sunny_service_reports.sunny_case_analysis_view_list",
)


@tagged("post_install", "-at_install")
class TestRateDisplay(TransactionCase):
    def _rate_fields(self, xmlid):
        view = self.env.ref(xmlid)
        model = self.env[view.model]
        arch = etree.fromstring(model.get_views([(view.id, view.type)])["views"][view.type]["arch"])
        found = []
        for node in arch.iter("field"):
            name = node.get("name")
            if name.endswith(("_rate", "on_time")):
                found.append(node)
        return model, found

    def test_rates_show_a_dash_without_a_denominator(self):
        seen = 0
        for xmlid in RATE_VIEWS:
            with self.subTest(view=xmlid):
                _model, nodes = self._rate_fields(xmlid)
                self.assertTrue(nodes, "the view shows rates")
                for node in nodes:
                    name = node.get("name")
                    self.assertEqual(node.get("widget"), "sunny_rate", f"{xmlid}: {name}")
                    self.assertNotIn("due_count", node.get("invisible") or "", "not an empty cell")
                    due = ast.literal_eval(node.get("options"))["due_field"]
                    self.assertTrue(due.endswith("_count"), due)
                    # the denominator is a field of the same records as the rate
                    self.assertIn(due, self.env[self._records_model(xmlid, node)]._fields, name)
                    seen += 1
        self.assertGreaterEqual(seen, 20)

    def _records_model(self, xmlid, node):
        """The model of the records ``node`` shows: the view's, or an x2many's."""
        view = self.env.ref(xmlid)
        model = view.model
        parent = node.getparent()
        while parent is not None:
            if parent.tag == "field":
                model = self.env[model]._fields[parent.get("name")].comodel_name
                break
            parent = parent.getparent()
        return model

    def test_widget_is_in_the_backend_assets(self):
        paths = [path for path, *_rest in self.env["ir.asset"]._get_asset_paths("web.assets_backend", {})]
        self.assertTrue(any(path.endswith("sunny_service_reports/static/src/views/rate_field.js") for path in paths))


@tagged("post_install", "-at_install")
class TestRateDisplayTour(HttpCase):
    def test_bulletin_with_nothing_due_shows_dashes(self):
        new_test_user(
            self.env,
            login="tour_rate_manager",
            password="tour_rate_manager",
            name="Tour Manager",
            groups="sunny_service.group_center_manager",
        )
        bulletin = self.env["sunny.bulletin"].create({"date_from": "2031-01-01", "date_to": "2031-01-31"})
        bulletin.action_compute()
        self.assertFalse(bulletin.reply_due_count)
        action = self.env.ref("sunny_service_reports.sunny_bulletin_action")
        self.start_tour(f"/odoo/action-{action.id}/{bulletin.id}", "sunny_rate_dash_tour", login="tour_rate_manager")
