"""Duplicates (并单) and the knowledge base in the back office: similar cases by
trigram similarity among those the user may read, the one-click merge and its
refusals, FAQ entries (publication needs an answer, from a published case), and
the standard-reply picker of the reply draft."""

import datetime
from urllib.parse import urlencode

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .common import NOW, SunnyCaseCommon

# set_config of the threshold, then the one search with the record rules
FIND_SIMILAR_QUERIES = 2
# set_config, the FAQ search, its suggest_count update, reading the FAQ titles, the
# case search (no case matches here: nothing more to read)
SUGGEST_QUERIES = 5

CANTEEN = "三食堂饭菜价格太贵"


class TestSimilar(SunnyCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls._case_in_state("registered", title=CANTEEN)
        cls.similar = cls._case_in_state("processing", title="三食堂的饭菜价格太贵了")
        cls.similar_b = cls._case_in_state("assigned", title="三食堂饭菜价格贵", unit=cls.unit_b)
        cls.other = cls._case_in_state("registered", title="图书馆晚上开放时间太短")

    def _find(self, case, user):
        return self._as(case, user)._find_similar()

    def test_trigram_index_exists(self):
        self.env.cr.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'sunny_case'")
        definitions = " ".join(row[0] for row in self.env.cr.fetchall())
        self.assertIn("gin (title gin_trgm_ops)", definitions)
        self.assertIn("gin (public_title gin_trgm_ops) WHERE is_published", definitions)

    def _recent_indexes(self):
        self.env.cr.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'sunny_case' AND indexname LIKE %s",
            ["sunny_case_similar_title_%"],
        )
        return dict(self.env.cr.fetchall())

    def test_recent_cases_index_follows_the_window(self):
        """The candidates come from an index of the recent cases only, which the
        weekly job moves with the window; the search of a window uses it."""
        Case = self.env["sunny.case"]
        boundary = Case._similar_index_boundary()
        self.assertEqual(boundary.weekday(), 0, "a Monday: the index changes once a week")
        window_start = datetime.date.today() - datetime.timedelta(days=90)
        self.assertLessEqual(boundary, window_start, "the index holds the whole window")
        self.assertGreater(boundary, window_start - datetime.timedelta(days=28), "and not every year")
        # the index built on installation (another day than the tests' frozen one):
        # a search of a window inside it can use it (PostgreSQL proves the window
        # inside its predicate); on a few cases it would rather read the others,
        # dropped until the rollback. (One built in this transaction may not be used
        # before the transaction ends: pg_index.indcheckxmin.)
        installed = next(iter(self._recent_indexes()))
        since = datetime.datetime.strptime(installed.split("_")[-2], "%Y%m%d") + datetime.timedelta(days=7)
        self.env.cr.execute("DROP INDEX sunny_case__received_date_index, sunny_case__title_index")
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute(
            "EXPLAIN SELECT id FROM sunny_case WHERE title %% %s AND received_date >= %s", [CANTEEN, since]
        )
        self.assertIn(installed, " ".join(row[0] for row in self.env.cr.fetchall()))
        # the job builds the one of today
        name = f"sunny_case_similar_title_{boundary:%Y%m%d}_idx"
        self.assertEqual(Case._cron_similar_index(), name)
        indexes = self._recent_indexes()
        self.assertEqual(list(indexes), [name])
        self.assertIn("gist (title gist_trgm_ops (siglen='256'), received_date)", indexes[name])
        self.assertIn(f"WHERE (received_date >= '{boundary} 00:00:00'", indexes[name])
        # a week later the job builds the next one and drops this one
        next_week = datetime.date.today() + datetime.timedelta(days=7)
        later = f"sunny_case_similar_title_{Case._similar_index_boundary(next_week):%Y%m%d}_idx"
        self.assertEqual(Case._similar_index_sync(today=next_week), later)
        self.assertEqual(list(self._recent_indexes()), [later])
        self.assertEqual(Case._similar_index_sync(today=next_week), later, "nothing to do twice")
        # the job of today moves it back (a changed window does the same)
        self.assertEqual(Case._cron_similar_index(), name)
        self.assertEqual(list(self._recent_indexes()), [name])
        self.assertEqual(self._find(self.case, self.center_staff), self.similar_b | self.similar)

    def test_similar_found_dissimilar_not(self):
        found = self._find(self.case, self.center_staff)
        self.assertEqual(found, self.similar_b | self.similar)
        self.assertEqual(found[0], self.similar_b, "the most similar first")
        self.assertNotIn(self.other, found)
        self.assertNotIn(self.case, found, "never itself")
        self.assertFalse(self._find(self.other, self.center_staff))

    def test_merged_withdrawn_and_old_cases_are_not_candidates(self):
        merged = self._case_in_state("registered", title="三食堂饭菜价格太贵!")
        self._as(merged, self.center_staff).action_merge_into(self.similar.with_user(self.center_staff))
        cancelled = self._case_in_state("cancelled", title="三食堂饭菜价格太贵啊")
        old = self._case_in_state("registered", title="三食堂饭菜价格太贵吗")
        self.env.cr.execute(
            SQL("UPDATE sunny_case SET received_date = %s WHERE id = %s", NOW - datetime.timedelta(days=91), old.id)
        )
        self.env.invalidate_all()
        found = self._find(self.case, self.center_staff)
        self.assertFalse(found & (merged | cancelled | old))
        # the window is a setting
        self.env["ir.config_parameter"].set_param("sunny_service.similar_days", "120")
        self.assertIn(old, self._find(self.case, self.center_staff))

    def test_threshold_is_a_setting(self):
        self.env["ir.config_parameter"].set_param("sunny_service.similar_threshold", "0.95")
        self.assertFalse(self._find(self.case, self.center_staff))
        self.env["ir.config_parameter"].set_param("sunny_service.similar_threshold", "not a number")
        self.assertTrue(self._find(self.case, self.center_staff))

    def test_never_a_case_the_user_cannot_read(self):
        report = self._case_in_state("registered", title="三食堂饭菜价格太贵 举报", case_type="report")
        self.assertTrue(report.is_confidential)
        self.assertNotIn(report, self._find(self.case, self.center_staff), "staff do not read confidential cases")
        self.assertIn(report, self._find(self.case, self.center_manager))
        # a unit's officer sees only their unit's candidates
        self.assertEqual(self._find(self.similar, self.officer_a), self.env["sunny.case"])
        self.assertEqual(self._find(self.similar_b, self.officer_b), self.env["sunny.case"])
        self.assertEqual(self._find(self.similar_b, self.center_staff), self.case | self.similar)
        # the form's field shows the same, and only while the center decides
        self.assertEqual(self._as(self.case, self.center_staff).similar_case_ids, self.similar_b | self.similar)
        self.assertFalse(self._as(self.similar, self.center_staff).similar_case_ids)

    def test_find_similar_query_count(self):
        case = self._as(self.case, self.center_staff)
        case._find_similar()  # the caches of a running server: access rights, rules, settings
        self.env.invalidate_all()
        case.read(["title", "content"])  # the form has them
        with self.assertQueryCount(FIND_SIMILAR_QUERIES):
            case._find_similar()

    # ------------------------------------------------------------------ one-click merge

    def _merge(self, candidate, source, user, **context):
        return self._as(candidate, user).with_context(sunny_merge_from=source.id, **context).action_merge_into_this()

    def test_one_click_merge(self):
        action = self._merge(self.similar, self.case, self.center_staff)
        self.assertEqual((action["res_model"], action["res_id"]), ("sunny.case", self.similar.id))
        self.env.invalidate_all()
        self.assertEqual(self.case.state, "rejected")
        self.assertEqual(self.case.duplicate_of_id, self.similar)
        self.assertFalse(self._find(self.similar_b, self.center_staff) & self.case, "a merged case is no candidate")

    def test_one_click_merge_attacks(self):
        report = self._case_in_state("registered", title="三食堂饭菜价格太贵 举报", case_type="report")
        snapshots = {case: self._snapshot(case) for case in (self.case, self.similar, report)}
        zh = {"lang": "zh_CN"}
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["sunny_service"], ["zh_CN"], overwrite=True)
        with self.assertRaisesRegex(UserError, "受理件不能合并到自身"):
            self._merge(self.case, self.case, self.center_staff, **zh)
        with self.assertRaisesRegex(UserError, "保密受理件与普通受理件不能合并"):
            self._as(self.similar, self.center_manager).with_context(
                sunny_merge_from=report.id, **zh
            ).action_merge_into_this()
        with self.assertRaises(UserError):  # no case to merge
            self._as(self.similar, self.center_staff).action_merge_into_this()
        for user in (self.officer_a, self.handler_a, self.leadership):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                self._merge(self.similar, self.case, user)
        with self.assertRaises(AccessError):  # staff never touch a confidential case
            self._merge(self.similar, report, self.center_staff)
        for case, snapshot in snapshots.items():
            self.assertUnchanged(case, snapshot)


