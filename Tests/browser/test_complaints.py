"""Denunciations and discipline appeals (issue 8): the inspection commission records a denunciation against a member
from the member's page link, concludes it, and finds it in the registry list at desktop and phone size, with no
serious accessibility violation; a member without the right has no list."""

import pytest
from playwright.sync_api import expect

from conftest import PHONE_VIEWPORT, goto, login, screenshot, submit, text_of
from test_axe import describe, serious_violations
from test_import import run_id


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_record_a_denunciation_conclude_it_and_find_it_in_the_list(new_page, size):
    page = new_page(viewport=PHONE_VIEWPORT, mobile=True) if size == "phone" else new_page()
    login(page, "ubkt")
    goto(page, "/members")
    member_href = page.locator("table.members tbody a").first.get_attribute("href")
    member_id = member_href.rstrip("/").split("/")[-1]
    goto(page, f"/denunciations/new?member={member_id}")
    assert not serious_violations(page), [describe("/denunciations/new", v) for v in serious_violations(page)]
    number = f"{run_id() % 1000}-TB/UBKTĐUK"
    page.locator("#receivedOn").fill("3/4/2023")
    page.locator("#denouncer").fill("Đơn nặc danh")
    page.locator("#content").fill("Vi phạm quy định về những điều đảng viên không được làm")
    screenshot(page, f"complaints-01-form-{size}.png")
    response = submit(page, page.get_by_role("button", name="Ghi đơn tố cáo"))
    assert response.ok, response.status
    expect(page.locator("#complaint-status")).to_have_text("Đang giải quyết")
    detail_path = "/" + page.url.split("/", 3)[3]

    page.locator("#concludedOn").fill("2/5/2023")
    page.locator("#conclusionNumber").fill(number)
    page.locator("#outcome").select_option("partlyFounded")
    page.get_by_label("Có vi phạm").check()
    response = submit(page, page.get_by_role("button", name="Ghi kết luận"))
    assert response.ok, response.status
    expect(page.locator("#complaint-status")).to_have_text("Đã giải quyết")
    expect(page.locator("#complaint-outcome")).to_contain_text("Tố đúng một phần, ngày 2/5/2023")
    expect(page.locator("#complaint-outcome")).to_contain_text(number)
    assert not serious_violations(page), [describe(detail_path, v) for v in serious_violations(page)]
    screenshot(page, f"complaints-02-detail-{size}.png")

    goto(page, "/denunciations?status=resolved")
    assert not serious_violations(page), [describe("/denunciations", v) for v in serious_violations(page)]
    row = page.locator("table.complaints tbody tr", has=page.locator(f"a[href='{detail_path}']"))
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Tố đúng một phần")
    box = row.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"] + 1, box
    screenshot(page, f"complaints-03-list-{size}.png")


def test_a_member_has_no_denunciation_list(page):
    login(page, "dangvien")
    for path in ["/denunciations", "/appeals"]:
        response = goto(page, path, expect_status=None)
        assert response.status == 403, path
        assert "Không có quyền" in text_of(page.locator("h1"))
