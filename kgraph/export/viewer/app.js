/* kgraph viewer: legend, filters, search and details around a vis-network graph.
 * Every string from the graph is untrusted article text: it reaches the page only through
 * textContent, createTextNode or vis-network's canvas, never through innerHTML. */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("kgraph-data").textContent);
  var timings = { parsed: performance.now() };
  var SVG_NS = "http://www.w3.org/2000/svg";
  var MODALITY_CLASS = {};
  DATA.legend.modalities.forEach(function (m) { MODALITY_CLASS[m.name] = m["class"]; });

  function $(id) { return document.getElementById(id); }

  /* Build an element; children are elements or strings (inserted as text, never parsed). */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        if (key === "text") node.textContent = attrs[key];
        else if (key === "className") node.className = attrs[key];
        else node.setAttribute(key, attrs[key]);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function pretty(name) { return String(name).replace(/_/g, " "); }
  function entityLabel(id) { var e = DATA.entities[id]; return e ? e.label : String(id); }
  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim().replace(/^the /, "");
  }

  /* Only web links become anchors: a "javascript:" source must stay text. */
  function safeUrl(url) { return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null; }
  function link(url, text) {
    var a = el("a", { href: url, target: "_blank", rel: "noopener noreferrer" });
    a.textContent = text;
    return a;
  }

  /* ---------- time: ISO dates, possibly partial ("2024", "2024-06"), or ranges "A/B" ---------- */
  var DATE_RE = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/;
  function bound(text, end) {
    var m = DATE_RE.exec(String(text).trim());
    if (!m) return null;
    return m[1] + "-" + (m[2] || (end ? "12" : "01")) + "-" + (m[3] || (end ? "31" : "01"));
  }
  function interval(when) {
    if (!when) return null;
    var parts = String(when).split("/");
    var start = bound(parts[0], false), stop = bound(parts[parts.length - 1], true);
    return start && stop ? [start, stop] : null;
  }

  /* ---------- vis-network data ---------- */
  function swatch(shape, color, size) {
    size = size || 14;
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("width", size); svg.setAttribute("height", size); svg.setAttribute("viewBox", "0 0 14 14");
    var s, points = {
      diamond: "7,1 13,7 7,13 1,7", triangle: "7,1.5 13,12.5 1,12.5", triangleDown: "1,1.5 13,1.5 7,12.5",
      star: "7,0.8 8.8,5 13.3,5.2 9.8,8.1 11,12.6 7,10.1 3,12.6 4.2,8.1 0.7,5.2 5.2,5"
    };
    if (points[shape]) { s = document.createElementNS(SVG_NS, "polygon"); s.setAttribute("points", points[shape]); }
    else if (shape === "square") {
      s = document.createElementNS(SVG_NS, "rect");
      s.setAttribute("x", 2); s.setAttribute("y", 2); s.setAttribute("width", 10); s.setAttribute("height", 10);
    } else {
      s = document.createElementNS(SVG_NS, "circle");
      s.setAttribute("cx", 7); s.setAttribute("cy", 7); s.setAttribute("r", 5.5);
    }
    s.setAttribute("fill", color); s.setAttribute("stroke", "rgba(0,0,0,.35)");
    svg.appendChild(s);
    return svg;
  }

  function lineSwatch(color, dashes, arrow) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("width", 30); svg.setAttribute("height", 12); svg.setAttribute("viewBox", "0 0 30 12");
    var line = document.createElementNS(SVG_NS, "line");
    line.setAttribute("x1", 1); line.setAttribute("y1", 6); line.setAttribute("x2", arrow ? 22 : 29); line.setAttribute("y2", 6);
    line.setAttribute("stroke", color); line.setAttribute("stroke-width", 2.2);
    if (dashes) line.setAttribute("stroke-dasharray", dashes.join(" "));
    svg.appendChild(line);
    if (arrow) {
      var head = document.createElementNS(SVG_NS, "polygon");
      head.setAttribute("points", "21,2 29,6 21,10"); head.setAttribute("fill", color);
      svg.appendChild(head);
    }
    return svg;
  }

  function nodeTooltip(node) {
    var entity = DATA.entities[node.id] || {};
    var tip = el("div", null, el("div", { className: "kg-tip-title", text: entity.label || node.label }),
      el("div", { className: "kg-tip-sub", text: entity.type || "" }));
    if (entity.aliases && entity.aliases.length) {
      tip.appendChild(el("div", { className: "kg-tip-sub", text: "also: " + entity.aliases.slice(0, 6).join(", ") }));
    }
    return tip;
  }

  function relationHeadline(rel) {
    if (!rel) return "";
    if (rel.target || (rel.source && !rel.participants.length)) {
      return entityLabel(rel.source) + (rel.target ? " \u2192 " + entityLabel(rel.target) : "");
    }
    return rel.participants.map(entityLabel).join(" \u2194 ");
  }

  function edgeTooltip(edge) {
    var rel = DATA.relations[edge.rel] || {};
    var sub = [rel.modality, rel.when].filter(Boolean).join(" \u00b7 ");
    return el("div", null, el("div", { className: "kg-tip-title", text: pretty(edge.rtype) + ": " + relationHeadline(rel) }),
      el("div", { className: "kg-tip-sub", text: sub }),
      edge.contested ? el("div", { className: "kg-tip-contested", text: "contested: another source says otherwise" }) : null,
      el("div", { className: "kg-tip-sub", text: "click for the evidence" }));
  }

  DATA.nodes.forEach(function (n) { n.title = nodeTooltip(n); });
  DATA.edges.forEach(function (e) { e.title = edgeTooltip(e); });
  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);
  var container = $("kg-network");
  /* What tests, benchmarks and notebooks reach; filled in below, before any event can fire. */
  var api = window.kgraph = { nodes: nodes, edges: edges, stable: false, stableAt: null, timings: timings };
  timings.datasets = performance.now();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, DATA.options);
  timings.network = performance.now();
  window.network = api.network = network;

  /* ---------- stabilise, then freeze ---------- */
  var progress = $("kg-progress"), physicsButton = $("kg-physics");
  function setPhysics(on) {
    network.setOptions({ physics: { enabled: on } });
    physicsButton.setAttribute("aria-pressed", on ? "true" : "false");
    physicsButton.textContent = "Physics: " + (on ? "on" : "off");
  }
  /* Unconnected entities take no part in the physics: shelve them in rows under the graph. */
  function shelveUnconnected() {
    var order = {};
    DATA.legend.entityTypes.forEach(function (t, i) { order[t.name] = i; });
    var loose = DATA.nodes.filter(function (n) { return n.physics === false; }).sort(function (a, b) {
      return (order[a.etype] - order[b.etype]) || String(a.label).localeCompare(String(b.label));
    });
    if (!loose.length) return;
    var placed = DATA.nodes.filter(function (n) { return n.physics !== false; }).map(function (n) { return n.id; });
    var positions = network.getPositions(placed), xs = [], ys = [];
    placed.forEach(function (id) { xs.push(positions[id].x); ys.push(positions[id].y); });
    var left = xs.length ? Math.min.apply(null, xs) : 0, right = xs.length ? Math.max.apply(null, xs) : 0;
    var top = ys.length ? Math.max.apply(null, ys) + 160 : 0;
    var columns = Math.max(4, Math.round((right - left) / 170) + 1, Math.ceil(Math.sqrt(loose.length * 2)));
    loose.forEach(function (n, i) { network.moveNode(n.id, left + (i % columns) * 170, top + Math.floor(i / columns) * 90); });
  }

  function frozen() {
    shelveUnconnected();
    setPhysics(false);
    progress.classList.add("kg-done");
    api.stable = true;
    api.stableAt = timings.stable = performance.now();
    container.dispatchEvent(new CustomEvent("kgraph:stable"));
  }
  network.on("stabilizationProgress", function (p) {
    $("kg-progress-bar").firstChild.style.width = Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", frozen);
  var anyPhysics = DATA.nodes.some(function (n) { return n.physics !== false; });
  physicsButton.addEventListener("click", function () {
    setPhysics(physicsButton.getAttribute("aria-pressed") !== "true");
  });
  $("kg-fit").addEventListener("click", function () { network.fit({ animation: { duration: 300 } }); });

  /* ---------- legend + filters ---------- */
  var state = { etypes: {}, rtypes: {}, modalities: {}, since: null, until: null, undated: true, hideIsolated: DATA.hideIsolated,
    contestedOnly: false };
  $("kg-hide-isolated").checked = DATA.hideIsolated;

  function legendItem(list, group, item, graphic, label, checked) {
    var box = el("input", { type: "checkbox", "data-group": group, "data-name": item.name });
    box.checked = checked;
    state[group][item.name] = checked;
    box.addEventListener("change", function () { state[group][item.name] = box.checked; applyFilters(); });
    list.appendChild(el("li", null, el("label", null, box, graphic, el("span", { className: "kg-name", text: label }),
      el("span", { className: "kg-count", text: String(item.count) }))));
  }
  DATA.legend.entityTypes.forEach(function (t) {
    legendItem($("kg-filter-etypes"), "etypes", t, swatch(t.shape, t.color), t.name, true);
  });
  DATA.legend.relationTypes.forEach(function (t) {
    legendItem($("kg-filter-rtypes"), "rtypes", t, lineSwatch(t.color, null, t.directed), pretty(t.name), true);
  });
  DATA.legend.modalities.forEach(function (m) {
    var label = m.name + (m["class"] !== "factual" && m["class"] !== m.name ? " (" + m["class"] + ")" : "");
    legendItem($("kg-filter-modalities"), "modalities", m, lineSwatch("#57606a", m.dashes || null, false), label,
      m.name !== "negated" || DATA.showNegated);
  });

  var edgeInterval = {};
  var times = [];
  DATA.edges.forEach(function (e) {
    var rel = DATA.relations[e.rel];
    edgeInterval[e.id] = interval(rel && rel.when);
    if (edgeInterval[e.id]) times.push(rel.when);
  });
  times.sort();
  if (times.length) $("kg-time-range").textContent = "Dates in this graph: " + times[0] + " \u2013 " + times[times.length - 1];

  function readTime(input, end) {
    var value = input.value.trim();
    var parsed = value ? bound(value, end) : null;
    input.classList.toggle("kg-invalid", Boolean(value) && !parsed);
    return parsed;
  }
  ["kg-since", "kg-until"].forEach(function (id) {
    $(id).addEventListener("input", function () {
      state.since = readTime($("kg-since"), false);
      state.until = readTime($("kg-until"), true);
      applyFilters();
    });
  });
  /* Contested claims: both sides, the negated one too, and nothing else. */
  if (DATA.contestedClaims) {
    $("kg-contested").hidden = false;
    $("kg-contested-count").textContent = String(DATA.contestedClaims);
  }
  $("kg-contested-only").addEventListener("change", function () { state.contestedOnly = $("kg-contested-only").checked; applyFilters(); });
  $("kg-undated").addEventListener("change", function () { state.undated = $("kg-undated").checked; applyFilters(); });
  $("kg-hide-isolated").addEventListener("change", function () { state.hideIsolated = $("kg-hide-isolated").checked; applyFilters(); });
  $("kg-reset").addEventListener("click", function () {
    document.querySelectorAll("#kg-sidebar input[type=checkbox][data-group]").forEach(function (box) {
      box.checked = box.getAttribute("data-group") !== "modalities" || box.getAttribute("data-name") !== "negated" || DATA.showNegated;
      state[box.getAttribute("data-group")][box.getAttribute("data-name")] = box.checked;
    });
    $("kg-since").value = ""; $("kg-until").value = ""; $("kg-undated").checked = true;
    $("kg-hide-isolated").checked = DATA.hideIsolated;
    $("kg-contested-only").checked = state.contestedOnly = false;
    state.since = state.until = null; state.undated = true; state.hideIsolated = DATA.hideIsolated;
    $("kg-since").classList.remove("kg-invalid"); $("kg-until").classList.remove("kg-invalid");
    applyFilters();
  });

  function edgePasses(e, nodeShown) {
    if (state.contestedOnly ? !(e.contested && state.rtypes[e.rtype]) : !state.rtypes[e.rtype] || !state.modalities[e.modality]) return false;
    if (!nodeShown[e.from] || !nodeShown[e.to]) return false;
    var span = edgeInterval[e.id];
    if (!span) return state.undated || (!state.since && !state.until);
    return (!state.since || span[1] >= state.since) && (!state.until || span[0] <= state.until);
  }

  var shownNodes = {}, shownEdges = {};
  function applyFilters() {
    var nodeShown = {}, edgeShown = {}, touched = {};
    DATA.nodes.forEach(function (n) { nodeShown[n.id] = Boolean(state.etypes[n.etype]); });
    DATA.edges.forEach(function (e) {
      edgeShown[e.id] = edgePasses(e, nodeShown);
      if (edgeShown[e.id]) { touched[e.from] = true; touched[e.to] = true; }
    });
    if (state.hideIsolated) DATA.nodes.forEach(function (n) { nodeShown[n.id] = nodeShown[n.id] && Boolean(touched[n.id]); });
    var nodeUpdates = [], edgeUpdates = [];
    DATA.nodes.forEach(function (n) {
      if (shownNodes[n.id] !== nodeShown[n.id]) nodeUpdates.push({ id: n.id, hidden: !nodeShown[n.id] });
    });
    DATA.edges.forEach(function (e) {
      if (shownEdges[e.id] !== edgeShown[e.id]) edgeUpdates.push({ id: e.id, hidden: !edgeShown[e.id] });
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    shownNodes = nodeShown; shownEdges = edgeShown;
    var n = Object.keys(nodeShown).filter(function (k) { return nodeShown[k]; }).length;
    var m = Object.keys(edgeShown).filter(function (k) { return edgeShown[k]; }).length;
    $("kg-counts").textContent = n + " of " + DATA.nodes.length + " entities \u00b7 " + m + " of " + DATA.edges.length + " edges";
  }
  DATA.edges.forEach(function (e) { shownEdges[e.id] = !e.hidden; });
  DATA.nodes.forEach(function (n) { shownNodes[n.id] = !n.hidden; });
  applyFilters();

  var edgeFont = DATA.options.edges.font.size;
  function setEdgeLabels(on) { network.setOptions({ edges: { font: { size: on ? edgeFont : 0 } } }); }
  $("kg-edge-labels").checked = DATA.edgeLabels;
  if (!DATA.edgeLabels) setEdgeLabels(false);
  $("kg-edge-labels").addEventListener("change", function () { setEdgeLabels($("kg-edge-labels").checked); });

  $("kg-toggle-sidebar").addEventListener("click", function () {
    $("kg-sidebar").classList.toggle("kg-collapsed");
  });

  /* ---------- details panel ---------- */
  var panel = $("kg-panel"), panelBody = $("kg-panel-body");
  function openPanel(children) {
    while (panelBody.firstChild) panelBody.removeChild(panelBody.firstChild);
    children.forEach(function (c) { if (c) panelBody.appendChild(c); });
    panel.hidden = false;
    panel.scrollTop = 0;
  }
  function closePanel() { panel.hidden = true; network.unselectAll(); }
  $("kg-panel-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", function (event) {
    if (event.target.tagName === "INPUT") return;
    if (event.key === "Escape") closePanel();
    else if (event.key === "/") { event.preventDefault(); $("kg-search").focus(); }
  });

  function facts(pairs) {
    var dl = el("dl");
    pairs.forEach(function (p) {
      if (p[1] === null || p[1] === undefined || p[1] === "" || (Array.isArray(p[1]) && !p[1].length)) return;
      dl.appendChild(el("dt", { text: p[0] }));
      var value = p[1];
      dl.appendChild(el("dd", null, typeof value === "string" || typeof value === "number" ? String(value)
        : Array.isArray(value) ? value.join(", ") : value));
    });
    return dl;
  }

  function documentLine(docId) {
    var doc = DATA.documents[docId] || {};
    var line = el("div", { className: "kg-doc" });
    var title = doc.title || docId;
    var url = safeUrl(doc.source);
    line.appendChild(url ? link(url, title) : document.createTextNode(title));
    var rest = [doc.date, doc.author, url ? null : doc.source].filter(Boolean);
    if (rest.length) line.appendChild(document.createTextNode(" \u2014 " + rest.join(" \u00b7 ")));
    return line;
  }

  /* The sentence, with the trigger word marked: split into text nodes, never parsed. */
  function sentence(evidence) {
    var quote = el("blockquote");
    var text = String(evidence.sentence || ""), trigger = evidence.trigger;
    var at = trigger ? text.toLowerCase().indexOf(String(trigger).toLowerCase()) : -1;
    if (at < 0) { quote.textContent = text; return quote; }
    quote.appendChild(document.createTextNode(text.slice(0, at)));
    quote.appendChild(el("mark", { text: text.slice(at, at + trigger.length) }));
    quote.appendChild(document.createTextNode(text.slice(at + trigger.length)));
    return quote;
  }

  function entityButton(id) {
    var a = el("a", { href: "#", text: entityLabel(id) });
    a.addEventListener("click", function (event) { event.preventDefault(); focusNode(id); });
    return a;
  }

  function showEdge(edgeId) {
    var edge = edges.get(edgeId);
    if (!edge) return;
    var rel = DATA.relations[edge.rel] || {};
    var color = (edge.color && edge.color.color) || "#57606a";
    var slots = [];
    if (rel.source) slots.push(["source", entityButton(rel.source)]);
    if (rel.target) slots.push(["target", entityButton(rel.target)]);
    if (!rel.source && rel.participants && rel.participants.length) {
      var who = el("span");
      rel.participants.forEach(function (p, i) { if (i) who.appendChild(document.createTextNode(", ")); who.appendChild(entityButton(p)); });
      slots.push(["participants", who]);
    }
    var dated = rel.time || (rel.when ? rel.when + " (document date)" : null);
    var children = [
      el("h3", null, el("span", { className: "kg-badge", style: "background:" + color, text: pretty(rel.type || edge.rtype) }),
        rel.contested_by ? el("span", { className: "kg-badge kg-contested-badge", text: "contested" }) : null),
      el("div", { text: relationHeadline(rel) }),
      facts(slots.concat([
        ["modality", rel.modality && MODALITY_CLASS[rel.modality] ? rel.modality + " (" + MODALITY_CLASS[rel.modality] + ")" : rel.modality],
        ["time", dated], ["place", rel.location], ["according to", rel.attributed_to ? entityButton(rel.attributed_to) : null],
        ["confidence", typeof rel.confidence === "number" ? rel.confidence.toFixed(2) : null],
        ["what", rel.object], ["role", rel.role],
        ["codes", [rel.cameo ? "CAMEO " + rel.cameo : null, rel.plover ? "PLOVER " + rel.plover : null].filter(Boolean).join(" \u00b7 ")]
      ])),
      el("h4", { text: "Evidence (" + (rel.evidence || []).length + ")" })
    ];
    (rel.evidence || []).forEach(function (ev) { children.push(sentence(ev)); children.push(documentLine(ev.doc)); });
    if (rel.contested_by) children.push(contestSection(rel));
    if (edge.hidden) children.push(el("p", { className: "kg-hidden-note", text: "Hidden by the current filters." }));
    openPanel(children);
  }

  /* The other side of a contested claim: its modality, who says so and its evidence. */
  function contestSection(rel) {
    var section = el("section", { className: "kg-contest" },
      el("h4", { text: (MODALITY_CLASS[rel.modality] === "negated" ? "Denies" : "Contested by") + " (" + rel.contested_by.length + ")" }));
    rel.contested_by.forEach(function (key) {
      var other = DATA.relations[key];
      if (!other) return;
      var side = el("div", { className: "kg-contest-side", "data-rel": key });
      side.appendChild(facts([
        ["modality", other.modality + (MODALITY_CLASS[other.modality] && MODALITY_CLASS[other.modality] !== other.modality
          ? " (" + MODALITY_CLASS[other.modality] + ")" : "")],
        ["according to", other.attributed_to ? entityButton(other.attributed_to) : "the writer"],
        ["time", other.time || (other.when ? other.when + " (document date)" : null)]
      ]));
      (other.evidence || []).forEach(function (ev) { side.appendChild(sentence(ev)); side.appendChild(documentLine(ev.doc)); });
      var drawn = edges.get({ filter: function (e) { return e.rel === key; } });
      if (drawn.length) {
        var show = el("a", { href: "#", text: drawn[0].hidden ? "show it on the graph (hidden now)" : "select it on the graph" });
        show.addEventListener("click", function (event) {
          event.preventDefault();
          if (drawn[0].hidden && !state.contestedOnly) { $("kg-contested-only").checked = state.contestedOnly = true; applyFilters(); }
          network.selectEdges([drawn[0].id]);
          showEdge(drawn[0].id);
        });
        side.appendChild(el("div", { className: "kg-doc" }, show));
      }
      section.appendChild(side);
    });
    return section;
  }

  function showNode(nodeId) {
    var entity = DATA.entities[nodeId];
    if (!entity) return;
    var node = nodes.get(nodeId);
    var style = DATA.legend.entityTypes.filter(function (t) { return t.name === entity.type; })[0] || { shape: "dot", color: "#bab0ac" };
    var wikidata = /^Q\d+$/.test(entity.wikidata || "") ? link("https://www.wikidata.org/wiki/" + entity.wikidata, entity.wikidata) : null;
    var docs = el("div");
    (entity.documents || []).forEach(function (d) { docs.appendChild(documentLine(d)); });
    var children = [
      el("h3", null, swatch(style.shape, style.color, 16), el("span", { text: entity.label })),
      facts([["type", entity.type], ["also called", entity.aliases], ["Wikidata", wikidata],
        ["country", entity.country && entity.country !== nodeId ? entityButton(entity.country) : null]])
    ];
    var list = el("ul", { className: "kg-rel-list" });
    var connected = edges.get({ filter: function (e) { return e.from === nodeId || e.to === nodeId; } });
    connected.forEach(function (e) {
      var rel = DATA.relations[e.rel] || {};
      var other = e.from === nodeId ? e.to : e.from;
      var arrow = e.arrows ? (e.from === nodeId ? " \u2192 " : " \u2190 ") : " \u2194 ";
      var text = " " + pretty(e.rtype) + (other === nodeId ? "" : arrow + entityLabel(other));
      var item = el("li", null, lineSwatch((e.color && e.color.color) || "#57606a", e.dashes || null, false),
        document.createTextNode(text),
        el("span", { className: "kg-count", text: " " + [rel.modality, rel.when].filter(Boolean).join(", ") }));
      if (e.hidden) item.style.opacity = "0.5";
      item.addEventListener("click", function () { network.selectEdges([e.id]); showEdge(e.id); });
      list.appendChild(item);
    });
    children.push(el("h4", { text: "Relations (" + connected.length + ")" }), list);
    if (docs.childNodes.length) children.push(el("h4", { text: "Mentioned in" }), docs);
    if (node && node.hidden) children.push(el("p", { className: "kg-hidden-note", text: "Hidden by the current filters." }));
    openPanel(children);
  }

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else panel.hidden = true;
  });

  /* ---------- search: labels and aliases ---------- */
  var index = [];
  Object.keys(DATA.entities).forEach(function (id) {
    var e = DATA.entities[id];
    index.push({ id: id, name: e.label, key: fold(e.label), alias: false });
    (e.aliases || []).forEach(function (a) { index.push({ id: id, name: a, key: fold(a), alias: true }); });
  });

  function search(query) {
    var q = fold(query);
    if (!q) return [];
    var best = {};
    index.forEach(function (item) {
      var at = item.key.indexOf(q);
      if (at < 0) return;
      var rank = (item.key === q ? 0 : at === 0 ? 1 : 2) * 2 + (item.alias ? 1 : 0);
      if (!(item.id in best) || rank < best[item.id].rank) best[item.id] = { id: item.id, rank: rank, via: item.alias ? item.name : null };
    });
    return Object.keys(best).map(function (k) { return best[k]; }).sort(function (a, b) {
      return a.rank - b.rank || entityLabel(a.id).localeCompare(entityLabel(b.id));
    }).slice(0, 12);
  }

  var searchInput = $("kg-search"), results = $("kg-search-results"), current = [], active = 0;
  function renderResults() {
    while (results.firstChild) results.removeChild(results.firstChild);
    current.forEach(function (r, i) {
      var e = DATA.entities[r.id];
      var item = el("li", { role: "option", "aria-selected": i === active ? "true" : "false" },
        el("span", { text: e.label }), el("span", { className: "kg-sub", text: e.type + (r.via ? " \u00b7 " + r.via : "") }));
      item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
      results.appendChild(item);
    });
    results.hidden = !current.length;
  }
  function choose(i) {
    if (!current[i]) return;
    focusNode(current[i].id);
    results.hidden = true;
    searchInput.blur();
  }
  searchInput.addEventListener("input", function () { current = search(searchInput.value); active = 0; renderResults(); });
  searchInput.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (current.length) active = (active + (event.key === "ArrowDown" ? 1 : current.length - 1)) % current.length;
      renderResults();
    } else if (event.key === "Enter") { event.preventDefault(); choose(active); }
    else if (event.key === "Escape") { results.hidden = true; }
  });
  searchInput.addEventListener("blur", function () { results.hidden = true; });
  searchInput.addEventListener("focus", function () { if (current.length) results.hidden = false; });

  function focusNode(id) {
    if (!nodes.get(id)) return;
    network.selectNodes([id]);
    showNode(id);
    // Centre the actor in the part of the canvas the details panel leaves free.
    var covered = panel.hidden ? 0 : panel.getBoundingClientRect().width + 8;
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), offset: { x: -covered / 2, y: 0 },
      animation: { duration: 450, easingFunction: "easeInOutQuad" } });
  }

  api.search = search;
  api.showEdge = showEdge;
  api.focus = focusNode;
  api.visible = function () {
    return {
      nodes: nodes.getIds({ filter: function (n) { return !n.hidden; } }),
      edges: edges.getIds({ filter: function (e) { return !e.hidden; } })
    };
  };
  if (!anyPhysics) { frozen(); network.fit(); }
})();
