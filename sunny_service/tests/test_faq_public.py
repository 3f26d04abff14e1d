"""The public side of the knowledge base: /sunny/suggest (published FAQ entries and
answered cases only, never a confidential one, escaped on the page, rate limited,
short texts ignored) and the /sunny/faq pages (published only, view counter)."""

from odoo.tests import tagged

from .public_common import SunnyPublicCase

# the rate limiter (advisory lock with the count, count in a new transaction, the hit),
# then what SUGGEST_QUERIES counts in test_similar, with the request's own overhead (15
# before the lock and count were one statement, and the default language and the public
# user were cached)
SUGGEST_ROUTE_QUERIES = 10


@tagged("post_install", "-at_install")
class TestFaqPublic(SunnyPublicCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Faq = cls.env["sunny.faq"]
        cls.faq = Faq.create(
            {
                "name": "研究生公寓门禁卡丢失了如何补办？",
                "answer": "到一卡通服务中心补办，工本费20元。",
                "category_id": cls.category.id,
                "is_published": True,
            }
        )
        cls.faq_draft = Faq.create({"name": "研究生公寓门禁卡丢失后如何挂失", "answer": "在公众号挂失。"})
        cls.faq_html = Faq.create(
            {
                "name": "研究生公寓门禁卡<b>丢失</b><img src=x onerror=alert(1)>",
                "answer": "<script>alert(1)</script>",
                "is_published": True,
            }
        )
        cls.public = cls._published(
            public_title="研究生公寓门禁卡丢失后补办太慢", public_content="…", public_reply="已加快。"
        )
        cls.unpublished = cls._case("closed", public_title="研究生公寓门禁卡丢失后无法补办", allow_publish=True)
        cls.secret = cls._case("closed", case_type="report", public_title="研究生公寓门禁卡丢失 举报材料")
        cls.secret._workflow().write({"is_published": True, "is_confidential": True, "allow_publish": True})

    def _suggest(self, q):
        return self.url_open(f"/sunny/suggest?q={q}")

    def test_suggest_published_only(self):
        response = self._suggest("研究生公寓门禁卡丢失")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/json; charset=utf-8")
        titles = [row["title"] for row in response.json()]
        self.assertIn(self.faq.name, titles)
        self.assertIn(self.faq_html.name, titles, "a title is data: the page shows it as text")
        self.assertIn("研究生公寓门禁卡丢失后补办太慢", titles)
        for hidden in (self.faq_draft.name, "研究生公寓门禁卡丢失后无法补办", "研究生公寓门禁卡丢失 举报材料"):
            self.assertNotIn(hidden, titles)
        self.assertNotIn("举报", response.text)
        for row in response.json():
            self.assertEqual(set(row), {"title", "url"})
            self.assertTrue(row["url"].startswith(("/sunny/faq/", "/sunny/public?")))

    def test_short_or_empty_text_ignored(self):
        before = self._count("sunny.request.log")
        for q in ("", "校", "%20%20x%20"):
            with self.subTest(q=q):
                response = self._suggest(q)
                self.assertEqual((response.status_code, response.json()), (200, []))
        self.assertEqual(self._count("sunny.request.log"), before, "nothing looked up, nothing counted")

    def test_suggest_rate_limited(self):
        self.env["ir.config_parameter"].sudo().set_param("sunny_service.suggest_limit", 2)
        self.assertTrue(self._suggest("研究生公寓门禁卡丢失").json())
        self.assertTrue(self._suggest("研究生公寓门禁卡丢失").json())
        response = self._suggest("研究生公寓门禁卡丢失")
        self.assertEqual((response.status_code, response.json()), (429, []))

    def test_suggest_query_count(self):
        self._suggest("研究生公寓门禁卡")  # warm the caches of the route
        with self.assertQueryCount(SUGGEST_ROUTE_QUERIES):
            self._suggest("研究生公寓门禁卡丢失")

    def test_suggestions_on_the_form_are_text(self):
        """While a title is typed the form lists the suggestions as links whose
        text is the title: markup in a title is never HTML on the page."""
        code = """
            const input = document.querySelector("#title");
            const started = Date.now();
            let typed = false;
            const check = () => {
                if (!typed) {
                    // the script comes with the lazy assets, after the page is complete
                    if (input.dataset.sunnySuggestReady) {
                        input.value = "研究生公寓门禁卡丢失";
                        input.dispatchEvent(new Event("input", { bubbles: true }));
                        typed = true;
                    }
                    setTimeout(check, 100);
                    return;
                }
                const links = [...document.querySelectorAll("#sunny_suggestions a")];
                if (links.length >= 3) {
                    const box = document.querySelector("#sunny_suggestions");
                    if (box.classList.contains("d-none")) {
                        console.error("the suggestions are hidden");
                    } else if (box.querySelector("b, img, script")) {
                        console.error("markup of a title became HTML");
                    } else if (!links.some((a) => a.textContent.includes("<img src=x"))) {
                        console.error("the title is not shown as text");
                    } else if (document.querySelector("button.o_sunny_submit").disabled) {
                        console.error("the form is blocked");
                    } else {
                        console.log("test successful");
                    }
                } else if (Date.now() - started > 10000) {
                    console.error("no suggestions shown: " + links.length);
                } else {
                    setTimeout(check, 100);
                }
            };
            check();
        """
        self.browser_js("/en/sunny/submit", code, ready="document.readyState === 'complete'", timeout=60)

    # ------------------------------------------------------------------ /sunny/faq

    def test_faq_list(self):
        page = self.url_open("/sunny/faq")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.faq.name, page.text)
        self.assertIn(self.category.complete_name, page.text)
        self.assertNotIn(self.faq_draft.name, page.text)
        self.assertNotIn("<script>alert", page.text)
        self.assertNotIn("<b>丢失</b>", page.text)
        page = self.url_open("/sunny/faq?search=补办")
        self.assertIn(self.faq.name, page.text)
        self.assertNotIn("onerror", page.text.split("o_sunny_faq_item", 1)[-1].split("</ul>")[0])
        page = self.url_open(f"/sunny/faq?category={self.category2.id}")
        self.assertNotIn(self.faq.name, page.text)

    def test_faq_entry_counts_views(self):
        page = self.url_open(f"/sunny/faq/{self.faq.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.faq.answer, page.text)
        self.url_open(f"/sunny/faq/{self.faq.id}")
        self.faq.invalidate_recordset()
        self.assertEqual(self.faq.view_count, 2)

    def test_faq_entry_escapes(self):
        page = self.url_open(f"/sunny/faq/{self.faq_html.id}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("<script>alert(1)</script>", page.text)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", page.text)

    def test_unpublished_faq_not_found(self):
        archived = self.env["sunny.faq"].create(
            {"name": "已归档", "answer": "旧答案。", "is_published": True, "active": False}
        )
        for faq_id in (self.faq_draft.id, archived.id, 999999):
            with self.subTest(faq_id=faq_id):
                self.assertEqual(self.url_open(f"/sunny/faq/{faq_id}").status_code, 404)
        self.faq_draft.invalidate_recordset()
        self.assertEqual(self.faq_draft.view_count, 0)
