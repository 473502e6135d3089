"""The organization tree, opened level by level: today and at a past date, opening a node in place (script) and by
link (no script), an organization page, scoping, phone width."""

from urllib.parse import urlparse

from playwright.sync_api import expect

from conftest import (PHONE_OVERFLOW_TOLERANCE, PHONE_VIEWPORT, goto, horizontal_overflow, login,
                      overflowing_elements, screenshot, submit, text_of, vn_int)


def root_children(page) -> int:
    return vn_int(page.locator("#root-child-count").inner_text())


def test_admin_tree_today_and_before_the_transfer(page):
    login(page, "admin")
    goto(page, "/organizations")
    screenshot(page, "tree-01-admin-today.png", full_page=False)
    # The bloc and its grassroots organizations; their cells wait until one is opened.
    assert root_children(page) == 82
    rows = page.locator("table.tree tbody tr")
    expect(rows.first).to_have_attribute("data-depth", "0")
    assert rows.count() == 1 + 82
    expect(page.locator("table.tree tbody tr[data-depth='2']")).to_have_count(0)
    expect(page.get_by_role("link", name="Thêm tổ chức")).to_be_visible()
    expect(page.get_by_role("link", name="Chuyển giao tổ chức")).to_be_visible()

    form = page.locator("form.filters")
    form.locator("input[name=on]").fill("31/12/2021")
    submit(page, form.locator("button[type=submit]"))
    assert "on=31" in page.url
    screenshot(page, "tree-02-admin-2021-12-31.png", full_page=False)
    expect(page.locator("input[name=on]")).to_have_value("31/12/2021")
    expect(page.get_by_role("link", name="Hôm nay")).to_be_visible()
    # The 17 organizations transferred to the bloc on 12/4/2022 did not belong to it yet.
    assert root_children(page) == 82 - 17 == 65
    # Opening a node keeps the day.
    toggle = page.locator("table.tree tr[data-depth='1'] a.toggle").first
    assert "on=31/12/2021" in (toggle.get_attribute("href") or "")

    # A day that does not exist is refused in Vietnamese, not with a crash.
    response = goto(page, "/organizations?on=31/2/2021", expect_status=None)
    screenshot(page, "tree-03-bad-date.png", full_page=False)
    assert response.status < 500, response.status


def test_open_a_node_in_place_and_by_link(page):
    login(page, "admin")
    goto(page, "/organizations")
    row = page.locator("table.tree tr[data-code='DB-SYT']")
    expect(row).to_have_count(1)
    cells = vn_int(row.locator("td.children").inner_text())
    assert cells > 0
    url = page.url
    toggle = row.locator("a.toggle")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()  # the script fetches the children and inserts them under the row: no navigation
    opened = page.locator("table.tree tr[data-parent='%s'][data-depth='2']" % row.get_attribute("data-id"))
    expect(opened).to_have_count(cells)
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert page.url == url
    codes = [r.get_attribute("data-code") for r in opened.all()]
    assert all(c.startswith("DB-SYT-") for c in codes), codes
    screenshot(page, "tree-04-opened-in-place.png", full_page=False)
    toggle.click()  # and closes again
    expect(opened).to_have_count(0)
    expect(toggle).to_have_attribute("aria-expanded", "false")

    # Without the script the same control is a link: the page opens with the path kept.
    href = toggle.get_attribute("href")
    assert href and "open=" in href, href
    goto(page, href)
    screenshot(page, "tree-05-opened-by-link.png", full_page=False)
    expect(page.locator("nav.crumbs a")).to_have_count(2)
    expect(page.locator("table.tree tr[data-depth='2']")).to_have_count(cells)
    expect(page.locator("table.tree tr[data-code='DB-SYT'] a.toggle")).to_have_attribute("aria-expanded", "true")


