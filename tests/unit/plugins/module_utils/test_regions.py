# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._regions import (
    CDL_REGION_TO_HEADER,
    KNOWN_REGIONS,
    header_for_cdl_region,
    headers_for_cdl_regions,
    normalize_region,
    normalize_regions,
)

REGIONS_FILE = Path(__file__).parents[4] / "plugins" / "module_utils" / "_regions.py"


def test_known_regions_are_the_documented_nine() -> None:
    assert sorted(KNOWN_REGIONS) == sorted(
        ["americas", "au", "ca", "de", "europe", "in", "jp", "sg", "uk"]
    )


@pytest.mark.parametrize("value", KNOWN_REGIONS)
def test_known_region_passes_without_warning(value: str) -> None:
    warnings: List[str] = []
    assert normalize_region(value, warnings.append) == value
    assert warnings == []


@pytest.mark.parametrize(
    "value, expected",
    [(" Europe ", "europe"), ("AMERICAS", "americas"), ("\tjp\n", "jp"), ("Auto", "auto")],
)
def test_region_case_and_whitespace_normalised(value: str, expected: str) -> None:
    assert normalize_region(value) == expected


def test_unknown_well_formed_region_warns() -> None:
    warnings: List[str] = []
    assert normalize_region("CH", warnings.append) == "ch"
    assert len(warnings) == 1
    assert "'ch'" in warnings[0]
    assert "americas" in warnings[0]


@pytest.mark.parametrize("value", ["us-01", "x", "eu01", "a" * 17, "", "eu rope", "é"])
def test_malformed_region_rejected(value: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        normalize_region(value)
    message = info.value.message
    assert "americas, au, ca, de, europe, in, jp, sg, uk" in message
    assert "pass one of them or 'auto'" in message


def test_region_not_a_string_rejected() -> None:
    with pytest.raises(InvalidInputError, match="must be a string"):
        normalize_region(5)


def test_auto_rejected_where_not_allowed() -> None:
    with pytest.raises(InvalidInputError, match="cannot be sent"):
        normalize_region("auto", allow_auto=False)


def test_region_list_deduplicated_in_order() -> None:
    assert normalize_regions(["Europe", "americas", "europe "]) == ["europe", "americas"]


def test_region_list_auto_must_stand_alone() -> None:
    with pytest.raises(InvalidInputError, match="cannot be combined"):
        normalize_regions(["auto", "europe"])


def test_cdl_table_maps_every_code() -> None:
    assert CDL_REGION_TO_HEADER == {
        "us01": "americas",
        "eu01": "europe",
        "uk01": "uk",
        "de01": "de",
        "jp01": "jp",
        "ca01": "ca",
        "sg01": "sg",
        "au01": "au",
        "in01": "in",
    }
    assert set(CDL_REGION_TO_HEADER.values()) == set(KNOWN_REGIONS)


def test_cdl_code_normalised() -> None:
    assert header_for_cdl_region(" US01 ") == "americas"


def test_cdl_code_unmapped_warns_and_returns_none() -> None:
    warnings: List[str] = []
    assert header_for_cdl_region("ch01", warn=warnings.append) is None
    assert len(warnings) == 1
    assert "ch01" in warnings[0]
    assert "region mapping" in warnings[0]


def test_cdl_table_extended_and_overridden() -> None:
    extra = {"CH01": "ch", "us01": "Europe"}
    assert header_for_cdl_region("ch01", extra) == "ch"
    assert header_for_cdl_region("us01", extra) == "europe"
    assert CDL_REGION_TO_HEADER["us01"] == "americas"


@pytest.mark.parametrize("extra", [{"bad code": "ch"}, {"ch01": "not valid"}, {"ch01": "auto"}])
def test_cdl_table_extension_validated(extra: dict) -> None:
    with pytest.raises(InvalidInputError):
        header_for_cdl_region("ch01", extra)


def test_tenant_cdl_regions_to_headers() -> None:
    warnings: List[str] = []
    codes = ["eu01", "us01", "EU01", "zz01", "uk01"]
    assert headers_for_cdl_regions(codes, warn=warnings.append) == ["europe", "americas", "uk"]
    assert len(warnings) == 1


def test_regions_loads_by_file_path(tmp_path: Path) -> None:
    # The simulator loads this file by path, where no ansible_collections package exists.
    script = (
        "import importlib.util, sys\n"
        "spec = importlib.util.spec_from_file_location('regions', sys.argv[1])\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(module)\n"
        "print(module.normalize_region(' UK '))\n"
        "try:\n"
        "    module.normalize_region('u-k')\n"
        "except ValueError as exc:\n"
        "    print(type(exc).__name__)\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-c", script, str(REGIONS_FILE)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["uk", "InvalidInputError"]
