"""The case kanban as the web client loads it: one web_read_group by state, then a
web_search_read of the first page of each open column. Its cost must not grow with
the number of cases, and every state shows as a column."""

from .common import STATES, SunnyCaseCommon

# a unit never has a case before it is assigned: its people's board has no column for it
UNIT_COLUMNS = ("assigned", "processing", "review", "replied", "closed", "cancelled")

# what the kanban card of sunny_case_view_kanban reads (fields of the arch, the
# highlight colour, and the dependencies of the kanban_activity widget)
CARD_SPEC = {
    "state": {},
    "deadline_state": {},
    "is_important": {},
    "is_confidential": {},
    "return_count": {},
    "name": {},
    "case_type": {},
    "title": {},
    "unit_id": {"fields": {"display_name": {}}},
    "deadline": {},
    "activity_ids": {},
    "activity_exception_decoration": {},
    "activity_exception_icon": {},
    "activity_state": {},
    "activity_summary": {},
    "activity_type_icon": {},
    "activity_type_id": {"fields": {"display_name": {}}},
    "color": {},
}
GROUP_LIMIT = 80  # RelationalModel.DEFAULT_GROUP_LIMIT
PAGE = 40  # the kanban's default page size per column
# measured: 1 web_read_group, then for each of the two open columns the page of
# cases, their activities and the officer rules' relations (12 queries a column)
KANBAN_QUERIES = 25
# measured: the center's board on the test database (the demo cases fill the open
# columns new to replied, some with the center's own to-dos, a returned case and an
# extension to decide; closed, rejected and cancelled are folded, not loaded)
CENTER_KANBAN_QUERIES = 41


class TestKanban(SunnyCaseCommon):
    def _load_kanban(self, Case, domain=()):
        """Do what the web client does when it opens the kanban."""
        result = Case.web_read_group(list(domain), [], ["state"], limit=GROUP_LIMIT, offset=0, orderby="", lazy=True)
        columns = {}
        for group in result["groups"]:
            records = []
            if group["state_count"] and not group.get("__fold"):
                records = Case.with_context(bin_size=True).web_search_read(
                    group["__domain"],
                    CARD_SPEC,
                    offset=0,
                    limit=PAGE,
                    order="",
                    count_limit=10001,
                )["records"]
            columns[group["state"]] = (group["state_count"], records)
        return columns

    def _populate(self, count):
        """``count`` more cases for unit A, half assigned, half in processing, plus
        cases the officer must not see (unit B, a confidential report not his)."""
        half = count // 2
        self._case_in_state("assigned", count=half)
        self._case_in_state("processing", count=count - half, handler=self.handler_a)
        self._case_in_state("assigned", count=2, unit=self.unit_b)

    def test_every_state_is_a_column(self):
        # no case of unit A yet: the officer's board is empty, with all the columns a
        # unit can have cases in (never those before assignment, always empty for him)
        columns = self._load_kanban(self._as(self.env["sunny.case"], self.officer_a))
        self.assertEqual(list(columns), list(UNIT_COLUMNS), "in the workflow's order")
        self.assertTrue(all(count == 0 for count, _records in columns.values()))
        self._case_in_state("processing")
        columns = self._load_kanban(self._as(self.env["sunny.case"], self.officer_a))
        self.assertEqual(list(columns), list(UNIT_COLUMNS))
        self.assertEqual(columns["processing"][0], 1)
        # the center has every state
        columns = self._load_kanban(self._as(self.env["sunny.case"], self.center_staff))
        self.assertEqual(list(columns), list(STATES), "every state shows, in the workflow's order")

    def test_officer_kanban_cost_does_not_grow_with_cases(self):
        # a confidential report of unit A entrusted to the colleague: invisible to officer_a2
        self._case_in_state("processing", case_type="report")
        created = 0
        for total in (20, 60):
            self._populate(total - created)
            created = total
            Case = self._as(self.env["sunny.case"], self.officer_a2)
            self._load_kanban(Case)  # warm the registry caches (rules, ACLs, views)
            self.env.invalidate_all()
            with self.assertQueryCount(KANBAN_QUERIES):
                columns = self._load_kanban(Case)
            # the officer sees his unit's cases, and only those
            self.assertEqual(columns["assigned"][0] + columns["processing"][0], total)
            shown = [r for _count, records in columns.values() for r in records]
            self.assertEqual(len(shown), total)
            self.assertEqual({r["unit_id"]["display_name"] for r in shown}, {self.unit_a.name})
            self.assertFalse(any(r["is_confidential"] for r in shown))
            self.assertTrue(all(r["activity_ids"] for r in columns["assigned"][1]), "the to-do shows on the card")

    def _count_queries(self, Case):
        self.env.invalidate_all()
        self.env.flush_all()
        start = self.cr.sql_log_count
        self._load_kanban(Case)
        return self.cr.sql_log_count - start

    def test_same_query_count_for_20_and_60_cases(self):
        measured, created = {}, 0
        for total in (20, 60):
            self._populate(total - created)
            created = total
            Case = self._as(self.env["sunny.case"], self.officer_a)
            self._load_kanban(Case)
            measured[total] = self._count_queries(Case)
        self.assertEqual(measured[20], measured[60], measured)

    def test_finished_columns_are_folded_with_their_counts(self):
        self._case_in_state("processing")
        self._case_in_state("closed", count=2)
        self._case_in_state("rejected")
        Case = self._as(self.env["sunny.case"], self.center_staff)
        groups = {g["state"]: g for g in Case.web_read_group([], [], ["state"], lazy=True)["groups"]}
        self.assertEqual(list(groups), list(STATES), "every state is still a column")
        self.assertEqual({state for state, g in groups.items() if g.get("__fold")}, {"closed", "rejected", "cancelled"})
        self.assertGreaterEqual(groups["closed"]["state_count"], 2, "a folded column shows its count")
        self.assertFalse(groups["processing"].get("__fold"))
        # grouped by something else, nothing is folded by the case model
        by_type = Case.web_read_group([], [], ["case_type"], lazy=True)["groups"]
        self.assertFalse(any(g.get("__fold") for g in by_type))
        columns = self._load_kanban(Case)
        self.assertEqual(columns["closed"][1], [], "folded: its cases are not loaded")
        self.assertTrue(columns["processing"][1])

    def test_center_kanban_cost_does_not_grow_with_cases(self):
        """The center's board: the same number of queries for 20 and 60 cases in every
        open column, however many finished cases lie in the folded ones."""
        measured, created = {}, 0
        for total in (20, 60):
            self._populate(total - created)
            self._case_in_state("closed", count=total - created)
            created = total
            Case = self._as(self.env["sunny.case"], self.center_staff)
            self._load_kanban(Case)
            measured[total] = self._count_queries(Case)
        self.assertEqual(measured[20], measured[60], measured)
        self.assertEqual(measured[60], CENTER_KANBAN_QUERIES)
