"""The attacks of the confidentiality & integrity review on the public pages and
the portal, replayed: each test failed on the code the review found."""

from unittest.mock import patch
from urllib.parse import urlparse

import psycopg2

import odoo.http
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import config, mute_logger

from .public_common import PNG, SunnyPublicCase


@tagged("post_install", "-at_install")
class TestReadersCannotActAsSubmitter(SunnyPublicCase):
    """Finding 1: whoever may read a case (its unit, its handler, the leadership) got its
    portal address over RPC with a token, and the token let them withdraw or rate the
    case in the submitter's name. The address carries no token now, they cannot mint
    one, and a token (Odoo still makes one, as superuser, for its notifications) opens
    nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader = new_test_user(
            cls.env,
            login="pub_leader",
            password="pub_leader_pw",
            name="Pub Leader",
            groups="sunny_service.group_leadership",
        )
        cls.handler = new_test_user(
            cls.env,
            login="pub_handler",
            password="pub_handler_pw",
            name="Pub Handler",
            groups="sunny_service.group_handler",
        )
        student = cls.student.partner_id.id
        cls.open_case = cls._case(
            "processing", title="Complaint about the library desk", partner_id=student, handler_id=cls.handler.id
        )
        cls.replied_case = cls._case(
            "replied", title="Question about the library card", partner_id=student, handler_id=cls.handler.id
        )
        cls.readers = (("pub_officer", cls.officer), ("pub_leader", cls.leader), ("pub_handler", cls.handler))

    def _state(self):
        self.env.invalidate_all()
        cases = (self.open_case | self.replied_case).sudo()
        return [(case.state, len(case.followup_ids), len(case.message_ids)) for case in cases]

    def test_readers_get_no_token(self):
        for login, user in self.readers:
            for case in (self.open_case, self.replied_case):
                case = case.with_user(user)
                case.check_access("read")  # they do read the case
                self.assertEqual(case.get_portal_url(), f"/my/sunny/{case.id}")
                self.assertEqual(case.get_portal_url(suffix="/rate", anchor="top"), f"/my/sunny/{case.id}/rate#top")
                with self.assertRaises(AccessError):
                    case._portal_ensure_token()
            # over RPC, as the review did it
            self.authenticate(login, login + "_pw")
            url = self.make_jsonrpc_request(
                "/web/dataset/call_kw/sunny.case/get_portal_url",
                {"model": "sunny.case", "method": "get_portal_url", "args": [[self.open_case.id]], "kwargs": {}},
            )
            self.assertEqual(url, f"/my/sunny/{self.open_case.id}")
        self.assertFalse(any((self.open_case | self.replied_case).sudo().mapped("access_token")))

    def test_no_token_opens_or_changes_the_case(self):
        before = self._state()
        tokens = {case: case.sudo()._portal_ensure_token() for case in (self.open_case, self.replied_case)}
        actions = (
            (self.open_case, "cancel", {}),
            (self.open_case, "info", {"info": "Withdrawn by the unit itself"}),
            (self.replied_case, "rate", {"satisfaction": "very_satisfied", "note": "Rated by the leadership"}),
        )
        for login, _user in self.readers + ((None, None),):
            self.authenticate(login, login and login + "_pw")
            for case, token in tokens.items():
                for guess in (token, "0" * 36):
                    response = self.url_open(f"/my/sunny/{case.id}?access_token={guess}")
                    if login:
                        self.assertEqual(response.status_code, 404, login)
                    else:
                        self.assertIn("/web/login", response.url)
                    self.assertNotIn(case.title, response.text)
                    self.assertNotIn(case.name, response.text)
            for case, action, data in actions:
                response = self.url_open(
                    f"/my/sunny/{case.id}/{action}", data=dict(data, csrf_token=self._csrf(), access_token=tokens[case])
                )
                if login:
                    self.assertEqual(response.status_code, 404, (login, action))
                else:
                    self.assertIn("/web/login", response.url)
                self.assertNotIn(case.title, response.text)
        self.assertEqual(self._state(), before, "nothing changed")

    def test_token_does_not_open_the_chatter(self):
        """The portal chatter takes a token in place of access rights and posts in the
        submitter's name with it."""
        token = self.open_case.sudo()._portal_ensure_token()
        pid = self.student.partner_id.id
        signed = self.open_case.sudo()._sign_token(pid)
        messages = len(self.open_case.sudo().message_ids)
        self.authenticate(None, None)
        for proof in ({"token": token}, {"hash": signed, "pid": pid}):
            with self.assertRaises(JsonRpcException):
                self.make_jsonrpc_request(
                    "/mail/message/post",
                    {
                        "thread_model": "sunny.case",
                        "thread_id": self.open_case.id,
                        "post_data": {"body": "Posted with a token in the submitter's name", "message_type": "comment"},
                        **proof,
                    },
                )
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/mail/chatter_fetch", {"thread_model": "sunny.case", "thread_id": self.open_case.id, "token": token}
            )
        self.env.invalidate_all()
        self.assertEqual(len(self.open_case.sudo().message_ids), messages)
        # the submitter, logged in, reads the chatter of their case
        self.authenticate("pub_student", "pub_student_pw")
        self.make_jsonrpc_request("/mail/chatter_fetch", {"thread_model": "sunny.case", "thread_id": self.open_case.id})

    def test_mail_links_lead_the_submitter_to_their_case(self):
        """The button of Odoo's notifications still carries a token (made as superuser):
        it leads to the case page, which only the submitter, logged in, opens."""
        token = self.open_case.sudo()._portal_ensure_token()
        link = f"/mail/view?model=sunny.case&res_id={self.open_case.id}&access_token={token}"
        self.authenticate("pub_student", "pub_student_pw")
        response = self.url_open(link)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith(f"/my/sunny/{self.open_case.id}"), response.url)
        self.assertIn(self.open_case.title, response.text)
        self.authenticate(None, None)
        response = self.url_open(link)
        self.assertIn("/web/login", response.url)
        self.assertNotIn(self.open_case.title, response.text)

    def test_links_in_mails_carry_no_token(self):
        share_url = self.open_case.sudo()._get_share_url(redirect=True, pid=self.student.partner_id.id)
        self.assertNotIn("access_token", share_url)
        self.assertNotIn("access_token", self.open_case.with_user(self.officer)._get_share_url())


