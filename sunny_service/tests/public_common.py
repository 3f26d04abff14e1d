"""Fixtures of the public-site and portal tests (HttpCase): units with stations,
public and hidden categories, one user per side (portal students, an employee,
center staff and manager), and helpers that read the CSRF token and the form
nonce from the pages and post forms like a browser would."""

import datetime
import io
import re
import zipfile

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
NONCE_RE = re.compile(r'name="form_nonce" value="([^"]+)"')
NUMBER_RE = re.compile(r'class="o_sunny_case_number fs-4">([^<]+)<')
CODE_RE = re.compile(r'class="o_sunny_query_code fs-4">([^<]+)<')

# smallest real files of each accepted kind
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 64
    + b"This program cannot be run in DOS mode."
)


def ensure_calendar(env, holiday_name="New Year"):
    """Deadlines need this year's and next year's working calendar: the built-in one,
    or (a year chinesecalendar does not know yet) one holiday on its first working day."""
    Holiday = env["sunny.holiday"]
    for year in (fields.Date.today().year, fields.Date.today().year + 1):
        if Holiday._get_year_schedule(year) is not None:
            continue
        try:
            Holiday.load_year(year)
        except UserError:
            day = datetime.date(year, 1, 1)
            while day.weekday() >= 5:
                day += datetime.timedelta(days=1)
            Holiday.create({"date": day, "kind": "holiday", "name": holiday_name})


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


