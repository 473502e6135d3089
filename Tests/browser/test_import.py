"""Importing members from a file: dry run with a bad row, importing only the clean rows, re-import, bad files."""

import csv
import io
import time
import zipfile

import pytest
from playwright.sync_api import expect

from conftest import goto, login, screenshot, search_members, submit, text_of

HEADER = ["Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Tôn giáo", "Trình độ chuyên môn", "Lý luận chính trị",
          "Ngày vào Đảng", "Ngày chính thức", "Số thẻ đảng viên", "Chức vụ", "Mã tổ chức", "Trạng thái",
          "Ngày trạng thái"]
SYLLABLES = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh", "Lâm", "Minh", "Nam"]


def run_id() -> int:
    """Changes every millisecond: card numbers and names from it do not collide across re-runs."""
    return int(time.time() * 1000)


def unique_name(family: str, stamp: int) -> str:
    """A real-looking Vietnamese name that no other run (and no demo member) has: digits spelled as syllables."""
    return f"{family} Kiểm " + " ".join(SYLLABLES[int(d)] for d in f"{stamp % 10**6:06d}")


def card_number(stamp: int, i: int) -> str:
    return f"9{(stamp * 3 + i) % 10**7:07d}"  # 8 digits starting with 9 (demo cards start with 22)


def member_row(name, gender, birth, card, **extra) -> list[str]:
    row = {"Họ và tên": name, "Giới tính": gender, "Ngày sinh": birth, "Dân tộc": "Kinh", "Tôn giáo": "Không",
           "Trình độ chuyên môn": "Đại học", "Lý luận chính trị": "Cao cấp, cử nhân", "Ngày vào Đảng": "3/2/2010",
           "Ngày chính thức": "3/2/2011", "Số thẻ đảng viên": card, "Chức vụ": "", "Mã tổ chức": "",
           "Trạng thái": "Đang sinh hoạt", "Ngày trạng thái": ""}
    row.update(extra)
    return [row[h] for h in HEADER]


def write_csv(tmp_path, name: str, rows: list[list[str]]):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([HEADER, *rows])
    path = tmp_path / name
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def cell_codes(page, query: str = "DB-SYT") -> list[str]:
    """The cells the signed-in user may choose, as the picker's search endpoint lists them (at most 20)."""
    response = page.request.get("/organizations/search", params={"q": query, "level": "cell"})
    assert response.ok, response.status
    return [item["code"] for item in response.json()]


def settle(page, response):
    """Checking and writing a file run as jobs: while the page shows the job's progress bar, wait for the page's
    script to reload it with the outcome; returns the response of the page that shows the outcome."""
    running = page.locator('#job[data-job-running="1"]')
    if running.count() == 0:
        return response
    expect(page.locator("#job-bar")).to_be_visible()
    running.wait_for(state="detached", timeout=60_000)
    page.wait_for_load_state("load")
    return page.request.get(page.url)


def check_file(page, path, organization_code: str = ""):
    """On /members/import: choose the file and type the default cell's code, press "Kiểm tra tệp"; returns the
    Response of the page that shows the check's outcome."""
    form = page.locator("form[enctype='multipart/form-data']")
    form.locator("input[name=file]").set_input_files(str(path))
    form.locator("input[name=organizationCode]").fill(organization_code)
    return settle(page, submit(page, form.get_by_role("button", name="Kiểm tra tệp")))


def issues(page) -> list[list[str]]:
    return [[text_of(td) for td in tr.locator("td").all()] for tr in page.locator("table.issues tbody tr").all()]


def test_dry_run_then_only_clean_rows_then_reimport(page, tmp_path):
    login(page, "coso")
    goto(page, "/members/import")
    codes = cell_codes(page)
    assert codes and all(c.startswith("DB-SYT-") for c in codes), codes  # coso sees only its own cells
    assert cell_codes(page, "chi bo") and all(c.startswith("DB-SYT-") for c in cell_codes(page, "chi bo"))
    expect(page.locator("select[name=organizationCode]")).to_have_count(0)  # a picker, not a list of the whole tree
    cell = codes[0]
    stamp = run_id()
    good1 = unique_name("Trần Thị", stamp)
    bad = unique_name("Lê Văn", stamp)
    good2 = unique_name("Phạm Văn", stamp)
    path = write_csv(tmp_path, f"dang-vien-{stamp}.csv", [
        member_row(good1, "Nữ", "12/4/1985", card_number(stamp, 0)),
        member_row(bad, "Nam", "31/2/1980", card_number(stamp, 1)),  # row 3: no 31 February
        member_row(good2, "Nam", "1/6/1979", card_number(stamp, 2), **{"Mã tổ chức": cell, "Chức vụ": "Cấp ủy viên"}),
    ])

    # 1. Dry run: the bad row is listed by its spreadsheet row number and column; nothing is written.
    response = check_file(page, path, cell)
    screenshot(page, "import-01-dry-run-bad-row.png")
    assert response.status in (200, 422), response.status
    preview = page.locator("#import-preview")
    expect(preview).to_be_visible()
    assert path.name in text_of(preview.locator("h2"))
    expect(page.locator("#bad-rows")).to_have_text("1")
    found = issues(page)
    assert any(r[0] == "3" and r[1] == "C (Ngày sinh)" for r in found), found
    assert all(r[0] == "3" for r in found), found
    expect(preview.get_by_role("button", name="Ghi vào danh sách")).to_have_count(0)
    import_clean = preview.get_by_role("button", name="Chỉ nhập 2 dòng hợp lệ")
    expect(import_clean).to_be_visible()

    other = page.context.new_page()
    for name in (good1, good2, bad):
        assert search_members(other, name) == 0, f"{name} was written by the dry run"

    # 2. Import only the clean rows.
    response = settle(page, submit(page, import_clean))
    assert response.ok, response.status
    screenshot(page, "import-02-imported-clean-rows.png", full_page=False)
    result = text_of(page.locator("#import-result"))
    assert result.startswith(f"Đã nhập tệp {path.name}"), result
    assert "thêm 2, cập nhật 0, không đổi 0" in result, result
    assert "bỏ qua 1 dòng lỗi" in result, result
    for name, card in ((good1, card_number(stamp, 0)), (good2, card_number(stamp, 2))):
        assert search_members(other, name) == 1, name
        row = other.locator("table.members tbody tr").first
        assert card in text_of(row)
    assert search_members(other, bad) == 0
    # The imported member's profile: in the chosen cell, with the position from the file.
    assert search_members(other, good2) == 1
    submit(other, other.locator("table.members tbody a").first)
    screenshot(other, "import-03-imported-member.png", full_page=False)
    profile = text_of(other.locator("dl.facts"))
    assert "Cấp ủy viên" in profile and "Cao cấp, cử nhân" in profile and card_number(stamp, 2) in profile, profile
    other.close()

    # 3. The same file again: the clean rows are recognised by card number and left alone.
    goto(page, "/members/import")
    check_file(page, path, cell)
    screenshot(page, "import-04-reupload-preview.png", full_page=False)
    assert "không đổi 2" in text_of(page.locator("#import-preview .summary"))
    # Nothing would be written, so no button offers to write it.
    expect(page.locator("#nothing-to-write")).to_be_visible()
    expect(page.locator("#import-preview button")).to_have_count(0)
    screenshot(page, "import-05-reupload-nothing-to-write.png", full_page=False)


