# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Text cleaning, link checks, status order and colours shared by every report renderer.

This is a private module: its interface may change between releases.
Every format applies the same rules to values that come from the API, so a tenant name
that is cleaned in the workbook is cleaned the same way in JSON, JUnit XML and HTML.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import urlsplit

# Maximum number of characters in one Excel cell (Excel specifications and limits).
CELL_LIMIT = 32767

REPLACEMENT_CHARACTER = "\ufffd"

# C0 controls other than tab and newline, DEL, C1 controls, and the non-characters U+FFFE and
# U+FFFF, because Excel and XML 1.0 cannot store them. Lone surrogates cannot be encoded as
# UTF-8 at all.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")

# Text that spreadsheet programs read as a formula when it starts a cell (OWASP CSV injection).
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

STATUSES = ("pass", "fail", "warn", "error", "skip", "waived")

# Worst first: reports sort and summarise in this order.
STATUS_ORDER = ("fail", "error", "warn", "waived", "skip", "pass")

# Background colour (RGB hex without '#') of each status in every format.
STATUS_COLOURS = {
    "pass": "C6EFCE",
    "fail": "FFC7CE",
    "warn": "FFEB9C",
    "error": "F4B183",
    "skip": "D9D9D9",
    "waived": "BDD7EE",
}

# Text colour that keeps contrast on each background above.
STATUS_TEXT_COLOURS = {
    "pass": "006100",
    "fail": "9C0006",
    "warn": "7F6000",
    "error": "833C0B",
    "skip": "404040",
    "waived": "1F4E79",
}


class CleanText(NamedTuple):
    """Cleaned text and what cleaning changed."""

    text: str
    controls_replaced: int
    truncated: int


@dataclass
class RenderStats:
    """Counts of replaced control characters and truncated values for the run metadata."""

    controls_replaced: int = 0
    values_with_controls: int = 0
    truncated_values: int = 0
    truncated_characters: int = 0
    truncated_examples: list[str] = field(default_factory=list)

    def record(self, cleaned: CleanText, where: str = "") -> None:
        """Add the changes of one cleaned value to the counts."""
        if cleaned.controls_replaced:
            self.controls_replaced += cleaned.controls_replaced
            self.values_with_controls += 1
        if cleaned.truncated:
            self.truncated_values += 1
            self.truncated_characters += cleaned.truncated
            if where and len(self.truncated_examples) < 20:
                self.truncated_examples.append(where)

    def as_dict(self) -> dict[str, Any]:
        """Describe the counts as a plain dict for the run metadata."""
        return {
            "controls_replaced": self.controls_replaced,
            "values_with_controls": self.values_with_controls,
            "truncated_values": self.truncated_values,
            "truncated_characters": self.truncated_characters,
            "truncated_examples": list(self.truncated_examples),
        }


def truncation_marker(removed: int) -> str:
    """Return the visible marker appended to a value that lost `removed` characters."""
    return f"… [truncated {removed} characters]"


def clean_text(value: Any, limit: int | None = CELL_LIMIT) -> CleanText:
    """Replace control characters by U+FFFD and cut text longer than `limit` characters.

    Tab and newline stay. A truncated value ends with the marker from `truncation_marker`,
    and the marker counts towards `limit`, so the result is never longer than `limit`.
    `truncated` is the number of original characters removed. Non-string values are
    converted with `str()` first; None becomes an empty string.
    """
    if value is None:
        text = ""
    elif isinstance(value, str):
        text = value
    else:
        text = str(value)

    text, replaced = _CONTROL_CHARACTERS.subn(REPLACEMENT_CHARACTER, text)

    removed = 0
    if limit is not None and len(text) > limit:
        # The marker length depends on the digits of the removed count, so grow it until
        # text plus marker fits.
        removed = len(text) - limit
        while len(text) - removed + len(truncation_marker(removed)) > limit:
            removed += 1
        if removed > len(text):
            raise ValueError(f"limit {limit} is too small to hold the truncation marker")
        text = text[: len(text) - removed] + truncation_marker(removed)

    return CleanText(text, replaced, removed)


def clean_and_count(value: Any, stats: RenderStats, limit: int | None = CELL_LIMIT, where: str = "") -> str:
    """Clean `value` with `clean_text`, record the changes in `stats`, return the text."""
    cleaned = clean_text(value, limit)
    stats.record(cleaned, where)
    return cleaned.text


def clean_structure(value: Any, stats: RenderStats, limit: int | None = CELL_LIMIT) -> Any:
    """Clean every string (keys included) inside nested dicts and lists.

    Numbers, booleans and None keep their type. NaN and infinities become None, because
    JSON cannot hold them.
    """
    if isinstance(value, str):
        # Most text needs no change, so it is returned without building a CleanText.
        if (limit is None or len(value) <= limit) and _CONTROL_CHARACTERS.search(value) is None:
            return value
        return clean_and_count(value, stats, limit)
    if isinstance(value, bool) or value is None or isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {
            clean_and_count(key, stats, limit): clean_structure(item, stats, limit)
            for key, item in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [clean_structure(item, stats, limit) for item in value]
    return clean_and_count(value, stats, limit)


def is_real_number(text: str) -> bool:
    """Return True when `text` is a finite decimal number such as `-5` or `+1.5e3`."""
    try:
        number = float(text)
    except ValueError:
        return False
    # float() also accepts 'nan', 'inf' and surrounding whitespace, but a spreadsheet reads
    # none of them as a number, so they are treated as text.
    return math.isfinite(number) and text == text.strip() and any(ch.isdigit() for ch in text)


def is_formula_like(text: str) -> bool:
    """Return True when a spreadsheet could read `text` as a formula.

    That is text starting with `=`, `+`, `-`, `@`, tab or carriage return, unless the whole
    text is a real number such as `-5`.
    """
    if not text or not text.startswith(_FORMULA_PREFIXES):
        return False
    return not is_real_number(text)


def safe_url(url: Any) -> str | None:
    """Return `url` when it is an absolute http or https URL with a host, otherwise None."""
    if not isinstance(url, str):
        return None
    candidate = url.strip()
    if _CONTROL_CHARACTERS.search(candidate) or any(ch.isspace() for ch in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return candidate


def status_order(status: str) -> int:
    """Return the sort position of `status`, worst first. Unknown statuses sort last."""
    try:
        return STATUS_ORDER.index(status)
    except ValueError:
        return len(STATUS_ORDER)


def status_colour(status: str) -> str:
    """Return the background colour of `status` (RGB hex without '#'), grey when unknown."""
    return STATUS_COLOURS.get(status, STATUS_COLOURS["skip"])


def to_json_text(value: Any) -> str:
    """Serialise a nested value as compact, key-sorted JSON text for one cell or attribute."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
