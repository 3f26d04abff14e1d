"""Accessibility of the public pages and the portal, in Chromium.

axe-core (npm, installed by scripts/setup.sh from the repository's package.json)
checks /sunny, /sunny/submit, /sunny/query, a query result, /sunny/public, and the
portal's /my/sunny and one case, in Chinese and in English, at a desktop and at a
phone width: no serious or critical violation. Each page is loaded in a frame of
that width inside one browser, axe is injected into it and run there.

The keyboard test sends the case form with real key presses (Chromium's input
events, not synthetic DOM events): Tab moves the focus from control to control,
typing fills them, arrows choose, Space ticks, Enter sends."""

import json
import os
import time

from odoo.tests import tagged
from odoo.tests.common import DEFAULT_SUCCESS_SIGNAL, TEST_CURSOR_COOKIE_NAME, ChromeBrowser

from .public_common import SunnyPublicCase

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
AXE_PATH = os.path.join(REPO_ROOT, "node_modules", "axe-core", "axe.min.js")
WIDTHS = [(1280, 800), (375, 740)]  # desktop, phone
LANGS = [("en", "en-US"), ("zh_CN", "zh-CN")]  # URL prefix, <html lang>

# Runs in a page of the site: proves a case like a visitor (number + code), then
# loads each page in a frame of each width, injects axe and collects what it finds.
AXE_RUNNER = """
(async () => {
    const config = %s;
    if (config.proof) {
        const form = new FormData();
        form.append("csrf_token", odoo.csrf_token);
        form.append("number", config.proof.number);
        form.append("code", config.proof.code);
        await fetch("/sunny/query", { method: "POST", body: form });
    }
    const problems = [];
    for (const [width, height] of config.widths) {
        for (const page of config.pages) {
            const frame = document.createElement("iframe");
            frame.title = page.url;
            frame.style.cssText = `width: ${width}px; height: ${height}px; border: 0;`;
            document.body.appendChild(frame);
            await new Promise((resolve) => {
                frame.onload = resolve;
                frame.src = page.url;
            });
            const doc = frame.contentDocument;
            await doc.fonts.ready;
            const where = `${page.url} at ${width}px`;
            if (!frame.contentWindow.location.pathname.endsWith(page.path)) {
                problems.push(`${where}: landed on ${frame.contentWindow.location.pathname}`);
            }
            if (doc.documentElement.lang !== page.lang) {
                problems.push(`${where}: <html lang="${doc.documentElement.lang}">, not ${page.lang}`);
            }
            const script = doc.createElement("script");
            script.textContent = config.axe;
            doc.head.appendChild(script);
            const result = await frame.contentWindow.axe.run(doc, { resultTypes: ["violations"] });
            for (const violation of result.violations) {
                if (["serious", "critical"].includes(violation.impact)) {
                    const nodes = violation.nodes.slice(0, 4).map((node) => {
                        const data = (node.any[0] && node.any[0].data) || {};
                        const colors = data.fgColor
                            ? ` (${data.fgColor} on ${data.bgColor}: ${data.contrastRatio})` : "";
                        return node.target.join(" ") + colors;
                    }).join(" | ");
                    problems.push(`${where}: ${violation.id} (${violation.impact}) ${violation.help}: ${nodes}`);
                }
            }
            frame.remove();
        }
    }
    if (problems.length) {
        console.error("axe found:\\n" + problems.join("\\n"));
    } else {
        console.log("%s");
    }
})();
"""


@tagged("post_install", "-at_install")
class TestAccessibility(SunnyPublicCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["sunny_service"], ["zh_CN"], overwrite=True)
        cls.env["ir.module.module"]._load_module_terms(["web", "portal"], ["zh_CN"])
        cls._published(
            public_title="阅览室打印机故障",
            public_content="有同学反映二楼打印机故障一周。",
            public_reply="打印机已于周一修复。",
        )
        cls.answered = cls._case(
            "replied",
            title="Printer of the reading room",
            reply="The printer was repaired.",
            partner_id=cls.student.partner_id.id,
        )

    def _axe(self, paths, login=None, proof=None):
        if not os.path.exists(AXE_PATH):
            self.fail(f"{AXE_PATH} is missing: run scripts/setup.sh (npm ci installs axe-core)")
        with open(AXE_PATH, encoding="utf-8") as axe:
            config = {
                "axe": axe.read(),
                "widths": WIDTHS,
                "proof": proof,
                "pages": [
                    {"url": f"/{prefix}{path}", "path": path, "lang": lang} for prefix, lang in LANGS for path in paths
                ],
            }
        code = AXE_RUNNER % (json.dumps(config), DEFAULT_SUCCESS_SIGNAL)
        self.browser_js("/sunny", code, ready="document.readyState === 'complete'", login=login, timeout=240)

    def test_public_pages(self):
        case = self._case("replied", reply="The printer was repaired on Monday.")
        proof = {"number": case.name, "code": case._new_query_code()}
        self._axe(["/sunny", "/sunny/submit", "/sunny/query", f"/sunny/query/{case.id}", "/sunny/public"], proof=proof)

    def test_portal_pages(self):
        self._axe(["/my/sunny", f"/my/sunny/{self.answered.id}"], login="pub_student")

    def test_faq_pages(self):
        faq = self.env["sunny.faq"].create(
            {
                "name": "校园卡丢失了如何补办？",
                "answer": "到一卡通服务中心补办，工本费20元。",
                "category_id": self.category.id,
                "is_published": True,
            }
        )
        self.env["sunny.faq"].create(
            {
                "name": "宿舍网络断线怎么办？",
                "answer": "拨打报修电话。",
                "category_id": self.category.id,
                "is_published": True,
            }
        )
        self._axe(["/sunny/faq", f"/sunny/faq/{faq.id}"])


