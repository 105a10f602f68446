"""The query language of the POST operations: filter rules, properties, functions, sort.

A request body looks like ``{"filter": {"operator": "AND", "rules": [...]}, "properties":
[...], "count": 5, "histogram": {...}}``. Rules are either ``{"rule": name}`` or ``{"property",
"operator", "values"}``. A property item may carry ``alias``, ``sort: {"order"}`` and an
aggregate given as ``function`` or as ``operator`` (count, sum, avg, distinct_count).

Without any aggregate the result has one row per record. With an aggregate, a counter property
(such as ``total_threats``) or a histogram, the plain properties become group keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from simulator._records import DAY_MS, HOUR_MS, MINUTE_MS, Record

Counter = Callable[[list[Record]], float]
FUNCTIONS = ("count", "sum", "avg", "distinct_count")
COMPARISON_OPERATORS = ("in", "not_in", "equals", "not_equals", "gt", "lt", "gte", "lte",
                        "is_not_null", "is_null", "between")
TIME_OPERATORS = {"last_n_minutes": MINUTE_MS, "last_n_hours": HOUR_MS, "last_n_days": DAY_MS}
HISTOGRAM_RANGES = {"minute": MINUTE_MS, "hour": HOUR_MS, "day": DAY_MS}


class QueryError(ValueError):
    """The request body is invalid, so the service returns 400 with this message."""


@dataclass(frozen=True)
class Topic:
    """Record fields, computed counters and rules of one kind of data."""

    name: str
    fields: frozenset[str]
    counters: dict[str, Counter] = field(default_factory=dict)
    rules: dict[str, Callable[[Record], bool]] = field(default_factory=dict)
    # Filter property names that the documentation uses for a field of another name.
    filter_aliases: dict[str, str] = field(default_factory=dict)
    default_properties: tuple[str, ...] = ()
    # (property, "asc" or "desc") applied when the request sorts on nothing.
    default_sort: tuple[str, str] | None = None
    histogram_time_key: bool = False

    def known_properties(self) -> list[str]:
        return sorted(self.fields | set(self.counters))


@dataclass(frozen=True)
class PropertyItem:
    property: str
    output_key: str
    function: str | None
    counter: bool
    sort_order: str | None


@dataclass(frozen=True)
class Histogram:
    property: str
    bucket_ms: int


@dataclass
class Query:
    predicate: Callable[[Record], bool]
    items: list[PropertyItem]
    count: int | None
    histogram: Histogram | None

    @property
    def aggregates(self) -> bool:
        return self.histogram is not None or any(
            item.function is not None or item.counter for item in self.items)

    def group_properties(self) -> list[str]:
        return [item.property for item in self.items
                if item.function is None and not item.counter]


def _flatten(values: Any) -> list[Any]:
    if not isinstance(values, list):
        return [values]
    flat: list[Any] = []
    for value in values:
        flat.extend(_flatten(value))
    return flat


def _comparable(value: Any) -> Any:
    """Compare numbers as numbers (numeric strings included) and text without case."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value.lower()
    return value


