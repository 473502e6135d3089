"""Periodic reporting, end to end (PL 8.1, a quarterly form):

a grassroots clerk (coso, Đảng bộ Sở Y tế) fills PL 8.1 for a period, hits type errors and a rule error, fixes
them and submits; the bloc office (khoi) returns it without a comment (refused) and then with one; the clerk sees the
comment, changes a number, explains a warning and resubmits; the officer approves. The bloc's rolled-up printed table
grows by exactly the entered numbers (and "Tính cả báo cáo chưa duyệt" shows them before approval), the XLSX
download carries them (checked with zipfile and, if installed, LibreOffice), and the reporting-rate page counts the
Sở Y tế on time. Other tests: text that is not a number is flagged at its cell; the printed table does not put one
period into two of the columns it sums; the entry page fits a phone.

Re-runnable against the same server: the test picks a period for which DB-SYT has no entry yet and which is still
open. When every such period is past its deadline (a re-run after the open quarter was used), the bloc office grants
DB-SYT a deadline extension for the newest empty period, as a real bloc office would; the report is then "late".
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from conftest import goto, login, nfc, overflowing_elements, screenshot, screenshot_dir, submit, text_of, vn_int

FORM = "PL8.1"
FORM_TITLE = "KẾT QUẢ CÔNG TÁC KIỂM TRA, GIÁM SÁT"
CLERK_ORG_CODE = "DB-SYT"

# Row keys from Forms/pl-8-1.json (entry column "n").
TOTAL = "r1a:n"  # Tổng số đảng viên được kiểm tra
VIOLATED = "r1b1:n"  # Có vi phạm            (rule: ≤ r1a)
DISCIPLINED = "r1b2:n"  # Phải thi hành kỷ luật (rule: ≤ r1b1)
ORG_TOTAL = "r2a:n"  # Tổng số tổ chức đảng được kiểm tra
ORG_VIOLATED = "r2b1:n"  # Số tổ chức đảng có vi phạm (rule: ≤ r2a)
# Organizations disciplined: by level (d2btv + d2dcs + d2cb = computed d2a), by form (d2kt + d2cc = computed d2b);
# warnings: both must equal d2t.
D2_TOTAL, D2_BTV, D2_DCS, D2_CB, D2_KT, D2_CC = "d2t:n", "d2btv:n", "d2dcs:n", "d2cb:n", "d2kt:n", "d2cc:n"

RULE_VIOLATED = "Số đảng viên có vi phạm không vượt quá số được kiểm tra"
WARNING_BY_LEVEL = "Tổng số tổ chức đảng bị kỷ luật theo cấp phải bằng tổng số tổ chức đảng bị thi hành kỷ luật"

FIRST_TOTAL = 25  # r1a as first submitted
FINAL_TOTAL = 31  # r1a after the officer returned the report
NOT_YET_ENTERED = "Chưa nhập"


# ---------------------------------------------------------------- helpers


def cell(page: Page, key: str):
    """The entry input (or computed output) of a cell such as "r1a:n"."""
    return page.locator(f'#entry-form [data-cell="{key}"]')


def fill_cells(page: Page, values: dict[str, object]) -> None:
    for key, value in values.items():
        cell(page, key).fill(str(value))


def cell_td(page: Page, key: str):
    return page.locator(f'#entry-form td:has([data-cell="{key}"])')


def status_of(page: Page) -> str:
    return page.locator("#entry-status").get_attribute("data-status") or ""


def problems(page: Page) -> list[str]:
    return [nfc(t).strip() for t in page.locator(".problems li").all_inner_texts()]


def notice(page: Page) -> str:
    return text_of(page.locator(".notice"))


def entry_button(page: Page, action: str):
    return page.locator(f'#entry-form button[name=action][value="{action}"]')


def review_button(page: Page, decision: str):
    return page.locator(f'#review button[name=decision][value="{decision}"]')


def entry_path(org: str, period: str) -> str:
    return f"/reports/{FORM}/entry?org={org}&period={period}"


def query_of(href: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(href).query).items()}


def assert_locked(page: Page, keys) -> None:
    for key in keys:
        expect(cell(page, key)).not_to_be_editable()
    expect(entry_button(page, "submit")).to_have_count(0)


def printed_row(page: Page, row: str) -> dict[str, str]:
    """{column key: cell text} of one body row of #printed-table."""
    cells = page.locator(f'#printed-table tbody tr[data-row="{row}"] td[data-col]')
    return dict(zip(cells.evaluate_all("tds => tds.map(td => td.dataset.col)"),
                    (nfc(t).strip() for t in cells.all_inner_texts())))


