# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import datetime
import json

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._results_file import (
    serialize_document,
    serialize_results,
)
from ansible_collections.prisma_sase.mt_monitor.tests.fixtures.report_data import make_results


def test_serialize_results_same_document() -> None:
    results = make_results(6, seed=2, hostile=True)
    content = serialize_results(results)
    assert json.loads(content) == json.loads(serialize_document(results))
    assert content == serialize_results(json.loads(content))
    assert content.endswith(b"\n}\n")


def test_serialize_results_line_per_result() -> None:
    results = make_results(6, seed=2)
    lines = serialize_results(results).decode("utf-8").splitlines()
    result_lines = [line for line in lines if line.startswith('{"control":')]
    assert len(result_lines) == len(results["results"])
    assert lines[0] == "{"
    assert lines[-1] == "}"


def test_serialize_results_edge_values() -> None:
    document = {"results": [], "b": {"z": 1, "a": [1, 2]}, "a": "ünï\n", "when": datetime.date(2026, 12, 4)}
    content = serialize_results(document)
    assert json.loads(content) == {"a": "ünï\n", "b": {"a": [1, 2], "z": 1}, "results": [], "when": "2026-12-04"}
    assert content == b'{\n"a":"\xc3\xbcn\xc3\xaf\\n",\n"b":{"a":[1,2],"z":1},\n"results":[],\n"when":"2026-12-04"\n}\n'
