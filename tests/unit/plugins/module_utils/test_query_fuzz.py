"""Property tests: arbitrary text in any intent either builds a request or raises InvalidInputError."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import OPERATIONS
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._query import build_request

TEXT = st.text(max_size=40)
SCALAR = st.one_of(TEXT, st.integers(), st.floats(allow_nan=True), st.booleans(), st.none())

PROPERTY_ITEM = st.one_of(
    TEXT,
    st.fixed_dictionaries(
        {"property": TEXT},
        optional={"alias": TEXT, "function": TEXT, "sort": st.one_of(TEXT, st.fixed_dictionaries({"order": TEXT}))},
    ),
)
RULE = st.one_of(
    st.fixed_dictionaries({"rule": TEXT}),
    st.fixed_dictionaries(
        {"property": TEXT, "operator": TEXT}, optional={"values": st.lists(SCALAR, max_size=3)}
    ),
    SCALAR,
)
TIME_RANGE = st.one_of(
    st.fixed_dictionaries({"last": st.one_of(st.integers(-5, 50), TEXT)}, optional={"unit": TEXT}),
    st.fixed_dictionaries({"from": TEXT, "to": TEXT}),
    st.dictionaries(TEXT, SCALAR, max_size=2),
)


def _build(name, strict, **intent):
    try:
        request = build_request(name, strict=strict, **intent)
    except InvalidInputError as error:
        assert str(error)
        return None

    # A built request must serialise to JSON, as the client sends it.
    json.dumps(request.body, allow_nan=True)
    json.dumps(request.query, allow_nan=True)
    return request


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(sorted(OPERATIONS)),
    strict=st.booleans(),
    properties=st.one_of(st.none(), st.lists(PROPERTY_ITEM, max_size=4), SCALAR),
    alias=st.one_of(st.none(), TEXT),
    function=st.one_of(st.none(), TEXT),
    sort=st.one_of(st.none(), TEXT, st.dictionaries(TEXT, TEXT, max_size=2)),
)
def test_property_intents_never_crash(name, strict, properties, alias, function, sort):
    _build(name, strict, properties=properties, alias=alias, function=function, sort=sort)


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(sorted(OPERATIONS)),
    strict=st.booleans(),
    severity=st.one_of(st.none(), st.lists(SCALAR, max_size=3), TEXT),
    rules=st.one_of(st.none(), st.lists(TEXT, max_size=3), SCALAR),
    time_range=st.one_of(st.none(), TIME_RANGE),
    count=st.one_of(st.none(), st.integers(-3, 10), TEXT),
)
def test_filter_intents_never_crash(name, strict, severity, rules, time_range, count):
    _build(name, strict, severity=severity, rules=rules, time_range=time_range, count=count)


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(sorted(OPERATIONS)),
    strict=st.booleans(),
    raw_filter=st.one_of(
        st.none(),
        st.fixed_dictionaries({}, optional={"operator": TEXT, "rules": st.lists(RULE, max_size=3)}),
        SCALAR,
    ),
    raw_properties=st.one_of(st.none(), st.lists(PROPERTY_ITEM, max_size=3)),
    query=st.one_of(st.none(), st.dictionaries(TEXT, SCALAR, max_size=3)),
)
def test_raw_intents_never_crash(name, strict, raw_filter, raw_properties, query):
    _build(name, strict, filter=raw_filter, raw_properties=raw_properties, query=query)


@settings(max_examples=200, deadline=None)
@given(body=st.one_of(SCALAR, st.dictionaries(TEXT, SCALAR, max_size=3), st.fixed_dictionaries(
    {"properties": st.lists(PROPERTY_ITEM, max_size=3)},
    optional={"filter": st.dictionaries(TEXT, SCALAR, max_size=2), "count": SCALAR},
)), strict=st.booleans())
def test_whole_body_never_crashes(body, strict):
    _build("threats.summary", strict, body=body)


@settings(max_examples=200, deadline=None)
@given(values=st.lists(TEXT, min_size=1, max_size=3))
def test_unicode_values_pass_when_not_strict(values):
    request = _build("threats.summary", False, properties=values, severity=values)

    if request is not None:
        assert [item["property"] for item in request.body["properties"]] == values
