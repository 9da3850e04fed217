// aseandocs explorer: draws the measure graph on a <canvas>; all text reaches the DOM through
// textContent (never innerHTML), so nothing from a document can become markup.
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("data").textContent);
  var TYPES = DATA.types, ETYPES = DATA.edgeTypes, nodes = DATA.nodes, edges = DATA.edges;
  var COLORS = { document: "#475569", measure: "#2563eb", activity: "#7dd3fc", body: "#d97706", event: "#059669" };
  var EDGE_COLORS = { part_of: "rgba(37,99,235,.28)", has_activity: "rgba(125,211,252,.45)",
    mentions: "rgba(217,119,6,.16)", reports_on: "rgba(5,150,105,.75)", published_in: "rgba(71,85,105,.18)",
    references: "rgba(124,58,237,.5)" };
  var FONT = "'Noto Sans Thai', 'Noto Sans', Loma, Garuda, 'Tlwg Typo', 'DejaVu Sans', sans-serif";
  var canvas = document.getElementById("canvas"), ctx = canvas.getContext("2d");
  var panel = document.getElementById("panel");
  var outE = [], inE = [], i, n;
  for (i = 0; i < nodes.length; i++) { outE.push([]); inE.push([]); }
  edges.forEach(function (e, k) { outE[e[0]].push(k); inE[e[1]].push(k); });

  function fold(s) { return String(s || "").toLowerCase().replace(/\s+/g, ""); }
  nodes.forEach(function (nd, k) {
    nd.i = k; nd.type = TYPES[nd.t];
    nd.key = fold([nd.l, nd.id, nd.title, nd.text, nd.name_en, nd.name_th, (nd.names || []).join(" "), (nd.terms || []).join(" ")].join(" "));
    var deg = outE[k].length + inE[k].length;
    nd.r = { document: 7, measure: Math.max(2.5, 6.5 - (nd.level || 2)), activity: 1.8,
      body: Math.min(9, 3.5 + Math.sqrt(deg)), event: 3.5 }[nd.type] || 3;
  });

  // --- DOM helpers: text only -------------------------------------------------------------------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function link(k, text) {
    var a = el("span", "link", text === undefined ? nodes[k].l : text);
    a.setAttribute("role", "button");
    a.addEventListener("click", function () { select(k, true); });
    return a;
  }
  function section(title, items) {
    var f = document.createDocumentFragment();
    f.appendChild(el("h4", null, title + " (" + items.length + ")"));
    var ul = el("ul");
    items.forEach(function (it) { var li = el("li"); li.appendChild(it); ul.appendChild(li); });
    f.appendChild(ul);
    return f;
  }
  function row() { var s = el("span"); for (var a = 0; a < arguments.length; a++) {
    var x = arguments[a]; s.appendChild(typeof x === "string" ? document.createTextNode(x) : x); } return s; }
  function neighbours(k, dir, etype, ntype) {
    var list = dir === "out" ? outE[k] : inE[k], res = [];
    list.forEach(function (ei) {
      var e = edges[ei], o = dir === "out" ? e[1] : e[0];
      if (ETYPES[e[2]] === etype && (!ntype || nodes[o].type === ntype)) res.push({ n: o, e: e });
    });
    return res;
  }
  function byDate(a, b) { return String(nodes[a.n].date || "9999").localeCompare(String(nodes[b.n].date || "9999")); }
  function progressItem(x) {
    var ev = nodes[x.n], box = el("div", "progress");
    box.appendChild(row(el("b", null, (ev.date || "undated") + (ev.end_date ? " – " + ev.end_date : "")), " ",
      el("span", "muted", (ev.event_type || "") + " · score " + Number(x.e[3] || 0).toFixed(2))));
    box.appendChild(el("div", null, ev.text || ev.l));
    (x.e[4] || []).forEach(function (t) { box.appendChild(el("span", "evidence", t)); });
    var d = docIndex("doc:" + ev.document);
    var meta = el("div", "muted"); meta.appendChild(document.createTextNode("in ")); meta.appendChild(d >= 0 ? link(d) : el("span", null, ev.document));
    meta.appendChild(document.createTextNode(" · ")); meta.appendChild(link(x.n, "event"));
    box.appendChild(meta);
    return box;
  }
  var idIndex = {};
  nodes.forEach(function (nd) { idIndex[nd.id] = nd.i; });
  function docIndex(id) { return idIndex.hasOwnProperty(id) ? idIndex[id] : -1; }

  function details(k) {
    var nd = nodes[k], f = document.createDocumentFragment();
    var badge = el("span", "kind", nd.type); badge.style.background = COLORS[nd.type] || "#333";
    f.appendChild(badge);
    if (nd.type === "measure") {
      f.appendChild(el("h2", null, nd.ref + " " + (nd.title || "")));
      var plan = docIndex("doc:" + nd.plan);
      f.appendChild(row("plan ", plan >= 0 ? link(plan) : el("span", null, nd.plan), " · section " + (nd.section || "")));
      var up = neighbours(k, "out", "part_of", "measure");
      if (up.length) f.appendChild(row(el("br"), "part of ", link(up[0].n)));
      f.appendChild(section("Activities", neighbours(k, "out", "has_activity").map(function (x) { return el("span", null, nodes[x.n].text || nodes[x.n].l); })));
      f.appendChild(section("Sub-measures", neighbours(k, "in", "part_of", "measure").map(function (x) { return link(x.n); })));
      f.appendChild(section("Bodies", neighbours(k, "out", "mentions").map(function (x) { return link(x.n); })));
      var pr = neighbours(k, "in", "reports_on").sort(byDate);
      f.appendChild(el("h4", null, "Progress reported (" + pr.length + ")"));
      if (!pr.length) f.appendChild(el("p", "muted", "No event in the corpus reports on this measure yet."));
      pr.forEach(function (x) { f.appendChild(progressItem(x)); });
      f.appendChild(section("References", neighbours(k, "out", "references").map(function (x) { return link(x.n); })));
    } else if (nd.type === "body") {
      f.appendChild(el("h2", null, nd.l));
      f.appendChild(el("div", "muted", nd.id.replace(/^body:/, "") + (nd.asean_pillar ? " · " + nd.asean_pillar + " pillar" : "")));
      var names = [], seen = {};
      [nd.name_en, nd.name_th].concat(nd.names || []).forEach(function (s) { if (s && !seen[s]) { seen[s] = 1; names.push(el("span", null, s)); } });
      f.appendChild(section("Names", names));
      f.appendChild(section("Measures", neighbours(k, "in", "mentions", "measure").map(function (x) { return link(x.n); })));
      f.appendChild(section("Events", neighbours(k, "in", "mentions", "event").sort(byDate).map(function (x) {
        return row(el("b", null, nodes[x.n].date || "undated"), " ", link(x.n, nodes[x.n].text || nodes[x.n].l)); })));
      f.appendChild(section("Documents", neighbours(k, "in", "mentions", "document").map(function (x) { return link(x.n); })));
    } else if (nd.type === "event") {
      f.appendChild(el("h2", null, (nd.date || "undated") + (nd.end_date ? " – " + nd.end_date : "") + " · " + (nd.event_type || "event")));
      f.appendChild(el("div", "quote", nd.text || nd.l));
      var d = docIndex("doc:" + nd.document);
      f.appendChild(row("reported in ", d >= 0 ? link(d) : el("span", null, nd.document), nd.status ? " · " + nd.status : ""));
      f.appendChild(section("Bodies", neighbours(k, "out", "mentions").map(function (x) { return link(x.n); })));
      f.appendChild(section("Reports on", neighbours(k, "out", "reports_on").map(function (x) {
        var s = row(link(x.n), el("span", "muted", " · score " + Number(x.e[3] || 0).toFixed(2) + " "));
        (x.e[4] || []).forEach(function (t) { s.appendChild(el("span", "evidence", t)); });
        return s; })));
    } else if (nd.type === "document") {
      f.appendChild(el("h2", null, nd.title || nd.l));
      f.appendChild(el("div", "muted", [nd.kind, nd.date, nd.language, nd.source].filter(Boolean).join(" · ")));
      f.appendChild(section("Top-level measures", neighbours(k, "in", "part_of", "measure").map(function (x) { return link(x.n); })));
      f.appendChild(section("Events", neighbours(k, "in", "published_in").sort(byDate).map(function (x) {
        return row(el("b", null, nodes[x.n].date || "undated"), " ", link(x.n, nodes[x.n].text || nodes[x.n].l)); })));
      f.appendChild(section("Bodies named", neighbours(k, "out", "mentions").map(function (x) { return link(x.n); })));
    } else {
      f.appendChild(el("h2", null, nd.text || nd.l));
      f.appendChild(section("Activity of", neighbours(k, "in", "has_activity").map(function (x) { return link(x.n); })));
    }
    panel.replaceChildren(f);
  }

  // --- view state ---------------------------------------------------------------------------------
  var view = { s: 1, x: 0, y: 0 }, fitS = 1, W = 0, H = 0, dpr = window.devicePixelRatio || 1;
  var selected = -1, hot = null, matches = null, visible = new Uint8Array(nodes.length);
  var hiddenTypes = {}, pillar = -1, sectionFilter = -1, bodyFilter = null;

  function computeVisible() {
    for (var k = 0; k < nodes.length; k++) {
      var nd = nodes[k], ok = !hiddenTypes[nd.type];
      if (ok && pillar >= 0 && nd.type !== "document") ok = !!(nd.p && nd.p.indexOf(pillar) >= 0);
      if (ok && sectionFilter >= 0 && nd.type !== "document") ok = !!(nd.s && nd.s.indexOf(sectionFilter) >= 0);
      if (ok && bodyFilter) ok = bodyFilter.has(k);
      visible[k] = ok ? 1 : 0;
    }
  }
  function bodySet(b) {
    var s = new Set([b]);
    inE[b].forEach(function (ei) { var u = edges[ei][0]; s.add(u);
      if (nodes[u].type === "measure") outE[u].forEach(function (ej) { if (ETYPES[edges[ej][2]] === "has_activity") s.add(edges[ej][1]); });
      if (nodes[u].type === "event") outE[u].forEach(function (ej) { s.add(edges[ej][1]); });
    });
    return s;
  }
  function resize() {
    var r = canvas.getBoundingClientRect();
    W = Math.max(1, r.width); H = Math.max(1, r.height);
    canvas.width = Math.round(W * dpr); canvas.height = Math.round(H * dpr);
  }
  function fit() {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (var k = 0; k < nodes.length; k++) if (visible[k]) {
      var nd = nodes[k]; x0 = Math.min(x0, nd.x); y0 = Math.min(y0, nd.y); x1 = Math.max(x1, nd.x); y1 = Math.max(y1, nd.y);
    }
    if (x0 === Infinity) { x0 = 0; y0 = 0; x1 = 1000; y1 = 1000; }
    var s = Math.min(W / Math.max(x1 - x0, 1), H / Math.max(y1 - y0, 1)) * 0.9;
    view.s = fitS = s; view.x = W / 2 - s * (x0 + x1) / 2; view.y = H / 2 - s * (y0 + y1) / 2;
  }
  function sx(nd) { return nd.x * view.s + view.x; }
  function sy(nd) { return nd.y * view.s + view.y; }

  var queued = false;
  function redraw() { if (!queued) { queued = true; requestAnimationFrame(function () { queued = false; draw(); }); } }
  function draw() {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    var focus = hot || matches, k, e, a, b;
    var zoomR = zoomRadius();
    ETYPES.forEach(function (et, ti) {
      ctx.beginPath();
      for (var q = 0; q < edges.length; q++) {
        e = edges[q]; if (e[2] !== ti || !visible[e[0]] || !visible[e[1]]) continue;
        if (focus && !(focus.has(e[0]) && focus.has(e[1]))) continue;
        a = nodes[e[0]]; b = nodes[e[1]];
        ctx.moveTo(sx(a), sy(a)); ctx.lineTo(sx(b), sy(b));
      }
      ctx.strokeStyle = EDGE_COLORS[et] || "rgba(0,0,0,.2)";
      ctx.lineWidth = et === "reports_on" ? 1.6 : 0.8;
      ctx.stroke();
    });
    TYPES.forEach(function (t) {
      ctx.beginPath();
      for (k = 0; k < nodes.length; k++) {
        var nd = nodes[k]; if (nd.type !== t || !visible[k]) continue;
        var x = sx(nd), y = sy(nd), r = nd.r * zoomR;
        if (x < -20 || y < -20 || x > W + 20 || y > H + 20) continue;
        ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 6.2832);
      }
      ctx.globalAlpha = focus ? 0.18 : 1; ctx.fillStyle = COLORS[t]; ctx.fill(); ctx.globalAlpha = 1;
    });
    if (focus) focus.forEach(function (q) {
      if (!visible[q]) return; var nd = nodes[q];
      ctx.beginPath(); ctx.arc(sx(nd), sy(nd), nd.r * zoomR + (q === selected ? 3 : 1), 0, 6.2832);
      ctx.fillStyle = COLORS[nd.type]; ctx.fill();
      if (q === selected || (matches && matches.has(q))) { ctx.lineWidth = 2; ctx.strokeStyle = "#0f172a"; ctx.stroke(); }
    });
    labels(focus);
  }
  // labels: most important first (selection, matches, documents, busy bodies, measures, ...),
  // each only where it does not overlap one already drawn (a coarse grid of placed boxes)
  var RANK = { document: 0, body: 1, measure: 2, event: 3, activity: 4 };
  var labelOrder = nodes.map(function (nd) { return nd.i; }).sort(function (a, b) {
    return RANK[nodes[a].type] - RANK[nodes[b].type] || (outE[b].length + inE[b].length) - (outE[a].length + inE[a].length); });
  // the zoom (relative to "fit") from which a type gets labels; overlaps are skipped anyway
  var MIN_ZOOM = { document: 0, body: 0, measure: 1, event: 2, activity: 3 };
  function zoomRadius() { return Math.max(0.8, Math.min(2.5, Math.sqrt(view.s / fitS))); }
  function labels(focus) {
    ctx.font = "12px " + FONT; ctx.textBaseline = "middle";
    var grid = {}, drawn = 0, tries = 0, s = view.s, zoomR = Math.max(0.6, Math.min(2.2, Math.sqrt(s)));
    function fits(x0, y0, x1, y1) {
      for (var gx = Math.floor(x0 / 80); gx <= Math.floor(x1 / 80); gx++)
        for (var gy = Math.floor(y0 / 16); gy <= Math.floor(y1 / 16); gy++) {
          var cell = grid[gx + "," + gy];
          if (cell) for (var q = 0; q < cell.length; q++) { var b = cell[q];
            if (x0 < b[2] && x1 > b[0] && y0 < b[3] && y1 > b[1]) return false; }
        }
      return true;
    }
    function take(x0, y0, x1, y1) {
      for (var gx = Math.floor(x0 / 80); gx <= Math.floor(x1 / 80); gx++)
        for (var gy = Math.floor(y0 / 16); gy <= Math.floor(y1 / 16); gy++) (grid[gx + "," + gy] = grid[gx + "," + gy] || []).push([x0, y0, x1, y1]);
    }
    function put(k, forced) {
      var nd = nodes[k], x = sx(nd) + nd.r * zoomR + 4, y = sy(nd);
      if (x > W || y < 0 || y > H) return;
      var text = nd.l.length > 48 ? nd.l.slice(0, 47) + "…" : nd.l, w = ctx.measureText(text).width;
      if (x + w < 0) return;
      if (!forced && !fits(x - 2, y - 8, x + w + 2, y + 8)) return;
      take(x - 2, y - 8, x + w + 2, y + 8);
      ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,.92)"; ctx.strokeText(text, x, y);
      ctx.fillStyle = k === selected ? "#0f172a" : "#334155"; ctx.fillText(text, x, y); drawn++;
    }
    if (selected >= 0 && visible[selected]) put(selected, true);
    for (var q = 0; q < labelOrder.length && drawn < 300 && tries < 2500; q++) {
      var k = labelOrder[q], nd = nodes[k];
      if (!visible[k] || k === selected) continue;
      if (focus ? !focus.has(k) : s < MIN_ZOOM[nd.type]) continue;
      tries++; put(k, false);
    }
  }
  function hit(px, py) {
    var best = -1, bd = 100, zoomR = zoomRadius();
    for (var k = 0; k < nodes.length; k++) {
      if (!visible[k]) continue;
      var nd = nodes[k], dx = sx(nd) - px, dy = sy(nd) - py, d = dx * dx + dy * dy, r = nd.r * zoomR + 4;
      if (d < r * r && d < bd) { bd = d; best = k; }
    }
    return best;
  }
  function select(k, centre) {
    selected = k;
    if (k < 0) { hot = null; redraw(); return; }
    hot = new Set([k]);
    outE[k].concat(inE[k]).forEach(function (ei) { hot.add(edges[ei][0]); hot.add(edges[ei][1]); });
    if (!visible[k]) { hiddenTypes = {}; pillar = -1; sectionFilter = -1; bodyFilter = null; syncControls(); computeVisible(); }
    if (centre) { view.x = W / 2 - nodes[k].x * view.s; view.y = H / 2 - nodes[k].y * view.s; }
    details(k);
    try { history.replaceState(null, "", "#node=" + encodeURIComponent(nodes[k].id)); } catch (err) { /* file:// */ }
    redraw();
  }

  // --- search, filters, views ---------------------------------------------------------------------
  function search(q) {
    var f = fold(q);
    if (!f) { matches = null; redraw(); return; }
    var res = [];
    for (var k = 0; k < nodes.length; k++) if (nodes[k].key.indexOf(f) >= 0) res.push(k);
    var rank = { measure: 0, body: 1, event: 2, document: 3, activity: 4 };
    res.sort(function (a, b) { return rank[nodes[a].type] - rank[nodes[b].type] || nodes[a].l.length - nodes[b].l.length; });
    matches = new Set(res); hot = null; selected = -1;
    var frag = document.createDocumentFragment();
    frag.appendChild(el("h2", null, res.length + " match" + (res.length === 1 ? "" : "es")));
    frag.appendChild(el("div", "muted", "for “" + q + "”"));
    frag.appendChild(section("Results", res.slice(0, 80).map(function (k) { return row(el("span", "muted", nodes[k].type + " "), link(k)); })));
    panel.replaceChildren(frag);
    redraw();
  }
  var typesBox = document.getElementById("types");
  TYPES.forEach(function (t) {
    var lab = el("label"), box = el("input"), sw = el("span", "swatch");
    box.type = "checkbox"; box.checked = true; box.dataset.type = t; sw.style.background = COLORS[t];
    box.addEventListener("change", function () { hiddenTypes[t] = !box.checked; computeVisible(); redraw(); });
    lab.appendChild(box); lab.appendChild(sw); lab.appendChild(document.createTextNode(t)); typesBox.appendChild(lab);
  });
  var pillarSel = document.getElementById("pillar"), sectionSel = document.getElementById("section"), bodySel = document.getElementById("body");
  DATA.pillars.forEach(function (p, k) { var o = el("option", null, p); o.value = String(k); pillarSel.appendChild(o); });
  (DATA.sections || []).forEach(function (p, k) { var o = el("option", null, p); o.value = String(k); sectionSel.appendChild(o); });
  nodes.filter(function (nd) { return nd.type === "body"; })
    .sort(function (a, b) { return a.l.localeCompare(b.l); })
    .forEach(function (nd) { var acr = nd.id.slice(5), o = el("option", null, nd.l === acr ? acr : nd.l + " (" + acr + ")"); o.value = String(nd.i); bodySel.appendChild(o); });
  pillarSel.addEventListener("change", function () { pillar = Number(pillarSel.value); computeVisible(); fit(); redraw(); });
  sectionSel.addEventListener("change", function () { sectionFilter = Number(sectionSel.value); computeVisible(); fit(); redraw(); });
  bodySel.addEventListener("change", function () {
    var b = Number(bodySel.value); bodyFilter = b >= 0 ? bodySet(b) : null; computeVisible();
    if (b >= 0) select(b, false); fit(); redraw();
  });
  function syncControls() {
    pillarSel.value = String(pillar); sectionSel.value = String(sectionFilter); bodySel.value = bodyFilter ? bodySel.value : "-1";
    typesBox.querySelectorAll("input").forEach(function (b) { b.checked = !hiddenTypes[b.dataset.type]; });
  }
  var searchBox = document.getElementById("search"), timer = 0;
  searchBox.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { search(searchBox.value); }, 120); });

  var cov = document.getElementById("coverage"), stage = document.getElementById("stage");
  function buildCoverage() {
    var f = document.createDocumentFragment();
    f.appendChild(el("h2", null, "Coverage: share of each section's measures with reported progress"));
    if (!DATA.coverage.length) f.appendChild(el("p", "muted", "No plan with measures in this build."));
    DATA.coverage.forEach(function (plan) {
      f.appendChild(el("h3", null, plan.title));
      plan.rows.forEach(function (r) {
        var line = el("div", "cov-row"), track = el("div", "cov-track"), fill = el("div", "cov-fill");
        fill.style.width = (100 * Number(r.share)).toFixed(1) + "%"; track.appendChild(fill);
        line.appendChild(el("span", "cov-label", r.section + " " + (r.title || "")));
        line.appendChild(track);
        line.appendChild(el("span", "cov-num", r.reported + " / " + r.measures + " (" + Math.round(100 * r.share) + "%)"));
        var target = docIndex("measure:" + r.plan + "#" + r.section);
        line.addEventListener("click", function () { showView("graph"); if (target >= 0) select(target, true); });
        f.appendChild(line);
      });
    });
    cov.replaceChildren(f);
  }
  function showView(v) {
    var g = v === "graph";
    stage.hidden = !g; cov.hidden = g;
    document.getElementById("view-graph").className = g ? "on" : "";
    document.getElementById("view-coverage").className = g ? "" : "on";
    if (g) { resize(); redraw(); }
  }
  document.getElementById("view-graph").addEventListener("click", function () { showView("graph"); });
  document.getElementById("view-coverage").addEventListener("click", function () { showView("coverage"); });
  document.getElementById("fit").addEventListener("click", function () { fit(); redraw(); });

  // --- pan, zoom, click -----------------------------------------------------------------------------
  var drag = null;
  canvas.addEventListener("pointerdown", function (ev) {
    drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, moved: false };
    canvas.setPointerCapture(ev.pointerId); canvas.classList.add("dragging");
  });
  canvas.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    view.x = drag.vx + dx; view.y = drag.vy + dy; redraw();
  });
  canvas.addEventListener("pointerup", function (ev) {
    canvas.classList.remove("dragging");
    if (drag && !drag.moved) { var r = canvas.getBoundingClientRect(); select(hit(ev.clientX - r.left, ev.clientY - r.top), false); }
    drag = null;
  });
  canvas.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var r = canvas.getBoundingClientRect(), px = ev.clientX - r.left, py = ev.clientY - r.top;
    var f = Math.exp(-ev.deltaY * 0.0015), s = Math.max(fitS / 20, Math.min(fitS * 200, view.s * f));
    view.x = px - (px - view.x) * s / view.s; view.y = py - (py - view.y) * s / view.s; view.s = s;
    redraw();
  }, { passive: false });
  window.addEventListener("resize", function () { resize(); redraw(); });

  // --- start --------------------------------------------------------------------------------------
  function fromHash() {
    var h = location.hash.slice(1), eq = h.indexOf("="), key = h.slice(0, eq), val = "";
    try { val = decodeURIComponent(h.slice(eq + 1)); } catch (err) { return; }
    if (key === "node" && idIndex.hasOwnProperty(val)) select(idIndex[val], true);
    else if (key === "q") { searchBox.value = val; search(val); }
    else if (key === "view") showView(val === "coverage" ? "coverage" : "graph");
  }
  computeVisible(); resize(); fit(); buildCoverage();
  fromHash();
  draw();
  var status = document.getElementById("status");
  status.textContent = "ready: " + nodes.length + " nodes";
  status.dataset.nodes = String(nodes.length);
  document.getElementById("counts").textContent = "· " + edges.length + " edges · " + DATA.pillars.length + " pillars · " + (DATA.sections || []).length + " sections";
  if (DATA.shown) {   // a graph over the page's node budget: say what is left out
    var sh = DATA.shown, note = document.getElementById("shown");
    note.textContent = "· showing " + sh.events[0] + " of " + sh.events[1] + " events, " + sh.activities[0] +
      " of " + sh.activities[1] + " activities" + (sh.documents ? ", " + sh.documents[0] + " of " +
      sh.documents[1] + " documents" : "") + " (" + sh.nodes + " of " + sh.of +
      " nodes; every plan, measure and body is shown, then events reporting on a measure)";
    note.hidden = false;
  }
  var ms = document.getElementById("load-ms");
  ms.dataset.ms = performance.now().toFixed(1);
  ms.textContent = "· loaded in " + Math.round(performance.now()) + " ms";
})();
