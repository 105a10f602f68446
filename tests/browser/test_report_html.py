# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Browser tests of the HTML report in Debian's Chromium, opened from a file:// URL."""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import expect

from ansible_collections.prisma_sase.mt_monitor.tests.fixtures.report_data import (
    CONTROLS,
    FORMULA_NAME,
    HTML_NAME,
    JAVASCRIPT_LINK,
    SCRIPT_TEXT,
    make_results,
)

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "images" / "report-html.png"


def visible_column(page, table_id: str, column: int) -> list[str]:
    return page.locator(f"#{table_id} tbody tr").evaluate_all(
        f"rows => rows.map(row => row.cells[{column}].textContent)")


def row_total(page, table_id: str) -> int:
    return int(page.locator(f"#{table_id}").get_attribute("data-rows"))


def test_report_loads_cleanly(open_report, small_report):
    page, events = open_report(small_report)

    assert row_total(page, "results") == 40 * len(CONTROLS)
    assert row_total(page, "matrix") == 40
    assert page.locator("#results tbody tr").count() == 100
    events.assert_clean(page)


def test_sort_changes_order(open_report, small_report):
    page, events = open_report(small_report)
    before = visible_column(page, "matrix", 1)

    page.locator("#matrix thead button", has_text="Score").click()
    ascending_text = visible_column(page, "matrix", 1)
    page.locator("#matrix thead button", has_text="Score").click()
    descending_text = visible_column(page, "matrix", 1)
    ascending = [float(value) for value in ascending_text if value != "n/a"]
    descending = [float(value) for value in descending_text if value != "n/a"]

    assert ascending_text != before
    assert ascending == sorted(ascending)
    assert descending == sorted(descending, reverse=True)
    assert page.locator("#matrix th[aria-sort=descending]").count() == 1
    events.assert_clean(page)


def test_sort_results_by_status(open_report, small_report):
    page, events = open_report(small_report)
    before = visible_column(page, "results", 0)

    page.locator("#results thead button", has_text="Status").click()
    statuses = visible_column(page, "results", 6)

    assert visible_column(page, "results", 0) != before
    # Statuses sort worst first: every fail comes before any pass.
    assert statuses[0] == "fail"
    events.assert_clean(page)


def test_status_filter_counts_rows(open_report, small_report):
    page, events = open_report(small_report)
    results = make_results(40, 7)["results"]
    failing = sum(1 for result in results if result["status"] == "fail")

    page.locator('#results select[data-filter="status"]').select_option("fail")

    assert row_total(page, "results") == failing
    assert set(visible_column(page, "results", 6)) == {"fail"}
    page.locator('#results select[data-filter="status"]').select_option("")
    assert row_total(page, "results") == len(results)
    events.assert_clean(page)


def test_text_filter_counts_rows(open_report, small_report):
    page, events = open_report(small_report)

    page.locator("#results input[type=search]").fill("Tenant 00007")
    expect(page.locator("#results")).to_have_attribute("data-rows", str(len(CONTROLS)))

    assert set(visible_column(page, "results", 0)) == {"Tenant 00007"}
    events.assert_clean(page)


def test_drilldown_shows_tenant(open_report, small_report):
    page, events = open_report(small_report)

    page.locator("#matrix button.tenant-link", has_text="Tenant 00003").click()
    detail = page.locator("#tenant-detail")

    assert page.locator("#drilldown").is_visible()
    assert detail.locator("h3").text_content() == "Tenant 00003"
    assert detail.locator("table.drill tbody tr").count() == len(CONTROLS)
    assert "Bring utilization_percentage back within the threshold" in detail.text_content()
    assert "utilization_percentage = " in detail.text_content()
    events.assert_clean(page)


