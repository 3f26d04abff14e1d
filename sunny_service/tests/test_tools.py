"""tools/validation.py: the checks of what visitors type and send, called directly
(no request, no HTTP server)."""

import io

from werkzeug.datastructures import FileStorage

from odoo.tests import TransactionCase, tagged

from ..tools import validation
from .public_common import EXE, PDF, PNG, docx_bytes


def upload(name, content):
    return FileStorage(stream=io.BytesIO(content), filename=name)


@tagged("post_install", "-at_install")
class TestTools(TransactionCase):
    def test_clean_text(self):
        clean = validation.clean_text
        self.assertEqual(clean("  Nul\x00 byte\x07  title \n next "), "Nul byte title next")
        self.assertEqual(clean("Line one\r\nLine two\x00 \x1b\r\n", multiline=True), "Line one\nLine two")
        self.assertEqual(clean("a\tb\nc", multiline=True), "a\tb\nc")
        # stored as typed, never HTML-parsed
        self.assertEqual(clean("<b>bold</b> & <script>"), "<b>bold</b> & <script>")
        for value in (None, 12, b"bytes", ["list"]):
            self.assertEqual(clean(value), "")

    def test_to_id(self):
        to_id = validation.to_id
        self.assertEqual(to_id("42"), 42)
        self.assertEqual(to_id(" 7 "), 7)
        self.assertEqual(to_id(3), 3)
        for value in ("", None, "abc", "0", "-3", "1.5", str(2**31), "99999999999999999999", "1e3"):
            self.assertIsNone(to_id(value), value)

    def test_phone_and_email(self):
        for phone in ("13800138000", "+86 (731) 555-0101", "0731-5550101"):
            self.assertTrue(validation.is_phone(phone), phone)
        for phone in ("", "call me maybe", "12-34", "+" + "1" * 40, "1234", "((((((((("):
            self.assertFalse(validation.is_phone(phone), phone)
        self.assertEqual(validation.normalize_email("Xm.Wang@Example.com"), "xm.wang@example.com")
        for email in ("", "not-an-email", "a@b.c<script>", "a@b.c, d@e.f", "x" * 250 + "@e.cn"):
            self.assertFalse(validation.normalize_email(email), email)

    def test_parse_query(self):
        self.assertEqual(validation.parse_query(" yg2026-000123 ", "ab cd ef gh"), ("YG2026-000123", "ABCDEFGH", True))
        for number, code in (
            ("' OR 1=1 --", "ABCDEFGH"),
            ("YG2026-1", ""),
            ("", "ABCDEFGH"),
            ("YG2026-1", "ABC"),
            ("YG2026-1", "ABCD$FGH"),
            ("YG 2026-1", "ABCDEFGH"),
        ):
            self.assertFalse(validation.parse_query(number, code)[2], (number, code))
        number, code, _ok = validation.parse_query("x" * 100, "y" * 100)
        self.assertEqual((len(number), len(code)), (32, 32))

    def test_file_content_sniffing(self):
        self.assertTrue(validation.is_text("说明：打印机坏了\n\ttab".encode()))
        self.assertTrue(validation.is_text("说明".encode("gb18030")))
        self.assertFalse(validation.is_text(b"\x00\x01\x02"))
        self.assertFalse(validation.is_text(b"text with \x1b escape"))
        self.assertTrue(validation.is_ooxml(docx_bytes(), "word/"))
        self.assertFalse(validation.is_ooxml(docx_bytes(), "xl/"))
        self.assertFalse(validation.is_ooxml(b"PK\x03\x04 not really a zip", "word/"))

    def test_read_files(self):
        files, errors = validation.read_files(
            self.env,
            [
                upload("plan.pdf", PDF),
                upload("C:\\Users\\me\\photo.PNG", PNG),
                upload("letter.docx", docx_bytes()),
                None,
                upload("", b"no name: not an upload"),
            ],
        )
        self.assertEqual(errors, [])
        self.assertEqual(
            files,
            [
                ("plan.pdf", PDF, "application/pdf"),
                ("photo.PNG", PNG, "image/png"),
                (
                    "letter.docx",
                    docx_bytes(),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ),
            ],
        )
        files, errors = validation.read_files(self.env, [upload(f"f{i}.pdf", PDF) for i in range(6)])
        self.assertEqual((files, errors), ([], ["Attach at most 5 files."]))
        files, errors = validation.read_files(
            self.env,
            [
                upload("virus.exe", EXE),
                upload("invoice.pdf", EXE),
                upload("empty.pdf", b""),
                upload("big.pdf", PDF + b"0" * validation.MAX_FILE_SIZE),
                upload("ok.png", PNG),
            ],
        )
        self.assertEqual([name for name, _content, _type in files], ["ok.png"])
        self.assertEqual(len(errors), 4)
        self.assertIn("virus.exe: this type of file is not accepted", errors[0])
        self.assertEqual(errors[1], "invoice.pdf: its content does not match its file type.")
        self.assertEqual(errors[2], "empty.pdf is empty.")
        self.assertEqual(errors[3], "big.pdf is larger than 5 MB.")

    def test_read_files_speaks_the_visitors_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["sunny_service"], ["zh_CN"], overwrite=True)
        _files, errors = validation.read_files(self.env(context={"lang": "zh_CN"}), [upload("e.pdf", b"")])
        self.assertEqual(errors, ["e.pdf 是空文件。"])
