"""The audit log: an edit made here shows up for admin; the bloc office may not read the log."""

import datetime
import zoneinfo
from urllib.parse import urlparse

from playwright.sync_api import expect

from conftest import goto, login, screenshot, search_members, submit, text_of


def test_admin_sees_its_own_edit_in_the_audit_log(page):
    login(page, "admin")
    # Make an edit of our own: toggle the religion of the last "Nguyễn Thị Vinh" in the search.
    assert search_members(page, "nguyen thi vinh") >= 1
    link = page.locator("table.members tbody td:first-child > a").last
    name = text_of(link)
    submit(page, link)
    member_path = urlparse(page.url).path
    goto(page, member_path + "/edit")
    religion = page.locator("form.form input[name=religion]")
    old = religion.input_value()
    new = "Phật giáo" if old != "Phật giáo" else "Không"
    religion.fill(new)
    submit(page, page.locator("form.form").get_by_role("button", name="Lưu"))
    expect(page.locator(".notice")).to_contain_text("Đã lưu hồ sơ")

    goto(page, "/audit")
    screenshot(page, "audit-01-admin-all.png", full_page=False)
    expect(page.locator("table.audit > tbody > tr").first).to_be_visible()
    current = page.locator(".nav a[aria-current=page]")
    expect(current).to_have_attribute("href", "/audit")

    # Filter on edits, as a user would.
    form = page.locator("form.filters")
    form.locator("select[name=action]").select_option("update")
    form.locator("input[name=actor]").fill("admin")
    submit(page, form.locator("button[type=submit]"))
    assert "action=update" in page.url
    newest = page.locator("table.audit > tbody > tr").first
    newest.locator("details summary").click()
    screenshot(page, "audit-02-admin-updates.png", full_page=False)
    cells = [text_of(td) for td in newest.locator(":scope > td").all()]
    today = datetime.datetime.now(zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")).date()
    assert cells[0].startswith(f"{today.day}/{today.month}/{today.year}") or \
        cells[0].startswith(today.strftime("%d/%m/%Y")), cells
    # One sentence: who (with their organization), what, about whom.
    sentence = text_of(newest.locator(".sentence"))
    assert "sửa hồ sơ đảng viên" in sentence and name.split(" (")[0] in sentence, sentence
    assert "(Đảng bộ" in sentence, sentence
    # The change is shown field by field, in Vietnamese.
    changes = [[text_of(td) for td in tr.locator("td").all()] for tr in newest.locator("table.changes tbody tr").all()]
    assert ["Tôn giáo", old, new] in changes, changes
    # Every row shown is an edit.
    actions = {tr.get_attribute("data-action") for tr in page.locator("table.audit > tbody > tr").all()}
    assert actions == {"update"}, actions


def test_bloc_office_may_not_read_the_audit_log(page):
    login(page, "khoi")
    labels = [text_of(a) for a in page.locator(".nav a").all()]
    assert "Nhật ký" not in labels, labels
    response = goto(page, "/audit", expect_status=None)
    screenshot(page, "audit-03-khoi-forbidden.png", full_page=False)
    assert response.status == 403
    expect(page.locator("h1")).to_have_text("Không có quyền")
    expect(page.locator("table.audit")).to_have_count(0)
