"""One number format everywhere (issue 7, item 6): every page each demo role reaches from its home page, followed
link by link, shows numbers of four digits or more with the thousands separator (7.390), never "7390".
Identifiers — card numbers, organization codes, telephone numbers, addresses — are marked `data-identifier` in the
templates and are not numbers; years stand alone in dates and periods (12/4/2022, Quý IV/2026, năm 2026)."""

import re
from urllib.parse import urljoin, urlparse

from conftest import DEMO_PASSWORD, _base_url, login

ROLES = ["admin", "khoi", "ubkt", "coso", "dangvien"]
PAGES_PER_ROLE = 45
# Addresses that are downloads, writes or one page repeated for every row (one of each is enough).
SKIP = re.compile(r"(\.xlsx|\.csv|\.json|\.ics|/logout|print=1|/template|/status$)")
SAME_SHAPE = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}|(?<==)[^&]+")

# A run of 4+ digits standing alone: not part of a grouped number ("7.390", "98,86"), of a date or period, nor of a
# word ("khongco1796", a username someone typed; "T01", a code).
UNGROUPED = re.compile(r"(?<![\w.,/:\-])\d{4,}(?![\d.,]?\d|\w)")
YEAR = re.compile(r"^(19|20)\d\d$")

VISIBLE_TEXT = """() => {
  const skip = '[data-identifier], script, style, textarea, select, code, time, [hidden]';
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  const parts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest(skip)) { parts.push(node.nodeValue); }
  }
  return parts.join(' | ');
}"""


def ungrouped_numbers(text: str) -> list[str]:
    found = []
    for match in UNGROUPED.finditer(text):
        digits = match.group(0)
        if YEAR.match(digits):
            continue  # a year: "năm 2026", "Quý IV/2026", "12/4/2022", "2020–2025"
        start = max(0, match.start() - 30)
        found.append(text[start:match.end() + 10].replace("\n", " "))
    return found


def crawl(page, limit: int):
    base = _base_url()
    seen_shapes, queue, visited = set(), ["/"], []
    while queue and len(visited) < limit:
        path = queue.pop(0)
        shape = SAME_SHAPE.sub("*", path)
        if shape in seen_shapes:
            continue
        seen_shapes.add(shape)
        response = page.goto(base + path, wait_until="load")
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        visited.append(path)
        yield path
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))"):
            target = urlparse(urljoin(base + path, href))
            if target.netloc != urlparse(base).netloc or SKIP.search(target.path + "?" + target.query):
                continue
            queue.append(target.path + ("?" + target.query if target.query else ""))


def test_every_page_writes_long_numbers_with_separators(new_page):
    problems = []
    for role in ROLES:
        page = new_page()
        login(page, role, DEMO_PASSWORD)
        pages = 0
        for path in crawl(page, PAGES_PER_ROLE):
            pages += 1
            for context in ungrouped_numbers(page.evaluate(VISIBLE_TEXT))[:3]:
                problems.append(f"{role} {path}: …{context}…")
        assert pages >= 5, f"{role} reached only {pages} pages"
        page.close()
    assert not problems, "\n".join(problems[:40])


def test_the_scan_finds_what_it_looks_for():
    assert ungrouped_numbers("7390 đảng viên") == ["7390 đảng viên"]
    found = ungrouped_numbers("thêm 3375, bỏ qua 1625 dòng")
    assert len(found) == 2 and "3375" in found[0] and "1625" in found[1], found
    assert ungrouped_numbers("7.390 đảng viên; 98,86%; 12/4/2022; Quý IV/2026; năm 2026; 0,1234") == []
    assert ungrouped_numbers("Tài khoản khongco1796183279662 bị tạm khóa; mã T0123") == []
