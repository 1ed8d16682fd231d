/* Small behaviours on top of Material, loaded after its bundle (mkdocs.yml:
 * extra_javascript; a file, never an inline script, so the pages' script policy
 * stays 'self' plus the hashes of the theme's own inline scripts).
 *
 * 1. Glossary terms are links to their glossary entries that carry the term's
 *    short meaning as a tooltip. On a touch screen the first tap shows the
 *    meaning and a second tap on the same term opens the entry.
 * 2. A page opened from a search result (?h=words, no #anchor) scrolls to the
 *    first highlighted word in sight (not in a closed box, not the title) once
 *    Material has marked the words; a page's own line in the results, when
 *    only its sections hold the words, leads to the first of those sections.
 * 3. The language selector keeps the reader's place: its links carry the
 *    anchor the reader is at (or came with), and the place on the page (an
 *    element with the same id, else the same heading, else the same share of
 *    the page) goes along in sessionStorage and is restored on arrival.
 * 4. The full text's cite line names the paragraph the reader is at (#pNNN, or the paragraph of a
 *    #fig- quote), its address and today's date, and stands at that paragraph with a button that
 *    copies the address (or, where the clipboard is refused, selects it).
 * 5. A figure link into the English full text (#fig-ID: the Chinese quote) marks the English words
 *    that link to the same figure too, and puts the higher of the two below the back-to-top pill.
 */