class TestKnowledgeBase(SunnyCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.faq = cls.env["sunny.faq"].create(
            {
                "name": "研究生公寓门禁卡丢失了如何补办？",
                "answer": "到一卡通服务中心补办，工本费20元。",
                "is_published": True,
            }
        )
        cls.canned = cls.env["mail.canned.response"].create(
            {
                "source": "已受理",
                "substitution": "您好！您反映的问题已收到，我们正在处理。",
                "group_ids": [(6, 0, cls.env.ref("sunny_service.group_handler").ids)],
            }
        )

    def test_publish_without_answer_refused(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["sunny_service"], ["zh_CN"], overwrite=True)
        Faq = self._as(self.env["sunny.faq"], self.center_staff)
        draft = Faq.create({"name": "宿舍几点熄灯？"})
        with self.assertRaisesRegex(ValidationError, "发布"):
            draft.with_context(lang="zh_CN").action_publish()
        with self.assertRaisesRegex(ValidationError, "needs the text of its answer"):
            draft.action_publish()
        draft.invalidate_recordset(flush=False)  # what the refused request left: its write is undone
        self.assertFalse(draft.is_published)
        with self.assertRaises(ValidationError):
            Faq.create({"name": "空答案", "answer": "   ", "is_published": True})
        draft.answer = "22:30 熄灯。"
        draft.action_publish()
        self.assertTrue(draft.is_published)

    def test_who_maintains_the_faq(self):
        for user in (self.officer_a, self.handler_a, self.leadership):
            with self.subTest(user=user.name):
                faq = self._as(self.faq, user)
                self.assertEqual(faq.answer, self.faq.answer, "everyone inside reads the knowledge base")
                with self.assertRaises(AccessError):
                    faq.write({"answer": "changed"})
        with self.assertRaises(AccessError):
            self._as(self.env["sunny.faq"], self.portal_user).search([])

    def test_faq_from_a_published_answer(self):
        case = self._case_in_state("closed", allow_publish=True)
        case._workflow().write(
            {"public_title": "校园卡补办", "public_content": "校园卡丢了。", "public_reply": "到服务中心补办。"}
        )
        with self.assertRaises(UserError):
            self._as(case, self.center_staff).action_create_faq()
        self._as(case, self.center_manager).action_publish(confirmed=True)
        action = self._as(case, self.center_staff).action_create_faq()
        faq = self._as(self.env["sunny.faq"], self.center_staff).with_context(**action["context"]).create({})
        self.assertRecordValues(
            faq, [{"name": "校园卡补办", "answer": "到服务中心补办。", "case_id": case.id, "is_published": False}]
        )
        with self.assertRaises(AccessError):
            self._as(case, self.leadership).action_create_faq()

    # ------------------------------------------------------------------ standard replies

    def _insert(self, case, user, **vals):
        Wizard = self._as(self.env["sunny.case.reply.insert.wizard"], user)
        return Wizard.create(dict({"case_id": case.id}, **vals)).action_insert()

    def test_insert_faq_answer_and_canned_response(self):
        case = self._case_in_state("processing", handler=self.handler_a)
        self._as(case, self.officer_a).write({"reply_draft": "您好："})
        self._insert(case, self.officer_a, source="faq", faq_id=self.faq.id)
        self._insert(case, self.handler_a, source="canned", canned_response_id=self.canned.id)
        self.env.invalidate_all()
        self.assertEqual(
            case.reply_draft, "您好：\n\n到一卡通服务中心补办，工本费20元。\n\n您好！您反映的问题已收到，我们正在处理。"
        )

    def test_insert_refused(self):
        case = self._case_in_state("processing")
        snapshot = self._snapshot(case)
        with self.assertRaises(AccessError):  # another unit's officer
            self._insert(case, self.officer_b, source="faq", faq_id=self.faq.id)
        with self.assertRaises(UserError):  # nothing to insert
            self._insert(case, self.officer_a, source="canned")
        self.assertUnchanged(case, snapshot)
        review = self._case_in_state("review")
        snapshot = self._snapshot(review)
        with self.assertRaises(UserError):
            self._insert(review, self.officer_a, source="faq", faq_id=self.faq.id)
        self.assertUnchanged(review, snapshot)

    # ------------------------------------------------------------------ suggestions (model side)

    def test_suggest_published_only(self):
        unpublished = self.env["sunny.faq"].create({"name": "研究生公寓门禁卡丢失怎么挂失", "answer": "在公众号挂失。"})
        public = self._case_in_state("closed", allow_publish=True)
        public._workflow().write(
            {"public_title": "研究生公寓门禁卡丢失后补办太慢", "public_content": "…", "public_reply": "已加快。"}
        )
        self._as(public, self.center_manager).action_publish(confirmed=True)
        hidden = self._case_in_state("closed", allow_publish=True)
        hidden._workflow().write({"public_title": "研究生公寓门禁卡丢失后无法补办", "is_published": False})
        secret = self._case_in_state("registered", case_type="report")
        secret._workflow().write({"public_title": "研究生公寓门禁卡丢失 举报", "is_published": True})
        result = self.env["sunny.case"]._sunny_suggest("研究生公寓门禁卡丢失")
        self.assertEqual(
            result,
            [
                {"title": self.faq.name, "url": f"/sunny/faq/{self.faq.id}"},
                {
                    "title": "研究生公寓门禁卡丢失后补办太慢",
                    "url": "/sunny/public?" + urlencode({"search": "研究生公寓门禁卡丢失后补办太慢"}),
                },
            ],
        )
        self.assertNotIn(unpublished.name, str(result))
        self.env.invalidate_all()
        self.assertEqual(self.faq.suggest_count, 1)
        self.assertEqual(self.env["sunny.case"]._sunny_suggest("图书馆座位"), [])

    def test_suggest_query_count(self):
        self.env["sunny.case"]._sunny_suggest("研究生公寓门禁卡丢失")  # the caches of a running server
        self.env.invalidate_all()
        with self.assertQueryCount(SUGGEST_QUERIES):
            self.env["sunny.case"]._sunny_suggest("研究生公寓门禁卡丢失")
