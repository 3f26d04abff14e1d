"""Helpers for the XLSX reports."""

import re

from xlsxwriter.utility import xl_col_to_name

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


# what xlsxwriter escapes in an in-line string (worksheet._write_cell): its own
# "_xHHHH_" sequences, control characters, the two non-characters
SPECIAL = re.compile("_x[0-9a-fA-F]{4}_|[\x00-\x08\x0b-\x1f\ufffe\uffff]")


def _inline(value):
    """``value`` as the text of an in-line string cell, exactly as xlsxwriter writes it."""
    if SPECIAL.search(value):
        value = re.sub("(_x[0-9a-fA-F]{4}_)", r"_x005F\1", value)
        value = re.sub("([\x00-\x08\x0b-\x1f])", lambda match: f"_x{ord(match.group(1)):04X}_", value)
        value = value.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    preserve = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
    if "&" in value or "<" in value or ">" in value:
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<t{preserve}>{value}</t>"


class RowWriter:
    """Rows of plain cells (text, integers, blanks; one format per column) written
    into a worksheet of a ``constant_memory`` workbook, batch by batch.

    xlsxwriter spends most of an export in its generic cell writer (a type dispatch,
    attribute lists, regular expressions per cell). The rows here are simple, so
    their XML is made here, the same XML xlsxwriter makes for
    ``write_string``/``write_number``/``write_blank`` (text is never a formula or a
    link), and appended to the worksheet's row file, which is what xlsxwriter does in
    ``constant_memory`` mode once a row is complete. Without that mode (or with an
    xlsxwriter whose internals differ) the public API writes the same cells."""

    def __init__(self, sheet, formats):
        self.sheet = sheet
        self.formats = formats
        self.fast = bool(getattr(sheet, "constant_memory", False)) and all(
            hasattr(sheet, name) for name in ("row_data_fh", "fh", "previous_row", "_write_single_row", "table")
        )
        if self.fast:
            self.prefixes = [
                f'<c r="{xl_col_to_name(col)}%d"' + (f' s="{cell_format._get_xf_index()}"' if cell_format else "")
                for col, cell_format in enumerate(formats)
            ]

    def write_rows(self, first_row, rows):
        """Write ``rows`` (sequences of str, int or None/"" for a blank cell, one value
        per column) from row ``first_row`` (0-based) down."""
        if not rows:
            return
        if not self.fast:
            self._write_api(first_row, rows)
            return
        sheet = self.sheet
        # complete the row xlsxwriter holds (e.g. the header), then append ours
        sheet._write_single_row(first_row)
        parts = []
        append = parts.append
        prefixes = self.prefixes
        for number, values in enumerate(rows, start=first_row + 1):
            append(f'<row r="{number}">')
            for prefix, value in zip(prefixes, values, strict=True):
                if value is None or value == "":
                    append(f"{prefix % number}/>")
                elif type(value) is int:
                    append(f"{prefix % number}><v>{value:.16G}</v></c>")
                else:
                    append(f'{prefix % number} t="inlineStr"><is>{_inline(value)}</is></c>')
            append("</row>")
        sheet.fh.write("".join(parts))
        last = first_row + len(rows) - 1
        sheet._check_dimensions(last, len(prefixes) - 1)
        # the rows are written: xlsxwriter continues after them
        sheet.previous_row = last + 1
        sheet.table.clear()

    def _write_api(self, first_row, rows):
        sheet, formats = self.sheet, self.formats
        for number, values in enumerate(rows, start=first_row):
            for col, (value, cell_format) in enumerate(zip(values, formats, strict=True)):
                if value is None or value == "":
                    sheet.write_blank(number, col, None, cell_format)
                elif type(value) is int:
                    sheet.write_number(number, col, value, cell_format)
                else:
                    sheet.write_string(number, col, value, cell_format)
