"""Who learns what about a case, channel by channel (the confidentiality issue).

One confidential report and one ordinary complaint of unit A, both filed by the
portal user while logged in, walked through a life that changes their audience:
assigned to unit A (the report entrusted to ``staff_officer``, a center employee
who is also an officer of unit A), given to a handler, completed by the submitter,
returned by unit A, sent to unit B, answered and approved.

PEOPLE × CHANNELS: each cell of ``EXPECT`` says what that person gets. The channels
that tell people about a case (followers, notifications, to-dos, case lists) must
never reach someone who may not read it, and the submitter of the report is known
only to the center manager and discipline inspection.
"""

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import SunnyCaseCommon

# a station's new officer: the station, the unit's open cases, their followers and
# to-dos, one subscription of those missing
JOIN_QUERIES = 56

PEOPLE = (
    "handler_a",
    "officer_a",
    "officer_a2",
    "staff_officer",
    "officer_b",
    "center_staff",
    "center_manager",
    "discipline",
    "leadership",
    "portal_user",
    "portal_other",
)

# Who may read each case (r) and know its submitter (i) once the report has gone to
# unit B: staff_officer and handler_a are former members of its audience.
EXPECT = """
person          report  complaint
handler_a       -       -
officer_a       -       -
officer_a2      -       -
staff_officer   -       ri
officer_b       r       r
center_staff    -       ri
center_manager  ri      ri
discipline      ri      -
leadership      -       r
portal_user     r       r
portal_other    -       -
"""