def as_number(text: str) -> float:
    """Printed numbers are Vietnamese ("1.234", "12,5"); an empty or dash cell is 0."""
    t = text.strip().replace("%", "")
    if t in ("", "-", "—", "x", "X"):
        return 0.0
    return float(t.replace(".", "").replace(",", "."))


# Columns of the printed table that hold counts straight from entries (not the c6 sum, not the c7 percentage).
COUNT_COLUMNS = ["c1", "c2", "c3", "c4", "c5"]


def roll_up(page: Page, org: str, span: str, include_submitted: bool = False) -> tuple[dict[str, str], int]:
    """Opens the bloc's printed table for `span` through its filter form; returns (row r1a by column, #entry-count)."""
    goto(page, f"/reports/{FORM}/table?org={org}")
    filters = page.locator("form.filters")
    filters.locator("input[name=span]").fill(span)
    checkbox = filters.locator("input[name=include][value=submitted]")
    checkbox.set_checked(include_submitted)
    response = submit(page, filters.locator("button[type=submit]"))
    assert response.status == 200, f"table {span} -> {response.status}"
    assert query_of(page.url).get("span") == span
    expect(page.locator("#printed-table")).to_be_visible()
    return printed_row(page, "r1a"), vn_int(text_of(page.locator("#entry-count")))


def increase(before: dict[str, str], after: dict[str, str], columns: list[str]) -> dict[str, float]:
    return {c: as_number(after.get(c, "")) - as_number(before.get(c, "")) for c in columns}


def rate_line(page: Page, period: str) -> tuple[str, int, int]:
    """Opens the reporting-rate page as the current user; returns (DB-SYT outcome, #rate-expected, #rate-submitted)."""
    goto(page, f"/reports/{FORM}/rate?period={period}")
    row = page.locator(f'tr[data-outcome][data-code="{CLERK_ORG_CODE}"]')
    expect(row).to_have_count(1)
    expect(page.locator("#rate-value")).to_be_visible()
    return (row.get_attribute("data-outcome") or "", vn_int(text_of(page.locator("#rate-expected"))),
            vn_int(text_of(page.locator("#rate-submitted"))))


