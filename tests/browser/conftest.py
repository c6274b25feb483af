"""Headless Debian Chromium, driven by Playwright (sync API), for the offline verifier page.

One browser and one page per module: the parity tests call the page's
``window.pontVerify`` hundreds of times through ``page.evaluate``. Playwright's own browser
download is never used (``executable_path`` points at Debian's ``/usr/bin/chromium``), and
Playwright gives every launch a fresh, empty profile directory.

Without Chromium or Playwright the tests are skipped locally and FAIL when ``CI`` is set.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("PONT_CHROMIUM", "/usr/bin/chromium"))
VERIFIER = Path(__file__).resolve().parents[2] / "resources" / "verifier.html"
# The flags this machine needs (see the environment notes): no sandbox as root, no GPU, and
# no background networking, which the closed network here would refuse.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    # Module scope: Playwright's sync API keeps an event loop running in this thread while
    # it is open, and later tests (pyHanko signs PDFs with asyncio.run) need it closed.
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    if not CHROMIUM.exists() and shutil.which(str(CHROMIUM)) is None:
        _unavailable(f"Chromium not found at {CHROMIUM}")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


class PageSession:
    """A loaded verifier page plus every request it made and every dialog it opened."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(viewport={"width": 960, "height": 900},
                                           accept_downloads=True)
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        # Anything that is not the page itself is recorded and refused, never fetched.
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.reload()

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def reload(self) -> None:
        self.page.goto(VERIFIER.as_uri())
        self.page.wait_for_function("() => document.body.dataset.state === 'ready'")

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def session(browser: Any) -> Iterator[PageSession]:
    opened = PageSession(browser)
    try:
        yield opened
    finally:
        opened.close()