def _number(value: Any, description: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise QueryError("%s must be a number, got %r" % (description, value)) from None


def _ordered(left: Any, right: Any, compare: Callable[[Any, Any], bool]) -> bool:
    if left is None:
        return False
    try:
        return compare(_comparable(left), _comparable(right))
    except TypeError:
        return False


def _property_rule(topic: Topic, rule: dict[str, Any], now_ms: int) -> Callable[[Record], bool]:
    name = rule.get("property")
    operator = rule.get("operator")
    if not isinstance(name, str) or not isinstance(operator, str):
        raise QueryError("each filter rule needs 'rule', or 'property' and 'operator': %r"
                         % (rule,))
    field_name = topic.filter_aliases.get(name, name)
    if field_name not in topic.fields:
        raise QueryError("unknown filter property '%s'; known properties: %s"
                         % (name, ", ".join(sorted(topic.fields | set(topic.filter_aliases)))))
    values = _flatten(rule.get("values", []))
    operator = operator.lower()

    if operator in TIME_OPERATORS:
        if len(values) != 1:
            raise QueryError("operator '%s' needs exactly one value, got %r" % (operator, values))
        since = now_ms - _number(values[0], "the value of '%s'" % operator) * TIME_OPERATORS[
            operator]
        return lambda record: _ordered(record.get(field_name), since, lambda a, b: a >= b)

    if operator == "is_not_null":
        return lambda record: record.get(field_name) is not None
    if operator == "is_null":
        return lambda record: record.get(field_name) is None
    if operator not in COMPARISON_OPERATORS:
        raise QueryError("unknown filter operator '%s'; known operators: %s" % (
            operator, ", ".join(sorted(COMPARISON_OPERATORS + tuple(TIME_OPERATORS)))))
    if not values:
        raise QueryError("operator '%s' on '%s' needs at least one value" % (operator, name))

    expected_values = {_comparable(value) for value in values}
    if operator in ("in", "equals"):
        return lambda record: _comparable(record.get(field_name)) in expected_values
    if operator in ("not_in", "not_equals"):
        return lambda record: _comparable(record.get(field_name)) not in expected_values
    if operator == "between":
        if len(values) != 2:
            raise QueryError("operator 'between' needs two values, got %r" % (values,))
        low, high = (_number(value, "a 'between' value") for value in values)
        return lambda record: _ordered(record.get(field_name), low, lambda a, b: a >= b) and \
            _ordered(record.get(field_name), high, lambda a, b: a <= b)

    bound = _number(values[0], "the value of '%s'" % operator)
    comparisons = {"gt": lambda a, b: a > b, "lt": lambda a, b: a < b,
                   "gte": lambda a, b: a >= b, "lte": lambda a, b: a <= b}
    compare = comparisons[operator]
    return lambda record: _ordered(record.get(field_name), bound, compare)


def _parse_filter(topic: Topic, body_filter: Any, now_ms: int) -> Callable[[Record], bool]:
    if body_filter is None:
        return lambda record: True
    if not isinstance(body_filter, dict):
        raise QueryError("'filter' must be an object, got %s" % type(body_filter).__name__)
    operator = str(body_filter.get("operator", "AND")).upper()
    if operator not in ("AND", "OR"):
        raise QueryError("filter operator must be AND or OR, got %r" % body_filter["operator"])
    rules = body_filter.get("rules", [])
    if not isinstance(rules, list):
        raise QueryError("'filter.rules' must be a list")

    predicates: list[Callable[[Record], bool]] = []
    for rule in rules:
        if not isinstance(rule, dict):
            raise QueryError("each filter rule must be an object, got %r" % (rule,))
        if "rule" in rule:
            predicate = topic.rules.get(str(rule["rule"]))
            if predicate is None:
                raise QueryError("unknown rule '%s'; known rules: %s"
                                 % (rule["rule"], ", ".join(sorted(topic.rules)) or "none"))
            predicates.append(predicate)
        else:
            predicates.append(_property_rule(topic, rule, now_ms))

    if not predicates:
        return lambda record: True
    if operator == "OR":
        return lambda record: any(predicate(record) for predicate in predicates)
    return lambda record: all(predicate(record) for predicate in predicates)


def _parse_item(topic: Topic, item: Any, renames: dict[str, str]) -> PropertyItem:
    if not isinstance(item, dict) or not isinstance(item.get("property"), str):
        raise QueryError("each properties item needs a 'property' string, got %r" % (item,))
    name = item["property"]
    if name not in topic.fields and name not in topic.counters:
        raise QueryError("unknown property '%s'; known properties: %s"
                         % (name, ", ".join(topic.known_properties())))
    function = item.get("function")
    if function is None and item.get("operator") in FUNCTIONS:
        function = item["operator"]
    if function is not None and function not in FUNCTIONS:
        raise QueryError("unknown function '%s' on '%s'; known functions: %s"
                         % (function, name, ", ".join(FUNCTIONS)))
    if function not in (None, "count") and name not in topic.fields:
        raise QueryError("function '%s' needs a record field, and '%s' is a computed count"
                         % (function, name))

    sort_order = None
    sort = item.get("sort")
    if sort is not None:
        order = sort.get("order", "asc") if isinstance(sort, dict) else sort
        if str(order).lower() not in ("asc", "desc"):
            raise QueryError("sort order must be asc or desc, got %r" % (order,))
        sort_order = str(order).lower()

    alias = item.get("alias")
    output_key = str(alias) if alias else renames.get(name, name)
    counter = function is None and name in topic.counters
    return PropertyItem(name, output_key, function, counter, sort_order)


def _parse_histogram(topic: Topic, histogram: Any) -> Histogram | None:
    if histogram is None:
        return None
    if not isinstance(histogram, dict) or histogram.get("property") not in topic.fields:
        raise QueryError("'histogram' needs a 'property' among: %s"
                         % ", ".join(sorted(topic.fields)))
    range_name = str(histogram.get("range", "day"))
    if range_name not in HISTOGRAM_RANGES:
        raise QueryError("histogram range must be one of %s, got %r"
                         % (", ".join(HISTOGRAM_RANGES), range_name))
    size = int(_number(histogram.get("value", 1), "histogram value"))
    if size < 1:
        raise QueryError("histogram value must be 1 or more, got %r" % histogram.get("value"))
    return Histogram(histogram["property"], size * HISTOGRAM_RANGES[range_name])


def parse_query(topic: Topic, body: Any, now_ms: int,
                renames: dict[str, str] | None = None) -> Query:
    """Check a request body against a topic and compile it; raise QueryError when invalid."""
    if body is None:
        body = {}
    if not isinstance(body, dict):
        raise QueryError("the request body must be a JSON object, got %s" % type(body).__name__)
    renames = renames or {}

    raw_items = body.get("properties")
    if raw_items is None and body.get("histogram") is None:
        raw_items = [{"property": name} for name in topic.default_properties]
    elif raw_items is None:
        # A histogram without properties counts records per bucket (incidents/trends).
        raw_items = []
    if not isinstance(raw_items, list):
        raise QueryError("'properties' must be a list")
    items = [_parse_item(topic, item, renames) for item in raw_items]

    count = body.get("count")
    if count is not None and (isinstance(count, bool) or not isinstance(count, int)
                              or count < 1):
        raise QueryError("'count' must be a positive integer, got %r" % (count,))
    return Query(_parse_filter(topic, body.get("filter"), now_ms), items, count,
                 _parse_histogram(topic, body.get("histogram")))


def _aggregate(function: str, name: str, records: list[Record]) -> float:
    values = [record.get(name) for record in records if record.get(name) is not None]
    if function == "count":
        return len(values)
    if function == "distinct_count":
        return len({repr(value) for value in values})
    numbers = [float(value) for value in values if isinstance(value, (int, float))]
    if function == "sum":
        total = float(sum(numbers))
        return int(total) if total.is_integer() else total
    return round(sum(numbers) / len(numbers), 2) if numbers else 0


def _group(query: Query, records: Iterable[Record],
           seed_keys: Sequence[tuple[Any, ...]]) -> dict[tuple[Any, ...], list[Record]]:
    keys = query.group_properties()
    groups: dict[tuple[Any, ...], list[Record]] = {key: [] for key in seed_keys}
    histogram = query.histogram
    for record in records:
        key = tuple(_hashable(record.get(name)) for name in keys)
        if histogram is not None:
            moment = record.get(histogram.property)
            if not isinstance(moment, (int, float)):
                continue
            key += (int(moment) // histogram.bucket_ms * histogram.bucket_ms,)
        groups.setdefault(key, []).append(record)
    return groups


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _sort_rows(rows: list[dict[str, Any]], query: Query, topic: Topic) -> list[dict[str, Any]]:
    orders = [(item.output_key, item.sort_order) for item in query.items if item.sort_order]
    if not orders and topic.default_sort is not None:
        orders = [topic.default_sort]
    # Sort on the last key first so the first sort item decides, as in SQL ORDER BY.
    for key, order in reversed(orders):
        rows.sort(key=lambda row: _sort_key(row.get(key)), reverse=order == "desc")
    return rows


def _sort_key(value: Any) -> tuple[int, Any]:
    if value is None:
        return (0, 0)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (1, value)
    return (2, str(value))


def run_query(topic: Topic, query: Query, records: Iterable[Record],
              tenant_keys: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Filter, group, aggregate, sort and cut the records into response rows.

    ``tenant_keys`` are the sub_tenant_id values of every tenant in scope: a query grouped
    only by sub_tenant_id returns a row for each of them, with zero counts where no record
    matched, because the service reports every tenant it aggregates over.
    """
    matching = [record for record in records if query.predicate(record)]

    if not query.aggregates:
        rows = [{item.output_key: record.get(item.property) for item in query.items}
                for record in matching]
        rows = _sort_rows(rows, query, topic)
        return rows[:query.count] if query.count else rows

    group_properties = query.group_properties()
    seed_keys: list[tuple[Any, ...]] = []
    if query.histogram is None and group_properties == ["sub_tenant_id"]:
        seed_keys = [(key,) for key in tenant_keys]
    elif query.histogram is None and not group_properties and tenant_keys:
        seed_keys = [()]

    plain_keys = [item.output_key for item in query.items
                  if item.function is None and not item.counter]
    rows: list[dict[str, Any]] = []
    for key, group in _group(query, matching, seed_keys).items():
        row: dict[str, Any] = dict(zip(plain_keys, key))
        if query.histogram is not None:
            row[query.histogram.property] = key[-1]
            if topic.histogram_time_key:
                row["histogram_time"] = key[-1]
        for item in query.items:
            if item.function is not None:
                row[item.output_key] = _aggregate(item.function, item.property, group)
            elif item.counter:
                row[item.output_key] = topic.counters[item.property](group)
        if query.histogram is not None and not query.items:
            row["count"] = len(group)
        rows.append(row)

    if query.histogram is not None and not any(item.sort_order for item in query.items):
        rows.sort(key=lambda row: row[query.histogram.property])  # type: ignore[union-attr]
    else:
        rows = _sort_rows(rows, query, topic)
    return rows[:query.count] if query.count else rows
