"""The HTML report in a real browser: headless Chromium (Debian packages chromium, chromium-driver).

Opens the report from a file, takes a screenshot, checks the rendered DOM (table rows,
highlights, story diff, the report's script ran under its CSP, injected markup stayed text),
drives the table sort through chromedriver, and checks in Chromium's net log that the page
requested nothing beyond file:// and data:. Skips when chromium is not installed; CI installs it.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.test_report import Node, innermost_marks, parse, rows_with_one_not_judged, spun_pair

CHROMIUM = next((p for p in (shutil.which("chromium"), "/usr/bin/chromium") if p and os.path.exists(p)), None)
CHROMEDRIVER = next((p for p in (shutil.which("chromedriver"), "/usr/bin/chromedriver") if p and os.path.exists(p)),
                    None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian package chromium)")

# No network at all: background services off, and every host name resolves to nothing.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--no-first-run", "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND"]
WINDOW = (1280, 2200)
XSS = ("Officials said <script>alert(1)</script> was posted <img src=x onerror=alert(2)> on the site.\n\n"
       "The monitor said it could not independently verify the report.\n")


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120, check=False)


@contextmanager
def driven(profile: Path) -> Iterator[Any]:
    """A chromedriver session on headless Chromium with FLAGS; skips without selenium or chromedriver."""
    webdriver = pytest.importorskip("selenium.webdriver")
    if CHROMEDRIVER is None:
        pytest.skip("chromedriver is not installed (Debian package chromium-driver)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    # An explicit driver path: selenium never looks one up on the network.
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> tuple[Path, list[dict[str, object]]]:
    from analyzer import api
    from analyzer.report import render_report
    from analyzer.trust import rank_sources

    folder = tmp_path_factory.mktemp("browser")
    inputs = folder / "inputs"
    inputs.mkdir()
    (inputs / "xss.txt").write_text(XSS, encoding="utf-8")
    flagged = api.flag_paths([seeds_dir, inputs])
    rows = rank_sources(flagged.articles, {f.id for f in flagged.flags})
    # A constructed spun copy beside its original, so the story diff is always on the page.
    orig, spun, pair = spun_pair()
    flagged.articles += [orig, spun]
    flagged.stories += pair.stories
    flagged.flags += pair.flags
    path = folder / "report.html"
    path.write_text(render_report(flagged.articles, flagged, rows), encoding="utf-8")
    return path, rows


def test_screenshot(report: tuple[Path, list[dict[str, object]]], tmp_path: Path) -> None:
    path, _ = report
    shot = tmp_path / "report.png"
    result = chromium(tmp_path / "profile", f"--window-size={WINDOW[0]},{WINDOW[1]}", f"--screenshot={shot}",
                      path.as_uri())
    assert shot.exists(), result.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == WINDOW
    assert len(data) > 50_000  # a rendered page, not a blank one


@pytest.fixture(scope="module")
def rendered(report: tuple[Path, list[dict[str, object]]], tmp_path_factory: pytest.TempPathFactory
             ) -> tuple[Node, Path, str]:
    """The DOM after the page loaded and its script ran, and the net log of that visit."""
    path, _ = report
    folder = tmp_path_factory.mktemp("dom")
    netlog = folder / "netlog.json"
    result = chromium(folder / "profile", f"--log-net-log={netlog}", "--dump-dom", path.as_uri())
    assert result.returncode == 0 and "<body" in result.stdout, result.stderr[-2000:]
    return parse(result.stdout), netlog, path.read_text(encoding="utf-8")


def test_dom_has_rows_and_highlights(rendered: tuple[Node, Path, str],
                                     report: tuple[Path, list[dict[str, object]]]) -> None:
    root, _, source = rendered
    _, rows = report
    (body,) = root.find_all("body")
    assert body.attrs.get("data-ready") == "1"  # the inline script ran: its CSP hash is right
    (table,) = [t for t in root.find_all("table") if t.attrs.get("id") == "trust-table"]
    assert [r.attrs["data-source"] for r in table.find_all("tbody")[0].find_all("tr")] == [r["source"] for r in rows]
    marks = innermost_marks(root)
    assert len(marks) == len(innermost_marks(parse(source))) and len(marks) > 50
    signals = {c for m in root.find_all("mark") for c in m.classes() if c.startswith("sig-")}
    assert {"sig-attribution", "sig-hedging", "sig-boilerplate"} <= signals
    (block,) = [d for d in root.find_all("div") if d.attrs.get("data-copy") == "spun"]
    assert any(m.text() == "japanese" and "original: eastern" in m.attrs.get("title", "")
               for m in block.find_all("mark"))


def test_injected_markup_shows_as_text(rendered: tuple[Node, Path, str]) -> None:
    root, _, _ = rendered
    assert len(root.find_all("script")) == 1  # only the report's own
    assert not root.find_all("img")
    (section,) = [s for s in root.find_all("section") if s.attrs.get("data-id") == "xss"]
    assert "<script>alert(1)</script>" in section.text() and "<img src=x onerror=alert(2)>" in section.text()


def page_requests(netlog: Path) -> list[str]:
    """URLs the page itself asked for (browser-internal requests carry no initiator origin)."""
    log = json.loads(netlog.read_text(encoding="utf-8"))
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    urls = []
    for event in log["events"]:
        params = event.get("params") or {}
        if names.get(event["type"]) == "URL_REQUEST_START_JOB" and "url" in params:
            if params.get("initiator") != "not an origin":
                urls.append(params["url"])
    return urls


def test_no_request_leaves_the_machine(rendered: tuple[Node, Path, str], tmp_path: Path) -> None:
    _, netlog, source = rendered
    assert [u for u in page_requests(netlog) if not u.startswith(("file:", "data:"))] == []
    # The check can fail: a page with remote resources shows up in the same kind of log.
    probe = tmp_path / "probe.html"
    probe.write_text('<!DOCTYPE html><html><body><img src="https://example.com/x.png">'
                     '<link rel="stylesheet" href="http://cdn.example.org/a.css"></body></html>', encoding="utf-8")
    probe_log = tmp_path / "probe-netlog.json"
    chromium(tmp_path / "profile", f"--log-net-log={probe_log}", "--dump-dom", probe.as_uri())
    assert {"https://example.com/x.png", "http://cdn.example.org/a.css"} <= set(page_requests(probe_log))


def test_table_sorts_on_click(report: tuple[Path, list[dict[str, object]]], tmp_path: Path) -> None:
    path, rows = report
    with driven(tmp_path / "profile") as driver:
        from selenium.webdriver.common.by import By

        driver.set_window_size(*WINDOW)
        driver.get(path.as_uri())
        # The page fits the window: no sideways scrolling on a laptop screen.
        assert driver.execute_script("var d = document.documentElement; return d.scrollWidth <= d.clientWidth")

        def column(index: int) -> list[str]:
            return [r.find_elements(By.TAG_NAME, "td")[index].get_attribute("data-sort") or ""
                    for r in driver.find_elements(By.CSS_SELECTOR, "#trust-table tbody tr")]

        def click(index: int) -> None:
            driver.find_elements(By.CSS_SELECTOR, "#trust-table thead th button")[index].click()

        sources = [str(r["source"]) for r in rows]
        assert column(1) == sources
        click(1)
        assert column(1) == sorted(sources, key=str.casefold)
        click(1)
        assert column(1) == sorted(sources, key=str.casefold, reverse=True)
        click(3)  # trust, numerically
        trust = [float(v) for v in column(3)]
        assert trust == sorted(trust)
        header = driver.find_elements(By.CSS_SELECTOR, "#trust-table thead th")[3]
        assert header.get_attribute("aria-sort") == "ascending"
        # A highlight toggle in the legend hides that signal's colour.
        driver.find_element(By.CSS_SELECTOR, 'input[data-toggle-signal="attribution"]').click()
        assert "hide-attribution" in (driver.find_element(By.TAG_NAME, "body").get_attribute("class") or "")


def test_a_source_not_judged_sorts_last_either_way(tmp_path: Path) -> None:
    # Its trust cell is empty (the run's prior): sorted ascending it had come first (bug hunt 30).
    from analyzer.report import render_report

    path = tmp_path / "report.html"
    path.write_text(render_report([], None, rows_with_one_not_judged()), encoding="utf-8")
    with driven(tmp_path / "profile") as driver:
        from selenium.webdriver.common.by import By

        driver.get(path.as_uri())

        def sources() -> list[str]:
            rows = driver.find_elements(By.CSS_SELECTOR, "#trust-table tbody tr")
            return [r.get_attribute("data-source") or "" for r in rows]

        trust = driver.find_elements(By.CSS_SELECTOR, "#trust-table thead th button")[3]
        trust.click()
        assert sources() == ["Blog", "Wire", "Diario"]
        trust.click()
        assert sources() == ["Wire", "Blog", "Diario"]
