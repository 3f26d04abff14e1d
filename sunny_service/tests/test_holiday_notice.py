"""The State Council's yearly notice read into the working calendar
(tools/holiday_notice.py), the year wizard that reads it, and the to-do that asks
the center managers for a missing year until it is entered."""

import datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from ..tools.holiday_notice import NoticeError, format_day, parse_notice
from .common import SunnyCaseCommon

# The notices as published (国办发明电〔2024〕12号 and the 2026 notice of 4 November
# 2025), with their preamble and closing lines.
N2025 = """国务院办公厅关于2025年部分节假日安排的通知
国办发明电〔2024〕12号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
　　经党中央、国务院批准，根据2024年11月修订的《全国年节及纪念日放假办法》，自2025年1月1日起，全体公民放假的假日增加2天，其中春节、劳动节各增加1天。据此对放假调休原则作进一步优化完善，除个别特殊情形外，春节自农历除夕起放假调休8天，国庆节自10月1日起放假调休7天，劳动节放假调休5天，元旦、清明节、端午节、中秋节分别放假调休或连休3天（如逢周三则只在当日放假），国庆节放假如逢中秋节则合并放假8天。
　　按照上述原则，现将2025年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
　　一、元旦：1月1日（周三）放假1天，不调休。
　　二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
　　三、清明节：4月4日（周五）至6日（周日）放假，共3天。
　　四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
　　五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
　　六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
　　节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
国务院办公厅
2024年11月12日
"""
N2026 = """国务院办公厅关于2026年部分节假日安排的通知
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
　　经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
　　一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
　　二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
　　三、清明节：4月4日（周六）至6日（周一）放假，共3天。
　　四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
　　五、端午节：6月19日（周五）至21日（周日）放假，共3天。
　　六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
　　七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
　　鼓励单位和个人结合落实带薪年休假等制度，实际形成较长假期，推动错峰出行。节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
国务院办公厅
2025年11月4日
"""


def d(text):
    return datetime.date.fromisoformat(text)


@tagged("sunny_deadlines")
class TestHolidayNotice(TransactionCase):
    def test_2026_notice_gives_what_chinesecalendar_gives(self):
        Holiday = self.env["sunny.holiday"]
        Holiday.search([("year", "=", 2026)]).unlink()
        loaded = Holiday.load_year(2026)
        schedule = parse_notice(N2026)
        self.assertEqual(schedule.year, 2026, "the year its title names")
        self.assertEqual(set(schedule.holidays), set(loaded.filtered(lambda day: day.kind == "holiday").mapped("date")))
        self.assertEqual(set(schedule.workdays), set(loaded.filtered(lambda day: day.kind == "workday").mapped("date")))
        self.assertEqual(schedule.workdays[d("2026-02-14")], "春节")
        self.assertEqual(schedule.holidays[d("2026-09-25")], "中秋节")
        self.assertEqual(len(schedule.holidays), 19)
        self.assertEqual(len(schedule.workdays), 6)

    def test_2025_notice(self):
        schedule = parse_notice(N2025)
        self.assertEqual(schedule.year, 2025, "not 2024, the year of its preamble and signature")
        self.assertEqual(
            list(schedule.workdays),
            [d("2025-01-26"), d("2025-02-08"), d("2025-04-27"), d("2025-09-28"), d("2025-10-11")],
        )
        self.assertIn(d("2025-01-01"), schedule.holidays, "放假1天, 不调休")
        self.assertNotIn(d("2025-01-02"), schedule.holidays)
        self.assertEqual(schedule.holidays[d("2025-10-06")], "国庆节、中秋节")
        self.assertIn(d("2025-06-02"), schedule.holidays, "a range across two months")
        self.assertNotIn(d("2025-05-31"), schedule.holidays, "a Saturday is off anyway")
        self.assertEqual(len(schedule.holidays), 18)

    def test_any_copy_of_the_text(self):
        """Half-width punctuation, everything on one line, lines broken anywhere."""
        expected = parse_notice(N2026)
        half = N2026.translate(str.maketrans("：（），；", ":(),;"))
        self.assertEqual(parse_notice(half), expected)
        self.assertEqual(parse_notice(N2026.replace("\n", " ")), expected)
        self.assertEqual(parse_notice(N2026.replace("日（", "日\n（").replace("至", "\n至")), expected)

    def test_items_alone_take_the_given_year(self):
        text = (
            "一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。\n"
            "二、春节：2月6日（农历腊月十九，周六）至14日（农历腊月二十七，周日）放假调休，共9天。"
            "1月31日（周日）、2月20日（周六）上班。"
        )
        schedule = parse_notice(text, year=2027)
        self.assertEqual(schedule.year, 2027)
        self.assertEqual(
            list(schedule.holidays),
            [d("2027-01-01"), d("2027-02-08"), d("2027-02-09"), d("2027-02-10"), d("2027-02-11"), d("2027-02-12")],
        )
        self.assertEqual(schedule.workdays, {d("2027-01-31"): "春节", d("2027-02-20"): "春节"})
        self.assertEqual(format_day(d("2027-01-01"), "元旦"), "2027-01-01（周五）元旦")

    def test_what_cannot_be_read_is_refused(self):
        cases = [
            ("", 2027, "No holiday found"),
            ("国务院办公厅关于部分节假日安排的通知", 2027, "No holiday found"),
            ("一、元旦：1月1日放假1天。", None, "year"),
            ("一、元旦：1月1日（周五）至4日（周一）放假调休，共3天。", 2027, "4 days off, the notice says 3"),
            ("一、元旦：1月1日至3日放假，共3天。1月5日（周二）上班。", 2027, "2027-01-05 is a weekday"),
            ("一、元旦：2月30日放假1天。", 2027, "2月30日 is not a date"),
            ("一、元旦：1日至3日放假，共3天。", 2027, "without its month"),
            # a day both off and worked: the notice was misread or mistyped
            (
                "二、春节：2月6日（周六）至14日（周日）放假调休，共9天。2月7日（周日）、2月20日（周六）上班。",
                2027,
                "2027-02-07 is both",
            ),
        ]
        for text, year, message in cases:
            with self.subTest(text=text), self.assertRaisesRegex(NoticeError, message):
                parse_notice(text, year=year)

    def test_messages_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        with self.assertRaisesRegex(NoticeError, "未找到节假日"):
            parse_notice("", year=2027, env=self.env(context={"lang": "zh_CN"}))