def test_hostile_values_stay_text(open_report, hostile_report):
    page, events = open_report(hostile_report)

    assert page.locator("#matrix button.tenant-link", has_text=HTML_NAME).count() == 1
    page.locator("#matrix button.tenant-link", has_text=HTML_NAME).click()
    assert page.locator("#tenant-detail h3").text_content() == HTML_NAME

    # The fixture gives the first tenant's rows and results the script text and the link.
    page.locator("#matrix button.tenant-link", has_text=FORMULA_NAME).click()
    for block in page.locator("#tenant-detail details").all():
        block.locator("summary").click()
    detail_text = page.locator("#tenant-detail").text_content()

    assert page.locator("#tenant-detail h3").text_content() == FORMULA_NAME
    assert SCRIPT_TEXT in detail_text
    assert JAVASCRIPT_LINK in detail_text
    assert page.locator("a[href^='javascript' i]").count() == 0
    assert page.locator("#tenant-detail a[href='https://example.com/path']").count() == 0
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 2
    events.assert_clean(page)


def test_safe_link_rendered(open_report, small_report):
    page, events = open_report(small_report)

    page.locator("#matrix button.tenant-link").nth(0).click()
    for block in page.locator("#tenant-detail details").all():
        block.locator("summary").click()

    assert page.locator("#tenant-detail a[href='https://example.com/path']").count() == 1
    events.assert_clean(page)


def test_large_report_usable(open_report, large_report):
    started = time.perf_counter()
    page, events = open_report(large_report)
    loaded = time.perf_counter() - started

    total = row_total(page, "results")
    started = time.perf_counter()
    page.locator("#results thead button", has_text="Tenant").click()
    sorted_in = time.perf_counter() - started
    started = time.perf_counter()
    page.locator('#results select[data-filter="status"]').select_option("fail")
    filtered_in = time.perf_counter() - started

    in_page_ms = page.locator("#results").get_attribute("data-last-update-ms")
    print(f"\n5,000 tenants x 18 controls ({large_report.stat().st_size / 1e6:.1f} MB): "
          f"load {loaded:.2f} s, sort {sorted_in:.2f} s, filter {filtered_in:.2f} s "
          f"(last filter {in_page_ms} ms inside the page)")
    assert total == 5000 * 18
    assert row_total(page, "results") < total
    assert page.locator("#results tbody tr").count() == 100
    assert page.locator("tbody tr").count() < 1000
    events.assert_clean(page)


def test_delta_filter(open_report, delta_report):
    page, events = open_report(delta_report)
    total = row_total(page, "delta")

    page.locator('#delta select[data-filter="change"]').select_option("newly failing")

    assert total > 0
    assert 0 < row_total(page, "delta") < total
    assert set(visible_column(page, "delta", 0)) == {"newly failing"}
    events.assert_clean(page)


def test_screenshot_for_readme(open_report, delta_report):
    page, events = open_report(delta_report, width=1280, height=1500)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))

    assert SCREENSHOT.stat().st_size > 10_000
    events.assert_clean(page)


def test_guard_detects_leaks(open_report, tmp_path):
    # A page without the report's protections must trip every check that the tests rely on.
    leaky = tmp_path / "leaky.html"
    leaky.write_text(
        '<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/pixel.png">'
        "<script>alert(1); console.error('broken');</script>"
        '<script>document.body.setAttribute("data-ready", "true");</script></body></html>',
        encoding="utf-8",
    )
    _page, events = open_report(leaky)

    assert events.blocked == ["http://127.0.0.1:9/pixel.png"]
    assert events.dialogs == ["alert: 1"]
    assert "broken" in events.console_errors


def test_print_expands_everything(open_report, small_report, tmp_path):
    page, events = open_report(small_report)
    page.evaluate("document.getElementById('results-section').open = false")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")

    assert page.locator("details.section:not([open]):not([hidden])").count() == 0
    assert page.locator("#results tbody tr").count() == 40 * len(CONTROLS)
    assert page.locator(".controls").first.is_hidden()
    assert page.locator("input[type=search]").first.is_hidden()

    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("#results tbody tr").count() == 100
    assert page.locator("details#results-section[open]").count() == 0

    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    events.assert_clean(page)