class SunnyPublicCase(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, no_reset_password=True, mail_create_nolog=True))
        env = cls.env
        cls._ensure_calendar()
        # generous limits: the tests that check them lower them
        icp = env["ir.config_parameter"].sudo()
        for param, value in (
            ("sunny_service.submit_limit", 1000),
            ("sunny_service.query_limit", 1000),
            ("sunny_service.query_case_limit", 1000),
            ("sunny_service.post_limit", 1000),
        ):
            icp.set_param(param, value)
        env["sunny.request.log"].sudo().search([]).unlink()
        icp.set_param("sunny_service.blocked_words", False)
        icp.set_param("sunny_service.blocked_addresses", False)

        def user(login, name, groups, **kw):
            return new_test_user(env, login=login, password=login + "_pw", name=name, groups=groups, **kw)

        cls.manager = user("pub_manager", "Pub Manager", "sunny_service.group_center_manager", email="m@example.com")
        cls.staff = user("pub_staff", "Pub Staff", "sunny_service.group_center_staff", email="s@example.com")
        cls.officer = user("pub_officer", "Pub Officer", "sunny_service.group_station_officer", email="o@example.com")
        cls.employee = user("pub_employee", "Pub Employee", "base.group_user", email="e@example.com")
        cls.student = user("pub_student", "Li Lei", "base.group_portal", email="lilei@example.com")
        cls.student2 = user("pub_student2", "Han Meimei", "base.group_portal", email="hanmm@example.com")

        cls.unit = env["sunny.unit"].create({"name": "Library", "code": "PLIB"})
        cls.unit2 = env["sunny.unit"].create({"name": "Logistics", "code": "PLOG"})
        cls.unit_archived = env["sunny.unit"].create({"name": "Old Office", "code": "POLD", "active": False})
        env["sunny.station"].create(
            {
                "name": "Library Station",
                "unit_id": cls.unit.id,
                "officer_ids": [(6, 0, cls.officer.ids)],
                "phone": "0731-5550101",
                "email": "library@example.edu",
                "office": "Library 101",
                "hours": "Mon-Fri 8:00-17:30",
            }
        )
        env["sunny.station"].create(
            {
                "name": "Logistics Station",
                "unit_id": cls.unit2.id,
                "officer_ids": [(6, 0, cls.officer.ids)],
            }
        )
        Category = env["sunny.case.category"]
        cls.category = Category.create({"name": "Teaching", "default_unit_id": cls.unit.id})
        cls.category2 = Category.create({"name": "Campus life"})
        cls.category_hidden = Category.create({"name": "Internal audit", "is_public": False})
        cls.category_archived = Category.create({"name": "Old topic", "active": False})

    @classmethod
    def _ensure_calendar(cls):
        ensure_calendar(cls.env)

    # ------------------------------------------------------------------ data

    @classmethod
    def _case(cls, state="new", **vals):
        """A case brought to ``state`` by the workflow's own writes (no deadline maths)."""
        values = {
            "title": "Printer in the reading room is broken",
            "content": "The printer on the second floor has been out of order for a week.",
            "case_type": "consultation",
            "channel": "web",
            "category_id": cls.category.id,
            "submitter_name": "张三",
            "submitter_phone": "13800138000",
            "submitter_role": "student",
        }
        values.update(vals)
        case = cls.env["sunny.case"].sudo().with_context(mail_create_nosubscribe=True).create(values)
        now = fields.Datetime.now()
        moves = {
            "new": {},
            "registered": {"state": "registered"},
            "assigned": {"state": "assigned", "unit_id": cls.unit.id, "assigned_date": now},
            "processing": {"state": "processing", "unit_id": cls.unit.id, "assigned_date": now},
            "review": {
                "state": "review",
                "unit_id": cls.unit.id,
                "assigned_date": now,
                "reply": "Internal reply: the technician replaced the fuser unit.",
                "first_reply_date": now,
            },
            "replied": {
                "state": "replied",
                "unit_id": cls.unit.id,
                "assigned_date": now,
                "reply": "Internal reply: the technician replaced the fuser unit.",
                "public_reply": "The printer was repaired on Monday.",
                "first_reply_date": now,
                "replied_date": now,
            },
            "closed": {
                "state": "closed",
                "unit_id": cls.unit.id,
                "assigned_date": now,
                "reply": "Internal reply.",
                "public_reply": "The printer was repaired on Monday.",
                "first_reply_date": now,
                "replied_date": now,
                "closed_date": now,
                "satisfaction": "satisfied",
            },
            "rejected": {"state": "rejected", "reject_reason": "Outside the service's remit.", "closed_date": now},
            "cancelled": {"state": "cancelled", "closed_date": now},
        }
        case._workflow().write({key: value for key, value in moves[state].items() if key not in vals})
        return case.with_env(cls.env)

    @classmethod
    def _published(cls, **vals):
        values = {
            "public_title": "Reading room printer",
            "public_content": "A student reported a broken printer.",
            "public_reply": "The printer was repaired on Monday.",
            "allow_publish": True,
        }
        values.update(vals)
        case = cls._case("closed", **values)
        case.action_publish()
        return case

    # ------------------------------------------------------------------ browser-like helpers

    def _csrf(self, url="/sunny/query"):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200, url)
        return CSRF_RE.search(page.text).group(1)

    def _form(self):
        """Open the submission form: (csrf token, form nonce)."""
        page = self.url_open("/sunny/submit")
        self.assertEqual(page.status_code, 200)
        return CSRF_RE.search(page.text).group(1), NONCE_RE.search(page.text).group(1)

    def _submission(self, **vals):
        data = {
            "case_type": "consultation",
            "category_id": str(self.category.id),
            "requested_unit_id": "",
            "title": "Opening hours in exam weeks",
            "content": "Could the library stay open until 23:00 during the exam weeks?",
            "submitter_name": "王小明",
            "submitter_phone": "13912345678",
            "submitter_email": "xm.wang@example.com",
            "submitter_role": "student",
            "allow_publish": "1",
        }
        data.update(vals)
        return {key: value for key, value in data.items() if value is not None}

    def _submit(self, files=None, csrf=True, nonce=True, headers=None, **vals):
        token, form_nonce = self._form()
        data = self._submission(**vals)
        if csrf:
            data["csrf_token"] = token if csrf is True else csrf
        if nonce:
            data["form_nonce"] = form_nonce if nonce is True else nonce
        return self.url_open("/sunny/submit", data=data, files=files or None, headers=headers)

    def _done(self, response):
        """(case, code) from the page shown after a submission."""
        self.assertEqual(response.status_code, 200, response.text[:2000])
        number = NUMBER_RE.search(response.text)
        self.assertTrue(number, "no case number on the page")
        code = CODE_RE.search(response.text).group(1)
        case = self.env["sunny.case"].sudo().search([("name", "=", number.group(1))])
        return case, code

    def _query(self, number, code):
        return self.url_open("/sunny/query", data={"csrf_token": self._csrf(), "number": number, "code": code})

    def _prove(self, case):
        """Give the current session the proof of ``case`` (number + a fresh code)."""
        code = case._new_query_code()
        response = self._query(case.name, code)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith(f"/sunny/query/{case.id}"), response.url)
        return code

    def _count(self, model="sunny.case", domain=None):
        self.env.invalidate_all()
        return self.env[model].sudo().search_count(domain or [])
