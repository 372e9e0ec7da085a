/* Search that speaks social work and forgives the way people type.
 *
 * Runs on the search page after Sphinx's searchtools.js, offline, from the folder (no server):
 *  - searches for the query as typed, with glossary aliases and the plain phrases of
 *    search_words.toml expanded (DV -> domestic abuse, "baby not born yet" -> pre-birth),
 *    and with misspelt words corrected against the words of the index (edit distance:
 *    chronolgy -> chronology, neglet -> neglect; "prebirth" -> pre birth);
 *  - falls back to pages matching any word when no page matches all of them;
 *  - re-ranks: a page whose own standard or module is about the query's words
 *    comes above pages that only mention them;
 *  - shows one result per page, labelled with its kind, with a snippet from the page's prose
 *    (never an object's header, fields or answers) and whole words highlighted;
 *  - leaves editors' and integrators' pages out unless asked (&editors=1), counts honestly,
 *    and says what to try when nothing matches.
 * The word lists and page data come from the build (pm-search-data.js, written by search.py).
 *
 * THE ONE OVERRIDE. We replace `Search.query`, the entry point Sphinx's `performSearch` calls
 * once the index is loaded. Inside it we use only what searchtools.js and language_data.js
 * offer to themes: Search.performTermsSearch, Search.performObjectSearch, Scorer, Stemmer,
 * stopwords, splitQuery, and the elements performSearch creates (Search.title/status/output).
 * Sphinx has no getter for the loaded index: we read it from Search._index, where setIndex
 * puts it. Not used: _parseQuery, _performSearch, _displayNextItem, _displayItem, _highlightText.
 * Checked against searchtools.js and language_data.js of Sphinx 8.1.3, 8.2.3, 9.0.4 and 9.1.0
 * (8.x: stopwords is an Array and the stemmer Porter; 9.x: a Set and snowball "english").
 */
