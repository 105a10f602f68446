# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Column encodings of the HTML report's data block, decoded by its script.

This is a private module: its interface may change between releases.
The data block stores tables column by column. Each column is written in the smallest of
three forms, measured as compact JSON, so the choice depends only on the values:

- plain: a JSON array of the values;
- dictionary: `{"values": [distinct values], "index": [position in values per row]}`,
  for columns that repeat a few values (regions, statuses, severities);
- template: `{"templates": [[literal, ...]], "cells": [...]}`, for text that differs only
  in its runs of ASCII digits (ids and timestamps inside JSON text). A string cell is
  `[template index, run 1, run 2, ...]` and its text is
  `literal 0 + run 1 + literal 1 + run 2 + ...`. A run is a JSON number when the number
  prints back as the same digits, otherwise a string. Other cells are stored as they are.

Every form decodes to exactly the values it was given.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
from typing import Any

# Only ASCII digits, because `\d` also matches other scripts' digits, which int() converts to
# ASCII digits and so would change the text.
_DIGIT_RUN = re.compile(r"([0-9]+)")
# Numbers of up to 15 digits are exact in a JavaScript number (below 2**53).
_MAX_NUMBER_DIGITS = 15


def json_size(value: Any) -> int:
    """Return the length of `value` as compact JSON, the measure that picks a column form."""
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False))


def _value_key(value: Any) -> Any:
    """Return a hashable key that differs wherever the JSON text differs, as for 1, 1.0 and True."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return ("url", value.get("u"))
    if isinstance(value, float):
        # -0.0 == 0.0 in Python, but JSON writes them differently, so the key is the float's repr().
        return ("float", repr(value))
    return (type(value).__name__, value)


def dictionary_column(values: list[Any]) -> dict[str, list[Any]]:
    """Encode values as their distinct values, in order of first use, and one index per row."""
    positions: dict[tuple[str, Any], int] = {}
    distinct: list[Any] = []
    index: list[int] = []
    for value in values:
        key = _value_key(value)
        position = positions.get(key)
        if position is None:
            position = len(distinct)
            positions[key] = position
            distinct.append(value)
        index.append(position)
    return {"values": distinct, "index": index}


def _digit_run(run: str) -> int | str:
    if len(run) <= _MAX_NUMBER_DIGITS and (run == "0" or not run.startswith("0")):
        return int(run)
    return run


def template_column(values: list[Any]) -> dict[str, list[Any]]:
    """Encode strings as a template of literal parts plus the digit runs between them."""
    positions: dict[tuple[str, ...], int] = {}
    templates: list[list[str]] = []
    cells: list[Any] = []
    for value in values:
        if not isinstance(value, str):
            cells.append(value)
            continue
        parts = _DIGIT_RUN.split(value)
        literals = tuple(parts[0::2])
        position = positions.get(literals)
        if position is None:
            position = len(templates)
            positions[literals] = position
            templates.append(list(literals))
        cells.append([position] + [_digit_run(run) for run in parts[1::2]])
    return {"templates": templates, "cells": cells}


def encode_column(values: list[Any]) -> Any:
    """Return the smallest form of a column: the plain list, a dictionary or a template."""
    best: Any = values
    best_size = json_size(values)
    candidates = [dictionary_column(values)]
    if any(isinstance(value, str) and _DIGIT_RUN.search(value) for value in values):
        candidates.append(template_column(values))
    for candidate in candidates:
        size = json_size(candidate)
        if size < best_size:
            best, best_size = candidate, size
    return best


def decode_column(column: Any) -> list[Any]:
    """Decode a column of any form back to its values, as the report script's `decodeColumn` does."""
    if isinstance(column, list):
        return column
    if "index" in column:
        return [column["values"][position] for position in column["index"]]
    values = []
    for cell in column["cells"]:
        if not isinstance(cell, list):
            values.append(cell)
            continue
        literals = column["templates"][cell[0]]
        text = literals[0]
        for run, literal in zip(cell[1:], literals[1:]):
            text += str(run) + literal
        values.append(text)
    return values
