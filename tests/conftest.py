"""Fixtures shared by the browser and the website tests.

Playwright's synchronous API allows one running instance per process: a second
``sync_playwright().start()`` while the first is alive fails ("using Playwright
Sync API inside the asyncio loop"). Both suites therefore share one Chromium,
started on first use and closed at the end of the run.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))

import lab_harness as lab  # noqa: E402


@pytest.fixture(scope="session")
def shared_chromium():
    """One headless Debian Chromium, driven by Playwright, for the whole run.

    Callers check first that ``/usr/bin/chromium`` exists (and skip or fail).
    """
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = lab.launch_browser(playwright)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()
