/* The query page: YASGUI bound to this server's endpoint, our examples, download links,
 * completion from our own graph, labels in the results, readable errors, kept tabs.
 *
 * Served from our origin (the page's CSP allows no inline script). Two guards against
 * a crafted link (/sparql#query=…&endpoint=http://elsewhere/…):
 * - whatever a link or saved state says, every tab queries this server's endpoint,
 *   with no extra headers or arguments: a link may carry a query (and run it here),
 *   never a place to send it;
 * - result cells are rebuilt from escaped text: YASR's table inserts a literal's
 *   language tag as HTML, and links any IRI; here only http(s) IRIs become links.
 *
 * Completion (Ctrl-Space, or as you type) asks this server only (/api/complete), so it
 * works offline: prefixes are our namespaces (schema: is https://schema.org/, as in the
 * graph), classes and properties come from the ontology and the data with their labels,
 * and `id:` followed by a few letters of a name offers the instances so named.
 * Tabs and their queries are kept in the browser (localStorage) across reloads.
 */
(function () {
  "use strict";
  var examples = JSON.parse(document.getElementById("example-data").textContent);
  var cfg = JSON.parse(document.getElementById("ui-config").textContent);
  window.newsgraphConfig = cfg;
  var byName = {};
  examples.forEach(function (ex) { byName[ex.name] = ex; });
  var labels = window.newsgraphLabels;

  var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  function esc(value) {
    return String(value).replace(/[&<>"']/g, function (c) { return ESCAPES[c]; });
  }
  function isWebIri(iri) { return /^https?:\/\/[^\s]+$/i.test(iri); }
  // A prefixed name is shown only when it is valid SPARQL (no "/" in the local part …).
  var LOCAL = /^(?:[A-Za-z_\u00C0-\uFFFD0-9:](?:[A-Za-z_\u00C0-\uFFFD0-9:.\u00B7-]*[A-Za-z_\u00C0-\uFFFD0-9:\u00B7-])?)?$/;
  function shortName(iri, prefixes) {
    var best = null;
    Object.keys(prefixes || {}).forEach(function (p) {
      var ns = prefixes[p];
      if (ns && iri.indexOf(ns) === 0 && LOCAL.test(iri.substring(ns.length)) &&
          (best === null || ns.length > prefixes[best].length)) best = p;
    });
    return best === null ? "<" + iri + ">" : best + ":" + iri.substring(prefixes[best].length);
  }

  function pinRequest(requestConfig) {
    requestConfig = requestConfig || {};
    requestConfig.endpoint = cfg.endpoint;
    requestConfig.method = "POST";
    requestConfig.headers = {};
    requestConfig.args = [];
    requestConfig.namedGraphs = [];
    requestConfig.defaultGraphs = [];
    requestConfig.withCredentials = false;
    return requestConfig;
  }

  // --- the result table: labels, valid names, escaped text --------------------------------
  var table = Yasgui.Yasr && Yasgui.Yasr.plugins && Yasgui.Yasr.plugins.table;
  if (table && table.prototype) {
    table.prototype.getUriLinkFromBinding = function (binding, prefixes) {
      var iri = String(binding.value);
      var name = shortName(iri, prefixes);
      var known = labels && labels.cache[iri];
      var label = known && known.label;
      var text = label
        ? esc(label) + " <span class='ng-short'>" + esc(name) + "</span>"
        : esc(name);
      return isWebIri(iri)
        ? "<a class='iri' href='" + esc(iri) + "' title='" + esc(iri) + "'>" + text + "</a>"
        : "<span class='iri'>" + text + "</span>";
    };
    table.prototype.formatLiteral = function (binding, prefixes) {
      var text = esc(binding.value);
      if (this.persistentConfig && this.persistentConfig.compact) return text;
      if (binding["xml:lang"]) return '"' + text + '"<sup>@' + esc(binding["xml:lang"]) + "</sup>";
      if (binding.datatype) {
        return '"' + text + '"<sup>^^' + esc(shortName(binding.datatype, prefixes)) + "</sup>";
      }
      return text;
    };
  }

  // --- completion from our own graph -------------------------------------------------------
  var Yasqe = Yasgui.Yasqe;
  var completionLabels = {};
  function complete(kind, q) {
    return fetch("/api/complete?kind=" + kind + "&q=" + encodeURIComponent(q || ""))
      .then(function (r) { return r.ok ? r.json() : { items: [] }; })
      .then(function (data) { return data.items || []; })
      .catch(function () { return []; });
  }
  function expand(yasqe, text) {
    if (text.charAt(0) === "<") return text.slice(1, -1);
    var i = text.indexOf(":");
    var ns = yasqe.getPrefixesFromQuery()[text.substring(0, i)];
    return ns ? ns + text.substring(i + 1) : text;
  }
  function withLabels(yasqe, hints) {
    hints.forEach(function (hint) {
      var info = completionLabels[expand(yasqe, hint.text)];
      if (info) hint.displayText = hint.text + "   " + info;
    });
    return hints;
  }
  if (Yasqe && Yasqe.Autocompleters) {
    var base = Yasqe.Autocompleters;
    var ours = Object.keys(cfg.prefixes).sort().map(function (p) { return p + ": <" + cfg.prefixes[p] + ">"; });
    Yasqe.registerAutocompleter(Object.assign({}, base.prefixes, {
      name: "prefixes",
      persistenceId: "newsgraph-prefixes",
      get: function () { return ours; }
    }));
    ["class", "property"].forEach(function (kind) {
      Yasqe.registerAutocompleter(Object.assign({}, base[kind], {
        name: kind,
        get: function (yasqe, token) {
          return complete(kind, token && token.autocompletionString).then(function (items) {
            return items.map(function (item) {
              completionLabels[item.iri] = [item.label, item.count ? "(" + item.count + ")" : ""]
                .filter(Boolean).join(" ");
              return item.iri;
            });
          });
        },
        postprocessHints: withLabels
      }));
    });
    // `id:toka` + Ctrl-Space: our instances whose names contain "toka".
    Yasqe.registerAutocompleter({
      name: "instance",
      bulk: false,
      autoShow: false,
      isValidCompletionPosition: function (yasqe) {
        var token = yasqe.getCompleteToken();
        return /^id:[^\s]{2,}$/.test(token.string) && !!yasqe.getPrefixesFromQuery().id;
      },
      get: function (yasqe, token) {
        var q = token.string.substring(3);
        return complete("instance", q).then(function (items) {
          return items.map(function (item) {
            completionLabels[item.iri] = item.label + (item.types.length ? " (" + item.types.join(", ") + ")" : "");
            return item.iri;
          });
        });
      },
      postProcessSuggestion: function (yasqe, token, suggestion) { return "<" + suggestion + ">"; },
      postprocessHints: withLabels
    });
  }

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: pinRequest({}),
    copyEndpointOnNewTab: true,
    persistenceId: "newsgraph",
    populateFromUrl: function (fromUrl) {
      pinRequest(fromUrl.requestConfig);
      if (fromUrl.yasr && fromUrl.yasr.settings) fromUrl.yasr.settings.pluginsConfig = {};
      return fromUrl;
    },
    autofocus: false,
    tabName: "Query",
    yasqe: { value: cfg.defaultQuery, resizeable: true, editorHeight: "300px" },
    yasr: { prefixes: cfg.prefixes, maxPersistentResponseSize: 0 }
  });
  function pinTab(tab) {
    if (!tab) return;
    if (tab.getEndpoint() !== cfg.endpoint) tab.setEndpoint(cfg.endpoint);
  }
  Object.keys(yasgui._tabs || {}).forEach(function (id) { pinTab(yasgui.getTab(id)); });
  pinTab(yasgui.getTab());
  yasgui.on("query", function (_yasgui, tab) { pinTab(tab); });
  yasgui.on("tabAdd", function (_yasgui, tabId) { pinTab(yasgui.getTab(tabId)); });

  // --- after each answer: labels, the #defaultView, the error spot -----------------------
  var VIEWS = { table: "table", barchart: "chart", linechart: "chart", areachart: "chart",
    scatterchart: "chart", bubblechart: "chart", chart: "chart", timeline: "timeline",
    graph: "graph", map: "map" };
  function defaultView(query) {
    var m = /^\s*#\s*defaultView\s*:\s*([A-Za-z]+)/im.exec(query || "");
    return m ? m[1].toLowerCase() : null;
  }
  var marks = [];
  function clearMarks() {
    marks.forEach(function (m) { m.clear(); });
    marks = [];
  }
  function markError(tab, text) {
    var m = /syntax error at line (\d+), column (\d+)/.exec(text || "");
    if (!m) return;
    var yasqe = tab.getYasqe();
    var line = parseInt(m[1], 10) - 1, col = parseInt(m[2], 10) - 1;
    var caret = /\n\s*\|\s*( *)(\^+)\s*$/.exec(text);
    var width = caret ? caret[2].length : 1;
    clearMarks();
    marks.push(yasqe.markText({ line: line, ch: col }, { line: line, ch: col + width },
      { className: "ng-syntax-error", attributes: { title: text.split("\n")[0] } }));
  }
  yasgui.on("queryResponse", function (_yasgui, tab) {
    setTimeout(function () {  // YASR receives the answer right after this event
      var yasr = tab.getYasr();
      var results = yasr && yasr.results;
      clearMarks();
      yasr.rootEl.removeAttribute("data-labelled");
      if (!results) return;
      var error = results.getError && results.getError();
      if (error) { markError(tab, error.text); return; }
      var view = VIEWS[defaultView(tab.getQuery())];
      window.newsgraphDefaultView = defaultView(tab.getQuery()) || "";
      var iris = [];
      (results.getBindings() || []).forEach(function (row) {
        Object.keys(row).forEach(function (v) { if (row[v] && row[v].type === "uri") iris.push(row[v].value); });
      });
      if (view && view !== "table" && yasr.plugins[view] && yasr.plugins[view].canHandleResults()) {
        if (yasr.selectedPlugin === view) yasr.refresh(); else yasr.selectPlugin(view);
      } else if (view === "table" && yasr.selectedPlugin !== "table") {
        yasr.selectPlugin("table");
      }
      labels.fetch(iris).then(function () { labelCells(yasr); });
    }, 0);
  });
  // Labels go into the drawn cells in place (the table is not redrawn, so nothing a
  // reader or a script holds goes stale); cells drawn later (paging) get them from
  // getUriLinkFromBinding above.
  function labelCells(yasr) {
    var prefixes = yasr.getPrefixes ? yasr.getPrefixes() : cfg.prefixes;
    yasr.resultsEl.querySelectorAll("a.iri[title]").forEach(function (a) {
      var known = labels.cache[a.getAttribute("title")];
      if (!known || !known.label || a.querySelector(".ng-short")) return;
      var short = document.createElement("span");
      short.className = "ng-short";
      short.textContent = shortName(a.getAttribute("title"), prefixes);
      a.textContent = known.label + " ";
      a.appendChild(short);
    });
    yasr.rootEl.setAttribute("data-labelled", "true");
  }
  function watchEditor(tab) {
    var yasqe = tab && tab.getYasqe && tab.getYasqe();
    if (yasqe && !yasqe.__ngWatched) {
      yasqe.__ngWatched = true;
      yasqe.on("change", clearMarks);
    }
  }
  watchEditor(yasgui.getTab());
  yasgui.on("tabSelect", function (_y, id) { setTimeout(function () { watchEditor(yasgui.getTab(id)); }, 0); });
  yasgui.on("tabAdd", function (_y, id) { setTimeout(function () { watchEditor(yasgui.getTab(id)); }, 0); });

  // IRIs under our instance base point at w3id.org; send them to this server's pages.
  function localise(root) {
    root.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (href && href.indexOf(cfg.publicPrefix) === 0) {
        a.setAttribute("href", cfg.localPrefix + href.substring(cfg.publicPrefix.length));
        a.removeAttribute("target");
      }
    });
  }
  new MutationObserver(function () { localise(document.getElementById("yasgui")); })
    .observe(document.getElementById("yasgui"), { childList: true, subtree: true });

  // Downloads in the formats the query's form has (no CSV for a CONSTRUCT).
  function currentQuery() { return yasgui.getTab().getQuery(); }
  function queryForm() {
    var yasqe = yasgui.getTab().getYasqe();
    var type = yasqe && yasqe.getQueryType ? String(yasqe.getQueryType() || "").toUpperCase() : "";
    return type === "CONSTRUCT" || type === "DESCRIBE" ? "graph" : "solutions";
  }
  function showDownloads() {
    var form = queryForm();
    document.querySelectorAll("#downloads [data-form]").forEach(function (el) {
      el.hidden = el.getAttribute("data-form") !== form;
    });
  }
  document.querySelectorAll("#downloads a[data-format]").forEach(function (a) {
    a.addEventListener("click", function (ev) {
      ev.preventDefault();
      var url = cfg.endpoint + "?format=" + encodeURIComponent(a.dataset.format) +
        "&download=1&query=" + encodeURIComponent(currentQuery());
      window.location.href = url;
    });
  });
  showDownloads();
  yasgui.on("tabChange", showDownloads);
  yasgui.on("tabSelect", function () { setTimeout(showDownloads, 0); });

  document.querySelectorAll("#examples button").forEach(function (button) {
    button.addEventListener("click", function () {
      var ex = byName[button.dataset.example];
      document.querySelectorAll("#examples button").forEach(function (b) { b.classList.remove("active"); });
      button.classList.add("active");
      document.getElementById("example-description").textContent = ex.description;
      var t = yasgui.getTab();
      t.setQuery(ex.query);
      t.query();
    });
  });
  window.newsgraphYasgui = yasgui;
})();
