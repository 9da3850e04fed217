// aseandocs explorer, plans page: the plans, each plan's outline shaded by reported progress, and
// the events of the measure you open. All text reaches the DOM through textContent (never
// innerHTML), so nothing from a document can become markup. The progress block is parsed only when
// a measure is first opened.
(function () {
  "use strict";
  var t0 = performance.now();
  function take(id) {   // the block's data, its text then dropped from the page (it is held once)
    var node = document.getElementById(id), data = JSON.parse(node.textContent);
    node.textContent = "";
    return data;
  }
  var OUT = take("outline-data");
  var PROG = null;
  var plans = OUT.plans, current = -1, openMeasure = -1;
  var listEl = document.getElementById("plans"), outlineEl = document.getElementById("outline");
  var panel = document.getElementById("panel"), filter = document.getElementById("plan-filter");
  var onlyReported = document.getElementById("only-reported");
  var maxCount = 1;
  plans.forEach(function (p) { p.m.forEach(function (m) { if (m[3] > maxCount) maxCount = m[3]; }); });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function shade(n) {   // how much progress: 0 none, up to the corpus's most reported measure
    if (!n) return "";
    var a = 0.12 + 0.6 * Math.log(1 + n) / Math.log(1 + maxCount);
    return "rgba(5,150,105," + a.toFixed(3) + ")";
  }
  function progress() {
    if (PROG === null) PROG = take("progress-data");
    return PROG;
  }
  function hash() {
    var h = {}; location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      var i = kv.indexOf("="); if (i > 0) h[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1));
    });
    return h;
  }

  function renderList() {
    var q = filter.value.toLowerCase().replace(/\s+/g, "");
    listEl.textContent = "";
    plans.forEach(function (p, k) {
      if (q && (p.title + p.id).toLowerCase().replace(/\s+/g, "").indexOf(q) < 0) return;
      var d = el("div", "plan" + (k === current ? " on" : ""));
      d.setAttribute("role", "button");
      d.dataset.plan = p.id;
      d.appendChild(el("div", null, p.title));
      d.appendChild(el("div", "meta", p.r + " of " + p.m.length + " measures with progress" + (p.last ? " · latest " + p.last : "")));
      var bar = el("div", "bar"), fill = el("span"); fill.style.width = (100 * p.r / Math.max(1, p.m.length)).toFixed(1) + "%";
      bar.appendChild(fill); d.appendChild(bar);
      d.addEventListener("click", function () { openPlan(k); });
      listEl.appendChild(d);
    });
  }

  function openPlan(k) {
    current = k; openMeasure = -1;
    var p = plans[k];
    outlineEl.textContent = "";
    outlineEl.appendChild(el("h2", null, p.title));
    outlineEl.appendChild(el("div", "meta", p.id + " · " + p.m.length + " measures, " + p.r + " with reported progress"));
    var frag = document.createDocumentFragment();
    p.m.forEach(function (m, i) {
      if (onlyReported.checked && !m[3]) return;
      var r = el("div", "m lvl" + m[2]);
      r.dataset.i = i;
      r.style.paddingLeft = (6 + 14 * Math.max(0, m[2] - 1)) + "px";
      r.style.background = shade(m[3]);
      r.appendChild(el("span", "ref", m[0]));
      r.appendChild(el("span", "t", m[1]));
      r.appendChild(el("span", "n", m[3] || ""));
      r.appendChild(el("span", "d", m[4] || ""));
      r.title = m[3] ? m[3] + " events report on it, the latest " + (m[4] || "undated") : "no reported progress";
      r.addEventListener("click", function () { openMeasureAt(i); });
      frag.appendChild(r);
    });
    outlineEl.appendChild(frag);
    renderList();
    panel.textContent = "";
    panel.appendChild(el("p", "muted", "Open a measure to see the events that report on it."));
  }

  function openMeasureAt(i) {
    var p = plans[current], m = p.m[i];
    openMeasure = i;
    [].forEach.call(outlineEl.querySelectorAll(".m.on"), function (x) { x.classList.remove("on"); });
    var row = outlineEl.querySelector('.m[data-i="' + i + '"]');
    if (row) row.classList.add("on");
    panel.textContent = "";
    panel.appendChild(el("h2", null, m[0] + " " + m[1]));
    panel.appendChild(el("div", "meta", p.title));
    var P = progress(), links = (P.links[current] || {})[i] || [];
    panel.appendChild(el("h3", null, "Progress reported (" + m[3] + ")"));
    if (m[3] > links.length) panel.appendChild(el("p", "muted", "the latest " + links.length + " of " + m[3] + " are shown; `aseandocs graph show` lists all"));
    if (!links.length) panel.appendChild(el("p", "muted", "no event reports on this measure"));
    links.forEach(function (l) {
      var ev = P.events[l[0]], doc = P.docs[ev[3]] || ["", ""];
      var box = el("div", "progress");
      box.appendChild(el("div", "ev", (ev[0] || "undated") + " · " + ev[1] + " · score " + l[1]));
      box.appendChild(el("div", null, ev[2]));
      box.appendChild(el("div", "meta", "reported in " + doc[0] + (doc[1] ? " — " + doc[1] : "")));
      if (l[2].length) box.appendChild(el("div", "meta", "evidence: " + l[2].map(function (w) { return P.words[w]; }).join(", ")));
      panel.appendChild(box);
    });
  }

  filter.addEventListener("input", renderList);
  onlyReported.addEventListener("change", function () { if (current >= 0) { var keep = openMeasure; openPlan(current); if (keep >= 0) openMeasureAt(keep); } });
  function fromHash() {
    var h = hash(), k = 0;
    if (h.plan) { for (var j = 0; j < plans.length; j++) if (plans[j].id === h.plan) { k = j; break; } }
    if (plans.length) openPlan(k); else renderList();
    if (h.measure && plans.length) {
      var ms = plans[k].m;
      for (var i = 0; i < ms.length; i++) if (ms[i][0] === h.measure) { openMeasureAt(i); break; }
    }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  var c = OUT.counts, status = document.getElementById("status");
  document.getElementById("counts").textContent = c.plans + " plans · " + c.measures + " measures · " + c.events + " events reporting on them · " + c.nodes + " graph nodes";
  var ms = performance.now() - t0, lm = document.getElementById("load-ms");
  lm.dataset.ms = ms.toFixed(1); lm.textContent = "(" + ms.toFixed(0) + " ms)";
  lm.dataset.ready = performance.now().toFixed(1);   // since the navigation started: the page is usable
  status.dataset.plans = String(c.plans);
  status.textContent = "ready: " + c.plans + " plans";
})();
