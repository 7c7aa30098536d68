"""The inline style and scripts of the review pages (:mod:`.html`) and the review index (:mod:`.index`).

Everything is inline because the pages load nothing (``default-src 'none'``). Decisions are
kept in the browser's ``localStorage`` under ``textfix-decisions:<document sha256>:<options
fingerprint>``, as the very object the page exports, so that the index of a run finds every
page's decisions. A download is a ``Blob`` behind an ``<a download>``: a download is not a
fetch, so the content security policy does not stop it (the browser test checks it).
"""

from __future__ import annotations

from html import escape

__all__ = ["CSP", "CSS", "INDEX_SCRIPT", "PAGE_SCRIPT", "STORAGE_PREFIX", "page_document"]

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"

#: ``localStorage`` keys of decisions start with this; the document sha256 and options fingerprint follow.
STORAGE_PREFIX = "textfix-decisions:"

CSS = """
:root { --debris: #c62828; --duplicate: #8e24aa; --repair: #b26a00; --translation: #00796b;
  --glossary: #1565c0; --other: #546e7a; --foreign: #f9a825; --low: #d84315; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: #222; background: #fafafa; }
header { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid #ddd;
  padding: .5rem 1rem; }
h1 { font-size: 1.1rem; margin: 0 0 .25rem; overflow-wrap: anywhere; }
.meta, .keys, .tools { margin: 0; color: #555; font-size: .85rem; }
.tools { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: center; margin: .2rem 0; }
.tools b { color: #222; font-variant-numeric: tabular-nums; }
button { font: inherit; font-size: .8rem; padding: 0 .4rem; border: 1px solid #bbb; border-radius: 3px;
  background: #f5f5f5; cursor: pointer; }
button:hover { background: #e8e8e8; }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; margin: .25rem 0; padding: 0;
  font-size: .85rem; }
.legend b { font-variant-numeric: tabular-nums; }
.legend button { font-size: .7rem; padding: 0 .25rem; margin-left: .15rem; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.5rem; padding: .4rem 1rem; }
.cols.head { font-weight: 600; color: #555; border-bottom: 1px solid #eee; }
.row:nth-child(even) { background: #f3f3f3; }
main.changed-only .row:not(.c) { display: none; }
.row > div { white-space: pre-wrap; overflow-wrap: anywhere; min-width: 0; }
.n:empty::before { content: "(removed)"; color: #999; font-style: italic; }
.chg, .out { border-radius: 3px; cursor: pointer; padding: 0 1px; background: #eceff1; color: var(--other); }
del.chg { text-decoration: line-through; }
ins.out { text-decoration: none; }
.chg:empty::before { content: "\\2038"; }
.chg::after { content: attr(data-label); display: inline-block; margin-left: .2em; padding: 0 .25em;
  font-size: .7em; vertical-align: super; line-height: 1; border-radius: 3px; background: rgba(255,255,255,.7); }
.k-debris { background: #ffebee; color: var(--debris); }
.k-duplicate { background: #f3e5f5; color: var(--duplicate); }
.k-repair { background: #fff3e0; color: var(--repair); }
.k-translation { background: #e0f2f1; color: var(--translation); }
.k-glossary { background: #e3f2fd; color: var(--glossary); }
.low { outline: 2px dashed var(--low); outline-offset: 1px; }
del.chg.low::after { content: "\\26A0 " attr(data-label); color: var(--low); }
del.chg.rej { text-decoration: none; color: #222; background: #fffde7; box-shadow: inset 0 -2px #9e9e9e; }
del.chg.rej::before { content: "\\2717 kept "; font-size: .7em; color: #616161; }
ins.out.rej { text-decoration: line-through; opacity: .45; }
del.chg.acc::before { content: "\\2713 "; font-size: .8em; color: #2e7d32; }
.foreign { border-bottom: 2px dotted var(--foreign); }
.current { outline: 2px solid #000; }
#detail { position: fixed; right: 1rem; bottom: 1rem; z-index: 3; max-width: min(36rem, 90vw); max-height: 45vh;
  overflow: auto; background: #fff; border: 1px solid #bbb; border-radius: 6px; padding: .5rem .75rem;
  box-shadow: 0 2px 10px rgba(0,0,0,.2); font-size: .9rem; }
#detail dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .75rem; margin: 0; }
#detail dt { color: #555; }
#detail dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
#detail .act { margin: .4rem 0 0; display: flex; gap: .5rem; }
#detail.preview .act { display: none; }
mark.flag { background: none; color: inherit; text-decoration: underline wavy #d81b60; text-underline-offset: 3px;
  cursor: help; }
mark.flag.first::before { content: "\\2691"; color: #d81b60; font-size: .75em; vertical-align: super; }
.problems { margin: .25rem 0; padding-left: 1.2rem; color: #8a1c1c; font-size: .85rem; }
table { border-collapse: collapse; margin: 1rem; }
th, td { border: 1px solid #ddd; padding: .25rem .6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
th button { border: 0; background: none; font-weight: 600; padding: 0; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
td.some { color: #8a1c1c; font-weight: 600; }
"""

