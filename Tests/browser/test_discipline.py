"""Discipline decisions (issue 8, first part): the inspection commission records one from a member's page; the
member's page and the registry list show it to those allowed, at desktop and phone size, with no serious
accessibility violation; a member without the right has no list."""

import pytest
from playwright.sync_api import expect

from conftest import PHONE_VIEWPORT, goto, login, screenshot, submit, text_of
from test_axe import describe, serious_violations
from test_import import run_id


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_record_a_decision_and_find_it_on_the_member_and_in_the_list(new_page, size):
    page = new_page(viewport=PHONE_VIEWPORT, mobile=True) if size == "phone" else new_page()
    login(page, "ubkt")
    goto(page, "/members")
    member_href = page.locator("table.members tbody a").first.get_attribute("href")
    goto(page, member_href + "/discipline/new")
    assert not serious_violations(page), [describe(member_href, v) for v in serious_violations(page)]
    number = f"{run_id() % 1000}-QĐ/UBKTĐUK"
    page.locator("#form").select_option("warning")
    page.locator("#decidedBy").select_option("inspectionCommission")
    page.locator("#decisionDate").fill("3/4/2023")
    page.locator("#number").fill(number)
    page.locator("#reason").fill("Vi phạm quy định về những điều đảng viên không được làm")
    screenshot(page, f"discipline-01-form-{size}.png")
    response = submit(page, page.get_by_role("button", name="Ghi quyết định"))
    assert response.ok, response.status
    section = page.locator("#discipline")
    expect(section).to_contain_text(number)
    expect(section).to_contain_text("Cảnh cáo")
    screenshot(page, f"discipline-02-member-{size}.png", full_page=False)

    goto(page, "/discipline")
    assert not serious_violations(page), [describe("/discipline", v) for v in serious_violations(page)]
    row = page.locator("table.discipline tbody tr", has_text=number)
    expect(row).to_have_count(1)
    box = row.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"] + 1, box
    screenshot(page, f"discipline-03-list-{size}.png")


def test_a_member_has_no_discipline_list(page):
    login(page, "dangvien")
    response = goto(page, "/discipline", expect_status=None)
    assert response.status == 403
    assert "Không có quyền" in text_of(page.locator("h1"))
