"""Cases created in bulk (an import): the same cases as one by one, for a cost
that does not grow per case in queries."""

from odoo.tests import tagged

from .common import SunnyCaseCommon

IMPORT_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "import_file": True,
}


@tagged("sunny_workflow")
class TestBulkCreate(SunnyCaseCommon):
    def _vals(self, i, **vals):
        return dict(
            {
                "title": f"Letter {i}",
                "content": f"What letter {i} asks.",
                "case_type": "consultation",
                "channel": "letter",
                "submitter_name": f"Li {i}",
                "submitter_role": "student",
            },
            **vals,
        )

    def test_a_batch_keeps_each_submitter_and_its_computed_fields(self):
        vals_list = [
            self._vals(0, submitter_phone="13800000000", submitter_email="li0@example.com"),
            self._vals(1, case_type="report"),
            self._vals(2, submitter_name=False),
            {k: v for k, v in self._vals(3).items() if k != "submitter_name"},
        ]
        given = [dict(vals) for vals in vals_list]
        cases = self.env["sunny.case"].with_context(**IMPORT_CONTEXT).create(vals_list)
        self.assertEqual(vals_list, given, "the caller's values are left as they were")
        self.assertEqual(len(set(cases.mapped("name"))), 4, "a number each")
        self.assertEqual(cases.mapped("is_confidential"), [False, True, False, False], "a report is confidential")
        self.assertFalse(any(cases.mapped("deadline")), "no deadline before it is assigned")
        self.assertEqual(set(cases.mapped("state")), {"new"})
        self.assertTrue(all(cases.mapped("received_date")))
        self.env.flush_all()
        self.env.invalidate_all()
        # read back from the database by those who may know the submitter
        manager_cases = cases.with_user(self.center_manager)
        self.assertEqual(manager_cases.mapped("submitter_name"), ["Li 0", "Li 1", False, False])
        self.assertEqual(manager_cases[0].submitter_phone, "13800000000")
        self.assertEqual(manager_cases[0].submitter_email, "li0@example.com")
        identities = self.env["sunny.case.identity"].search([("case_id", "in", cases.ids)])
        self.assertEqual(identities.case_id, cases[:2], "no identity record for a case without a submitter")
        self.assertEqual(
            self.env["sunny.case"].search([("submitter_name", "=", "Li 1")]), cases[1], "searchable as before"
        )

    def test_a_case_created_alone_or_by_center_staff(self):
        case = self.env["sunny.case"].with_user(self.center_staff).create(self._vals(7, submitter_phone="139"))
        self.assertEqual(case.submitter_name, "Li 7", "what was typed in is shown back")
        self.env.invalidate_all()
        self.assertEqual(case.with_user(self.center_manager).submitter_phone, "139")
        case.with_user(self.center_manager).write({"submitter_phone": "137"})
        self.env.invalidate_all()
        self.assertEqual(case.with_user(self.center_manager).submitter_phone, "137", "edited as before")

    def test_the_queries_of_a_batch_do_not_grow_with_its_cases(self):
        Case = self.env["sunny.case"].with_context(**IMPORT_CONTEXT)

        def queries(count):
            vals_list = [self._vals(i, submitter_phone=f"1380000{i:04d}") for i in range(count)]
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            Case.create(vals_list)
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        queries(2)  # caches
        self.assertEqual(queries(3), queries(30))
        with self.assertQueryCount(QUERIES_BATCH):
            Case.create([self._vals(i) for i in range(30)])
            self.env.flush_all()


# the sequence, the numbers of the batch, one insert of the cases, one of their submitters'
QUERIES_BATCH = 4
