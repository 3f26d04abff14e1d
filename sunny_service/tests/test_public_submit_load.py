"""The public form under load: what one visitor's GET and POST of /sunny/submit cost
in SQL queries (pinned), and the work a submission leaves out of the request: the
acknowledgement mail is queued for the mail cron, the case number comes from a
PostgreSQL sequence (no lock held until the transaction ends), the form's lists are
read once for every visitor and follow their changes, and the rate limit's lock on the
visitor's address is only taken once the case is made (visitors behind one address,
a campus gateway, do not wait for each other's whole submission)."""

from unittest.mock import patch

from odoo.tests import tagged

from .public_common import SunnyPublicCase

# What the layout reads of the public user (its company); the public user itself, the
# form's lists and the site's default language come from caches (10 queries before).
SUBMIT_FORM_QUERIES = 2
# The above, the rate limit (a first look without the lock; at the end, the lock with
# this transaction's count, then the committed hits), the number (one query for the
# sequence, one for the value), the case inserted with its precomputed fields, its
# hashed query code and its form's nonce, its identity and creation message, the hit
# (26 queries before; 16 while the query code was stored by an UPDATE of the new case).
SUBMIT_POST_QUERIES = 15


@tagged("post_install", "-at_install")
class TestPublicSubmitLoad(SunnyPublicCase):
    def _post(self, **vals):
        token, nonce = self._form()
        data = dict(self._submission(**vals), csrf_token=token, form_nonce=nonce)
        return self.url_open("/sunny/submit", data=data, allow_redirects=False)

    def test_form_query_count(self):
        self.url_open("/sunny/submit")  # warm the caches of the route
        with self.assertQueryCount(SUBMIT_FORM_QUERIES):
            page = self.url_open("/sunny/submit")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.category.complete_name, page.text)
        self.assertIn(self.unit2.name, page.text)

    def test_post_query_count(self):
        self._post(submitter_email=None)  # warm the caches of the route
        token, nonce = self._form()
        data = dict(self._submission(submitter_email=None), csrf_token=token, form_nonce=nonce)
        with self.assertQueryCount(SUBMIT_POST_QUERIES):
            response = self.url_open("/sunny/submit", data=data, allow_redirects=False)
        self.assertEqual(response.status_code, 303, response.text[:2000])
        self.assertTrue(response.headers["Location"].endswith("/sunny/submit/done"))
        case = self.env["sunny.case"].sudo().search([("title", "=", data["title"])], order="id desc", limit=1)
        # what the queries left out is still there: routing, confidentiality, deadline
        self.assertEqual(case.category_id, self.category)
        self.assertEqual(case.submitter_name, "王小明")
        self.assertFalse(case.is_confidential)
        self.assertFalse(case.deadline)
        self.assertTrue(case.sudo().query_code_hash)

    def test_acknowledgement_mail_is_queued(self):
        """The mail with the number and query code waits for the mail cron: the visitor
        does not wait for the mail server."""
        response = self._post(submitter_email="queued@example.com")
        self.assertEqual(response.status_code, 303)
        mail = self.env["mail.mail"].sudo().search([("email_to", "=", "queued@example.com")])
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing")
        self.assertTrue(self.env.ref("mail.ir_cron_mail_scheduler_action").active)

    def test_case_numbers_without_lock(self):
        """Two submissions never wait for each other's transaction to draw a number: the
        case sequence is a PostgreSQL sequence, not the no-gap row lock."""
        sequence = self.env.ref("sunny_service.seq_sunny_case")
        self.assertEqual(sequence.implementation, "standard")
        first, second = (self._post(title=f"Opening hours, question {i}") for i in (1, 2))
        self.assertEqual((first.status_code, second.status_code), (303, 303))
        names = (
            self.env["sunny.case"]
            .sudo()
            .search([("title", "like", "Opening hours, question")], order="id")
            .mapped("name")
        )
        self.assertEqual(len(set(names)), 2)
        self.assertTrue(all(name.startswith("YG") for name in names))

    def test_form_lists_follow_changes(self):
        """The categories and units of the form are read once for all visitors, and a
        change in the back office shows on the next page."""
        self.url_open("/sunny/submit")
        self.category2.name = "Campus life and housing"
        self.unit2.active = False
        new_unit = self.env["sunny.unit"].create({"name": "Sports Center", "code": "PSPO"})
        page = self.url_open("/sunny/submit").text
        self.assertIn("Campus life and housing", page)
        self.assertIn("Sports Center", page)
        self.assertNotIn(">Logistics<", page)
        # and the POST checks the choices against the same lists
        response = self._post(requested_unit_id=str(self.unit2.id))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Choose a unit from the list", response.text)
        response = self._post(requested_unit_id=str(new_unit.id), title="For the sports center")
        self.assertEqual(response.status_code, 303)
        case = self.env["sunny.case"].sudo().search([("title", "=", "For the sports center")])
        self.assertEqual(case.requested_unit_id, new_unit)

    def _holds_lock(self, cr, lock):
        unsigned = lock & (2**64 - 1)
        cr.execute(
            """
            SELECT COUNT(*) FROM pg_locks
             WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
               AND classid::bigint = %s AND objid::bigint = %s
            """,
            [unsigned >> 32, unsigned & 0xFFFFFFFF],
        )
        return bool(cr.fetchone()[0])

    def test_address_lock_not_held_while_the_case_is_made(self):
        Log = self.env["sunny.request.log"]
        lock = Log._lock_id("submit", Log._hash_key("127.0.0.1"))
        Case = type(self.env["sunny.case"])
        create = Case._public_create
        held = []

        def spy(model, *args, **kwargs):
            held.append(self._holds_lock(model.env.cr, lock))
            return create(model, *args, **kwargs)

        with patch.object(Case, "_public_create", spy):
            response = self._post()
        self.assertEqual(response.status_code, 303)
        self.assertEqual(held, [False])
        # the limit is still decided under the lock, before the request commits
        self.assertTrue(self._holds_lock(self.env.cr, lock))

    def test_rate_limit_decided_at_the_end(self):
        """A submission that finds the address's allowance used up once its case is
        made (another request of the address committed meanwhile) leaves nothing."""
        self.env["ir.config_parameter"].sudo().set_param("sunny_service.submit_limit", 1)
        Log = type(self.env["sunny.request.log"])
        looks = Log._looks_limited
        with patch.object(Log, "_looks_limited", lambda model, action, value: False):
            self.assertEqual(self._post(title="First of two").status_code, 303)
            count = self._count()
            mails = self._count("mail.mail")
            response = self._post(title="Second of two", submitter_email="second@example.com")
        self.assertEqual(response.status_code, 429)
        self.assertIn("Too many cases were sent from your address", response.text)
        self.assertIn("Second of two", response.text, "the form is refilled")
        self.assertEqual(self._count(), count)
        self.assertEqual(self._count("mail.mail"), mails)
        self.assertTrue(looks(self.env["sunny.request.log"], "submit", "127.0.0.1"))
