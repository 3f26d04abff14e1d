"""The submitter reads the unit's question and answers it on the query page and in
the portal; forged, replayed and misplaced answers change nothing."""

import re

from odoo.tests import tagged

from .public_common import PNG, SunnyPublicCase

QUESTION = "请补充宿舍楼号和房间号。"


@tagged("post_install", "-at_install", "sunny_pause")
class TestCasePausePublic(SunnyPublicCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("sunny_service.deadline_rule_consultation").write({"allow_pause": True})

    def _waiting_case(self, **vals):
        case = self._case("processing", **vals)
        case.with_user(self.officer).action_request_information(QUESTION)
        return case, case.sudo().pause_ids

    def _state(self, case):
        self.env.invalidate_all()
        case = case.sudo()
        return case.is_waiting, tuple(case.pause_ids.mapped("state")), len(case.message_ids)

    def _post_answer(self, case, pause_id, answer="3号楼302室。", base="/sunny/query", files=None):
        data = {"csrf_token": self._csrf(f"{base}/{case.id}" if base == "/my/sunny" else base), "answer": answer}
        if pause_id is not None:
            data["pause_id"] = str(pause_id)
        return self.url_open(f"{base}/{case.id}/answer", data=data, files=files)

    def test_query_page_shows_the_question_and_takes_the_answer(self):
        case, pause = self._waiting_case(submitter_email="zs@example.com")
        self._prove(case)
        page = self.url_open(f"/sunny/query/{case.id}")
        self.assertIn(QUESTION, page.text)
        self.assertIn("o_sunny_answer_form", page.text)
        self.assertNotIn("o_sunny_info_form", page.text, "one form to answer with, not two")
        # an empty answer: a clear error, the question still waits
        before = self._state(case)
        response = self._post_answer(case, pause.id, answer=" ")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Write your answer", response.text)
        self.assertEqual(self._state(case), before)
        response = self._post_answer(case, pause.id, files=[("attachments", ("room.png", PNG, "image/png"))])
        self.assertEqual(response.status_code, 200)
        self.assertIn("your answer was sent to the unit", response.text)
        self.assertNotIn("o_sunny_answer_form", response.text)
        self.env.invalidate_all()
        self.assertEqual((pause.state, pause.answer), ("answered", "3号楼302室。"))
        self.assertFalse(case.sudo().is_waiting)
        message = case.sudo().message_ids.filtered(lambda m: "3号楼302室。" in (m.body or "") and m.attachment_ids)
        self.assertEqual(message.attachment_ids.mapped("name"), ["room.png"])
        # the same form posted again (a double click, the back button): stored once
        after = self._state(case)
        response = self._post_answer(case, pause.id)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self._state(case), after)
        # another answer to a question already answered: refused, nothing stored
        response = self._post_answer(case, pause.id, answer="另一个回答")
        self.assertEqual(response.status_code, 400)
        self.assertIn("is not waiting for information from you", response.text)
        self.assertEqual(self._state(case), after)

    def test_attacks_change_nothing(self):
        case, pause = self._waiting_case()
        other, other_pause = self._waiting_case()
        before = self._state(case)
        # no proof: back to the query form
        response = self._post_answer(case, pause.id)
        self.assertTrue(response.url.endswith("/sunny/query"), response.url)
        # a wrong query code gives no proof either
        response = self._query(case.name, "WRONGCODE")
        self.assertIn("The case number or the query code is incorrect.", response.text)
        response = self._post_answer(case, pause.id)
        self.assertTrue(response.url.endswith("/sunny/query"), response.url)
        self.assertEqual(self._state(case), before)
        # proven for one case, answering another case's question, or no question at all
        self._prove(case)
        for pause_id in (other_pause.id, None, "abc"):
            with self.subTest(pause_id=pause_id):
                response = self._post_answer(case, pause_id)
                self.assertEqual(response.status_code, 400)
                self.assertIn("does not belong to your case", response.text)
        response = self._post_answer(other, other_pause.id)
        self.assertTrue(response.url.endswith("/sunny/query"), response.url)
        self.assertEqual(self._state(case), before)
        self.assertTrue(self._state(other)[0])
        # without the CSRF token
        response = self.url_open(f"/sunny/query/{case.id}/answer", data={"answer": "x", "pause_id": str(pause.id)})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._state(case), before)
        # a case that is not waiting
        running = self._case("processing")
        self._prove(running)
        response = self._post_answer(running, pause.id)
        self.assertEqual(response.status_code, 400)
        self.assertTrue(self._state(case)[0])

    def test_portal_lists_and_answers(self):
        case, pause = self._waiting_case(partner_id=self.student.partner_id.id)
        self.authenticate("pub_student", "pub_student_pw")
        page = self.url_open("/my/sunny")
        self.assertIn("o_sunny_waiting_badge", page.text)
        page = self.url_open(f"/my/sunny/{case.id}")
        self.assertIn(QUESTION, page.text)
        response = self._post_answer(case, pause.id, base="/my/sunny")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(re.search(r"/my/sunny/%d\?msg=answered" % case.id, response.url), response.url)
        self.env.invalidate_all()
        self.assertEqual(pause.state, "answered")
        # another student cannot answer it
        case2, pause2 = self._waiting_case(partner_id=self.student.partner_id.id)
        self.authenticate("pub_student2", "pub_student2_pw")
        before = self._state(case2)
        response = self.url_open(
            f"/my/sunny/{case2.id}/answer",
            data={"csrf_token": self._csrf("/sunny/query"), "answer": "我来回答", "pause_id": str(pause2.id)},
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self._state(case2), before)