def test_duplicate_card_number_in_the_file(page, tmp_path):
    login(page, "khoi")
    goto(page, "/members/import")
    cell = cell_codes(page)[0]
    stamp = run_id()
    card = card_number(stamp, 0)
    path = write_csv(tmp_path, "trung-so-the.csv", [
        member_row(unique_name("Đỗ Thị", stamp), "Nữ", "2/9/1990", card),
        member_row(unique_name("Vũ Văn", stamp), "Nam", "3/9/1991", card),
    ])
    response = check_file(page, path, cell)
    screenshot(page, "import-06-duplicate-card.png", full_page=False)
    assert response.status == 422
    expect(page.locator("#bad-rows")).to_have_text("1")
    found = issues(page)
    assert any(r[0] == "3" and r[1].startswith("J") and "trùng" in r[2] and "2" in r[2] for r in found), found
    # Nothing to confirm for a bad file except the clean row.
    expect(page.get_by_role("button", name="Chỉ nhập 1 dòng hợp lệ")).to_be_visible()


def test_file_named_xlsx_that_is_not_a_zip(page, tmp_path):
    login(page, "khoi")
    goto(page, "/members/import")
    path = tmp_path / "danh-sach.xlsx"
    path.write_text("Họ và tên,Giới tính\nNguyễn Văn A,Nam\n", encoding="utf-8")
    response = check_file(page, path)
    screenshot(page, "import-07-not-a-zip.png", full_page=False)
    assert response.status == 422, response.status
    problems = page.locator(".problems")
    expect(problems).to_be_visible()
    message = text_of(problems)
    assert "danh-sach.xlsx" in message and ".xlsx" in message and "không" in message, message
    expect(page.locator("#import-preview")).to_have_count(0)
    # The upload form is still there to try again.
    expect(page.get_by_role("button", name="Kiểm tra tệp")).to_be_visible()


def test_csv_template_download(page):
    login(page, "khoi")
    goto(page, "/members/import")
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV", exact=True).click()
    download = info.value
    assert download.suggested_filename.endswith(".csv"), download.suggested_filename
    text = open(download.path(), "rb").read().decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(HEADER), text[:300]


def test_xlsx_template_download(page):
    login(page, "khoi")
    goto(page, "/members/import")
    response = page.request.get("/members/import/template.xlsx")
    if response.status != 200:  # show what the user gets instead of a download
        goto(page, "/members/import/template.xlsx", expect_status=None)
        screenshot(page, "import-09-xlsx-template-error.png", full_page=False)
    assert response.status == 200, f"template.xlsx -> {response.status}"
    with page.expect_download() as info:
        page.get_by_role("link", name="Excel (.xlsx)").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx"), download.suggested_filename
    data = open(download.path(), "rb").read()
    assert data[:2] == b"PK", data[:8]
    with zipfile.ZipFile(io.BytesIO(data)) as workbook:
        names = workbook.namelist()
        assert "[Content_Types].xml" in names and "xl/workbook.xml" in names, names
        text = "".join(workbook.read(n).decode("utf-8") for n in names if n.endswith(".xml"))
        assert "Số thẻ đảng viên" in text and "Cao cấp, cử nhân" in text


def test_upload_of_a_realistic_file_is_not_refused(page, tmp_path):
    """A real user's upload without the workaround: a 40-row file (~6 KB) must be checked, not refused as forged."""
    login(page, "khoi")
    goto(page, "/members/import")
    stamp = run_id()
    rows = [member_row(f"Nguyễn Văn {SYLLABLES[i % 10]} {SYLLABLES[i // 10]}", "Nam", f"{i % 28 + 1}/3/1980",
                       card_number(stamp, i)) for i in range(40)]
    path = write_csv(tmp_path, "40-dong.csv", rows)
    assert path.stat().st_size > 4000
    response = check_file(page, path, cell_codes(page)[0])  # dry run only: writes nothing
    screenshot(page, "import-08-realistic-upload.png", full_page=False)
    assert response.status != 403, text_of(page.locator("main"))
    assert response.status < 500
    expect(page.locator("#import-preview")).to_be_visible()
