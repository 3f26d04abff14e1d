"""The case list searched by words of the title, as the web client asks for it: one
page of 80 rows and a count limited to 10,001. Its cost must not grow with the
number of cases found (the title has a trigram index for the scale side)."""

from .common import SunnyCaseCommon

# measured with more rows than a page (so the count is asked for too)
LIST_SEARCH_QUERIES = 3


class TestListSearch(SunnyCaseCommon):
    def _list_spec(self, Case):
        fields_ = Case.get_views([(False, "list")])["models"][Case._name]["fields"]
        return {
            name: {"fields": {"display_name": {}}} if desc["type"] == "many2one" else {}
            for name, desc in fields_.items()
        }

    def _search(self, Case, words):
        return Case.web_search_read([("title", "ilike", words)], self._list_spec(Case), limit=80, count_limit=10001)

    def test_search_by_title_finds_and_costs_the_same_for_more_cases(self):
        Case = self._as(self.env["sunny.case"], self.center_staff)
        self._case_in_state("registered", count=85, title="Scholarship payment is late")
        self._case_in_state("assigned", title="Canteen prices")
        self._search(Case, "scholarship")  # warm the view and rule caches
        for more in (0, 60):
            if more:
                self._case_in_state("registered", count=more, title="Late scholarship again")
            self.env.invalidate_all()
            with self.assertQueryCount(LIST_SEARCH_QUERIES):
                result = self._search(Case, "SCHOLARSHIP")
            self.assertEqual(result["length"], 85 + more, "case-insensitive, every matching case counted")
            self.assertTrue(all("cholarship" in row["title"] for row in result["records"]))
            self.assertEqual(len(result["records"]), 80, "one page")
