#!/usr/bin/env python3
"""Check the report form definitions in Forms/*.json against docs/forms.md, and the seed-table fixtures
in Tests/fixtures/seed-tables/ against the seed text.

    python3 scripts/dev/check_forms.py [--seed PATH] [--quiet]

Errors (exit status 1): invalid JSON, missing or mistyped keys, duplicate keys, unknown references in
expressions / rules / greyed cells / header groups, cycles, fixture labels not found in the seed, fixture
cells that name unknown rows or columns.
Warnings: keys that docs/forms.md does not define, empty data rows, etc.
Info: the seed's own arithmetic, re-computed from the printed figures in <code>.values.json (formula
columns and computed rows), so that slips in the seed are listed.
Python 3 standard library only.
"""
import argparse
import glob
import json
import os
import re
import sys
import unicodedata

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_SEED = "/work/shared/seed/000_13a0cd579e903757.txt"

TYPES = {"count", "number", "money", "percent", "text", "monthYear"}
NUMERIC = {"count", "number", "money", "percent"}
PERIOD_TYPES = {"month", "quarter", "halfYear", "year"}
LEVELS = {"grassrootsCommittee", "grassrootsCell", "subordinateCell", "bloc"}
KINDS = {"data", "heading", "computed"}
AGGREGATES = {"sum", "last"}
OPS = {"==", "<=", "<", ">=", ">", "!="}
SEVERITIES = {"error", "warning"}
PLACEHOLDERS = {"year", "startMonth", "endMonth", "startYear", "endYear"}
PARTS = {"year", "halfYear"}

TOP_KEYS = {"code": str, "appendix": str, "title": str, "periodType": str, "reporters": dict,
            "deadline": dict, "stub": list, "columns": list, "rows": list}
TOP_OPTIONAL = {"subtitle": str, "unit": str, "entryColumns": list, "headerGroups": list, "greyed": list,
                "rules": list}
COLUMN_KEYS = {"key", "title", "number", "type", "expr", "period", "formula", "decimals"}
ROW_KEYS = {"key", "number", "label", "kind", "formula", "aggregate", "indent", "entryTypes"}
ENTRY_KEYS = {"key", "title", "type"}
RULE_KEYS = {"left", "op", "right", "severity", "message"}
KEY_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
CODE_RE = re.compile(r"^[A-Za-z0-9._-]+$")


class Report:
    def __init__(self):
        self.errors, self.warnings, self.infos = [], [], []
        self.seen_unknown = set()

    def error(self, where, msg):
        self.errors.append(f"{where}: {msg}")

    def warn(self, where, msg):
        self.warnings.append(f"{where}: {msg}")

    def info(self, where, msg):
        self.infos.append(f"{where}: {msg}")


# ------------------------------------------------------------------ expressions
TOKEN_RE = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*(?::[A-Za-z_][A-Za-z0-9_]*)?)|(.))")


def tokenize(src):
    pos, out = 0, []
    src = src.rstrip()
    while pos < len(src):
        m = TOKEN_RE.match(src, pos)
        if not m or m.end() == pos:
            raise SyntaxError(f"cannot read {src[pos:]!r}")
        num, name, op = m.groups()
        if num is not None:
            out.append(("num", float(num)))
        elif name is not None:
            out.append(("name", name))
        elif op in "+-*/(),":
            out.append(("op", op))
        elif op.strip():
            raise SyntaxError(f"unexpected {op!r}")
        pos = m.end()
    return out


