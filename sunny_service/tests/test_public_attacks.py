"""The attacks of the confidentiality & integrity review on the public pages and
the portal, replayed: each test failed on the code the review found."""
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import JsonRpcException

from .public_common import SunnyPublicCase


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
        cls.leader = new_test_user(cls.env, login="pub_leader", password="pub_leader_pw", name="Pub Leader",
                                   groups="sunny_service.group_leadership")
        cls.handler = new_test_user(cls.env, login="pub_handler", password="pub_handler_pw", name="Pub Handler",
                                    groups="sunny_service.group_handler")
        student = cls.student.partner_id.id
        cls.open_case = cls._case("processing", title="Complaint about the library desk", partner_id=student,
                                  handler_id=cls.handler.id)
        cls.replied_case = cls._case("replied", title="Question about the library card", partner_id=student,
                                     handler_id=cls.handler.id)
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
            url = self.make_jsonrpc_request("/web/dataset/call_kw/sunny.case/get_portal_url", {
                "model": "sunny.case", "method": "get_portal_url", "args": [[self.open_case.id]], "kwargs": {}})
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
                response = self.url_open(f"/my/sunny/{case.id}/{action}", data=dict(
                    data, csrf_token=self._csrf(), access_token=tokens[case]))
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
                self.make_jsonrpc_request("/mail/message/post", {
                    "thread_model": "sunny.case", "thread_id": self.open_case.id,
                    "post_data": {"body": "Posted with a token in the submitter's name", "message_type": "comment"},
                    **proof})
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request("/mail/chatter_fetch", {
                "thread_model": "sunny.case", "thread_id": self.open_case.id, "token": token})
        self.env.invalidate_all()
        self.assertEqual(len(self.open_case.sudo().message_ids), messages)
        # the submitter, logged in, reads the chatter of their case
        self.authenticate("pub_student", "pub_student_pw")
        self.make_jsonrpc_request("/mail/chatter_fetch", {
            "thread_model": "sunny.case", "thread_id": self.open_case.id})

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
