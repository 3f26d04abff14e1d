"""Helpers for the XLSX reports."""

import re

MAX_SHEET_NAME = 31  # Excel's limit
PATH_SEPARATOR = re.compile(r"\s*[/\\]\s*")  # "Logistics / Canteen"
FORBIDDEN = re.compile(r"[\[\]:*?]")


def sheet_name(label, taken):
    """``label`` as a valid sheet name not in ``taken`` (a set of the names already
    used, lowercased, updated here): the path separator of a category becomes "-"
    ("后勤 / 食堂" → "后勤-食堂"), other characters Excel refuses are dropped, runs of
    spaces collapse, at most 31 characters; a name already used gets " (2)", " (3)"…
    (Excel compares sheet names without case)."""
    name = PATH_SEPARATOR.sub("-", label or "")
    name = " ".join(FORBIDDEN.sub("", name).split()).strip("'") or "-"
    candidate, number = name[:MAX_SHEET_NAME], 1
    while candidate.lower() in taken:
        number += 1
        suffix = f" ({number})"
        candidate = name[: MAX_SHEET_NAME - len(suffix)] + suffix
    taken.add(candidate.lower())
    return candidate
