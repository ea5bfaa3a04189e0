(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("register-data").textContent);
  var STATUSES = ["signed", "planned", "under_discussion", "terminated"];
  var COLOURS = { signed: "#2e8b57", planned: "#d49a1c", under_discussion: "#7a6cc4", terminated: "#c0443a" };
  var SVG = "http://www.w3.org/2000/svg";  // a namespace name, never fetched

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function words(s) { return String(s || "").replace(/_/g, " "); }
  function agreementDate(a) { return a.date_signed || (a.history[0] && a.history[0].date) || null; }

  function counts() {
    document.getElementById("count-agreements").textContent = data.counts.agreements;
    document.getElementById("count-reports").textContent = data.counts.reports;
    document.getElementById("count-organisations").textContent = data.counts.organisations;
    document.getElementById("generated").textContent = "generated " + data.generated_at.slice(0, 16).replace("T", " ");
  }

  function timeline() {
    var byYear = {}, undated = 0;
    data.agreements.forEach(function (a) {
      var d = agreementDate(a);
      if (!d) { undated++; return; }
      var y = d.slice(0, 4);
      byYear[y] = byYear[y] || {};
      byYear[y][a.status] = (byYear[y][a.status] || 0) + 1;
    });
    var years = Object.keys(byYear).sort();
    var box = document.getElementById("timeline");
    if (!years.length) { box.appendChild(el("p", { "class": "meta" }, "No dated agreements yet.")); return; }
    var max = 1;
    years.forEach(function (y) { var t = 0; STATUSES.forEach(function (s) { t += byYear[y][s] || 0; }); max = Math.max(max, t); });
    var W = Math.max(320, years.length * 48 + 60), H = 200, bw = 32, top = 10, base = H - 30;
    var chart = svg("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, id: "timeline-chart" });
    years.forEach(function (y, i) {
      var x = 40 + i * 48, yTop = base;
      STATUSES.forEach(function (s) {
        var n = byYear[y][s] || 0;
        if (!n) return;
        var h = (base - top) * n / max;
        yTop -= h;
        var r = svg("rect", { x: x, y: yTop, width: bw, height: h, fill: COLOURS[s], "data-year": y, "data-status": s, "data-count": n });
        r.appendChild(svg("title", {}, y + ": " + n + " " + words(s)));
        chart.appendChild(r);
      });
      chart.appendChild(svg("text", { x: x + bw / 2, y: H - 12, "text-anchor": "middle" }, y));
    });
    chart.appendChild(svg("text", { x: 4, y: top + 8 }, String(max)));
    box.appendChild(chart);
    var legend = el("div", { "class": "legend" });
    STATUSES.forEach(function (s) {
      var item = el("span"); var sw = el("i"); sw.style.background = COLOURS[s];
      item.appendChild(sw); item.appendChild(document.createTextNode(words(s))); legend.appendChild(item);
    });
    if (undated) legend.appendChild(el("span", {}, undated + " undated (not drawn)"));
    box.appendChild(legend);
  }

  function activity() {
    var n = {}, pairs = {};
    data.agreements.forEach(function (a) {
      a.organisations.forEach(function (o) { n[o] = (n[o] || 0) + 1; });
      for (var i = 0; i < a.organisations.length; i++)
        for (var j = i + 1; j < a.organisations.length; j++) {
          var k = a.organisations[i] + "\u0000" + a.organisations[j];
          pairs[k] = (pairs[k] || 0) + 1;
        }
    });
    return { n: n, pairs: pairs };
  }

  function network(act) {
    var orgs = Object.keys(act.n).sort(function (a, b) { return act.n[b] - act.n[a] || (a < b ? -1 : 1); }).slice(0, 40);
    var box = document.getElementById("network");
    if (!orgs.length) { box.appendChild(el("p", { "class": "meta" }, "No organisations yet.")); return; }
    var S = 560, c = S / 2, R = S / 2 - 150, pos = {};
    orgs.forEach(function (o, i) {
      var t = 2 * Math.PI * i / orgs.length - Math.PI / 2;
      pos[o] = [c + R * Math.cos(t), c + R * Math.sin(t), t];
    });
    var g = svg("svg", { viewBox: "0 0 " + S + " " + S, width: S, height: S, id: "network-chart" });
    Object.keys(act.pairs).forEach(function (k) {
      var ab = k.split("\u0000");
      if (!pos[ab[0]] || !pos[ab[1]]) return;
      var line = svg("line", { x1: pos[ab[0]][0], y1: pos[ab[0]][1], x2: pos[ab[1]][0], y2: pos[ab[1]][1],
        stroke: "#2f6fb3", "stroke-opacity": 0.5, "stroke-width": Math.min(6, act.pairs[k]), "class": "edge" });
      line.appendChild(svg("title", {}, data.organisations[ab[0]] + " – " + data.organisations[ab[1]] + ": " + act.pairs[k]));
      g.appendChild(line);
    });
    orgs.forEach(function (o) {
      var p = pos[o], node = svg("circle", { cx: p[0], cy: p[1], r: 3 + Math.min(9, act.n[o] * 1.5), fill: "#1d2330", "class": "node" });
      node.appendChild(svg("title", {}, data.organisations[o] + ": " + act.n[o]));
      g.appendChild(node);
      var right = Math.cos(p[2]) >= 0;
      g.appendChild(svg("text", { x: p[0] + (right ? 10 : -10), y: p[1] + 4, "text-anchor": right ? "start" : "end" },
        data.organisations[o].slice(0, 28)));
    });
    box.appendChild(g);
  }

  function parties(act) {
    var body = document.querySelector("#parties tbody");
    Object.keys(act.n).sort(function (a, b) { return act.n[b] - act.n[a] || (a < b ? -1 : 1); }).slice(0, 15).forEach(function (o) {
      var tr = el("tr"); tr.appendChild(el("td", {}, data.organisations[o])); tr.appendChild(el("td", {}, String(act.n[o])));
      body.appendChild(tr);
    });
  }

  function agreementItem(a) {
    var li = el("li", { "class": "status-" + a.status, "data-status": a.status, "data-type": a.agreement_type, id: a.id });
    var names = a.parties.map(function (p) { return p.name; }).join(" · ");
    li.appendChild(el("strong", {}, names));
    li.appendChild(el("div", { "class": "meta" }, [words(a.agreement_type), words(a.status),
      a.date_signed ? "signed " + a.date_signed : "no signing date stated", a.location || "",
      a.reports.length + (a.reports.length === 1 ? " report" : " reports")].filter(Boolean).join(" · ")));
    a.conflicts.forEach(function (c) {
      li.appendChild(el("div", { "class": "conflict" }, "reports disagree on " + words(c.field) + ": " +
        c.values.map(function (v) { return v.value; }).join(" / ")));
    });
    a.reports.forEach(function (r) {
      var rep = el("div", { "class": "report" });
      rep.appendChild(el("div", { "class": "meta" }, r.document.path.split("/").pop() + " · " + (r.date || "undated") +
        " · " + words(r.status) + " · review: " + r.review_state));
      r.quotes.slice(0, 4).forEach(function (q) { rep.appendChild(el("blockquote", {}, q)); });
      li.appendChild(rep);
    });
    li.setAttribute("data-text", (names + " " + (a.location || "") + " " + a.scope.join(" ") + " " +
      a.reports.map(function (r) { return r.quotes.join(" ") + " " + r.document.path; }).join(" ")).toLowerCase());
    return li;
  }

  function list() {
    var ol = document.getElementById("agreements");
    data.agreements.forEach(function (a) { ol.appendChild(agreementItem(a)); });
    var status = document.getElementById("filter-status"), type = document.getElementById("filter-type");
    var text = document.getElementById("filter-text");
    var seen = {};
    data.agreements.forEach(function (a) { seen[a.agreement_type] = 1; });
    STATUSES.forEach(function (s) { status.appendChild(el("option", { value: s }, words(s))); });
    Object.keys(seen).sort().forEach(function (t) { type.appendChild(el("option", { value: t }, words(t))); });
    function apply() {
      var q = text.value.trim().toLowerCase(), shown = 0;
      Array.prototype.forEach.call(ol.children, function (li) {
        var ok = (!status.value || li.getAttribute("data-status") === status.value) &&
                 (!type.value || li.getAttribute("data-type") === type.value) &&
                 (!q || li.getAttribute("data-text").indexOf(q) >= 0);
        li.hidden = !ok;
        if (ok) shown++;
      });
      document.getElementById("shown-count").textContent = shown + " of " + data.agreements.length + " shown";
    }
    [status, type].forEach(function (s) { s.addEventListener("change", apply); });
    text.addEventListener("input", apply);
    apply();
  }

  counts();
  timeline();
  var act = activity();
  network(act);
  parties(act);
  list();
  document.body.setAttribute("data-ready", "1");
})();
