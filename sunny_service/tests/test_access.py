"""Who may do what on sunny.case (DESIGN.md, "Roles"), as a role × operation matrix
on an ordinary case and on a confidential report, both of unit A; the identity of
submitters; the visibility of the workflow records."""

from odoo.exceptions import AccessError, UserError

from .common import SunnyCaseCommon

ROLES = (
    "handler_a",
    "officer_a",
    "officer_a2",
    "officer_b",
    "center_staff",
    "center_manager",
    "discipline",
    "leadership",
    "portal_user",
    "portal_other",
    "public_user",
)

# O: allowed on the ordinary case of unit A, C: allowed on the confidential report of
# unit A, -: denied on both. Columns: hdlA handler_a, offA officer_a, offA2 officer_a2,
# offB officer_b, staff center_staff, mgr center_manager, disc discipline, lead
# leadership, owner portal_user, other portal_other, public public_user.
# The ordinary case is handled by handler_a; the report is entrusted to officer_a (not
# to officer_a2, his colleague at the same station) and has no handler. Both were
# submitted by portal_user. "identity" is reading submitter_name/phone/email and
# partner_id; "records" is seeing the case's returns, extensions, follow-ups and
# supervision notes.
MATRIX = """
operation  hdlA  offA  offA2  offB  staff  mgr  disc  lead  owner  other  public
read       O     OC    O      -     O      OC   C     O     OC     -      -
count      O     OC    O      -     O      OC   C     O     OC     -      -
write      O     OC    O      -     O      OC   C     -     -      -      -
create     -     -     -      -     O      OC   C     -     -      -      -
unlink     -     -     -      -     -      -    -     -     -      -      -
register   -     -     -      -     O      OC   C     -     -      -      -
reject     -     -     -      -     O      OC   C     -     -      -      -
assign     -     -     -      -     O      OC   C     -     -      -      -
accept     -     OC    O      -     -      -    -     -     -      -      -
return     -     OC    O      -     -      -    -     -     -      -      -
reply      O     OC    O      -     O      OC   C     -     -      -      -
approve    -     -     -      -     O      OC   C     -     -      -      -
refuse     -     -     -      -     O      OC   C     -     -      -      -
extension  -     OC    O      -     -      -    -     -     -      -      -
follow_up  -     -     -      -     O      OC   C     -     -      -      -
cancel     -     -     -      -     O      OC   C     -     OC     -      -
identity   -     -     -      -     O      OC   C     -     -      -      -
records    O     OC    O      -     O      OC   C     O     -      -      -
"""

# transition: (state the case is in, arguments, state it reaches)
TRANSITIONS = {
    "register": ("new", (), "registered"),
    "reject": ("new", ("Outside the remit.",), "rejected"),
    "assign": ("registered", ("unit_a", "officer_a"), "assigned"),
    "accept": ("assigned", (), "processing"),
    "return": ("processing", ("Not ours.",), "registered"),
    "reply": ("processing", ("Open until 23:00.",), "review"),
    "approve": ("review", (), "replied"),
    "refuse": ("review", ("Say more.",), "processing"),
    "extension": ("processing", (2, "Lab results."), "processing"),
    "follow_up": ("replied", ("satisfied", "Called back."), "closed"),
    "cancel": ("processing", (), "cancelled"),
}
METHODS = {
    "register": "action_register",
    "reject": "action_reject",
    "assign": "action_assign",
    "accept": "action_accept",
    "return": "action_return",
    "reply": "action_submit_reply",
    "approve": "action_approve_reply",
    "refuse": "action_refuse_reply",
    "extension": "action_request_extension",
    "follow_up": "action_follow_up",
    "cancel": "action_cancel",
}
IDENTITY_FIELDS = ["submitter_name", "submitter_phone", "submitter_email", "partner_id"]
RECORD_MODELS = ("sunny.case.return", "sunny.case.extension", "sunny.case.followup", "sunny.case.supervision")


COLUMNS = dict(
    zip(
        ("hdlA", "offA", "offA2", "offB", "staff", "mgr", "disc", "lead", "owner", "other", "public"),
        ROLES,
        strict=True,
    )
)