(function () {
  "use strict";

  var content = document.querySelector(".md-content");
  if (!content) {
    return;
  }

  /* 1. Terms: first tap shows the meaning, second tap follows the link. */
  var pointer = "mouse";
  var armed = null;
  document.addEventListener("pointerdown", function (e) {
    pointer = e.pointerType;
    if (armed && !(e.target.closest && e.target.closest("a.term") === armed)) {
      armed = null;  /* a tap elsewhere: the next tap on a term shows its meaning again */
    }
  }, true);
  document.addEventListener("click", function (e) {
    var term = e.target.closest && e.target.closest(".md-content a.term");
    if (!term || pointer !== "touch" || e.detail === 0 || term === armed) {
      return;
    }
    if (!term.hasAttribute("title") && !term.hasAttribute("aria-describedby")) {
      return;  /* no tooltip (the full text): the tap opens the entry */
    }
    e.preventDefault();
    armed = term;
    term.focus();  /* Material shows the tooltip of the focused element */
  }, true);

  /* 2. From a search result: to the first highlighted word, unless the title holds one. */
  var query = new URLSearchParams(location.search).get("h");
  if (query && !location.hash) {
    var startY = window.scrollY;
    var toFirstMark = function () {
      var marks = content.querySelectorAll("mark[data-md-highlight]");
      if (!marks.length) {
        return false;
      }
      var first = Array.prototype.find.call(marks, function (m) { return !m.closest("details:not([open])"); });
      if (first && window.scrollY === startY && !first.closest("h1")) {
        first.scrollIntoView({ block: "center" });
      }
      return true;
    };
    if (!toFirstMark()) {  /* the marks come when Material has the index */
      var watch = new MutationObserver(function () {
        if (toFirstMark()) {
          watch.disconnect();
        }
      });
      watch.observe(content, { childList: true, subtree: true });
      setTimeout(function () { watch.disconnect(); }, 15000);
    }
  }

  /* 2b. A page's own line in the results has no matched words when only its sections match
     (its link ends in ?h=): it leads to the page's first matching section instead. */
  var results = document.querySelector(".md-search-result__list");
  if (results) {
    new MutationObserver(function () {
      Array.prototype.forEach.call(results.querySelectorAll(".md-search-result__item"), function (item) {
        var links = item.querySelectorAll("a.md-search-result__link");
        var page = links[0];
        if (!page || new URL(page.href).searchParams.get("h")) {
          return;
        }
        var section = Array.prototype.find.call(links, function (a) { return new URL(a.href).searchParams.get("h"); });
        if (section) {
          page.href = section.href;
        }
      });
    }).observe(results, { childList: true, subtree: true });
  }

  /* 3. Language switch: keep the place. */
  var KEY = "report-site.place";
  var CROSS_LANGUAGE = /^(p\d+|fig-|term-|theme-)/;  /* ids every language gives the same element */
  var HEADINGS = "h1, h2, h3, h4";
  /* Places: elements with an id, but not a figure's quoted words inside a paragraph (.fq): the English
     full text holds them in the Chinese column, below the translation, and a reader at ¶41 in Chinese
     is carried to ¶41's start, not to the Chinese words of its first figure. */
  var PLACES = "[id]:not(.fq)";

  /* The reading line: where an anchor the reader jumped to sits, a little below the header
     (site.css: `.md-typeset :target { scroll-margin-top: 3.5rem }`). A reader at an anchor is then
     at its very start, not a little way into it: a way that the other language would stretch
     (in the English full text, from ¶11's number past its whole translation to the Chinese). */
  function readingLine() {
    return 3.5 * parseFloat(getComputedStyle(document.documentElement).fontSize);
  }

  function shown(el) {
    return el.getClientRects().length > 0;
  }

  function top(el) {
    return el ? el.getBoundingClientRect().top : document.documentElement.scrollHeight - window.scrollY;
  }

  /* The shown elements of a list, in document order. */
  function shownOf(list) {
    return Array.prototype.filter.call(list, shown);
  }

  /* In a list of shown elements: the last one whose top is at or above the line y, and how far
     the line has gone from it towards the next one (0 to 1). */
  function placeIn(list, y) {
    var i = -1;
    while (i + 1 < list.length && top(list[i + 1]) <= y + 1) {
      i++;
    }
    if (i < 0) {
      return { index: -1, share: 0 };
    }
    var span = top(list[i + 1]) - top(list[i]);
    return { index: i, share: span > 0 ? Math.min(1, Math.max(0, (y - top(list[i])) / span)) : 0 };
  }

  /* Whether the reader has scrolled since the page opened at its address (or the address changed). Until
     then a reader who followed a link to an anchor is at that anchor while it is on the screen, wherever
     the layout of the entries around it has moved it (seen in CI: the language switch, tapped at once on
     a glossary entry's address, carried the entry before it). */
  var scrolledByReader = false;
  ["wheel", "touchmove"].forEach(function (type) {
    window.addEventListener(type, function () { scrolledByReader = true; }, { passive: true });
  });
  window.addEventListener("keydown", function (e) {
    if (/^(Arrow(Up|Down)|Page(Up|Down)|Home|End| )$/.test(e.key)) {
      scrolledByReader = true;
    }
  });
  window.addEventListener("hashchange", function () { scrolledByReader = false; });

  /* The element the address names, if the reader is still at it (and it is on the screen). */
  function landedOn() {
    var target = !scrolledByReader && location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target || !content.contains(target) || !shown(target) || !target.matches(PLACES)) {
      return null;
    }
    var at = top(target);
    return at >= 0 && at < window.innerHeight ? target : null;
  }

  function here() {
    var line = readingLine();
    var withIds = shownOf(content.querySelectorAll(PLACES));
    var headings = shownOf(content.querySelectorAll(HEADINGS));
    var byId = placeIn(withIds, line);
    var byHeading = placeIn(headings, line);
    var room = document.documentElement.scrollHeight - window.innerHeight;
    var target = landedOn();
    if (target) {
      byId = { index: withIds.indexOf(target), share: 0 };
    }
    return {
      id: byId.index >= 0 ? withIds[byId.index].id : "",
      idShare: byId.share,
      heading: byHeading.index,
      headingShare: byHeading.share,
      share: room > 0 ? window.scrollY / room : 0
    };
  }

  function carry(link) {
    var place = here();
    var url = new URL(link.href, location.href);
    var anchor = CROSS_LANGUAGE.test(place.id) ? "#" + place.id : location.hash;
    url.hash = window.scrollY > 0 || location.hash ? anchor : "";
    link.href = url.href;
    return { path: url.pathname, place: place, at: Date.now() };
  }

  var selector = "a.md-select__link[hreflang]";
  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest(selector);
    if (link) {
      try {
        sessionStorage.setItem(KEY, JSON.stringify(carry(link)));
      } catch (err) { /* storage refused: the anchor in the link still helps */ }
    }
  }, true);
  ["auxclick", "contextmenu", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (e) {
      var link = e.target.closest && e.target.closest(selector);
      if (link) {
        carry(link);
      }
    }, true);
  });

  /* Scrolls to the saved place, then keeps it there for the next `frames` frames unless the reader
     scrolls: the full text lays out only the pairs near the screen (site.css: content-visibility), and the
     pairs drawn around the new place change the heights above it (from ¶41 in Chinese, English landed
     at ¶40). */
  var moved = false;
  ["wheel", "touchstart", "keydown"].forEach(function (type) {
    window.addEventListener(type, function () { moved = true; }, { passive: true });
  });

  function restore(saved, frames, hash) {
    if (location.hash !== hash) {
      return;  /* the reader followed a link meanwhile */
    }
    var line = readingLine();
    var place = saved.place;
    var list = shownOf(content.querySelectorAll(PLACES));
    var index = list.indexOf(place.id ? document.getElementById(place.id) : null);
    var share = place.idShare;
    if (index < 0) {  /* no element with that id here: the same heading */
      list = shownOf(content.querySelectorAll(HEADINGS));
      index = place.heading < list.length ? place.heading : -1;
      share = place.headingShare;
    }
    if (index >= 0) {
      var from = top(list[index]);
      var y = from + share * (top(list[index + 1]) - from);
      if (Math.abs(y - line) >= 1) {
        window.scrollTo(0, window.scrollY + y - line);
      }
      if (frames > 0 && !moved) {
        requestAnimationFrame(function () { restore(saved, frames - 1, hash); });
      }
    } else {
      window.scrollTo(0, place.share * (document.documentElement.scrollHeight - window.innerHeight));
    }
  }

  var saved = null;
  try {
    saved = JSON.parse(sessionStorage.getItem(KEY) || "null");
    sessionStorage.removeItem(KEY);
  } catch (err) { saved = null; }
  if (saved && saved.path === location.pathname && Date.now() - saved.at < 60000) {
    if (document.readyState === "complete") {
      restore(saved, 30, location.hash);
    } else {
      window.addEventListener("load", function () { restore(saved, 30, location.hash); });
    }
  }

  /* 4. Cite and share. */
  var cite = content.querySelector("p.cite");
  if (cite) {
    var citeHome = document.createComment("cite");  /* where the line stands when no paragraph is chosen */
    cite.parentNode.insertBefore(citeHome, cite);
    var citeText = cite.querySelector(".cite-text");
    var copy = document.createElement("button");
    copy.type = "button";
    copy.className = "cite-copy";
    copy.textContent = cite.dataset.copy;
    cite.insertBefore(copy, cite.firstChild);

    var today = function () {
      var d = new Date();
      var month = /^en/.test(document.documentElement.lang)
        ? d.toLocaleString("en-GB", { month: "long" }) : String(d.getMonth() + 1);
      return cite.dataset.date.replace("{y}", d.getFullYear()).replace("{m}", month).replace("{d}", d.getDate());
    };
    var canonical = document.querySelector("link[rel=canonical]");
    var pageUrl = (canonical ? canonical.href : location.href).split("#")[0];

    /* The paragraph of an anchor: [its id, the element the line follows, whether the line goes inside it]. */
    var paragraphOf = function (id) {
      var el = id && document.getElementById(id);
      if (!el || !content.contains(el)) {
        return null;
      }
      var block = el.closest("p.para, .pair");
      if (block && block.id) {
        return [block.id, block];  /* a Chinese full text's paragraph, or an English pair with its own id */
      }
      var number = block && block.querySelector(":scope > .pnum[id]");
      if (number) {
        return [number.id, number];  /* English: after the ¶ heading inside the pair */
      }
      return /^p\d+$/.test(el.id) ? [el.id, el] : null;  /* a paragraph that is a heading */
    };

    var address = "";
    var place = function () {
      var at = paragraphOf(decodeURIComponent(location.hash.slice(1)));
      address = at ? pageUrl + "#" + at[0] : pageUrl;
      var paragraph = at ? cite.dataset.paragraph.replace("{n}", parseInt(at[0].slice(1), 10)) : null;
      var parts = cite.dataset.text.split(/(\{\w+\})/);
      citeText.textContent = "";
      parts.forEach(function (part) {
        if (part === "{url}") {
          var a = document.createElement("a");
          a.href = address;
          a.textContent = address;
          citeText.appendChild(a);
        } else {
          var value = { "{title}": cite.dataset.title, "{date}": today() }[part];
          if (part === "{paragraph}") {
            value = paragraph || cite.dataset.paragraph.replace("{n}", "[N]");
          }
          citeText.appendChild(document.createTextNode(value === undefined ? part : value));
        }
      });
      copy.textContent = cite.dataset.copy;
      var after = at ? at[1] : citeHome;
      after.parentNode.insertBefore(cite, after.nextSibling);
      cite.classList.toggle("cite-here", !!at);
    };

    copy.addEventListener("click", function () {
      var link = citeText.querySelector("a");
      var select = function () {
        var range = document.createRange();
        range.selectNodeContents(link);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        copy.textContent = cite.dataset.selected;
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(address).then(function () {
          copy.textContent = cite.dataset.copied;
        }, select);
      } else {
        select();
      }
    });
    place();
    window.addEventListener("hashchange", place);
  }

  /* 5. A figure's words in English too. The line they go to: below Material's back-to-top pill (which
     shows as soon as the reader scrolls up: it hid the quote), as site.css sets for the quote itself. */
  if (content.querySelector(".pair")) {
    var held = 0;
    var markEnglish = function (frames, generation) {
      Array.prototype.forEach.call(content.querySelectorAll("a.fq-en"), function (a) { a.classList.remove("fq-en"); });
      var id = decodeURIComponent(location.hash.slice(1));
      var quote = /^fig-/.test(id) && document.getElementById(id);
      var pair = quote && quote.closest(".pair");
      if (!pair) {
        return;
      }
      var words = Array.prototype.filter.call(pair.querySelectorAll(".en a[href*='#fig-']"), function (a) {
        return a.hash === "#" + encodeURIComponent(id) || a.hash === location.hash;
      });
      words.forEach(function (a) { a.classList.add("fq-en"); });
      if (!words.length) {
        return;
      }
      var line = parseFloat(getComputedStyle(quote).scrollMarginTop) || readingLine();
      var hash = location.hash;
      var keep = function (left) {
        /* a new address (another link followed while these frames run) is the browser's to land: the URL
           changes before the hashchange event that would stop this loop */
        if (generation !== held || moved || location.hash !== hash) {
          return;
        }
        var y = Math.min(words[0].getBoundingClientRect().top, quote.getBoundingClientRect().top);
        if (Math.abs(y - line) >= 1) {
          window.scrollTo(0, window.scrollY + y - line);
        }
        if (left > 0) {
          requestAnimationFrame(function () { keep(left - 1); });
        }
      };
      keep(frames);
    };
    var figure = function () {
      moved = false;  /* the tap that followed a link is not a scroll */
      markEnglish(30, ++held);
    };
    if (document.readyState === "complete") {
      figure();
    } else {
      window.addEventListener("load", figure);
    }
    window.addEventListener("hashchange", figure);
  }
})();