def xlsx_grid(data: bytes) -> list[list[str]]:
    """The first worksheet of an XLSX as rows of cell texts (shared and inline strings resolved)."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns):
                shared.append(nfc("".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t"))))
        sheets = sorted(n for n in z.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))
        root = ET.fromstring(z.read(sheets[0]))
    grid = []
    for row in root.iter(f"{{{ns['m']}}}row"):
        texts = []
        for c in row.findall("m:c", ns):
            kind, v = c.get("t"), c.find("m:v", ns)
            if kind == "s" and v is not None:
                texts.append(shared[int(v.text)])
            elif kind == "inlineStr":
                texts.append(nfc("".join(t.text or "" for t in c.iter(f"{{{ns['m']}}}t"))))
            else:
                texts.append(v.text if v is not None and v.text is not None else "")
        grid.append([t.strip() for t in texts])
    return grid


def first_row_with(rows: list[list[str]], label: str) -> list[str]:
    for row in rows:
        if label in row:
            return row
    raise AssertionError(f"no row labelled {label!r}; rows: {rows[:40]}")


def same_number(text: str, value: float) -> bool:
    t = re.sub(r"[\s.]", "", text).replace(",", ".")
    try:
        return float(t) == value
    except ValueError:
        return False


# ---------------------------------------------------------------- picking a period


def open_period(clerk: Page, officer: Page, org: str, default_period: str, empty_only: bool = True) -> str:
    """A period the clerk may fill for DB-SYT now: with no entry at all (empty_only) or any draft/returned one.

    Tries the default period first, then the picker's other options. If every such period is past its deadline,
    the bloc office grants an extension for the newest one, as a bloc office would."""
    goto(clerk, entry_path(org, default_period))
    options = clerk.locator("select#period option").evaluate_all("os => os.map(o => o.value)")
    assert options, "the entry page has no period picker options"
    candidates = [default_period] + [o for o in options if o != default_period]
    locked = []
    for code in candidates:
        goto(clerk, entry_path(org, code))
        empty = text_of(clerk.locator("#entry-status")) == NOT_YET_ENTERED
        if empty:
            assert status_of(clerk) == "draft", f"{code}: '{NOT_YET_ENTERED}' but data-status={status_of(clerk)}"
        if not (empty if empty_only else status_of(clerk) in ("draft", "returned")):
            continue
        if clerk.locator("#lock-message").count() == 0 and entry_button(clerk, "submit").count() == 1:
            return code
        locked.append(code)
    if not locked:
        pytest.fail(f"every period offered on the {FORM} entry page ({', '.join(candidates)}) already has a "
                    f"{'' if empty_only else 'submitted or approved '}entry for {CLERK_ORG_CODE}: "
                    "start the server on a fresh database")
    code = locked[0]
    goto(officer, entry_path(org, code))
    expect(officer.locator("#lock-message")).to_be_visible()
    extension = officer.locator("details:has(form[action*='/exception'])")
    extension.locator("summary").click()
    until = today() + dt.timedelta(days=30)
    extension.locator("input[name=until]").fill(f"{until.day}/{until.month}/{until.year}")
    extension.locator("input[name=reason]").fill("Kiểm thử tự động: mở lại kỳ để nhập")
    response = submit(officer, extension.locator("button[type=submit]"))
    assert response.status == 200, f"granting an extension -> {response.status}"
    assert "Đã gia hạn" in notice(officer)
    goto(clerk, entry_path(org, code))
    assert clerk.locator("#lock-message").count() == 0, f"{code} is still locked after the extension"
    return code


def today() -> dt.date:
    return dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()


def due_date(page: Page) -> dt.date:
    """The "Hạn nộp" date on the entry page."""
    text = text_of(page.locator("p.summary span", has_text="Hạn nộp").locator("strong"))
    day, month, year = (int(x) for x in re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text).groups())
    return dt.date(year, month, day)


# ---------------------------------------------------------------- the flow


def test_entry_return_resubmit_approve_rollup_xlsx_rate(new_page, tmp_path):
    clerk, officer = new_page(), new_page()
    # Wrong things a user sees that do not stop the flow: collected, and the test fails at the end listing them all.
    ui_bugs: list[str] = []
    login(clerk, "coso")
    login(officer, "khoi")

    # 1. The clerk's forms list: PL 8.1 has "Nhập số liệu"; its link gives the organization and default period.
    goto(clerk, "/reports")
    form_row = clerk.locator(f'tr[data-form="{FORM}"]')
    expect(form_row).to_have_count(1)
    entry_link = form_row.get_by_role("link", name="Nhập số liệu")
    expect(entry_link).to_have_count(1)
    screenshot(clerk, "entry-01-reports-list-coso.png")
    link = query_of(entry_link.get_attribute("href"))
    org, default_period = link["org"], link["period"]
    assert re.fullmatch(r"\d{4}-Q[1-4]", default_period), default_period
    with clerk.expect_navigation(wait_until="load"):
        entry_link.click()
    assert urlparse(clerk.url).path == f"/reports/{FORM}/entry"
    expect(clerk.locator("form#entry-form")).to_be_visible()

    # The bloc office's list: "Bảng tổng hợp" at the bloc, and no "Nhập số liệu" (the bloc does not report PL 8.1).
    goto(officer, "/reports")
    officer_row = officer.locator(f'tr[data-form="{FORM}"]')
    expect(officer_row.get_by_role("link", name="Nhập số liệu")).to_have_count(0)
    bloc_org = query_of(officer_row.get_by_role("link", name="Bảng tổng hợp").get_attribute("href"))["org"]
    assert bloc_org != org

    period = open_period(clerk, officer, org, default_period)
    year = period[:4]
    url = entry_path(org, period)

    # Before: the bloc's roll-up for the year, with and without not-yet-approved reports, and the reporting rate.
    approved_before, count_before = roll_up(officer, bloc_org, year)
    submitted_before_rollup, count_submitted_before = roll_up(officer, bloc_org, year, include_submitted=True)
    outcome_before, expected_before, submitted_before = rate_line(officer, period)
    assert outcome_before == "missing", f"{CLERK_ORG_CODE} has no {period} entry yet, rate page says {outcome_before}"
    screenshot(officer, "entry-02-rate-before.png")

    # 2. Empty entry page for the chosen period.
    goto(clerk, url)
    expect(clerk.locator("#entry-status")).to_have_attribute("data-status", "draft")
    expect(clerk.locator("#entry-status")).to_have_text(NOT_YET_ENTERED)
    expect(clerk.locator("select#period")).to_have_value(period)
    on_time = due_date(clerk) >= today()  # else the period is open through a bloc extension: the report is late
    screenshot(clerk, "entry-03-empty.png")

    # 3. Typing: a rule error shows live; numbers a count cannot hold are flagged; computed rows follow the typing.
    fill_cells(clerk, {TOTAL: FIRST_TOTAL, VIOLATED: FIRST_TOTAL + 2, DISCIPLINED: 2,
                       ORG_TOTAL: "2,5", ORG_VIOLATED: "-3",
                       D2_TOTAL: 3, D2_BTV: 1, D2_DCS: 2, D2_CB: 0, D2_KT: 2, D2_CC: 1})
    expect(clerk.locator(f'.rule-message[data-for="{VIOLATED}"]')).to_contain_text(RULE_VIOLATED)
    expect(cell(clerk, "d2a:n")).to_have_text("3")
    expect(cell(clerk, "d2b:n")).to_have_text("3")
    expect(cell(clerk, ORG_TOTAL)).to_have_attribute("aria-invalid", "true")
    expect(cell(clerk, ORG_VIOLATED)).to_have_attribute("aria-invalid", "true")
    expect(cell(clerk, TOTAL)).to_have_attribute("aria-invalid", "false")
    expect(clerk.locator(f'.rule-message[data-for="{D2_BTV}"]')).to_have_text("")
    screenshot(clerk, "entry-04-live-errors.png")

    # 4. "Lưu nháp" with numbers a count cannot hold: 422, each bad cell says why, everything typed is kept.
    #    (Unreadable text such as "abc" has its own test below.)
    response = submit(clerk, entry_button(clerk, "save"))
    assert response.status == 422, f"saving '2,5' and '-3' in count cells -> {response.status}"
    for key in (ORG_TOTAL, ORG_VIOLATED):
        expect(cell_td(clerk, key).locator(".cell-problem")).to_have_count(1)
        assert text_of(cell_td(clerk, key).locator(".cell-problem")), f"{key}: empty .cell-problem"
    expect(cell(clerk, ORG_TOTAL)).to_have_value("2,5")
    expect(cell(clerk, ORG_VIOLATED)).to_have_value("-3")
    expect(cell(clerk, VIOLATED)).to_have_value(str(FIRST_TOTAL + 2))
    assert len(problems(clerk)) >= 2, problems(clerk)
    expect(clerk.locator("#entry-status")).to_have_text(NOT_YET_ENTERED)  # nothing was stored
    screenshot(clerk, "entry-05-type-errors-422.png")

    # 5. Numbers fixed, rule still broken: "Gửi cấp trên" is refused (422) with the rule's message; values kept.
    fill_cells(clerk, {ORG_TOTAL: 4, ORG_VIOLATED: 1})
    response = submit(clerk, entry_button(clerk, "submit"))
    assert response.status == 422, f"submitting with a failing rule -> {response.status}"
    assert any(RULE_VIOLATED in p for p in problems(clerk)), problems(clerk)
    assert len(problems(clerk)) == 1, f"only the broken rule should be listed: {problems(clerk)}"
    expect(cell(clerk, VIOLATED)).to_have_value(str(FIRST_TOTAL + 2))
    expect(cell(clerk, ORG_TOTAL)).to_have_value("4")
    expect(clerk.locator(f'.rule-message[data-for="{VIOLATED}"]')).to_contain_text(RULE_VIOLATED)
    expect(clerk.locator("#entry-status")).to_have_attribute("data-status", "draft")
    screenshot(clerk, "entry-06-rule-error-422.png")

    # 6. Fixed (27 -> 7): submitted, read-only, waiting for the bloc.
    fill_cells(clerk, {VIOLATED: 7})
    expect(clerk.locator(f'.rule-message[data-for="{VIOLATED}"]')).to_have_text("")
    response = submit(clerk, entry_button(clerk, "submit"))
    assert response.status == 200, f"submitting a correct report -> {response.status}: {problems(clerk)}"
    assert urlparse(clerk.url).path == f"/reports/{FORM}/entry" and query_of(clerk.url)["period"] == period
    assert "Đã gửi báo cáo lên cấp trên" in notice(clerk)
    expect(clerk.locator("#entry-status")).to_have_attribute("data-status", "submitted")
    expect(cell(clerk, TOTAL)).to_have_value(str(FIRST_TOTAL))
    expect(cell(clerk, VIOLATED)).to_have_value("7")
    assert_locked(clerk, (TOTAL, VIOLATED, D2_TOTAL))
    expect(clerk.locator("#review")).to_have_count(0)  # the clerk does not review its own report
    screenshot(clerk, "entry-07-submitted.png")

    # 7. The officer sees it; returning without a comment is refused, with a comment it goes back.
    goto(officer, url)
    expect(officer.locator("#entry-status")).to_have_attribute("data-status", "submitted")
    expect(cell(officer, TOTAL)).to_have_value(str(FIRST_TOTAL))
    expect(officer.locator("#review textarea[name=comment]")).to_be_visible()
    screenshot(officer, "entry-08-officer-review.png")
    response = submit(officer, review_button(officer, "return"))
    assert response.status == 422, f"returning without a comment -> {response.status}"
    assert text_of(officer.locator(".problems")), "no message saying a comment is needed"
    screenshot(officer, "entry-09-return-without-comment-422.png")
    goto(officer, url)
    expect(officer.locator("#entry-status")).to_have_attribute("data-status", "submitted")
    return_comment = "Đề nghị kiểm tra lại tổng số đảng viên được kiểm tra"
    officer.locator("#review textarea[name=comment]").fill(return_comment)
    response = submit(officer, review_button(officer, "return"))
    assert response.status == 200, f"returning with a comment -> {response.status}"
    assert "Đã trả lại báo cáo" in notice(officer)
    expect(officer.locator("#entry-status")).to_have_attribute("data-status", "returned")
    screenshot(officer, "entry-10-returned.png")

    # 8. The clerk reads the comment, changes the total; a warning now fails, so submitting asks for an explanation.
    goto(clerk, url)
    expect(clerk.locator("#entry-status")).to_have_attribute("data-status", "returned")
    expect(clerk.locator("#review-comment")).to_contain_text(return_comment)
    expect(cell(clerk, TOTAL)).to_be_editable()
    fill_cells(clerk, {TOTAL: FINAL_TOTAL, D2_TOTAL: 4})  # 1 + 2 + 0 by level != 4: a warning, not an error
    expect(clerk.locator(f'.rule-message[data-for="{D2_BTV}"]')).to_contain_text(WARNING_BY_LEVEL)
    screenshot(clerk, "entry-11-returned-editing.png")
    response = submit(clerk, entry_button(clerk, "submit"))
    assert response.status == 422, f"submitting with an unexplained warning -> {response.status}"
    assert any("giải trình" in p for p in problems(clerk)), problems(clerk)
    expect(clerk.locator("textarea[name=warningComment]")).to_be_visible()
    expect(cell(clerk, TOTAL)).to_have_value(str(FINAL_TOTAL))
    screenshot(clerk, "entry-12-warning-needs-explanation.png")
    clerk.locator("textarea[name=warningComment]").fill("Một tổ chức đảng bị kỷ luật ở cấp khác, đang xác minh")
    response = submit(clerk, entry_button(clerk, "submit"))
    assert response.status == 200, f"resubmitting -> {response.status}: {problems(clerk)}"
    assert "Đã gửi báo cáo lên cấp trên" in notice(clerk)
    expect(clerk.locator("#entry-status")).to_have_attribute("data-status", "submitted")
    expect(cell(clerk, TOTAL)).to_have_value(str(FINAL_TOTAL))
    assert_locked(clerk, (TOTAL,))
    screenshot(clerk, "entry-13-resubmitted.png")

    # 9. Submitted but not approved: only "Tính cả báo cáo chưa duyệt" shows it in the roll-up.
    columns = COUNT_COLUMNS
    approved_only, count_approved_only = roll_up(officer, bloc_org, year)
    assert increase(approved_before, approved_only, columns) == {c: 0 for c in columns}, (approved_before, approved_only)
    assert count_approved_only == count_before
    with_submitted, count_with_submitted = roll_up(officer, bloc_org, year, include_submitted=True)
    expect(officer.locator("input[name=include][value=submitted]")).to_be_checked()
    grew = increase(submitted_before_rollup, with_submitted, columns)
    assert any(d == FINAL_TOTAL for d in grew.values()), \
        f"with submitted reports, no column of r1a rose by {FINAL_TOTAL}: {submitted_before_rollup} -> {with_submitted}"
    assert all(d in (0, FINAL_TOTAL) for d in grew.values()), grew
    assert count_with_submitted == count_submitted_before + 1, (count_submitted_before, count_with_submitted)
    screenshot(officer, "entry-14-rollup-including-submitted.png")

    # 10. The officer approves: locked for everyone.
    goto(officer, url)
    expect(officer.locator("#entry-status")).to_have_attribute("data-status", "submitted")
    response = submit(officer, review_button(officer, "approve"))
    assert response.status == 200, f"approving -> {response.status}"
    assert "Đã duyệt báo cáo" in notice(officer)
    expect(officer.locator("#entry-status")).to_have_attribute("data-status", "approved")
    expect(officer.locator("#lock-message")).to_be_visible()
    expect(officer.locator("#review")).to_have_count(0)
    screenshot(officer, "entry-15-approved-officer.png")
    review_note = officer.locator("#review-comment")
    if review_note.count() and not re.sub(r"^[^:]*:", "", text_of(review_note)).strip():
        ui_bugs.append("approved without a comment, yet the entry page shows an empty red box #review-comment "
                       f"{text_of(review_note)!r} (entry-15-approved-officer.png)")
    goto(clerk, url)
    expect(clerk.locator("#entry-status")).to_have_attribute("data-status", "approved")
    expect(clerk.locator("#lock-message")).to_be_visible()
    assert_locked(clerk, (TOTAL, VIOLATED, D2_TOTAL))
    screenshot(clerk, "entry-16-approved-clerk.png")

    # 11. The bloc's roll-up (approved reports only) grew by exactly the entered numbers.
    after, count_after = roll_up(officer, bloc_org, year)
    grew = increase(approved_before, after, columns)
    rose = [c for c, d in grew.items() if d == FINAL_TOTAL]
    assert rose, f"no column of r1a rose by {FINAL_TOTAL}: {approved_before} -> {after}"
    assert all(d in (0, FINAL_TOTAL) for d in grew.values()), grew
    assert count_after == count_before + 1, (count_before, count_after)
    total_column = increase(approved_before, after, ["c6"])["c6"]
    if total_column != FINAL_TOTAL:
        ui_bugs.append(f"the bloc's column 6 'Cộng kết quả thực hiện' of row r1a rose by {total_column:g}, not by the "
                       f"{FINAL_TOTAL} entered once (span {year}: {approved_before} -> {after}); the same period is "
                       "counted in two columns (entry-17-rollup-after-approval.png)")
    column = rose[0]
    bloc_total = as_number(after[column])
    violated_row = printed_row(officer, "r1b1")
    assert as_number(violated_row[column]) >= 7, violated_row
    screenshot(officer, "entry-17-rollup-after-approval.png")

    # 12. XLSX download of that table: made by a job, whose page then offers the file.
    table_url = officer.url
    with officer.expect_navigation(wait_until="load"):
        officer.locator("#download-xlsx").click()
    ready = officer.locator("#job-download")
    ready.wait_for(timeout=60_000)
    screenshot(officer, "entry-17b-export-ready.png", full_page=False)
    with officer.expect_download() as info:
        ready.click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx"), download.suggested_filename
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    data = path.read_bytes()
    assert data[:2] == b"PK", data[:8]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        shared = nfc(z.read("xl/sharedStrings.xml").decode("utf-8"))
        assert FORM_TITLE in shared
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        assert any(f"<v>{bloc_total:g}</v>" in z.read(n).decode("utf-8") for n in sheets), \
            f"{bloc_total:g} is in no worksheet"
    officer.goto(table_url, wait_until="load")
    label = text_of(officer.locator('#printed-table tr[data-row="r1a"] td.label'))
    xlsx_row = first_row_with(xlsx_grid(data), label)
    assert any(same_number(t, bloc_total) for t in xlsx_row), f"XLSX row {label!r} lacks {bloc_total:g}: {xlsx_row}"
    shutil.copyfile(path, screenshot_dir() / ("entry-18-" + path.name))  # kept next to the screenshots

    # 13. The reporting rate: the Sở Y tế reported (on time, unless the deadline had to be extended).
    outcome, expected, submitted_now = rate_line(officer, period)
    assert outcome == ("onTime" if on_time else "late"), outcome
    assert expected == expected_before
    assert submitted_now == submitted_before + 1, (submitted_before, submitted_now)
    screenshot(officer, "entry-19-rate-after.png")

    # 14. LibreOffice opens the XLSX and reads the same row (only when soffice is installed).
    soffice = shutil.which("soffice")
    if soffice:
        out = tmp_path / "csv"
        out.mkdir()
        run = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
                              "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(out),
                              str(path)], capture_output=True, text=True, timeout=180)
        converted = out / (path.stem + ".csv")
        assert converted.exists(), f"soffice wrote no CSV (exit {run.returncode}): {run.stdout} {run.stderr}"
        rows = [[nfc(c).strip() for c in r] for r in csv.reader(io.StringIO(converted.read_text(encoding="utf-8")))]
        assert any(FORM_TITLE in c for r in rows for c in r), rows[:5]
        csv_row = first_row_with(rows, label)
        assert any(same_number(t, bloc_total) for t in csv_row), f"CSV row {label!r} lacks {bloc_total:g}: {csv_row}"

    assert not ui_bugs, "the flow went through, but:\n- " + "\n- ".join(ui_bugs)
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed, so the XLSX was checked with zipfile only; "
                    "./scripts/test installs libreoffice-calc-nogui")

def test_entry_page_fits_a_phone(phone_page):
    login(phone_page, "coso")
    goto(phone_page, "/reports")
    link = phone_page.locator(f'tr[data-form="{FORM}"]').get_by_role("link", name="Nhập số liệu")
    with phone_page.expect_navigation(wait_until="load"):
        link.click()
    expect(phone_page.locator("form#entry-form")).to_be_visible()
    screenshot(phone_page, "entry-phone-01.png")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    if width > 400:
        pytest.fail(f"entry page is {width}px wide at 390px: {overflowing_elements(phone_page)}")


def test_unreadable_numbers_are_flagged_at_their_cell(new_page):
    """Saving text that is not a number: 422, nothing stored, and the message sits next to the cell (not only in the
    list at the top, which does not say which row it is about)."""
    clerk, officer = new_page(), new_page()
    login(clerk, "coso")
    login(officer, "khoi")
    goto(clerk, "/reports")
    href = clerk.locator(f'tr[data-form="{FORM}"]').get_by_role("link", name="Nhập số liệu").get_attribute("href")
    link = query_of(href)
    period = open_period(clerk, officer, link["org"], link["period"], empty_only=False)
    goto(clerk, entry_path(link["org"], period))
    status_before = text_of(clerk.locator("#entry-status"))
    fill_cells(clerk, {ORG_TOTAL: "abc", ORG_VIOLATED: "-3"})
    expect(cell(clerk, ORG_TOTAL)).to_have_attribute("aria-invalid", "true")
    response = submit(clerk, entry_button(clerk, "save"))
    screenshot(clerk, "entry-typeerror-01-abc.png")
    assert response.status == 422, f"saving 'abc' -> {response.status}"
    assert any("abc" in p for p in problems(clerk)), problems(clerk)
    expect(cell(clerk, ORG_TOTAL)).to_have_value("abc")
    expect(clerk.locator("#entry-status")).to_have_text(status_before)
    expect(cell_td(clerk, ORG_VIOLATED).locator(".cell-problem")).to_have_count(1)
    expect(cell_td(clerk, ORG_TOTAL).locator(".cell-problem")).to_have_count(1)


def test_printed_table_counts_each_period_once(page):
    """Columns 2-5 of PL 8.1 are the years of the span (first, second, third, and "to March" = the last part); their
    sum is column 6. For any span, two of them must not cover the same period, or column 6 counts it twice.
    Reads each cell's explanation (its title), so it needs no data."""
    login(page, "khoi")
    goto(page, "/reports")
    href = page.locator(f'tr[data-form="{FORM}"]').get_by_role("link", name="Bảng tổng hợp").get_attribute("href")
    twice = []
    for i, span in enumerate(["07/2020-03/2023", "01/2021-03/2023", "2022"]):
        goto(page, href)
        filters = page.locator("form.filters")
        filters.locator("input[name=span]").fill(span)
        submit(page, filters.locator("button[type=submit]"))
        screenshot(page, f"table-span-{i + 1:02d}.png", full_page=False)
        covered: dict[str, str] = {}
        for td in page.locator('#printed-table tbody tr[data-row="r1a"] td[data-col]').all():
            col = td.get_attribute("data-col")
            m = re.match(r"^[^,:]+, (.+?): ", nfc(td.get_attribute("title") or ""))
            if col in ("c2", "c3", "c4", "c5") and m:
                if m.group(1) in covered:
                    twice.append(f"span {span}: columns {covered[m.group(1)]} and {col} both hold {m.group(1)}")
                covered.setdefault(m.group(1), col)
    assert not twice, "column 6 (their sum) counts a period twice:\n- " + "\n- ".join(twice)
