"""Quality ratings (issue 8): a grassroots secretary opens the year's ratings of their committee from the member
list, follows a cell
from the list of members not yet rated, rates its members on the sheet (a refused row comes back with what was
typed), and sees the shares; PL 7.5 prints from the records. At desktop and phone size, with no serious
accessibility violation; a member has no ratings pages."""

import pytest
from playwright.sync_api import expect

from conftest import PHONE_VIEWPORT, goto, login, screenshot, submit, text_of, vn_int
from test_axe import describe, serious_violations


def no_serious(page, where):
    assert not serious_violations(page), [describe(where, v) for v in serious_violations(page)]


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_rate_a_cell_on_its_sheet(new_page, size):
    page = new_page(viewport=PHONE_VIEWPORT, mobile=True) if size == "phone" else new_page()
    login(page, "coso")
    # From the member list; the demo rates every finished year, and this year is still open, so its members wait.
    goto(page, "/members")
    with page.expect_navigation(wait_until="load"):
        page.locator("#ratings-link").click()
    no_serious(page, "/ratings")
    rated = vn_int(text_of(page.locator("#rating-figures tbody tr").nth(1).locator("td")))
    assert rated > 0, "the demo's last finished year is rated"
    screenshot(page, f"ratings-01-overview-{size}.png")
    year = int(page.locator("#year").input_value()) + 1
    goto(page, f"/ratings?year={year}")
    waiting = page.locator("#unrated li")
    assert waiting.count() > 0
    with page.expect_navigation(wait_until="load"):
        waiting.first.locator("a").nth(1).click()
    rows = page.locator("table.sheet tbody tr")
    assert rows.count() >= 2
    # Phone: the sheet is cards that fit the width.
    box = rows.first.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"] + 2, box
    # Refused: a grade and a reason on the same row; the reason typed stays.
    page.locator("#grade-0").select_option("excellent")
    page.locator("#reason-0").fill("Nghỉ ốm dài ngày")
    page.locator("#grade-1").select_option("good")
    response = submit(page, page.locator("#save-sheet"))
    assert response.status == 422, response.status
    expect(page.locator(".problems")).to_contain_text("Đã xếp loại thì không ghi lý do")
    assert page.locator("#reason-0").input_value() == "Nghỉ ốm dài ngày"
    screenshot(page, f"ratings-02-sheet-refused-{size}.png")
    page.locator("#reason-0").fill("")
    response = submit(page, page.locator("#save-sheet"))
    assert response.ok, response.status
    expect(page.locator(".notice, [role=status]").first).to_contain_text("Đã lưu xếp loại")
    assert page.locator("#grade-0").input_value() == "excellent"
    assert page.locator("#grade-1").input_value() == "good"
    good = text_of(page.locator("#good-share"))
    assert good.startswith("2/2"), good
    no_serious(page, "/ratings?org=…")
    screenshot(page, f"ratings-03-sheet-saved-{size}.png")


def test_pl75_prints_from_the_ratings(page):
    login(page, "khoi")
    goto(page, "/ratings")
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("link", name="Phụ lục 7.5 từ hồ sơ").click()
    expect(page.locator("#source-switch")).to_contain_text("Đang in số liệu tự tính từ hồ sơ")
    no_serious(page, "/reports/PL7.5/table?source=records")
    screenshot(page, "ratings-04-pl75-records-desktop.png")


def test_a_member_has_no_ratings_pages(page):
    login(page, "dangvien")
    response = goto(page, "/ratings", expect_status=None)
    assert response.status == 403
