# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""HTML at scale: the 5,000-tenant report of the scale scenario in headless Chromium.

The browser is Debian's /usr/bin/chromium, launched by Playwright with the flags of the browser
tests; Playwright downloads no browser. Every run opens the report in a fresh browser context,
so nothing is cached between runs. Requests other than the report file are aborted.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import time
from pathlib import Path
from typing import Any, Dict, List

from ansible_collections.prisma_sase.mt_monitor.bench._harness import REPO_ROOT
from ansible_collections.prisma_sase.mt_monitor.bench._measure import median
from ansible_collections.prisma_sase.mt_monitor.bench.scale import output_dir
from ansible_collections.prisma_sase.mt_monitor.tests.browser.chromium import (
    CHROMIUM,
    CHROMIUM_ARGS,
)

TENANTS = 5000
LATENCY_MS = 0

SIZE_TARGET_MB = 15.0
RENDER_TARGET_S = 3.0
ACTION_TARGET_S = 1.0


def _open(browser: Any, report: Path) -> Dict[str, Any]:
    """Time opening the report, sorting and filtering the results, and opening one tenant's details."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    report_url = report.as_uri()
    blocked: List[str] = []
    errors: List[str] = []

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url == report_url or url.startswith("data:"):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    try:
        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))

        started = time.perf_counter()
        page.goto(report_url)
        page.wait_for_selector("body[data-ready=true]", timeout=120_000)
        render_s = time.perf_counter() - started
        paint = page.evaluate(
            "(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: null}).startTime"
        )
        total_rows = int(page.locator("#results").get_attribute("data-rows"))

        started = time.perf_counter()
        page.locator("#results thead button", has_text="Tenant").click()
        page.wait_for_selector("#results th[aria-sort]", timeout=60_000)
        sort_s = time.perf_counter() - started

        started = time.perf_counter()
        page.locator('#results select[data-filter="status"]').select_option("fail")
        page.wait_for_function(
            "total => Number(document.querySelector('#results').dataset.rows) < total", arg=total_rows, timeout=60_000
        )
        filter_s = time.perf_counter() - started
        filtered_rows = int(page.locator("#results").get_attribute("data-rows"))
        in_page_ms = page.locator("#results").get_attribute("data-last-update-ms")

        # The first drill-down also decodes the dataset rows of every operation.
        started = time.perf_counter()
        page.locator("#matrix tbody button.tenant-link").first.click()
        page.wait_for_selector("#tenant-detail[data-tenant]", timeout=60_000)
        drilldown_s = time.perf_counter() - started
    finally:
        context.close()

    if blocked or errors:
        raise RuntimeError("the report made requests %s or raised errors %s" % (blocked, errors))
    return {
        "render_s": render_s,
        "first_contentful_paint_ms": paint,
        "sort_s": sort_s,
        "filter_s": filter_s,
        "filter_in_page_ms": float(in_page_ms) if in_page_ms else None,
        "drilldown_s": drilldown_s,
        "rows": total_rows,
        "filtered_rows": filtered_rows,
    }


def run(repeat: int) -> Dict[str, Any]:
    """Measure the stored 5,000-tenant report ``repeat`` times; the scale scenario writes it."""
    from playwright.sync_api import sync_playwright  # Only this scenario needs Playwright.

    report = output_dir(TENANTS, LATENCY_MS) / "compliance-latest.html"
    if not report.is_file():
        raise RuntimeError("%s is missing: run the scale scenario first (BENCH_SCENARIOS=scale,html)" % report)
    if not os.access(CHROMIUM, os.X_OK):
        raise RuntimeError("%s is missing: install Debian's package with `apt-get install -y chromium`" % CHROMIUM)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            runs = [_open(browser, report) for _repetition in range(repeat)]
        finally:
            browser.close()

    return {
        "scenario": "html",
        "tenants": TENANTS,
        "repeat": repeat,
        "report": str(report.relative_to(REPO_ROOT)),
        "size_mb": report.stat().st_size / 1e6,
        "render_s": median([entry["render_s"] for entry in runs]),
        "sort_s": median([entry["sort_s"] for entry in runs]),
        "filter_s": median([entry["filter_s"] for entry in runs]),
        "drilldown_s": median([entry["drilldown_s"] for entry in runs]),
        "rows": runs[-1]["rows"],
        "filtered_rows": runs[-1]["filtered_rows"],
        "runs": runs,
    }
