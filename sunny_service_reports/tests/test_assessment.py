from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from ..models.sunny_assessment import WEIGHTS
from .common import COMPUTE_AT, SunnyReportsCommon

SIGN_AT = "2027-01-05 02:00:00"


@tagged("post_install", "-at_install")
class TestAssessment(SunnyReportsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(COMPUTE_AT):
            # unit B had three cases due: ranked with a minimum of three
            cls.assessment = (
                cls.env["sunny.assessment"].with_user(cls.center_manager).create({"year": 2026, "rank_min_due": 3})
            )
            cls.assessment.action_compute()
        cls.env.invalidate_all()
        cls.assessment = cls.assessment.with_env(cls.env)

    def test_default_weights(self):
        self.assertEqual(
            {field: self.assessment[field] for field in WEIGHTS},
            {field: default for field, (_key, default) in WEIGHTS.items()},
        )
        self.assertAlmostEqual(self.assessment.weight_total, 100.0)

    def test_lines_of_the_year(self):
        assessment = self.assessment
        self.assertLessEqual(
            self.unit_a | self.unit_b | self.unit_c,
            assessment.line_ids.unit_id,
            "every active unit is assessed, idle ones too",
        )
        self.assertEqual(assessment.line_ids.unit_id, self.env["sunny.unit"].search([]))
        line_a = self._line(assessment, self.unit_a)
        self.assertEqual(line_a.case_count, 6, "five in March and c9 in February")
        self.assertEqual((line_a.reply_due_count, line_a.reply_on_time_count), (6, 4))
        self.assertAlmostEqual(line_a.reply_on_time_rate, 4 / 6, places=4)
        self.assertEqual((line_a.resolve_due_count, line_a.resolve_on_time_count), (6, 4))
        self.assertAlmostEqual(line_a.resolve_on_time_rate, 4 / 6, places=4)
        self.assertEqual(
            (line_a.overdue_count, line_a.extension_count, line_a.return_count, line_a.reopen_count), (3, 1, 0, 1)
        )
        self.assertEqual((line_a.followup_count, line_a.satisfied_count), (6, 5))
        self.assertAlmostEqual(line_a.satisfaction_rate, 5 / 6, places=4)

        line_b = self._line(assessment, self.unit_b)
        self.assertEqual(line_b.case_count, 3)
        self.assertAlmostEqual(line_b.reply_on_time_rate, 2 / 3, places=4)
        self.assertAlmostEqual(line_b.resolve_on_time_rate, 1.0)
        self.assertEqual(
            (line_b.overdue_count, line_b.extension_count, line_b.return_count, line_b.reopen_count), (1, 0, 1, 1)
        )
        self.assertAlmostEqual(line_b.satisfaction_rate, 0.5)

        line_c = self._line(assessment, self.unit_c)
        self.assertEqual((line_c.case_count, line_c.followup_count, line_c.return_count), (0, 0, 0))

    def test_score_and_rank(self):
        line_a, line_b, line_c = (self._line(self.assessment, unit) for unit in (self.unit_a, self.unit_b, self.unit_c))
        # A: reply 4/6 ×20, resolve 4/6 ×25, satisfaction 5/6 ×25, no overdue 3/6 ×10,
        #    no extension 5/6 ×5, no return 6/6 ×10, no reopening 5/6 ×5
        expected_a = 20 * 4 / 6 + 25 * 4 / 6 + 25 * 5 / 6 + 10 * 3 / 6 + 5 * 5 / 6 + 10 * 1 + 5 * 5 / 6
        # B: reply 2/3, resolve 1, satisfaction 1/2, no overdue 2/3, no extension 1, no return 3/4, no reopening 1/2
        expected_b = 20 * 2 / 3 + 25 * 1 + 25 * 0.5 + 10 * 2 / 3 + 5 * 1 + 10 * 0.75 + 5 * 0.5
        self.assertAlmostEqual(line_a.score, round(expected_a, 2))
        self.assertAlmostEqual(line_b.score, round(expected_b, 2))
        self.assertLess(line_a.rank, line_b.rank)
        self.assertFalse(line_c.scored)
        self.assertFalse(line_c.rank, "a unit without any case is not ranked")
        lines = self.assessment.line_ids
        ranked = lines.filtered("rank")
        self.assertEqual(ranked.mapped("rank"), sorted(ranked.mapped("rank")), "lines in the order of the ranking")
        self.assertEqual(sorted(ranked.mapped("rank"))[0], 1)
        self.assertEqual(ranked.mapped("score"), sorted(ranked.mapped("score"), reverse=True))
        self.assertFalse(lines[len(ranked) :].filtered("rank"), "units not ranked come last")
        unranked = lines[len(ranked) :]
        self.assertEqual(unranked.mapped("scored"), sorted(unranked.mapped("scored"), reverse=True), "unscored last")

    def _sql_line(self, line, *columns):
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT %s FROM sunny_assessment_line WHERE id = %s",
                SQL(", ").join(map(SQL.identifier, columns)),
                line.id,
            )
        )
        return self.env.cr.fetchone()

    def test_rank_needs_cases_due(self):
        """A unit is ranked with at least the minimum of cases due (5 by default):
        the others keep their figures, get no rank (not 0) and say why."""
        with freeze_time(COMPUTE_AT):
            assessment = self.env["sunny.assessment"].with_user(self.center_manager).create({"year": 2026})
            self.assertEqual(assessment.rank_min_due, 5)
            assessment.action_compute()
        line_a, line_b, line_c = (self._line(assessment, unit) for unit in (self.unit_a, self.unit_b, self.unit_c))
        self.assertEqual((line_a.due_count, line_b.due_count, line_c.due_count), (6, 3, 0))
        self.assertTrue(line_a.rank)
        self.assertFalse(line_a.unranked_reason)
        # B: three cases due, scored, not ranked
        self.assertTrue(line_b.scored)
        self.assertGreater(line_b.score, 0, "its score stays")
        self.assertFalse(line_b.rank)
        self.assertEqual(line_b.unranked_reason, "few_due")
        self.assertEqual(line_b.rank_note, "Fewer than 5 cases due (3)")
        # C: nothing due, no score (its shares of cases without extension or return would make it 100)
        self.assertFalse(line_c.scored)
        self.assertEqual(line_c.unranked_reason, "no_due")
        self.assertEqual(line_c.rank_note, "No case due")
        self.assertEqual(self._sql_line(line_b, "rank"), (None,), "no rank is NULL, not 0")
        self.assertEqual(self._sql_line(line_c, "rank", "score"), (None, None))
        self.assertEqual(self._sql_line(line_a, "rank"), (line_a.rank,))
        self.env.invalidate_all()  # the lines in the order of their new sequence
        lines = assessment.line_ids
        order = [(0 if line.rank else 1 if line.scored else 2) for line in lines]
        self.assertEqual(order, sorted(order), "ranked, then scored, then the rest")
        self.assertLess(list(lines).index(line_b), list(lines).index(line_c))
        # the minimum is the center manager's, per assessment, and ranks B again
        assessment.with_user(self.center_manager).write({"rank_min_due": 3})
        self.assertTrue(line_b.rank)
        self.assertFalse(line_b.unranked_reason)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            assessment.with_user(self.center_manager).write({"rank_min_due": 0})
        # the default comes from the settings
        self.env["sunny.settings"].with_user(self.center_manager).create({"sunny_rank_min_due": 2}).execute()
        with freeze_time(COMPUTE_AT):
            self.assertEqual(self.env["sunny.assessment"].create({"year": 2025}).rank_min_due, 2)

    def test_weights_change_the_score(self):
        assessment = self.assessment.with_user(self.center_manager)
        assessment.write(
            {
                "weight_reply": 0,
                "weight_resolve": 100,
                "weight_satisfaction": 0,
                "weight_overdue": 0,
                "weight_extension": 0,
                "weight_return": 0,
                "weight_reopen": 0,
            }
        )
        line_a, line_b = (self._line(assessment, unit) for unit in (self.unit_a, self.unit_b))
        self.assertAlmostEqual(line_b.score, 100.0)
        self.assertAlmostEqual(line_a.score, round(100 * 4 / 6, 2))
        self.assertLess(line_b.rank, line_a.rank)

    def test_weights_must_add_up(self):
        assessment = self.assessment.with_user(self.center_manager)
        scores = assessment.line_ids.mapped("score")
        # as in a request, the error rolls the transaction back: nothing changed
        with self.assertRaisesRegex(ValidationError, "add up to 110"), self.env.cr.savepoint():
            assessment.write({"weight_reply": 30})
        with self.assertRaisesRegex(ValidationError, "negative"), self.env.cr.savepoint():
            assessment.write({"weight_reply": -5, "weight_resolve": 50})
        self.env.invalidate_all()
        self.assertEqual(assessment.weight_reply, 20)
        self.assertEqual(assessment.line_ids.mapped("score"), scores)
        with self.assertRaisesRegex(ValidationError, "add up to"), self.env.cr.savepoint():
            self.env["sunny.settings"].with_user(self.center_manager).create({"sunny_weight_reply": 50}).execute()
        self.assertFalse(self.env["ir.config_parameter"].get_param(WEIGHTS["weight_reply"][0]))

    def test_default_weights_from_settings(self):
        # the center manager keeps the weights (the center's settings, not Odoo's)
        settings = self.env["sunny.settings"].with_user(self.center_manager)
        settings.create({"sunny_weight_reply": 30, "sunny_weight_resolve": 15}).execute()
        with freeze_time(COMPUTE_AT):
            draft = self.env["sunny.assessment"].with_user(self.center_manager).create({"year": 2025})
        self.assertEqual((draft.weight_reply, draft.weight_resolve), (30, 15))

    def test_sign_and_freeze(self):
        assessment = self.assessment.with_user(self.center_manager)
        with freeze_time(COMPUTE_AT), self.assertRaisesRegex(UserError, "not over"):
            assessment.action_done()
        with freeze_time(SIGN_AT):
            assessment.action_done()
        self.assertEqual(assessment.state, "done")
        self.assertEqual(assessment.done_user_id, self.center_manager)
        frozen = [
            (line.unit_id.id, line.case_count, line.reply_on_time_rate, line.overdue_count, line.score, line.rank)
            for line in assessment.line_ids
        ]

        # later work on the cases of 2026 does not move a signed assessment
        if not self.env["sunny.holiday"].search_count([("year", "=", 2027)]):
            self.env["sunny.holiday"].create({"date": "2027-01-01", "kind": "holiday", "name": "New Year's Day"})
        self._reply("2027-01-06 02:00:00", self.c4, self.officer_a, "2027-01-06 03:00:00")
        self._follow_up("2027-01-06 04:00:00", self.c7, "very_dissatisfied")
        with freeze_time(SIGN_AT):
            with self.assertRaisesRegex(UserError, "frozen"):
                assessment.action_compute()
            with self.assertRaisesRegex(UserError, "frozen"):
                assessment.write({"weight_reply": 25, "weight_resolve": 20})
            with self.assertRaises(UserError):
                assessment.line_ids[:1].write({"score": 100})
            with self.assertRaises(UserError):
                assessment.line_ids[:1].unlink()
            with self.assertRaises(UserError):
                assessment.unlink()
        self.env.invalidate_all()
        self.assertEqual(
            [
                (line.unit_id.id, line.case_count, line.reply_on_time_rate, line.overdue_count, line.score, line.rank)
                for line in assessment.line_ids
            ],
            frozen,
        )

        # a year is assessed once
        with freeze_time(SIGN_AT), self.assertRaisesRegex(ValidationError, "already done"), self.env.cr.savepoint():
            self.env["sunny.assessment"].with_user(self.center_manager).create({"year": 2026})
        self.assertEqual(self.env["sunny.assessment"].search_count([("year", "=", 2026)]), 1)

    def test_drafts_of_a_year_cannot_both_be_signed(self):
        with freeze_time(COMPUTE_AT):
            other = self.env["sunny.assessment"].with_user(self.center_manager).create({"year": 2026})
            other.action_compute()
        with freeze_time(SIGN_AT):
            self.assessment.with_user(self.center_manager).action_done()
            with self.assertRaisesRegex(ValidationError, "already done"), self.env.cr.savepoint():
                other.action_done()
        self.env.invalidate_all()
        self.assertEqual(other.state, "draft")

    def test_sign_needs_computation_and_bad_years(self):
        with freeze_time(SIGN_AT):
            draft = self.env["sunny.assessment"].with_user(self.center_manager).create({"year": 2025})
            with self.assertRaisesRegex(UserError, "Compute"):
                draft.action_done()
            with self.assertRaisesRegex(ValidationError, "not a year"):
                self.env["sunny.assessment"].with_user(self.center_manager).create({"year": 2031})

    def test_created_as_a_draft_only(self):
        Assessment = self.env["sunny.assessment"].with_user(self.center_manager)
        with freeze_time(COMPUTE_AT), self.assertRaisesRegex(UserError, "created as a draft"), self.env.cr.savepoint():
            Assessment.create({"year": 2025, "state": "done"})
        self.assertFalse(Assessment.search_count([("year", "=", 2025)]))

    @mute_logger("odoo.sql_db")
    def test_year_refused_by_the_database(self):
        """What writes around the ORM (SQL, an import script) meets the CHECK constraint."""
        for year in (1999, 10000):
            with (
                self.subTest(year=year),
                self.assertRaisesRegex(IntegrityError, "sunny_assessment_period_check"),
                self.env.cr.savepoint(),
            ):
                self.env.cr.execute("UPDATE sunny_assessment SET year = %s WHERE id = %s", [year, self.assessment.id])
        self.env.invalidate_all()
        self.assertEqual(self.assessment.year, 2026)

    def test_access(self):
        with self.assertRaises(AccessError):
            self.env["sunny.assessment"].with_user(self.center_staff).create({"year": 2025})
        with self.assertRaises(AccessError):
            self.assessment.with_user(self.leadership).action_compute()
        with self.assertRaises(AccessError):
            self.assessment.with_user(self.center_staff).action_save_default_weights()
        self.assertEqual(len(self.assessment.with_user(self.leadership).line_ids), len(self.assessment.line_ids))