@tagged("sunny_deadlines")
class TestYearWizard(SunnyCaseCommon):
    def test_paste_the_notice_check_and_save(self):
        Holiday = self.env["sunny.holiday"]
        expected = {(day.date, day.kind) for day in Holiday.search([("year", "=", 2026)])}
        Holiday.search([("year", "=", 2026)]).unlink()
        with Form(self.env["sunny.holiday.year.wizard"].with_user(self.center_manager)) as form:
            form.notice = N2026
            self.assertEqual(form.year, 2026, "the year the notice names")
            lines = form.holiday_lines.splitlines()
            self.assertEqual(len(lines), 19)
            self.assertEqual(lines[0], "2026-01-01（周四）元旦")
            self.assertIn("2026-02-14（周六）", form.workday_lines)
            self.assertIn("19", form.notice_summary)
            # the manager corrects a line before saving: the lines are what is saved
            form.holiday_lines = form.holiday_lines.replace("（周四）元旦", "（周四）元旦节")
        form.record.action_confirm()
        days = Holiday.search([("year", "=", 2026)])
        self.assertEqual({(day.date, day.kind) for day in days}, expected, "what chinesecalendar gives")
        self.assertEqual(days.filtered(lambda day: day.date == d("2026-01-01")).name, "元旦节")

    def test_unreadable_notice_warns_and_saves_nothing(self):
        Holiday = self.env["sunny.holiday"]
        Holiday.search([("year", "=", 2027)]).unlink()
        wizard = self.env["sunny.holiday.year.wizard"].with_user(self.center_manager)
        with Form(wizard) as form:
            form.notice = "一、元旦：1月1日至4日放假调休，共3天。"
            self.assertFalse(form.holiday_lines)
            self.assertFalse(form.notice_summary)
        bad = wizard.create({"year": 2027, "notice": "一、元旦：1月1日至4日放假调休，共3天。"})
        with self.assertRaisesRegex(UserError, "4 days off"):
            bad.action_confirm()
        self.assertFalse(Holiday.search([("year", "=", 2027)]))

    def test_missing_year_is_a_todo_until_entered(self):
        Holiday = self.env["sunny.holiday"]
        Years = self.env["sunny.holiday.year"]
        Holiday.search([("year", "=", 2027)]).unlink()
        todo_type = self.env.ref("sunny_service.mail_activity_type_calendar_year")
        cron = Holiday.with_user(self.env.ref("base.user_root"))

        def todos():
            return self.env["mail.activity"].search([("activity_type_id", "=", todo_type.id)])

        with freeze_time("2026-10-15 02:00:00"):
            cron._cron_check_next_year()
        self.assertFalse(todos(), "nothing before November")
        # chinesecalendar does not know 2027 (yet)
        with (
            freeze_time("2026-11-02 02:00:00"),
            patch("chinese_calendar.get_workdays", side_effect=NotImplementedError),
        ):
            cron._cron_check_next_year()
            cron._cron_check_next_year()
        year = Years.search([("name", "=", 2027)])
        managers = self.env.ref("sunny_service.group_center_manager").users.filtered(lambda u: not u.share)
        self.assertIn(self.center_manager, managers)
        self.assertEqual(todos().user_id, managers, "one to-do per center manager")
        self.assertEqual(len(todos()), len(managers), "kept, not repeated")
        self.assertEqual(set(todos().mapped("res_id")), {year.id})
        self.assertEqual(set(todos().mapped("summary")), {"Enter the 2027 holiday schedule"})
        self.assertEqual(set(todos().mapped("date_deadline")), {d("2026-12-15")})
        self.assertFalse(year.is_loaded)
        self.assertFalse(self.env["mail.mail"].search([("subject", "like", "2027 holiday schedule is missing")]))

        new_manager = new_test_user(self.env, login="sunny_manager2", groups="sunny_service.group_center_manager")
        with (
            freeze_time("2026-11-03 02:00:00"),
            patch("chinese_calendar.get_workdays", side_effect=NotImplementedError),
        ):
            cron._cron_check_next_year()
        self.assertEqual(todos().user_id, managers | new_manager, "a new manager is asked too")

        # the to-do opens the year wizard on 2027; the manager pastes the notice's items
        action = year.with_user(self.center_manager).action_enter_schedule()
        self.assertEqual(action["res_model"], "sunny.holiday.year.wizard")
        wizard = self.env["sunny.holiday.year.wizard"].with_user(self.center_manager)
        with Form(wizard.with_context(**action["context"])) as form:
            self.assertEqual(form.year, 2027)
            form.notice = "一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。"
        form.record.action_confirm()
        self.assertFalse(todos(), "done once the year is entered")
        self.assertTrue(year.is_loaded)
        with freeze_time("2026-11-04 02:00:00"):
            cron._cron_check_next_year()
        self.assertFalse(todos())