def test_open_an_organization_page(page):
    login(page, "admin")
    goto(page, "/organizations")
    row = page.locator("table.tree tr[data-code='DB-SYT']")
    expect(row).to_have_count(1)
    name = text_of(row.locator("a.name"))
    submit(page, row.locator("a.name"))
    assert urlparse(page.url).path.startswith("/organizations/")
    screenshot(page, "tree-06-organization-detail.png")
    expect(page.locator("h1")).to_have_text(name)
    facts = text_of(page.locator("dl.facts"))
    assert "DB-SYT" in facts and "Đảng bộ Khối các cơ quan" in facts, facts
    subtree = vn_int(page.locator("#subtree-members").inner_text())
    assert subtree > 0
    expect(page.locator("h2", has_text="Tổ chức trực thuộc")).to_be_visible()
    expect(page.locator("h2", has_text="Lịch sử trực thuộc")).to_be_visible()

    org_id = urlparse(page.url).path.rsplit("/", 1)[1]
    members_link = page.get_by_role("link", name="Danh sách đảng viên")
    expect(members_link).to_have_attribute("href", f"/members?org={org_id}")
    submit(page, members_link)
    assert vn_int(page.locator("#result-count").inner_text()) == subtree  # both count members on the registry
    # The tree counts party members: those active plus those suspended (not the transferred, expelled, deceased).
    by_status = {}
    for status in ("active", "suspended"):
        form = page.locator("form[role=search]")
        form.locator("select[name=status]").select_option(status)
        submit(page, form.locator("button[type=submit]"))
        assert f"org={org_id}" in page.url, "the status filter must keep the organization filter"
        by_status[status] = vn_int(page.locator("#result-count").inner_text())
        if status == "active":
            screenshot(page, "tree-07-organization-members.png", full_page=False)
    assert by_status["active"] + by_status["suspended"] == subtree, by_status


def test_coso_sees_only_its_own_committee(new_page):
    admin = new_page()
    login(admin, "admin")
    goto(admin, "/organizations")
    outside_id = admin.locator("table.tree tr[data-depth='1']:not([data-code^='DB-SYT'])").first.get_attribute("data-id")
    admin.context.close()

    page = new_page()
    login(page, "coso")
    goto(page, "/organizations")
    screenshot(page, "tree-08-coso.png")
    rows = page.locator("table.tree tbody tr")
    expect(rows.first.locator("a.name")).to_have_text("Đảng bộ Sở Y tế")
    codes = [r.get_attribute("data-code") for r in rows.all()]
    assert codes[0] == "DB-SYT" and all(c.startswith("DB-SYT-") for c in codes[1:]), codes
    assert root_children(page) == len(codes) - 1
    # Outside its committee nothing opens.
    assert goto(page, f"/organizations?open={outside_id}", expect_status=None).status == 404
    assert goto(page, f"/organizations/{outside_id}/children", expect_status=None).status == 404
    # A grassroots secretary manages members, not the tree.
    goto(page, "/organizations")
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
                       ("/members/import", "phone-03-import.png"), ("/organizations/transfer", "phone-04-transfer.png")]:
        goto(phone_page, path)
        screenshot(phone_page, name)  # the whole page
        screenshot(phone_page, name.replace(".png", "-top.png"), full_page=False)  # what the phone shows first
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE_VIEWPORT["width"] + PHONE_OVERFLOW_TOLERANCE:
            problems[path] = (width, overflowing_elements(phone_page))
    # A node opened in place at phone width.
    goto(phone_page, "/organizations")
    phone_page.locator("table.tree tr[data-code='DB-SYT'] a.toggle").click()
    expect(phone_page.locator("table.tree tr[data-depth='2']").first).to_be_visible()
    screenshot(phone_page, "phone-05-organizations-opened-top.png", full_page=False)
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE_VIEWPORT["width"] + PHONE_OVERFLOW_TOLERANCE:
        problems["/organizations opened"] = (width, overflowing_elements(phone_page))
    assert not problems, f"horizontal overflow at 390px: {problems}"
    assert horizontal_overflow(phone_page) <= PHONE_OVERFLOW_TOLERANCE
