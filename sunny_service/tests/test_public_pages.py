"""What the public pages and the portal show: consent unticked and explained, the
query code with a copy and a print button, the approved reply once, the page's
language on <html>, the portal's tile with a pictogram of its size."""

import re

from odoo.tests import tagged

from .public_common import SunnyPublicCase

HTML_LANG_RE = re.compile(r"<html[^>]*\slang=\"([^\"]+)\"")


@tagged("post_install", "-at_install")
class TestPublicPages(SunnyPublicCase):
    def test_consent_is_opt_in_on_the_form(self):
        for login in (None, "pub_student"):
            self.authenticate(login, login and login + "_pw")
            page = self.url_open("/sunny/submit").text
            checkbox = re.search(r"<input[^>]*id=\"allow_publish\"[^>]*>", page).group(0)
            self.assertNotIn("checked", checkbox, "consent is a box the visitor ticks")
            self.assertIn('aria-describedby="allow_publish_help"', checkbox)
            self.assertIn("leave it unticked and your case is handled the same way, but never published", page)
        # a form sent without ticking it gives no consent
        case, _code = self._done(self._submit(allow_publish=None))
        self.assertFalse(case.allow_publish)
        self.assertEqual(case.channel, "web")
        # a form sent back with an error keeps the visitor's choice
        page = self._submit(title="abc").text
        self.assertRegex(page, r"<input[^>]*id=\"allow_publish\"[^>]*checked")

    def test_the_code_can_be_copied_and_printed(self):
        page = self._submit().text
        self.assertIn("o_sunny_copy_code", page)
        self.assertIn("Copy the number and code", page)
        self.assertIn("o_sunny_print", page)
        self.assertIn("Print this page", page)
        self.assertRegex(page, r'class="[^"]*o_sunny_copy_status[^"]*" role="status"')

    def test_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["sunny_service"], ["zh_CN"], overwrite=True)
        self.url_open("/zh_CN/sunny")  # the visitor chooses Chinese
        page = self.url_open("/zh_CN/sunny/submit").text
        self.assertIn("选填：不勾选，您的诉求照常办理，但不会公开。", page)
        page = self._submit().text
        self.assertIn("复制受理编号和查询码", page)
        self.assertIn("打印本页", page)
        self.assertIn("已复制，请粘贴到您保存备忘的地方。", page)

    def test_the_approved_reply_is_shown_once(self):
        reply = "The printer on the second floor was repaired on Monday.\nThank you for telling us."
        case = self._case("replied", reply=reply)
        # a message that carried the reply (as the service once sent it), beside the submitter's own
        case.sudo().with_context(mail_notify_force_send=False).message_post(
            body="Reply to your case {}: {}".format(case.name, reply.replace("\n", " ")),
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=self.env.ref("base.partner_root").id,
            email_from="sunny@example.com",
        )
        case.sudo().with_context(mail_notify_force_send=False)._public_add_information(
            "The printer on the first floor is broken too."
        )
        self._prove(case)
        page = self.url_open(f"/sunny/query/{case.id}").text
        self.assertEqual(page.count("was repaired on Monday"), 1, "the reply is shown once")
        self.assertIn("o_sunny_reply", page)
        self.assertIn("The printer on the first floor is broken too.", page, "the other messages stay")

    def test_pages_say_their_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        for path, lang in (
            ("/sunny", "en-US"),
            ("/zh_CN/sunny", "zh-CN"),
            ("/en/sunny/public", "en-US"),
            ("/zh_CN/sunny/query", "zh-CN"),
        ):
            page = self.url_open(path)
            self.assertEqual(page.status_code, 200, path)
            self.assertEqual(HTML_LANG_RE.search(page.text).group(1), lang, path)
        self.authenticate("pub_student", "pub_student_pw")
        self.assertEqual(HTML_LANG_RE.search(self.url_open("/my/sunny").text).group(1), "en-US")

    def test_portal_tile_has_a_pictogram(self):
        self.authenticate("pub_student", "pub_student_pw")
        page = self.url_open("/my").text
        self.assertIn("/sunny_service/static/src/img/sunny_portal.svg", page)
        self.assertNotIn("/sunny_service/static/description/icon.png", page)
        svg = self.url_open("/sunny_service/static/src/img/sunny_portal.svg")
        self.assertEqual(svg.status_code, 200)
        self.assertIn('width="64" height="64"', svg.text, "as large as the other tiles' pictograms")