class Parser:
    """expr := term (('+'|'-') term)* ; term := factor (('*'|'/') factor)* ;
    factor := number | name | 'sum' '(' expr (',' expr)* ')' | '(' expr ')' | '-' factor"""

    def __init__(self, src):
        self.toks = tokenize(src)
        self.i = 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None)

    def take(self, kind=None, val=None):
        t = self.peek()
        if t[0] is None or (kind and t[0] != kind) or (val and t[1] != val):
            raise SyntaxError(f"expected {val or kind}, found {t[1]!r}")
        self.i += 1
        return t

    def parse(self):
        node = self.expr()
        if self.i != len(self.toks):
            raise SyntaxError(f"unexpected {self.peek()[1]!r}")
        return node

    def expr(self):
        node = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            node = ("bin", op, node, self.term())
        return node

    def term(self):
        node = self.factor()
        while self.peek() in (("op", "*"), ("op", "/")):
            op = self.take()[1]
            node = ("bin", op, node, self.factor())
        return node

    def factor(self):
        kind, val = self.peek()
        if kind == "num":
            self.take()
            return ("num", val)
        if kind == "op" and val == "-":
            self.take()
            return ("neg", self.factor())
        if kind == "op" and val == "(":
            self.take()
            node = self.expr()
            self.take("op", ")")
            return node
        if kind == "name":
            self.take()
            if val == "sum" and self.peek() == ("op", "("):
                self.take()
                args = [self.expr()]
                while self.peek() == ("op", ","):
                    self.take()
                    args.append(self.expr())
                self.take("op", ")")
                return ("sum", args)
            return ("ref", val)
        raise SyntaxError("unexpected end" if kind is None else f"unexpected {val!r}")


def refs(node):
    if node[0] == "ref":
        return [node[1]]
    if node[0] == "bin":
        return refs(node[2]) + refs(node[3])
    if node[0] == "neg":
        return refs(node[1])
    if node[0] == "sum":
        return [r for a in node[1] for r in refs(a)]
    return []


def evaluate(node, env):
    """env: name -> float or None; None propagates as 'empty' (treated as 0 in sums)."""
    t = node[0]
    if t == "num":
        return node[1]
    if t == "ref":
        v = env.get(node[1])
        return 0.0 if v is None else v
    if t == "neg":
        return -evaluate(node[1], env)
    if t == "sum":
        return sum(evaluate(a, env) for a in node[1])
    a, b = evaluate(node[2], env), evaluate(node[3], env)
    op = node[1]
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    return None if b == 0 else a / b


def parse_expr(src, where, rep):
    if not isinstance(src, str) or not src.strip():
        rep.error(where, "empty expression")
        return None
    try:
        return Parser(src).parse()
    except SyntaxError as e:
        rep.error(where, f"syntax error in {src!r}: {e}")
        return None


def find_cycle(graph):
    """graph: node -> set(nodes). Returns a cycle as a list, or None."""
    WHITE, GREY, BLACK = 0, 1, 2
    colour = {n: WHITE for n in graph}
    stack = []

    def visit(n):
        colour[n] = GREY
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if colour.get(m, BLACK) == GREY:
                return stack[stack.index(m):] + [m]
            if colour.get(m) == WHITE:
                c = visit(m)
                if c:
                    return c
        stack.pop()
        colour[n] = BLACK
        return None

    for n in sorted(graph):
        if colour[n] == WHITE:
            c = visit(n)
            if c:
                return c
    return None


# ------------------------------------------------------------------ form checks
def check_type(obj, key, typ, where, rep, required=True):
    if key not in obj:
        if required:
            rep.error(where, f"missing key {key!r}")
        return False
    if not isinstance(obj[key], typ) or (typ is int and isinstance(obj[key], bool)):
        rep.error(f"{where}.{key}", f"expected {typ.__name__}, found {type(obj[key]).__name__}")
        return False
    return True


def check_nonempty_str(obj, key, where, rep, required=True):
    if check_type(obj, key, str, where, rep, required) and required and not obj[key].strip():
        rep.error(f"{where}.{key}", "empty string")


def check_title_template(title, where, rep, has_period):
    for ph in re.findall(r"\{([^}]*)\}", title):
        if ph not in PLACEHOLDERS:
            rep.error(where, f"unknown placeholder {{{ph}}}")
    if "{" in title and not has_period:
        rep.warn(where, "template placeholder in a column without an own period (uses the span)")


