"""The reporting-rate page as a bloc officer uses it to remind: open it from the reports list, pick a past quarter,
keep only the organizations late or not reported, and check the list and its count against the summary. The reports
section links the import of past figures for the bloc office, not for a grassroots clerk."""

from playwright.sync_api import expect

from conftest import goto, login, screenshot, submit, text_of, vn_int

FORM = "PL8.1"
NOT_ON_TIME = {"late", "returned", "draft", "missing"}


def test_bloc_officer_lists_who_to_remind(page):
    login(page, "khoi")
    goto(page, "/reports")
    submit(page, page.locator(f'tr[data-form="{FORM}"] a', has_text="Tình hình nộp"))
    expect(page.locator("#rate-expected")).to_be_visible()
    # A quarter that has reports (the first of the year view), then only those who did not report on time.
    submit(page, page.locator("table.rate-year tbody a").first)
    expected = vn_int(text_of(page.locator("#rate-expected")))
    on_time = vn_int(text_of(page.locator("#rate-on-time")))
    counts = {o: vn_int(text_of(page.locator(f"#rate-{o}"))) for o in ["late", "returned", "draft", "missing"]}
    assert expected == on_time + sum(counts.values()), (expected, on_time, counts)
    form = page.locator("form.filters")
    form.locator("select[name=outcome]").select_option("late,returned,draft,missing")
    response = submit(page, form.locator("button[type=submit]"))
    assert response.status == 200
    assert "outcome=late%2Creturned%2Cdraft%2Cmissing" in page.url or "outcome=late,returned,draft,missing" in page.url, page.url
    screenshot(page, "rate-01-to-remind.png")
    listed = vn_int(text_of(page.locator("#rate-list-count")))
    assert listed == sum(counts.values()), (listed, counts)
    rows = page.locator("table.rate-lines tbody tr")
    outcomes = {rows.nth(i).get_attribute("data-outcome") for i in range(rows.count())}
    assert outcomes <= NOT_ON_TIME, outcomes
    assert rows.count() == min(listed, 100)
    # The summary still counts the whole bloc.
    assert vn_int(text_of(page.locator("#rate-expected"))) == expected


def test_the_reports_section_links_the_import_of_past_figures_by_role(page):
    login(page, "khoi")
    goto(page, "/reports")
    link = page.locator("#values-import")
    expect(link).to_be_visible()
    submit(page, link)
    assert page.url.endswith("/reports/values/import"), page.url
    expect(page.locator(".nav a[aria-current=page]")).to_have_attribute("href", "/reports")

    clerk = page.context.browser.new_page()
    login(clerk, "coso")
    goto(clerk, "/reports")
    expect(clerk.locator("#values-import")).to_have_count(0)
    clerk.close()
