"""Shared fixtures for DangBo's browser tests (Playwright, sync API).

Run through ``./scripts/test --only browser``, which starts ``dangbo serve --demo``
on a throwaway SQLite database and sets:

  DANGBO_URL      base URL of the running server, e.g. http://127.0.0.1:41234
  SCREENSHOT_DIR  folder for PNG screenshots (default: ./screenshots)
  CHROMIUM_PATH   optional; defaults to Debian's /usr/lib/chromium/chromium

Helpers for tests (import them: ``from conftest import login, screenshot``):

  screenshot(page, "name.png")             -> pathlib.Path of the saved PNG
  login(page, "khoi", DEMO_PASSWORD)       -> submits the /login form
  goto(page, "/path", expect_status=200)   -> Response (asserts the status unless None)
  submit(page, button)                     -> clicks, waits for the next page, returns its Response
  logout(page), search_members(page, q) -> #result-count, text_of(locator) (NFC), fold(text) (no
  diacritics), vn_int("7.348") -> 7348, horizontal_overflow(page), overflowing_elements(page),

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


# ---------------------------------------------------------------- more helpers
# (added for the feature tests: test_login, test_tree, test_members, test_import, test_audit)

import unicodedata  # noqa: E402
from urllib.parse import urlparse  # noqa: E402

PHONE_OVERFLOW_TOLERANCE = 2  # px of horizontal scroll we accept at phone width


def nfc(text: str) -> str:
    """Unicode NFC, so Vietnamese text compares equal however it was composed."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case, diacritics removed (đ -> d): what a user types without Vietnamese input."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def text_of(locator) -> str:
    """inner_text of a locator (or a Page's body), NFC-normalised and stripped."""
    if isinstance(locator, Page):
        locator = locator.locator("body")
    return nfc(locator.inner_text()).strip()


def vn_int(text: str) -> int:
    """Parses a Vietnamese-formatted integer such as "7.348" (dot = thousands separator)."""
    digits = re.sub(r"[^0-9]", "", text)
    assert digits, f"not a number: {text!r}"
    return int(digits)


def goto(page: Page, path: str, expect_status: int | None = 200):
    """page.goto(path) and (unless expect_status is None) assert the HTTP status; returns the Response."""
    response = page.goto(path if path.startswith("http") else _base_url() + path)
    assert response is not None, f"no response for {path}"
    if expect_status is not None:
        assert response.status == expect_status, f"GET {path} -> {response.status}, expected {expect_status}"
    return response


def submit(page: Page, button):
    """Clicks a submit button and waits for the resulting page; returns its Response (status can be 4xx)."""
    with page.expect_navigation(wait_until="load") as nav:
        button.click()
    return nav.value


def logout(page: Page):
    """Clicks the header's "Đăng xuất" button; returns the Response of the page it lands on."""
    return submit(page, page.locator("form[action='/logout'] button[type=submit]"))


def horizontal_overflow(page: Page) -> int:
    """How many CSS px the document is wider than the viewport (0 = no horizontal scroll)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def overflowing_elements(page: Page, limit: int = 8) -> list[str]:
    """Describes elements whose right edge passes the viewport: helps say *what* overflows."""
    return page.evaluate(
        """(limit) => {
            const w = document.documentElement.clientWidth, out = [];
            for (const el of document.querySelectorAll('body *')) {
                const r = el.getBoundingClientRect();
                if (r.width > 0 && r.right > w + 1) {
                    let inScroller = false;
                    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                        const s = getComputedStyle(p);
                        if (/(auto|scroll|hidden)/.test(s.overflowX)) { inScroller = true; break; }
                    }
                    if (!inScroller) out.push(`${el.tagName.toLowerCase()}.${el.className || ''} right=${Math.round(r.right)}`);
                    if (out.length >= limit) break;
                }
            }
            return out;
        }""",
        limit,
    )


def search_members(page: Page, query: str) -> int:
    """Uses the /members search form like a user; returns the number in #result-count."""
    if urlparse(page.url).path != "/members":
        goto(page, "/members")
    form = page.locator("form[role=search]")
    form.locator("input[name=q]").fill(query)
    submit(page, form.locator("button[type=submit]"))
    return vn_int(page.locator("#result-count").inner_text())


