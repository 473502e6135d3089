"""Long work runs as a job: a progress bar the page moves, no second start on a double click, the job found again
after a reload, and a summary at the end (issue 7, item 3)."""

from playwright.sync_api import expect

from conftest import goto, login, screenshot, submit, text_of, vn_int
from test_import import card_number, cell_codes, check_file, member_row, run_id, settle, write_csv, SYLLABLES


def test_a_large_import_shows_progress_survives_a_reload_and_ends_with_a_summary(page, tmp_path):
    login(page, "khoi")
    goto(page, "/members/import")
    cell = cell_codes(page)[0]
    stamp = run_id()
    count = 4000
    rows = [member_row(f"Hoàng Văn {SYLLABLES[i % 10]} {SYLLABLES[(i // 10) % 10]} {SYLLABLES[(i // 100) % 10]} {SYLLABLES[i // 1000]}",
                       "Nam", f"{i % 28 + 1}/5/1982", card_number(stamp, i)) for i in range(count)]
    path = write_csv(tmp_path, "lon.csv", rows)

    # The check: its outcome is the preview, with every number written the Vietnamese way.
    response = check_file(page, path, cell)
    assert response.ok, response.status
    preview = page.locator("#import-preview")
    expect(preview).to_be_visible()
    assert "4.000" in text_of(preview.locator(".summary")), text_of(preview)

    # The write: the bar shows at once and the button cannot be pressed a second time.
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" and r.url.endswith("/members/import") else None)
    button = preview.get_by_role("button", name="Ghi vào danh sách")
    with page.expect_navigation(wait_until="load"):
        button.dblclick()
    assert len(posts) == 1, posts
    bar = page.locator("#job-bar")
    expect(bar).to_be_visible()
    screenshot(page, "jobs-01-progress.png", full_page=False)
    assert "job=" in page.url

    # A reload while it runs: the page finds the job again and its bar moves on.
    page.reload(wait_until="load")
    expect(page.locator('#job[data-job-running="1"]')).to_have_count(1)
    first = int(bar.get_attribute("value") or "0")
    expect(page.locator("#job-text")).to_contain_text("dòng")
    page.wait_for_function(f"() => {{ const b = document.getElementById('job-bar'); return !b || Number(b.value) > {first}; }}",
                           timeout=60_000)
    # And from the import page without the job's address too (another tab, a bookmark).
    other = page.context.new_page()
    goto(other, "/members/import")
    if other.locator('#job[data-job-running="1"]').count() == 1:
        screenshot(other, "jobs-02-found-again.png", full_page=False)
    other.close()

    settle(page, None)
    result = text_of(page.locator("#import-result"))
    screenshot(page, "jobs-03-summary.png", full_page=False)
    assert result.startswith("Đã nhập tệp lon.csv: thêm 4.000"), result
    expect(page.locator("#job-bar")).to_have_count(0)


def test_a_double_click_on_check_starts_one_job(page, tmp_path):
    login(page, "khoi")
    goto(page, "/members/import")
    stamp = run_id()
    path = write_csv(tmp_path, "hai-lan.csv", [member_row(f"Đinh Thị {SYLLABLES[stamp % 10]}", "Nữ", "1/1/1990", card_number(stamp, 0))])
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    form = page.locator("form[enctype='multipart/form-data']")
    form.locator("input[name=file]").set_input_files(str(path))
    form.locator("input[name=organizationCode]").fill(cell_codes(page)[0])
    with page.expect_navigation(wait_until="load"):
        form.get_by_role("button", name="Kiểm tra tệp").dblclick()
    settle(page, None)
    assert len(posts) == 1, posts
    expect(page.locator("#import-preview")).to_be_visible()
