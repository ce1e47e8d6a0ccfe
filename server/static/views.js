/* Result views beyond the table: chart, timeline, graph and map (YASR plugins).
 *
 * Served from our origin (no inline script, no CDN): ECharts draws the chart, the
 * timeline and the graph, Leaflet the map over country outlines shipped with the assets
 * (world-atlas, Natural Earth), so every view works offline. Each view says which
 * results it can draw (canHandleResults); a WDQS-style `#defaultView:Map` comment in the
 * query picks one (sparql-ui.js). IRIs are shown by their labels (/api/labels); every
 * value reaches the page as text, never as markup.
 *
 * Loaded after yasgui.min.js and before sparql-ui.js, which creates the Yasgui.
 */
(function () {
  "use strict";
  var Yasr = window.Yasgui && window.Yasgui.Yasr;
  if (!Yasr) return;

  var XSD = "http://www.w3.org/2001/XMLSchema#";
  var NUMERIC = ["integer", "decimal", "double", "float", "int", "long", "short", "byte",
    "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
    "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"].map(function (t) { return XSD + t; });
  var DATES = ["date", "dateTime", "dateTimeStamp", "gYear", "gYearMonth"].map(function (t) { return XSD + t; });
  var WKT = "http://www.opengis.net/ont/geosparql#wktLiteral";
  var DATE_TEXT = /^-?\d{4}(-\d{2}(-\d{2})?)?(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;
  var POINT = /^\s*(?:<[^>]*>\s*)?POINT\s*\(\s*(-?[\d.]+(?:e-?\d+)?)\s+(-?[\d.]+(?:e-?\d+)?)\s*\)\s*$/i;

  // --- labels: one request per result, shared by the table and every view ---------------
  var labelCache = {};
  function fetchLabels(iris) {
    var wanted = iris.filter(function (iri, i) {
      return iris.indexOf(iri) === i && !(iri in labelCache);
    });
    var batches = [];
    for (var i = 0; i < wanted.length; i += 400) batches.push(wanted.slice(i, i + 400));
    return Promise.all(batches.map(function (batch) {
      return fetch("/api/labels", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ iris: batch })
      }).then(function (r) { return r.ok ? r.json() : { labels: {} }; })
        .then(function (data) {
          Object.keys(data.labels || {}).forEach(function (iri) { labelCache[iri] = data.labels[iri]; });
        });
    })).catch(function () { /* labels are a nicety: without them IRIs show as names */ })
      .then(function () { return labelCache; });
  }
  function shortName(iri) {
    var known = labelCache[iri];
    return known && known.short ? known.short : "<" + iri + ">";
  }
  function labelOf(iri) {
    var known = labelCache[iri];
    return known && known.label ? known.label : shortName(iri);
  }
  function display(term) {
    if (!term) return "";
    return term.type === "uri" ? labelOf(term.value) : String(term.value);
  }
  function pageOf(iri) {
    var cfg = window.newsgraphConfig || {};
    if (cfg.publicPrefix && iri.indexOf(cfg.publicPrefix) === 0) {
      return cfg.localPrefix + iri.substring(cfg.publicPrefix.length);
    }
    return /^https?:\/\//i.test(iri) ? iri : null;
  }
  window.newsgraphLabels = { fetch: fetchLabels, label: labelOf, short: shortName, cache: labelCache };

  // --- reading results ---------------------------------------------------------------------
  function rowsOf(yasr) {
    return (yasr.results && yasr.results.getBindings && yasr.results.getBindings()) || [];
  }
  function varsOf(yasr) {
    return (yasr.results && yasr.results.getVariables && yasr.results.getVariables()) || [];
  }
  function isNumber(term) {
    if (!term || term.type === "uri" || term.type === "bnode") return false;
    if (term.datatype) return NUMERIC.indexOf(term.datatype) >= 0;
    return false;
  }
  function isDate(term) {
    if (!term || term.type !== "literal" && term.type !== "typed-literal") return false;
    if (term.datatype) return DATES.indexOf(term.datatype) >= 0;
    return DATE_TEXT.test(term.value) && term.value.length >= 10;
  }
  function columnsWhere(yasr, test) {
    var rows = rowsOf(yasr);
    return varsOf(yasr).filter(function (v) {
      var seen = 0;
      for (var i = 0; i < rows.length; i++) {
        if (!rows[i][v]) continue;
        if (!test(rows[i][v])) return false;
        seen++;
      }
      return seen > 0;
    });
  }
  function iriColumns(yasr) {
    return columnsWhere(yasr, function (t) { return t.type === "uri"; });
  }
  function toTime(value) {
    var v = String(value);
    if (/^-?\d{4}$/.test(v)) v += "-01-01";
    var t = Date.parse(v);
    return isNaN(t) ? null : t;
  }
  function coordinatesOf(row, vars) {
    // A WKT point (`Point(long lat)`, as WDQS and GeoSPARQL write it) …
    for (var i = 0; i < vars.length; i++) {
      var term = row[vars[i]];
      if (term && term.type !== "uri" && (term.datatype === WKT || POINT.test(term.value))) {
        var m = POINT.exec(term.value);
        if (m) return { lat: parseFloat(m[2]), lng: parseFloat(m[1]), column: vars[i] };
      }
    }
    // … or a pair of columns named for latitude and longitude (geo:lat / geo:long).
    var lat = vars.filter(function (v) { return /^(lat|latitude)$/i.test(v); })[0];
    var lng = vars.filter(function (v) { return /^(long|lon|lng|longitude)$/i.test(v); })[0];
    if (lat && lng && row[lat] && row[lng]) {
      var a = parseFloat(row[lat].value), b = parseFloat(row[lng].value);
      if (!isNaN(a) && !isNaN(b)) return { lat: a, lng: b, column: lat };
    }
    return null;
  }
  function rowText(row, vars, skip) {
    return vars.filter(function (v) { return row[v] && (!skip || skip.indexOf(v) < 0); })
      .map(function (v) { return v + ": " + display(row[v]); });
  }
  function allIris(yasr) {
    var out = [];
    rowsOf(yasr).forEach(function (row) {
      Object.keys(row).forEach(function (v) {
        if (row[v] && row[v].type === "uri") out.push(row[v].value);
        if (row[v] && row[v].datatype) out.push(row[v].datatype);
      });
    });
    return out;
  }

  // Small SVG icons for YASR's view buttons, drawn with the DOM (no markup strings).
  var ICONS = {
    chart: [["rect", { x: 2, y: 9, width: 3, height: 6 }], ["rect", { x: 7, y: 4, width: 3, height: 11 }],
      ["rect", { x: 12, y: 7, width: 3, height: 8 }]],
    timeline: [["rect", { x: 1, y: 3, width: 8, height: 3, rx: 1 }], ["rect", { x: 6, y: 8, width: 9, height: 3, rx: 1 }],
      ["rect", { x: 3, y: 13, width: 5, height: 2, rx: 1 }]],
    graph: [["circle", { cx: 3, cy: 4, r: 2.2 }], ["circle", { cx: 13, cy: 5, r: 2.2 }], ["circle", { cx: 8, cy: 13, r: 2.2 }],
      ["path", { d: "M3 4 L13 5 L8 13 Z", fill: "none", stroke: "currentColor", "stroke-width": 1.2 }]],
    map: [["path", { d: "M8 1 C4.5 1 2.5 3.6 2.5 6.3 C2.5 10 8 15.5 8 15.5 C8 15.5 13.5 10 13.5 6.3 C13.5 3.6 11.5 1 8 1 Z M8 4.2 A2.1 2.1 0 1 1 8 8.4 A2.1 2.1 0 1 1 8 4.2 Z" }]]
  };
  function icon(name) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("width", "15");
    svg.setAttribute("height", "15");
    svg.setAttribute("fill", "currentColor");
    ICONS[name].forEach(function (part) {
      var el = document.createElementNS(ns, part[0]);
      Object.keys(part[1]).forEach(function (k) { el.setAttribute(k, String(part[1][k])); });
      svg.appendChild(el);
    });
    return svg;
  }
  function canvasIn(yasr, cls, height) {
    var el = document.createElement("div");
    el.className = "ng-view " + cls;
    el.style.height = height + "px";
    yasr.resultsEl.appendChild(el);
    return el;
  }
  function note(yasr, text) {
    var p = document.createElement("p");
    p.className = "ng-view-note";
    p.textContent = text;
    yasr.resultsEl.appendChild(p);
  }

  function EChartsView(yasr) { this.yasr = yasr; this.chart = null; }
  EChartsView.prototype.destroy = function () {
    if (this.chart) { this.chart.dispose(); this.chart = null; }
    if (this._resize) { window.removeEventListener("resize", this._resize); this._resize = null; }
  };
  EChartsView.prototype.mount = function (cls, height, option) {
    this.destroy();
    var el = canvasIn(this.yasr, cls, height);
    this.chart = window.echarts.init(el, null, { renderer: "canvas" });
    this.chart.setOption(option);
    var chart = this.chart;
    this._resize = function () { chart.resize(); };
    window.addEventListener("resize", this._resize);
    return el;
  };
  // Tooltips drawn on the canvas, not as HTML: no markup from values, no inline styles.
  var TOOLTIP = { renderMode: "richText", confine: true };

  // --- chart: bar or line from numeric columns -------------------------------------------
  function Chart(yasr) { EChartsView.call(this, yasr); }
  Chart.prototype = Object.create(EChartsView.prototype);
  Chart.prototype.priority = 4;
  Chart.prototype.label = "Chart";
  Chart.prototype.getIcon = function () { return icon("chart"); };
  Chart.prototype.canHandleResults = function () {
    return rowsOf(this.yasr).length > 0 && columnsWhere(this.yasr, isNumber).length > 0;
  };
  Chart.prototype.draw = function () {
    var yasr = this.yasr, self = this;
    var rows = rowsOf(yasr), vars = varsOf(yasr);
    var numeric = columnsWhere(yasr, isNumber);
    var dates = columnsWhere(yasr, isDate);
    var category = vars.filter(function (v) { return numeric.indexOf(v) < 0; })[0];
    var kind = (window.newsgraphDefaultView || "").indexOf("line") >= 0 || dates.indexOf(category) >= 0
      ? "line" : "bar";
    return fetchLabels(allIris(yasr)).then(function () {
      var names = rows.map(function (row, i) { return category && row[category] ? display(row[category]) : String(i + 1); });
      var option = {
        animation: false,
        tooltip: Object.assign({ trigger: "axis" }, TOOLTIP),
        legend: { top: 0, data: numeric },
        grid: { left: 60, right: 30, top: 40, bottom: 120, containLabel: true },
        toolbox: { show: false },
        xAxis: { type: "category", data: names, name: category || "row",
          axisLabel: { rotate: names.length > 6 ? 35 : 0, width: 160, overflow: "truncate", interval: 0 } },
        yAxis: { type: "value" },
        dataZoom: rows.length > 40 ? [{ type: "slider", bottom: 10 }] : [],
        series: numeric.map(function (v) {
          return { name: v, type: kind, data: rows.map(function (row) { return row[v] ? parseFloat(row[v].value) : null; }) };
        })
      };
      self.mount("ng-chart", 460, option);
      self.kind = kind;
      self.chart.getDom().setAttribute("data-kind", kind);
      self.chart.getDom().setAttribute("data-series", numeric.join(","));
      self.chart.getDom().setAttribute("data-points", String(rows.length));
    });
  };

  // --- timeline: rows with dates, one lane per thing --------------------------------------
  function Timeline(yasr) { EChartsView.call(this, yasr); }
  Timeline.prototype = Object.create(EChartsView.prototype);
  Timeline.prototype.priority = 3;
  Timeline.prototype.label = "Timeline";
  Timeline.prototype.getIcon = function () { return icon("timeline"); };
  Timeline.prototype.canHandleResults = function () {
    return rowsOf(this.yasr).length > 0 && columnsWhere(this.yasr, isDate).length > 0;
  };
  Timeline.prototype.draw = function () {
    var yasr = this.yasr, self = this;
    var rows = rowsOf(yasr), vars = varsOf(yasr);
    var dates = columnsWhere(yasr, isDate);
    var start = dates[0], end = dates[1];
    var laneVar = vars.filter(function (v) { return dates.indexOf(v) < 0; })[0];
    return fetchLabels(allIris(yasr)).then(function () {
      var items = [];
      rows.forEach(function (row) {
        var t0 = row[start] ? toTime(row[start].value) : null;
        if (t0 === null) return;
        var t1 = end && row[end] ? toTime(row[end].value) : null;
        items.push({
          lane: laneVar && row[laneVar] ? display(row[laneVar]) : "",
          start: t0, end: t1 !== null && t1 > t0 ? t1 : null,
          text: rowText(row, vars).join("\n")
        });
      });
      var lanes = [];
      items.slice().sort(function (a, b) { return a.start - b.start; }).forEach(function (it) {
        if (lanes.indexOf(it.lane) < 0) lanes.push(it.lane);
      });
      var points = items.map(function (it) {
        return { value: [it.start, lanes.indexOf(it.lane), it.end || it.start], tip: it.text };
      });
      // At least a month is shown, so one day's events do not spread over hours.
      var times = items.map(function (it) { return it.start; }).concat(items.map(function (it) { return it.end || it.start; }));
      var lo = Math.min.apply(null, times), hi = Math.max.apply(null, times);
      var month = 30 * 86400000;
      if (hi - lo < month) { var mid = (lo + hi) / 2; lo = mid - month / 2; hi = mid + month / 2; }
      var pad = (hi - lo) * 0.03;
      var option = {
        animation: false,
        tooltip: Object.assign({ trigger: "item", formatter: function (p) { return p.data.tip; } }, TOOLTIP),
        grid: { left: 20, right: 40, top: 20, bottom: 70, containLabel: true },
        xAxis: { type: "time", name: start, min: lo - pad, max: hi + pad },
        yAxis: { type: "category", data: lanes, inverse: true,
          axisLabel: { width: 260, overflow: "truncate" } },
        dataZoom: [{ type: "slider", xAxisIndex: 0, bottom: 10 }, { type: "inside", xAxisIndex: 0 }],
        series: [{
          type: "custom",
          encode: { x: [0, 2], y: 1 },
          renderItem: function (params, api) {
            var a = api.coord([api.value(0), api.value(1)]);
            var b = api.coord([api.value(2), api.value(1)]);
            var h = Math.max(8, api.size([0, 1])[1] * 0.5);
            var w = Math.max(10, b[0] - a[0]);
            return { type: "rect", shape: { x: a[0] - (w === 10 ? 5 : 0), y: a[1] - h / 2, width: w, height: h, r: 3 },
              style: api.style({ fill: "#1f5fa8", opacity: 0.85 }) };
          },
          data: points
        }]
      };
      var height = Math.max(320, 60 + lanes.length * 28);
      self.mount("ng-timeline", height, option);
      var dom = self.chart.getDom();
      dom.setAttribute("data-items", String(points.length));
      dom.setAttribute("data-lanes", String(lanes.length));
    });
  };

  // --- graph: CONSTRUCT results, or SELECT rows of IRIs, as nodes and edges ----------------
  function GraphView(yasr) { EChartsView.call(this, yasr); }
  GraphView.prototype = Object.create(EChartsView.prototype);
  GraphView.prototype.priority = 2;
  GraphView.prototype.label = "Graph";
  GraphView.prototype.getIcon = function () { return icon("graph"); };
  function isTriples(yasr) {
    var vars = varsOf(yasr);
    return yasr.results && yasr.results.getType && yasr.results.getType() === "ttl" &&
      vars.join(",") === "subject,predicate,object";
  }
  GraphView.prototype.canHandleResults = function () {
    if (rowsOf(this.yasr).length === 0) return false;
    return isTriples(this.yasr) || iriColumns(this.yasr).length >= 2;
  };
  var LABEL_PREDICATES = [
    "http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://purl.org/dc/terms/title", "https://schema.org/name"
  ];
  GraphView.prototype.draw = function () {
    var yasr = this.yasr, self = this;
    var rows = rowsOf(yasr);
    var triples = isTriples(yasr);
    var maxNodes = 600;
    return fetchLabels(allIris(yasr).concat(triples ? rows.map(function (r) { return r.predicate.value; }) : [])).then(function () {
      var nodes = {}, edges = [], order = [];
      function node(term, category) {
        var key = term.type === "uri" ? term.value : term.type + ":" + term.value + ":" + order.length;
        if (!nodes[key]) {
          if (order.length >= maxNodes) return null;
          nodes[key] = { id: String(order.length), name: display(term), iri: term.type === "uri" ? term.value : null,
            category: category, symbolSize: term.type === "uri" ? 18 : 10, degree: 0 };
          order.push(key);
        }
        return nodes[key];
      }
      if (triples) {
        rows.forEach(function (r) {
          if (r.object.type !== "uri" && LABEL_PREDICATES.indexOf(r.predicate.value) >= 0) return;
          var s = node(r.subject, 0), o = node(r.object, r.object.type === "uri" ? 0 : 1);
          if (s && o) edges.push({ source: s.id, target: o.id, name: labelOf(r.predicate.value) });
        });
      } else {
        var cols = iriColumns(yasr);
        rows.forEach(function (r) {
          var prev = null, prevVar = null;
          cols.forEach(function (v) {
            if (!r[v]) return;
            var n = node(r[v], cols.indexOf(v) === 0 ? 0 : 1);
            if (n && prev && prev !== n) edges.push({ source: prev.id, target: n.id, name: prevVar + " → " + v });
            if (n) { prev = n; prevVar = v; }
          });
        });
      }
      var seen = {};
      edges = edges.filter(function (e) {
        var k = e.source + "|" + e.target + "|" + e.name;
        if (seen[k]) return false;
        seen[k] = true;
        return true;
      });
      edges.forEach(function (e) { nodes[order[+e.source]].degree++; nodes[order[+e.target]].degree++; });
      var data = order.map(function (k) {
        var n = nodes[k];
        n.symbolSize = Math.min(40, n.symbolSize + 2 * Math.sqrt(n.degree));
        return n;
      });
      var option = {
        animation: false,
        tooltip: Object.assign({ formatter: function (p) {
          return p.dataType === "edge" ? p.data.name : p.data.name + (p.data.iri ? "\n" + shortName(p.data.iri) : "");
        } }, TOOLTIP),
        legend: { bottom: 4 },
        series: [{
          type: "graph", layout: "force", roam: true, draggable: true,
          categories: [{ name: triples ? "resource" : varsOf(yasr)[0] || "resource" }, { name: triples ? "value" : "linked" }],
          force: { repulsion: 220, edgeLength: [60, 160], gravity: 0.08 },
          label: { show: true, position: "right", width: 180, overflow: "truncate" },
          edgeSymbol: ["none", "arrow"], edgeSymbolSize: 7,
          edgeLabel: { show: edges.length <= 80, formatter: function (p) { return p.data.name; }, fontSize: 10 },
          lineStyle: { color: "#8a99ad", curveness: 0.1 },
          data: data, links: edges
        }]
      };
      self.mount("ng-graph", 620, option);
      var dom = self.chart.getDom();
      dom.setAttribute("data-nodes", String(data.length));
      dom.setAttribute("data-edges", String(edges.length));
      self.chart.on("dblclick", function (p) {
        var href = p.dataType === "node" && p.data.iri ? pageOf(p.data.iri) : null;
        if (href) window.location.href = href;
      });
      if (order.length >= maxNodes) note(yasr, "Only the first " + maxNodes + " nodes are drawn.");
    });
  };

  // --- map: rows with coordinates, over offline country outlines --------------------------
  var outlines = null;
  function countryOutlines() {
    if (!outlines) {
      outlines = fetch((window.newsgraphConfig || {}).staticPrefix + "vendor/world-atlas/countries-50m.json")
        .then(function (r) { if (!r.ok) throw new Error("no base map"); return r.json(); })
        .then(function (topo) {
          var all = window.topojson.feature(topo, topo.objects.countries);
          // Antarctica's ring runs along the pole, which Web Mercator cannot draw (a line
          // across the whole map): news maps leave it out.
          all.features = all.features.filter(function (f) { return f.id !== "010"; });
          // Rings that cross the antimeridian (Russia's Chukotka, Fiji) jump from 180 to
          // -180: draw them continuous, east of 180, instead of a line across the map.
          all.features.forEach(function (f) {
            var polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
            polygons.forEach(function (polygon) {
              polygon.forEach(function (ring) {
                var crosses = ring.some(function (pt, i) { return i > 0 && Math.abs(pt[0] - ring[i - 1][0]) > 180; });
                if (crosses) ring.forEach(function (pt) { if (pt[0] < 0) pt[0] += 360; });
              });
            });
          });
          return all;
        });
    }
    return outlines;
  }
  function MapView(yasr) { this.yasr = yasr; this.map = null; }
  MapView.prototype.priority = 5;
  MapView.prototype.label = "Map";
  MapView.prototype.getIcon = function () { return icon("map"); };
  MapView.prototype.canHandleResults = function () {
    var vars = varsOf(this.yasr);
    return rowsOf(this.yasr).some(function (row) { return coordinatesOf(row, vars) !== null; });
  };
  MapView.prototype.destroy = function () {
    if (this.map) { this.map.remove(); this.map = null; }
  };
  MapView.prototype.draw = function () {
    var yasr = this.yasr, self = this;
    var rows = rowsOf(yasr), vars = varsOf(yasr);
    this.destroy();
    var el = canvasIn(yasr, "ng-map", 560);
    var L = window.L;
    var map = L.map(el, { worldCopyJump: true, attributionControl: true, minZoom: 1, maxZoom: 12 });
    this.map = map;
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Country outlines: Natural Earth (world-atlas)");
    map.setView([45, 60], 3);
    return Promise.all([fetchLabels(allIris(yasr)), countryOutlines().catch(function () { return null; })])
      .then(function (loaded) {
        var countries = loaded[1];
        if (countries) {
          L.geoJSON(countries, { interactive: false,
            style: { color: "#8a99ad", weight: 0.7, fillColor: "#eef2f6", fillOpacity: 1 } }).addTo(map);
        } else {
          note(yasr, "The base map could not be loaded; points are drawn without it.");
        }
        var markers = [];
        rows.forEach(function (row) {
          var at = coordinatesOf(row, vars);
          if (!at) return;
          var name = vars.filter(function (v) { return v !== at.column && row[v] && row[v].type !== "uri"
            && !isNumber(row[v]) && !POINT.test(row[v].value); })[0];
          var subject = vars.filter(function (v) { return row[v] && row[v].type === "uri"; })[0];
          var marker = L.circleMarker([at.lat, at.lng], { radius: 7, color: "#14304f", weight: 1.5,
            fillColor: "#1f5fa8", fillOpacity: 0.85 });
          var box = document.createElement("div");
          box.className = "ng-popup";
          var title = document.createElement(subject && pageOf(row[subject].value) ? "a" : "strong");
          title.textContent = name ? display(row[name]) : subject ? display(row[subject]) : at.lat + ", " + at.lng;
          if (title.tagName === "A") title.href = pageOf(row[subject].value);
          box.appendChild(title);
          rowText(row, vars, [at.column]).forEach(function (line) {
            var div = document.createElement("div");
            div.textContent = line;
            box.appendChild(div);
          });
          marker.bindPopup(box);
          marker.bindTooltip(title.textContent);
          marker.addTo(map);
          markers.push(marker);
        });
        if (markers.length) {
          map.fitBounds(L.featureGroup(markers).getBounds().pad(0.4), { maxZoom: 6 });
        }
        el.setAttribute("data-markers", String(markers.length));
        el.setAttribute("data-countries", countries ? String(countries.features.length) : "0");
      });
  };

  Yasr.registerPlugin("chart", Chart);
  Yasr.registerPlugin("timeline", Timeline);
  Yasr.registerPlugin("graph", GraphView);
  Yasr.registerPlugin("map", MapView);
  // The table stays first; the views follow in this order in YASR's header.
  Yasr.defaults.pluginOrder = ["table", "response", "chart", "timeline", "graph", "map"];
  Yasr.defaults.defaultPlugin = "table";
})();
