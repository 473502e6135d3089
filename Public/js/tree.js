// DangBo organization tree: opens and closes a node in place. Without this script every ▸ is a plain link that
// reloads the page with that node opened (?open=ID), so the page works the same, only slower. No dependencies.
(function () {
  "use strict";
  var table = document.querySelector("table.tree");
  if (!table || !window.fetch || !document.createElement("template").content) { return; }
  var body = table.tBodies[0];

  function depthOf(row) { return Number(row.getAttribute("data-depth") || "0"); }

  // The rows under `row` (its opened descendants and their "more" rows), up to the next row at its depth or above.
  function descendants(row) {
    var rows = [], depth = depthOf(row), next = row.nextElementSibling;
    while (next && depthOf(next) > depth) { rows.push(next); next = next.nextElementSibling; }
    return rows;
  }

  function rowsFrom(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return Array.prototype.slice.call(template.content.querySelectorAll("tr"));
  }

  function setToggle(link, expanded, name) {
    link.setAttribute("aria-expanded", expanded ? "true" : "false");
    var icon = link.querySelector("[aria-hidden]"), label = link.querySelector(".sr-only");
    if (icon) { icon.textContent = expanded ? "▾" : "▸"; }
    if (label) { label.textContent = (expanded ? "Đóng" : "Mở") + " các đơn vị trực thuộc " + name; }
  }

  function load(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.text();
    });
  }

  function insertAfter(anchor, rows) {
    var at = anchor;
    rows.forEach(function (row) { body.insertBefore(row, at.nextElementSibling); at = row; });
  }

  table.addEventListener("click", function (event) {
    var link = event.target.closest("a.toggle, a[data-more]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) { return; }
    var row = link.closest("tr");
    event.preventDefault();
    if (link.hasAttribute("data-more")) {
      link.setAttribute("aria-busy", "true");
      load(link.getAttribute("data-more")).then(function (html) {
        insertAfter(row, rowsFrom(html));
        row.parentNode.removeChild(row);
      }).catch(function () { window.location.href = link.href; });
      return;
    }
    var name = (row.querySelector("a.name") || {}).textContent || "";
    if (link.getAttribute("aria-expanded") === "true") {
      descendants(row).forEach(function (r) { r.parentNode.removeChild(r); });
      setToggle(link, false, name);
      return;
    }
    link.setAttribute("aria-busy", "true");
    load(link.getAttribute("data-children")).then(function (html) {
      descendants(row).forEach(function (r) { r.parentNode.removeChild(r); });
      insertAfter(row, rowsFrom(html));
      setToggle(link, true, name);
      link.removeAttribute("aria-busy");
    }).catch(function () { window.location.href = link.href; });
  });
})();
