"""The organization tree: counts today and at a past date, an organization page, scoping, phone width."""

from urllib.parse import urlparse

from playwright.sync_api import expect

from conftest import (PHONE_OVERFLOW_TOLERANCE, PHONE_VIEWPORT, goto, horizontal_overflow, login,
                      overflowing_elements, screenshot, submit, text_of, vn_int)


def tree_counts(page) -> tuple[int, int]:
    return vn_int(page.locator("#grassroots-count").inner_text()), vn_int(page.locator("#member-total").inner_text())


def test_admin_tree_today_and_before_the_transfer(page):
    login(page, "admin")
    goto(page, "/organizations")
    screenshot(page, "tree-01-admin-today.png", full_page=False)
    grassroots, members = tree_counts(page)
    assert grassroots == 82
    assert members > 7000, members
    # The total is written the Vietnamese way: dot as thousands separator.
    assert text_of(page.locator("#member-total")) == f"{members:,}".replace(",", ".")
    expect(page.get_by_role("link", name="Thêm tổ chức")).to_be_visible()
    expect(page.get_by_role("link", name="Chuyển giao tổ chức")).to_be_visible()
    root = page.locator("table.tree tbody tr").first
    assert vn_int(root.locator("td.num").inner_text()) == members

    form = page.locator("form.filters")
    form.locator("input[name=on]").fill("31/12/2021")
    submit(page, form.locator("button[type=submit]"))
    assert "on=31" in page.url
    screenshot(page, "tree-02-admin-2021-12-31.png", full_page=False)
    expect(page.locator("input[name=on]")).to_have_value("31/12/2021")
    expect(page.get_by_role("link", name="Hôm nay")).to_be_visible()
    old_grassroots, old_members = tree_counts(page)
    assert old_grassroots < grassroots and old_members < members, (old_grassroots, old_members)
    # The 17 organizations transferred to the bloc on 12/4/2022 did not belong to it yet.
    assert old_grassroots == grassroots - 17 == 65

    # A day that does not exist is refused in Vietnamese, not with a crash.
    response = goto(page, "/organizations?on=31/2/2021", expect_status=None)
    screenshot(page, "tree-03-bad-date.png", full_page=False)
    assert response.status < 500, response.status


def test_open_an_organization_page(page):
    login(page, "admin")
    goto(page, "/organizations")
    row = page.locator("table.tree tr[data-code='DB-SYT']")
    expect(row).to_have_count(1)
    name = text_of(row.locator("a").first)
    subtree = vn_int(row.locator("td.num").inner_text())
    submit(page, row.locator("a").first)
    assert urlparse(page.url).path.startswith("/organizations/")
    screenshot(page, "tree-04-organization-detail.png")
    expect(page.locator("h1")).to_have_text(name)
    facts = text_of(page.locator("dl.facts"))
    assert "DB-SYT" in facts and "Đảng bộ Khối các cơ quan" in facts, facts
    assert vn_int(page.locator("#subtree-members").inner_text()) == subtree
    expect(page.locator("h2", has_text="Tổ chức trực thuộc")).to_be_visible()
    expect(page.locator("h2", has_text="Lịch sử trực thuộc")).to_be_visible()

    org_id = urlparse(page.url).path.rsplit("/", 1)[1]
    members_link = page.get_by_role("link", name="Danh sách đảng viên")
    expect(members_link).to_have_attribute("href", f"/members?org={org_id}")
    submit(page, members_link)
    assert vn_int(page.locator("#result-count").inner_text()) >= subtree  # "Tất cả" includes former members
    # The tree counts party members: those active plus those suspended (not the transferred, expelled, deceased).
    by_status = {}
    for status in ("active", "suspended"):
        form = page.locator("form[role=search]")
        form.locator("select[name=status]").select_option(status)
        submit(page, form.locator("button[type=submit]"))
        assert f"org={org_id}" in page.url, "the status filter must keep the organization filter"
        by_status[status] = vn_int(page.locator("#result-count").inner_text())
        if status == "active":
            screenshot(page, "tree-05-organization-members.png", full_page=False)
    assert by_status["active"] + by_status["suspended"] == subtree, by_status

def test_coso_sees_only_its_own_committee(page):
    login(page, "coso")
    goto(page, "/organizations")
    screenshot(page, "tree-06-coso.png")
    rows = page.locator("table.tree tbody tr")
    expect(rows.first.locator("a").first).to_have_text("Đảng bộ Sở Y tế")
    assert vn_int(page.locator("#grassroots-count").inner_text()) == 1
    codes = [r.get_attribute("data-code") for r in rows.all()]
    assert codes[0] == "DB-SYT" and all(c.startswith("DB-SYT-") for c in codes[1:]), codes
    assert vn_int(page.locator("#member-total").inner_text()) == vn_int(rows.first.locator("td.num").inner_text())
    # A grassroots secretary manages members, not the tree.
    expect(page.get_by_role("link", name="Thêm tổ chức")).to_have_count(0)
    expect(page.get_by_role("link", name="Chuyển giao tổ chức")).to_have_count(0)


def test_no_horizontal_overflow_at_phone_width(page, phone_page):
    # Desktop first, for comparison.
    login(page, "admin")
    goto(page, "/members")
    screenshot(page, "phone-00-members-desktop.png", full_page=False)

    login(phone_page, "admin")
    assert phone_page.viewport_size == PHONE_VIEWPORT
    problems = {}
    for path, name in [("/organizations", "phone-01-organizations.png"), ("/members", "phone-02-members.png"),
                       ("/members/import", "phone-03-import.png")]:
        goto(phone_page, path)
        screenshot(phone_page, name)  # the whole page
        screenshot(phone_page, name.replace(".png", "-top.png"), full_page=False)  # what the phone shows first
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE_VIEWPORT["width"] + PHONE_OVERFLOW_TOLERANCE:
            problems[path] = (width, overflowing_elements(phone_page))
    assert not problems, f"horizontal overflow at 390px: {problems}"
    assert horizontal_overflow(phone_page) <= PHONE_OVERFLOW_TOLERANCE
