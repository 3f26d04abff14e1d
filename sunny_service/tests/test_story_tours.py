"""Issue 13's "done when", played in the browser in Chinese
(static/tests/tours/sunny_story_tours.js), one tour per person of the story:

1. a visitor types a common question's title on /sunny/submit, sees the published
   answer suggested under the field, and still sends the case;
2. the center's staff opens a registered case, reads the suggested unit with its
   reason and a similar case, assigns it with one click (交办给建议单位) and adds a
   co-handling unit through its dialog;
3. the co-handling unit's officer gives its opinion;
4. the lead unit's handler reads the opinion, inserts a standard reply
   (插入标准答复) and submits the reply;
5. the center's staff merges the registered case into the similar one (并入此件,
   static/tests/tours/sunny_story_merge_tour.js).

Each page is checked for English with sunny_chinese.js."""

from odoo.tests import new_test_user, tagged

from .chinese_common import TZ, SunnyChineseCase

TITLE_STORY = "三食堂饭菜价格太贵"
TITLE_SIMILAR = "三食堂的饭菜价格太贵了"
CO_UNIT_NAME = "后勤保障处（测试）"
FAQ_QUESTION = "食堂几点开门"
FAQ_ANSWER = "各食堂早餐六点半开门，晚餐供应至晚上七点半。"
OPINION = "三食堂价格已按物价局标准核查，未发现违规加价。"
VISITOR_TITLE = "食堂几点开门？"


@tagged("post_install", "-at_install", "sunny_story")
class TestStoryTours(SunnyChineseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.co_officer = new_test_user(
            env,
            login="zh_co_officer",
            password="zh_co_officer",
            name="吴信息员",
            groups="sunny_service.group_station_officer",
            lang="zh_CN",
            tz=TZ,
            email="wu@example.edu",
        )
        cls.co_unit = env["sunny.unit"].create({"name": CO_UNIT_NAME, "code": "ZHHQ"})
        env["sunny.station"].create(
            {"name": "后勤保障处服务站", "unit_id": cls.co_unit.id, "officer_ids": [(6, 0, cls.co_officer.ids)]}
        )
        # the directory: canteen cases go to the test unit
        env["sunny.routing.rule"].create({"category_id": cls.category.id, "keyword": "食堂", "unit_id": cls.unit.id})
        cls.faq = env["sunny.faq"].create(
            {"name": FAQ_QUESTION, "answer": FAQ_ANSWER, "category_id": cls.category.id, "is_published": True}
        )
        cls.similar = cls._case(TITLE_SIMILAR)
        cls._as(cls.similar, cls.staff).action_register()
        cls.story = cls._case(TITLE_STORY)
        cls._as(cls.story, cls.staff).action_register()
        env.flush_all()

    def _case_url(self, case):
        return f"/odoo/action-sunny_service.sunny_case_action/{case.id}"

    def test_visitor_sees_the_answer_before_sending(self):
        self.start_tour("/zh_CN/sunny/submit", "sunny_story_visitor")
        case = self.env["sunny.case"].sudo().search([("title", "=", VISITOR_TITLE)])
        self.assertEqual(len(case), 1, "the suggestion did not stop the visitor from sending")
        self.assertEqual(case.state, "new")
        self.assertGreaterEqual(self.faq.sudo().suggest_count, 1, "the suggestion is counted")
        self.assertEqual(self.faq.sudo().view_count, 1, "the visitor read the answer once")

    def test_center_lead_and_co_unit_answer_the_case(self):
        case = self.story
        # 2. the center: suggested unit, a similar case, one-click assignment, a co-unit
        self.start_tour(self._case_url(case), "sunny_story_center", login="zh_staff")
        self.env.invalidate_all()
        self.assertEqual(case.state, "assigned")
        self.assertEqual(case.unit_id, self.unit)
        self.assertEqual(case.co_unit_ids, self.co_unit)
        self.assertEqual(case.opinion_ids.mapped("state"), ["pending"])
        self.assertEqual(self.similar.state, "registered", "seen, not merged")

        # 3. the co-handling unit's officer gives its opinion
        self.start_tour(self._case_url(case), "sunny_story_co_officer", login="zh_co_officer")
        self.env.invalidate_all()
        self.assertRecordValues(
            case.opinion_ids, [{"state": "submitted", "opinion": OPINION, "user_id": self.co_officer.id}]
        )

        # the lead unit's officer accepts it for the handler
        self._as(case, self.officer).action_accept(self.handler)

        # 4. the handler reads the opinion, inserts a standard reply and submits it
        self.start_tour(self._case_url(case), "sunny_story_handler", login="zh_handler")
        self.env.invalidate_all()
        self.assertEqual(case.state, "review")
        self.assertIn(FAQ_ANSWER, case.reply)
        self.assertEqual(case.reply_user_id, self.handler)

    def test_center_merges_a_duplicate(self):
        # the registration screen lists the similar case; the staff merges into it
        self.start_tour(self._case_url(self.story), "sunny_story_merge", login="zh_staff")
        self.env.invalidate_all()
        self.assertRecordValues(self.story, [{"state": "rejected", "duplicate_of_id": self.similar.id}])
        self.assertEqual(self.similar.state, "registered", "the case merged into goes on")
        self.assertIn(f"与 {self.similar.name} 重复", " ".join(self.story.message_ids.mapped("body")))
        self.assertIn(self.story.name, " ".join(self.similar.message_ids.mapped("body")))
