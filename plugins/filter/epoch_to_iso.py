# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: epoch_to_iso
short_description: Convert an epoch time in seconds or milliseconds to ISO 8601 UTC text
version_added: 1.0.0
description:
  - Converts the epoch times that the Aggregate Monitoring API returns (for example
    C(event_time) in milliseconds or C(expiry_ts)) to C(YYYY-MM-DDTHH:MM:SSZ) in UTC.
  - Returns null for a null input, so rows without the field pass through.
options:
  _input:
    description: Epoch time as a number or a numeric string.
    type: raw
    required: true
  unit:
    description:
      - V(s) for seconds, V(ms) for milliseconds. V(auto) reads values of 100,000,000,000 or
        more as milliseconds (that many seconds is after the year 5000).
    type: str
    choices: [auto, s, ms]
    default: auto
author:
  - prisma_sase.mt_monitor contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Show when each license expires
  ansible.builtin.debug:
    msg: "{{ item.licenseDetails.MU.expiry_ts | prisma_sase.mt_monitor.epoch_to_iso }}"
  loop: "{{ quota.licenses }}"

# 1796415154106 (milliseconds) becomes "2026-12-04T20:12:34Z"
"""

RETURN = r"""
_value:
  description: The time as ISO 8601 text in UTC with a trailing Z, or null.
  type: str
"""

from datetime import datetime, timezone
from typing import Any, Callable, Dict

from ansible.errors import AnsibleFilterError

# Seconds since the epoch reach 1e11 only after the year 5000, while milliseconds pass it in
# 1973, so larger values are milliseconds.
MILLISECONDS_FROM = 100_000_000_000


def epoch_to_iso(value: Any, unit: str = "auto") -> Any:
    """Convert epoch seconds or milliseconds to `YYYY-MM-DDTHH:MM:SSZ` in UTC."""
    if value is None:
        return None
    if unit not in ("auto", "s", "ms"):
        raise AnsibleFilterError("epoch_to_iso: unit %r is not valid; use auto, s or ms" % (unit,))
    if isinstance(value, bool):
        raise AnsibleFilterError("epoch_to_iso: %r is a boolean, not an epoch time" % (value,))
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise AnsibleFilterError("epoch_to_iso: %r is not a number of seconds or milliseconds"
                                 % (value,)) from None

    if unit == "ms" or (unit == "auto" and abs(number) >= MILLISECONDS_FROM):
        number = number / 1000.0
    try:
        moment = datetime.fromtimestamp(number, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise AnsibleFilterError("epoch_to_iso: %r is outside the range of dates" % (value,)) from None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class FilterModule:
    """The epoch_to_iso filter."""

    def filters(self) -> Dict[str, Callable[..., Any]]:
        return {"epoch_to_iso": epoch_to_iso}
