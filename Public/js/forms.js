// DangBo forms, on every page: (1) each problem of the summary at the top is also shown beside the field or cell
// it concerns, and the field is marked invalid for screen readers; (2) a form that is being sent cannot be sent a
// second time by a double click. The server does the real work; without this script the summary still lists every
// problem and a second submit is refused by the record's version. No dependencies.
(function () {
  "use strict";

  function fieldFor(name) {
    if (!name) { return null; }
    var byName = document.querySelectorAll("form [name]");
    for (var i = 0; i < byName.length; i++) {
      var el = byName[i];
      if (el.type === "hidden") { continue; }
      if (el.name === name || el.name === "v:" + name || el.name === name + "[]") { return el; }
    }
    var byId = document.getElementById(name);
    return byId && /^(INPUT|SELECT|TEXTAREA)$/.test(byId.tagName) ? byId : null;
  }

  function showBesideFields() {
    var items = document.querySelectorAll(".problems li[data-field]");
    for (var i = 0; i < items.length; i++) {
      var item = items[i], field = fieldFor(item.getAttribute("data-field"));
      if (!field) { continue; }
      var td = field.closest("td");
      if (td && td.querySelector(".cell-problem")) { field.setAttribute("aria-invalid", "true"); continue; }
      if (!field.id) { field.id = "field-" + i; }
      var id = field.id + "-problem";
      if (!document.getElementById(id)) {
        var message = document.createElement("span");
        message.className = "field-problem";
        message.id = id;
        message.textContent = item.textContent;
        var cell = field.closest("td");
        var label = cell ? null : document.querySelector("label[for='" + field.id + "']");
        // In a table cell the message goes under the input; in a form under the field (after its help text).
        var anchor = field.nextElementSibling && field.nextElementSibling.classList.contains("help") ? field.nextElementSibling : field;
        anchor.insertAdjacentElement("afterend", message);
        if (label) { label.classList.add("has-problem"); }
      }
      field.setAttribute("aria-invalid", "true");
      var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (described.indexOf(id) < 0) { described.push(id); field.setAttribute("aria-describedby", described.join(" ")); }
      // The summary item leads to the field.
      if (!item.querySelector("a")) {
        var link = document.createElement("a");
        link.href = "#" + field.id;
        link.textContent = item.textContent;
        item.textContent = "";
        item.appendChild(link);
      }
    }
  }

  function guardDoubleSubmit() {
    var forms = document.querySelectorAll("form[method=post], form[method=POST]");
    for (var i = 0; i < forms.length; i++) {
      forms[i].addEventListener("submit", function (event) {
        var form = event.currentTarget;
        if (form.getAttribute("data-sending") === "1") { event.preventDefault(); return; }
        form.setAttribute("data-sending", "1");
        var buttons = form.querySelectorAll("button[type=submit], input[type=submit], button:not([type])");
        for (var j = 0; j < buttons.length; j++) {
          buttons[j].setAttribute("aria-disabled", "true");
          buttons[j].classList.add("is-sending");
        }
      });
    }
    // Coming back with the browser's Back button shows the page as it was left: make its forms usable again.
    window.addEventListener("pageshow", function () {
      var sent = document.querySelectorAll("form[data-sending]");
      for (var i = 0; i < sent.length; i++) {
        sent[i].removeAttribute("data-sending");
        var buttons = sent[i].querySelectorAll(".is-sending");
        for (var j = 0; j < buttons.length; j++) { buttons[j].removeAttribute("aria-disabled"); buttons[j].classList.remove("is-sending"); }
      }
    });
  }

  function start() { showBesideFields(); guardDoubleSubmit(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
