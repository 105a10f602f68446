# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Chromium, generated reports and a guarded page for the HTML report's browser tests.

The browser is Debian's /usr/bin/chromium (`apt-get install -y chromium`); Playwright never
downloads one. Every page records console errors, page errors, dialogs, CSP violations and
requests, and aborts any request that is not the report file itself or a data: URL.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import pytest
from playwright.sync_api import sync_playwright

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_html import render_html
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_delta import (
    compute_delta,
)
from ansible_collections.prisma_sase.mt_monitor.tests.browser.chromium import (
    CHROMIUM,
    CHROMIUM_ARGS,
)
from ansible_collections.prisma_sase.mt_monitor.tests.browser.wide_report import make_wide_results
from ansible_collections.prisma_sase.mt_monitor.tests.fixtures.report_data import (
    make_dataset,
    make_results,
)

# Runs before the report's own script and records CSP violations, which Chromium reports
# as events on the document.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@dataclass
class PageEvents:
    """What a page did besides loading the report file."""

    report_url: str
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self, page: Any) -> None:
        """Fail when the page made a request, logged an error, opened a dialog or broke the CSP."""
        assert self.blocked == []
        assert [url for url in self.requests if url != self.report_url] == []
        assert self.console_errors == []
        assert self.page_errors == []
        assert self.dialogs == []
        assert page.evaluate("window.__cspViolations") == []


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's package with `apt-get install -y chromium`")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("html-report")


def _write(path: Path, results: dict[str, Any], dataset: dict[str, Any],
           delta: dict[str, Any] | None = None) -> Path:
    render_html(results, dataset, delta, str(path))
    return path


@pytest.fixture(scope="session")
def small_report(report_dir: Path) -> Path:
    return _write(report_dir / "report-40.html", make_results(40, 7), make_dataset(40, 7))


@pytest.fixture(scope="session")
def delta_report(report_dir: Path) -> Path:
    current = make_results(40, 7)
    delta = compute_delta(make_results(40, 3), current)
    return _write(report_dir / "report-delta.html", current, make_dataset(40, 7), delta)


@pytest.fixture(scope="session")
def hostile_report(report_dir: Path) -> Path:
    return _write(report_dir / "report-hostile.html", make_results(40, 7, hostile=True),
                  make_dataset(40, 7, hostile=True))


@pytest.fixture(scope="session")
def large_report(report_dir: Path) -> Path:
    return _write(report_dir / "report-5000.html", make_wide_results(5000, 7, 18), make_dataset(5000, 7))


@pytest.fixture()
def open_report(browser: Any) -> Iterator[Any]:
    """Open a report file in a fresh context and return (page, events)."""
    contexts = []

    def opener(path: Path, width: int = 1280, height: int = 900) -> tuple[Any, PageEvents]:
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        events = PageEvents(report_url=path.as_uri())

        def route(route: Any) -> None:
            url = route.request.url
            if url == events.report_url or url.startswith("data:"):
                route.continue_()
            else:
                events.blocked.append(url)
                route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("request", lambda request: events.requests.append(request.url))
        page.on("console", lambda message: events.console_errors.append(message.text)
                if message.type in ("error", "warning") else None)
        page.on("pageerror", lambda error: events.page_errors.append(str(error)))

        def on_dialog(dialog: Any) -> None:
            events.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(events.report_url)
        page.wait_for_selector("body[data-ready=true]", timeout=60_000)
        return page, events

    yield opener
    for context in contexts:
        context.close()