@tagged("post_install", "-at_install")
class TestKeyboardSubmission(SunnyPublicCase):
    """A visitor who uses only the keyboard sends a case from /sunny/submit."""

    def setUp(self):
        super().setUp()
        self.browser = ChromeBrowser(self, headless=True, success_signal=DEFAULT_SUCCESS_SIGNAL)
        self.addCleanup(self._stop_browser)
        # as HttpCase.browser_js does: the browser's requests use this test's cursor
        self.http_request_key = self.canonical_tag + "_browser_js"
        self.authenticate(None, None, browser=self.browser)
        self.http_request_strict_check = True
        self.cr.flush()
        self.cr.clear()

    def _stop_browser(self):
        self.browser.stop()
        self._wait_remaining_requests()
        self.http_request_key = self.canonical_tag
        self.opener.cookies[TEST_CURSOR_COOKIE_NAME] = self.http_request_key

    def _eval(self, expression):
        result = self.browser._websocket_request(
            "Runtime.evaluate", params={"expression": expression, "returnByValue": True, "awaitPromise": True}
        )
        return result["result"].get("value")

    def _key(self, key, code=None, key_code=0, text=None):
        """One real key press, as Chromium receives it from the keyboard."""
        params = {"key": key, "code": code or key, "windowsVirtualKeyCode": key_code}
        down = dict(params, type="keyDown", text=text) if text else dict(params, type="rawKeyDown")
        self.browser._websocket_request("Input.dispatchKeyEvent", params=down)
        self.browser._websocket_request("Input.dispatchKeyEvent", params=dict(params, type="keyUp"))

    def _type(self, text):
        """Type ``text`` into the focused control, as a keyboard (or an input method)
        does, and wait until the control holds it: a busy page must not lose keys
        between this and the next Tab."""
        self.browser._websocket_request("Input.insertText", params={"text": text})
        self._wait(f"document.activeElement && document.activeElement.value.endsWith({json.dumps(text)})")

    def _focused(self):
        return self._eval(
            "(() => { const e = document.activeElement;" " return e ? e.outerHTML.slice(0, 80) : null; })()"
        )

    def _tab_to(self, selector, limit=40):
        """Press Tab until the control ``selector`` has the focus."""
        seen = []
        for _i in range(limit):
            self._key("Tab", key_code=9)
            if self._eval(f"document.activeElement && document.activeElement.matches({json.dumps(selector)})"):
                return
            seen.append(self._focused())
        self.fail(f"{selector} is never reached with Tab; the focus went through {seen}")

    def _wait(self, expression, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self._eval(f"(() => {{ try {{ return !!({expression}); }} catch {{ return false; }} }})()"):
                return
            time.sleep(0.2)
        self.fail(f"the page never showed {expression}")

    def test_submit_with_the_keyboard_only(self):
        self.browser.navigate_to(f"{self.base_url()}/en/sunny/submit", wait_stop=True)
        self._wait("document.readyState === 'complete' && document.querySelector('#title')")
        # the type: its radio buttons are one stop; the arrow keys choose in the group
        self._tab_to("#case_type_consultation")
        self._key("ArrowRight", key_code=39)
        self._key("ArrowRight", key_code=39)
        self.assertEqual(self._eval("document.querySelector('input[name=case_type]:checked').value"), "suggestion")
        # a closed select changes with the arrow keys
        self._tab_to("#category_id")
        self._key("ArrowDown", key_code=40)
        category_id = int(self._eval("document.querySelector('#category_id').value"))
        self._tab_to("#title")
        self._type("Keyboard-only visitor")
        self._tab_to("#content")
        self._type("Every control of the form is reached with the Tab key.")
        self._tab_to("#submitter_name")
        self._type("Key Board")
        self._tab_to("#submitter_email")
        self._type("keyboard@example.com")
        self._tab_to("#allow_publish")
        self._key(" ", code="Space", key_code=32, text=" ")
        self.assertTrue(self._eval("document.querySelector('#allow_publish').checked"))
        # the send button is the next stop; Enter sends
        self._tab_to("button.o_sunny_submit", limit=1)
        self._key("Enter", key_code=13, text="\r")
        self._wait("document.querySelector('.o_sunny_query_code')")
        case = self.env["sunny.case"].sudo().search([("title", "=", "Keyboard-only visitor")])
        self.assertRecordValues(
            case,
            [
                {
                    "case_type": "suggestion",
                    "category_id": category_id,
                    "submitter_name": "Key Board",
                    "submitter_email": "keyboard@example.com",
                    "allow_publish": True,
                    "channel": "web",
                }
            ],
        )
        # the code shown once: its copy button works from the keyboard too
        self._tab_to(".o_sunny_copy_code")
        self._key("Enter", key_code=13, text="\r")
        self._wait("document.querySelector('.o_sunny_copy_status > div:not(.d-none)')")
        self._tab_to(".o_sunny_print", limit=1)
