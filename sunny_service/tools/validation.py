"""Checks of what visitors type and send on the public pages: text cleaning, id
parsing, phone and e-mail syntax, uploaded files. Pure functions without
``request``: the controllers pass what they need (the environment for the
messages in the visitor's language), and the tests call them directly."""

import io
import re
import unicodedata
import zipfile

from odoo.tools.mail import single_email_re
from odoo.tools.mimetypes import guess_mimetype

MAX_FILES = 5
MAX_FILE_SIZE = 5 * 1024 * 1024

_OLE = ("application/msword", "application/vnd.ms-excel", "application/x-ole-storage", "application/CDFV2")
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# extension -> (content types the sniffed content may have, content type stored)
ALLOWED_FILES = {
    "pdf": (("application/pdf",), "application/pdf"),
    "jpg": (("image/jpeg",), "image/jpeg"),
    "jpeg": (("image/jpeg",), "image/jpeg"),
    "png": (("image/png",), "image/png"),
    "gif": (("image/gif",), "image/gif"),
    "doc": (_OLE, "application/msword"),
    "xls": (_OLE, "application/vnd.ms-excel"),
    "docx": ((_DOCX,), _DOCX),
    "xlsx": ((_XLSX,), _XLSX),
    "txt": (("text/plain",), "text/plain"),
}
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # what no text file holds (\t \n \f \r may)
PHONE_MAX = 32
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()\-]{4,30}$")
EMAIL_MAX = 254
CASE_NUMBER_RE = re.compile(r"^[A-Z0-9\-/]{1,32}$")
CODE_RE = re.compile(r"^[A-Z0-9]{4,16}$")


def clean_text(value, multiline=False):
    """A visitor's text as stored: NUL and other control characters removed,
    line ends normalised, surrounding spaces stripped. Never HTML-parsed: the
    text is stored as typed and escaped wherever it is shown."""
    if not isinstance(value, str):
        return ""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    keep = "\n\t" if multiline else ""
    value = "".join(ch for ch in value if ch in keep or unicodedata.category(ch) not in ("Cc", "Cs", "Cn"))
    if not multiline:
        value = " ".join(value.split())
    return value.strip()


def to_id(value):
    """A positive database id from a form value, or None."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


def is_phone(value):
    """Whether ``value`` (cleaned) looks like a phone number: digits, spaces, +, - and
    brackets, at least five digits."""
    return (
        bool(value)
        and len(value) <= PHONE_MAX
        and bool(PHONE_RE.match(value))
        and sum(ch.isdigit() for ch in value) >= 5
    )


def normalize_email(value):
    """The address in lower case when ``value`` (cleaned) is one valid e-mail address, else False."""
    if not value or len(value) > EMAIL_MAX or not single_email_re.match(value):
        return False
    return value.lower()


def parse_query(number, code):
    """The case number and query code as typed on /sunny/query, normalised (upper
    case, the code without spaces, at most 32 characters each), and whether both
    are well formed (else no case can match them)."""
    number = clean_text(number or "").upper()[:32]
    code = clean_text(code or "").upper().replace(" ", "")[:32]
    return number, code, bool(CASE_NUMBER_RE.match(number) and CODE_RE.match(code))


def is_text(content):
    """Whether ``content`` is plain text (UTF-8 or GB18030, no control characters)."""
    if b"\x00" in content:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return not CONTROL_RE.search(text)
    return False


def is_ooxml(content, folder):
    """Whether ``content`` is an Office Open XML archive with a part under ``folder``."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return "[Content_Types].xml" in names and any(name.startswith(folder) for name in names)


def read_files(env, uploads):
    """Check uploaded files (werkzeug FileStorage-like objects): count, size,
    extension AND sniffed content; messages in the language of ``env``.
    Returns ([(name, bytes, mimetype)], [error messages])."""
    _ = env._
    uploads = [upload for upload in uploads if upload and getattr(upload, "filename", None)]
    if len(uploads) > MAX_FILES:
        return [], [_("Attach at most %s files.", MAX_FILES)]
    files, errors = [], []
    for upload in uploads:
        name = clean_text(upload.filename.replace("\\", "/").rsplit("/", 1)[-1])[:100] or "file"
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        content = upload.read(MAX_FILE_SIZE + 1)
        if extension not in ALLOWED_FILES:
            errors.append(
                _(
                    "%(file)s: this type of file is not accepted (allowed: %(types)s).",
                    file=name,
                    types=", ".join(sorted(ALLOWED_FILES)),
                )
            )
            continue
        if len(content) > MAX_FILE_SIZE:
            errors.append(_("%(file)s is larger than %(size)s MB.", file=name, size=MAX_FILE_SIZE // (1024 * 1024)))
            continue
        if not content:
            errors.append(_("%s is empty.", name))
            continue
        accepted, mimetype = ALLOWED_FILES[extension]
        if extension == "txt":
            valid = is_text(content)
        elif extension in ("docx", "xlsx"):
            valid = is_ooxml(content, "word/" if extension == "docx" else "xl/")
        else:
            valid = guess_mimetype(content, default="application/octet-stream") in accepted
        if not valid:
            errors.append(_("%s: its content does not match its file type.", name))
            continue
        files.append((name, content, mimetype))
    return files, errors
