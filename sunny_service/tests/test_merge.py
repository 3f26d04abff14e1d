"""Merging duplicate cases: the kept case gets the messages, attachments and
followers; the duplicates stay, rejected, pointing to it."""

import base64

from odoo.exceptions import AccessError, UserError

from .common import NOW, SunnyCaseCommon


class TestMerge(SunnyCaseCommon):
    def _attach(self, case, name):
        return self.env["ir.attachment"].create(
            {
                "name": name,
                "res_model": "sunny.case",
                "res_id": case.id,
                "datas": base64.b64encode(f"content of {name}".encode()),
            }
        )

    def _duplicates(self):
        kept = self._case_in_state("registered", title="Heating off in dormitory 5")
        first = self._create_case(title="No heating, dorm 5", partner_id=self.portal_other.partner_id.id)
        second = self._case_in_state("registered", title="Dorm 5 is cold")
        first.message_subscribe(partner_ids=self.portal_other.partner_id.ids)
        notes = {
            first: first.message_post(
                body="Photo of the radiator attached.", message_type="comment", subtype_xmlid="mail.mt_note"
            ),
            second: second.message_post(
                body="It has been three days.", message_type="comment", subtype_xmlid="mail.mt_note"
            ),
        }
        files = {first: self._attach(first, "radiator.jpg"), second: self._attach(second, "thermometer.jpg")}
        return kept, first | second, notes, files

    def test_merge_keeps_each_conversation_with_its_case(self):
        """Each submitter keeps their own conversation and files: nothing moves to
        the kept case, whose chatter lists the duplicates."""
        kept, duplicates, notes, files = self._duplicates()
        kept_attachment = self._attach(kept, "kept.pdf")
        kept_messages = kept.message_ids
        kept_followers = kept.message_partner_ids
        self._as(duplicates, self.center_staff).action_merge_into(self._as(kept, self.center_staff))
        self._flush_tracking()
        self.env.invalidate_all()

        for duplicate in duplicates:
            self.assertEqual(duplicate.state, "rejected")
            self.assertEqual(duplicate.duplicate_of_id, kept)
            self.assertEqual(duplicate.reject_reason, f"Duplicate of {kept.name}")
            self.assertEqual(duplicate.closed_date, NOW)
            self.assertIn(notes[duplicate], duplicate.message_ids)
            self.assertNotIn(notes[duplicate], kept.message_ids)
            self.assertEqual(files[duplicate].res_id, duplicate.id)
            self.assertTrue(duplicate.message_ids.filtered(lambda m: f"Duplicate of {kept.name}" in m.body))
        self.assertEqual(
            self.env["ir.attachment"].search([("res_model", "=", "sunny.case"), ("res_id", "=", kept.id)]),
            kept_attachment,
        )
        self.assertEqual(kept.message_partner_ids, kept_followers, "nobody joins the kept case")
        self.assertEqual(kept.state, "registered", "the kept case goes on")
        new_messages = kept.message_ids - kept_messages
        self.assertTrue(
            new_messages.filtered(lambda m: "Merged duplicates" in m.body and all(d.name in m.body for d in duplicates))
        )

    def test_merge_across_confidentiality_refused(self):
        report = self._case_in_state("registered", case_type="report")
        ordinary = self._case_in_state("registered", case_type="complaint")
        for source, target in ((report, ordinary), (ordinary, report)):
            snapshot = self._snapshot(source)
            with self.assertRaises(UserError):
                self._as(source, self.center_manager).action_merge_into(target.id)
            self.assertUnchanged(source, snapshot)

    def test_merge_into_itself_refused(self):
        kept, duplicates, _notes, _files = self._duplicates()
        snapshots = {case: self._snapshot(case) for case in kept | duplicates}
        for cases in (kept, kept | duplicates):
            with self.subTest(cases=cases.mapped("name")):
                with self.assertRaisesRegex(UserError, "cannot be merged into itself"):
                    self._as(cases, self.center_staff).action_merge_into(kept)
        for case, snapshot in snapshots.items():
            self.assertUnchanged(case, snapshot)

    def test_merge_needs_one_open_target(self):
        kept, duplicates, _notes, _files = self._duplicates()
        rejected = self._case_in_state("rejected")
        snapshots = {case: self._snapshot(case) for case in kept | duplicates}
        for target, message in (
            (self.env["sunny.case"], "Choose the one case the duplicates are merged into"),
            (kept | rejected, "Choose the one case the duplicates are merged into"),
            (rejected, "not a rejected or cancelled one"),
        ):
            with self.subTest(target=target.mapped("name")), self.assertRaisesRegex(UserError, message):
                self._as(duplicates, self.center_staff).action_merge_into(target)
        for case, snapshot in snapshots.items():
            self.assertUnchanged(case, snapshot)

    def test_merge_only_new_or_registered_duplicates(self):
        kept = self._case_in_state("registered")
        assigned = self._case_in_state("assigned")
        snapshot = self._snapshot(assigned)
        with self.assertRaisesRegex(UserError, f"Case {assigned.name} is Assigned: it cannot be merged"):
            self._as(assigned, self.center_staff).action_merge_into(kept)
        self.assertUnchanged(assigned, snapshot)

    def test_merge_by_a_non_center_user_refused(self):
        kept, duplicates, _notes, _files = self._duplicates()
        snapshots = {case: self._snapshot(case) for case in kept | duplicates}
        for user in (self.officer_a, self.handler_a, self.leadership, self.portal_user):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                self._as(duplicates, user).action_merge_into(kept.with_user(user))
        for case, snapshot in snapshots.items():
            self.assertUnchanged(case, snapshot)

    def test_merge_confidential_needs_the_manager(self):
        kept = self._case_in_state("registered", case_type="report")
        duplicate = self._case_in_state("new", case_type="report")
        snapshot = self._snapshot(duplicate)
        with self.assertRaises(AccessError):
            self._as(duplicate, self.center_staff).action_merge_into(kept.with_user(self.center_staff))
        self.assertUnchanged(duplicate, snapshot)
        self._as(duplicate, self.center_manager).action_merge_into(kept.with_user(self.center_manager))
        self.assertEqual(duplicate.state, "rejected")
        self.assertEqual(duplicate.duplicate_of_id, kept)

    def test_merge_wizard(self):
        kept, duplicates, notes, files = self._duplicates()
        cases = (kept | duplicates).sorted("id")
        self.assertEqual(cases[0], kept, "the oldest case is kept by default")
        Wizard = self._as(self.env["sunny.case.merge.wizard"], self.center_staff).with_context(
            active_model="sunny.case", active_ids=cases.ids
        )
        wizard = Wizard.create({})
        self.assertEqual(wizard.target_id, kept)
        self.assertEqual(wizard.case_ids, duplicates)
        action = wizard.action_merge()
        self.assertEqual((action["res_model"], action["res_id"]), ("sunny.case", kept.id))
        self.env.invalidate_all()
        self.assertEqual(set(duplicates.mapped("state")), {"rejected"})
        self.assertEqual(duplicates.duplicate_of_id, kept)
        for duplicate in duplicates:
            self.assertIn(notes[duplicate], duplicate.message_ids, "each keeps its conversation")
            self.assertEqual(files[duplicate].res_id, duplicate.id)

    def test_merge_wizard_refuses_merging_into_a_duplicate(self):
        kept, duplicates, _notes, _files = self._duplicates()
        wizard = self._as(self.env["sunny.case.merge.wizard"], self.center_staff).create(
            {
                "case_ids": [(6, 0, (kept | duplicates).ids)],
                "target_id": kept.id,
            }
        )
        snapshots = {case: self._snapshot(case) for case in kept | duplicates}
        with self.assertRaisesRegex(UserError, "cannot be merged into itself"):
            wizard.action_merge()
        for case, snapshot in snapshots.items():
            self.assertUnchanged(case, snapshot)
