from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import COMPUTE_AT, SunnyReportsCommon

# the cases of these tests (demo data, if any, lies elsewhere in time)
OURS = [("received_date", ">=", "2026-02-01"), ("received_date", "<", "2026-04-01")]
PERIOD = {"date_from": "2026-02-01", "date_to": "2026-03-31"}


@tagged("post_install", "-at_install")
class TestAnalysis(SunnyReportsCommon):
    def _rates(self, user):
        groups = (
            self.env["sunny.case.analysis"]
            .with_user(user)
            ._read_group(
                [("unit_id", "in", (self.unit_a | self.unit_b).ids)],
                ["unit_id"],
                ["case_count:sum", "reply_on_time:avg", "resolve_on_time:avg", "satisfied:avg"],
            )
        )
        return {unit.id: values for unit, *values in groups}

    def test_rates_by_unit(self):
        rates = self._rates(self.center_manager)
        count_a, reply_a, resolve_a, _satisfied_a = rates[self.unit_a.id]
        self.assertEqual(count_a, 6)
        self.assertAlmostEqual(reply_a, 4 / 6)
        self.assertAlmostEqual(resolve_a, 4 / 6)
        count_b, reply_b, resolve_b, _satisfied_b = rates[self.unit_b.id]
        self.assertEqual(count_b, 3)
        self.assertAlmostEqual(reply_b, 2 / 3, msg="c7 replied late")
        self.assertAlmostEqual(resolve_b, 1.0)

    def test_leadership_never_sees_confidential_rows(self):
        rates = self._rates(self.leadership)
        count_b, reply_b, _resolve_b, _satisfied_b = rates[self.unit_b.id]
        self.assertEqual(count_b, 2, "the confidential c7 is left out")
        self.assertAlmostEqual(reply_b, 1.0)
        rows = self.env["sunny.case.analysis"].with_user(self.leadership).search(OURS + [("row_type", "=", "case")])
        self.assertEqual(len(rows), 10)
        self.assertNotIn(self.c7.id, rows.case_id.ids)
        self.assertEqual(self.env["sunny.case.analysis"].with_user(self.discipline).search(OURS).case_id, self.c7)
        with self.assertRaises(AccessError):
            self.env["sunny.case.analysis"].with_user(self.officer_a).search([])

    def test_analysis_groupings(self):
        Analysis = self.env["sunny.case.analysis"].with_user(self.center_manager)
        for groupby in (
            "case_type",
            "channel",
            "category_id",
            "deadline_state",
            "satisfaction",
            "state",
            "received_date:month",
            "first_unit_id",
        ):
            groups = Analysis._read_group(OURS, [groupby], ["case_count:sum"])
            self.assertEqual(sum(count for _key, count in groups), 11, groupby)
        by_month = dict(
            Analysis.with_context(tz="Asia/Shanghai")._read_group(OURS, ["received_date:month"], ["case_count:sum"])
        )
        self.assertEqual(sorted(by_month.values()), [1, 10])

    def test_labels_in_chinese(self):
        """Type, channel, state, deadline and satisfaction read in Chinese in the pivot,
        the graph and the list (their labels come from ``fields_get``)."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["sunny_service", "sunny_service_reports"], ["zh_CN"], overwrite=True
        )
        Analysis = self.env["sunny.case.analysis"].with_user(self.leadership).with_context(lang="zh_CN")
        names = ["case_type", "channel", "state", "deadline_state", "satisfaction"]
        selections = {name: dict(values["selection"]) for name, values in Analysis.fields_get(names).items()}
        self.assertEqual(selections["case_type"]["complaint"], "投诉")
        self.assertEqual(selections["channel"]["phone"], "电话")
        self.assertEqual(selections["state"]["processing"], "办理中")
        self.assertEqual(selections["satisfaction"]["basic"], "基本满意")
        self.assertEqual(
            selections["deadline_state"],
            dict(
                self.env["sunny.case"]
                .with_context(lang="zh_CN")
                .fields_get(["deadline_state"])["deadline_state"]["selection"]
            ),
        )
        # every value a group can have has its Chinese label
        for name in names:
            for group in Analysis.read_group(OURS, ["case_count:sum"], [name]):
                if group[name]:
                    self.assertRegex(selections[name][group[name]], "[\u4e00-\u9fff]", name)
        # and the labels follow the reader's language
        english = dict(Analysis.with_context(lang="en_US").fields_get(["case_type"])["case_type"]["selection"])
        self.assertEqual(english["complaint"], "Complaint")

    def test_special_topic(self):
        with freeze_time(COMPUTE_AT):
            topic = (
                self.env["sunny.topic"]
                .with_user(self.center_staff)
                .create(dict(PERIOD, name="Library", keywords="图书馆"))
            )
            self.assertEqual(topic.case_count, 3)
            self.assertIn("College of Science", topic.summary_html)
            self.assertIn("2026-03", topic.summary_html)
            action = topic.action_open_cases()
            self.assertEqual(
                self.env["sunny.case"].with_user(self.center_staff).search(action["domain"]),
                self.c1 | self.c2 | self.c4,
            )
            canteen = (
                self.env["sunny.topic"]
                .with_user(self.leadership)
                .create(dict(PERIOD, name="Canteen", keywords="食堂, 热水", category_ids=[(6, 0, self.logistics.ids)]))
            )
            self.assertEqual(canteen.case_count, 4, "c3, c5, c6, c10 (Logistics and a keyword)")
            canteen_all = (
                self.env["sunny.topic"]
                .with_user(self.center_manager)
                .create(dict(PERIOD, name="All canteen", keywords="食堂"))
            )
            self.assertEqual(canteen_all.case_count, 3, "the manager sees the confidential c7 too")
            self.assertEqual(canteen_all.with_user(self.leadership).case_count, 2, "the leadership does not")
            with self.assertRaisesRegex(ValidationError, "keywords or categories"):
                self.env["sunny.topic"].with_user(self.center_staff).create({"name": "Nothing", "keywords": " , "})
            with self.assertRaisesRegex(ValidationError, "period is inverted"):
                topic.write({"date_from": "2026-03-31", "date_to": "2026-03-01"})
            with self.assertRaises(AccessError):
                topic.with_user(self.leadership).write({"name": "Not mine"})

    def test_unit_scoreboard(self):
        with freeze_time(COMPUTE_AT):
            unit_a = self.unit_a.with_user(self.leadership)
            self.assertEqual(unit_a.year_case_count, 6)
            self.assertAlmostEqual(unit_a.year_reply_on_time_rate, 4 / 6)
            self.assertEqual(self.unit_c.with_user(self.leadership).year_case_count, 0)
