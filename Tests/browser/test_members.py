"""Members: diacritic-insensitive search, the profile, editing (saved and refused), and who may see whom."""

import re
from urllib.parse import urlparse

from playwright.sync_api import expect

from conftest import (PHONE_OVERFLOW_TOLERANCE, PHONE_VIEWPORT, fold, goto, login, screenshot, search_members, submit,
                      text_of, vn_int)

VINH = "Nguyễn Thị Vinh"
UUID_PATH = re.compile(r"^/members/[0-9A-Fa-f-]{36}$")


def facts(page) -> dict[str, str]:
    """The profile's <dl class=facts> as {label: value}."""
    labels = [text_of(dt) for dt in page.locator("dl.facts dt").all()]
    values = [text_of(dd) for dd in page.locator("dl.facts dd").all()]
    return dict(zip(labels, values))


def open_first_vinh(page) -> str:
    """Searches for Nguyễn Thị Vinh, opens the first one; returns the profile path /members/{id}."""
    assert search_members(page, "nguyen thi vinh") >= 1
    submit(page, page.locator("table.members tbody a", has_text=VINH).first)
    path = urlparse(page.url).path
    assert UUID_PATH.match(path), page.url
    return path


def member_outside_coso(new_page) -> tuple[str, str]:
    """As admin: (profile path, card number) of a member of a grassroots organization other than Đảng bộ Sở Y tế."""
    admin = new_page()
    login(admin, "admin")
    goto(admin, "/organizations")
    other = admin.locator("table.tree tbody tr.depth-1:not([data-code^='DB-SYT'])").first
    submit(admin, other.locator("a.name"))
    submit(admin, admin.get_by_role("link", name="Danh sách đảng viên"))
    row = admin.locator("table.members tbody tr").first
    href = row.locator("a").first.get_attribute("href")
    card = text_of(row.locator("td").nth(5))
    assert href and UUID_PATH.match(href), href
    assert card.isdigit(), card
    assert search_members(admin, card) == 1  # the card number finds exactly this member (for admin)
    admin.context.close()
    return href, card


def test_search_ignores_diacritics_and_case(page):
    login(page, "admin")
    goto(page, "/members")
    expect(page.locator(".pager a[rel=next]")).to_be_visible()  # thousands of members: more than one page
    count = search_members(page, "nguyen thi vinh")
    screenshot(page, "members-01-search-nguyen-thi-vinh.png")
    assert count >= 1
    expect(page.locator("input[name=q]")).to_have_value("nguyen thi vinh")
    names = [text_of(a) for a in page.locator("table.members tbody td:first-child > a").all()]
    assert VINH in names, names
    assert all("nguyen thi vinh" in fold(n) for n in names), names

    assert search_members(page, "NGUYEN THI VINH") == count
    screenshot(page, "members-02-search-upper-case.png", full_page=False)
    expect(page.locator("table.members tbody a", has_text=VINH).first).to_be_visible()
    # Typed with the diacritics, the same people.
    assert search_members(page, VINH) == count


