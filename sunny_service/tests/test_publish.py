"""Publication on /sunny/public never names anyone: the public texts start empty,
the submitter's own name, phone or e-mail is refused, anything else that looks like
personal data is listed (masked) for the center manager to confirm. Consent to
publication is opt-in, and a case typed in by the back office is a phone call."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SunnyCaseCommon

CLEAN = {
    "public_title": "关于考试周图书馆开放时间的咨询",
    "public_content": "王**同学咨询：考试周图书馆能否开放至23:00？",
    "public_reply": "图书馆自第16周起开放至23:00。",
}


@tagged("post_install", "-at_install")
class TestPublish(SunnyCaseCommon):
    def _answered(self, **vals):
        vals = dict(
            {
                "submitter_name": "王小明",
                "submitter_phone": "13800138000",
                "submitter_email": "xm.wang@example.com",
                "allow_publish": True,
            },
            **vals,
        )
        return self._case_in_state("closed", **vals)

    def _write_texts(self, case, **texts):
        self._as(case, self.center_manager).write(dict(CLEAN, **texts))

    def test_new_cases_do_not_consent_and_are_phone_calls(self):
        Case = self.env["sunny.case"].with_user(self.center_staff)
        self.assertEqual(Case.default_get(["allow_publish", "channel"]), {"allow_publish": False, "channel": "phone"})
        case = Case.create({"title": "来电咨询补考时间", "content": "学生来电询问补考安排。"})
        self.assertFalse(case.allow_publish, "nobody consented: the box was never ticked")
        self.assertEqual(case.channel, "phone")
        # the caller said yes on the phone: the center records it at intake
        said_yes = Case.create({"title": "来电建议", "content": "建议延长开放时间。", "allow_publish": True})
        self.assertTrue(said_yes.allow_publish)
        # and a case without consent cannot be published
        case = self._case_in_state("closed", allow_publish=False)
        self._write_texts(case)
        with self.assertRaisesRegex(UserError, "did not consent"):
            self._as(case, self.center_manager).action_publish()
        self.assertFalse(case.is_published)

    def test_public_reply_starts_empty(self):
        case = self._case_in_state("review", submitter_name="王小明", allow_publish=True)
        self._as(case, self.center_staff).action_approve_reply()
        self.assertEqual(case.state, "replied")
        self.assertTrue(case.reply)
        self.assertFalse(case.public_reply, "the unit's reply to a named person is not the public text")
        self.assertFalse(case.public_title or case.public_content)

    def test_the_submitters_identity_is_refused(self):
        case = self._answered(partner_id=self.portal_user.partner_id.id)
        wizards = self.env["sunny.case.publish.wizard"].search([])
        for field, text in (
            ("public_content", "王小明同学反映：图书馆闭馆太早。"),
            ("public_reply", "已电话联系138-0013-8000的同学。"),
            ("public_reply", "答复已发送至 XM.Wang@example.com。"),
            # the account that filed the case is the submitter too
            ("public_reply", "已回复 portal.student@example.com。"),
        ):
            self._write_texts(case, **{field: text})
            snapshot = self._snapshot(case)
            for confirmed in (False, True):
                with (
                    self.subTest(text=text, confirmed=confirmed),
                    self.assertRaisesRegex(UserError, "submitter's") as refusal,
                ):
                    self._as(case, self.center_manager).action_publish(confirmed=confirmed)
                message = str(refusal.exception)
                self.assertIn(case.name, message)
                # (the phone as written, not a piece of it: the case number may hold "0013")
                for secret in ("王小明", "13800138000", "138-0013", "xm.wang", "portal.student"):
                    self.assertNotIn(secret, message, "the refusal does not repeat the data")
            self.assertUnchanged(case, snapshot)
        self.assertEqual(self.env["sunny.case.publish.wizard"].search([]), wizards, "no confirmation either")

    def test_personal_data_is_listed_masked_then_confirmed(self):
        case = self._answered()
        self._write_texts(
            case,
            public_content="辅导员刘老师反映：学号202301010123的同学一直联系不上。",
            public_reply="请拨打饮食服务中心电话0731-58680215。",
        )
        action = self._as(case, self.center_manager).action_publish()
        self.assertIsInstance(action, dict, "a confirmation, not a publication")
        self.assertEqual((action["res_model"], action["target"]), ("sunny.case.publish.wizard", "new"))
        self.assertFalse(case.is_published)
        wizard = self.env["sunny.case.publish.wizard"].browse(action["res_id"])
        self.assertEqual(wizard.case_ids, case)
        self.assertEqual(
            [(line.case_id, line.text, line.kind, line.masked) for line in wizard.line_ids],
            [
                (case, "Public Content", "name", "刘*"),
                (case, "Public Content", "student or staff number", "20********23"),
                (case, "Public Reply", "phone number", "073*-****0215"),
            ],
        )
        # the manager reads the list and publishes anyway
        self.assertEqual(
            self._as(wizard, self.center_manager).action_confirm(), {"type": "ir.actions.act_window_close"}
        )
        self.assertTrue(case.is_published)

    def test_a_confirmation_holds_for_the_texts_it_listed(self):
        case = self._answered()
        self._write_texts(case, public_reply="请拨打0731-58680215。")
        wizard = self.env["sunny.case.publish.wizard"].browse(
            self._as(case, self.center_manager).action_publish()["res_id"]
        )
        # the texts change before the manager confirms: a new list to confirm
        self._write_texts(case, public_reply="请拨打0731-58680215，或发邮件至 canteen.office@example.edu。")
        action = self._as(wizard, self.center_manager).action_confirm()
        self.assertEqual(action["res_model"], "sunny.case.publish.wizard")
        self.assertFalse(case.is_published)
        new = self.env["sunny.case.publish.wizard"].browse(action["res_id"])
        self.assertEqual(new.line_ids.mapped("masked"), ["073*-****0215", "c***@example.edu"])
        # nor may anyone else confirm it
        with self.assertRaises(AccessError):
            self._as(new, self.center_staff).action_confirm()
        self.assertFalse(case.is_published)
        self._as(new, self.center_manager).action_confirm()
        self.assertTrue(case.is_published)

    def test_clean_texts_are_published_at_once(self):
        case = self._answered()
        self._write_texts(case)
        self.assertIs(self._as(case, self.center_manager).action_publish(), True)
        self.assertTrue(case.is_published)
