// DangBo report entry: recomputes computed rows and checks the form's rules as the user types.
// The server does the same on save; this only makes mistakes visible sooner. No dependencies.
(function () {
  "use strict";
  var form = document.getElementById("entry-form");
  if (!form) { return; }
  var rules = [];
  try { rules = JSON.parse(form.getAttribute("data-rules") || "[]"); } catch (e) { rules = []; }

  function parseNumber(text) {
    var t = (text || "").replace(/\s/g, "").replace(/%$/, "");
    if (t === "") { return null; }
    if (t.indexOf(",") >= 0) { t = t.replace(/\./g, "").replace(",", "."); }
    else if (/^-?\d{1,3}(\.\d{3})+$/.test(t)) { t = t.replace(/\./g, ""); }
    var n = Number(t);
    return isFinite(n) ? n : NaN;
  }

  function format(n) {
    var rounded = Math.round(n * 100) / 100;
    var parts = Math.abs(rounded).toFixed(Number.isInteger(rounded) ? 0 : 2).split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return (rounded < 0 ? "-" : "") + whole + (parts[1] ? "," + parts[1].replace(/0+$/, "") : "");
  }

  // A small expression language: numbers, names (row or row:col), + - * /, parentheses, sum(...).
  function tokenize(text) {
    var tokens = [], re = /\s*(\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_.]*(?::[A-Za-z0-9_.]+)?|[-+*\/(),])/g, m, at = 0;
    while ((m = re.exec(text)) !== null) {
      if (m.index !== at && text.slice(at, m.index).trim() !== "") { throw new Error("bad expression"); }
      tokens.push(m[1]); at = re.lastIndex;
    }
    return tokens;
  }

  function evaluate(text, lookup) {
    var tokens = tokenize(text), i = 0;
    function peek() { return tokens[i]; }
    function next() { return tokens[i++]; }
    function primary() {
      var t = next();
      if (t === "(") { var v = sum(); next(); return v; }
      if (t === "-") { var u = primary(); return u === null ? null : -u; }
      if (/^\d/.test(t)) { return Number(t); }
      if (t === "sum" && peek() === "(") {
        next(); var total = 0, any = false;
        while (peek() !== ")" && i < tokens.length) {
          var a = sum(); if (a !== null) { total += a; any = true; }
          if (peek() === ",") { next(); }
        }
        next(); return any ? total : null;
      }
      return lookup(t);
    }
    function product() {
      var v = primary();
      while (peek() === "*" || peek() === "/") {
        var op = next(), r = primary();
        if (v === null || r === null) { v = null; continue; }
        if (op === "/") { v = r === 0 ? null : v / r; } else { v = v * r; }
      }
      return v;
    }
    function sum() {
      var v = product();
      while (peek() === "+" || peek() === "-") {
        var op = next(), r = product();
        v = (v === null || r === null) ? null : (op === "+" ? v + r : v - r);
      }
      return v;
    }
    return sum();
  }

  function cellValue(key) {
    var el = form.querySelector('[data-cell="' + key + '"]');
    if (!el) { return null; }
    var v = parseNumber(el.tagName === "OUTPUT" ? el.textContent : el.value);
    return (v === null || isNaN(v)) ? null : v;
  }

  function recompute() {
    var outputs = form.querySelectorAll("output[data-formula]");
    for (var pass = 0; pass < 3; pass++) {
      outputs.forEach(function (out) {
        var key = out.getAttribute("data-cell"), column = key.split(":")[1];
        var value = null;
        try { value = evaluate(out.getAttribute("data-formula"), function (row) { return cellValue(row + ":" + column); }); } catch (e) { value = null; }
        out.textContent = value === null ? "" : format(value);
      });
    }
    form.querySelectorAll("input[data-cell]").forEach(function (input) {
      var type = input.getAttribute("data-type"), v = parseNumber(input.value), bad = false;
      if (type !== "text" && type !== "monthYear" && input.value.trim() !== "") {
        bad = isNaN(v) || (type === "count" && (v < 0 || Math.round(v) !== v)) || (type === "percent" && (v < 0 || v > 100));
      }
      input.setAttribute("aria-invalid", bad ? "true" : "false");
      input.parentElement.classList.toggle("has-problem", bad);
    });
    form.querySelectorAll(".rule-message").forEach(function (span) { span.textContent = ""; });
    rules.forEach(function (rule) {
      var left, right;
      try { left = evaluate(rule.left, cellValue); right = evaluate(rule.right, cellValue); } catch (e) { return; }
      if (left === null || right === null) { return; }
      var ok = { "==": left === right, "!=": left !== right, "<=": left <= right, "<": left < right, ">=": left >= right, ">": left > right }[rule.op];
      if (ok) { return; }
      var first = tokenize(rule.left).filter(function (t) { return t.indexOf(":") > 0; })[0];
      var span = first && form.querySelector('.rule-message[data-for="' + first + '"]');
      if (span) { span.textContent = (rule.severity === "error" ? "Lỗi: " : "Cảnh báo: ") + rule.message; span.className = "rule-message " + rule.severity; }
    });
  }

  form.addEventListener("input", recompute);
  recompute();
})();
