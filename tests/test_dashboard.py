"""report.html in a real headless browser: it loads from a file URL with no console errors and no
network, and the numbers it shows are the JSON reports' numbers.

Drives Debian's Chromium through its ChromeDriver with Selenium (no browser download). `.ci/run`
installs both; without them this test fails rather than skips, so CI cannot pass without running it.
"""

from __future__ import annotations

import re
import shutil
import statistics
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

pytestmark = pytest.mark.kernel

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail("Chromium and ChromeDriver are needed (Debian: apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1200,1600",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def page(browser: webdriver.Chrome, graded_dir: Path) -> webdriver.Chrome:
    browser.get((graded_dir / "report.html").resolve().as_uri())
    return browser


def test_the_page_loads_from_a_file_url_without_console_errors_or_network(page: webdriver.Chrome) -> None:
    assert page.title.endswith("grading dashboard")
    severe = [entry for entry in page.get_log("browser") if entry["level"] == "SEVERE"]
    assert severe == []
    source = page.page_source
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", source)  # nothing fetched from a network
    assert page.execute_script("return performance.getEntriesByType('resource').length") == 0
    for image in page.find_elements(By.TAG_NAME, "img"):  # every picture is embedded and decodes
        assert page.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", image)


def test_the_numbers_shown_are_the_reports_numbers(page: webdriver.Chrome, reports: dict[str, dict[str, Any]]) -> None:
    rows = page.find_elements(By.CSS_SELECTOR, "#submissions tr[data-submission]")
    shown = {row.get_attribute("data-submission"): float(row.get_attribute("data-score") or "nan") for row in rows}
    assert shown == {name: report["score"] for name, report in reports.items()}
    graded = [r for r in reports.values() if r["status"] == "graded"]
    assert page.find_element(By.ID, "graded-count").text == str(len(graded))
    mean = statistics.fmean(r["score"] for r in graded)
    assert float(page.find_element(By.ID, "mean-score").text) == pytest.approx(mean, rel=1e-3)
    for row in page.find_elements(By.CSS_SELECTOR, "#pass-rates tr[data-check]"):
        task, check = (row.get_attribute("data-check") or "").split(".")
        statuses = [
            c["status"] for r in graded for t in r["tasks"] if t["id"] == task for c in t["checks"] if c["id"] == check
        ]
        assert row.get_attribute("data-passed") == str(statuses.count("pass"))
        assert row.get_attribute("data-total") == str(len(statuses))
    counts = Counter(f"{t['id']}.{d}" for r in graded for t in r["tasks"] for d in {d["id"] for d in t["diagnoses"]})
    diagnosed = {
        row.get_attribute("data-diagnosis"): int(row.get_attribute("data-count") or 0)
        for row in page.find_elements(By.CSS_SELECTOR, "#diagnoses tr[data-diagnosis]")
    }
    assert diagnosed == dict(counts) and diagnosed
    review = sum(q["needs_review"] and q["override"] is None for r in graded for q in r["quiz"]["questions"])
    assert page.find_element(By.ID, "review-count").text == str(review)


def test_each_student_has_a_section_with_their_trajectory_over_the_reference(
    page: webdriver.Chrome, reports: dict[str, dict[str, Any]]
) -> None:
    sections = page.find_elements(By.CSS_SELECTOR, "article.student")
    assert len(sections) == len(reports)
    correct = next(s for s in sections if s.find_element(By.TAG_NAME, "h3").text.startswith("correct "))
    images = correct.find_elements(By.CSS_SELECTOR, "img[alt*='descent against the reference']")
    assert len(images) == 1


def test_a_screenshot_is_produced(page: webdriver.Chrome, tmp_path: Path) -> None:
    target = tmp_path / "dashboard.png"
    assert page.save_screenshot(str(target))
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and target.stat().st_size > 20_000
