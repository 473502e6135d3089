// DangBo organization pickers: a text field that takes an organization's code, with suggestions fetched as you type
// from /organizations/search (at most 20, inside the user's scope, without diacritics). Choosing a suggestion puts
// its code in the field (or, with data-append-to, adds it to a list of codes). Without this script the field simply
// takes a code. No dependencies.
(function () {
  "use strict";
  if (!window.fetch) { return; }
  var pickers = document.querySelectorAll("input[data-org-picker]");
  Array.prototype.forEach.call(pickers, setUp);

  function setUp(input, index) {
    var listID = (input.id || "org-picker-" + index) + "-suggestions";
    var list = document.createElement("ul");
    list.id = listID;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.parentNode.insertBefore(list, input.nextSibling);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listID);
    input.setAttribute("aria-expanded", "false");
    var help = input.getAttribute("aria-describedby") ? document.getElementById(input.getAttribute("aria-describedby")) : null;
    var appendTo = input.getAttribute("data-append-to") ? document.getElementById(input.getAttribute("data-append-to")) : null;
    var items = [], active = -1, timer = null, asked = "", controller = null;

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      items = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(i) {
      active = i;
      Array.prototype.forEach.call(list.children, function (li, j) { li.setAttribute("aria-selected", j === i ? "true" : "false"); });
      if (i >= 0 && list.children[i]) {
        input.setAttribute("aria-activedescendant", list.children[i].id);
        list.children[i].scrollIntoView({ block: "nearest" });
      }
    }

    function choose(item) {
      if (appendTo) {
        var codes = appendTo.value.split(/[\s,;]+/).filter(Boolean);
        if (codes.indexOf(item.code) < 0) { codes.push(item.code); }
        appendTo.value = codes.join("\n");
        input.value = "";
      } else {
        input.value = item.code;
      }
      if (help) { help.textContent = item.placement + " (" + item.levelLabel + ")"; }
      close();
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function show(found) {
      list.innerHTML = "";
      items = found;
      if (!found.length) {
        var none = document.createElement("li");
        none.className = "none";
        none.textContent = "Không tìm thấy tổ chức nào trong phạm vi của bạn";
        list.appendChild(none);
      }
      found.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = listID + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("data-code", item.code);
        var name = document.createElement("span");
        name.className = "name";
        name.textContent = item.placement;
        var meta = document.createElement("span");
        meta.className = "meta";
        meta.textContent = item.code + " · " + item.levelLabel;
        li.appendChild(name);
        li.appendChild(meta);
        li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(item); });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight(found.length ? 0 : -1);
    }

    function ask() {
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      if (q === asked && !list.hidden) { return; }
      asked = q;
      if (controller && controller.abort) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      var base = input.getAttribute("data-org-picker");
      var url = base + (base.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(q);
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" }, signal: controller ? controller.signal : undefined })
        .then(function (response) { if (!response.ok) { throw new Error("HTTP " + response.status); } return response.json(); })
        .then(function (found) { if (input.value.trim() === q) { show(found); } })
        .catch(function () { /* the field still takes a code */ });
    }

    input.addEventListener("input", function () {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(ask, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (event.key === "Enter" && active >= 0 && items[active]) { event.preventDefault(); choose(items[active]); }
      else if (event.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }
})();