def test_member_profile_and_edit(page):
    login(page, "admin")
    path = open_first_vinh(page)
    screenshot(page, "members-03-profile.png")
    expect(page.locator("h1")).to_have_text(VINH)
    before = facts(page)
    for label in ("Giới tính", "Ngày sinh", "Dân tộc", "Số thẻ đảng viên", "Chức vụ", "Trạng thái", "Chi bộ"):
        assert label in before, before
    expect(page.locator("details summary", has_text="Chuyển sinh hoạt")).to_be_visible()
    expect(page.locator("details summary", has_text="Xóa hồ sơ")).to_be_visible()

    edit = page.get_by_role("link", name="Sửa hồ sơ")
    expect(edit).to_have_attribute("href", f"{path}/edit")
    submit(page, edit)
    screenshot(page, "members-04-edit-form.png")
    form = page.locator("form.form")
    ethnicity = form.locator("input[name=ethnicity]")
    expect(form.locator("input[name=fullName]")).to_have_value(VINH)
    new_ethnicity = "Tày" if ethnicity.input_value() != "Tày" else "Nùng"
    ethnicity.fill(new_ethnicity)
    # Also toggle a position (checkbox), so both a text field and a list change.
    position = form.locator("input[name='positions[]']").first
    position_label = text_of(form.locator("label:has(input[name='positions[]'])").first)
    had_position = position.is_checked()
    position.set_checked(not had_position)

    response = submit(page, form.get_by_role("button", name="Lưu"))
    assert response.ok
    assert urlparse(page.url).path == path
    screenshot(page, "members-05-saved.png")
    expect(page.locator(".notice")).to_contain_text(f"Đã lưu hồ sơ {VINH}")
    after = facts(page)
    assert after["Dân tộc"] == new_ethnicity
    assert (position_label in after["Chức vụ"]) == (not had_position), (position_label, after["Chức vụ"])
    unchanged = {k: v for k, v in before.items() if k not in ("Dân tộc", "Chức vụ")}
    assert {k: after.get(k) for k in unchanged} == unchanged


def test_bad_birth_date_is_refused_with_a_message(page):
    login(page, "admin")
    path = open_first_vinh(page)
    birth_before = facts(page)["Ngày sinh"]
    goto(page, f"{path}/edit")
    form = page.locator("form.form")
    form.locator("input[name=birthDate]").fill("31/2/1980")
    response = submit(page, form.get_by_role("button", name="Lưu"))
    screenshot(page, "members-06-bad-birth-date.png")
    assert response.status == 422
    problem = page.locator(".problems li[data-field=birthDate]")
    expect(problem).to_be_visible()
    message = text_of(problem)
    assert "31/2/1980" in message or "Ngày sinh" in message, message
    assert re.search(r"[ạảãàáâậầấẩẫăắằặẳẵệếềểễịỉĩọỏõòóôộồốổỗơợờớởỡụủũưựừứửữỳỵỷỹýđ]", message.lower()), message
    # Shown above the form, and the form keeps what was typed.
    box, form_box = page.locator(".problems").bounding_box(), page.locator("form.form").bounding_box()
    assert box["y"] + box["height"] <= form_box["y"] + 1
    expect(page.locator("input[name=birthDate]")).to_have_value("31/2/1980")
    expect(page.locator("input[name=fullName]")).to_have_value(VINH)
    # Nothing was saved.
    goto(page, path)
    assert facts(page)["Ngày sinh"] == birth_before


def test_coso_cannot_open_a_member_outside_its_committee(new_page):
    outside, card = member_outside_coso(new_page)
    page = new_page()
    login(page, "coso")
    # Inside its own committee it can open profiles...
    goto(page, "/members")
    inside = page.locator("table.members tbody a").first.get_attribute("href")
    goto(page, inside)
    expect(page.locator("dl.facts")).to_be_visible()
    # ...outside it, the member does not exist for coso.
    response = goto(page, outside, expect_status=None)
    screenshot(page, "members-07-coso-outside-404.png")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Không tìm thấy")
    expect(page.locator("dl.facts")).to_have_count(0)
    assert goto(page, outside + "/edit", expect_status=None).status in (403, 404)
    # Nor can it find them by card number.
    assert search_members(page, card) == 0
    expect(page.locator("table.members tbody tr")).to_have_count(0)


