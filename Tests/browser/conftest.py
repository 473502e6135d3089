"""Shared fixtures for DangBo's browser tests (Playwright, sync API).

Run through ``./scripts/test --only browser``, which starts ``dangbo serve --demo``
on a throwaway SQLite database and sets:

  DANGBO_URL      base URL of the running server, e.g. http://127.0.0.1:41234
  SCREENSHOT_DIR  folder for PNG screenshots (default: ./screenshots)
  CHROMIUM_PATH   optional; defaults to Debian's /usr/lib/chromium/chromium

Helpers for tests (import them: ``from conftest import login, screenshot``):

  screenshot(page, "name.png")             -> pathlib.Path of the saved PNG
  login(page, "khoi", DEMO_PASSWORD)       -> submits the /login form

Fixtures: ``base_url``, ``browser`` (session), ``page`` (desktop 1280x800),
``phone_page`` (390x844, mobile), ``new_page(viewport=..., mobile=...)`` factory.
A test that fails gets ``FAILED-<test name>.png`` of each of its open pages.
"""

from __future__ import annotations

import os
import pathlib
import re

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/lib/chromium/chromium")

# Demo accounts created by `dangbo serve --demo` (all share one password).
DEMO_PASSWORD = "dangbo2025"
DEMO_USERS = {
    "admin": "administrator",
    "khoi": "bloc office (Đảng ủy Khối)",
    "ubkt": "inspection commission (UBKT)",
    "coso": "grassroots party secretary",
    "dangvien": "party member",
}

DESKTOP_VIEWPORT = {"width": 1280, "height": 800}
PHONE_VIEWPORT = {"width": 390, "height": 844}


def _base_url() -> str:
    url = os.environ.get("DANGBO_URL", "").rstrip("/")
    if not url:
        pytest.fail(
            "DANGBO_URL is not set. Run `./scripts/test --only browser` (it starts the "
            "server), or start `dangbo serve --demo` yourself and export DANGBO_URL."
        )
    return url


def screenshot_dir() -> pathlib.Path:
    d = pathlib.Path(os.environ.get("SCREENSHOT_DIR") or "screenshots").resolve()
    d.mkdir(parents=True, exist_ok=True)
    return d


def screenshot(page: Page, name: str, full_page: bool = True) -> pathlib.Path:
    """Save a PNG of ``page`` as SCREENSHOT_DIR/name(.png) and return its path."""
    if not name.endswith(".png"):
        name += ".png"
    path = screenshot_dir() / name
    page.screenshot(path=str(path), full_page=full_page)
    return path


def login(page: Page, username: str, password: str = DEMO_PASSWORD) -> Page:
    """Open /login, fill username/password and submit; waits for the next page to load."""
    page.goto(_base_url() + "/login")
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation(wait_until="load"):
        form.locator("button[type=submit]").click()
    return page


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def base_url() -> str:
    return _base_url()


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not os.path.exists(CHROMIUM_PATH):
        pytest.fail(f"chromium not found at {CHROMIUM_PATH} (apt-get install chromium)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM_PATH,
            headless=True,
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        try:
            yield b
        finally:
            b.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)


def _failed(request) -> bool:
    rep = getattr(request.node, "rep_call", None)
    return rep is not None and rep.failed


@pytest.fixture
def new_page(browser: Browser, base_url: str, request):
    """Factory: new_page(viewport={...}, mobile=False) -> Page in a fresh context."""
    contexts = []

    def make(viewport: dict | None = None, mobile: bool = False) -> Page:
        ctx = browser.new_context(
            base_url=base_url,
            viewport=viewport or DESKTOP_VIEWPORT,
            is_mobile=mobile,
            has_touch=mobile,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
        )
        ctx.set_default_timeout(15_000)
        contexts.append(ctx)
        return ctx.new_page()

    yield make

    failed = _failed(request)
    for i, ctx in enumerate(contexts):
        if failed:
            safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
            for j, p in enumerate(ctx.pages):
                try:
                    screenshot(p, f"FAILED-{safe}-{i}{j}.png")
                except Exception:  # best effort: never hide the real failure
                    pass
        ctx.close()


@pytest.fixture
def page(new_page) -> Page:
    """Desktop-sized page (1280x800)."""
    return new_page(DESKTOP_VIEWPORT)


@pytest.fixture
def phone_page(new_page) -> Page:
    """Phone-width page (390x844, mobile + touch)."""
    return new_page(PHONE_VIEWPORT, mobile=True)
