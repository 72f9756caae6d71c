/* The live console: refresh the drafts and published lists every few seconds, so that several operators
   see each other's work. Skipped while focus is inside the lists (nothing moves under the keyboard). */
(function () {
  "use strict";

  var region = document.getElementById("console-entries");
  if (!region || !window.fetch) return;
  var url = region.dataset.refreshUrl;

  function refresh() {
    var current = document.getElementById("console-entries");
    if (!current || current.contains(document.activeElement)) return;
    fetch(url, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var latest = document.getElementById("console-entries");
        if (!latest || latest.contains(document.activeElement)) return;
        var template = document.createElement("template");
        template.innerHTML = html.trim();
        var fresh = template.content.getElementById("console-entries");
        if (fresh) latest.replaceWith(fresh);
      })
      .catch(function () {});
  }

  window.setInterval(refresh, 5000);
})();
