"""Read the State Council's yearly holiday notice (国务院办公厅关于××××年部分节假日
安排的通知) into the days of the working calendar that differ from Monday–Friday.

The notice lists one item per festival::

    一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。
    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。
    2月14日（周六）、2月28日（周六）上班。

Each range "放假" gives its weekdays as holidays (its weekend days are off anyway);
each date before "上班" is a make-up working day, which must be a Saturday or a
Sunday. The text may come from a web page, a PDF or a phone: full-width or
half-width punctuation, line breaks anywhere, the preamble and the closing lines
around the items. A day count ("共9天", "放假1天") is checked against its range, so
that a misread date stops the reading instead of entering a wrong calendar.

Pure functions: no database; ``env`` only translates the messages.
"""

import datetime
import re
import unicodedata
from typing import NamedTuple

NUMERALS = "一二三四五六七八九十"
# an item starts the text or follows the end of a sentence: "一、元旦:"
ITEM_RE = re.compile(rf"(?:^|(?<=[。.;]))[{NUMERALS}]{{1,3}}、([^:。]{{1,20}}):")
DATE_RE = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日")
COUNT_RE = re.compile(r"(?:共|放假)(\d{1,2})天")
YEAR_RES = (re.compile(r"关于(\d{4})年(?:部分)?节假日"), re.compile(r"现将(\d{4})年"))
PARENS_RE = re.compile(r"\([^()]*\)")


class NoticeError(ValueError):
    """The notice cannot be read; the message says where, in the reader's language."""


class Schedule(NamedTuple):
    year: int
    holidays: dict  # date -> festival: weekdays off
    workdays: dict  # date -> festival: weekend days worked (调休)


def _untranslated(source, *args, **kwargs):
    return source % (args or kwargs) if (args or kwargs) else source


def parse_notice(text, year=None, env=None):
    """The :class:`Schedule` of the notice ``text``: the year its title names, else
    ``year``. Raises :class:`NoticeError` when the text cannot be read."""
    _ = env._ if env is not None else _untranslated
    # one form for every copy: half-width punctuation, no spaces or line breaks
    # (Chinese needs none), no parentheses (weekdays, lunar dates)
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))
    while PARENS_RE.search(text):
        text = PARENS_RE.sub("", text)
    year = next((int(m.group(1)) for regex in YEAR_RES if (m := regex.search(text))), None) or year
    if not year:
        raise NoticeError(_("Enter the year of the notice: the text does not name it."))

    days_off, workdays = {}, {}  # date -> festival: every day of the ranges off, the days worked
    items = list(ITEM_RE.finditer(text))
    for index, item in enumerate(items):
        end = items[index + 1].start() if index + 1 < len(items) else len(text)
        for sentence in re.split(r"[。;]", text[item.end() : end]):
            _read_sentence(sentence, year, item.group(1), days_off, workdays, _)
    both = sorted(set(days_off) & set(workdays))
    if both:
        raise NoticeError(
            _(
                "%(day)s is both in the days off of %(item)s and a working day: check the notice.",
                day=both[0],
                item=days_off[both[0]],
            )
        )
    if not days_off:
        raise NoticeError(
            _(
                "No holiday found. Paste the notice's items, such as "
                "“一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。”"
            )
        )
    holidays = {day: name for day, name in sorted(days_off.items()) if day.weekday() < 5}
    return Schedule(year, holidays, dict(sorted(workdays.items())))


def _read_sentence(sentence, year, item, days_off, workdays, _):
    """Add the days off and the days worked of one sentence of ``item`` to
    ``days_off`` and ``workdays``; check the days off against the count it gives."""
    count_off = 0
    for clause in sentence.split(","):
        dates = _dates(clause, year, item, _)
        if dates and "上班" in clause:
            for day in dates:
                if day.weekday() < 5:
                    raise NoticeError(
                        _(
                            "%(item)s: %(day)s is a weekday; a make-up working day is a Saturday or a Sunday.",
                            item=item,
                            day=day,
                        )
                    )
                workdays[day] = item
        elif dates and "放假" in clause:
            first, last = dates[0], dates[-1]
            if len(dates) > 2 or (len(dates) == 2 and "至" not in clause) or last < first:
                raise NoticeError(_("%(item)s: cannot read the days off in “%(text)s”.", item=item, text=clause))
            count_off += (last - first).days + 1
            for offset in range((last - first).days + 1):
                days_off[first + datetime.timedelta(days=offset)] = item
    count = COUNT_RE.search(sentence)
    if count_off and count and int(count.group(1)) != count_off:
        raise NoticeError(
            _(
                "%(item)s: the dates give %(days)s days off, the notice says %(count)s.",
                item=item,
                days=count_off,
                count=count.group(1),
            )
        )


def _dates(clause, year, item, _):
    """The dates of ``clause``; a date without its month or year takes the previous
    date's ("2月15日至23日")."""
    dates = []
    for match in DATE_RE.finditer(clause):
        year_text, month_text, day_text = match.groups()
        if year_text:
            year = int(year_text)
        if month_text:
            month = int(month_text)
        elif not dates:
            raise NoticeError(_("%(item)s: a date without its month in “%(text)s”.", item=item, text=clause))
        else:
            month = dates[-1].month
        try:
            dates.append(datetime.date(year, month, int(day_text)))
        except ValueError as error:
            raise NoticeError(_("%(item)s: %(text)s is not a date.", item=item, text=match.group(0))) from error
    return dates


WEEKDAYS = "一二三四五六日"


def format_day(day, name):
    """One line of the year wizard: "2027-01-01（周五）元旦"."""
    return f"{day.isoformat()}（周{WEEKDAYS[day.weekday()]}）{name}"
