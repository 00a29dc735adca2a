/* kg network view: reads the JSON block, draws it with vis-network, fills the side panel.
   Every text from the dataset is put in the page with textContent, never as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var english = document.getElementById("english");
  var panel = document.getElementById("panel");
  var container = document.getElementById("network");

  function labelOf(n, en) { return (en ? (n.label_en || n.label_ar) : (n.label_ar || n.label_en)) || n.id; }
  function visNode(n, en) {
    var out = { id: n.id, label: labelOf(n, en), title: n.tooltip, shape: n.shape, color: n.color,
                value: n.value, group: n.kind };
    if (n.x !== undefined) { out.x = n.x; out.y = n.y; }
    return out;
  }
  var nodes = new vis.DataSet(data.nodes.map(function (n) { return visNode(n, english.checked); }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return { id: e.id, from: e.from, to: e.to, value: e.value, title: e.tooltip, color: { color: e.color },
             dashes: e.dashes, arrows: e.arrows || "" };
  }));
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var edgeById = {};
  data.edges.forEach(function (e) { edgeById[e.id] = e; });

  var physics = data.physics;
  var options = {
    autoResize: true,
    layout: { randomSeed: 7, improvedLayout: physics && data.nodes.length <= 150 },
    physics: physics ? { enabled: true, solver: "forceAtlas2Based",
                         stabilization: { enabled: true, iterations: 300, fit: true } }
                     : { enabled: false },
    nodes: { scaling: { min: 8, max: 40, label: { enabled: true, min: 12, max: 22, drawThreshold: 6 } },
             font: { face: "Noto Naskh Arabic, Noto Sans Arabic, DejaVu Sans, sans-serif", size: 14 } },
    edges: { scaling: { min: 1, max: 9 }, smooth: physics ? { type: "continuous" } : false,
             color: { inherit: false } },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: !physics, hideEdgesOnZoom: !physics }
  };
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  window.kgNetwork = network;
  window.kgData = data;
  window.kgNodes = nodes;
  window.kgEdges = edges;
  window.kgReady = false;

  var settled = !physics;
  network.on("stabilizationIterationsDone", function () {
    settled = true;
    network.setOptions({ physics: { enabled: false } });
    network.fit();
  });
  network.on("afterDrawing", function () {
    if (settled && !window.kgReady) {
      window.kgReady = true;
      window.kgDrawnAt = performance.now();
      document.body.setAttribute("data-ready", "1");
    }
  });
  if (!physics) { network.fit(); }

  /* ---------- panel ---------- */
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function safeUrl(u) { return typeof u === "string" && /^https?:\/\//i.test(u) ? u : null; }
  function nameOf(id) { var n = byId[id]; return n ? labelOf(n, english.checked) : (data.names[id] || id); }

  function eventItem(ev) {
    var li = el("li");
    var head = [data.typeLabels[ev.type] || ev.type];
    if (ev.status === "planned") { head.push(data.typeLabels.planned); }
    if (ev.date) { head.push(ev.date); }
    if (ev.place) { head.push(ev.place); }
    li.appendChild(el("strong", head.join(" · ")));
    var who = ev.participants.map(nameOf).join("، ");
    if (who) { li.appendChild(el("div", who)); }
    if (ev.attendees.length) { li.appendChild(el("div", "+ " + ev.attendees.map(nameOf).join("، "), "muted")); }
    ev.evidence.forEach(function (q) { li.appendChild(el("blockquote", q)); });
    ev.articles.forEach(function (a) { li.appendChild(articleLine(a)); });
    return li;
  }
  function articleLine(aid) {
    var a = data.articles[aid] || { identifier: aid };
    var div = el("div", null, "muted");
    var text = (a.headline ? a.headline + " — " : "") + a.identifier + (a.published ? " (" + a.published + ")" : "");
    var url = safeUrl(a.url);
    if (url) {
      var link = el("a", text);
      link.href = url; link.rel = "noopener noreferrer"; link.target = "_blank";
      div.appendChild(link);
    } else { div.textContent = text; }
    return div;
  }
  function showNode(id) {
    var n = byId[id];
    if (!n) { return; }
    panel.replaceChildren();
    panel.setAttribute("data-node", id);
    panel.appendChild(el("h2", n.label_ar || n.label_en));
    if (n.label_en) { panel.appendChild(el("div", n.label_en, "en")); }
    if (n.country_label) { panel.appendChild(el("div", n.country_label, "muted")); }
    var info = data.details[id] || { posts: [], events: [], articles: [] };
    if (info.posts.length) {
      panel.appendChild(el("h3", "المناصب · Posts"));
      var ul = el("ul");
      info.posts.forEach(function (p) {
        var li = el("li");
        li.appendChild(el("strong", p.role + (p.organization ? " — " + p.organization : "")));
        if (p.qualifier) { li.appendChild(el("span", " (" + p.qualifier + ")", "muted")); }
        if (p.start || p.end) { li.appendChild(el("div", (p.start || "…") + " → " + (p.end || "…"), "muted")); }
        p.evidence.forEach(function (q) { li.appendChild(el("blockquote", q)); });
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    if (info.events.length) {
      panel.appendChild(el("h3", "الأحداث · Events (" + info.events.length + ")"));
      var ue = el("ul");
      info.events.forEach(function (i) { ue.appendChild(eventItem(data.events[i])); });
      panel.appendChild(ue);
    }
    if (info.articles.length) {
      panel.appendChild(el("h3", "المصادر · Sources"));
      info.articles.forEach(function (a) { panel.appendChild(articleLine(a)); });
    }
  }
  function showEdge(id) {
    var e = edgeById[id];
    if (!e) { return; }
    panel.replaceChildren();
    panel.setAttribute("data-edge", id);
    panel.appendChild(el("h2", nameOf(e.from) + " — " + nameOf(e.to)));
    panel.appendChild(el("div", e.label, "muted"));
    if (e.events.length) {
      var ul = el("ul");
      e.events.forEach(function (i) { ul.appendChild(eventItem(data.events[i])); });
      panel.appendChild(ul);
    }
    (e.evidence || []).forEach(function (q) { panel.appendChild(el("blockquote", q)); });
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });
  window.kgShowNode = showNode;

  /* ---------- English switch ---------- */
  english.addEventListener("change", function () {
    var en = english.checked;
    container.setAttribute("dir", en ? "ltr" : "rtl");
    nodes.update(data.nodes.map(function (n) { return { id: n.id, label: labelOf(n, en) }; }));
  });
  if (english.checked) { container.setAttribute("dir", "ltr"); }

  /* ---------- search ---------- */
  function key(s) {
    return String(s || "").normalize("NFKD").replace(/[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g, "")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }
  var search = document.getElementById("search");
  function find(q) {
    var k = key(q);
    if (!k) { return null; }
    var exact = null, part = null;
    data.nodes.forEach(function (n) {
      if (n.kind !== "person") { return; }
      var names = [n.label_ar, n.label_en].concat(n.alt || []).map(key);
      if (!exact && names.indexOf(k) >= 0) { exact = n.id; }
      if (!part && names.some(function (x) { return x.indexOf(k) >= 0; })) { part = n.id; }
    });
    return exact || part;
  }
  function go() {
    var id = find(search.value);
    search.setCustomValidity(id ? "" : "not found");
    if (!id) { return; }
    network.selectNodes([id]);
    network.focus(id, { scale: 1.3, animation: false });
    showNode(id);
  }
  search.addEventListener("change", go);
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { go(); } });
  window.kgFind = find;
})();
