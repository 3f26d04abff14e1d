import datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.sunny_service.models.sunny_case import UNIT_STATES

from .common import COMPUTE_AT, MARCH, SunnyReportsCommon

# action_compute() of a bulletin, whatever the number of cases and of units (up to
# 100 units: the ORM inserts the unit lines 100 a query)
# with the two UPDATEs that store NULL for the rates without denominator; for each of the
# two periods whose unit figures are computed (the month, and the month before for the
# changes): one grouped query of the co-handling opinions, one of the requests for
# information (补充材料, sunny_report_pause.py) and two grouped counts of the settle
# checks (asked, answered); and one query that splits the cases received in the
# period into their parts (assigned, not accepted, waiting...: sunny_bulletin_intake.py)
COMPUTE_QUERIES = 42


@tagged("post_install", "-at_install")
class TestBulletin(SunnyReportsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bulletin = cls._bulletin()

    def test_received_cases(self):
        bulletin = self.bulletin
        self.assertEqual(bulletin.name, "2026-03")
        self.assertEqual(bulletin.case_count, 10, "c1–c8, c10, c11 were received in March (c9 in February)")
        self.assertEqual(bulletin.rejected_count, 1)
        self.assertEqual(bulletin.open_count, 3, "c4 processing, c7 and c10 replied")
        stats = {(s.kind, s.key): s.count for s in bulletin.stat_ids}
        self.assertEqual(
            {key: count for (kind, key), count in stats.items() if kind == "case_type"},
            {"consultation": 4, "complaint": 4, "suggestion": 1, "report": 1},
        )
        self.assertEqual(
            {key: count for (kind, key), count in stats.items() if kind == "channel"},
            {"web": 4, "phone": 3, "letter": 1, "email": 1, "visit": 1},
        )
        categories = bulletin.stat_ids.filtered(lambda s: s.kind == "category").sorted("sequence")
        self.assertEqual(categories[0].category_id, self.logistics)
        self.assertEqual(categories[0].count, 4)
        self.assertEqual(
            {(s.category_id, s.count) for s in categories},
            {(self.logistics, 4), (self.teaching, 3), (self.env["sunny.case.category"], 3)},
        )
        self.assertAlmostEqual(categories[0].share, 0.4)
        months = bulletin.stat_ids.filtered(lambda s: s.kind == "month").sorted("sequence")
        self.assertEqual(months.mapped("key"), ["2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"])
        self.assertEqual(months.mapped("count"), [0, 0, 0, 0, 1, 10])

    def test_handling_overall(self):
        bulletin = self.bulletin
        self.assertEqual(bulletin.assigned_count, 8)
        self.assertEqual(bulletin.replied_count, 8, "seven by units and c11 answered by the center")
        self.assertEqual(bulletin.closed_count, 6, "c1, c2, c3, c5, c6 and c11; the rejected c8 is not closed")
        self.assertEqual((bulletin.reply_due_count, bulletin.reply_on_time_count), (8, 5))
        self.assertAlmostEqual(bulletin.reply_on_time_rate, 5 / 8)
        self.assertEqual((bulletin.resolve_due_count, bulletin.resolve_on_time_count), (8, 6))
        self.assertAlmostEqual(bulletin.resolve_on_time_rate, 6 / 8)
        self.assertEqual(bulletin.overdue_count, 4, "c2, c3, c4 and c7")
        Case = self.env["sunny.case"]
        with freeze_time(COMPUTE_AT):
            now = fields.Datetime.now()
        overdue_now = Case.search([("state", "in", UNIT_STATES)]).filtered(
            lambda c: ((c.resolve_deadline if c.first_reply_date else c.reply_deadline) or now) < now
        )
        self.assertIn(self.c4, overdue_now, "c4 is still open past its deadline")
        self.assertEqual(bulletin.overdue_open_count, len(overdue_now))
        self.assertEqual((bulletin.extension_count, bulletin.extension_refused_count), (1, 1))
        self.assertEqual(
            bulletin.extension_pending_count, self.env["sunny.case.extension"].search_count([("state", "=", "pending")])
        )
        self.assertEqual(bulletin.return_count, 1)
        self.assertEqual(
            (bulletin.followup_count, bulletin.satisfied_count),
            (8, 6),
            "the follow-up of c11, answered by the center, counts overall",
        )
        self.assertAlmostEqual(bulletin.satisfaction_rate, 6 / 8)
        self.assertEqual(bulletin.reopen_count, 2)
        levels = {s.key: s.count for s in bulletin.stat_ids if s.kind == "satisfaction"}
        self.assertEqual(
            levels, {"very_satisfied": 1, "satisfied": 3, "basic": 2, "dissatisfied": 1, "very_dissatisfied": 1}
        )

    def test_unit_lines(self):
        bulletin = self.bulletin
        self.assertEqual(bulletin.line_ids.unit_id, self.unit_a | self.unit_b, "unit C had nothing: no line")
        line_a = self._line(bulletin, self.unit_a)
        self.assertEqual((line_a.case_count, line_a.replied_count, line_a.closed_count, line_a.due_count), (5, 4, 4, 5))
        self.assertEqual(
            (line_a.reply_due_count, line_a.reply_on_time_count), (5, 3), "c2 replied late, c4 never replied"
        )
        self.assertAlmostEqual(line_a.reply_on_time_rate, 0.6)
        self.assertEqual(
            (line_a.resolve_due_count, line_a.resolve_on_time_count),
            (5, 3),
            "c3 resolved after its extended deadline, c4 not at all",
        )
        self.assertEqual((line_a.overdue_count, line_a.extension_count, line_a.return_count), (3, 1, 0))
        self.assertEqual((line_a.followup_count, line_a.satisfied_count, line_a.reopen_count), (5, 4, 1))
        self.assertAlmostEqual(line_a.satisfaction_rate, 0.8)

        line_b = self._line(bulletin, self.unit_b)
        self.assertEqual(
            (line_b.case_count, line_b.replied_count, line_b.closed_count),
            (3, 3, 1),
            "c5 was returned and counts for A, where it was sent",
        )
        self.assertEqual((line_b.reply_due_count, line_b.reply_on_time_count), (3, 2))
        self.assertEqual(
            (line_b.resolve_due_count, line_b.resolve_on_time_count),
            (3, 3),
            "c6 reopened and settled again before the deadline",
        )
        self.assertEqual(
            (line_b.overdue_count, line_b.extension_count, line_b.return_count),
            (1, 0, 1),
            "a refused extension does not count; the return of c5 counts for B",
        )
        self.assertEqual((line_b.followup_count, line_b.satisfied_count, line_b.reopen_count), (2, 1, 1))

    def test_lists_hide_confidential_cases(self):
        bulletin = self.bulletin
        self.assertEqual(bulletin.overdue_case_ids, self.c2 | self.c3 | self.c4)
        self.assertEqual(bulletin.overdue_confidential_count, 1, "c7 is counted, not listed")
        self.assertEqual(bulletin.major_count, 2)
        self.assertEqual(bulletin.major_case_ids, self.c10)
        self.assertEqual(bulletin.major_confidential_count, 1)
        as_leader = bulletin.with_user(self.leadership)
        self.assertEqual(
            set(as_leader.overdue_case_ids.mapped("name")), set((self.c2 | self.c3 | self.c4).mapped("name"))
        )

    def test_top_words(self):
        words = {s.key: s.count for s in self.bulletin.stat_ids if s.kind == "word"}
        self.assertEqual(words.get("图书馆"), 3)
        self.assertEqual(words.get("时间"), 3)
        self.assertEqual(words.get("开放"), 2)
        self.assertEqual(words.get("宿舍"), 2)
        self.assertNotIn("图书", words, "words, not pieces of words")
        self.assertNotIn("舍热", words)
        self.assertEqual(words.get("食堂"), 2, "the confidential c7 (食堂承包人行贿) is not read")
        self.assertNotIn("问题", words, "a stop word")
        self.assertNotIn("行贿", words)
        self.assertTrue(all(count > 1 for count in words.values()), "what a single title says is left out")

    def test_top_words_are_words(self):
        """Real titles of a month on the halls of residence, the canteens and the
        network: the frequent words are words ("宿舍", "食堂"), never fragments that
        straddle two words ("生宿舍" of 学生宿舍, 男生宿舍 and 研究生宿舍)."""
        titles = [
            "学生宿舍热水供应不足",
            "男生宿舍热水器坏了",
            "女生宿舍没有热水",
            "研究生宿舍空调不制冷",
            "三号食堂饭菜太贵",
            "二号食堂饭菜价格上涨",
            "校园网网速太慢",
            "校园网晚上经常断线",
            "图书馆开放时间太短",
        ]
        with freeze_time("2025-05-06 02:00:00"):
            self.env["sunny.case"].create(
                [{"title": title, "content": title, "case_type": "complaint"} for title in titles]
            )
        words = dict(self.env["sunny.report.figures"]._top_words(datetime.date(2025, 5, 1), datetime.date(2025, 5, 31)))
        self.assertEqual(words.get("宿舍"), 4, "学生宿舍, 男生宿舍, 女生宿舍, 研究生宿舍")
        self.assertEqual(words.get("热水"), 3, "热水 and 热水器")
        self.assertEqual(words.get("食堂"), 2)
        self.assertEqual(words.get("饭菜"), 2)
        self.assertEqual(words.get("校园网"), 2)
        fragments = {"生宿舍", "号食堂", "生宿", "舍热", "堂饭", "园网", "号食堂饭菜"}
        self.assertFalse(fragments & set(words), words)
        for word in words:
            self.assertTrue(any(word in title for title in titles), word)

    def test_top_words_follow_the_titles(self):
        """The words are cut when a title is written and counted by SQL, exactly: a
        title corrected later counts with its new words; cases inserted without the
        ORM (an old database, a bulk load) get theirs from _fill_title_words."""
        Figures = self.env["sunny.report.figures"]
        June = (datetime.date(2025, 6, 1), datetime.date(2025, 6, 30))
        with freeze_time("2025-06-03 02:00:00"):
            cases = self.env["sunny.case"].create(
                [
                    {"title": title, "content": title, "case_type": "complaint"}
                    for title in ("食堂饭菜太贵", "食堂排队太久", "宿舍热水不足", "宿舍空调坏了")
                ]
            )
        self.assertEqual(cases[0].sudo().title_words, "太贵 食堂 饭菜")
        self.assertEqual(dict(Figures._top_words(*June)), {"食堂": 2, "宿舍": 2})
        cases[1].title = "宿舍排队太久"
        self.assertEqual(dict(Figures._top_words(*June)), {"宿舍": 3}, "食堂 is in one title now")
        self.env.flush_all()
        self.env.cr.execute("UPDATE sunny_case SET title_words = NULL WHERE id = ANY(%s)", [cases.ids])
        self.env.invalidate_all()
        self.assertEqual(Figures._top_words(*June), [], "no words before they are cut")
        self.env["sunny.case"]._fill_title_words()
        self.assertEqual(cases[3].sudo().title_words, "宿舍 空调")
        with self.assertQueryCount(1):
            self.assertEqual(dict(Figures._top_words(*June)), {"宿舍": 3})

    def test_title_words(self):
        words = self.env["sunny.report.figures"]._title_words(
            "图书馆的开放时间太短希望延长 Library WiFi 2026, the wifi"
        )
        self.assertTrue({"图书馆", "开放", "时间", "library", "wifi"} <= words)
        self.assertFalse({"ibr", "brary", "lib"} & words, "whole English words, not pieces of them")
        self.assertFalse(
            {"的开放", "的", "希望", "2026", "the"} & words,
            "no piece of a word, no one-character word, a word starts with a letter, no stop word",
        )

    def test_previous_month(self):
        bulletin = self.bulletin
        self.assertEqual(
            (bulletin.prev_date_from, bulletin.prev_date_to), (datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))
        )
        self.assertEqual((bulletin.prev_case_count, bulletin.prev_replied_count, bulletin.prev_closed_count), (1, 1, 1))
        self.assertEqual(bulletin.prev_reply_due_count, 1)
        self.assertAlmostEqual(bulletin.prev_reply_on_time_rate, 1.0)
        self.assertAlmostEqual(bulletin.prev_satisfaction_rate, 1.0)
        self.assertEqual(bulletin._change(bulletin.case_count, bulletin.prev_case_count), ("▲", "9", "muted"))
        self.assertEqual(
            bulletin._change(bulletin.reply_on_time_rate, bulletin.prev_reply_on_time_rate, True, 8, 1, True),
            ("▼", "37.5 percentage points", "down"),
            "a change of rate is in percentage points",
        )

    def test_empty_period(self):
        """A period with no case is an honest empty bulletin, not an error."""
        bulletin = self._bulletin(datetime.date(2025, 6, 1), datetime.date(2025, 6, 30))
        self.assertEqual(bulletin.case_count, 0)
        self.assertFalse(bulletin.line_ids)
        self.assertEqual((bulletin.reply_due_count, bulletin.reply_on_time_rate), (0, 0.0))
        self.assertEqual(bulletin.followup_count, 0)
        self.assertTrue(bulletin.computed_date)
        self.assertFalse(bulletin.overdue_case_ids)

    def test_inverted_period(self):
        Bulletin = self.env["sunny.bulletin"].with_user(self.center_staff)
        count = Bulletin.search_count([])
        with self.assertRaisesRegex(ValidationError, "period is inverted"), self.env.cr.savepoint():
            Bulletin.create({"date_from": datetime.date(2026, 3, 31), "date_to": datetime.date(2026, 3, 1)})
        with self.assertRaisesRegex(ValidationError, "period is inverted"), self.env.cr.savepoint():
            self.bulletin.with_user(self.center_staff).write({"date_to": datetime.date(2026, 2, 1)})
        self.env.invalidate_all()
        self.assertEqual(Bulletin.search_count([]), count)
        self.assertEqual(self.bulletin.date_to, MARCH[1])

    def test_created_as_a_draft_only(self):
        Bulletin = self.env["sunny.bulletin"].with_user(self.center_staff)
        count = Bulletin.search_count([])
        with self.assertRaisesRegex(UserError, "created as a draft"), self.env.cr.savepoint():
            Bulletin.create(
                {"date_from": datetime.date(2026, 1, 1), "date_to": datetime.date(2026, 1, 31), "state": "sent"}
            )
        self.assertEqual(Bulletin.search_count([]), count)

    @mute_logger("odoo.sql_db")
    def test_inverted_period_refused_by_the_database(self):
        """What writes around the ORM (SQL, an import script) meets the CHECK constraint."""
        with self.assertRaisesRegex(IntegrityError, "sunny_bulletin_period_check"), self.env.cr.savepoint():
            self.env.cr.execute("UPDATE sunny_bulletin SET date_to = date_from - 1 WHERE id = %s", [self.bulletin.id])
        self.env.invalidate_all()
        self.assertEqual((self.bulletin.date_from, self.bulletin.date_to), MARCH)

    @mute_logger("odoo.sql_db")
    def test_one_bulletin_per_period(self):
        with self.assertRaises(IntegrityError):
            self.env["sunny.bulletin"].create({"date_from": MARCH[0], "date_to": MARCH[1]})

    def test_sent_bulletin_is_frozen(self):
        bulletin = self.bulletin.with_user(self.center_staff)
        with freeze_time(COMPUTE_AT):
            bulletin.action_send()
        self.assertEqual(bulletin.state, "sent")
        figures = (bulletin.case_count, bulletin.overdue_count, bulletin.line_ids.mapped("case_count"))
        with self.assertRaisesRegex(UserError, "frozen"):
            bulletin.action_compute()
        with self.assertRaisesRegex(UserError, "frozen"):
            bulletin.write({"note": "changed"})
        with self.assertRaises(UserError):
            bulletin.line_ids[:1].write({"case_count": 99})
        with self.assertRaises(UserError):
            bulletin.with_user(self.center_manager).unlink()
        self.env.invalidate_all()
        self.assertEqual((bulletin.case_count, bulletin.overdue_count, bulletin.line_ids.mapped("case_count")), figures)

    def test_mailed_pdf_says_sent(self):
        """The PDF the leaders receive is the sent bulletin, not a draft."""
        bulletin = self.bulletin.with_user(self.center_staff)
        with freeze_time(COMPUTE_AT):
            bulletin.action_send()
        message = bulletin.message_ids.filtered("attachment_ids")
        self.assertEqual(len(message), 1)
        # PDFs render as HTML in test mode
        pdf = message.attachment_ids.raw.decode()
        self.assertNotIn("Draft: not sent to the leadership yet", pdf)
        self.assertIn("Sent to the leadership group on", pdf)
        self.assertIn("2026-04-01 10:00", pdf, "when it was sent, in the university's time")

    def test_access(self):
        with self.assertRaises(AccessError):
            self.bulletin.with_user(self.leadership).action_compute()
        with self.assertRaises(AccessError):
            self.env["sunny.bulletin"].with_user(self.leadership).create(
                {"date_from": datetime.date(2026, 1, 1), "date_to": datetime.date(2026, 1, 31)}
            )
        with self.assertRaises(AccessError):
            self.env["sunny.bulletin"].with_user(self.officer_a).search([])
        self.assertEqual(self.bulletin.with_user(self.leadership).case_count, 10)

    def test_compute_cost_does_not_grow_with_cases(self):
        """Figures come from aggregates: more cases in the period, same queries."""
        bulletin = self._bulletin(datetime.date(2026, 3, 1), datetime.date(2026, 3, 15))

        def count_queries():
            self.env.invalidate_all()
            self.env.flush_all()
            with freeze_time(COMPUTE_AT):
                before = self.env.cr.sql_log_count
                bulletin._prepare_values(datetime.datetime(2026, 4, 1, 2))
                return self.env.cr.sql_log_count - before

        first = count_queries()
        with freeze_time("2026-03-10 02:00:00"):
            self.env["sunny.case"].create(
                [
                    {
                        "title": f"图书馆空调 {index}",
                        "content": "Too cold.",
                        "category_id": self.teaching.id,
                    }
                    for index in range(30)
                ]
            )
        self.assertEqual(count_queries(), first)

    def test_a_deadline_passed_without_any_reply_is_overdue(self):
        """A case never answered whose reply deadline fell in the month counts as due,
        late and overdue, even though its resolution deadline is next month."""
        silent = self._create("silent", "2026-03-24 01:00:00", "实验室安全培训安排", category=self.teaching)
        self._assign("2026-03-24 02:00:00", silent, self.unit_a, self.officer_a)
        self._do("2026-03-24 03:00:00", silent, self.officer_a, "action_accept")
        self.assertLess(silent.reply_deadline, fields.Datetime.to_datetime(COMPUTE_AT))
        self.assertGreater(silent.resolve_deadline, fields.Datetime.to_datetime("2026-04-01 00:00:00"))
        bulletin = self.bulletin
        before = (
            bulletin.reply_due_count,
            bulletin.reply_on_time_count,
            bulletin.overdue_count,
            self._line(bulletin, self.unit_a).overdue_count,
        )
        with freeze_time(COMPUTE_AT):
            bulletin.with_user(self.center_staff).action_compute()
        self.assertEqual(
            (
                bulletin.reply_due_count,
                bulletin.reply_on_time_count,
                bulletin.overdue_count,
                self._line(bulletin, self.unit_a).overdue_count,
            ),
            (before[0] + 1, before[1], before[2] + 1, before[3] + 1),
        )

    def test_compute_query_count(self):
        """action_compute() runs a fixed number of queries: more cases, more units with
        a line, more overdue, supervised and followed-up cases cost no query more."""
        Bulletin = self.env["sunny.bulletin"].with_user(self.center_staff)

        def compute(date_to, expected=None):
            bulletin = Bulletin.create({"date_from": MARCH[0], "date_to": date_to})
            self.env.invalidate_all()
            # pending precommit hooks may clear the caches: run them before counting
            self.env.flush_all()
            self.env.cr.flush()
            with freeze_time(COMPUTE_AT):
                if expected is None:  # warm the caches (access rules, parameters) up
                    bulletin.action_compute()
                    self.env.flush_all()
                    self.env.cr.flush()
                else:
                    with self.assertQueryCount(expected):
                        bulletin.action_compute()
            return bulletin

        compute(datetime.date(2026, 3, 27))
        small = compute(datetime.date(2026, 3, 28), COMPUTE_QUERIES)

        unit_d = self.env["sunny.unit"].create({"name": "Library", "code": "RLIB", "sequence": 4})
        officer_d = new_test_user(
            self.env, login="rep_officer_d", groups="sunny_service.group_station_officer", tz="Asia/Shanghai"
        )
        self.env["sunny.station"].create(
            {"name": "Library Station", "unit_id": unit_d.id, "officer_ids": [(6, 0, officer_d.ids)]}
        )
        for index in range(6):
            unit, officer = (self.unit_c, self.officer_c) if index % 2 else (unit_d, officer_d)
            case = self._create(
                f"extra_{index}", "2026-03-03 01:00:00", f"图书馆空调太冷 {index}", "complaint", "web", self.teaching
            )
            self._assign("2026-03-03 02:00:00", case, unit, officer)
            self._do("2026-03-03 03:00:00", case, officer, "action_accept")
            if index < 4:
                self._reply("2026-03-05 02:00:00", case, officer, "2026-03-05 03:00:00")
                self._follow_up("2026-03-06 02:00:00", case, "satisfied" if index else "dissatisfied")
            else:
                self._do("2026-03-04 04:00:00", case, self.center_staff, "action_supervise", "Still too cold.")
        compute(datetime.date(2026, 3, 29))
        large = compute(datetime.date(2026, 3, 30), COMPUTE_QUERIES)

        self.assertEqual(large.case_count, small.case_count + 6)
        self.assertEqual(large.line_ids.unit_id, self.unit_a | self.unit_b | self.unit_c | unit_d)
        self.assertEqual(len(small.line_ids), 3, "units A and B, and the center's line (c11)")
        self.assertEqual(large.major_count, small.major_count + 2)
        self.assertEqual(large.followup_count, small.followup_count + 4)
        self.assertGreater(len(large.overdue_case_ids), len(small.overdue_case_ids))