def test_member_account_sees_only_its_own_profile(new_page):
    other, _ = member_outside_coso(new_page)
    page = new_page()
    login(page, "dangvien")
    own = urlparse(page.url).path
    assert UUID_PATH.match(own), page.url
    screenshot(page, "members-08-dangvien-own-profile.png")
    expect(page.locator("h1")).not_to_be_empty()
    expect(page.locator("dl.facts")).to_be_visible()
    expect(page.get_by_role("link", name="Sửa hồ sơ")).to_have_count(0)
    expect(page.locator("details")).to_have_count(0)
    nav = [text_of(a) for a in page.locator(".nav a").all()]
    assert nav == ["Hồ sơ của tôi"], nav

    response = goto(page, "/members", expect_status=None)
    screenshot(page, "members-09-dangvien-list-forbidden.png", full_page=False)
    assert response.status in (403, 404)
    expect(page.locator("table.members")).to_have_count(0)
    assert goto(page, "/organizations", expect_status=None).status in (403, 404)
    if other != own:
        assert goto(page, other, expect_status=None).status in (403, 404)


def member_names(page) -> list[str]:
    return [text_of(a) for a in page.locator("table.members tbody td:first-child > a").all()]


def member_links(page) -> list[str]:
    return page.locator("table.members tbody td:first-child > a").evaluate_all("as => as.map(a => a.getAttribute('href'))")


def test_pages_follow_the_list_with_a_cursor(page):
    login(page, "admin")
    goto(page, "/members")
    count = text_of(page.locator("#result-count"))
    assert vn_int(count) > 7000, count  # the demo bloc: written the Vietnamese way, "7.3xx"
    assert "." in count, count
    first = member_links(page)
    assert len(first) == 50
    expect(page.locator(".pager a[rel=prev]")).to_have_count(0)
    submit(page, page.locator(".pager a[rel=next]"))
    assert "after=" in page.url and "page=" not in page.url, page.url
    second = member_links(page)
    assert len(second) == 50 and not set(second) & set(first), (first[-3:], second[:3])
    screenshot(page, "members-10-second-page.png", full_page=False)
    submit(page, page.locator(".pager a[rel=prev]"))
    assert "before=" in page.url, page.url
    assert member_links(page) == first
    expect(page.locator(".pager a[rel=prev]")).to_have_count(0)

    # A cursor edited by hand is refused with a message, the search kept.
    goto(page, "/members?q=nguyen&after=abc", expect_status=422)
    screenshot(page, "members-11-bad-cursor.png", full_page=False)
    expect(page.locator(".problems")).to_contain_text("Liên kết chuyển trang không hợp lệ")
    expect(page.locator("input[name=q]")).to_have_value("nguyen")
    submit(page, page.locator("#first-page"))
    assert member_names(page)


def test_the_cell_picker_searches_as_you_type(new_page):
    page = new_page(PHONE_VIEWPORT, mobile=True)
    login(page, "coso")
    goto(page, "/members/new")
    field = page.locator("input#organizationID")
    expect(page.locator("select#organizationID")).to_have_count(0)  # no list of the whole tree
    field.click()
    field.press_sequentially("van phong", delay=30)  # typed without diacritics
    options = page.locator("#organizationID-suggestions li[role=option]")
    expect(options.first).to_be_visible()
    screenshot(page, "members-12-cell-picker-phone.png", full_page=False)
    codes = [o.get_attribute("data-code") for o in options.all()]
    assert codes and all(c.startswith("DB-SYT-") for c in codes), codes  # only coso's own cells
    assert all("văn phòng" in text_of(o).lower() for o in options.all())
    field.press("ArrowDown")
    field.press("Enter")
    expect(field).to_have_value(codes[min(1, len(codes) - 1)])
    expect(page.locator("#organizationID-help")).to_contain_text("Văn phòng")
    # Submitted with the code; errors come back with what was typed.
    page.locator("input[name=fullName]").fill("Kiểm Thử Chọn Chi Bộ")
    response = submit(page, page.get_by_role("button", name="Lưu"))
    assert response.status == 422
    expect(page.locator("input#organizationID")).to_have_value(codes[min(1, len(codes) - 1)])
    expect(page.locator("input[name=fullName]")).to_have_value("Kiểm Thử Chọn Chi Bộ")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_VIEWPORT["width"] + PHONE_OVERFLOW_TOLERANCE
