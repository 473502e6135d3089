"""Each demo role's main flow, at desktop (1366x768) and phone (390x844) size, with a screenshot of every step kept as
SCREENSHOT_DIR/flow-<role>-<step>-<desktop|phone>.png. Each step checks what the role should see there, and at phone
size that the page does not scroll sideways. Nothing is saved: the flows only read, so they can run in any order."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import (PHONE_VIEWPORT, goto, horizontal_overflow, login, overflowing_elements, screenshot, submit,
                      text_of)

DESKTOP = {"width": 1366, "height": 768}
SIZES = ["desktop", "phone"]
FORM = "PL8.1"


class Flow:
    def __init__(self, new_page, role: str, size: str):
        self.role, self.size = role, size
        self.page: Page = new_page(DESKTOP if size == "desktop" else PHONE_VIEWPORT, mobile=size == "phone")
        login(self.page, role)

    def step(self, number: int, name: str, scroll_to=None) -> None:
        """Checks the page fits (phone) and keeps its screenshot; scroll_to brings that part of the page into view."""
        page = self.page
        if self.size == "phone":
            assert horizontal_overflow(page) <= 1, f"{page.url}: {overflowing_elements(page)}"
        if scroll_to is not None:
            scroll_to.evaluate("el => { el.scrollIntoView({block: 'start'}); window.scrollBy(0, -8); }")
        else:
            page.evaluate("window.scrollTo(0, 0)")
        screenshot(page, f"flow-{self.role}-{number:02d}-{name}-{self.size}.png", full_page=False)

    def nav(self, label: str):
        """Follows a link of the header's navigation, through the menu button on a phone."""
        if self.size == "phone":
            self.page.locator("#menu-toggle").click()
        return submit(self.page, self.page.locator(".nav a", has_text=label))


@pytest.mark.parametrize("size", SIZES)
def test_admin_tree_organization_audit(new_page, size):
    flow = Flow(new_page, "admin", size)
    page = flow.page
    flow.nav("Tổ chức đảng")
    expect(page.locator("table.tree tbody tr").first).to_be_visible()
    expect(page.get_by_role("link", name="Thêm tổ chức")).to_be_visible()
    page.locator("table.tree tr[data-code='DB-SYT'] a.toggle").click()
    expect(page.locator("table.tree tr[data-depth='2']").first).to_be_visible()
    flow.step(1, "tree", scroll_to=page.locator("table.tree tr[data-code='DB-SYT']"))

    submit(page, page.locator("table.tree tr[data-code='DB-SYT'] a.name"))
    expect(page.locator("h1")).to_contain_text("Sở Y tế")
    expect(page.locator("#subtree-members")).to_be_visible()
    flow.step(2, "organization")

    flow.nav("Nhật ký")
    assert page.locator("table.audit tbody tr").count() > 0
    flow.step(3, "audit")


@pytest.mark.parametrize("size", SIZES)
def test_khoi_reports_rate_table_review(new_page, size):
    flow = Flow(new_page, "khoi", size)
    page = flow.page
    flow.nav("Báo cáo")
    expect(page.locator(f'tr[data-form="{FORM}"]')).to_be_visible()
    flow.step(1, "reports")

    submit(page, page.locator(f'tr[data-form="{FORM}"] a', has_text="Tình hình nộp"))
    submit(page, page.locator("table.rate-year tbody a").first)  # a past quarter, with reports in it
    share = page.locator("table.rate-year tbody tr").first.locator("td.rate-share")
    expect(share).to_be_visible()
    assert text_of(share).endswith("%")
    flow.step(2, "rate")
    flow.step(3, "rate-year", scroll_to=page.locator("h2", has_text="Theo kỳ trong năm"))
    rate_url = page.url

    goto(page, "/reports")
    submit(page, page.locator(f'tr[data-form="{FORM}"] a', has_text="Bảng tổng hợp"))
    expect(page.locator("#printed-table")).to_be_visible()
    flow.step(4, "table", scroll_to=page.locator(".printed"))

    # Review: a reporter of that quarter whose report waits for the bloc office's decision.
    goto(page, rate_url)
    links = [a.get_attribute("href") for a in page.locator("table.rate-lines tbody tr[data-outcome=onTime] a, "
                                                             "table.rate-lines tbody tr[data-outcome=late] a").all()]
    assert links, "no reporter sent a report that quarter"
    for href in links:
        goto(page, href)
        if page.locator("#review").count():
            break
    else:
        pytest.fail(f"none of the {len(links)} reports sent that quarter waits for review")
    expect(page.locator("#review button[value=approve]")).to_be_visible()
    expect(page.locator("#review button[value=return]")).to_be_visible()
    flow.step(5, "review", scroll_to=page.locator("#review"))


@pytest.mark.parametrize("size", SIZES)
def test_coso_entry_and_members(new_page, size):
    flow = Flow(new_page, "coso", size)
    page = flow.page
    flow.nav("Báo cáo")
    submit(page, page.locator(f'tr[data-form="{FORM}"]').get_by_role("link", name="Nhập số liệu"))
    expect(page.locator("form#entry-form table.entry")).to_be_visible()
    expect(page.locator("#entry-status")).to_be_visible()
    flow.step(1, "entry")
    flow.step(2, "entry-table", scroll_to=page.locator("table.entry tbody tr").nth(2))

    flow.nav("Đảng viên")
    rows = page.locator("table.members tbody tr")
    assert rows.count() > 0
    expect(page.get_by_role("link", name="Thêm đảng viên")).to_be_visible()
    flow.step(3, "members")

    submit(page, rows.first.locator("a").first)
    expect(page.locator("dl.facts")).to_be_visible()
    flow.step(4, "member")


@pytest.mark.parametrize("size", SIZES)
def test_ubkt_reads_the_tree_and_the_members(new_page, size):
    flow = Flow(new_page, "ubkt", size)
    page = flow.page
    flow.nav("Tổ chức đảng")
    expect(page.locator("table.tree tbody tr").first).to_be_visible()
    expect(page.get_by_role("link", name="Thêm tổ chức")).to_have_count(0)  # read-only
    flow.step(1, "tree")

    flow.nav("Đảng viên")
    assert page.locator("table.members tbody tr").count() > 0
    expect(page.get_by_role("link", name="Thêm đảng viên")).to_have_count(0)
    flow.step(2, "members")

    submit(page, page.locator("table.members tbody tr").first.locator("a").first)
    expect(page.locator("dl.facts")).to_be_visible()
    expect(page.get_by_role("link", name="Sửa hồ sơ")).to_have_count(0)
    flow.step(3, "member")


@pytest.mark.parametrize("size", SIZES)
def test_dangvien_sees_their_own_profile(new_page, size):
    flow = Flow(new_page, "dangvien", size)
    page = flow.page
    labels = [text_of(a) for a in page.locator(".nav a").all()]
    assert labels == ["Hồ sơ của tôi"], labels
    expect(page.locator("dl.facts")).to_be_visible()
    expect(page.get_by_role("link", name="Sửa hồ sơ")).to_have_count(0)
    flow.step(1, "profile")

    response = goto(page, "/members", expect_status=None)
    assert response.status == 403, response.status
    flow.step(2, "no-access")
