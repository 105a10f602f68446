# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.prisma_sase.mt_monitor.plugins.filter.epoch_to_iso import (
    FilterModule,
    epoch_to_iso,
)


@pytest.mark.parametrize("value, unit, expected", [
    (1796415154106, "auto", "2026-12-04T20:12:34Z"),
    (1796415154, "auto", "2026-12-04T20:12:34Z"),
    ("1796415154106", "auto", "2026-12-04T20:12:34Z"),
    (1796415154.9, "s", "2026-12-04T20:12:34Z"),
    (1796415154106, "ms", "2026-12-04T20:12:34Z"),
    (1000, "ms", "1970-01-01T00:00:01Z"),
    (0, "auto", "1970-01-01T00:00:00Z"),
])
def test_epoch_to_iso_values(value: object, unit: str, expected: str) -> None:
    assert epoch_to_iso(value, unit) == expected


def test_epoch_to_iso_none() -> None:
    assert epoch_to_iso(None) is None


@pytest.mark.parametrize("value, unit, fragment", [
    ("soon", "auto", "is not a number"),
    (True, "auto", "is a boolean"),
    (1, "minutes", "unit 'minutes' is not valid"),
    (1e20, "s", "outside the range"),
])
def test_epoch_to_iso_invalid(value: object, unit: str, fragment: str) -> None:
    with pytest.raises(AnsibleFilterError) as caught:
        epoch_to_iso(value, unit)
    assert fragment in str(caught.value)


def test_epoch_to_iso_registered() -> None:
    assert FilterModule().filters()["epoch_to_iso"] is epoch_to_iso
