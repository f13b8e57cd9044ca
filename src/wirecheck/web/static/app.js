// wirecheck web UI: the only script (served as a file; the Content-Security-Policy forbids inline script).
"use strict";
(function () {
  // Open the <details> a link points at (a provenance edge's aligned passages) and bring it into view.
  function openTarget() {
    if (!location.hash) return;
    var el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!el) return;
    var d = el.closest("details");
    if (d) d.open = true;
    el.scrollIntoView({ block: "center" });
  }
  // The edit token: typed once, kept for this browser tab only, copied into every correction form.
  function fillTokens() {
    var input = document.getElementById("token-input");
    if (!input) return;
    var saved = sessionStorage.getItem("wirecheck-token") || "";
    input.value = saved;
    var sync = function () {
      sessionStorage.setItem("wirecheck-token", input.value);
      document.querySelectorAll("input.token-field").forEach(function (f) { f.value = input.value; });
    };
    input.addEventListener("input", sync);
    input.form.addEventListener("submit", function (e) { e.preventDefault(); });
    sync();
  }
  window.addEventListener("hashchange", openTarget);
  document.addEventListener("DOMContentLoaded", function () { openTarget(); fillTokens(); });
})();
