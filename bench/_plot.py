# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Draw the scale scenario as log-log SVG charts: wall time and peak memory against tenants.

Written by hand as SVG text, so the bench needs no plotting package. Each chart has one line
per latency and a dashed linear reference (slope 1 on log-log axes) through the smallest
point of the first latency: a measured line that stays at or under the reference grows no
faster than linear.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import math
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple

WIDTH = 520
HEIGHT = 360
MARGIN_LEFT = 70
MARGIN_RIGHT = 20
MARGIN_TOP = 40
MARGIN_BOTTOM = 50
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd")


def _decades(low: float, high: float) -> List[float]:
    first = math.floor(math.log10(low))
    last = math.ceil(math.log10(high))
    return [10.0 ** power for power in range(first, last + 1)]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def chart(title: str, unit: str, series: Dict[str, Sequence[Tuple[float, float]]]) -> str:
    """Return the SVG text of one log-log chart; ``series`` maps a legend label to (x, y) points."""
    points = [point for values in series.values() for point in values]
    first_label = next(iter(series))
    x0, y0 = min(series[first_label])
    largest_x = max(x for x, _y in points)
    x_ticks = _decades(min(x for x, _y in points), largest_x)
    reference_top = y0 * largest_x / x0
    y_ticks = _decades(min(y for _x, y in points), max(max(y for _x, y in points), reference_top))
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

    def place(x: float, y: float) -> Tuple[float, float]:
        across = (math.log10(x) - math.log10(x_ticks[0])) / (math.log10(x_ticks[-1]) - math.log10(x_ticks[0]))
        up = (math.log10(y) - math.log10(y_ticks[0])) / (math.log10(y_ticks[-1]) - math.log10(y_ticks[0]))
        return MARGIN_LEFT + across * plot_width, MARGIN_TOP + (1 - up) * plot_height

    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
        'font-family="sans-serif" font-size="12">' % (WIDTH, HEIGHT, WIDTH, HEIGHT),
        '<rect width="100%" height="100%" fill="white"/>',
        '<text x="%d" y="22" font-size="14">%s</text>' % (MARGIN_LEFT, _escape(title)),
    ]
    for tick in x_ticks:
        x, _y = place(tick, y_ticks[0])
        parts.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>' % (x, MARGIN_TOP, x, HEIGHT - MARGIN_BOTTOM))
        parts.append('<text x="%.1f" y="%d" text-anchor="middle">%g</text>' % (x, HEIGHT - MARGIN_BOTTOM + 16, tick))
    for tick in y_ticks:
        _x, y = place(x_ticks[0], tick)
        parts.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>' % (MARGIN_LEFT, y, WIDTH - MARGIN_RIGHT, y))
        parts.append('<text x="%d" y="%.1f" text-anchor="end">%g</text>' % (MARGIN_LEFT - 6, y + 4, tick))
    parts.append('<text x="%d" y="%d" text-anchor="middle">tenants (log scale)</text>' % (MARGIN_LEFT + plot_width // 2, HEIGHT - 12))
    parts.append(
        '<text x="16" y="%d" text-anchor="middle" transform="rotate(-90 16 %d)">%s (log scale)</text>'
        % (MARGIN_TOP + plot_height // 2, MARGIN_TOP + plot_height // 2, _escape(unit))
    )

    start = place(x0, y0)
    end = place(largest_x, reference_top)
    parts.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#888" stroke-dasharray="6 4"/>' % (start + end))
    legend = [("linear reference", "#888", True)]
    for index, (label, values) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        placed = [place(x, y) for x, y in sorted(values)]
        parts.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>'
                     % (colour, " ".join("%.1f,%.1f" % point for point in placed)))
        for x, y in placed:
            parts.append('<circle cx="%.1f" cy="%.1f" r="3.5" fill="%s"/>' % (x, y, colour))
        legend.append((label, colour, False))
    for index, (label, colour, dashed) in enumerate(legend):
        y = MARGIN_TOP + 12 + index * 16
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        parts.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"%s/>'
                     % (MARGIN_LEFT + 10, y, MARGIN_LEFT + 34, y, colour, dash))
        parts.append('<text x="%d" y="%d">%s</text>' % (MARGIN_LEFT + 40, y + 4, _escape(label)))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def write_scale_charts(result: Dict[str, Any], folder: Path) -> List[Path]:
    """Write bench-scale-time.svg and bench-scale-memory.svg into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    by_latency: Dict[int, List[Dict[str, Any]]] = {}
    for point in result["points"]:
        by_latency.setdefault(point["latency_ms"], []).append(point)
    charts = {
        "bench-scale-time.svg": ("Main job wall time against tenants", "seconds", "wall_s"),
        "bench-scale-memory.svg": ("Peak RSS of the largest process against tenants", "MiB", "peak_process_mib"),
    }
    written = []
    for name, (title, unit, key) in charts.items():
        series = {
            "%d ms latency" % latency: [(float(point["tenants"]), float(point[key])) for point in points]
            for latency, points in sorted(by_latency.items())
        }
        path = folder / name
        path.write_text(chart(title, unit, series), encoding="utf-8")
        written.append(path)
    return written