(function () {
  "use strict";
  if (typeof Search === "undefined") return;
  // Sphinx's en_GB catalogue has empty translations for some search strings; fall back to the source text.
  if (typeof Documentation !== "undefined") {
    const gettext = Documentation.gettext;
    Documentation.gettext = (text) => gettext(text) || text;
  }
  const data = window.PM_SEARCH || { aliases: {}, homes: {}, pages: {}, stopwords: [], hidden: [] };
  // The query's words are looked up in plain objects: only their own keys count ("constructor" is not a page).
  const own = (object, key) => (object && Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined);
  // Each word costs a search of its own, so a pasted paragraph would take seconds: use only its first words.
  const MAX_WORDS = 10;
  const STOP = new Set(data.stopwords || []);
  const sphinxStop = (w) => typeof stopwords !== "undefined" && (stopwords instanceof Set ? stopwords.has(w) : stopwords.indexOf(w) !== -1);
  const split = (text) => (typeof splitQuery === "function" ? splitQuery(text) : text.split(/[^\p{L}\p{N}_]+/u).filter(Boolean));
  // Sphinx's stemmer for the build's language: the same one search.py uses for the page data.
  const stemmer = typeof Stemmer === "function" ? new Stemmer() : { stemWord: (w) => w };
  const stems = new Map();
  const stem = (word) => {
    if (!stems.has(word)) stems.set(word, stemmer.stemWord(word));
    return stems.get(word);
  };
  const tokens = (text) => text.toLowerCase().match(/[a-z0-9]+/g) || [];
  const words = (text) => tokens(text).filter((w) => !STOP.has(w) && !sphinxStop(w));
  const keyOf = (text) => tokens(text).join(" ");
  const hidden = (docname) => (data.hidden || []).some((folder) => docname.startsWith(folder));
  const index = () => Search._index;

  // --- the query: aliases and plain phrases ------------------------------------------------
  function homesFor(query) {
    const found = new Set();
    const t = tokens(query);
    for (let n = t.length; n >= 1; n--) {
      for (let i = 0; i + n <= t.length; i++) {
        const home = own(data.homes, t.slice(i, i + n).join(" "));
        if (home) found.add(home);
      }
    }
    return found;
  }

  function expand(query) {
    const t = tokens(query);
    const out = [];
    let changed = false;
    for (let i = 0; i < t.length; ) {
      let matched = false;
      for (let n = Math.min(5, t.length - i); n >= 1; n--) {
        const meaning = own(data.aliases, t.slice(i, i + n).join(" "));
        if (meaning !== undefined) {
          out.push(meaning);
          i += n;
          matched = changed = true;
          break;
        }
      }
      if (!matched) out.push(t[i++]);
    }
    return changed ? out.join(" ") : null;
  }

  // --- misspellings: the nearest word the index knows ---------------------------------------
  const known = (s) => own(index().terms, s) !== undefined || own(index().titleterms, s) !== undefined;
  const pagesWith = (s) => [own(index().terms, s), own(index().titleterms, s)]
    .reduce((n, files) => n + (files === undefined ? 0 : files.length === undefined ? 1 : files.length), 0);

  // Optimal string alignment distance (a swapped pair of letters counts once), giving up above `max`.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    let before = null;
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
        best = Math.min(best, row[j]);
      }
      if (best > max) return max + 1;
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  // Whole words a reader would recognise (titles, object names, aliases): what "did you mean" offers.
  let vocabulary = null;
  function readableWords() {
    if (vocabulary) return vocabulary;
    vocabulary = new Map();
    const add = (text) => tokens(text).forEach((w) => {
      if (w.length >= 3 && !/\d/.test(w) && !vocabulary.has(w) && known(stem(w))) vocabulary.set(w, pagesWith(stem(w)));
    });
    const idx = index();
    (idx.titles || []).forEach(add);
    Object.keys(idx.alltitles || {}).forEach(add);
    Object.values(idx.objects || {}).forEach((list) => list.forEach((match) => add(String(match[4]))));
    Object.entries(data.aliases).forEach(([k, v]) => { add(k); add(v); });
    return vocabulary;
  }

  const allowed = (word) => (word.length >= 7 ? 2 : word.length >= 4 ? 1 : 0);

  // The nearest readable word, else the nearest indexed stem; ties go to the word on more pages.
  function nearest(word, max) {
    let best = null;
    const consider = (candidate, d, pages) => {
      if (d <= max && (!best || d < best.d || (d === best.d && pages > best.pages))) best = { word: candidate, d, pages };
    };
    readableWords().forEach((pages, candidate) => consider(candidate, distance(word, candidate, max), pages));
    if (!best) {
      const s = stem(word);
      Object.keys(index().terms).forEach((t) => consider(t, distance(s, t, max), pagesWith(t)));
    }
    return best;
  }

  // "prebirth" -> "pre birth": two words the index knows, written as one.
  function splitCompound(word) {
    for (let i = 3; i <= word.length - 3; i++) {
      const [a, b] = [word.slice(0, i), word.slice(i)];
      if (readableWords().has(a) && readableWords().has(b)) return `${a} ${b}`;
    }
    return null;
  }

  // The query with each word the index does not know replaced by the nearest one it does; null if none.
  // The replaced words are noted in `misspelt`.
  function corrected(query, misspelt) {
    let changed = false;
    const out = tokens(query).map((w) => {
      if (STOP.has(w) || sphinxStop(w) || /\d/.test(w) || known(stem(w)) || own(data.aliases, w) !== undefined) return w;
      const close = nearest(w, Math.min(1, allowed(w)));
      const fix = close ? close.word : splitCompound(w) || (nearest(w, allowed(w)) || {}).word;
      if (!fix) return w;
      changed = true;
      misspelt.add(w);
      return fix;
    });
    return changed ? out.join(" ") : null;
  }

  // --- finding pages, with Sphinx's public search functions ---------------------------------
  function parse(text) {
    const terms = new Set();
    split(text.trim()).forEach((word) => {
      const lower = word.toLowerCase();
      if (!sphinxStop(lower) && !/^\d+$/.test(lower)) terms.add(stem(lower));
    });
    return { text, terms, objectTerms: new Set(split(text.toLowerCase().trim())) };
  }

  // Page titles and section titles containing the query (the same scores as Sphinx's own search).
  function titleResults(queryLower) {
    const idx = index();
    const out = [];
    for (const [title, found] of Object.entries(idx.alltitles || {})) {
      if (!title.toLowerCase().trim().includes(queryLower) || queryLower.length < title.length / 2) continue;
      for (const [file, id] of found) {
        const score = Math.round((Scorer.title * queryLower.length) / title.length) + (idx.titles[file] === title ? 1 : 0);
        out.push([idx.docnames[file], idx.titles[file], id !== null ? "#" + id : "", null, score, idx.filenames[file], "title"]);
      }
    }
    for (const [entry, found] of Object.entries(idx.indexentries || {})) {
      if (!entry.includes(queryLower) || queryLower.length < entry.length / 2) continue;
      for (const [file, id] of found) {
        out.push([idx.docnames[file], idx.titles[file], id ? "#" + id : "", null,
          Math.round((100 * queryLower.length) / entry.length), idx.filenames[file], "index"]);
      }
    }
    return out;
  }

  function searchOnce({ text, terms, objectTerms }) {
    const results = titleResults(text.toLowerCase().trim());
    objectTerms.forEach((term) => results.push(...Search.performObjectSearch(term, objectTerms)));
    if (terms.size) results.push(...Search.performTermsSearch(terms, new Set()));
    if (Scorer.score) results.forEach((r) => { r[4] = Scorer.score(r); });
    return results;
  }

  function run(text) {
    const parsed = parse(text);
    let results = searchOnce(parsed);
    if (parsed.terms.size > 1) {
      // Pages with only some of the words are candidates too, ranked below pages with all of them.
      [...parsed.terms].forEach((term) => {
        results = results.concat(searchOnce(parse(term)).map((r) => { r[4] -= 25; return r; }));
      });
    }
    return results;
  }

  function rank(result, queryWords, homes) {
    const docname = result[0];
    const page = own(data.pages, docname) || { kind: "", title: [], summary: [] };
    const title = new Set(page.title);
    const summary = new Set(page.summary);
    const resultTitle = new Set(words(result[1] || "").map(stem));
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

  // The query cut after its first MAX_WORDS words (stop words are free), or null when it is short enough.
  function capped(query) {
    const t = query.match(/[\p{L}\p{N}_]+/gu) || [];
    let counted = 0;
    for (let n = 0; n < t.length; n++) {
      if (STOP.has(t[n].toLowerCase())) continue;
      if (counted === MAX_WORDS) return t.slice(0, n).join(" ");
      counted += 1;
    }
    return null;
  }

  // Every page that matches, best first, one entry per page (its best-scoring anchor).
  function find(query) {
    const variants = [query];
    const add = (v) => { if (v && !variants.includes(v)) variants.push(v); };
    add(expand(query));
    const misspelt = new Set();
    const fixed = corrected(query, misspelt);
    add(fixed);
    if (fixed) add(expand(fixed));
    const queryWords = new Set();
    const homes = new Set();
    const best = new Map();
    variants.forEach((variant) => {
      // A misspelling, once corrected, says nothing more about which page is best.
      words(variant).filter((w) => !misspelt.has(w)).forEach((w) => queryWords.add(stem(w)));
      homesFor(variant).forEach((h) => homes.add(h));
    });
    variants.forEach((variant) => run(variant).forEach((r) => {
      r[4] = rank(r, [...queryWords], homes);
      const kept = best.get(r[0]);
      if (!kept || kept[4] < r[4] || (kept[4] === r[4] && r[2] === "")) best.set(r[0], r);
    }));
    const ranked = [...best.values()].sort((a, b) => b[4] - a[4] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return { ranked, queryWords, typed: new Set(tokens(variants.join(" "))), fixed };
  }

  // --- showing the results -------------------------------------------------------------------
  const options = () => (typeof DOCUMENTATION_OPTIONS !== "undefined" ? DOCUMENTATION_OPTIONS : {});
  const contentRoot = () => document.documentElement.dataset.content_root || "./";
  function pageUrl(docname) {
    if (options().BUILDER === "dirhtml") return docname === "index" ? "" : docname.replace(/(^|\/)index$/, "$1") + "/";
    return docname + (options().LINK_SUFFIX || ".html");
  }
  function kindOf(docname, anchor) {
    if (anchor.startsWith("#term-")) return "Glossary term";
    const page = own(data.pages, docname);
    return page ? page.kind : "Page";
  }
  function pageTitle(docname, fallback) {
    const idx = index();
    const i = idx.docnames.indexOf(docname);
    return i >= 0 ? idx.titles[i] : fallback;
  }

  // Text with whole words matching the query wrapped for highlighting (never part of a word: "CP" is not in "CPD").
  function highlighted(text, queryWords, typed) {
    const out = document.createDocumentFragment();
    text.split(/([\p{L}\p{N}]+)/u).forEach((part, i) => {
      const lower = part.toLowerCase();
      if (i % 2 === 1 && (typed.has(lower) || queryWords.has(stem(lower))) && !STOP.has(lower) && !sphinxStop(lower)) {
        const mark = out.appendChild(document.createElement("span"));
        mark.className = "highlighted";
        mark.textContent = part;
      } else if (part) out.appendChild(document.createTextNode(part));
    });
    return out;
  }

  // Not prose: object headers and field lists, IDs, questions and their answers, navigation.
  const NOT_PROSE = [".headerlink", "script", "style", "nav", ".pm-object-header", ".pm-fields", ".field-list", ".pm-id",
    ".pm-question", ".pm-answer", ".pm-answers", ".pm-options", ".pm-explanation", ".pm-result-kind", ".toctree-wrapper"].join(",");

  // A snippet from the page's prose: the paragraph with most of the query's words, around the first of them.
  function snippet(html, anchor, queryWords) {
    const doc = new DOMParser().parseFromString(html, "text/html");
    const main = doc.querySelector('[role="main"]') || doc.body;
    main.querySelectorAll(NOT_PROSE).forEach((el) => el.remove());
    const target = anchor ? doc.getElementById(decodeURIComponent(anchor.slice(1))) : null;
    const scope = target && main.contains(target) && target.querySelector("p") ? target : main;
    let chosen = null;
    scope.querySelectorAll("p").forEach((p) => {
      const text = p.textContent.replace(/\s+/g, " ").trim();
      if (text.length < 30) return;
      const hits = tokens(text).filter((w) => queryWords.has(stem(w))).length;
      if (!chosen || hits > chosen.hits) chosen = { text, hits };
    });
    if (!chosen) return null;
    const { text } = chosen;
    const lower = text.toLowerCase();
    let at = -1;
    for (const match of lower.matchAll(/[a-z0-9]+/g)) {
      if (queryWords.has(stem(match[0]))) { at = match.index; break; }
    }
    let start = Math.max(0, at - 80);
    if (start > 0) start = text.indexOf(" ", start) + 1;
    const end = Math.min(text.length, start + 240);
    const cut = text.slice(start, end);
    return (start > 0 ? "..." : "") + (end < text.length ? cut.slice(0, cut.lastIndexOf(" ")) + "..." : cut);
  }

  function addSnippet(item, docname, anchor, queryWords, typed) {
    const url = contentRoot() + (options().BUILDER === "dirhtml" ? pageUrl(docname) : docname + (options().FILE_SUFFIX || ".html"));
    fetch(url).then((response) => response.text()).then((html) => {
      const text = snippet(html, anchor, queryWords);
      if (!text) return;
      const p = item.appendChild(document.createElement("p"));
      p.className = "context";
      p.appendChild(highlighted(text, queryWords, typed));
    }).catch(() => {}); // opened from the folder, some browsers refuse to fetch pages: the result stands without its snippet
  }

  function showItem(result, found) {
    const [docname, title, anchor] = result;
    const item = document.createElement("li");
    item.classList.add(`kind-${result[6] || "text"}`);
    const badge = item.appendChild(document.createElement("span"));
    badge.className = "pm-result-kind";
    badge.textContent = kindOf(docname, anchor);
    const link = item.appendChild(document.createElement("a"));
    link.href = pageUrl(docname) + anchor;
    link.dataset.score = result[4];
    link.textContent = pageTitle(docname, title);
    Search.output.appendChild(item);
    addSnippet(item, docname, anchor, found.queryWords, found.typed);
  }

  function searchLink(query, extra) {
    const url = new URL(window.location.href);
    url.search = "";
    url.searchParams.set("q", query);
    if (extra) url.searchParams.set(extra, "1");
    return url.href;
  }

  function paragraph(parts) {
    const p = document.createElement("p");
    parts.forEach((part) => {
      if (typeof part === "string") p.appendChild(document.createTextNode(part));
      else {
        const a = p.appendChild(document.createElement("a"));
        a.href = part.href;
        a.textContent = part.text;
      }
    });
    return p;
  }

  // Nothing found: what the words might have been, and where else to look.
  function emptyHelp(query, hiddenCount) {
    const help = document.createElement("div");
    help.className = "pm-search-empty";
    const suggestion = tokens(query).map((w) => {
      if (STOP.has(w) || sphinxStop(w) || known(stem(w))) return w;
      const close = nearest(w, w.length >= 6 ? allowed(w) + 1 : allowed(w)); // a little looser than the search's own corrections
      return close && readableWords().has(close.word) ? close.word : w;
    }).join(" ");
    if (suggestion && suggestion !== keyOf(query)) help.appendChild(paragraph(["Did you mean ", { href: searchLink(suggestion), text: suggestion }, "?"]));
    if (hiddenCount) help.appendChild(paragraph([`${hiddenCount === 1 ? "One page" : `${hiddenCount} pages`} for editors and integrators match: `,
      { href: searchLink(query, "editors"), text: "show pages for editors and integrators" }, "."]));
    help.appendChild(paragraph(["Try fewer words or another word for the same thing, or look the term up in the ",
      { href: contentRoot() + pageUrl("a-z"), text: "A to Z" }, " or the ", { href: contentRoot() + pageUrl("glossary"), text: "glossary" }, "."]));
    return help;
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
    const found = find(query);
    const showEditors = new URLSearchParams(window.location.search).get("editors") === "1";
    const shown = found.ranked.filter((r) => showEditors || !hidden(r[0]));
    const hiddenCount = found.ranked.length - shown.length;
    // Sphinx's highlighter on the pages opened from here matches inside words: give it only words long enough not to.
    if (typeof SPHINX_HIGHLIGHT_ENABLED !== "undefined" && SPHINX_HIGHLIGHT_ENABLED) {
      localStorage.setItem("sphinx_highlight_terms", [...found.typed].filter((w) => w.length >= 4 && !STOP.has(w) && !sphinxStop(w)).join(" "));
    }
    shown.forEach((result) => showItem(result, found));
    Search.stopPulse();
    Search.title.innerText = Documentation.gettext("Search Results");
    if (!shown.length) {
      Search.status.innerText = `No pages match "${query}".`;
      Search.status.after(emptyHelp(query, hiddenCount));
      return;
    }
    const pages = shown.length === 1 ? "one page" : `${shown.length} pages`;
    Search.status.innerText = `Found ${pages} for "${query}"` + (found.fixed ? ` (also searched for "${found.fixed}")` : "") + ".";
    if (hiddenCount) {
      const note = paragraph([`Not shown: ${hiddenCount === 1 ? "one page" : `${hiddenCount} pages`} for editors and integrators (`,
        { href: searchLink(query, "editors"), text: "show them" }, ")."]);
      note.className = "pm-search-hidden";
      Search.status.after(note);
    }
  };
})();
