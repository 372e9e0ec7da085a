/* Search that speaks social work: glossary aliases, topic-aware ranking and result kinds.
 *
 * Runs on the search page after Sphinx's searchtools.js. Sphinx still finds
 * and displays the results (with snippets); this file
 *  - searches for the query as typed and with glossary aliases expanded
 *    (DV -> domestic abuse, LAC -> children in care, s47 -> section 47 enquiry),
 *  - falls back to pages matching any word when no page matches all of them,
 *  - re-ranks: a page whose own standard or module is about the query's words
 *    comes above pages that only mention them,
 *  - labels each result with its kind (practice standard, CPD module, glossary...).
 * The alias and page data come from the handbook's model (pm-search-data.js).
 */
(function () {
  "use strict";
  if (typeof Search === "undefined") return;
  // Sphinx's en_GB catalogue has empty plural translations for the search summary; fall back to the source text.
  if (typeof Documentation !== "undefined") {
    const ngettext = Documentation.ngettext;
    Documentation.ngettext = (singular, plural, n) => ngettext(singular, plural, n) || (n === 1 ? singular : plural);
    const gettext = Documentation.gettext;
    Documentation.gettext = (text) => gettext(text) || text;
  }
  const data = window.PM_SEARCH || { aliases: {}, homes: {}, pages: {} };
  // The query's words are looked up in plain objects: only their own keys count ("constructor" is not a page).
  const own = (object, key) => (Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined);
  // Each word costs a search of its own, so a pasted paragraph would take seconds: use only its first words.
  const MAX_WORDS = 10;
  const STOP = new Set(["a", "an", "and", "the", "of", "in", "on", "for", "to", "with", "from", "at", "by", "or", "our", "we", "is", "are", "be",
    "going", "get", "use", "make", "way", "also", "who", "what", "when", "how", "it", "they", "their", "not", "section", "do", "i"]);
  const IRREGULAR = { children: "child", people: "person" };
  // The same light stemmer as practice_model/search.py.
  const norm = (word) => {
    let w = own(IRREGULAR, word) || word;
    for (const suffix of ["ing", "ies", "es", "ed", "s", "e"]) {
      if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
        return w.slice(0, -suffix.length) + (suffix === "ies" ? "y" : "");
      }
    }
    return w;
  };
  const words = (text) => (text.toLowerCase().match(/[a-z0-9]+/g) || []).filter((w) => !STOP.has(w));
  const keyOf = (text) => (text.toLowerCase().match(/[a-z0-9]+/g) || []).join(" ");

  // The pages that are "home" to glossary terms named in the query, by any of their names.
  function homesFor(query) {
    const tokens = keyOf(query).split(" ").filter(Boolean);
    const found = new Set();
    for (let n = tokens.length; n >= 1; n--) {
      for (let i = 0; i + n <= tokens.length; i++) {
        const home = own(data.homes, tokens.slice(i, i + n).join(" "));
        if (home) found.add(home);
      }
    }
    return found;
  }

  function expand(query) {
    const tokens = query.toLowerCase().match(/[a-z0-9]+/g) || [];
    const out = [];
    let changed = false;
    for (let i = 0; i < tokens.length; ) {
      let matched = false;
      for (let n = Math.min(5, tokens.length - i); n >= 1; n--) {
        const key = tokens.slice(i, i + n).join(" ");
        if (own(data.aliases, key) !== undefined) {
          out.push(data.aliases[key]);
          i += n;
          matched = changed = true;
          break;
        }
      }
      if (!matched) out.push(tokens[i++]);
    }
    return changed ? out.join(" ") : null;
  }

  function docnameOf(result) {
    return result[0];
  }

  function rank(result, queryWords, homes) {
    const docname = docnameOf(result);
    const page = own(data.pages, docname) || { kind: "", title: [], summary: [] };
    const title = new Set(page.title);
    const summary = new Set(page.summary);
    const resultTitle = new Set(words(result[1] || "").map(norm));
    let score = result[4];
    let titleHits = 0;
    const weights = page.weights || {};
    queryWords.forEach((w) => {
      if (title.has(w)) titleHits += 1;
      if (summary.has(w)) score += 8;
      if (resultTitle.has(w)) score += 5;
      score += 40 * (own(weights, w) || 0); // how central the word is to this page (TF-IDF from the build)
    });
    score += 25 * titleHits;
    if (queryWords.length && titleHits === queryWords.length) score += 30;
    if (homes.has(docname)) score += 60; // the page about the term the query names
    if (page.kind === "Practice standard") score += 8;
    else if (page.kind === "CPD module") score += 3;
    else if (page.kind === "Glossary") score -= 10; // definitions come after the page about the topic
    return score;
  }

  function run(query) {
    const parsed = Search._parseQuery(query);
    let results = Search._performSearch(...parsed);
    if (parsed[1].size > 1) {
      // Pages with only some of the words are candidates too, ranked below pages with all of them.
      [...parsed[1]].forEach((term) => {
        const single = Search._parseQuery(term);
        results = results.concat(Search._performSearch(...single).map((r) => { r[4] -= 25; return r; }));
      });
    }
    return [results, parsed];
  }

  // The query cut after its first MAX_WORDS words (stop words are free), or null when it is short enough.
  function capped(query) {
    const tokens = query.match(/[\p{L}\p{N}_]+/gu) || [];
    let counted = 0;
    for (let n = 0; n < tokens.length; n++) {
      if (STOP.has(tokens[n].toLowerCase())) continue;
      if (counted === MAX_WORDS) return tokens.slice(0, n).join(" ");
      counted += 1;
    }
    return null;
  }

  function noteCapped(used) {
    const out = document.getElementById("search-results");
    if (!out) return;
    const note = document.createElement("p");
    note.className = "pm-search-note";
    note.textContent = `Your search was long, so only its first ${MAX_WORDS} words were used: "${used}". Shorter searches find better matches.`;
    out.insertBefore(note, Search.output && Search.output.parentNode === out ? Search.output : null);
  }

  Search.query = (typed) => {
    const short = capped(typed);
    if (short !== null) noteCapped(short);
    const query = short === null ? typed : short;
    const variants = [query];
    const expanded = expand(query);
    if (expanded) variants.push(expanded);
    const merged = new Map();
    const searchTerms = new Set();
    const highlightTerms = new Set();
    const queryWords = new Set();
    variants.forEach((variant) => {
      const [results, parsed] = run(variant);
      parsed[1].forEach((t) => searchTerms.add(t));
      parsed[3].forEach((t) => highlightTerms.add(t));
      words(variant).forEach((w) => queryWords.add(norm(w)));
      results.forEach((r) => {
        const key = r[0] + "|" + r[2];
        if (!merged.has(key) || merged.get(key)[4] < r[4]) merged.set(key, r);
      });
    });
    const homes = homesFor(query);
    const ranked = [...merged.values()].map((r) => { r[4] = rank(r, [...queryWords], homes); return r; });
    // _displayNextItem shows the last item first: sort ascending.
    ranked.sort((a, b) => (a[4] === b[4] ? (a[1] > b[1] ? -1 : a[1] < b[1] ? 1 : 0) : a[4] - b[4]));
    _displayNextItem(ranked, ranked.length, searchTerms, highlightTerms);
  };

  // Label each result with the kind of page it is.
  function label(item) {
    const link = item.querySelector("a");
    if (!link || item.querySelector(".pm-result-kind")) return;
    const root = new URL(document.documentElement.dataset.content_root || "./", window.location.href);
    const path = new URL(link.href, window.location.href).pathname.replace(root.pathname, "");
    const docname = decodeURIComponent(path.replace(/(\/index)?\.html$/, "").replace(/\/$/, "/index"));
    const page = own(data.pages, docname) || own(data.pages, docname.replace(/\/index$/, ""));
    const kind = (link.hash && link.hash.startsWith("#term-")) ? "Glossary term" : (page ? page.kind : "Page");
    const badge = document.createElement("span");
    badge.className = "pm-result-kind";
    badge.textContent = kind;
    item.insertBefore(badge, item.firstChild);
  }
  const observer = new MutationObserver(() => document.querySelectorAll("#search-results li").forEach(label));
  document.addEventListener("DOMContentLoaded", () => {
    const out = document.getElementById("search-results");
    if (out) observer.observe(out, { childList: true, subtree: true });
  });
})();
