"""Browser tours of the public site and the portal (Chromium):
``sunny_public_submit_tour`` (static/tests/tours/sunny_public_submit_tour.js): an
anonymous visitor submits a case, then follows it with the number and code read
from the page; ``sunny_portal_rate_tour``: a portal student rates an answered case."""

from odoo.tests import tagged

from .public_common import SunnyPublicCase


@tagged("post_install", "-at_install")
class TestPublicTours(SunnyPublicCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tour_category = cls.env["sunny.case.category"].create({"name": "Tour Canteen"})

    def test_anonymous_submits_then_follows(self):
        self.start_tour("/sunny", "sunny_public_submit_tour")
        case = self.env["sunny.case"].sudo().search([("title", "=", "Longer canteen hours please")])
        self.assertEqual(len(case), 1)
        self.assertRecordValues(
            case,
            [
                {
                    "state": "new",
                    "channel": "web",
                    "case_type": "suggestion",
                    "category_id": self.tour_category.id,
                    "submitter_name": "Tour Visitor",
                    "submitter_email": "tour.visitor@example.com",
                    "submitter_role": "parent",
                    "partner_id": False,
                    "allow_publish": True,
                }
            ],
        )
        self.assertEqual(case._public_attachments().mapped("name"), ["timetable.txt"])
        self.assertTrue(
            case.message_ids.filtered(lambda m: "Evening classes end at 20:40 on weekdays." in (m.body or ""))
        )
        self.assertTrue(self.env["mail.mail"].sudo().search([("email_to", "=", "tour.visitor@example.com")]))

    def test_portal_student_rates_an_answered_case(self):
        case = self._case(
            "replied",
            title="Tour: answered case",
            partner_id=self.student.partner_id.id,
            reply="The canteen now opens until 21:00.",
        )
        self.start_tour("/my", "sunny_portal_rate_tour", login="pub_student")
        self.env.invalidate_all()
        self.assertEqual(case.state, "closed")
        self.assertEqual(case.satisfaction, "very_satisfied")
        self.assertRecordValues(
            case.sudo().followup_ids,
            [
                {
                    "method": "online",
                    "satisfaction": "very_satisfied",
                    "note": "Thank you, that helps a lot.",
                    "user_id": self.student.id,
                    "reopened": False,
                }
            ],
        )
