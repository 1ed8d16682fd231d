/* The glossary's filter box: shows only the entries whose term, pinyin, English,
   plain meaning, use in the report or background holds what is typed (tone marks,
   capitals and spaces ignored, so "liangge" finds liǎng gè; "barrier" finds the
   entry whose background explains the two barriers). Without this script the box stays invisible and the
   letter index still works. Loaded on every page (mkdocs.yml extra_javascript);
   does nothing where there is no box. No inline script: the page's policy allows
   only the site's own files. */
(function () {
  "use strict";
  var box = document.querySelector(".gloss-filter");
  if (!box) return;
  var input = box.querySelector("input");
  var count = box.querySelector(".gloss-count");
  var entries = Array.prototype.slice.call(document.querySelectorAll(".gloss"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".gloss-group"));

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[\s"'“”‘’()（）·]+/g, "");
  }

  var keys = null;  /* read on the first keystroke, not while the page loads */
  function keyOf(entry) {
    return ["h2", ".gloss-meta", ".gloss-short", ".gloss-explain", ".gloss-background"].map(function (sel) {
      var el = entry.querySelector(sel);
      return el ? fold(el.textContent) : "";
    }).join("\u0001");
  }

  function apply() {
    var query = fold(input.value);
    keys = keys || entries.map(keyOf);
    var shown = 0;
    entries.forEach(function (entry, i) {
      var match = !query || keys[i].indexOf(query) !== -1;
      entry.hidden = !match;
      if (match) shown += 1;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector(".gloss:not([hidden])");
    });
    count.textContent = !query ? "" : shown
      ? count.dataset.count.replace("{n}", shown).replace("{total}", entries.length)
      : count.dataset.none;
  }

  input.addEventListener("input", apply);
  box.classList.add("ready");
  if (input.value) apply();  // a value the browser restored on going back
})();
