# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Value normalisation for the controls engine: numbers, bandwidth, percentages, times, versions.

This is a private module: its interface may change between releases. Standard library only.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import re
from typing import Any, Optional, Tuple

UTC = datetime.timezone.utc

# Bandwidth units the API reports (license utilization mixes Kbps and Mbps), as factors to Mbps.
BANDWIDTH_TO_MBPS = {"kbps": 0.001, "mbps": 1.0, "gbps": 1000.0}

# Epoch values at or above this are milliseconds: 1e11 seconds is in the year 5138, while
# 1e11 milliseconds is in 1973, before any timestamp this API can return.
EPOCH_MS_CUTOFF = 1e11

_VERSION_PART = re.compile(r"\d+|[A-Za-z]+")
_NUMERIC_TEXT = re.compile(r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*%?\s*$")


class ConversionError(ValueError):
    """A value that cannot be read as the type or unit a check needs."""


def to_number(value: Any) -> float:
    """Convert an int, float or numeric string (``"3"``, ``" 93.5 "``, ``"93%"``) to a float.

    The API mixes integers and numeric strings in one response (``risk_of_app_count: "3"`` next
    to ``blocked_app_count: 10``), so both are accepted. Booleans are rejected.
    """
    if isinstance(value, bool) or value is None:
        raise ConversionError("%r is not a number" % (value,))
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        text = value.strip().rstrip("%").strip()
        try:
            return float(text)
        except ValueError:
            raise ConversionError("%r is not a number" % (value,)) from None
    raise ConversionError("%r is not a number" % (value,))


def is_number(value: Any) -> bool:
    """Return True when ``to_number`` accepts the value; checks text without raising, for speed."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and _NUMERIC_TEXT.match(value) is not None


def bandwidth_to_mbps(value: Any, unit: Optional[str]) -> float:
    """Convert a bandwidth in Kbps, Mbps or Gbps to Mbps.

    An empty or missing unit leaves the number unchanged: the API sends no unit for mobile-user
    licenses, which count users, not bandwidth.
    """
    number = to_number(value)
    if unit is None or str(unit).strip() == "":
        return number
    factor = BANDWIDTH_TO_MBPS.get(str(unit).strip().lower())
    if factor is None:
        raise ConversionError(
            "bandwidth unit %r is not known (known: %s)" % (unit, ", ".join(sorted(BANDWIDTH_TO_MBPS)))
        )
    return number * factor


def percentage_of(used: Any, used_unit: Optional[str], total: Any, total_unit: Optional[str]) -> float:
    """Return ``100 * used / total`` after converting both to Mbps.

    Remote-network usage can come in Kbps while the allocation is in Mbps, so the units are
    normalised first. A total of zero raises ConversionError because the ratio is undefined.
    """
    used_mbps = bandwidth_to_mbps(used, used_unit)
    total_mbps = bandwidth_to_mbps(total, total_unit)
    if total_mbps == 0:
        raise ConversionError("the allocated amount is 0, so no percentage can be computed")
    return 100.0 * used_mbps / total_mbps


def to_datetime(value: Any, unit: str = "auto") -> datetime.datetime:
    """Convert an epoch number (``ms`` or ``s``) or a date-time string to an aware UTC datetime.

    With ``unit="auto"`` numbers of 1e11 or more are read as milliseconds and smaller ones as
    seconds. Strings may be ISO 8601 (``2026-12-04T19:00:00Z``), the ``YYYY-MM-DD HH:MM:SS+00:00``
    form, a date, or a number in text. Times without an offset are read as UTC.
    """
    if isinstance(value, datetime.datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, str) and not is_number(value):
        return _parse_datetime_text(value)

    number = to_number(value)
    if unit == "ms" or (unit == "auto" and abs(number) >= EPOCH_MS_CUTOFF):
        number = number / 1000.0
    elif unit not in ("s", "auto"):
        raise ConversionError("time unit %r is not known (known: auto, ms, s)" % (unit,))
    try:
        return datetime.datetime.fromtimestamp(number, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise ConversionError("%r is out of the range of epoch timestamps" % (value,)) from None


def _parse_datetime_text(text: str) -> datetime.datetime:
    cleaned = text.strip()
    if cleaned.endswith(("Z", "z")):
        cleaned = cleaned[:-1] + "+00:00"
    try:
        parsed = datetime.datetime.fromisoformat(cleaned)
    except ValueError:
        raise ConversionError("%r is not an ISO 8601 date or time" % (text,)) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def format_datetime(value: datetime.datetime) -> str:
    """Format an aware datetime as ISO 8601 UTC with a ``Z`` suffix and whole seconds."""
    return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_version(value: Any) -> Tuple[Tuple[int, Any], ...]:
    """Split a software version such as ``10.2.4-h3`` into a tuple that sorts like the version.

    Numeric parts compare as numbers and letter parts as text, and a number sorts after text at
    the same position, so ``10.2.10`` is newer than ``10.2.9`` and ``10.2.4-h3`` is newer than
    ``10.2.4``.
    """
    if value is None or str(value).strip() == "":
        raise ConversionError("an empty value is not a version")
    parts = []
    for token in _VERSION_PART.findall(str(value)):
        if token.isdigit():
            parts.append((1, int(token)))
        else:
            parts.append((0, token.lower()))
    if not parts:
        raise ConversionError("%r is not a version" % (value,))
    return tuple(parts)