def check_period(p, where, rep):
    if not isinstance(p, dict):
        rep.error(where, "period must be an object")
        return
    keys = set(p)
    if keys == {"part", "index"}:
        if p["part"] not in PARTS:
            rep.error(where, f"unknown part {p['part']!r}")
        if not isinstance(p["index"], int) or isinstance(p["index"], bool):
            rep.error(where, "index must be an integer")
    elif keys == {"shiftYears"}:
        if not isinstance(p["shiftYears"], int) or isinstance(p["shiftYears"], bool):
            rep.error(where, "shiftYears must be an integer")
    elif keys == {"fromPartIndex"}:
        if not isinstance(p["fromPartIndex"], int) or isinstance(p["fromPartIndex"], bool):
            rep.error(where, "fromPartIndex must be an integer")
    else:
        rep.error(where, f"unknown period shape {sorted(keys)}")


def unknown_keys(obj, allowed, where, rep):
    """Warn once per file, place and key (e.g. once for every row carrying "unit")."""
    place = re.sub(r"\[\d+\].*$", "[*]", where)
    for k in obj:
        if k not in allowed and (place, k) not in rep.seen_unknown:
            rep.seen_unknown.add((place, k))
            n = "" if place == where else " (reported once for all)"
            rep.warn(place, f"key {k!r} is not defined in docs/forms.md{n}")


