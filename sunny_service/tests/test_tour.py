from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOfficerTour(HttpCase):
    """A station officer moves a case through Accept and Submit Reply in the browser
    (tour ``sunny_officer_tour``, static/tests/tours/sunny_officer_tour.js)."""

    # the tour looks for these texts
    CASE_TITLE = "Tour: canteen closes too early"
    HANDLER_NAME = "Tour Handler"
    REPLY = "您好，食堂自下周一起延长营业至21:00。The canteen now closes at 21:00."

    def setUp(self):
        super().setUp()
        env = self.env(su=True)
        self.officer = new_test_user(
            env,
            login="tour_officer",
            password="tour_officer",
            name="Tour Officer",
            groups="sunny_service.group_station_officer",
            tz="Asia/Shanghai",
        )
        self.handler = new_test_user(
            env,
            login="tour_handler",
            password="tour_handler",
            name=self.HANDLER_NAME,
            groups="sunny_service.group_handler",
        )
        self.unit = env["sunny.unit"].create({"name": "Tour College", "code": "TOURC"})
        env["sunny.station"].create(
            {
                "name": "Tour College Station",
                "unit_id": self.unit.id,
                "officer_ids": [(6, 0, self.officer.ids)],
                "handler_ids": [(6, 0, self.handler.ids)],
            }
        )
        self.case = env["sunny.case"].create(
            {
                "title": self.CASE_TITLE,
                "content": "The canteen of the east campus closes at 19:00, before evening classes end.",
                "case_type": "consultation",
                "channel": "web",
                "submitter_name": "Tour Student",
                "submitter_role": "student",
            }
        )
        self.case.action_register()
        self.case.action_assign(self.unit)
        self.assertEqual(self.case.state, "assigned")

    def _state_trackings(self):
        return self.case.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "state").sorted("id")

    def test_officer_accepts_and_replies(self):
        trackings_before = self._state_trackings()
        self.start_tour("/odoo", "sunny_officer_tour", login="tour_officer")

        self.env.invalidate_all()
        case = self.case
        self.assertEqual(case.state, "review")
        self.assertEqual(case.handler_id, self.handler)
        self.assertEqual(case.reply, self.REPLY)
        self.assertTrue(case.first_reply_date)

        # the chatter keeps who moved the case, and how
        new_trackings = self._state_trackings() - trackings_before
        self.assertEqual(
            [(t.old_value_char, t.new_value_char) for t in new_trackings],
            [("Assigned", "Processing"), ("Processing", "To Review")],
        )
        self.assertEqual(new_trackings.mail_message_id.author_id, self.officer.partner_id)
        handler_tracking = case.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "handler_id")
        self.assertEqual(handler_tracking.new_value_char, self.HANDLER_NAME)
        note = case.message_ids.filtered(lambda m: "Reply submitted for review" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn("The canteen now closes at 21:00.", note.body)
        self.assertEqual(note.author_id, self.officer.partner_id)
