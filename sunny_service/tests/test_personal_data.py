"""tools/personal_data.py: what looks like personal data in a text the center
publishes, called directly (no database)."""

from odoo.tests import BaseCase, tagged

from ..tools.personal_data import EMAIL, ID_NUMBER, NAME, NUMBER, PHONE, find_personal_data, identity_in_text, mask


def found(text):
    return [(f.kind, f.value) for f in find_personal_data(text)]


@tagged("post_install", "-at_install")
class TestPersonalData(BaseCase):
    def test_names_with_a_title_or_a_greeting(self):
        # the unit's reply as it reaches the submitter
        self.assertEqual(found("王小明同学：您好！您反映的问题已收悉。"), [(NAME, "王小明")])
        self.assertEqual(found("感谢刘佳怡同学的建议"), [(NAME, "刘佳怡")])
        self.assertEqual(found("辅导员刘老师深夜送医"), [(NAME, "刘")])
        self.assertEqual(found("张先生和欧阳娜娜女士来电"), [(NAME, "张"), (NAME, "欧阳娜娜")])
        self.assertEqual(found("李四：您好！"), [(NAME, "李四")])
        self.assertEqual(found("周子轩同学，您好"), [(NAME, "周子轩")])
        # masked, anonymised, plural or generic: nobody named
        for text in (
            "张**同学反映：开学以来",
            "张某同学反映",
            "向同学们致歉",
            "请班主任老师和各位同学注意",
            "部分同学反映",
            "任课老师已调整",
            "同学：您好！",
            "家长：您好",
        ):
            with self.subTest(text=text):
                self.assertEqual(found(text), [])

    def test_phone_numbers(self):
        self.assertEqual(found("电话13807310101"), [(PHONE, "13807310101")])
        self.assertEqual(
            found("请拨打 138-0731-0101 或 +86 139 1234 5678"), [(PHONE, "138-0731-0101"), (PHONE, "+86 139 1234 5678")]
        )
        self.assertEqual(found("饮食服务中心电话0731-58680215反映"), [(PHONE, "0731-58680215")])
        self.assertEqual(found("(010) 1234 5678"), [(PHONE, "(010) 1234 5678")])
        # not a mobile: 12 is no mobile prefix, and digits around it make it longer
        self.assertEqual(found("编号12807310101"), [(NUMBER, "12807310101")])

    def test_id_card_numbers(self):
        self.assertEqual(found("身份证号430102199001011234"), [(ID_NUMBER, "430102199001011234")])
        self.assertEqual(found("身份证号43010219900101123X。"), [(ID_NUMBER, "43010219900101123X")])
        self.assertEqual(found("43010219900101123x"), [(ID_NUMBER, "43010219900101123x")])

    def test_emails(self):
        self.assertEqual(found("邮箱 zhang.san@stu.example.edu.cn。"), [(EMAIL, "zhang.san@stu.example.edu.cn")])
        # an address made of a phone number is an address, reported once
        self.assertEqual(found("13807310101@qq.com"), [(EMAIL, "13807310101@qq.com")])

    def test_student_and_staff_numbers(self):
        self.assertEqual(found("学号202301010123，工号 20180012"), [(NUMBER, "202301010123"), (NUMBER, "20180012")])
        # short figures, case numbers, times and dates with separators are not
        for text in (
            "2025级新生",
            "YG2026-000123",
            "开放至23:00",
            "2025-03-01",
            "价格8元涨到10元",
            "1234567",
            "3.14159265",
        ):
            with self.subTest(text=text):
                self.assertEqual(found(text), [])

    def test_positions_and_order(self):
        text = "王小明同学：您的电话13807310101已登记。"
        findings = find_personal_data(text)
        self.assertEqual([f.kind for f in findings], [NAME, PHONE])
        for finding in findings:
            self.assertEqual(text[finding.start : finding.end], finding.value)
        self.assertEqual(find_personal_data(""), [])
        self.assertEqual(find_personal_data(None), [])

    def test_mask(self):
        self.assertEqual(mask(NAME, "王小明"), "王**")
        self.assertEqual(mask(NAME, "刘"), "刘*")
        self.assertEqual(mask(PHONE, "13807310101"), "138****0101")
        self.assertEqual(mask(PHONE, "0731-58680215"), "073*-****0215")
        self.assertEqual(mask(EMAIL, "zhang.san@example.com"), "z***@example.com")
        self.assertEqual(mask(ID_NUMBER, "43010219900101123X"), "430*************3X")
        self.assertEqual(mask(NUMBER, "202301010123"), "20********23")
        for kind, value in ((PHONE, "13807310101"), (ID_NUMBER, "430102199001011234"), (NUMBER, "20180012")):
            self.assertNotIn(value[3:-4], mask(kind, value))

    def test_identity_in_text(self):
        text = "王小明反映，联系电话 138-0731-0101，邮箱 XM.Wang@Example.com。"
        self.assertEqual(
            identity_in_text(text, ["王小明"], ["+86 13807310101"], ["xm.wang@example.com"]), {NAME, PHONE, EMAIL}
        )
        self.assertEqual(identity_in_text("Reported by Li  Lei.", names=["li lei"]), {NAME})
        # the masked name, another number, a one-letter name, empty identities: nothing
        self.assertEqual(
            identity_in_text(
                "王**反映，电话0731-58680215", ["王小明", "王", "", None], ["13807310101", "12"], [None, ""]
            ),
            set(),
        )
        self.assertEqual(identity_in_text("", ["王小明"]), set())