#: Shared by both scripts: reading and writing decisions in the browser's storage (which may be
#: missing or refuse, as in a private window: then decisions live as long as the page).
_STORAGE = """
  var memory = {};
  function stored(key) {
    try { var raw = window.localStorage.getItem(key); return raw ? JSON.parse(raw) : null; }
    catch (error) { return memory[key] || null; }
  }
  function store(key, value) {
    memory[key] = value;
    try {
      if (value) { window.localStorage.setItem(key, JSON.stringify(value)); }
      else { window.localStorage.removeItem(key); }
    } catch (error) { /* storage refused: kept in memory only */ }
  }
  function offer(name, value) {
    var blob = new Blob([JSON.stringify(value, null, 1) + "\\n"], {type: "application/json"});
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }
"""

PAGE_SCRIPT = """
(function () {
  "use strict";
""" + _STORAGE + """
  var main = document.querySelector("main");
  var review = JSON.parse(main.getAttribute("data-review"));
  var key = "textfix-decisions:" + review.document + ":" + review.options;
  var changes = Array.prototype.slice.call(document.querySelectorAll(".chg"));
  var position = {}, outs = {}, byId = {};
  changes.forEach(function (el, k) { position[el.getAttribute("data-i")] = k; byId[el.getAttribute("data-id")] = el; });
  Array.prototype.forEach.call(document.querySelectorAll(".out"), function (el) {
    outs[el.getAttribute("data-i")] = el;
  });
  var box = document.getElementById("detail");
  var list = box.querySelector("dl");
  var threshold = document.getElementById("low-threshold");
  var current = -1;
  var decisions = {};

  function payload() {
    var rejected = [], accepted = [];
    changes.forEach(function (el) {
      var id = el.getAttribute("data-id");
      if (decisions[id] === "rejected") { rejected.push(id); }
      else if (decisions[id] === "accepted") { accepted.push(id); }
    });
    return {textfix_decisions: 1, document: review.document, name: review.name, options: review.options,
            option_values: review.option_values, rejected: rejected, accepted: accepted,
            textfix: review.textfix, changes: changes.length};
  }
  function paint(el) {
    var state = decisions[el.getAttribute("data-id")] || "";
    var out = outs[el.getAttribute("data-i")];
    [el, out].forEach(function (node) {
      if (!node) { return; }
      node.classList.toggle("rej", state === "rejected");
      node.classList.toggle("acc", state === "accepted");
    });
  }
  function count() {
    var rejected = 0, accepted = 0;
    changes.forEach(function (el) {
      var state = decisions[el.getAttribute("data-id")];
      if (state === "rejected") { rejected += 1; } else if (state === "accepted") { accepted += 1; }
    });
    document.getElementById("n-rejected").textContent = String(rejected);
    document.getElementById("n-accepted").textContent = String(accepted);
    document.getElementById("n-open").textContent = String(changes.length - rejected - accepted);
    return rejected + accepted;
  }
  function decide(els, state) {
    els.forEach(function (el) {
      var id = el.getAttribute("data-id");
      if (state) { decisions[id] = state; } else { delete decisions[id]; }
      paint(el);
    });
    store(key, count() ? payload() : null);
    if (current >= 0 && !box.hidden) { show(changes[current], false); }
  }
  function lowMarks() {
    var limit = threshold ? parseFloat(threshold.value) : NaN;
    Array.prototype.forEach.call(document.querySelectorAll("[data-confidence]"), function (el) {
      var low = !isNaN(limit) && parseFloat(el.getAttribute("data-confidence")) < limit;
      el.classList.toggle("low", low);
      var out = outs[el.getAttribute("data-i")];
      if (out) { out.classList.toggle("low", low); }
    });
    var shown = document.querySelectorAll("del.low").length;
    var counter = document.getElementById("n-low");
    if (counter) { counter.textContent = String(shown); }
  }

  function add(name, value) {
    if (!value) { return; }
    var dt = document.createElement("dt"), dd = document.createElement("dd");
    dt.textContent = name;
    dd.textContent = value;
    list.appendChild(dt);
    list.appendChild(dd);
  }
  function show(el, preview) {
    var i = el.getAttribute("data-i");
    var out = outs[i];
    var translation = el.getAttribute("data-kind") === "translation";
    list.textContent = "";
    add("change", String(position[i] + 1) + " of " + changes.length + " (" + el.getAttribute("data-kind") + ")");
    add("reason", el.getAttribute("data-reason"));
    add(translation ? "source span" : "original", el.textContent || "(nothing)");
    add("output", out ? out.textContent : "(removed)");
    add("model pair", el.getAttribute("data-model"));
    add("languages", el.getAttribute("data-pair"));
    var confidence = el.getAttribute("data-confidence");
    if (confidence) {
      var low = el.classList.contains("low") ? " \\u2014 low, below " + threshold.value : "";
      add("confidence", parseFloat(confidence).toFixed(2) + " (" + el.getAttribute("data-scores") + ")" + low);
    }
    add("via English", el.getAttribute("data-pivot"));
    add("glossary names", el.getAttribute("data-names"));
    add("decision", decisions[el.getAttribute("data-id")] || "open (the change stands)");
    box.classList.toggle("preview", preview);
    box.hidden = false;
  }
  function select(k) {
    if (!changes.length) { return; }
    if (current >= 0) { changes[current].classList.remove("current"); }
    current = (k + changes.length) % changes.length;
    var el = changes[current];
    el.classList.add("current");
    el.scrollIntoView({block: "center"});
    show(el, false);
  }
  function unselect() {
    if (current >= 0) { changes[current].classList.remove("current"); }
    current = -1;
    box.hidden = true;
  }
  function changeOf(target) {
    var el = target.closest ? target.closest("[data-i]") : null;
    return el ? changes[position[el.getAttribute("data-i")]] : null;
  }
  function decideCurrent(state) {
    if (current < 0) { select(0); return; }
    decide([changes[current]], state);
    select(current + 1);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.target && /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName)) { return; }
    if (event.key === "n" || event.key === "j") { select(current + 1); }
    else if (event.key === "p" || event.key === "k") { select(current - 1); }
    else if (event.key === "a") { decideCurrent("accepted"); }
    else if (event.key === "r") { decideCurrent("rejected"); }
    else if (event.key === "u") { decideCurrent(""); }
    else if (event.key === "Escape") { unselect(); }
    else { return; }
    event.preventDefault();
  });
  main.addEventListener("click", function (event) {
    var el = changeOf(event.target);
    if (el) { select(position[el.getAttribute("data-i")]); }
  });
  main.addEventListener("mouseover", function (event) {
    var el = changeOf(event.target);
    if (el && current < 0) { show(el, true); }
  });
  box.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-act]") : null;
    if (button && current >= 0) { decideCurrent(button.getAttribute("data-act")); }
  });
  document.querySelector("header").addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button") : null;
    if (!button) { return; }
    if (button.hasAttribute("data-all")) {
      var kind = button.getAttribute("data-for");
      decide(changes.filter(function (el) {
        return kind === "low" ? el.classList.contains("low") : el.getAttribute("data-kind") === kind;
      }), button.getAttribute("data-all"));
    } else if (button.id === "download") {
      offer(review.file, payload());
    } else if (button.id === "forget") {
      decide(changes, "");
    }
  });
  document.getElementById("changed-only").addEventListener("change", function (event) {
    main.classList.toggle("changed-only", event.target.checked);
  });
  if (threshold) { threshold.addEventListener("input", lowMarks); }

  var saved = stored(key);
  if (saved) {
    (saved.rejected || []).forEach(function (id) { if (byId[id]) { decisions[id] = "rejected"; } });
    (saved.accepted || []).forEach(function (id) { if (byId[id]) { decisions[id] = "accepted"; } });
    Object.keys(decisions).forEach(function (id) { paint(byId[id]); });
  }
  count();
  lowMarks();
  document.documentElement.setAttribute("data-changes", String(changes.length));
})();
"""