def check_form(path, f, rep):
    name = os.path.relpath(path, ROOT)
    if not isinstance(f, dict):
        rep.error(name, "top level must be an object")
        return None
    for k, t in TOP_KEYS.items():
        check_type(f, k, t, name, rep)
    for k, t in TOP_OPTIONAL.items():
        check_type(f, k, t, name, rep, required=False)
    unknown_keys(f, set(TOP_KEYS) | set(TOP_OPTIONAL), name, rep)
    for k in ("code", "appendix", "title"):
        check_nonempty_str(f, k, name, rep)
    code = f.get("code")
    if isinstance(code, str) and not CODE_RE.match(code):
        rep.error(f"{name}: code", f"{code!r} does not match [A-Za-z0-9._-]+")
    if f.get("periodType") not in PERIOD_TYPES:
        rep.error(f"{name}: periodType", f"must be one of {sorted(PERIOD_TYPES)}")

    reporters = f.get("reporters")
    if isinstance(reporters, dict):
        lv = reporters.get("levels")
        if not isinstance(lv, list) or not lv or not all(isinstance(x, str) for x in lv):
            rep.error(f"{name}: reporters.levels", "must be a non-empty list of strings")
        else:
            for x in lv:
                if x not in LEVELS:
                    rep.warn(f"{name}: reporters.levels", f"unexpected level {x!r}")
        uk = reporters.get("unitKinds", [])
        if not isinstance(uk, list):
            rep.error(f"{name}: reporters.unitKinds", "must be a list")
        unknown_keys(reporters, {"levels", "unitKinds"}, f"{name}: reporters", rep)
    deadline = f.get("deadline")
    if isinstance(deadline, dict):
        d = deadline.get("daysAfterPeriodEnd")
        if not isinstance(d, int) or isinstance(d, bool) or d < 0:
            rep.error(f"{name}: deadline.daysAfterPeriodEnd", "must be a non-negative integer")
        unknown_keys(deadline, {"daysAfterPeriodEnd"}, f"{name}: deadline", rep)

    for i, s in enumerate(f.get("stub") or []):
        w = f"{name}: stub[{i}]"
        if not isinstance(s, dict):
            rep.error(w, "must be an object")
            continue
        check_type(s, "title", str, w, rep)
        check_type(s, "number", str, w, rep, required=False)
        unknown_keys(s, {"title", "number"}, w, rep)
    if not f.get("stub"):
        rep.error(name, "stub is empty")

    # entry columns
    entry = {}
    has_entry = "entryColumns" in f
    for i, e in enumerate(f.get("entryColumns") or []):
        w = f"{name}: entryColumns[{i}]"
        if not isinstance(e, dict):
            rep.error(w, "must be an object")
            continue
        check_type(e, "key", str, w, rep)
        check_type(e, "title", str, w, rep)
        check_type(e, "type", str, w, rep)
        unknown_keys(e, ENTRY_KEYS, w, rep)
        k = e.get("key")
        if isinstance(k, str):
            if not KEY_RE.match(k):
                rep.error(w, f"key {k!r} is not an identifier usable in expressions")
            if k in entry:
                rep.error(w, f"duplicate entry column key {k!r}")
            entry[k] = e.get("type")
        if e.get("type") not in TYPES:
            rep.error(w, f"unknown type {e.get('type')!r}")
    if has_entry and not entry:
        rep.error(name, "entryColumns is present but empty")

    # printed columns
    cols = {}
    col_nodes = {}
    for i, c in enumerate(f.get("columns") or []):
        w = f"{name}: columns[{i}]"
        if not isinstance(c, dict):
            rep.error(w, "must be an object")
            continue
        for k in ("key", "title", "number", "type"):
            check_type(c, k, str, w, rep)
        check_type(c, "decimals", int, w, rep, required=False)
        unknown_keys(c, COLUMN_KEYS, w, rep)
        k = c.get("key")
        if isinstance(k, str):
            w = f"{name}: columns[{i}] ({k})"
            if not KEY_RE.match(k):
                rep.error(w, "key is not an identifier usable in expressions")
            if k in cols:
                rep.error(w, f"duplicate column key {k!r}")
            cols[k] = c
        if c.get("type") not in TYPES:
            rep.error(w, f"unknown type {c.get('type')!r}")
        if "expr" in c and "formula" in c:
            rep.error(w, "has both expr and formula")
        if "period" in c:
            check_period(c["period"], f"{w}.period", rep)
            if "formula" in c:
                rep.error(w, "a formula column takes no period")
        if isinstance(c.get("title"), str):
            check_title_template(c["title"], f"{w}.title", rep, "period" in c)
        if not has_entry and "expr" in c:
            rep.error(w, "expr given but entryColumns is omitted")
        if has_entry and "expr" not in c and "formula" not in c:
            rep.error(w, "needs expr or formula (entryColumns is declared)")
    if not cols:
        rep.error(name, "no columns")

    # defaulting rule: grid forms
    if not has_entry:
        for k, c in cols.items():
            if "formula" not in c:
                entry[k] = c.get("type")

    for k, c in cols.items():
        w = f"{name}: columns ({k})"
        if "expr" in c:
            node = parse_expr(c["expr"], f"{w}.expr", rep)
            if node:
                for r in refs(node):
                    if r not in entry:
                        rep.error(f"{w}.expr", f"unknown entry column {r!r}")
                    elif entry[r] not in NUMERIC and node[0] != "ref":
                        rep.error(f"{w}.expr", f"arithmetic over non-numeric entry column {r!r}")
                if c.get("type") in ("text", "monthYear") and node[0] != "ref":
                    rep.error(f"{w}.expr", "a text column must be a single entry column")
        if "formula" in c:
            node = parse_expr(c["formula"], f"{w}.formula", rep)
            if node:
                col_nodes[k] = node
                for r in refs(node):
                    if r not in cols:
                        rep.error(f"{w}.formula", f"unknown column {r!r}")
                    elif cols[r].get("type") not in NUMERIC:
                        rep.error(f"{w}.formula", f"column {r!r} is not numeric")
    cyc = find_cycle({k: set(refs(n)) & set(cols) for k, n in col_nodes.items()} |
                     {k: set() for k in cols if k not in col_nodes})
    if cyc:
        rep.error(f"{name}: columns", "cycle among formula columns: " + " -> ".join(cyc))

    # header groups
    order = [c.get("key") for c in f.get("columns") or [] if isinstance(c, dict)]
    seen_in_group = {}
    for i, g in enumerate(f.get("headerGroups") or []):
        w = f"{name}: headerGroups[{i}]"
        if not isinstance(g, dict):
            rep.error(w, "must be an object")
            continue
        check_type(g, "title", str, w, rep)
        check_type(g, "columns", list, w, rep)
        unknown_keys(g, {"title", "columns"}, w, rep)
        members = g.get("columns") or []
        idx = []
        for m in members:
            if m not in cols:
                rep.error(w, f"unknown column {m!r}")
            else:
                idx.append(order.index(m))
                if m in seen_in_group:
                    rep.error(w, f"column {m!r} already under header group {seen_in_group[m]!r}")
                seen_in_group[m] = g.get("title")
        if idx and sorted(idx) != list(range(min(idx), max(idx) + 1)):
            rep.error(w, "columns are not adjacent in the printed order")
        if not members:
            rep.error(w, "empty header group")

    # rows
    rows = {}
    row_nodes = {}
    for i, r in enumerate(f.get("rows") or []):
        w = f"{name}: rows[{i}]"
        if not isinstance(r, dict):
            rep.error(w, "must be an object")
            continue
        for k in ("key", "number", "label"):
            check_type(r, k, str, w, rep)
        check_type(r, "indent", int, w, rep, required=False)
        unknown_keys(r, ROW_KEYS, w, rep)
        k = r.get("key")
        if isinstance(k, str):
            w = f"{name}: rows[{i}] ({k})"
            if not KEY_RE.match(k):
                rep.error(w, "key is not an identifier usable in expressions")
            if k in rows:
                rep.error(w, f"duplicate row key {k!r}")
            rows[k] = r
        if isinstance(r.get("label"), str):
            lab = r["label"]
            if not lab.strip():
                rep.error(w, "empty label")
            if re.search(r"\s\s|^\s|\s$|\n", lab):
                rep.error(w, f"label whitespace is not normalised: {lab!r}")
        kind = r.get("kind", "data")
        if kind not in KINDS:
            rep.error(w, f"unknown kind {kind!r}")
        if kind == "computed" and "formula" not in r:
            rep.error(w, "computed row without formula")
        if kind != "computed" and "formula" in r:
            rep.error(w, "formula on a row that is not computed")
        if "aggregate" in r and r["aggregate"] not in AGGREGATES:
            rep.error(w, f"unknown aggregate {r['aggregate']!r}")
        if "aggregate" in r and kind != "data":
            rep.warn(w, "aggregate on a row that is not a data row")
        if r.get("indent") is not None and r["indent"] not in (0, 1, 2, 3):
            rep.error(w, "indent out of range")
        if "entryTypes" in r:
            et = r["entryTypes"]
            if not isinstance(et, dict):
                rep.error(w, "entryTypes must be an object")
            else:
                for ek, ev in et.items():
                    if ek not in entry:
                        rep.error(w, f"entryTypes: unknown entry column {ek!r}")
                    if ev not in TYPES:
                        rep.error(w, f"entryTypes: unknown type {ev!r}")
    for k, r in rows.items():
        if r.get("kind") == "computed" and "formula" in r:
            w = f"{name}: rows ({k}).formula"
            node = parse_expr(r["formula"], w, rep)
            if node:
                row_nodes[k] = node
                for x in refs(node):
                    if x not in rows:
                        rep.error(w, f"unknown row {x!r}")
                    elif rows[x].get("kind") == "heading":
                        rep.error(w, f"refers to heading row {x!r}")
    cyc = find_cycle({k: set(refs(n)) & set(rows) for k, n in row_nodes.items()} |
                     {k: set() for k in rows if k not in row_nodes})
    if cyc:
        rep.error(f"{name}: rows", "cycle among computed rows: " + " -> ".join(cyc))
    if not any(r.get("kind", "data") == "data" for r in rows.values()):
        rep.error(name, "no data rows")

    # greyed
    for i, g in enumerate(f.get("greyed") or []):
        w = f"{name}: greyed[{i}]"
        if not isinstance(g, str) or g.count(":") != 1:
            rep.error(w, f"{g!r} is not 'rowKey:colKey'")
            continue
        rk, ck = g.split(":")
        if rk == "*" and ck == "*":
            rep.error(w, "'*:*' greys the whole table")
        if rk != "*" and rk not in rows:
            rep.error(w, f"unknown row {rk!r}")
        if ck != "*" and ck not in cols:
            rep.error(w, f"unknown column {ck!r}")

    # rules
    for i, ru in enumerate(f.get("rules") or []):
        w = f"{name}: rules[{i}]"
        if not isinstance(ru, dict):
            rep.error(w, "must be an object")
            continue
        for k in ("left", "op", "right", "message"):
            check_type(ru, k, str, w, rep)
        unknown_keys(ru, RULE_KEYS, w, rep)
        if ru.get("op") not in OPS:
            rep.error(w, f"unknown op {ru.get('op')!r}")
        if ru.get("severity", "error") not in SEVERITIES:
            rep.error(w, f"unknown severity {ru.get('severity')!r}")
        if isinstance(ru.get("message"), str) and not ru["message"].strip():
            rep.error(w, "empty message")
        for side in ("left", "right"):
            if not isinstance(ru.get(side), str):
                continue
            node = parse_expr(ru[side], f"{w}.{side}", rep)
            if not node:
                continue
            for x in refs(node):
                if ":" not in x:
                    rep.error(f"{w}.{side}", f"term {x!r} is not rowKey:entryColumnKey")
                    continue
                rk, ck = x.split(":")
                if rk not in rows:
                    rep.error(f"{w}.{side}", f"unknown row {rk!r}")
                elif rows[rk].get("kind", "data") != "data":
                    rep.error(f"{w}.{side}", f"row {rk!r} is not a data row")
                if ck not in entry:
                    rep.error(f"{w}.{side}", f"unknown entry column {ck!r}")
                elif entry[ck] not in NUMERIC:
                    rep.error(f"{w}.{side}", f"entry column {ck!r} is not numeric")
    return {"code": code, "rows": rows, "cols": cols, "col_nodes": col_nodes, "row_nodes": row_nodes,
            "entry": entry, "form": f, "name": name}


