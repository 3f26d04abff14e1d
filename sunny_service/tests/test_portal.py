"""/my/sunny: a logged-in person's own cases, and nobody else's, whatever id or
token is typed into the URL."""

from odoo.tests import tagged

from .public_common import CSRF_RE, PNG, SunnyPublicCase


@tagged("post_install", "-at_install")
class TestPortal(SunnyPublicCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        student = cls.student.partner_id.id
        cls.mine_open = cls._case("processing", title="My heating complaint", partner_id=student)
        cls.mine_replied = cls._case("replied", title="My library question", partner_id=student)
        cls.mine_closed = cls._case("closed", title="My closed question", partner_id=student)
        cls.mine_report = cls._case(
            "processing", title="My confidential report", case_type="report", partner_id=student
        )
        cls.theirs = cls._case("replied", title="Han Meimei private case", partner_id=cls.student2.partner_id.id)
        cls.nobodys = cls._case("processing", title="An anonymous visitor case")

    def _login(self, login):
        self.authenticate(login, login + "_pw")

    def _post(self, url, **data):
        token = CSRF_RE.search(self.url_open("/sunny/query").text).group(1) if "csrf_token" not in data else None
        if token:
            data["csrf_token"] = token
        return self.url_open(url, data=data)

    def test_anonymous_is_sent_to_login(self):
        for url in ("/my/sunny", f"/my/sunny/{self.mine_open.id}", "/my/sunny/999999"):
            response = self.url_open(url)
            self.assertIn("/web/login", response.url, url)
            self.assertNotIn("My heating complaint", response.text)
            self.assertNotIn(self.mine_open.name, response.text)

    def test_home_tile_and_counter(self):
        self._login("pub_student")
        home = self.url_open("/my")
        self.assertIn("/my/sunny", home.text)
        self.assertIn("sunny_count", home.text)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["sunny_count"]})
        self.assertEqual(counters["sunny_count"], 4)
        self._login("pub_employee")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["sunny_count"]})
        self.assertEqual(counters["sunny_count"], 0)

    def test_list_shows_only_my_cases(self):
        for login, mine, not_mine in (
            (
                "pub_student",
                ["My heating complaint", "My library question", "My confidential report"],
                ["Han Meimei private case", "An anonymous visitor case"],
            ),
            ("pub_student2", ["Han Meimei private case"], ["My heating complaint", "An anonymous visitor case"]),
            # an employee, even of the center, sees only the cases they sent themselves here
            ("pub_staff", [], ["My heating complaint", "Han Meimei private case", "An anonymous visitor case"]),
        ):
            self._login(login)
            page = self.url_open("/my/sunny")
            self.assertEqual(page.status_code, 200)
            for title in mine:
                self.assertIn(title, page.text, login)
            for title in not_mine:
                self.assertNotIn(title, page.text, login)
        self._login("pub_student")
        page = self.url_open("/my/sunny?filterby=answered&sortby=name")
        self.assertIn("My library question", page.text)
        self.assertNotIn("My heating complaint", page.text)
        for query in ("?filterby=<script>", "?sortby=id;drop", "/page/999", "/page/0"):
            response = self.url_open("/my/sunny" + query)
            self.assertEqual(response.status_code, 200, query)

    def test_detail_of_my_case(self):
        self._login("pub_student")
        page = self.url_open(f"/my/sunny/{self.mine_replied.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("My library question", page.text)
        # the person reads the reply the center approved; the anonymised text is for /sunny/public
        self.assertIn("the technician replaced the fuser unit", page.text)
        self.assertIn("o_portal_chatter", page.text)
        self.assertIn("Are you satisfied with the reply?", page.text)

    def test_other_peoples_ids_and_tokens(self):
        self._login("pub_student")
        for case in (self.theirs, self.nobodys):
            response = self.url_open(f"/my/sunny/{case.id}")
            self.assertEqual(response.status_code, 404)
            self.assertNotIn(case.title, response.text)
        for case_id in (999999, 0):
            self.assertEqual(self.url_open(f"/my/sunny/{case_id}").status_code, 404)
        # forged tokens, and the token of another case
        token = self.mine_open.sudo()._portal_ensure_token()
        for guess in ("0" * 36, token, ""):
            response = self.url_open(f"/my/sunny/{self.theirs.id}?access_token={guess}")
            self.assertEqual(response.status_code, 404)
            self.assertNotIn(self.theirs.title, response.text)
        # an employee of the center reads cases in the back office, not here
        self._login("pub_manager")
        response = self.url_open(f"/my/sunny/{self.mine_open.id}")
        self.assertEqual(response.status_code, 404)
        # actions on another person's case change nothing
        self._login("pub_student")
        for action, data in (
            ("rate", {"satisfaction": "very_dissatisfied"}),
            ("cancel", {}),
            ("info", {"info": "Written by someone else"}),
        ):
            response = self._post(f"/my/sunny/{self.theirs.id}/{action}", **data)
            self.assertEqual(response.status_code, 404)
        self.env.invalidate_all()
        self.assertEqual(self.theirs.state, "replied")
        self.assertFalse(self.theirs.sudo().followup_ids)
        self.assertFalse(self.theirs.sudo().message_ids.filtered(lambda m: "someone else" in (m.body or "")))

    def test_access_token_opens_nothing(self):
        """A token proves nothing (whoever reads the case could read it): its holder must
        log in as the submitter, or use the query code."""
        token = self.mine_replied.sudo()._portal_ensure_token()
        response = self.url_open(f"/my/sunny/{self.mine_replied.id}?access_token={token}")
        self.assertIn("/web/login", response.url)
        self.assertNotIn("My library question", response.text)
        csrf = self._csrf()
        response = self.url_open(
            f"/my/sunny/{self.mine_replied.id}/rate",
            data={"csrf_token": csrf, "access_token": token, "satisfaction": "satisfied"},
        )
        self.assertNotIn("the case is closed", response.text)
        self._login("pub_student2")
        response = self.url_open(f"/my/sunny/{self.mine_replied.id}?access_token={token}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("My library question", response.text)
        response = self._post(f"/my/sunny/{self.mine_replied.id}/rate", access_token=token, satisfaction="satisfied")
        self.assertEqual(response.status_code, 404)
        self.env.invalidate_all()
        self.assertEqual(self.mine_replied.state, "replied")
        self.assertFalse(self.mine_replied.sudo().followup_ids)
        # the submitter's own page carries no token in its forms or links
        self._login("pub_student")
        page = self.url_open(f"/my/sunny/{self.mine_replied.id}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("access_token", page.text)
        self.assertNotIn(token, page.text)

    def test_rate_from_the_portal(self):
        self._login("pub_student")
        response = self._post(f"/my/sunny/{self.mine_replied.id}/rate", satisfaction="basic", note="OK-ish")
        self.assertEqual(response.status_code, 200)
        self.assertIn("the case is closed", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.mine_replied.state, "closed")
        self.assertRecordValues(
            self.mine_replied.sudo().followup_ids,
            [{"method": "online", "satisfaction": "basic", "note": "OK-ish", "user_id": self.student.id}],
        )
        # a second rating, or a rating of an open case, is refused
        for case in (self.mine_replied, self.mine_open):
            response = self._post(f"/my/sunny/{case.id}/rate", satisfaction="satisfied")
            self.assertEqual(response.status_code, 400)
            self.assertIn("cannot be rated now", response.text)
        self.assertEqual(len(self.mine_replied.sudo().followup_ids), 1)

    def test_dissatisfied_rating_reopens(self):
        self._login("pub_student")
        self._post(f"/my/sunny/{self.mine_replied.id}/rate", satisfaction="very_dissatisfied", note="No.")
        self.env.invalidate_all()
        self.assertEqual(self.mine_replied.state, "processing")
        self.assertEqual(self.mine_replied.reopen_count, 1)

    def test_add_information_and_cancel(self):
        self._login("pub_student")
        response = self.url_open(
            f"/my/sunny/{self.mine_open.id}/info",
            data={
                "csrf_token": CSRF_RE.search(self.url_open("/sunny/query").text).group(1),
                "info": "The radiator in room 5 is cold too.",
            },
            files=[("attachments", ("radiator.png", PNG, "image/png"))],
        )
        self.assertIn("your information was added", response.text)
        message = self.mine_open.sudo().message_ids.filtered(lambda m: "room 5" in (m.body or ""))
        self.assertEqual(message.author_id, self.student.partner_id)
        self.assertEqual(message.attachment_ids.mapped("name"), ["radiator.png"])
        # on a confidential report, the author stays hidden from the unit
        self._post(f"/my/sunny/{self.mine_report.id}/info", info="More names and dates.")
        message = self.mine_report.sudo().message_ids.filtered(lambda m: "More names" in (m.body or ""))
        self.assertFalse(message.author_id - self.env.ref("base.public_partner"))
        self.assertNotIn("lilei@example.com", message.sudo().email_from or "")

        response = self._post(f"/my/sunny/{self.mine_open.id}/cancel")
        self.assertIn("Your case was withdrawn.", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.mine_open.state, "cancelled")
        response = self._post(f"/my/sunny/{self.mine_closed.id}/cancel")
        self.assertEqual(response.status_code, 400)
        self.assertIn("cannot be withdrawn now", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.mine_closed.state, "closed")

    def test_actions_need_csrf(self):
        self._login("pub_student")
        for action in ("rate", "cancel", "info"):
            response = self.url_open(
                f"/my/sunny/{self.mine_replied.id}/{action}",
                data={"csrf_token": "forged", "satisfaction": "satisfied", "info": "forged"},
            )
            self.assertEqual(response.status_code, 400)
        self.env.invalidate_all()
        self.assertEqual(self.mine_replied.state, "replied")
