"""Waiting for the submitter (补充材料) in the figures: requests for information that
ended in the period and the working days they lasted, per unit, in the bulletin
(form and PDF) and the assessment."""

from freezegun import freeze_time

from odoo.tests import tagged

from .common import COMPUTE_AT, SunnyReportsCommon


@tagged("post_install", "-at_install", "sunny_pause")
class TestPauseFigures(SunnyReportsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the answers notify the unit's people by mail from the submitter's account (an
        # anonymous answer has no sender address: see _public_add_information)
        cls.c4.sudo().write({"partner_id": cls.portal_user.partner_id.id})
        cls.env.ref("sunny_service.deadline_rule_suggestion").write({"allow_pause": True})
        c4, oa = cls.c4, cls.officer_a
        # asked Tuesday 03-03, answered Friday 03-06: three working days
        cls._do("2026-03-03 02:00:00", c4, oa, "action_request_information", "请说明希望延长到几点。")
        cls._answer("2026-03-06 02:00:00", "23点")
        # asked Monday 03-09, answered Tuesday 03-10: one working day
        cls._do("2026-03-09 02:00:00", c4, oa, "action_request_information", "周末也需要延长吗？")
        cls._answer("2026-03-10 02:00:00", "是的")
        # still waiting at the end of March: counted when it ends
        cls._do("2026-03-30 02:00:00", c4, oa, "action_request_information", "还有其他意见吗？")

    @classmethod
    def _answer(cls, when, text):
        """The submitter answers on the query page (proof checked there)."""
        case = cls.c4.sudo()
        with freeze_time(when):
            case._public_answer_information(case._sunny_waiting_pause().id, text)
        cls.env.flush_all()
        cls.env.invalidate_all()

    def test_bulletin_and_assessment(self):
        bulletin = self._bulletin()
        line_a, line_b = self._line(bulletin, self.unit_a), self._line(bulletin, self.unit_b)
        self.assertEqual((line_a.pause_count, line_a.paused_days), (2, 4))
        self.assertEqual((line_b.pause_count, line_b.paused_days), (0, 0))
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(self.leadership)
            .with_context(lang="en_US")
            ._render_qweb_html("sunny_service_reports.action_report_sunny_bulletin", bulletin.ids)
        )
        self.assertIn("Waiting for the Submitters", html.decode())
        with freeze_time(COMPUTE_AT):
            assessment = self.env["sunny.assessment"].with_user(self.center_manager).create({"year": 2026})
            assessment.action_compute()
        self.env.invalidate_all()
        line_a, line_b = self._line(assessment, self.unit_a), self._line(assessment, self.unit_b)
        self.assertEqual((line_a.pause_count, line_a.paused_days), (2, 4))
        self.assertEqual((line_b.pause_count, line_b.paused_days), (0, 0))
        # the same one definition for any period: February has none
        figures = self.env["sunny.report.figures"]._pause_figures(
            bulletin.date_from.replace(month=2), bulletin.date_from.replace(month=2, day=28)
        )
        self.assertEqual(figures, {})
