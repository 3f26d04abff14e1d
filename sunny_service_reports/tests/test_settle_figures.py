"""落实回访 in the figures: one definition, read by the bulletin and the assessment."""

import datetime

from odoo import fields
from odoo.tests import tagged

from odoo.addons.sunny_service.tests.common import SunnyCaseCommon


@tagged("post_install", "-at_install")
class TestSettleFigures(SunnyCaseCommon):
    def test_settle_counts_per_unit(self):
        cases_a = self._case_in_state("closed", count=3)
        case_b = self._case_in_state("closed", unit=self.unit_b)
        # the bulletin counts the whole university: what the demo answered that day too
        today = self.env["sunny.calendar"].today()
        bulletin = (
            self.env["sunny.bulletin"].with_user(self.center_staff).create({"date_from": today, "date_to": today})
        )
        bulletin.action_compute()
        asked, answered, settled = bulletin.settle_asked_count, bulletin.settle_answer_count, bulletin.settled_count
        Settle = self.env["sunny.case.settle"].sudo()
        now = fields.Datetime.now()
        checks = Settle.create([{"case_id": case.id, "date": now, "token": f"t{case.id}"} for case in cases_a | case_b])
        for case, answer in zip(cases_a, ("yes", "no", None), strict=True):
            if answer:
                case._settle_answer(answer, "Not fixed", token=f"t{case.id}")
        case_b._settle_answer("yes", token=f"t{case_b.id}")
        self.assertEqual(len(checks), 4)
        figures = self.env["sunny.report.figures"]._unit_figures(today, today, now + datetime.timedelta(hours=1))
        a, b = figures[self.unit_a.id], figures[self.unit_b.id]
        self.assertEqual((a["settle_asked_count"], a["settle_answer_count"], a["settled_count"]), (3, 2, 1))
        self.assertEqual(a["settle_rate"], 0.5)
        self.assertEqual((b["settle_asked_count"], b["settle_answer_count"], b["settled_count"]), (1, 1, 1))
        self.assertEqual(b["settle_rate"], 1.0)
        # the bulletin reads the same figures
        bulletin.action_compute()
        self.assertEqual(
            (bulletin.settle_asked_count, bulletin.settle_answer_count, bulletin.settled_count),
            (asked + 4, answered + 3, settled + 2),
        )
        self.assertAlmostEqual(bulletin.settle_rate, (settled + 2) / (answered + 3), places=4)
        line_a = bulletin.line_ids.filtered(lambda line: line.unit_id == self.unit_a)
        self.assertEqual(line_a.settle_answer_count, 2)
        self.assertEqual(line_a.settle_rate, 0.5)
