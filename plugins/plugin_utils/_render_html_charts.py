# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Geometry of the inline SVG charts of the HTML report.

This is a private module: its interface may change between releases.
The functions here only compute bars, labels and coordinates. The template draws them, so
every label passes through Jinja2's autoescaping like any other value.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from dataclasses import dataclass, field

# Drawing area of every chart, in SVG user units (the SVG scales to its container).
CHART_WIDTH = 420
BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 130
VALUE_WIDTH = 70

HISTOGRAM_BINS = 10
HISTOGRAM_HEIGHT = 160
HISTOGRAM_AXIS = 24


@dataclass(frozen=True)
class Bar:
    """One bar: its label, value, CSS class and rectangle in SVG user units."""

    label: str
    value: int
    css_class: str
    x: float
    y: float
    width: float
    height: float


@dataclass
class Chart:
    """A bar chart ready to draw: title, description for screen readers and bars."""

    title: str
    description: str
    width: int
    height: int
    horizontal: bool
    bars: list[Bar] = field(default_factory=list)
    note: str = ""


def horizontal_bars(title: str, items: list[tuple[str, int, str]], description: str) -> Chart:
    """Lay out one horizontal bar per (label, value, css_class), scaled to the largest value."""
    largest = max((value for _label, value, _css in items), default=0)
    span = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for index, (label, value, css_class) in enumerate(items):
        width = span * value / largest if largest else 0.0
        bars.append(Bar(
            label=label,
            value=value,
            css_class=css_class,
            x=float(LABEL_WIDTH),
            y=float(index * (BAR_HEIGHT + BAR_GAP)),
            width=round(width, 2),
            height=float(BAR_HEIGHT),
        ))
    height = max(len(items), 1) * (BAR_HEIGHT + BAR_GAP)
    return Chart(title=title, description=description, width=CHART_WIDTH, height=height,
                 horizontal=True, bars=bars)


def histogram_bin(score: float) -> int:
    """Return the bin of a score from 0 to 100: ten bins of 10 points, 100 in the last."""
    index = int(score // (100 / HISTOGRAM_BINS))
    return min(max(index, 0), HISTOGRAM_BINS - 1)


def score_histogram(scores: list[float | None]) -> Chart:
    """Lay out the number of tenants per score band of 10 points as vertical bars."""
    counts = [0] * HISTOGRAM_BINS
    unscored = 0
    for score in scores:
        if score is None:
            unscored += 1
            continue
        counts[histogram_bin(score)] += 1

    largest = max(counts)
    step = 100 // HISTOGRAM_BINS
    slot = CHART_WIDTH / HISTOGRAM_BINS
    plot_height = HISTOGRAM_HEIGHT - HISTOGRAM_AXIS
    bars = []
    for index, count in enumerate(counts):
        height = plot_height * count / largest if largest else 0.0
        low = index * step
        label = f"{low}–{low + step}" if index == HISTOGRAM_BINS - 1 else f"{low}–{low + step - 1}"
        bars.append(Bar(
            label=label,
            value=count,
            css_class="bar-score",
            x=round(index * slot + 2, 2),
            y=round(plot_height - height, 2),
            width=round(slot - 4, 2),
            height=round(height, 2),
        ))

    note = f"{unscored} tenants have no score (only skipped or waived results)." if unscored else ""
    return Chart(
        title="Tenants by score",
        description="Number of tenants per score band of 10 points, from 0 to 100.",
        width=CHART_WIDTH,
        height=HISTOGRAM_HEIGHT,
        horizontal=False,
        bars=bars,
        note=note,
    )
