/* The question form's character count, live as the asker types. The page shows the same count without
   JavaScript (the server renders it); the server's check is the one that counts. */
(function () {
  "use strict";

  function message(n, min, max) {
    if (n === 0) return "可输入" + min + "至" + max + "个字";
    if (n > max) return "已超出" + (n - max) + "个字（最多" + max + "个字）";
    if (n < min) return "已输入" + n + "个字，至少还需" + (min - n) + "个字";
    return "已输入" + n + "个字，还可以输入" + (max - n) + "个字";
  }

  function setup(area) {
    var min = Number(area.dataset.min);
    var max = Number(area.dataset.max);
    var shown = document.getElementById(area.dataset.count);
    var spoken = document.getElementById(area.dataset.countLive);
    var timer = null;
    if (!shown) return;
    area.addEventListener("input", function () {
      // Count code points of the trimmed text, as the server does (a line break is one character).
      var n = Array.from(area.value.trim()).length;
      var text = message(n, min, max);
      shown.textContent = text;
      shown.classList.toggle("is-over", n > max);
      // Screen readers hear the count once the typing pauses, not at every keystroke.
      if (spoken) {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () { spoken.textContent = text; }, 1000);
      }
    });
  }

  document.querySelectorAll("textarea[data-count]").forEach(setup);
})();