INDEX_SCRIPT = """
(function () {
  "use strict";
""" + _STORAGE + """
  var table = document.getElementById("documents");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  function keyOf(row) {
    return "textfix-decisions:" + row.getAttribute("data-document") + ":" + row.getAttribute("data-options");
  }
  function refresh() {
    var documents = 0;
    rows.forEach(function (row) {
      var saved = stored(keyOf(row));
      var cell = row.querySelector("td.decisions");
      var rejected = saved ? saved.rejected.length : 0, accepted = saved ? saved.accepted.length : 0;
      cell.textContent = saved ? rejected + " rejected, " + accepted + " accepted" : "\\u2014";
      cell.setAttribute("data-v", String(saved ? rejected * 100000 + accepted : -1));
      if (saved) { documents += 1; }
    });
    document.getElementById("n-decided").textContent = String(documents);
  }
  function sort(column, descending) {
    var numeric = table.tHead.rows[0].cells[column].hasAttribute("data-numeric");
    rows.sort(function (a, b) {
      var x = a.cells[column].getAttribute("data-v"), y = b.cells[column].getAttribute("data-v");
      var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, k) {
      if (k === column) { cell.setAttribute("aria-sort", descending ? "descending" : "ascending"); }
      else { cell.removeAttribute("aria-sort"); }
    });
  }
  table.tHead.addEventListener("click", function (event) {
    var cell = event.target.closest ? event.target.closest("th") : null;
    if (!cell) { return; }
    var numeric = cell.hasAttribute("data-numeric");
    var state = cell.getAttribute("aria-sort");
    sort(cell.cellIndex, state ? state === "ascending" : numeric);
  });
  document.getElementById("download-all").addEventListener("click", function () {
    var documents = [];
    rows.forEach(function (row) { var saved = stored(keyOf(row)); if (saved) { documents.push(saved); } });
    offer("decisions.json", {textfix_decisions: 1, documents: documents});
  });
  window.addEventListener("focus", refresh);
  window.addEventListener("pageshow", refresh);
  refresh();
})();
"""


def page_document(title: str, body: str, *, script: str | None) -> str:
    """A complete page: charset, security policy, inline style, ``body`` and (optionally) a script."""
    code = f"<script>{script}</script>\n" if script else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n{code}</body>\n</html>\n"
    )
