"""Personal data in the texts the center publishes on /sunny/public: people's names
(王小明同学, 刘老师, 张三：您好), phone numbers (mobile and landline), ID-card
numbers, e-mail addresses and student or staff numbers (long digit runs). Pure
functions without ``request`` or the ORM: the publication check of sunny.case
calls them (models/sunny_case_publish.py), the tests call them directly.

Detection is a safety net for the center manager, not a proof of anonymity: a
name written without a title or a greeting is not found, and a digit run may be
a date. That is why a finding is a warning the manager may confirm, while the
case's own submitter (whose name, phone and e-mail are known) is refused outright
by ``identity_in_text``."""

import re
from collections import namedtuple

Finding = namedtuple("Finding", "kind value start end")

NAME, PHONE, ID_NUMBER, EMAIL, NUMBER = "name", "phone", "id_number", "email", "number"

_CJK = "\u4e00-\u9fff"
# the commonest surnames (about 90% of the population) and a few compound ones
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
    "霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑"
    "景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "慕容", "令狐", "司徒", "夏侯", "尉迟", "公孙")
TITLES = ("同学", "老师", "先生", "女士")
# characters that make the text before a title a phrase, not a given name:
# 各位同学, 这位老师, 任课老师, 部分同学, 向全体同学 …
_NOT_GIVEN_NAME = set("的各位全体广大部分相关有关其他它该本每这那诸们与及或对请被把让在是了也都就还很名个些课级某")
# words that end in a surname before a title: 班主任老师, 请主任老师
_NOT_NAME_WORDS = ("主任", "责任", "信任", "担任")

_SURNAME = "(?:{}|[{}])".format("|".join(COMPOUND_SURNAMES), SURNAMES)
# 王小明同学, 刘老师, 张女士; not 张**同学 (masked) nor 同学们 (plural)
NAME_TITLE_RE = re.compile(r"(" + _SURNAME + "[" + _CJK + r"]{0,2})(?=(?:" + "|".join(TITLES) + r")(?!们))")
# a greeting at the start of a line: 王小明：您好 / 王小明同学，您好
NAME_GREETING_RE = re.compile(
    r"^[ \t]*(" + _SURNAME + "[" + _CJK + r"]{1,3}?)(?:" + "|".join(TITLES) + r")?[：:，,][ \t]*您好", re.MULTILINE
)
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# 18 digits (the last may be X): area, birth date, sequence, check digit
ID_NUMBER_RE = re.compile(
    r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])"
)
# mobile 1[3-9]xxxxxxxxx, with +86 and spaces or dashes as people write them
MOBILE_RE = re.compile(r"(?<![\d+])(?:(?:\+|00)?86[ \-]?)?1[3-9]\d(?:[ \-]?\d{4}){2}(?!\d)")
# landline with its area code: 0731-58680215, (0731) 5868 0215, 010-12345678-123
LANDLINE_RE = re.compile(r"(?<!\d)(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3})[ \-]?\d{3,4}[ \-]?\d{4}(?:-\d{1,5})?(?!\d)")
# student and staff numbers: 8 to 12 digits in a row
NUMBER_RE = re.compile(r"(?<![\d.])\d{8,12}(?![\d.])")
_DIGIT_RUN_RE = re.compile(r"\+?\d[\d \-()（）]*\d")


def find_personal_data(text):
    """The pieces of ``text`` that look like personal data, as ``Finding(kind,
    value, start, end)`` in the order of the text. Kinds: ``name``, ``phone``,
    ``id_number``, ``email``, ``number``; a span is reported once, under the most
    specific kind (an e-mail made of digits is an e-mail, an ID number is no
    student number)."""
    if not text:
        return []
    findings = []

    def add(kind, match, group=0):
        start, end = match.span(group)
        if not any(start < f.end and f.start < end for f in findings):
            findings.append(Finding(kind, match.group(group), start, end))

    for regex, kind in (
        (EMAIL_RE, EMAIL),
        (ID_NUMBER_RE, ID_NUMBER),
        (MOBILE_RE, PHONE),
        (LANDLINE_RE, PHONE),
        (NUMBER_RE, NUMBER),
    ):
        for match in regex.finditer(text):
            add(kind, match)
    for regex in (NAME_TITLE_RE, NAME_GREETING_RE):
        for match in regex.finditer(text):
            given = match.group(1)[1:]
            start = match.start(1)
            if _NOT_GIVEN_NAME.intersection(given) or any(
                text[start - len(word) + 1 : start + 1] == word for word in _NOT_NAME_WORDS
            ):
                continue
            add(NAME, match, 1)
    return sorted(findings, key=lambda f: f.start)


def mask(kind, value):
    """``value`` as a list of findings may show it: enough to find it in the text,
    not enough to read it (王**, 138****0101, z***@example.com)."""
    value = value or ""
    if kind == NAME:
        return value[:1] + "*" * max(len(value) - 1, 1)
    if kind == EMAIL:
        local, _at, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    keep_start, keep_end = (3, 4) if kind == PHONE else (3, 2) if kind == ID_NUMBER else (2, 2)
    digits = [i for i, ch in enumerate(value) if ch.isalnum()]
    hidden = set(digits[keep_start : len(digits) - keep_end])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(value))


def _digits(value):
    digits = re.sub(r"\D", "", value or "")
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) - len(prefix) == 11:
            return digits[len(prefix) :]
    return digits


def identity_in_text(text, names=(), phones=(), emails=()):
    """Which of the given identity items ``text`` holds: a subset of {``name``,
    ``phone``, ``email``}. Names of two characters or more are compared without
    case and spaces; phones by their digits (7 at least), whatever separators
    the text uses; e-mails without case."""
    if not text:
        return set()
    found = set()
    squeezed = re.sub(r"\s+", "", text).casefold()
    for name in names:
        name = re.sub(r"\s+", "", name or "").casefold()
        if len(name) >= 2 and name in squeezed:
            found.add(NAME)
    runs = [_digits(run) for run in _DIGIT_RUN_RE.findall(text)]
    for phone in phones:
        digits = _digits(phone)
        if len(digits) >= 7 and any(digits in run for run in runs):
            found.add(PHONE)
    lowered = text.casefold()
    for email in emails:
        email = (email or "").strip().casefold()
        if "@" in email and email in lowered:
            found.add(EMAIL)
    return found
