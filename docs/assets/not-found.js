/* The 404 page in the visitor's language. GitHub Pages answers every missing path with the
   root's 404.html (Simplified Chinese first). Each language build has its own 404.html
   (its language first, its header, menu and search in that language): for a path under
   a language's folder (/en/…, /zh-Hant/…) this opens that one instead, then puts the
   address the visitor asked for back in the address bar. Without the script the root's
   page still shows every language. Loaded in <head> by overrides/404.html only; the
   data-* attributes come from hooks.py. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me) return;
  var root = me.dataset.root || "/";
  var here = me.dataset.here || "";
  var prefixes = (me.dataset.prefixes || "").split(" ").filter(Boolean);
  var asked = new URLSearchParams(location.search).get("from");
  if (asked !== null) {  // arrived from the root's 404 page: show the address that was asked for
    if (asked.indexOf(root) === 0) history.replaceState(null, "", asked);
    return;
  }
  if (location.pathname.indexOf(root) !== 0) return;
  var rest = location.pathname.slice(root.length);
  var want = prefixes.filter(function (p) { return rest.indexOf(p) === 0; })[0] || "";
  if (want === here) return;
  document.documentElement.style.visibility = "hidden";  // no flash of the other language
  location.replace(root + want + "404.html?from=" +
                   encodeURIComponent(location.pathname + location.search + location.hash));
})();
