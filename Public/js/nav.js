// DangBo page chrome, on every page: (1) on a phone the header folds its navigation behind one "Menu" button;
// (2) a table wider than its box says so ("Vuốt ngang để xem thêm cột") and its box can be scrolled from the
// keyboard. Without this script the navigation is simply shown open and the tables still scroll. No dependencies.
(function () {
  "use strict";

  // ---- (1) the menu button. CSS hides the menu on narrow screens only once the header has the class "has-menu".
  var header = document.getElementById("top");
  var button = document.getElementById("menu-toggle");
  var menu = document.getElementById("site-menu");

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("is-open", open);
  }

  if (header && button && menu) {
    header.classList.add("has-menu");
    setOpen(false);
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
  }

  // ---- (2) tables wider than their box.
  var HINT = "Vuốt ngang để xem thêm cột";

  function nameOf(wrap, table) {
    var caption = table.querySelector("caption");
    if (caption && caption.textContent.trim()) { return caption.textContent.trim(); }
    for (var el = wrap.previousElementSibling; el; el = el.previousElementSibling) {
      if (/^H[1-4]$/.test(el.tagName)) { return el.textContent.trim(); }
      var inner = el.querySelector && el.querySelector("h1, h2, h3");
      if (inner) { return inner.textContent.trim(); }
    }
    var h1 = document.querySelector("main h1");
    return h1 ? h1.textContent.trim() : "Bảng";
  }

  function watch(wrap, n) {
    var table = wrap.querySelector("table");
    if (!table) { return; }
    var hint = document.createElement("p");
    hint.className = "scroll-hint";
    hint.id = "scroll-hint-" + n;
    hint.hidden = true;
    hint.textContent = HINT;
    wrap.parentNode.insertBefore(hint, wrap);

    function update() {
      var overflowing = wrap.scrollWidth > wrap.clientWidth + 1;
      hint.hidden = !overflowing;
      wrap.classList.toggle("is-overflowing", overflowing);
      if (overflowing) { wrap.setAttribute("aria-describedby", hint.id); } else { wrap.removeAttribute("aria-describedby"); }
      if (wrap.hasAttribute("data-region")) { return; } // the template made it a named, focusable region already
      if (overflowing) {
        // A box that scrolls must be reachable from the keyboard, and named for screen readers.
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", nameOf(wrap, table));
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    }

    update();
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(update);
      observer.observe(wrap);
      observer.observe(table);
    } else {
      window.addEventListener("resize", update);
    }
  }

  var wraps = document.querySelectorAll(".table-wrap");
  for (var i = 0; i < wraps.length; i++) { watch(wraps[i], i + 1); }
})();
