"""Inspection and supervision (issue 8): a grassroots secretary plans a case on their own organization, concludes it
with a finding, and finds it in the overview's progress; PL 8.1 printed from records offers its switch. At desktop and
phone size, with no serious accessibility violation; a member has no inspection pages."""

import pytest
from playwright.sync_api import expect

from conftest import PHONE_VIEWPORT, goto, login, screenshot, submit, text_of
from test_axe import describe, serious_violations
from test_import import run_id


def no_serious(page, where):
    assert not serious_violations(page), [describe(where, v) for v in serious_violations(page)]


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_plan_and_conclude_a_case_and_see_the_progress(new_page, size):
    page = new_page(viewport=PHONE_VIEWPORT, mobile=True) if size == "phone" else new_page()
    login(page, "coso")
    goto(page, "/inspections/cases/new")
    no_serious(page, "/inspections/cases/new")
    title = f"Kiểm tra việc chấp hành Điều lệ số {run_id() % 1000} ({size})"
    own = page.locator("#organization").input_value()
    assert own, "the form starts with the account's own organization"
    page.locator("#title").fill(title)
    page.locator("#actor").select_option("committee")
    page.locator("#kind").select_option("finance")
    page.locator("#plannedStart").fill("1/3/2026")
    page.locator("#plannedEnd").fill("30/4/2026")
    page.locator("#subjectOrganizations").fill(own)
    # Refused: a finance inspection belongs to the commission; the title stays.
    response = submit(page, page.get_by_role("button", name="Lên kế hoạch"))
    assert response.status == 422, response.status
    expect(page.locator(".problems")).to_contain_text("Ủy ban Kiểm tra")
    assert page.locator("#title").input_value() == title
    page.locator("#kind").select_option("regularInspection")
    screenshot(page, f"inspections-01-plan-{size}.png")
    response = submit(page, page.get_by_role("button", name="Lên kế hoạch"))
    assert response.ok, response.status
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator("#case-status")).to_have_text("Chưa tiến hành")
    no_serious(page, "/inspections/cases/:id")

    page.locator("#concludedOn").fill("20/4/2026")
    page.locator("#conclusionNumber").fill("05-TB/ĐU")
    page.locator("#conclusion").fill("Tổ chức đảng có vi phạm trong quản lý tài chính")
    page.locator("#subjects input[type=checkbox]").first.check()
    screenshot(page, f"inspections-02-conclude-{size}.png")
    response = submit(page, page.get_by_role("button", name="Ghi kết luận"))
    assert response.ok, response.status
    expect(page.locator("#case-status")).to_have_text("Đã kết luận")
    expect(page.locator("table.subjects")).to_contain_text("Có vi phạm")
    box = page.locator("table.subjects tbody tr").first.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"] + 1, box

    goto(page, "/inspections?year=2026")
    no_serious(page, "/inspections")
    concluded = page.locator("#progress tbody tr").first.locator("td").nth(3)
    assert int(text_of(concluded).replace(".", "")) >= 1
    screenshot(page, f"inspections-03-overview-{size}.png")


def test_pl81_offers_the_table_from_records(page):
    login(page, "khoi")
    goto(page, "/reports/PL8.1/table?span=2026")
    link = page.locator("#from-records")
    expect(link).to_have_count(1)
    with page.expect_navigation(wait_until="load"):
        link.click()
    expect(page.locator("#source-switch")).to_contain_text("Đang in số liệu tự tính từ hồ sơ")
    expect(page.locator("#records-source")).to_have_count(1)
    no_serious(page, "/reports/PL8.1/table?source=records")
    screenshot(page, "inspections-04-pl81-records-desktop.png")


def test_a_member_has_no_inspection_pages(page):
    login(page, "dangvien")
    response = goto(page, "/inspections", expect_status=None)
    assert response.status == 403
