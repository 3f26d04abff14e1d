"""The public pages, from outside: /sunny, /sunny/submit, /sunny/query and
/sunny/public, for anonymous visitors, portal users and employees, and the
attacks a public form meets (forged or replayed forms, robots, floods, hostile
files and text, guessed codes, other people's cases)."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .public_common import EXE, PDF, PNG, SunnyPublicCase, docx_bytes


@tagged("post_install", "-at_install")
class TestPublicHome(SunnyPublicCase):
    def test_home_for_every_kind_of_visitor(self):
        self._case("new")
        self._case("processing")
        self._case("closed")
        totals = self.env["sunny.case"]._public_totals()
        for login in (None, "pub_student", "pub_employee"):
            if login:
                self.authenticate(login, login + "_pw")
            else:
                self.authenticate(None, None)
            page = self.url_open("/sunny")
            self.assertEqual(page.status_code, 200, login)
            # commitments, process, the station's public contacts, live totals
            self.assertIn("3 working days", page.text)
            self.assertIn("7 working days", page.text)
            self.assertIn("Follow-up and closing", page.text)
            self.assertIn("0731-5550101", page.text)
            self.assertIn("library@example.edu", page.text)
            self.assertIn("Mon-Fri 8:00-17:30", page.text)
            self.assertNotIn("Logistics Station", page.text, "a station without public contact is not listed")
            for figure in totals.values():
                self.assertIn(f">{figure}<", page.text)

    def test_pages_follow_the_visitors_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["sunny_service"], ["zh_CN"], overwrite=True)
        browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"
        chinese = {"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5", "User-Agent": browser}
        english = {"Accept-Language": "en-US,en;q=0.9", "User-Agent": browser}
        # a Chinese browser gets the Chinese pages, and keeps them (cookie)
        page = self.url_open("/sunny", headers=chinese)
        self.assertTrue(page.url.endswith("/zh_CN/sunny"), page.url)
        self.assertIn("教育阳光服务", page.text)
        self.assertIn("3个工作日有回复", page.text)
        page = self.url_open("/sunny/submit", headers=english)
        self.assertIn("我要提交", page.text, "the language chosen first stays")
        # messages of the server too
        response = self._submit(title="abc", headers=chinese)
        self.assertIn("标题至少 5 个字。", response.text)
        response = self._query("YG0000-000000", "ABCDEFGH")
        self.assertIn("受理编号或查询码不正确。", response.text)
        # an English browser, in a new session, gets English
        self.authenticate(None, None)
        page = self.url_open("/sunny/public", headers=english)
        self.assertIn("Answered Cases", page.text)
        self.assertNotIn("答复公开", page.text)
        # and anyone may switch with the URL
        page = self.url_open("/zh_CN/sunny/public", headers=english)
        self.assertIn("答复公开", page.text)

    def test_totals_count_this_year(self):
        before = self.env["sunny.case"]._public_totals()
        self._case("new")
        self._case("review")
        self._case("replied")
        self._case("closed")
        self._case("rejected")
        after = self.env["sunny.case"]._public_totals()
        self.assertEqual(after["received"] - before["received"], 5)
        self.assertEqual(after["in_progress"] - before["in_progress"], 2)
        self.assertEqual(after["answered"] - before["answered"], 2)


@tagged("post_install", "-at_install")
class TestPublicSubmit(SunnyPublicCase):
    def test_form_shows_only_public_choices(self):
        page = self.url_open("/sunny/submit")
        self.assertEqual(page.status_code, 200)
        self.assertIn('name="csrf_token"', page.text)
        self.assertIn('name="homepage"', page.text, "the honeypot is in the form")
        self.assertIn("Teaching", page.text)
        self.assertNotIn("Internal audit", page.text)
        self.assertNotIn("Old topic", page.text)
        self.assertIn("Library", page.text)
        self.assertNotIn("Old Office", page.text)

    def test_anonymous_submission(self):
        count = self._count()
        response = self._submit(
            requested_unit_id=str(self.unit2.id),
            submitter_name="",
            submitter_phone="",
            submitter_email="visitor@example.com",
            files=[
                ("attachments", ("plan.pdf", PDF, "application/pdf")),
                ("attachments", ("photo.png", PNG, "image/png")),
                ("attachments", ("letter.docx", docx_bytes(), "application/octet-stream")),
                ("attachments", ("note.txt", "说明：打印机坏了".encode(), "text/plain")),
            ],
        )
        self.assertTrue(response.url.endswith("/sunny/submit/done"))
        case, code = self._done(response)
        self.assertEqual(self._count(), count + 1)
        self.assertRecordValues(
            case,
            [
                {
                    "state": "new",
                    "channel": "web",
                    "case_type": "consultation",
                    "category_id": self.category.id,
                    "requested_unit_id": self.unit2.id,
                    "unit_id": False,
                    "title": "Opening hours in exam weeks",
                    "submitter_name": False,
                    "submitter_email": "visitor@example.com",
                    "submitter_role": "student",
                    "is_anonymous": True,
                    "allow_publish": True,
                    "partner_id": False,
                    "needs_screening": False,
                    "is_published": False,
                }
            ],
        )
        # the code works, and is stored only as a hash
        self.assertTrue(case._check_query_code(code))
        self.assertNotIn(code, case.sudo().query_code_hash)
        self.assertEqual(len(code), 8)
        self.assertEqual(
            sorted(case._public_attachments().mapped("name")), ["letter.docx", "note.txt", "photo.png", "plan.pdf"]
        )
        self.assertEqual(
            set(case._public_attachments().mapped("mimetype")),
            {
                "application/pdf",
                "image/png",
                "text/plain",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            },
        )
        # a mail with the number and code, linked to no record (so to no chatter)
        mail = self.env["mail.mail"].sudo().search([("email_to", "=", "visitor@example.com")])
        self.assertEqual(len(mail), 1)
        self.assertIn(case.name, mail.body_html)
        self.assertIn(code, mail.body_html)
        self.assertFalse(mail.model)
        self.assertFalse(mail.res_id)
        self.assertNotIn(code, "".join(case.sudo().message_ids.mapped("body")))
        # the public user does not follow the case
        self.assertFalse(case.sudo().message_partner_ids & self.env.ref("base.public_partner"))
        # the code is shown once: reloading the page does not show it again
        again = self.url_open("/sunny/submit/done")
        self.assertNotIn(code, again.text)
        self.assertTrue(again.url.endswith("/sunny/query"))
        # and the visitor can follow the case from this browser without typing the code
        page = self.url_open(f"/sunny/query/{case.id}")
        self.assertIn("Opening hours in exam weeks", page.text)

    def test_logged_in_submissions_are_linked_to_the_person(self):
        for login, user in (("pub_student", self.student), ("pub_employee", self.employee)):
            self.authenticate(login, login + "_pw")
            page = self.url_open("/sunny/submit")
            self.assertIn(user.email, page.text, "contact details are prefilled")
            case, code = self._done(self._submit(submitter_name=user.name, submitter_email=user.email))
            self.assertEqual(case.sudo().partner_id, user.partner_id)
            self.assertFalse(case.is_anonymous)
            self.assertTrue(case._check_query_code(code))

    def test_missing_short_and_unknown_values(self):
        count = self._count()
        cases = [
            ({"title": "abc"}, "Give a title of at least 5 characters."),
            ({"title": "x" * 121}, "The title is too long"),
            ({"content": "too short"}, "Describe your case in at least 10 characters."),
            ({"content": "y" * 5001}, "The description is too long"),
            ({"case_type": "bribe"}, "Choose the type of your case."),
            ({"case_type": None}, "Choose the type of your case."),
            ({"submitter_role": "president"}, "Tell us who you are"),
            ({"category_id": "999999"}, "Choose a category from the list."),
            ({"category_id": str(self.category_hidden.id)}, "Choose a category from the list."),
            ({"category_id": "abc"}, "Choose a category from the list."),
            ({"category_id": "99999999999999999999"}, "Choose a category from the list."),
            ({"category_id": ""}, "Choose a category from the list."),
            ({"requested_unit_id": str(self.unit_archived.id)}, "Choose a unit from the list"),
            ({"requested_unit_id": "-3"}, "Choose a unit from the list"),
            ({"submitter_email": "not-an-email"}, "Enter a valid email address"),
            ({"submitter_email": "a@b.c<script>"}, "Enter a valid email address"),
            ({"submitter_phone": "call me maybe"}, "Enter a valid phone number"),
        ]
        for vals, message in cases:
            with self.subTest(vals=vals):
                response = self._submit(**vals)
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
                self.assertIn("Please correct the fields marked below.", response.text)
                # what was typed comes back
                title = vals.get("title", "Opening hours in exam weeks")
                if len(title) <= 120:
                    self.assertIn(title, response.text)
                self.assertIn("王小明", response.text)
        self.assertEqual(self._count(), count, "nothing stored")

    def test_contact_rules_for_complaints_and_reports(self):
        count = self._count()
        anonymous = {"submitter_name": "", "submitter_phone": "", "submitter_email": ""}
        response = self._submit(case_type="complaint", **anonymous)
        self.assertIn("needs a phone number or an email address", response.text)
        response = self._submit(case_type="complaint", submitter_name="", submitter_phone="13800000000")
        self.assertIn("needs your name", response.text)
        self.assertEqual(self._count(), count)
        # reports are anonymous by default, and confidential
        case, _code = self._done(self._submit(case_type="report", **anonymous))
        self.assertTrue(case.is_confidential)
        self.assertTrue(case.is_anonymous)
        # the center decides
        self.env["ir.config_parameter"].sudo().set_param("sunny_service.require_contact_complaint", "optional")
        self.env["ir.config_parameter"].sudo().set_param("sunny_service.require_contact_report", "contact")
        self._done(self._submit(case_type="complaint", **anonymous))
        response = self._submit(case_type="report", **anonymous)
        self.assertIn("needs a phone number or an email address", response.text)
        self._done(
            self._submit(case_type="report", submitter_name="", submitter_phone="", submitter_email="w@example.com")
        )

    def test_html_and_script_are_stored_as_text_and_shown_escaped(self):
        script = "<script>alert('x')</script>"
        response = self._submit(
            title=f"Title {script}",
            content=f"<img src=x onerror=alert(1)> {script} <b>bold</b>",
            submitter_name="<i>Eve</i>",
        )
        case, _code = self._done(response)
        self.assertEqual(case.title, f"Title {script}")
        self.assertIn("<img src=x onerror=alert(1)>", case.content)
        page = self.url_open(f"/sunny/query/{case.id}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn(script, page.text)
        self.assertNotIn("<img src=x", page.text)
        self.assertIn("&lt;script&gt;", page.text)
        # refilled forms escape what was typed, too
        response = self._submit(title="<script>x</script>", content="short")
        self.assertNotIn("<script>x</script>", response.text)
        self.assertIn("&lt;script&gt;x&lt;/script&gt;", response.text)

    def test_control_characters_do_not_harm_the_server(self):
        case, _code = self._done(
            self._submit(
                title="Nul\x00 byte\x07 title", content="Line one\r\nLine two\x00 with a NUL byte and \x1b escape"
            )
        )
        self.assertEqual(case.title, "Nul byte title")
        self.assertEqual(case.content, "Line one\nLine two with a NUL byte and  escape")

    def test_csrf_missing_or_forged(self):
        count = self._count()
        for csrf in (False, "forged0123456789abcdef0123456789abcdefo1234567890"):
            response = self._submit(csrf=csrf)
            self.assertEqual(response.status_code, 400)
            self.assertNotIn("o_sunny_query_code", response.text)
        # a token of another session is forged too
        token, _nonce = self._form()
        self.authenticate(None, None)
        response = self.url_open("/sunny/submit", data=dict(self._submission(), csrf_token=token))
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._count(), count, "nothing stored")

    def test_replayed_or_nonce_less_form(self):
        token, nonce = self._form()
        data = dict(self._submission(), csrf_token=token, form_nonce=nonce)
        case, _code = self._done(self.url_open("/sunny/submit", data=data))
        count = self._count()
        replay = self.url_open("/sunny/submit", data=data)
        self.assertEqual(replay.status_code, 400)
        self.assertIn(f"This form was already sent: it is case {case.name}", replay.text)
        self.assertNotIn("o_sunny_query_code", replay.text)
        self.assertIn("Opening hours in exam weeks", replay.text, "the form is refilled")
        for bad_nonce in (False, "made-up-nonce"):
            response = self._submit(nonce=bad_nonce)
            self.assertEqual(response.status_code, 400)
            self.assertIn("This form has expired", response.text)
        self.assertEqual(self._count(), count, "nothing stored")

    def test_honeypot(self):
        count = self._count()
        response = self._submit(homepage="http://spam.example.com")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_sunny_query_code", response.text, "the robot believes it worked")
        self.assertEqual(self._count(), count, "nothing stored")
        self.assertFalse(self.env["mail.mail"].sudo().search([("email_to", "=", "xm.wang@example.com")]))

    def test_rate_limit(self):
        self.env["ir.config_parameter"].sudo().set_param("sunny_service.submit_limit", 2)
        self._done(self._submit())
        self._done(self._submit())
        count = self._count()
        response = self._submit(title="Third case in a row")
        self.assertEqual(response.status_code, 429)
        self.assertIn("Too many cases were sent from your address", response.text)
        self.assertIn("Third case in a row", response.text, "the form is refilled")
        self.assertEqual(self._count(), count)
        # the log keeps no address in clear
        keys = self.env["sunny.request.log"].sudo().search([]).mapped("key")
        self.assertTrue(keys)
        self.assertFalse([key for key in keys if "127.0.0.1" in key])

    def test_attachments_limits(self):
        count = self._count()
        attachment_count = self._count("ir.attachment", [("res_model", "=", "sunny.case")])
        cases = [
            ([("attachments", (f"f{i}.pdf", PDF, "application/pdf")) for i in range(6)], "Attach at most 5 files."),
            ([("attachments", ("big.pdf", PDF + b"0" * (5 * 1024 * 1024), "application/pdf"))], "is larger than 5 MB"),
            ([("attachments", ("virus.exe", EXE, "application/octet-stream"))], "this type of file is not accepted"),
            ([("attachments", ("invoice.pdf", EXE, "application/pdf"))], "its content does not match its file type"),
            ([("attachments", ("photo.jpg", PNG, "image/jpeg"))], "its content does not match its file type"),
            (
                [("attachments", ("page.html", b"<html><script>alert(1)</script></html>", "text/html"))],
                "this type of file is not accepted",
            ),
            (
                [("attachments", ("fake.docx", b"PK\x03\x04 not really a zip", "application/octet-stream"))],
                "its content does not match its file type",
            ),
            (
                [("attachments", ("binary.txt", b"\x00\x01\x02\x03", "text/plain"))],
                "its content does not match its file type",
            ),
            ([("attachments", ("empty.pdf", b"", "application/pdf"))], "is empty"),
        ]
        for files, message in cases:
            with self.subTest(message=message):
                response = self._submit(files=files)
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
                self.assertIn("Opening hours in exam weeks", response.text)
        self.assertEqual(self._count(), count, "nothing stored")
        self.assertEqual(self._count("ir.attachment", [("res_model", "=", "sunny.case")]), attachment_count)

    def test_settings_store_the_rules(self):
        # the center manager keeps them (the center's settings, not Odoo's)
        Settings = self.env["sunny.settings"].with_user(self.manager)
        settings = Settings.create(
            {
                "sunny_require_contact_complaint": "contact",
                "sunny_require_contact_report": "name_contact",
                "sunny_blocked_words": "  casino \n\n发票代开\n",
                "sunny_blocked_addresses": "10.0.0.0/8",
                "sunny_submit_limit": 3,
                "sunny_query_window": 30,
            }
        )
        settings.execute()
        get = self.env["ir.config_parameter"].sudo().get_param
        self.assertEqual(get("sunny_service.require_contact_complaint"), "contact")
        self.assertEqual(get("sunny_service.require_contact_report"), "name_contact")
        self.assertEqual(get("sunny_service.blocked_words"), "casino\n发票代开")
        self.assertEqual(get("sunny_service.blocked_addresses"), "10.0.0.0/8")
        self.assertEqual(self.env["sunny.request.log"]._limits("submit"), (3, 10))
        self.assertEqual(self.env["sunny.request.log"]._limits("query_fail"), (1000, 30))
        fresh = Settings.create({})
        self.assertEqual(fresh.sunny_blocked_words, "casino\n发票代开")
        self.assertEqual(fresh.sunny_require_contact_complaint, "contact")

    def test_request_log_is_vacuumed(self):
        Log = self.env["sunny.request.log"].sudo()
        Log._hit("submit", "192.0.2.1")
        old = Log.create({"action": "submit", "key": "x", "date": "2000-01-01 00:00:00"})
        Log._gc_old_rows()
        self.assertFalse(old.exists())
        self.assertTrue(Log.search([("key", "=", Log._hash_key("192.0.2.1"))]))

    def test_blocked_words_and_addresses_send_to_screening(self):
        icp = self.env["ir.config_parameter"].sudo()
        icp.set_param("sunny_service.blocked_words", "casino\n发票代开")
        icp.set_param("sunny_service.blocked_addresses", "@spam.example\n10.0.0.0/8")
        clean, _code = self._done(self._submit())
        self.assertFalse(clean.needs_screening)
        by_word, _code = self._done(self._submit(content="Cheap ＣＡＳＩＮＯ bonus, visit now please"))
        by_word_zh, _code = self._done(self._submit(title="代开发票 发票代开 优惠"))
        by_email, _code = self._done(self._submit(submitter_email="bot@spam.example"))
        for case in (by_word, by_word_zh, by_email):
            self.assertTrue(case.needs_screening, case.title)
            self.assertEqual(case.state, "new", "kept for the center, never lost")
            self.assertFalse(case.is_published)
        self.assertFalse(self.env["mail.mail"].sudo().search([("email_to", "=", "bot@spam.example")]))
        icp.set_param("sunny_service.blocked_addresses", "127.0.0.0/8")
        by_address, _code = self._done(self._submit())
        self.assertTrue(by_address.needs_screening)
        self.assertIn(by_address, self.env["sunny.case"].search([("needs_screening", "=", True)]))


@tagged("post_install", "-at_install")
class TestPublicQuery(SunnyPublicCase):
    def test_wrong_number_or_code_reveal_nothing(self):
        case = self._case("processing", title="Secret title of someone")
        code = case._new_query_code()
        for number, guess in (
            (case.name, "WRONGCODE"),
            ("YG1999-999999", code),
            (case.name, ""),
            ("", ""),
            (case.name, code.lower() + "X"),
            ("' OR 1=1 --", code),
        ):
            response = self._query(number, guess)
            self.assertEqual(response.status_code, 200)
            self.assertIn("The case number or the query code is incorrect.", response.text)
            self.assertNotIn("Secret title of someone", response.text)
            self.assertTrue(response.url.endswith("/sunny/query"))
        # a case entered by phone has no code: it cannot be opened by guessing
        phone_case = self._case("processing", channel="phone")
        response = self._query(phone_case.name, "ABCDEFGH")
        self.assertIn("The case number or the query code is incorrect.", response.text)
        # lower case and spaces are forgiven
        response = self._query(case.name.lower(), " ".join(code.lower()))
        self.assertTrue(response.url.endswith(f"/sunny/query/{case.id}"))
        self.assertIn("Secret title of someone", response.text)

    def test_codes_bound_to_number_and_older_ones_to_id(self):
        """A code is hashed with the case's number (the public form stores it in the
        case's INSERT); a code stored before, hashed with the case's id, still opens its
        case. Neither opens another case."""
        case = self._case("processing", title="Case with a code of today")
        older = self._case("processing", title="Case with a code of last year")
        other = self._case("processing", title="Someone else's case")
        code = case._new_query_code()
        self.assertTrue(case.sudo().query_code_hash.startswith("n$"))
        older.sudo().query_code_hash = older._hash_query_code_by_id("OLDCODE2")
        other.sudo().query_code_hash = other._hash_query_code_by_id(code)
        self.assertTrue(case._check_query_code(code))
        self.assertTrue(older._check_query_code("oldcode2"))
        self.assertFalse(older._check_query_code(code))
        self.assertFalse(case._check_query_code("OLDCODE2"))
        # a hash moved to another case opens nothing there: it is bound to its case
        other.sudo().query_code_hash = case.sudo().query_code_hash
        self.assertFalse(other._check_query_code(code))
        response = self._query(older.name, "OLDCODE2")
        self.assertTrue(response.url.endswith(f"/sunny/query/{older.id}"))
        self.assertIn("Case with a code of last year", response.text)

    def test_wrong_codes_are_rate_limited(self):
        self.env["ir.config_parameter"].sudo().set_param("sunny_service.query_limit", 3)
        case = self._case("processing")
        code = case._new_query_code()
        for _i in range(3):
            self._query(case.name, "WRONG234")
        response = self._query(case.name, code)
        self.assertEqual(response.status_code, 429)
        self.assertIn("Too many wrong attempts", response.text)
        self.assertNotIn(case.title, response.text)

    def test_wrong_codes_for_one_case_are_rate_limited(self):
        # below the limit of the address, above the limit of one case from one address
        self.env["ir.config_parameter"].sudo().set_param("sunny_service.query_case_limit", 2)
        case = self._case("processing", title="Guessed case")
        other = self._case("processing", title="Other case of the same person")
        code, other_code = case._new_query_code(), other._new_query_code()
        for _i in range(2):
            self._query(case.name, "WRONG234")
        response = self._query(case.name, code)
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("Guessed case", response.text)
        response = self._query(other.name, other_code)
        self.assertTrue(response.url.endswith(f"/sunny/query/{other.id}"))

    def test_another_case_id_is_not_shown(self):
        mine = self._case("processing", title="My own case title")
        other = self._case("replied", title="Somebody else case")
        self._prove(mine)
        response = self.url_open(f"/sunny/query/{other.id}")
        self.assertTrue(response.url.endswith("/sunny/query"))
        self.assertNotIn("Somebody else case", response.text)
        for action in ("info", "cancel", "rate", "forget"):
            response = self.url_open(
                f"/sunny/query/{other.id}/{action}",
                data={"csrf_token": self._csrf(), "info": "hello there", "satisfaction": "satisfied"},
            )
            self.assertNotIn("Somebody else case", response.text)
        self.env.invalidate_all()
        self.assertEqual(other.state, "replied")
        self.assertFalse(other.followup_ids)
        # an unknown action on my own case
        response = self.url_open(f"/sunny/query/{mine.id}/delete", data={"csrf_token": self._csrf()})
        self.assertEqual(response.status_code, 404)

    def test_status_and_reply_only_after_approval(self):
        case = self._case("review", title="Bus timetable question")
        case.sudo()._workflow().write({"reply": "Buses now leave every 15 minutes.", "progress_note": "Unit note"})
        self._prove(case)
        page = self.url_open(f"/sunny/query/{case.id}")
        self.assertIn("Reply under review", page.text)
        self.assertNotIn("Buses now leave every 15 minutes.", page.text)
        # the center approves: the reviewed reply reaches the person, never the unit's notes
        case.with_user(self.staff).action_approve_reply()
        self.assertEqual(case.state, "replied")
        page = self.url_open(f"/sunny/query/{case.id}")
        self.assertIn("Buses now leave every 15 minutes.", page.text)
        self.assertNotIn("Unit note", page.text)
        self.assertIn("Are you satisfied with the reply?", page.text)

    def test_add_information(self):
        case = self._case("processing", title="Dormitory heating", case_type="report")
        self._prove(case)
        response = self.url_open(
            f"/sunny/query/{case.id}/info",
            data={"csrf_token": self._csrf(), "info": "It also happened on <b>Friday</b>.\nRoom 302."},
            files=[("attachments", ("room.png", PNG, "image/png"))],
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("your information was added", response.text)
        message = case.sudo().message_ids.filtered(lambda m: "Room 302." in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertIn("&lt;b&gt;Friday&lt;/b&gt;", message.body)
        # a confidential report's submitter stays hidden (no author, or the anonymous public partner)
        self.assertFalse(message.author_id - self.env.ref("base.public_partner"))
        self.assertFalse(message.sudo().email_from)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertEqual(message.attachment_ids.mapped("name"), ["room.png"])
        self.assertIn(message.attachment_ids, case._public_attachments())
        # empty, hostile file, wrong state
        response = self.url_open(f"/sunny/query/{case.id}/info", data={"csrf_token": self._csrf(), "info": " "})
        self.assertEqual(response.status_code, 400)
        self.assertIn("Write the information you want to add.", response.text)
        response = self.url_open(
            f"/sunny/query/{case.id}/info",
            data={"csrf_token": self._csrf(), "info": "More detail here"},
            files=[("attachments", ("x.pdf", EXE, "application/pdf"))],
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("More detail here", response.text, "the text is kept")
        case.sudo()._workflow().write({"state": "closed"})
        response = self.url_open(
            f"/sunny/query/{case.id}/info", data={"csrf_token": self._csrf(), "info": "After closing"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("cannot be completed now", response.text)
        self.env.invalidate_all()
        self.assertFalse(case.sudo().message_ids.filtered(lambda m: "After closing" in (m.body or "")))

    def test_cancel(self):
        case = self._case("assigned")
        self._prove(case)
        response = self.url_open(f"/sunny/query/{case.id}/cancel", data={"csrf_token": self._csrf()})
        self.assertIn("Your case was withdrawn.", response.text)
        self.assertEqual(case.state, "cancelled")
        closed = self._case("closed")
        self._prove(closed)
        response = self.url_open(f"/sunny/query/{closed.id}/cancel", data={"csrf_token": self._csrf()})
        self.assertEqual(response.status_code, 400)
        self.assertIn("cannot be withdrawn now", response.text)
        self.env.invalidate_all()
        self.assertEqual(closed.state, "closed")

    def test_rate_closes_or_reopens(self):
        satisfied = self._case("replied")
        self._prove(satisfied)
        response = self.url_open(
            f"/sunny/query/{satisfied.id}/rate",
            data={"csrf_token": self._csrf(), "satisfaction": "very_satisfied", "note": "Quick and kind."},
        )
        self.assertIn("the case is closed", response.text)
        self.env.invalidate_all()
        self.assertEqual(satisfied.state, "closed")
        self.assertEqual(satisfied.satisfaction, "very_satisfied")
        self.assertRecordValues(
            satisfied.sudo().followup_ids,
            [{"method": "online", "satisfaction": "very_satisfied", "note": "Quick and kind.", "reopened": False}],
        )

        unhappy = self._case("replied")
        self._prove(unhappy)
        response = self.url_open(
            f"/sunny/query/{unhappy.id}/rate",
            data={"csrf_token": self._csrf(), "satisfaction": "dissatisfied", "note": "Still broken."},
        )
        self.assertIn("the case goes back to the unit", response.text)
        self.env.invalidate_all()
        self.assertEqual(unhappy.state, "processing")
        self.assertEqual(unhappy.reopen_count, 1)
        self.assertTrue(unhappy.sudo().followup_ids.reopened)

    def test_rate_refused_in_wrong_state_or_with_bad_values(self):
        case = self._case("processing")
        self._prove(case)
        response = self.url_open(
            f"/sunny/query/{case.id}/rate", data={"csrf_token": self._csrf(), "satisfaction": "satisfied"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("cannot be rated now", response.text)
        replied = self._case("replied")
        self._prove(replied)
        for value in ("", "ecstatic", "<script>"):
            response = self.url_open(
                f"/sunny/query/{replied.id}/rate", data={"csrf_token": self._csrf(), "satisfaction": value}
            )
            self.assertEqual(response.status_code, 400)
            self.assertIn("Choose your satisfaction among the five levels.", response.text)
        self.env.invalidate_all()
        self.assertEqual(replied.state, "replied")
        self.assertFalse((case | replied).sudo().followup_ids)

    def test_actions_need_csrf(self):
        case = self._case("replied")
        self._prove(case)
        for action in ("rate", "cancel", "info"):
            response = self.url_open(
                f"/sunny/query/{case.id}/{action}",
                data={"satisfaction": "satisfied", "info": "Forged from another site"},
            )
            self.assertEqual(response.status_code, 400)
        self.env.invalidate_all()
        self.assertEqual(case.state, "replied")
        self.assertFalse(case.sudo().followup_ids)

    def test_forget_and_logged_in_users(self):
        case = self._case("processing", title="Forget me")
        self.authenticate("pub_employee", "pub_employee_pw")
        self._prove(case)
        page = self.url_open("/sunny/query")
        self.assertIn("Forget me", page.text, "listed as opened in this browser")
        self.url_open(f"/sunny/query/{case.id}/forget", data={"csrf_token": self._csrf()})
        response = self.url_open(f"/sunny/query/{case.id}")
        self.assertTrue(response.url.endswith("/sunny/query"))
        self.assertNotIn("Forget me", response.text)


@tagged("post_install", "-at_install")
class TestPublicList(SunnyPublicCase):
    def test_only_published_answered_consented_non_confidential_cases(self):
        published = self._published(
            title="Internal title with a name",
            content="Internal content: Zhang San from class 3.",
            public_title="Printer of the reading room",
            submitter_name="张三丰",
        )
        anonymous = self._published(
            public_title="Anonymous praise of the canteen", is_anonymous=True, submitter_name=False
        )
        not_published = self._case(
            "closed", public_title="Never published case", allow_publish=True, public_content="x", public_reply="y"
        )
        confidential = self._case(
            "closed", public_title="Confidential report case", case_type="report", public_content="x", public_reply="y"
        )
        no_consent = self._case(
            "closed", public_title="No consent case", allow_publish=False, public_content="x", public_reply="y"
        )
        open_case = self._case("processing", public_title="Open case", public_content="x", public_reply="y")
        # whatever happened to the flag, the list filters again
        for case in (confidential, no_consent, open_case):
            case.sudo()._workflow().write({"is_published": True})
        for login in (None, "pub_student", "pub_staff"):
            self.authenticate(login, login and login + "_pw")
            page = self.url_open("/sunny/public")
            self.assertEqual(page.status_code, 200)
            self.assertIn("Printer of the reading room", page.text)
            self.assertIn("A student reported a broken printer.", page.text)
            self.assertIn("The printer was repaired on Monday.", page.text)
            self.assertIn("张**", page.text)
            self.assertNotIn("张三丰", page.text)
            self.assertNotIn("Internal title with a name", page.text)
            self.assertNotIn("Zhang San from class 3", page.text)
            self.assertNotIn("Internal reply", page.text)
            self.assertIn("Anonymous praise of the canteen", page.text)
            self.assertIn("Anonymous", page.text)
            for hidden in ("Never published case", "Confidential report case", "No consent case", "Open case"):
                self.assertNotIn(hidden, page.text)
        self.assertTrue(published.is_published and anonymous.is_published and not not_published.is_published)

    def test_publication_is_the_managers_decision_and_can_be_withdrawn(self):
        case = self._case(
            "closed",
            public_title="Wifi in the east dormitory",
            public_content="Slow wifi.",
            public_reply="New access points were installed.",
            allow_publish=True,
        )
        with self.assertRaises(AccessError):
            case.with_user(self.staff).action_publish()
        case.with_user(self.manager).action_publish()
        self.assertIn("Wifi in the east dormitory", self.url_open("/sunny/public").text)
        case.with_user(self.manager).action_unpublish()
        self.assertNotIn("Wifi in the east dormitory", self.url_open("/sunny/public").text)
        confidential = self._case("closed", case_type="report", public_title="t", public_content="c", public_reply="r")
        with self.assertRaises(UserError):
            confidential.with_user(self.manager).action_publish()
        refused = self._case("closed", allow_publish=False, public_title="t", public_content="c", public_reply="r")
        with self.assertRaises(UserError):
            refused.with_user(self.manager).action_publish()

    def test_search_filters_and_pages(self):
        self._published(public_title="Canteen opening hours", category_id=self.category2.id)
        self._published(public_title="Scholarship payment date", public_content="When is it paid?")
        other_unit = self._published(public_title="Broken streetlight")
        other_unit.sudo()._workflow().write({"unit_id": self.unit2.id})
        page = self.url_open("/sunny/public?search=canteen")
        self.assertIn("Canteen opening hours", page.text)
        self.assertNotIn("Scholarship payment date", page.text)
        page = self.url_open("/sunny/public?search=paid")
        self.assertIn("Scholarship payment date", page.text)
        page = self.url_open(f"/sunny/public?category={self.category2.id}")
        self.assertIn("Canteen opening hours", page.text)
        self.assertNotIn("Scholarship payment date", page.text)
        page = self.url_open(f"/sunny/public?unit={self.unit2.id}")
        self.assertIn("Broken streetlight", page.text)
        self.assertNotIn("Canteen opening hours", page.text)
        # hostile or absurd parameters
        for query in (
            "?category=abc",
            "?unit=-1",
            "?search=" + "%25" * 300,
            "?search=%00%27%22<script>",
            "?category=99999999999999999",
        ):
            response = self.url_open("/sunny/public" + query)
            self.assertEqual(response.status_code, 200, query)
            self.assertNotIn("'\"<script>", response.text)
        # ten a page
        for i in range(12):
            self._published(public_title=f"Paged case number {i:02d}")
        first = self.url_open("/sunny/public?search=Paged")
        second = self.url_open("/sunny/public/page/2?search=Paged")
        self.assertEqual(first.text.count("Paged case number"), 10)
        self.assertEqual(second.text.count("Paged case number"), 2)
        self.assertIn("/sunny/public/page/2?search=Paged", first.text)