def parse_matrix(text):
    lines = [line.split() for line in text.strip().splitlines()]
    roles = [COLUMNS[column] for column in lines[0][1:]]
    assert tuple(roles) == ROLES, roles
    return {
        row[0]: {role: (("O" in cell), ("C" in cell)) for role, cell in zip(roles, row[1:], strict=True)}
        for row in lines[1:]
    }


EXPECTED = parse_matrix(MATRIX)


class TestAccess(SunnyCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls._case_in_state("processing", handler=cls.handler_a)
        cls.report = cls._case_in_state("processing", case_type="report")
        assert cls.report.is_confidential and cls.report.entrusted_user_ids == cls.officer_a

    def _user(self, role):
        return getattr(self, role)

    def _kinds(self):
        return (("ordinary", 0, self.case), ("confidential", 1, self.report))

    def _attempt(self, operation, role, kind, allowed, action, check=None):
        """Run ``action`` and check it succeeds or is refused as the matrix says, then
        run ``check(allowed)``. A refused call is rolled back, as an RPC would be."""
        with self.subTest(role=role, operation=operation, case=kind):
            self.env.invalidate_all()
            if allowed:
                with self.env.cr.savepoint():
                    action()
            else:
                with self.assertRaises(UserError, msg=f"{role} must not {operation} the {kind} case"):
                    with self.env.cr.savepoint():
                        action()
            self.env.invalidate_all()
            if check:
                check(allowed)

    # ------------------------------------------------------------------ read, count, write

    def test_read(self):
        for role in ROLES:
            for kind, index, case in self._kinds():
                allowed = EXPECTED["read"][role][index]
                with self.subTest(role=role, operation="read", case=kind):
                    Case = self._as(self.env["sunny.case"], self._user(role))
                    if allowed:
                        self.assertEqual(Case.search([("id", "=", case.id)]).ids, case.ids)
                        self.assertEqual(Case.browse(case.id).read(["title"])[0]["title"], case.title)
                    else:
                        try:
                            found = Case.search([("id", "=", case.id)])
                        except AccessError:
                            found = Case
                        self.assertFalse(found, f"{role} finds the {kind} case")
                        with self.assertRaises(AccessError):
                            self._as(case, self._user(role)).read(["title"])

    def test_search_count(self):
        for role in ROLES:
            for kind, index, case in self._kinds():
                allowed = EXPECTED["count"][role][index]
                with self.subTest(role=role, operation="count", case=kind):
                    Case = self._as(self.env["sunny.case"], self._user(role))
                    try:
                        count = Case.search_count([("id", "=", case.id)])
                    except AccessError:
                        count = 0
                    self.assertEqual(count, int(allowed))

    def test_write_editable_field(self):
        for role in ROLES:
            for kind, index, case in self._kinds():
                note = f"Progress noted by {role}"

                def write(case=case, role=role, note=note):
                    self._as(case, self._user(role)).write({"progress_note": note})
                    self.env.flush_all()

                def check(allowed, case=case, note=note):
                    self.assertEqual(case.progress_note == note, allowed)

                self._attempt("write", role, kind, EXPECTED["write"][role][index], write, check)

    def test_create(self):
        for role in ROLES:
            for kind, index, _case in self._kinds():
                title = f"Created by {role} ({kind})"

                def create(role=role, kind=kind, title=title):
                    self._as(self.env["sunny.case"], self._user(role)).create(
                        {
                            "title": title,
                            "content": "The heating in building 5 is off.",
                            "case_type": "report" if kind == "confidential" else "complaint",
                            "channel": "visit",
                        }
                    )
                    self.env.flush_all()

                def check(allowed, title=title):
                    self.assertEqual(self.env["sunny.case"].search_count([("title", "=", title)]), int(allowed))

                self._attempt("create", role, kind, EXPECTED["create"][role][index], create, check)

    def test_unlink(self):
        for role in ROLES:
            for kind, index, case in self._kinds():
                self._attempt(
                    "unlink",
                    role,
                    kind,
                    EXPECTED["unlink"][role][index],
                    lambda case=case, role=role: self._as(case, self._user(role)).unlink(),
                    lambda allowed, case=case: self.assertEqual(not case.exists(), allowed),
                )

    # ------------------------------------------------------------------ transitions

    def test_transitions(self):
        for name, (state, args, reached) in TRANSITIONS.items():
            for kind, index, _case in self._kinds():
                confidential = kind == "confidential"
                # one fresh case per role, like the matrix cases: the ordinary ones with
                # handler_a, the reports entrusted to officer_a
                cases = self._case_in_state(
                    state,
                    count=len(ROLES),
                    case_type="report" if confidential else "consultation",
                    handler=None if confidential else self.handler_a,
                )
                for role, case in zip(ROLES, cases, strict=False):
                    allowed = EXPECTED[name][role][index]
                    call_args = [getattr(self, a) if a in ("unit_a", "officer_a") else a for a in args]

                    def run(case=case, role=role, call_args=call_args, name=name):
                        getattr(self._as(case, self._user(role)), METHODS[name])(*call_args)
                        self.env.flush_all()

                    def check(allowed, case=case, name=name, state=state, reached=reached):
                        self.assertEqual(case.state, reached if allowed else state)
                        if name == "extension":
                            self.assertEqual(len(case.extension_ids), int(allowed))

                    self._attempt(name, role, kind, allowed, run, check)

    # ------------------------------------------------------------------ identity

    def test_identity_fields(self):
        for role in ROLES:
            for kind, index, case in self._kinds():
                allowed = EXPECTED["identity"][role][index]
                with self.subTest(role=role, operation="identity", case=kind):
                    record = self._as(case, self._user(role))
                    if allowed:
                        fields = (
                            IDENTITY_FIELDS
                            if role in ("center_manager", "discipline")
                            else [field for field in IDENTITY_FIELDS if field != "partner_id"]
                        )
                        values = record.read(fields)[0]
                        self.assertEqual(values["submitter_name"], "Zhang San")
                        self.assertEqual(values["submitter_phone"], "13800138000")
                        # the account behind a case: the manager and discipline only
                        if role in ("center_manager", "discipline"):
                            self.assertEqual(values["partner_id"][0], self.portal_user.partner_id.id)
                    else:
                        for field in IDENTITY_FIELDS:
                            with self.assertRaises(AccessError):
                                self._as(case, self._user(role)).read([field])

    def test_identity_cannot_be_searched_for(self):
        """Searching on a hidden field would reveal it one guess at a time."""
        for role in ("officer_a", "handler_a", "leadership", "portal_user"):
            for field, value in (
                ("submitter_phone", "13800138000"),
                ("submitter_name", "Zhang"),
                ("partner_id", self.portal_user.partner_id.id),
            ):
                with self.subTest(role=role, field=field), self.assertRaises(AccessError):
                    self._as(self.env["sunny.case"], self._user(role)).search([(field, "=", value)])
        staff = self._as(self.env["sunny.case"], self.center_staff)
        self.assertIn(self.case, staff.search([("submitter_phone", "=", "13800138000")]))

    def test_submitter_display(self):
        identity = "Zhang San · 13800138000 · portal.student@example.com"
        # confidential: the identity for the manager and discipline only
        for role, expected in (("center_manager", identity), ("discipline", identity), ("officer_a", "Confidential")):
            with self.subTest(role=role, case="confidential"):
                shown = self._as(self.report, self._user(role)).submitter_display
                self.assertEqual(shown, expected)
        # an ordinary case: the unit may call the person back, the center knows them
        for role in ("officer_a", "handler_a", "center_staff"):
            with self.subTest(role=role, case="ordinary"):
                self.assertEqual(self._as(self.case, self._user(role)).submitter_display, identity)
        # the leadership reads the case, not who sent it
        self.assertEqual(
            self._as(self.case, self.leadership).submitter_display, "Z******** · 138****8000 · p***@example.com"
        )
        # anonymous: nobody sees a name
        anonymous = self._case_in_state("processing", is_anonymous=True)
        for role in ("center_manager", "officer_a"):
            with self.subTest(role=role, case="anonymous"):
                self.assertEqual(self._as(anonymous, self._user(role)).submitter_display, "Anonymous")
        # the chatter does not suggest the confidential submitter as a recipient to the unit
        self.assertEqual(self._as(self.report, self.officer_a)._message_get_suggested_recipients(), [])

    def test_confidential_submitter_not_revealed_by_the_chatter(self):
        """DESIGN.md: the identity of a confidential case's submitter is readable only
        by the center manager and discipline inspection, so not by the entrusted
        officer through the chatter (authors, recipients, followers) either."""
        report = self._case_in_state("replied", case_type="report")
        submitter = self.portal_user.partner_id
        officer_view = self._as(report, self.officer_a)
        messages = officer_view.message_ids.read(["author_id", "partner_ids", "email_from", "body"])
        with self.subTest(part="message authors"):
            self.assertNotIn(submitter.id, [m["author_id"] and m["author_id"][0] for m in messages])
        with self.subTest(part="message recipients"):
            self.assertNotIn(submitter.id, [p for m in messages for p in m["partner_ids"]])
        with self.subTest(part="message texts"):
            for m in messages:
                for secret in ("Zhang San", "13800138000", "portal.student@example.com"):
                    self.assertNotIn(secret, f"{m['email_from']} {m['body']}")
        with self.subTest(part="followers"):
            self.assertNotIn(submitter, self._as(report, self.officer_a).message_partner_ids)

        # a whistleblower's mail, made a confidential report by the center
        mail = (
            "From: Li Si <li.si@example.com>\r\nTo: sunny@example.com\r\nSubject: Exam papers sold\r\n"
            "Message-ID: <whistle-1@example.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            "Someone sells the exam papers in building 3.\r\n"
        )
        mailed = self.env["sunny.case"].browse(self.env["mail.thread"].sudo().message_process("sunny.case", mail))
        self._as(mailed, self.center_manager).write({"case_type": "report"})
        self.assertTrue(mailed.is_confidential)
        self._step(mailed, "register")
        self._step(mailed, "assign")
        messages = self._as(mailed, self.officer_a).message_ids.read(["author_id", "email_from", "body"])
        with self.subTest(part="the mail's sender"):
            for m in messages:
                self.assertNotIn("li.si@example.com", f"{m['email_from']} {m['author_id']} {m['body']}")

    # ------------------------------------------------------------------ unit writes

    def test_units_edit_only_their_notes(self):
        for role, case, vals in (
            ("officer_a", self.case, {"title": "Renamed by the unit"}),
            ("officer_a", self.case, {"is_important": True}),
            ("officer_a", self.report, {"is_confidential": False}),
            ("officer_a", self.report, {"case_type": "suggestion"}),
            ("handler_a", self.case, {"public_reply": "Published by the handler"}),
            ("officer_a", self.case, {"submitter_name": "Someone else"}),
        ):
            with self.subTest(role=role, vals=vals):
                with self.assertRaises(AccessError), self.env.cr.savepoint():
                    self._as(case, self._user(role)).write(vals)
                    self.env.flush_all()
        self.env.invalidate_all()
        self.assertTrue(self.report.is_confidential)
        self.assertEqual(self.report.case_type, "report")
        self.assertEqual(self.case.title, "The library closes too early")
        # the notes and the draft reply are theirs
        self._as(self.report, self.officer_a).write({"reply_draft": "Draft by the entrusted officer."})
        self._as(self.case, self.handler_a).write({"progress_note": "Called the library director."})
        self.env.invalidate_all()
        self.assertEqual(self.report.reply_draft, "Draft by the entrusted officer.")
        self.assertEqual(self.case.progress_note, "Called the library director.")

    # ------------------------------------------------------------------ workflow records

    def test_workflow_records_follow_the_case(self):
        # give both cases one of each record, on unit A: a return, an extension, a
        # follow-up, a supervision note
        for case in (self.case, self.report):
            self._as(case, self.officer_a).action_return("Wrong unit, sorry.")
            self._step(case, "assign")
            self._step(case, "accept", handler=None if case.is_confidential else self.handler_a)
            self._as(case, self.officer_a).action_request_extension(2, "Lab results.")
            self._step(case, "reply")
            self._step(case, "approve")
            center = self._center_for(case)
            self._as(case, center).action_follow_up("dissatisfied", "Still closed at 21:00.")
            self._as(case, center).action_supervise("Second complaint about the library.")
            self.env.invalidate_all()
            self.assertEqual(case.state, "processing")
            for model in RECORD_MODELS:
                self.assertEqual(self.env[model].search_count([("case_id", "=", case.id)]), 1, model)
        for role in ROLES:
            for kind, index, case in self._kinds():
                allowed = EXPECTED["records"][role][index]
                for model in RECORD_MODELS:
                    with self.subTest(role=role, model=model, case=kind):
                        records = self._as(self.env[model], self._user(role))
                        try:
                            found = records.search([("case_id", "=", case.id)])
                        except AccessError:
                            found = records
                        self.assertEqual(len(found), int(allowed))
                        if not allowed:
                            hidden = self.env[model].search([("case_id", "=", case.id)])
                            with self.assertRaises(AccessError):
                                self._as(hidden, self._user(role)).read(["case_id"])

    def test_workflow_records_readable_exactly_with_their_case(self):
        """Every internal role reads the records of the cases it reads, and no other:
        cases of both units, ordinary and confidential, with and without a handler,
        each with a return, an extension, a supervision note and a follow-up; and a
        case the center answered itself, whose follow-up has no unit."""
        cases = self.env["sunny.case"]
        for case, unit, handler in (
            (self.case, self.unit_a, self.handler_a),
            (self.report, self.unit_a, None),
            (
                self._case_in_state("processing", handler=self.handler_a, case_type="report"),
                self.unit_a,
                self.handler_a,
            ),
            (self._case_in_state("processing", unit=self.unit_b), self.unit_b, None),
            (self._case_in_state("processing", unit=self.unit_b, case_type="report"), self.unit_b, None),
        ):
            officer, center = self._officer_for(unit), self._center_for(case)
            self._as(case, officer).action_return("Wrong unit, sorry.")
            self._step(case, "assign", unit=unit)
            self._step(case, "accept", unit=unit, handler=handler)
            self._as(case, officer).action_request_extension(1, "Waiting for a part.")
            self._as(case, center).action_supervise("Watched by the center.")
            self._step(case, "reply")
            self._step(case, "approve")
            self._as(case, center).action_follow_up("dissatisfied", "Not settled.")
            self.env.invalidate_all()
            self.assertEqual((case.state, case.unit_id), ("processing", unit))
            self.assertEqual(case.handler_id, handler or self.env["res.users"])
            cases |= case
        answered = self._case_in_state("registered")
        self._as(answered, self.center_staff).action_submit_reply("The library opens at 8:00.")
        # four eyes: not approved by its author
        self._as(answered, self.center_manager).action_approve_reply()
        self._step(answered, "follow_up")
        self.assertFalse(answered.followup_ids.unit_id)
        cases |= answered

        records = {model: self.env[model].search([("case_id", "in", cases.ids)]) for model in RECORD_MODELS}
        for model, found in records.items():
            self.assertEqual(found.case_id, cases if model == "sunny.case.followup" else cases - answered, model)
        for role in ROLES:
            user = self._user(role)
            if user.share:
                continue  # no access to the records at all: test_workflow_records_follow_the_case
            readable = self._as(self.env["sunny.case"], user).search([("id", "in", cases.ids)])
            self.assertTrue(readable, role)
            for model, all_records in records.items():
                with self.subTest(role=role, model=model):
                    expected = all_records.filtered(lambda r, readable=readable: r.case_id in readable)
                    found = self._as(self.env[model], user).search([("case_id", "in", cases.ids)])
                    self.assertEqual(set(found.ids), set(expected.ids))
                    found.read(["case_id", "unit_id"])
                    for hidden in all_records - expected:
                        with self.assertRaises(AccessError):
                            self._as(hidden, user).read(["case_id"])

    def test_workflow_records_are_not_written_by_hand(self):
        request = self._as(self.case, self.officer_a).action_request_extension(2, "Lab results.")
        for role in ("officer_a", "center_staff", "leadership", "handler_a"):
            for vals in ({"state": "approved"}, {"days": 30}):
                with self.subTest(role=role, vals=vals), self.assertRaises(AccessError):
                    with self.env.cr.savepoint():
                        self._as(request, self._user(role)).write(vals)
                        self.env.flush_all()
        for role in ("officer_a", "center_staff", "center_manager", "leadership"):
            with self.subTest(role=role, operation="create"), self.assertRaises(AccessError):
                with self.env.cr.savepoint():
                    self._as(self.env["sunny.case.extension"], self._user(role)).create(
                        {
                            "case_id": self.case.id,
                            "days": 10,
                            "reason": "By hand.",
                            "requested_by": self._user(role).id,
                        }
                    )
        self.env.invalidate_all()
        self.assertRecordValues(request, [{"state": "pending", "days": 2}])
