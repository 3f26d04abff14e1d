"""Take the README's screenshots (and any page of a role) from a running demo, in
headless Chromium, signed in as the demo's users.

    PORT=8147 DB=sunny_tours_demo make run          # in another terminal
    python3 docs/screenshots/take_screenshots.py http://127.0.0.1:8147 [NAME ...]

Each shot signs in as its user (the password is the login, see
sunny_service/demo/LOGINS.txt), opens its page at its size, waits for what shows
that the page is loaded, runs its script (scrolling, opening a tab) and writes
OUT_DIR/NAME.png (default docs/screenshots/). With NAME arguments only those shots
are taken; ``--walk`` takes the pages of every role to /tmp/sunny_walk instead.

It speaks the DevTools protocol to Chromium itself (websocket-client): no other
browser tooling is needed.
"""

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import requests
import websocket

HERE = os.path.dirname(os.path.abspath(__file__))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
DESKTOP = (1440, 900)
PHONE = (390, 844)

# name: (login or None for a visitor, path, size, selector to wait for, script to run)
SHOTS = {
    "backoffice_kanban": (
        "center_manager",
        "/odoo/action-sunny_service.sunny_case_action",
        DESKTOP,
        ".o_kanban_view .o_kanban_record",
        # all the cases, not only the manager's work; scrolled to the right
        "document.querySelector('.o_searchview_facet .o_facet_remove')?.click();"
        "setTimeout(() => { for (const board of document.querySelectorAll('.o_content, .o_kanban_renderer'))"
        " { board.scrollLeft = board.scrollWidth; } }, 1500)",
    ),
    "backoffice_case_form": (
        "center_manager",
        # a case in progress at a unit (YG…-000031 of the demo)
        "/odoo/action-sunny_service.sunny_case_action/31",
        DESKTOP,
        ".o_form_view .o_statusbar_status",
        "",
    ),
    "backoffice_officer_kanban": (
        "officer_hq",
        "/odoo",
        DESKTOP,
        ".o_kanban_view .o_kanban_record",
        "",
    ),
    # the logistics department's officer hands its opinion on the co-handled case
    # (YG…-000033 of the demo, sunny_demo_cohandling.py) to one of its handlers
    "opinion_handler_dialog": (
        "officer_hq",
        "/odoo/action-sunny_service.sunny_case_action/33",
        DESKTOP,
        ".o_form_view .o_statusbar_buttons",
        "[...document.querySelectorAll('.o_statusbar_buttons button')]"
        ".find((button) => button.textContent.trim() === '交给受理人员').click()",
    ),
    # a unit's officer returns a case that is not its own (YG…-000036 of the demo): the
    # directory's suggestions, and the unit the case belongs to
    "return_dialog": (
        "officer_jx",
        "/odoo/action-sunny_service.sunny_case_action/36",
        DESKTOP,
        ".o_form_view .o_statusbar_buttons",
        "[...document.querySelectorAll('.o_statusbar_buttons button')]"
        ".find((button) => button.textContent.trim() === '退回中心').click()",
    ),
    "sunny_home": (None, "/zh_CN/sunny", DESKTOP, ".o_sunny_home, main", ""),
    "sunny_submit": (None, "/zh_CN/sunny/submit", DESKTOP, "form", ""),
    "sunny_submit_mobile": (None, "/zh_CN/sunny/submit", PHONE, "form", ""),
    "sunny_public": (None, "/zh_CN/sunny/public", DESKTOP, "main", ""),
    # an anonymous demo case answered, to rate (sunny_service/demo/LOGINS.txt)
    "sunny_query": (
        None,
        "/zh_CN/sunny/query",
        (1280, 1234),
        "form input[name=number]",
        "document.querySelector('input[name=number]').value = 'YG' + new Date().getFullYear() + '-000026';"
        "document.querySelector('input[name=code]').value = 'HNGC8K3P';"
        "document.querySelector('input[name=code]').form.submit()",
    ),
    # a visitor types a title that an FAQ entry of the demo answers
    "sunny_submit_suggest": (
        None,
        "/zh_CN/sunny/submit",
        (1280, 800),
        "input[data-sunny-suggest-ready]",
        "const title = document.getElementById('title');"
        "title.value = '食堂饭菜价格上涨'; title.dispatchEvent(new Event('input', {bubbles: true}));"
        "title.scrollIntoView({block: 'center'})",
    ),
    "sunny_faq": (None, "/zh_CN/sunny/faq", (1280, 900), "main", ""),
    # a demo case waiting for its submitter: run docs/screenshots/waiting_case.py on
    # the demo database first (it gives YG…-000030 the code WAIT7K2Q and asks)
    "sunny_query_waiting": (
        None,
        "/zh_CN/sunny/query",
        (1280, 1100),
        "form input[name=number]",
        "document.querySelector('input[name=number]').value = 'YG' + new Date().getFullYear() + '-000030';"
        "document.querySelector('input[name=code]').value = 'WAIT7K2Q';"
        "document.querySelector('input[name=code]').form.submit()",
    ),
    # 落实回访: the center's list of the submitters who have not answered yet
    "settle_unanswered": (
        "center_staff",
        "/odoo/action-sunny_service.sunny_case_settle_action",
        (1440, 520),
        ".o_list_view .o_data_row",
        "",
    ),
    # ... and the question on the query page of the demo's anonymous course-selection
    # complaint (closed weeks ago, asked, not answered yet)
    "sunny_query_settle": (
        None,
        "/zh_CN/sunny/query",
        (1280, 1000),
        "form input[name=number]",
        "document.querySelector('input[name=number]').value = 'YG' + new Date().getFullYear() + '-000002';"
        "document.querySelector('input[name=code]').value = 'XK4T7RWM';"
        "document.querySelector('input[name=code]').form.submit()",
    ),
    # the center manager's retention periods and the identity access log (two-factor
    # sign-in: see TOTP_NOTE)
    "retention_periods": (
        "center_manager",
        "/odoo/action-sunny_service.sunny_retention_rule_action",
        (1280, 420),
        ".o_list_view .o_data_row",
        "",
    ),
    "identity_access_log": (
        "center_manager",
        "/odoo/action-sunny_service.sunny_identity_access_action",
        (1280, 420),
        ".o_list_view .o_data_row",
        "",
    ),
}

