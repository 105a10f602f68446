# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""K12: the HTML report of hostile tenant names and data, opened in Chromium.

The report contains the hostile fixture data plus tenant names in right-to-left script, emoji,
quotes and brackets, and markup names. Each test checks that the page ran none of it and
shows all of it as text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_html import render_html
from ansible_collections.prisma_sase.mt_monitor.tests.fixtures.report_data import (
    HOSTILE_NAMES,
    HTML_NAME,
    JAVASCRIPT_LINK,
    SCRIPT_TEXT,
    VERTICAL_TAB_NAME,
    make_dataset,
    make_results,
    rename_tenants,
)

N_TENANTS = 20

# Names for the tenants after the fixture's hostile ones, in this order.
EXTRA_NAMES = [
    "\u05e9\u05dc\u05d5\u05dd \u202eevil\u202c",
    "\u0645\u0631\u062d\u0628\u0627 \u0627\u0644\u0639\u0627\u0644\u0645",
    "Caf\u00e9 \U0001F600 \U0001F680 \U0001F1E9\U0001F1EA",
    "Quote \"double\" 'single' [brackets] {braces} <angles> & amp",
    SCRIPT_TEXT,
    JAVASCRIPT_LINK,
    '"><svg onload=alert(2)>',
    "<iframe srcdoc='<script>alert(3)</script>'>",
]
ALL_NAMES = HOSTILE_NAMES + EXTRA_NAMES

# The report replaces control characters with U+FFFD, so the page shows that instead.
SHOWN_NAMES = [name.replace("\x0b", "\ufffd") for name in ALL_NAMES]

# Elements that a value could add if it escaped into markup. The report's own charts are
# svg elements labelled by a chart title, so only other svg elements count.
INJECTED_ELEMENTS = (
    "img, iframe, object, embed, a[href^='javascript' i], [srcdoc], "
    "svg:not([aria-labelledby^='chart-'])"
)

FIND_EVENT_HANDLERS = """
() => Array.from(document.querySelectorAll("*")).flatMap(element =>
    Array.from(element.attributes)
        .filter(attribute => attribute.name.toLowerCase().startsWith("on"))
        .map(attribute => element.tagName + " " + attribute.name))
"""


@pytest.fixture(scope="module")
def names_report(report_dir: Path) -> Path:
    results = make_results(N_TENANTS, 7, hostile=True)
    dataset = make_dataset(N_TENANTS, 7, hostile=True)
    extra = {
        tenant["tsg_id"]: name
        for tenant, name in zip(results["tenants"][len(HOSTILE_NAMES):], EXTRA_NAMES)
    }
    rename_tenants(results, extra)
    rename_tenants(dataset, extra)

    path = report_dir / "report-hostile-names.html"
    render_html(results, dataset, None, str(path))
    return path


def tenant_buttons(page: Any) -> list[str]:
    return page.locator("#matrix tbody button.tenant-link").evaluate_all(
        "buttons => buttons.map(button => button.textContent)")


def assert_nothing_injected(page: Any) -> None:
    assert page.locator(INJECTED_ELEMENTS).count() == 0
    assert page.locator("script").count() == 2
    assert page.evaluate(FIND_EVENT_HANDLERS) == []


def test_k12_page_loads_cleanly(open_report, names_report):
    page, events = open_report(names_report)

    assert_nothing_injected(page)
    events.assert_clean(page)


def test_k12_names_shown_as_text(open_report, names_report):
    page, events = open_report(names_report)
    shown = tenant_buttons(page)

    for name in SHOWN_NAMES:
        assert name in shown, repr(name)
    assert VERTICAL_TAB_NAME not in shown
    for name in SHOWN_NAMES:
        button = page.locator("#matrix tbody button.tenant-link").nth(shown.index(name))
        assert button.is_visible(), repr(name)
        box = button.bounding_box()
        assert box is not None
        assert box["width"] > 0
        assert box["height"] > 0
    events.assert_clean(page)


def test_k12_drilldown_of_each_name(open_report, names_report):
    page, events = open_report(names_report)
    shown = tenant_buttons(page)

    for name in SHOWN_NAMES:
        page.locator("#matrix tbody button.tenant-link").nth(shown.index(name)).click()
        for block in page.locator("#tenant-detail details").all():
            block.locator("summary").click()

        assert page.locator("#tenant-detail h3").text_content() == name
        assert_nothing_injected(page)
    events.assert_clean(page)


def test_k12_javascript_link_not_clickable(open_report, names_report):
    page, events = open_report(names_report)

    # The fixture gives the first tenant's urls.summary row the javascript: link.
    page.locator("#matrix tbody button.tenant-link").nth(tenant_buttons(page).index(HOSTILE_NAMES[0])).click()
    for block in page.locator("#tenant-detail details").all():
        block.locator("summary").click()
    link_text = page.locator("#tenant-detail").get_by_text(JAVASCRIPT_LINK, exact=True)

    assert link_text.count() >= 1
    for index in range(link_text.count()):
        assert link_text.nth(index).evaluate("element => element.closest('a')") is None
    link_text.first.click()
    assert page.locator("a[href^='javascript' i]").count() == 0
    assert page.url == events.report_url
    events.assert_clean(page)


def test_k12_filter_on_hostile_text(open_report, names_report):
    page, events = open_report(names_report)

    total = page.locator("#results").get_attribute("data-rows")
    for text in (HTML_NAME, SCRIPT_TEXT, EXTRA_NAMES[6]):
        # The filter runs after a short delay, so each text starts from the whole table and
        # the test waits until the table shows the filtered rows.
        page.locator("#results input[type=search]").fill("")
        expect(page.locator("#results")).to_have_attribute("data-rows", total)
        page.locator("#results input[type=search]").fill(text)
        expect(page.locator("#results")).to_have_attribute("data-rows", re.compile(r"^([1-9]|1[0-2])$"))
        cells = page.locator("#results tbody tr").evaluate_all("rows => rows.map(row => row.cells[0].textContent)")

        # The first tenant's messages also contain SCRIPT_TEXT, so its rows may match too.
        assert text in cells
        assert set(cells) <= {text, HOSTILE_NAMES[0]}
        assert int(page.locator("#results").get_attribute("data-rows")) == len(cells)
        assert_nothing_injected(page)
    page.locator("#matrix thead button", has_text="Tenant").click()
    assert_nothing_injected(page)
    events.assert_clean(page)
