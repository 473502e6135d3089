"""What a user can correct comes back on the page they were on (issue 7, item 1): the input kept, a summary at
the top whose items lead to the fields, and each message beside its field; error pages in the site's layout."""

from playwright.sync_api import expect

from conftest import goto, login, screenshot, submit


def test_a_mistyped_date_in_the_tree_filter_comes_back_beside_the_field(page):
    login(page, "khoi")
    goto(page, "/organizations")
    page.locator("#on").fill("31/2/2021")
    response = submit(page, page.get_by_role("button", name="Xem"))
    assert response.status == 422, response.status
    field = page.locator("#on")
    expect(field).to_have_value("31/2/2021")
    expect(field).to_have_attribute("aria-invalid", "true")
    beside = page.locator("#on-problem")
    expect(beside).to_be_visible()
    expect(beside).to_contain_text("31/2/2021")
    assert "on-problem" in (field.get_attribute("aria-describedby") or "")
    # The summary at the top leads to the field.
    link = page.locator(".problems li[data-field=on] a")
    expect(link).to_have_attribute("href", "#on")
    # The tree is still there (today's), with its menu: the user is not stranded.
    expect(page.locator("table.tree")).to_be_visible()
    screenshot(page, "errors-01-tree-date-beside-field.png", full_page=False)


def test_a_member_form_keeps_the_input_and_marks_each_field(page):
    login(page, "coso")
    goto(page, "/members/new")
    page.locator("#fullName").fill("Nguyễn Văn Thử")
    page.locator("#birthDate").fill("30/2/1990")
    response = submit(page, page.get_by_role("button", name="Lưu"))
    assert response.status == 422, response.status
    expect(page.locator("#fullName")).to_have_value("Nguyễn Văn Thử")
    expect(page.locator("#birthDate")).to_have_value("30/2/1990")
    expect(page.locator("#birthDate")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#birthDate-problem")).to_be_visible()
    expect(page.locator(".problems")).to_be_visible()
    screenshot(page, "errors-02-member-form.png", full_page=False)


def test_error_pages_are_in_the_layout_with_a_way_back(page):
    login(page, "coso")
    goto(page, "/members")
    page.evaluate("() => { const a = document.createElement('a'); a.href = '/khong-co-trang-nay'; a.id = 'broken'; a.textContent = 'x'; document.querySelector('main').appendChild(a); }")
    response = submit(page, page.locator("#broken"))
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Không tìm thấy")
    expect(page.locator("nav.nav")).to_have_count(1)
    back = page.get_by_role("link", name="‹ Quay lại trang trước")
    expect(back).to_have_attribute("href", "/members")
    screenshot(page, "errors-03-not-found.png", full_page=False)
