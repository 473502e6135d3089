"""Phone width (390x844): the compact header and its menu, 44px touch targets, and the tables that matter kept
readable — checked by where elements are on the screen (bounding boxes), not only by screenshots."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import PHONE_VIEWPORT, goto, horizontal_overflow, login, overflowing_elements, screenshot, submit

FORM = "PL8.1"
WIDTH = PHONE_VIEWPORT["width"]
HEIGHT = PHONE_VIEWPORT["height"]
MIN_TARGET = 44  # px, the height of anything a finger has to hit
HINT = "Vuốt ngang để xem thêm cột"


def box(locator) -> dict:
    b = locator.bounding_box()
    assert b is not None, f"{locator} is not rendered"
    return b


def assert_inside_viewport(locator, what: str) -> None:
    """The element is rendered and lies inside the 390px-wide screen (no horizontal scrolling needed to see it)."""
    expect(locator).to_be_visible()
    b = box(locator)
    assert b["x"] >= -0.5 and b["x"] + b["width"] <= WIDTH + 0.5, f"{what} is at x={b['x']:.0f}..{b['x'] + b['width']:.0f}"


def small_targets(page, selector: str) -> list[str]:
    """Visible elements matching selector that are less than 44px tall."""
    return page.evaluate(
        """([selector, min]) => Array.from(document.querySelectorAll(selector))
            .filter(el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
                            return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; })
            .filter(el => el.getBoundingClientRect().height < min - 0.5)
            .map(el => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className || ''} "${(el.textContent || el.value || '').trim().slice(0, 30)}" h=${el.getBoundingClientRect().height.toFixed(1)}`)""",
        [selector, MIN_TARGET],
    )


TARGETS = ("button, .button, select, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), "
           ".pager a, .nav a")


def open_reports_link(page, name: str):
    goto(page, "/reports")
    return submit(page, page.locator(f'tr[data-form="{FORM}"] a', has_text=name))


# ---------------------------------------------------------------- header


def test_compact_header_opens_its_menu_with_one_button(phone_page):
    page = phone_page
    login(page, "khoi")
    goto(page, "/members")
    header = page.locator("header.top")
    toggle = page.locator("#menu-toggle")
    nav_links = page.locator(".nav a")
    # Closed: brand and one button, no taller than 64px; the navigation is folded away.
    assert box(header)["height"] <= 64, box(header)
    expect(page.locator(".brand a")).to_be_visible()
    expect(toggle).to_be_visible()
    assert box(toggle)["height"] >= MIN_TARGET and box(toggle)["width"] >= MIN_TARGET, box(toggle)
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav_links.first).to_be_hidden()
    expect(page.locator("form[action='/logout'] button")).to_be_hidden()
    screenshot(page, "phone-header-closed.png", full_page=False)

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert nav_links.count() >= 3
    for i in range(nav_links.count()):
        link = nav_links.nth(i)
        expect(link).to_be_visible()
        b = box(link)
        assert b["height"] >= MIN_TARGET, f"nav link {link.inner_text()!r} is {b['height']:.0f}px tall"
        assert b["x"] >= 0 and b["x"] + b["width"] <= WIDTH
    logout = page.locator("form[action='/logout'] button")
    expect(logout).to_be_visible()
    assert box(logout)["height"] >= MIN_TARGET
    screenshot(page, "phone-header-open.png", full_page=False)

    # The menu's links work, and Escape folds it again.
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav_links.first).to_be_hidden()
    toggle.click()
    submit(page, page.locator(".nav a", has_text="Báo cáo"))
    assert page.url.endswith("/reports"), page.url
    expect(page.locator("#menu-toggle")).to_have_attribute("aria-expanded", "false")


def test_without_javascript_the_navigation_is_shown(browser, base_url):
    ctx = browser.new_context(base_url=base_url, viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True,
                              java_script_enabled=False, locale="vi-VN")
    try:
        page = ctx.new_page()
        login(page, "coso")
        goto(page, "/reports")
        expect(page.locator("#menu-toggle")).to_be_hidden()
        links = page.locator(".nav a")
        assert links.count() >= 3
        for i in range(links.count()):
            expect(links.nth(i)).to_be_visible()
            assert box(links.nth(i))["height"] >= MIN_TARGET
        expect(page.locator("form[action='/logout'] button")).to_be_visible()
        screenshot(page, "phone-header-no-script.png", full_page=False)
    finally:
        ctx.close()


def test_desktop_header_shows_the_navigation_in_one_row(new_page):
    page = new_page({"width": 1366, "height": 768})
    login(page, "admin")
    goto(page, "/organizations")
    expect(page.locator("#menu-toggle")).to_be_hidden()
    links = page.locator(".nav a")
    tops = {round(box(links.nth(i))["y"]) for i in range(links.count())}
    assert len(tops) == 1, f"navigation wraps on desktop: {tops}"
    expect(page.locator(".user-name")).to_be_visible()
    assert box(page.locator("header.top"))["height"] <= 90


# ---------------------------------------------------------------- touch targets


@pytest.mark.parametrize("role,path", [
    ("admin", "/members"), ("admin", "/audit"), ("admin", "/organizations"), ("khoi", "/reports/PL8.1/rate"),
    ("coso", "/members/new"),
])
def test_touch_targets_are_44px_tall(phone_page, role, path):
    page = phone_page
    login(page, role)
    goto(page, path)
    page.locator("#menu-toggle").click()  # the nav links count too
    checked = page.evaluate("(s) => document.querySelectorAll(s).length", TARGETS)
    assert checked >= 3, f"only {checked} targets on {path}"
    assert small_targets(page, TARGETS) == []


def test_pager_links_are_44px_tall(phone_page):
    page = phone_page
    login(page, "admin")
    goto(page, "/members")
    nxt = page.locator(".pager a[rel=next]")
    expect(nxt).to_be_visible()
    assert box(nxt)["height"] >= MIN_TARGET
    submit(page, nxt)
    prev = page.locator(".pager a[rel=prev]")
    expect(prev).to_be_visible()
    assert box(prev)["height"] >= MIN_TARGET


# ---------------------------------------------------------------- the reporting rate


def test_rate_page_shows_the_share_without_scrolling(phone_page):
    page = phone_page
    login(page, "khoi")
    open_reports_link(page, "Tình hình nộp")
    submit(page, page.locator("table.rate-year tbody a").first)  # a past quarter, with reports in it
    assert horizontal_overflow(page) <= 1, overflowing_elements(page)
    year = page.locator("table.rate-year")
    share_header = year.locator("thead th", has_text="Tỷ lệ")
    assert_inside_viewport(share_header, "the Tỷ lệ header")
    first_share = year.locator("tbody tr").first.locator("td.rate-share")
    assert_inside_viewport(first_share, "the first period's Tỷ lệ")
    assert first_share.inner_text().strip().endswith("%"), first_share.inner_text()
    # The year's box does not scroll: every column left is on the screen.
    wrap = page.locator(".table-wrap:has(table.rate-year)")
    assert wrap.evaluate("w => w.scrollWidth - w.clientWidth") <= 1
    expect(page.locator(".scroll-hint").first).to_be_hidden()
    # Each reporter is one card: its name, its outcome and its contact are all on the screen's width.
    card = page.locator("table.rate-lines tbody tr").first
    assert_inside_viewport(card.locator("td").first.locator("a"), "the first reporter's name")
    assert_inside_viewport(card.locator(".badge"), "the first reporter's outcome")
    assert box(card)["width"] <= WIDTH
    screenshot(page, "phone-rate.png", full_page=False)


def test_rate_page_on_desktop_keeps_every_column(new_page):
    page = new_page({"width": 1366, "height": 768})
    login(page, "khoi")
    open_reports_link(page, "Tình hình nộp")
    for name in ["Phải nộp", "Đã nộp", "Đúng hạn", "Trễ", "Trả lại", "Chưa nộp", "Tỷ lệ"]:
        expect(page.locator("table.rate-year thead th", has_text=name).first).to_be_visible()
    expect(page.locator("table.rate-lines thead th").first).to_be_visible()


# ---------------------------------------------------------------- the printed table


def test_printed_table_scrolls_inside_its_box_with_the_stub_columns_kept(phone_page):
    page = phone_page
    login(page, "khoi")
    open_reports_link(page, "Bảng tổng hợp")
    table = page.locator("#printed-table")
    wrap = page.locator(".table-wrap:has(#printed-table)")
    expect(table).to_be_visible()
    # The page itself does not scroll sideways; the table's box does, and says so.
    assert horizontal_overflow(page) <= 1, overflowing_elements(page)
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth"), "the table fits: nothing to test"
    hint = page.locator(".scroll-hint").first
    expect(hint).to_be_visible()
    expect(hint).to_have_text(HINT)
    wrap_box = box(wrap)
    assert wrap_box["x"] <= 0.5 and wrap_box["width"] >= WIDTH - 1, wrap_box  # the table uses the whole width
    stub_no = table.locator("tbody tr").first.locator("td.stub-no")
    label = table.locator("tbody tr").first.locator("td.label")
    numbering = table.locator("thead tr.numbering th")
    first_numeric_header = numbering.nth(2)
    assert_inside_viewport(first_numeric_header, "the first numeric column's header")
    assert_inside_viewport(label, "the row labels")
    # Scroll the box to its right end: the last column is reachable, STT and Nội dung stay where they were.
    before = (box(stub_no)["x"], box(label)["x"])
    wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    assert wrap.evaluate("w => w.scrollLeft") > 50
    assert_inside_viewport(numbering.last, "the last column's header")
    assert abs(box(stub_no)["x"] - before[0]) <= 1 and box(stub_no)["x"] <= 1, (before, box(stub_no))
    assert abs(box(label)["x"] - before[1]) <= 1, (before, box(label))
    assert_inside_viewport(numbering.nth(1), "the Nội dung column's numbering")
    # A scrolled-away numeric cell is under the stub: the first numeric header is now left of the label's right edge.
    assert box(first_numeric_header)["x"] < box(label)["x"] + box(label)["width"]
    screenshot(page, "phone-table-scrolled.png", full_page=False)


def test_printed_table_with_one_stub_column_lines_up(page):
    """A form whose stub is one column (PL 7.4: "Tiêu chí") prints one stub cell per row, under its header."""
    login(page, "khoi")
    goto(page, "/reports/PL7.4/table")
    table = page.locator("#printed-table")
    columns = table.locator("thead tr.numbering th").count()
    rows = table.locator("tbody tr")
    assert rows.count() > 0
    for i in range(rows.count()):
        assert rows.nth(i).locator("td").count() == columns, f"row {i} has a cell too many or too few"


def test_entry_table_keeps_its_labels_when_scrolled(phone_page):
    page = phone_page
    login(page, "coso")
    goto(page, "/reports")
    submit(page, page.locator(f'tr[data-form="{FORM}"]').get_by_role("link", name="Nhập số liệu"))
    wrap = page.locator(".table-wrap:has(table.entry)")
    label = page.locator("table.entry tbody tr").nth(1).locator("td.label")
    assert_inside_viewport(label, "the entry's row label")
    x = box(label)["x"]
    wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    assert abs(box(label)["x"] - x) <= 1
    inputs = page.locator("table.entry input")
    assert inputs.count() > 0
    assert box(inputs.first)["height"] >= MIN_TARGET
    assert horizontal_overflow(page) <= 1, overflowing_elements(page)


# ---------------------------------------------------------------- lists


@pytest.mark.parametrize("role,path,table", [
    ("admin", "/members", "table.members"), ("admin", "/audit", "table.audit"), ("admin", "/organizations", "table.tree"),
    ("khoi", "/reports", "table:has(tr[data-form])"),
])
def test_lists_fit_the_phone_without_a_scrolling_box(phone_page, role, path, table):
    page = phone_page
    login(page, role)
    goto(page, path)
    rows = page.locator(f"{table} tbody tr")
    assert rows.count() > 0
    assert horizontal_overflow(page) <= 1, overflowing_elements(page)
    wrap = page.locator(f".table-wrap:has({table})")
    assert wrap.evaluate("w => w.scrollWidth - w.clientWidth") <= 1, f"{path}: the list scrolls sideways"
    assert_inside_viewport(rows.first.locator("td").first, f"the first row's first cell on {path}")
    assert_inside_viewport(rows.first.locator("td:visible").last, f"the first row's last shown cell on {path}")
    expect(page.locator(".scroll-hint").first).to_be_hidden()