@tagged("post_install", "-at_install")
class TestSubmitterStaysHidden(SunnyPublicCase):
    """Finding 2: a logged-in person who sent an anonymous or a confidential case was
    its chatter's first author, a follower, its create and write user, and the author
    of what they added: the unit read who they were."""

    def _assert_hidden(self, case, user):
        self.env.invalidate_all()
        case = case.sudo()
        messages = case.message_ids
        self.assertTrue(messages)
        self.assertNotIn(user.partner_id, case.message_partner_ids, "not a follower")
        self.assertNotIn(user.partner_id, messages.author_id, "never an author")
        self.assertNotIn(user, messages.create_uid)
        self.assertNotIn(user, case.create_uid | case.write_uid)
        self.assertNotIn(user, messages.write_uid)
        self.assertNotIn(user, case._public_attachments().create_uid)
        for message in messages:
            for value in (message.email_from, message.reply_to):
                self.assertNotIn(user.email, value or "")
                self.assertNotIn(user.name, value or "")

    def test_logged_in_anonymous_and_confidential_cases(self):
        for login, user in (("pub_student", self.student), ("pub_employee", self.employee)):
            self.authenticate(login, login + "_pw")
            made = []
            for vals in (
                {"submitter_name": ""},
                {"case_type": "report"},
                {"case_type": "report", "submitter_name": ""},
            ):
                with self.subTest(login=login, vals=vals):
                    case, _code = self._done(
                        self._submit(files=[("attachments", ("photo.png", PNG, "image/png"))], **vals)
                    )
                    anonymous = "submitter_name" in vals
                    self.assertEqual(case.is_anonymous, anonymous)
                    # an anonymous case keeps no link to the account; a named report stays theirs
                    self.assertEqual(
                        case.sudo().partner_id, user.partner_id if not anonymous else self.env["res.partner"]
                    )
                    self._assert_hidden(case, user)
                    # they add information and withdraw it from this browser (the session's proof)
                    response = self.url_open(
                        f"/sunny/query/{case.id}/info",
                        data={"csrf_token": self._csrf(), "info": "More about what I saw."},
                        files=[("attachments", ("more.png", PNG, "image/png"))],
                    )
                    self.assertIn("your information was added", response.text)
                    response = self.url_open(f"/sunny/query/{case.id}/cancel", data={"csrf_token": self._csrf()})
                    self.assertIn("Your case was withdrawn.", response.text)
                    self.assertEqual(case.state, "cancelled")
                    message = case.sudo().message_ids.filtered(lambda m: "More about what I saw." in (m.body or ""))
                    self.assertEqual(len(message), 1)
                    self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"), "the readers read it")
                    self._assert_hidden(case, user)
                    made.append((case, anonymous))
            # the named report is theirs on the portal; the anonymous cases are not
            page = self.url_open("/my/sunny")
            self.assertEqual(page.status_code, 200)
            for case, anonymous in made:
                if anonymous:
                    self.assertNotIn(case.name, page.text)
                else:
                    self.assertIn(case.name, page.text)

    def test_named_cases_stay_with_their_owner_who_follows_nothing(self):
        self.authenticate("pub_student", "pub_student_pw")
        case, _code = self._done(self._submit(submitter_name="Li Lei", submitter_email="lilei@example.com"))
        self.assertEqual(case.sudo().partner_id, self.student.partner_id)
        self.assertFalse(case.is_confidential or case.is_anonymous)
        response = self.url_open(
            f"/my/sunny/{case.id}/info",
            data={"csrf_token": self._csrf(), "info": "The opening hours of the reading room too."},
        )
        self.assertIn("your information was added", response.text)
        self.env.invalidate_all()
        message = case.sudo().message_ids.filtered(lambda m: "reading room too" in (m.body or ""))
        self.assertEqual(message.author_id, self.student.partner_id, "a named case keeps its author")
        self.assertNotIn(self.student.partner_id, case.sudo().message_partner_ids)

    def test_portal_rating_of_a_confidential_case(self):
        case = self._case("replied", case_type="report", partner_id=self.student.partner_id.id)
        self.authenticate("pub_student", "pub_student_pw")
        response = self.url_open(
            f"/my/sunny/{case.id}/rate",
            data={"csrf_token": self._csrf(), "satisfaction": "dissatisfied", "note": "Nothing changed."},
        )
        self.assertIn("the case goes back to the unit", response.text)
        self.env.invalidate_all()
        self.assertEqual(case.state, "processing")
        self._assert_hidden(case, self.student)
        self.assertNotIn(self.student, case.sudo().followup_ids.user_id)


