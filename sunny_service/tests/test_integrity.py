"""Integrity of the record: nobody moves a case past the workflow with a plain
create or write, ownership is proven and never inferred from an address, portal
users do not read the back office's fields, and the workflow API accepts ids from
RPC callers with clear errors for anything else."""

from odoo.exceptions import AccessError, UserError

from .common import SunnyCaseCommon


class TestIntegrity(SunnyCaseCommon):
    def test_center_staff_cannot_create_a_case_further_along(self):
        Case = self.env["sunny.case"].with_user(self.center_staff)
        base = {"title": "Shortcut", "content": "Made closed by hand.", "case_type": "complaint"}
        for extra in (
            {"state": "closed"},
            {"satisfaction": "very_satisfied"},
            {"is_published": True},
            {"public_reply": "All fine."},
            {"name": "YG2026-999999"},
            {"reply": "Done."},
            {"unit_id": self.unit_a.id},
            {"partner_id": self.portal_user.partner_id.id},
        ):
            with self.subTest(extra=extra), self.assertRaises(UserError):
                Case.create(dict(base, **extra))
        self.assertFalse(self.env["sunny.case"].search([("title", "=", "Shortcut")]))
        # a plain new case is fine, with its defaults spelled out as the web client sends them
        case = Case.create(dict(base, state="new", is_published=False))
        self.assertEqual(case.state, "new")

    def test_fixed_fields_are_not_rewritten(self):
        case = self._case_in_state("closed", case_type="complaint", allow_publish=True)
        manager = self._as(case, self.center_manager)
        manager.write({"public_title": "T", "public_content": "C", "public_reply": "R"})
        manager.action_publish()
        self._flush_tracking()
        for user, vals in (
            (self.center_staff, {"public_reply": "Rewritten by staff"}),
            (self.center_staff, {"allow_publish": False}),
            (self.center_manager, {"allow_publish": False}),
            (self.center_staff, {"received_date": "2026-01-01 00:00:00"}),
            (self.center_manager, {"name": "YG2026-000001"}),
            (self.center_staff, {"partner_id": self.portal_other.partner_id.id}),
        ):
            snapshot = self._snapshot(case)
            with self.subTest(user=user.login, vals=vals), self.assertRaises(UserError):
                self._as(case, user).write(vals)
            self.assertUnchanged(case, snapshot)
        self.assertEqual(case.public_reply, "R")
        self.assertTrue(case.allow_publish)

    def test_portal_owner_does_not_read_internal_fields(self):
        case = self._case_in_state("review")
        self._as(case, self.officer_a).write({"progress_note": "Called the library director."})
        owner = self._as(case, self.portal_user)
        self.assertEqual(owner.read(["title"])[0]["title"], case.title, "the owner reads their case")
        for field in (
            "progress_note",
            "reply_draft",
            "reply",
            "handler_id",
            "entrusted_user_ids",
            "public_reply",
            "duplicate_of_id",
        ):
            with self.subTest(field=field), self.assertRaises(AccessError):
                self._as(case, self.portal_user).read([field])

    def test_approved_reply_binds_no_account_by_address(self):
        """The reply goes to the typed address; the portal user who owns a partner
        with that address does not get the case."""
        case = self._case_in_state("review", partner_id=False, submitter_email=self.portal_other.email)
        self.assertEqual(case.partner_id.id, False)
        partners_before = self.env["res.partner"].search_count([])
        self._as(case, self.center_staff).action_approve_reply()
        self.assertFalse(case.partner_id)
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before, "no contact is created")
        mail = self.env["mail.mail"].search([("email_to", "=", self.portal_other.email)])
        self.assertTrue(mail)
        self.assertFalse(mail.recipient_ids)
        self.assertFalse(self._as(case, self.portal_other).search_count([("id", "=", case.id)]))

    def test_workflow_api_takes_ids(self):
        case = self._case_in_state("registered")
        self._as(case, self.center_staff).action_assign(self.unit_a.id)
        self.assertEqual(case.unit_id, self.unit_a)
        self._as(case, self.officer_a).action_accept(self.handler_a.id)
        self.assertEqual(case.handler_id, self.handler_a)
        report = self._case_in_state("registered", case_type="report")
        self._as(report, self.center_manager).action_assign(self.unit_a, entrusted_users=[self.officer_a2.id])
        self.assertEqual(report.entrusted_user_ids, self.officer_a2)

    def test_workflow_api_refuses_bad_input_with_a_user_error(self):
        case = self._case_in_state("registered")
        snapshot = self._snapshot(case)
        center = self._as(case, self.center_staff)
        for unit in ("abc", 99999999, -1, [self.unit_a.id, self.unit_b.id], {"id": 1}, True, self.handler_a):
            with self.subTest(unit=unit), self.assertRaises(UserError):
                center.action_assign(unit)
        self.assertUnchanged(case, snapshot)
        assigned = self._case_in_state("assigned")
        snapshot = self._snapshot(assigned)
        for handler in ("x", 99999999, self.officer_b.id, self.unit_a):
            with self.subTest(handler=handler), self.assertRaises(UserError):
                self._as(assigned, self.officer_a).action_accept(handler)
        self.assertUnchanged(assigned, snapshot)

    def test_refusals_do_not_name_the_case(self):
        report = self._case_in_state("assigned", case_type="report", title="Bribery at the tender")
        for call in (
            lambda: self._as(report, self.officer_b).action_accept(),
            lambda: self._as(report, self.officer_b).action_submit_reply("x"),
            lambda: self._as(report, self.portal_other).action_cancel(),
        ):
            with self.assertRaises(UserError) as caught:
                call()
            self.assertNotIn(report.name, str(caught.exception))
            self.assertNotIn("Bribery", str(caught.exception))

    def test_buttons_follow_the_gate(self):
        """A can_* flag is true exactly when the workflow's gate lets the action run:
        no button shows that fails when pressed, none is missing."""
        from ..models.sunny_case import WORKFLOW

        cases = [
            self._case_in_state(state)
            for state in ("new", "registered", "assigned", "processing", "review", "replied", "closed")
        ]
        cases.append(self._case_in_state("processing", case_type="report"))
        people = (
            self.center_staff,
            self.center_manager,
            self.discipline,
            self.leadership,
            self.officer_a,
            self.officer_a2,
            self.officer_b,
            self.handler_a,
        )
        actions = [action for action in WORKFLOW if f"can_{action}" in self.env["sunny.case"]._fields]
        self.assertGreater(len(actions), 10)
        for user in people:
            for case in cases:
                as_user = self._as(case, user)
                if not as_user.has_access("read"):
                    continue
                for action in actions:
                    with self.subTest(user=user.login, state=case.state, action=action):
                        try:
                            as_user._sunny_gate(action)
                            passed = True
                        except UserError:
                            passed = False
                        can = as_user[f"can_{action}"]
                        if action in ("publish", "unpublish", "supervise", "request_information", "close_unanswered"):
                            # these buttons also need what the action checks (consent, flags,
                            # the pause allowed for the type, a question waiting)
                            self.assertTrue(passed or not can)
                        else:
                            self.assertEqual(can, passed)
