# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Tests of the column encodings of the HTML report's data block."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_html_columns import (
    decode_column,
    dictionary_column,
    encode_column,
    json_size,
    template_column,
)

# Cell values as the data block holds them: scalars, text and {"u": url} links.
CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2 ** 53), max_value=2 ** 53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(),
    st.from_regex(r"\A[a-z\"{}:,]{0,6}[0-9]{1,20}[a-z\"{}:,]{0,6}[0-9]{0,3}\Z"),
    st.builds(lambda host: {"u": f"https://{host}.example/"}, st.from_regex(r"\A[a-z]{1,8}\Z")),
)


def as_json(values):
    # Compare as JSON text, because == treats 1, 1.0 and True as equal, and 0.0 and -0.0 too.
    return json.dumps(values, sort_keys=True)


@given(st.lists(CELLS, max_size=40))
def test_every_form_decodes_to_input(values):
    for encoded in (values, dictionary_column(values), template_column(values), encode_column(values)):
        assert as_json(decode_column(encoded)) == as_json(values)


@given(st.lists(CELLS, max_size=40))
def test_chosen_form_is_smallest(values):
    chosen = json_size(encode_column(values))

    assert chosen <= json_size(values)
    assert chosen <= json_size(dictionary_column(values))


def test_repeated_values_use_dictionary():
    values = ["americas", "europe", "americas", "americas", None, "europe"] * 20
    encoded = encode_column(values)

    assert encoded["values"] == ["americas", "europe", None]
    assert encoded["index"][:6] == [0, 1, 0, 0, 2, 1]


def test_unique_values_stay_plain():
    values = [f"{number:08x}-name" for number in range(50)]

    assert encode_column(values) == values


def test_dictionary_tells_types_apart():
    values = [1, 1.0, True, "1", None, {"u": "https://a.example/"}, 1, 0.0, -0.0, 0.0]
    encoded = dictionary_column(values)

    assert len(encoded["values"]) == 8
    assert as_json(decode_column(encoded)) == as_json(values)


def test_template_keeps_digit_runs_exact():
    values = [
        '{"expiry_ts":1848863986163,"id":"007"}',
        '{"expiry_ts":1772918386163,"id":"010"}',
        "run 12345678901234567890 longer than a number",
        "Arabic-Indic digits \u0663\u0664 stay text",
        "no digits",
        42,
    ]
    encoded = template_column(values)

    assert encoded["templates"][0] == ['{"expiry_ts":', ',"id":"', '"}']
    assert encoded["cells"][0] == [0, 1848863986163, "007"]
    assert encoded["cells"][1] == [0, 1772918386163, "010"]
    assert encoded["cells"][2][1] == "12345678901234567890"
    assert encoded["cells"][3] == [2]
    assert encoded["cells"][5] == 42
    assert decode_column(encoded) == values


def test_json_text_with_ids_uses_template():
    values = [
        json.dumps({"cdl_tenant_id": str(1349226332 + tenant), "region": "us01", "pa_tenant_id": str(1349226333 + tenant)})
        for tenant in range(30)
    ]
    encoded = encode_column(values)

    assert len(encoded["templates"]) == 1
    assert decode_column(encoded) == values
    assert json_size(encoded) < json_size(values) / 2