@tagged("post_install", "-at_install")
class TestQueryLockout(SunnyPublicCase):
    """Finding 3: twenty wrong codes for a case, typed from anywhere, locked its
    submitter out of it."""

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].sudo().set_param("sunny_service.query_case_limit", 20)
        patcher = patch.dict(config.options, proxy_mode=True)
        patcher.start()
        self.addCleanup(patcher.stop)

    def _query_from(self, address, number, code):
        """A query as sent through the university's proxy, from ``address``."""
        headers = {"X-Forwarded-For": address, "X-Forwarded-Host": urlparse(self.base_url()).netloc}
        return self.url_open(
            "/sunny/query", data={"csrf_token": self._csrf(), "number": number, "code": code}, headers=headers
        )

    def test_wrong_codes_from_elsewhere_do_not_lock_out_the_right_code(self):
        case = self._case("processing", title="Locked out case")
        code = case._new_query_code()
        statuses = [self._query_from("198.51.100.7", case.name, "WRONG%03d" % i).status_code for i in range(25)]
        self.assertEqual(statuses, [200] * 20 + [429] * 5, "the guessing address is throttled")
        response = self._query_from("203.0.113.20", case.name, code)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith(f"/sunny/query/{case.id}"), response.url)
        self.assertIn("Locked out case", response.text)
        # the guessing address does not get in, even with the right code
        self.authenticate(None, None)
        response = self._query_from("198.51.100.7", case.name, code)
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("Locked out case", response.text)

    def test_guesses_from_one_address_stay_limited(self):
        case = self._case("processing", title="Guessed case")
        code = case._new_query_code()
        for i in range(20):
            self.assertEqual(self._query_from("198.51.100.8", case.name, "WRONG%03d" % i).status_code, 200)
        response = self._query_from("198.51.100.8", case.name, code)
        self.assertEqual(response.status_code, 429)
        self.assertIn("Too many wrong attempts", response.text)
        self.assertNotIn("Guessed case", response.text)
        # and across cases, an address is limited too
        self.env["ir.config_parameter"].sudo().set_param("sunny_service.query_limit", 10)
        others = [self._case("processing", title=f"Other case {i}") for i in range(11)]
        for other in others[:10]:
            self.assertEqual(self._query_from("198.51.100.9", other.name, "WRONG234").status_code, 200)
        other_code = others[10]._new_query_code()
        self.assertEqual(self._query_from("198.51.100.9", others[10].name, other_code).status_code, 429)
        self.authenticate(None, None)
        response = self._query_from("203.0.113.21", others[10].name, other_code)
        self.assertTrue(response.url.endswith(f"/sunny/query/{others[10].id}"))