@tagged("post_install", "-at_install")
class TestAudience(SunnyCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff_officer = new_test_user(
            cls.env,
            login="sunny_staff_officer",
            name="Staff Officer",
            tz="Asia/Shanghai",
            groups="sunny_service.group_center_staff,sunny_service.group_station_officer",
        )
        cls.station_a.officer_ids |= cls.staff_officer
        # exporting is a channel too: everyone may try it
        export = cls.env.ref("base.group_allow_export")
        for person in PEOPLE:
            getattr(cls, person).groups_id |= export
        cls.expect = {}
        for line in EXPECT.strip().splitlines()[1:]:
            person, report, complaint = line.split()
            cls.expect[person] = {"report": report, "complaint": complaint}

        cls.report = cls._create_case(
            case_type="report",
            title="Bribery at the canteen tender",
            content="The tender of the canteen was fixed.",
            submitter_name="Li Whistle",
            submitter_phone="13912345678",
            submitter_email="li.whistle@example.com",
        )
        cls.complaint = cls._create_case(case_type="complaint", submitter_name="Zhang Open")
        cases = cls.report | cls.complaint
        cls._step(cases.filtered("is_confidential"), "register")
        cls._step(cls.complaint, "register")
        cls._as(cls.report, cls.center_manager).action_assign(cls.unit_a.id, [cls.staff_officer.id])
        cls._as(cls.complaint, cls.center_staff).action_assign(cls.unit_a.id)
        cls._as(cls.report, cls.staff_officer).action_accept(cls.handler_a.id)
        cls._as(cls.complaint, cls.officer_a).action_accept(cls.handler_a)
        # the submitter completes both cases from the portal
        for case in cases:
            case.with_user(cls.portal_user)._public_add_information("I have a photo of it.")
        cls._flush_tracking()
        cls.before_return = cls.env["mail.message"].search([], order="id desc", limit=1).id
        # unit A returns both; the center sends them to unit B
        cls._as(cls.report, cls.staff_officer).action_return("Not ours: it is the logistics department.")
        cls._as(cls.complaint, cls.officer_a).action_return("Not ours: it is the logistics department.")
        cls._as(cls.report, cls.center_manager).action_assign(cls.unit_b, cls.officer_b)
        cls._as(cls.complaint, cls.center_staff).action_assign(cls.unit_b)
        for case in cases:
            cls._as(case, cls.officer_b).action_accept()
            case.with_user(cls.portal_user)._public_add_information("One more detail.")
            cls._as(case, cls.officer_b).action_submit_reply("The tender is being reviewed.")
            cls._as(case, cls._center_for(case)).action_approve_reply()
        cls._flush_tracking()

    def _user(self, person):
        return getattr(self, person)

    def _case(self, kind):
        return self.report if kind == "report" else self.complaint

    def test_audience_is_what_the_record_rules_allow(self):
        """_sunny_audience() and the record rules agree for every person."""
        for kind in ("report", "complaint"):
            case = self._case(kind)
            audience = case._sunny_audience()
            for person in PEOPLE:
                user = self._user(person)
                expected = "r" in self.expect[person][kind]
                with self.subTest(case=kind, person=person):
                    self.assertEqual(user in audience, expected, "audience")
                    self.assertEqual(self._as(case, user).has_access("read"), expected, "record rules")
                    self.assertEqual(bool(self._as(case, user).search_count([("id", "=", case.id)])), expected)

    def test_identity_fields(self):
        """Only the people marked i read the submitter, by any way of reading."""
        for kind in ("report", "complaint"):
            case = self._case(kind)
            name = case.submitter_name
            for person in PEOPLE:
                user = self._user(person)
                cell = self.expect[person][kind]
                if "r" not in cell:
                    continue
                with self.subTest(case=kind, person=person):
                    as_user = self._as(case, user)
                    try:
                        values = as_user.read(["submitter_name", "submitter_phone", "submitter_email"])[0]
                        seen = {values["submitter_name"], values["submitter_phone"], values["submitter_email"]}
                    except AccessError:
                        seen = set()
                    self.assertEqual(name in seen, "i" in cell, "read")
                    # in full for who may know the submitter, and for the unit working an ordinary case
                    full = "i" in cell or (not case.is_confidential and person == "officer_b")
                    self.assertEqual(name in (as_user.submitter_display or ""), full, "submitter_display")
                    try:
                        found = as_user.search([("submitter_name", "=", name), ("id", "=", case.id)])
                    except AccessError:
                        found = as_user.browse()
                    self.assertEqual(bool(found), "i" in cell, "search by name")
                    try:
                        exported = as_user.export_data(["submitter_name"])["datas"]
                    except AccessError:
                        exported = [[""]]
                    self.assertEqual(exported[0][0] == name, "i" in cell, "export")
                    identities = self.env["sunny.case.identity"].with_user(user)
                    try:
                        identity_names = identities.search([("case_id", "=", case.id)]).mapped("name")
                    except AccessError:
                        identity_names = []
                    self.assertEqual(name in identity_names, "i" in cell, "identity record")

    def test_followers_notifications_and_todos_stay_in_the_audience(self):
        for kind in ("report", "complaint"):
            case = self._case(kind)
            audience = case._sunny_audience()
            with self.subTest(case=kind):
                followers = case.message_partner_ids
                self.assertTrue(followers, "the working people follow the case")
                self.assertFalse(
                    followers - audience.filtered(lambda u: not u.share).partner_id,
                    "a follower who may not read the case",
                )
                self.assertIn(self.officer_b.partner_id, followers)
                self.assertFalse(case.activity_ids.user_id - audience, "a to-do with someone outside the audience")
                notified = (
                    self.env["mail.notification"]
                    .search(
                        [
                            ("mail_message_id.model", "=", "sunny.case"),
                            ("mail_message_id.res_id", "=", case.id),
                            ("mail_message_id", ">", self.before_return),
                        ]
                    )
                    .res_partner_id
                )
                for person in PEOPLE:
                    if "r" not in self.expect[person][kind]:
                        self.assertNotIn(
                            self._user(person).partner_id,
                            notified,
                            f"{person} heard about the case after leaving its audience",
                        )

    def test_the_reporter_is_no_partner_of_the_thread(self):
        """Nothing in the report's chatter names its submitter: no author, follower,
        recipient, sender address or reply-to."""
        owner = self.portal_user.partner_id
        messages = self.env["mail.message"].search([("model", "=", "sunny.case"), ("res_id", "=", self.report.id)])
        self.assertTrue(messages)
        self.assertNotIn(owner, messages.author_id)
        self.assertNotIn(owner, messages.partner_ids)
        self.assertNotIn(owner, messages.notification_ids.res_partner_id)
        self.assertNotIn(owner, self.report.message_partner_ids)
        for message in messages:
            for value in (message.email_from, message.reply_to, message.message_id):
                self.assertNotIn("portal.student", value or "")
                self.assertNotIn("li.whistle", value or "")
        # what the submitter wrote stays readable to those who handle the case
        bodies = self._as(self.report, self.officer_b).message_ids.mapped("body")
        self.assertTrue(any("photo" in (body or "") for body in bodies))
        # the approved reply reached them by a mail linked to no record
        mail = self.env["mail.mail"].search([("recipient_ids", "in", owner.ids), ("subject", "like", self.report.name)])
        self.assertTrue(mail)
        self.assertFalse(mail.model or mail.res_id)

    def test_former_officer_hears_nothing_more(self):
        """After the return, unit A's people are out: no follower, to-do or inbox entry."""
        for person in ("officer_a", "officer_a2", "staff_officer", "handler_a"):
            user = self._user(person)
            for kind in ("report", "complaint"):
                case = self._case(kind)
                if "r" in self.expect[person][kind]:
                    continue  # staff_officer still reads the complaint as center staff
                with self.subTest(person=person, case=kind):
                    self.assertNotIn(user.partner_id, case.message_partner_ids)
                    self.assertNotIn(user, case.activity_ids.user_id)
                    late = self.env["mail.notification"].search(
                        [
                            ("res_partner_id", "=", user.partner_id.id),
                            ("mail_message_id.model", "=", "sunny.case"),
                            ("mail_message_id.res_id", "=", case.id),
                            ("mail_message_id", ">", self.before_return),
                        ]
                    )
                    self.assertFalse(late)

    def test_center_staff_entrusted_as_officer_never_reads_the_reporter(self):
        """Finding 6: a center employee who is also the officer a report is entrusted
        to reads the report, not who filed it (fields, account, search, identity)."""
        report = self._case_in_state("processing", case_type="report", submitter_name="Wang Secret")
        self._as(report, self.officer_a).action_return("Not ours.")
        self._as(report, self.center_manager).action_assign(self.unit_a, self.staff_officer)
        as_officer = self._as(report, self.staff_officer)
        self.assertTrue(as_officer.has_access("read"))
        values = as_officer.read(["submitter_name", "submitter_phone", "submitter_email"])[0]
        self.assertFalse(values["submitter_name"] or values["submitter_phone"] or values["submitter_email"])
        with self.assertRaises(AccessError):
            as_officer.read(["partner_id"])
        self.assertFalse(as_officer.search([("submitter_name", "=", "Wang Secret")]))
        self.assertNotIn("Wang", as_officer.submitter_display)
        self.assertFalse(
            self.env["sunny.case.identity"].with_user(self.staff_officer).search([("case_id", "=", report.id)])
        )
        # the manager, on the contrary, reads it
        self.assertEqual(self._as(report, self.center_manager).submitter_name, "Wang Secret")

    def test_nobody_names_the_reporter_as_a_recipient(self):
        """A message on a report that names its submitter as a recipient is stored
        without them: the entrusted officer reads every message's recipients."""
        self._as(self.report, self.center_manager).message_post(
            body="Please send the photo.",
            partner_ids=self.portal_user.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        messages = self._as(self.report, self.officer_b).message_ids
        self.assertNotIn(self.portal_user.partner_id, messages.partner_ids)
        self.assertFalse(self._as(self.report, self.center_manager)._message_get_suggested_recipients())

    def test_a_unit_does_not_write_to_the_submitter_unreviewed(self):
        """The query page shows the submitter's and the center's comments, not a
        unit's: what a unit tells the submitter goes through the center's review."""
        unit_comment = self._as(self.complaint, self.officer_b).message_post(
            body="Call me at my office.", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        center_comment = self._as(self.complaint, self.center_staff).message_post(
            body="We are on it.", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        shown = self.complaint._public_messages()
        self.assertNotIn(unit_comment, shown)
        self.assertIn(center_comment, shown)
        self.assertTrue(shown.filtered(lambda m: "photo" in (m.body or "")), "the submitter's own messages")

    def test_nobody_outside_the_audience_can_follow(self):
        with self.assertRaises(UserError):
            self._as(self.report, self.center_manager).message_subscribe(partner_ids=self.leadership.partner_id.ids)
        self.assertNotIn(self.leadership.partner_id, self.report.message_partner_ids)

    def test_type_change_makes_a_case_confidential_and_shrinks_its_followers(self):
        case = self._case_in_state("processing", case_type="complaint")
        case.message_subscribe(partner_ids=self.leadership.partner_id.ids)
        self.assertIn(self.officer_a2.partner_id, case.message_partner_ids)
        self._as(case, self.center_manager).write({"case_type": "report"})
        self.assertTrue(case.is_confidential)
        self.assertNotIn(self.leadership.partner_id, case.message_partner_ids)
        self.assertNotIn(self.officer_a2.partner_id, case.message_partner_ids)
        self.assertFalse(case.activity_ids.user_id - case._sunny_audience())

    def test_officer_removed_from_the_station_leaves_the_audience(self):
        case = self._case_in_state("assigned", case_type="complaint")
        self.assertIn(self.officer_a2.partner_id, case.message_partner_ids)
        self.assertIn(self.officer_a2, case.activity_ids.user_id)
        self.station_a.officer_ids -= self.officer_a2
        self.assertNotIn(self.officer_a2.partner_id, case.message_partner_ids)
        self.assertNotIn(self.officer_a2, case.activity_ids.user_id)
        self.assertFalse(self._as(case, self.officer_a2).has_access("read"))

    def test_an_officer_joining_follows_the_open_cases_in_one_go(self):
        """A change of a station's people applies the audience of the unit's open
        cases in a number of queries that does not grow with the cases."""
        newcomer = new_test_user(self.env, login="sunny_newcomer_a", groups="sunny_service.group_station_officer")

        def join_and_leave(count):
            cases = self.env["sunny.case"]
            for _index in range(count):
                cases |= self._case_in_state("assigned", case_type="complaint")
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(__system__=JOIN_QUERIES):
                self.station_a.officer_ids |= newcomer
                self.env.flush_all()
            self.assertTrue(all(newcomer.partner_id in case.message_partner_ids for case in cases))
            self.station_a.officer_ids -= newcomer
            self.assertFalse(any(newcomer.partner_id in case.message_partner_ids for case in cases))

        join_and_leave(2)
        join_and_leave(6)