# ------------------------------------------------------------------ fixtures
def normalise(s):
    """Collapse whitespace; NFC, because the seed mixes precomposed and combining diacritics ("Lý" / "Ly\u0301")."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def seed_variants(text):
    plain = normalise(text)
    # a hyphen at the end of a PDF line ("CT-" / "XH") joins without a space
    joined = normalise(re.sub(r"-[ \t]*\n\s*", "-", text))
    return plain, joined


def parse_printed(s):
    t = s.strip().rstrip("%").strip()
    if re.fullmatch(r"\d{1,3}(,\d{3})+", t):      # "1,257" thousands
        return float(t.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", t):      # "1.257" thousands
        return float(t.replace(".", ""))
    if re.fullmatch(r"\d+(,\d+)?", t):             # "98,86" decimal comma
        return float(t.replace(",", "."))
    if re.fullmatch(r"\d+", t):
        return float(t)
    return None


def check_fixtures(forms_by_code, seed_text, rep):
    fixdir = os.path.join(ROOT, "Tests", "fixtures", "seed-tables")
    plain, joined = seed_variants(seed_text) if seed_text is not None else (None, None)
    for code, meta in sorted(forms_by_code.items()):
        base = os.path.join(fixdir, code)
        lab_path, val_path = base + ".txt", base + ".values.json"
        rel = os.path.relpath(lab_path, ROOT)
        if not os.path.exists(lab_path):
            rep.error(rel, "missing label fixture")
        else:
            with open(lab_path, encoding="utf-8") as fh:
                labels = [l.rstrip("\n") for l in fh if l.strip()]
            missing = 0
            for n, lab in enumerate(labels, start=1):
                if lab != normalise(lab):
                    rep.error(f"{rel}:{n}", f"whitespace not normalised: {lab!r}")
                if plain is not None and lab not in plain and lab not in joined:
                    rep.error(f"{rel}:{n}", f"not found in the seed: {lab!r}")
                    missing += 1
            # every label the fixture lists must be something the form renders
            f = meta["form"]
            rendered = {f.get("appendix"), f.get("title"), f.get("subtitle"), f.get("unit")}
            rendered |= {s.get("title") for s in f.get("stub", [])}
            rendered |= {g.get("title") for g in f.get("headerGroups", [])}
            rendered |= {r.get("label") for r in f.get("rows", [])}
            rendered |= {c.get("title") for c in f.get("columns", [])}
            templates = [re.compile("^" + re.sub(r"\\\{[a-zA-Z]+\\\}", r"[0-9]+", re.escape(c["title"])) + "$")
                         for c in f.get("columns", []) if "{" in c.get("title", "")]
            for n, lab in enumerate(labels, start=1):
                if lab not in rendered and not any(t.match(lab) for t in templates):
                    rep.error(f"{rel}:{n}", f"label is not produced by the form: {lab!r}")
        rel = os.path.relpath(val_path, ROOT)
        if not os.path.exists(val_path):
            rep.error(rel, "missing values fixture")
            continue
        try:
            with open(val_path, encoding="utf-8") as fh:
                vals = json.load(fh)
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            rep.error(rel, f"invalid JSON: {e}")
            continue
        span = vals.get("span")
        if not isinstance(span, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}", span):
            rep.error(rel, f"span {span!r} is not 'YYYY-MM-DD..YYYY-MM-DD'")
        if not isinstance(vals.get("notes", []), list):
            rep.error(rel, "notes must be a list")
        grid = {}
        for i, c in enumerate(vals.get("cells", [])):
            w = f"{rel}: cells[{i}]"
            rk, ck, p = c.get("row"), c.get("column"), c.get("printed")
            if rk not in meta["rows"]:
                rep.error(w, f"unknown row {rk!r}")
            elif meta["rows"][rk].get("kind") == "heading":
                rep.error(w, f"row {rk!r} is a heading")
            if ck not in meta["cols"]:
                rep.error(w, f"unknown column {ck!r}")
            if not isinstance(p, str) or not p:
                rep.error(w, "printed must be a non-empty string")
                continue
            if (rk, ck) in grid:
                rep.error(w, f"duplicate cell {rk}:{ck}")
            grid[(rk, ck)] = p
            if plain is not None and parse_printed(p) is None and p not in plain:
                rep.error(w, f"printed text not found in the seed: {p[:60]!r}")
        seed_arithmetic(meta, grid, rel, rep)


def seed_arithmetic(meta, grid, where, rep):
    """Re-compute formula columns and computed rows from the printed figures; list differences."""
    nums = {k: parse_printed(v) for k, v in grid.items()}
    rows_with_values = {r for r, _ in grid}
    for rk in sorted(rows_with_values):
        for ck, node in meta["col_nodes"].items():
            if (rk, ck) not in nums or nums[(rk, ck)] is None:
                continue
            env = {c: nums.get((rk, c)) for c in refs(node)}
            if all(v is None for v in env.values()):
                continue
            val = evaluate(node, env)
            if val is None:
                continue
            printed = nums[(rk, ck)]
            if abs(val - printed) > half_unit(grid[(rk, ck)]):
                rep.info(where, f"seed slip: {rk}:{ck} printed {grid[(rk, ck)]}, "
                                f"{meta['cols'][ck]['formula']} gives {val:g}")
    for rk, node in meta["row_nodes"].items():
        for ck in meta["cols"]:
            if (rk, ck) not in nums or nums[(rk, ck)] is None:
                continue
            env = {r: nums.get((r, ck)) for r in refs(node)}
            if all(v is None for v in env.values()):
                continue
            val = evaluate(node, env)
            if val is not None and abs(val - nums[(rk, ck)]) > half_unit(grid[(rk, ck)]):
                rep.info(where, f"seed slip: {rk}:{ck} printed {grid[(rk, ck)]}, "
                                f"{meta['rows'][rk]['formula']} gives {val:g}")
    # the form's rules, applied to every printed column that shows one entry column as such
    for ru in meta["form"].get("rules", []):
        try:
            left, right = Parser(ru["left"]).parse(), Parser(ru["right"]).parse()
        except (SyntaxError, KeyError):
            continue
        terms = refs(left) + refs(right)
        entry_cols = {t.split(":")[1] for t in terms if ":" in t}
        for ck, c in meta["cols"].items():
            shown = c.get("expr", ck if "formula" not in c else None)
            if len(entry_cols) != 1 or shown not in entry_cols:
                continue
            env = {t: nums.get((t.split(":")[0], ck)) for t in terms}
            # a side with no printed cell at all is empty: the rule is skipped (blanks inside a side count as 0,
            # because the seed prints many zeros as blanks)
            if all(env[t] is None for t in refs(left)) or all(env[t] is None for t in refs(right)):
                continue
            a, b = evaluate(left, env), evaluate(right, env)
            if a is None or b is None:
                continue
            ok = {"==": abs(a - b) < 1e-9, "<=": a <= b + 1e-9, "<": a < b, ">=": a >= b - 1e-9, ">": a > b,
                  "!=": abs(a - b) >= 1e-9}[ru["op"]]
            if not ok:
                rep.info(where, f"seed breaks rule in column {ck}: {ru['left']} {ru['op']} {ru['right']} "
                                f"({a:g} vs {b:g}; {ru['severity']}: {ru['message']})")


def half_unit(printed):
    """Half a unit of the last printed digit: '63' -> 0.5, '98,86%' -> 0.005 (printed figures are rounded half up)."""
    t = printed.strip().rstrip("%").strip()
    m = re.fullmatch(r"\d+,(\d+)", t)
    return 0.5 * 10 ** -(len(m.group(1)) if m else 0) + 1e-9


# ------------------------------------------------------------------ main
def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", default=DEFAULT_SEED, help="seed text for the fixture label check")
    ap.add_argument("--quiet", action="store_true", help="print errors only")
    args = ap.parse_args()
    rep = Report()
    seed_text = None
    if os.path.exists(args.seed):
        with open(args.seed, encoding="utf-8") as fh:
            seed_text = fh.read()
    else:
        rep.warn(args.seed, "seed text not found; fixture labels are not checked against it")

    forms_by_code = {}
    paths = sorted(glob.glob(os.path.join(ROOT, "Forms", "*.json")))
    if not paths:
        rep.error("Forms", "no form definitions")
    for path in paths:
        rel = os.path.relpath(path, ROOT)
        try:
            with open(path, encoding="utf-8") as fh:
                raw = fh.read()
            if unicodedata.normalize("NFC", raw) != raw:
                rep.error(rel, "text is not in Unicode NFC (precomposed diacritics)")
            f = json.loads(raw, object_pairs_hook=_no_duplicate_keys(rel, rep))
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            rep.error(rel, f"invalid JSON: {e}")
            continue
        meta = check_form(path, f, rep)
        if meta and isinstance(meta["code"], str):
            if meta["code"] in forms_by_code:
                rep.error(rel, f"code {meta['code']!r} also used by {forms_by_code[meta['code']]['name']}")
            forms_by_code[meta["code"]] = meta
    check_fixtures(forms_by_code, seed_text, rep)

    if not args.quiet:
        for code, m in sorted(forms_by_code.items()):
            f = m["form"]
            data = sum(1 for r in f["rows"] if r.get("kind", "data") == "data")
            print(f"{m['name']}: {code} {f.get('periodType')} {len(f['rows'])} rows ({data} data) x "
                  f"{len(f['columns'])} columns, {len(m['entry'])} entry columns, {len(f.get('rules', []))} rules")
        for line in rep.infos:
            print("info:", line)
        for line in rep.warnings:
            print("warning:", line)
    for line in rep.errors:
        print("error:", line)
    print(f"{len(rep.errors)} error(s), {len(rep.warnings)} warning(s)")
    return 1 if rep.errors else 0


def _no_duplicate_keys(where, rep):
    def hook(pairs):
        out = {}
        for k, v in pairs:
            if k in out:
                rep.error(where, f"duplicate JSON key {k!r}")
            out[k] = v
        return out
    return hook


if __name__ == "__main__":
    sys.exit(main())