@tagged("post_install", "-at_install")
class TestDoubleSubmit(SunnyPublicCase):
    """Finding 4: the form's one-time nonce lived in the session only, so two posts of
    one form at the same time (a double click) both passed and made two cases."""

    def _session(self):
        return odoo.http.root.session_store.get(self.session.sid)

    def test_form_posted_twice_at_once_makes_one_case(self):
        self.authenticate(None, None)
        token, nonce = self._form()
        data = dict(self._submission(title="Double clicked case"), csrf_token=token, form_nonce=nonce)
        # both posts read the session before either saved it: the second still finds the nonce
        session = self._session()
        nonces = list(session["sunny_form_nonces"])
        first = self.url_open("/sunny/submit", data=data, allow_redirects=False)
        self.assertIn(first.status_code, (302, 303))
        session = self._session()
        session["sunny_form_nonces"] = nonces
        odoo.http.root.session_store.save(session)
        second = self.url_open("/sunny/submit", data=data)
        # the browser shows the second answer: the case made by the first, with its code once
        self.assertEqual(second.status_code, 200)
        self.assertTrue(second.url.endswith("/sunny/submit/done"), second.url)
        case, code = self._done(second)
        self.assertEqual(self._count(domain=[("title", "=", "Double clicked case")]), 1)
        self.assertTrue(case._check_query_code(code))

    def test_second_click_after_the_first_shows_the_code(self):
        self.authenticate(None, None)
        token, nonce = self._form()
        data = dict(self._submission(title="Clicked twice in a row"), csrf_token=token, form_nonce=nonce)
        first = self.url_open("/sunny/submit", data=data, allow_redirects=False)
        self.assertIn(first.status_code, (302, 303))
        # the browser dropped the first answer before it was shown
        second = self.url_open("/sunny/submit", data=data)
        case, code = self._done(second)
        self.assertEqual(case.title, "Clicked twice in a row")
        self.assertTrue(case._check_query_code(code))
        self.assertEqual(self._count(domain=[("title", "=", "Clicked twice in a row")]), 1)
        # a third post is a replay: refused, no code shown again
        third = self.url_open("/sunny/submit", data=data)
        self.assertEqual(third.status_code, 400)
        self.assertIn(f"This form was already sent: it is case {case.name}", third.text)
        self.assertNotIn(code, third.text)

    def test_one_token_one_case(self):
        Case = self.env["sunny.case"]
        vals = {
            "title": "Same form, same token",
            "content": "Posted twice at the same moment.",
            "case_type": "consultation",
            "is_anonymous": True,
            "submitter_role": "public",
        }
        case, code = Case._public_create(dict(vals), submission_token="form-nonce-1")
        self.assertTrue(case and code)
        again, again_code = Case._public_create(dict(vals), submission_token="form-nonce-1")
        self.assertFalse(again)
        self.assertIsNone(again_code)
        self.assertEqual(self._count(domain=[("title", "=", "Same form, same token")]), 1)
        other, _code = Case._public_create(dict(vals), submission_token="form-nonce-2")
        self.assertTrue(other)
        # whoever creates it, the database holds one case per token
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError), self.env.cr.savepoint():
            Case.sudo().create(dict(vals, submission_token="form-nonce-1"))
        # the token is for the administrator only
        with self.assertRaises(AccessError):
            case.with_user(self.manager).read(["submission_token"])


