# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Parse the `time_range` intent of the query builder and format times in API units.

This is a private module: its interface may change between releases.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Optional

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
)

# Length of one unit in minutes, in the order that messages list the units.
UNIT_MINUTES = {"minutes": 1, "hours": 60, "days": 1440}

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class TimeWindow:
    """A parsed time range: relative (`count` units back from now) or absolute (`start`, `end`)."""

    count: Optional[int] = None
    unit: Optional[str] = None
    start: Optional[datetime] = None
    end: Optional[datetime] = None

    @property
    def is_relative(self) -> bool:
        """True for `{last, unit}`, False for `{from, to}`."""
        return self.count is not None

    @property
    def minutes(self) -> int:
        """Length of a relative window in minutes."""
        return (self.count or 0) * UNIT_MINUTES[self.unit or "days"]


def parse_time_range(value: Any) -> TimeWindow:
    """Validate a `time_range` option and return it as a TimeWindow.

    Accepts ``{"last": N, "unit": "minutes" | "hours" | "days"}`` (unit defaults to days) or
    ``{"from": ISO 8601, "to": ISO 8601}``; a time without an offset is taken as UTC.
    """
    if not isinstance(value, dict):
        raise InvalidInputError(
            "time_range %r is invalid; use {'last': 7, 'unit': 'days'} or "
            "{'from': '2026-01-01T00:00:00Z', 'to': '2026-01-08T00:00:00Z'}" % (value,)
        )

    keys = set(value)
    if keys and keys <= {"last", "unit"} and "last" in keys:
        return _parse_relative(value)
    if keys == {"from", "to"}:
        return _parse_absolute(value)

    raise InvalidInputError(
        "time_range keys %s are invalid; use either 'last' with an optional 'unit', "
        "or both 'from' and 'to'" % ", ".join(sorted(repr(key) for key in keys) or ["(none)"])
    )


def _parse_relative(value: dict) -> TimeWindow:
    count = value["last"]
    if isinstance(count, str) and count.isascii() and count.isdigit():
        count = int(count)
    if isinstance(count, bool) or not isinstance(count, int):
        raise InvalidInputError(
            "time_range.last %r is invalid; use a whole number such as 7" % (count,)
        )
    if count <= 0:
        raise InvalidInputError(
            "time_range.last %r is invalid; use a positive number of minutes, hours or days"
            % (count,)
        )

    unit = value.get("unit", "days")
    if unit not in UNIT_MINUTES:
        raise InvalidInputError(
            "time_range.unit %r is invalid; use one of: %s" % (unit, ", ".join(UNIT_MINUTES))
        )
    return TimeWindow(count=count, unit=unit)


def _parse_absolute(value: dict) -> TimeWindow:
    start = parse_datetime(value["from"], "time_range.from")
    end = parse_datetime(value["to"], "time_range.to")

    if start == end:
        raise InvalidInputError(
            "time_range is empty: 'from' and 'to' are both %s; make 'to' later than 'from'"
            % start.isoformat()
        )
    if start > end:
        raise InvalidInputError(
            "time_range is inverted: 'from' %s is later than 'to' %s; swap them"
            % (start.isoformat(), end.isoformat())
        )
    return TimeWindow(start=start, end=end)


def parse_datetime(value: Any, option: str) -> datetime:
    """Parse an ISO 8601 string or a datetime into an aware UTC datetime."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str) and value.isascii():
        text = value.strip()
        # datetime.fromisoformat() accepts a trailing "Z" only from Python 3.11 on.
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            parsed = None
        if parsed is None:
            raise InvalidInputError(
                "%s %r is not a valid ISO 8601 time; use a form such as 2026-01-01T00:00:00Z"
                % (option, value)
            )
    else:
        raise InvalidInputError(
            "%s %r is not a valid ISO 8601 time; use a form such as 2026-01-01T00:00:00Z"
            % (option, value)
        )

    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    parsed = parsed.astimezone(timezone.utc)

    if parsed < _EPOCH:
        raise InvalidInputError(
            "%s %r is before 1970-01-01; the API takes epoch times, so use a later time"
            % (option, value)
        )
    return parsed


def format_time(moment: datetime, unit: str) -> Any:
    """Format an aware datetime in a catalog time unit (ms, s, iso or datetime).

    Epoch values are integers here; rule `values` convert them to strings.
    """
    seconds = (moment - _EPOCH).total_seconds()
    if unit == "ms":
        return round(seconds * 1000)
    if unit == "s":
        return int(seconds)
    if unit == "iso":
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (moment.microsecond // 1000)
    if unit == "datetime":
        return moment.strftime("%Y-%m-%d %H:%M:%S+00:00")
    raise ValueError("unknown time unit %r" % unit)


def describe_minutes(minutes: int) -> str:
    """Describe a length in minutes with the largest whole unit, e.g. 10080 -> "7 days"."""
    unit = next(name for name in ("days", "hours", "minutes") if minutes % UNIT_MINUTES[name] == 0)
    count = minutes // UNIT_MINUTES[unit]
    return "%d %s" % (count, unit if count != 1 else unit[:-1])