TOTP_NOTE = (
    "the center manager and discipline inspection sign in with two-factor authentication: to take "
    "their pages from the demo, let no group require it first (Sunshine Service › Configuration › "
    "Settings › Two-factor Sign-in emptied, or `python3 scripts/odoo_cmd.py set-params DB "
    "sunny_service.totp_groups=none`)"
)

# the walk: every role's landing page and main work (--walk)
WALK = {
    "center_staff_landing": ("center_staff", "/odoo", DESKTOP, ".o_kanban_record", ""),
    "center_manager_landing": ("center_manager", "/odoo", DESKTOP, ".o_kanban_record", ""),
    "officer_landing": ("officer_jwc", "/odoo", DESKTOP, ".o_kanban_record", ""),
    "officer_landing_phone": ("officer_jwc", "/odoo", PHONE, ".o_kanban_record", ""),
    "handler_landing": ("handler_hq", "/odoo", DESKTOP, ".o_action .o_content", ""),
    "discipline_landing": ("discipline", "/odoo", DESKTOP, ".o_kanban_record", ""),
    "leader_landing": ("leader", "/odoo", DESKTOP, ".o_action .o_content", ""),
    "leader_scoreboard": (
        "leader",
        "/odoo/action-sunny_service_reports.sunny_unit_action_scoreboard",
        DESKTOP,
        ".o_kanban_record",
        "",
    ),
    "manager_bulletins": (
        "center_manager",
        "/odoo/action-sunny_service_reports.sunny_bulletin_action",
        DESKTOP,
        ".o_action .o_content",
        "document.querySelector('.o_data_row td.o_data_cell')?.click()",
    ),
    "manager_assessments": (
        "center_manager",
        "/odoo/action-sunny_service_reports.sunny_assessment_action",
        DESKTOP,
        ".o_action .o_content",
        "document.querySelector('.o_data_row td.o_data_cell')?.click()",
    ),
    "manager_settings": (
        "center_manager",
        "/odoo/action-sunny_service.sunny_settings_action",
        DESKTOP,
        ".o_form_view",
        "",
    ),
    "student_portal": ("student1", "/my/sunny", DESKTOP, "main", ""),
}


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="sunny_shots_")
        self.proc = subprocess.Popen(
            [
                CHROMIUM,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                "--lang=zh-CN",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for line in self.proc.stderr:
            match = re.search(r"DevTools listening on (ws://\S+)", line)
            if match:
                break
        port = re.search(r":(\d+)/", match[1])[1]
        targets = requests.get(f"http://127.0.0.1:{port}/json", timeout=10).json()
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        return result.get("result", {}).get("value")

    def wait_for(self, selector, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.evaluate(f"!!document.querySelector({json.dumps(selector)})"):
                return True
            time.sleep(0.3)
        return False

    def close(self):
        self.proc.terminate()
        self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def session_for(base, login):
    """A signed-in session id (the demo's password is the login)."""
    http = requests.Session()
    page = http.get(f"{base}/web/login", timeout=30).text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    response = http.post(
        f"{base}/web/login",
        data={"login": login, "password": login, "csrf_token": csrf, "redirect": "/odoo"},
        timeout=60,
    )
    if "/totp" in response.url:
        sys.exit(f"{login}: {TOTP_NOTE}")
    return http.cookies.get("session_id")


def shoot(browser, base, name, shot, out_dir):
    login, path, (width, height), ready, script = shot
    browser.call("Network.enable")
    browser.call("Network.clearBrowserCookies")
    host = re.sub(r"^https?://([^:/]+).*", r"\1", base)
    if login:
        browser.call("Network.setCookie", name="session_id", value=session_for(base, login), domain=host, path="/")
    browser.call(
        "Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=width < 500
    )
    # the browser of a user of the university is in its time zone (the web client shows
    # dates in the browser's)
    browser.call("Emulation.setTimezoneOverride", timezoneId=os.environ.get("TZ_ID", "Asia/Shanghai"))
    browser.call("Page.enable")
    browser.call("Page.navigate", url=base + path)
    time.sleep(1)
    if not browser.wait_for(ready):
        print(f"{name}: {ready} never showed", file=sys.stderr)
    if script:
        browser.evaluate(script)
        time.sleep(3)
        browser.wait_for(".o_form_view, .o_kanban_view, main", timeout=10)
    time.sleep(1.5)
    data = browser.call("Page.captureScreenshot", format="png")["data"]
    target = os.path.join(out_dir, f"{name}.png")
    with open(target, "wb") as out:
        out.write(base64.b64decode(data))
    print(target)


def main(argv):
    walk = "--walk" in argv
    argv = [a for a in argv if a != "--walk"]
    base = (argv[0] if argv else "http://127.0.0.1:8069").rstrip("/")
    shots = WALK if walk else SHOTS
    out_dir = os.environ.get("OUT_DIR") or ("/tmp/sunny_walk" if walk else HERE)
    os.makedirs(out_dir, exist_ok=True)
    names = argv[1:] or list(shots)
    browser = Browser()
    try:
        for name in names:
            shoot(browser, base, name, shots[name], out_dir)
    finally:
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