@tagged("post_install", "-at_install")
class TestRateLimitLock(TransactionCase):
    """Finding 5: the limits were checked, then hit: concurrent requests of one
    address all passed the check. The check now takes a lock per (kind, address)
    until the request commits, and counts what was committed meanwhile."""

    ADDRESS = "192.0.2.77"

    def setUp(self):
        super().setUp()
        self.Log = self.env["sunny.request.log"].sudo()
        self.env["ir.config_parameter"].sudo().set_param("sunny_service.post_limit", 2)

    def test_check_locks_the_address_for_the_request(self):
        Log = self.Log
        self.assertFalse(Log._is_limited("post", self.ADDRESS))
        lock = Log._lock_id("post", Log._hash_key(self.ADDRESS))
        unsigned = lock & (2**64 - 1)
        self.env.cr.execute(
            """
            SELECT COUNT(*) FROM pg_locks
             WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
               AND classid::bigint = %s AND objid::bigint = %s
        """,
            [unsigned >> 32, unsigned & 0xFFFFFFFF],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 1)
        # another request of this address waits; other addresses and kinds do not
        with self.registry.cursor() as cr:
            for other, free in (
                (lock, False),
                (Log._lock_id("post", Log._hash_key("192.0.2.78")), True),
                (Log._lock_id("submit", Log._hash_key(self.ADDRESS)), True),
            ):
                cr.execute("SELECT pg_try_advisory_xact_lock(%s)", [other])
                self.assertEqual(cr.fetchone()[0], free)
        # and the limit holds
        Log._hit("post", self.ADDRESS)
        self.assertFalse(Log._is_limited("post", self.ADDRESS))
        Log._hit("post", self.ADDRESS)
        self.assertTrue(Log._is_limited("post", self.ADDRESS))
        self.assertFalse(Log._is_limited("post", "192.0.2.78"))

    def test_hits_committed_after_this_requests_snapshot_count(self):
        """The request that held the lock committed its hit after this one's snapshot
        was taken: the count must see it all the same."""
        Log = self.Log
        key = Log._hash_key(self.ADDRESS)
        self.env.cr.execute("SELECT 1")  # this transaction's snapshot is taken
        with self.registry.cursor() as cr:
            for _i in range(2):
                cr.execute(
                    "INSERT INTO sunny_request_log (action, key, date) "
                    "VALUES ('post', %s, NOW() AT TIME ZONE 'UTC')",
                    [key],
                )

        def cleanup():
            with self.registry.cursor() as cr:
                cr.execute("DELETE FROM sunny_request_log WHERE key = %s", [key])

        self.addCleanup(cleanup)
        self.assertEqual(Log.search_count([("key", "=", key)]), 0, "invisible to this transaction")
        self.assertTrue(Log._is_limited("post", self.ADDRESS))


@tagged("post_install", "-at_install")
class TestInternalFieldsHidden(SunnyPublicCase):
    """Finding 6: the submitter reads the reply the center approved, never the reply
    under review, the draft or the unit's notes, on the pages or over RPC."""

    SECRETS = ("Reply sent for review: the fuser unit was replaced", "Draft of the unit", "Note of the unit")

    def _write_secrets(self, case):
        case.sudo()._workflow().write(dict(zip(("reply", "reply_draft", "progress_note"), self.SECRETS, strict=False)))

    def _assert_not_shown(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200, url)
        for secret in self.SECRETS:
            self.assertNotIn(secret, page.text, url)
        return page

    def test_pages_show_only_the_approved_reply(self):
        student = self.student.partner_id.id
        for state in ("processing", "review"):
            case = self._case(state, title=f"Printer case in {state}", partner_id=student)
            self._write_secrets(case)
            self.authenticate("pub_student", "pub_student_pw")
            self._assert_not_shown(f"/my/sunny/{case.id}")
            self._prove(case)
            self._assert_not_shown(f"/sunny/query/{case.id}")
        # reopened by a dissatisfied rating: the old approved reply and a new one under review
        case.with_user(self.staff).action_approve_reply()
        self.assertIn("Reply sent for review", self.url_open(f"/sunny/query/{case.id}").text, "approved now")
        self.url_open(f"/sunny/query/{case.id}/rate", data={"csrf_token": self._csrf(), "satisfaction": "dissatisfied"})
        self.assertEqual(case.state, "processing")
        case.sudo()._workflow().write({"reply": "A second reply, not reviewed yet", "state": "review"})
        for url in (f"/sunny/query/{case.id}", f"/my/sunny/{case.id}"):
            self.assertNotIn("A second reply, not reviewed yet", self.url_open(url).text)

    def test_portal_users_cannot_read_internal_fields(self):
        case = self._case("review", partner_id=self.student.partner_id.id)
        self._write_secrets(case)
        self.authenticate("pub_student", "pub_student_pw")

        def read(fields):
            return self.make_jsonrpc_request(
                "/web/dataset/call_kw/sunny.case/read",
                {"model": "sunny.case", "method": "read", "args": [[case.id], fields], "kwargs": {}},
            )

        self.assertEqual(read(["title"])[0]["title"], case.title)
        for field in ("reply", "reply_draft", "progress_note"):
            with self.assertRaises(JsonRpcException, msg=field):
                read([field])
