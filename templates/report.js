// Filters for `specflow report --html` (REPORT-5): by spec, source (SOURCES-9), status and text;
// the URL hash (#spec=RESET&source=openspec&status=unreferenced&q=bcrypt) presets them and follows them, so a view can be shared.
(function () {
  "use strict";
  var spec = document.getElementById("f-spec");
  var source = document.getElementById("f-source");
  var status = document.getElementById("f-status");
  var text = document.getElementById("f-text");
  var shown = document.getElementById("shown");
  var none = document.getElementById("none");
  if (!spec || !source || !status || !text) { document.body.dataset.filter = "ready"; return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("#items tbody tr"));

  function apply() {
    var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (row) {
      var haystack = row.textContent.toLowerCase();
      var keep = (!spec.value || row.dataset.spec === spec.value) &&
        (!source.value || row.dataset.source === source.value) &&
        (!status.value || row.dataset.status === status.value) &&
        words.every(function (word) { return haystack.indexOf(word) >= 0; });
      row.hidden = !keep;
      if (keep) { count += 1; }
    });
    shown.textContent = String(count);
    none.hidden = count > 0;
    document.body.dataset.shown = String(count);
  }

  function fromHash() {
    var wanted = new URLSearchParams(window.location.hash.slice(1));
    spec.value = wanted.get("spec") || "";
    source.value = wanted.get("source") || "";
    status.value = wanted.get("status") || "";
    text.value = wanted.get("q") || "";
    apply();
  }

  function toHash() {
    var chosen = new URLSearchParams();
    if (spec.value) { chosen.set("spec", spec.value); }
    if (source.value) { chosen.set("source", source.value); }
    if (status.value) { chosen.set("status", status.value); }
    if (text.value) { chosen.set("q", text.value); }
    try { history.replaceState(null, "", "#" + chosen.toString()); } catch (e) { /* file: URLs */ }
    apply();
  }

  spec.addEventListener("change", toHash);
  source.addEventListener("change", toHash);
  status.addEventListener("change", toHash);
  text.addEventListener("input", toHash);
  document.getElementById("filters").addEventListener("submit", function (e) { e.preventDefault(); });
  window.addEventListener("hashchange", fromHash);
  fromHash();
  document.body.dataset.filter = "ready";
})();
