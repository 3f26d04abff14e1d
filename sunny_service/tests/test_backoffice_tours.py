"""Browser tours of the back office (Chromium), static/tests/tours/sunny_backoffice_tours.js:
``sunny_return_tour``, an officer returns a case and ends on a page that says so;
``sunny_center_tour``, center staff register and assign two cases from the list and
approve a corrected reply after a confirmation. Both start at /odoo: where each
role lands."""

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestBackofficeTours(HttpCase):
    # the tours look for these texts
    RETURN_TITLE = "Tour: dormitory heating broken"
    RETURN_REASON = "宿舍供暖由后勤保障处负责。Heating is the logistics department's."
    CASE_A = "Tour: bus stop moved"
    CASE_B = "Tour: bus timetable"
    REVIEW_TITLE = "Tour: canteen prices"
    UNIT_NAME = "Tour Logistics"
    INSTRUCTION = "请核实新站点的安全状况。Check the new stop is safe."
    ORIGINAL = "张三同学：您好，食堂价格自下周起下调。Canteen prices go down next week."
    CORRECTED = "您好，食堂价格自下周起下调。Canteen prices go down next week."

    def setUp(self):
        super().setUp()
        self.env = self.env(su=True)

        def user(login, name, group):
            return new_test_user(self.env, login=login, password=login, name=name, groups=group, tz="Asia/Shanghai")

        self.officer = user("tour_bo_officer", "Tour Officer", "sunny_service.group_station_officer")
        self.staff = user("tour_bo_staff", "Tour Staff", "sunny_service.group_center_staff")
        self.unit = self.env["sunny.unit"].create({"name": self.UNIT_NAME, "code": "TOURL"})
        self.env["sunny.station"].create(
            {"name": "Tour Logistics Station", "unit_id": self.unit.id, "officer_ids": [(6, 0, self.officer.ids)]}
        )

    def _case(self, title):
        return self.env["sunny.case"].create(
            {
                "title": title,
                "content": "Filed by the tour.",
                "case_type": "complaint",
                "channel": "phone",
                "submitter_name": "Tour Student",
                "submitter_role": "student",
            }
        )

    def test_officer_returns_a_case_and_is_told_so(self):
        case = self._case(self.RETURN_TITLE)
        case.action_register()
        case.action_assign(self.unit)
        case.action_accept()
        self.start_tour("/odoo", "sunny_return_tour", login="tour_bo_officer")
        self.env.invalidate_all()
        self.assertEqual(case.state, "registered")
        self.assertEqual(case.return_ids.reason, self.RETURN_REASON)
        self.assertEqual(case.return_ids.user_id, self.officer)
        todo = self.env.ref("sunny_service.mail_activity_type_case_returned")
        self.assertIn(self.staff, case.activity_ids.filtered(lambda a: a.activity_type_id == todo).user_id)

    def test_center_registers_assigns_and_approves(self):
        case_a, case_b = self._case(self.CASE_A), self._case(self.CASE_B)
        review = self._case(self.REVIEW_TITLE)
        review.action_register()
        review.action_assign(self.unit)
        review.with_user(self.officer).action_accept()
        review.with_user(self.officer).action_submit_reply(self.ORIGINAL)
        self.start_tour("/odoo", "sunny_center_tour", login="tour_bo_staff")
        self.env.invalidate_all()
        for case in case_a | case_b:
            self.assertEqual(case.state, "assigned")
            self.assertEqual(case.unit_id, self.unit)
            self.assertEqual(case.assign_note, self.INSTRUCTION)
        self.assertEqual(review.state, "replied")
        self.assertEqual(review.reply, self.CORRECTED)
        correction = review.message_ids.filtered(lambda m: "corrected" in (m.body or ""))
        self.assertIn(self.ORIGINAL, correction.body)
