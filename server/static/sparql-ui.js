/* The query page: YASGUI bound to this server's endpoint, our examples, download links.
 *
 * Served from our origin (the page's CSP allows no inline script). Two guards against
 * a crafted link (/sparql#query=…&endpoint=http://elsewhere/…):
 * - whatever a link or saved state says, every tab queries this server's endpoint,
 *   with no extra headers or arguments: a link may carry a query (and run it here),
 *   never a place to send it;
 * - result cells are rebuilt from escaped text: YASR's table inserts a literal's
 *   language tag as HTML, and links any IRI; here only http(s) IRIs become links.
 */
(function () {
  "use strict";
  var examples = JSON.parse(document.getElementById("example-data").textContent);
  var cfg = JSON.parse(document.getElementById("ui-config").textContent);
  var byName = {};
  examples.forEach(function (ex) { byName[ex.name] = ex; });

  var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  function esc(value) {
    return String(value).replace(/[&<>"']/g, function (c) { return ESCAPES[c]; });
  }
  function isWebIri(iri) { return /^https?:\/\/[^\s]+$/i.test(iri); }

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

  var table = Yasgui.Yasr && Yasgui.Yasr.plugins && Yasgui.Yasr.plugins.table;
  if (table && table.prototype) {
    table.prototype.getUriLinkFromBinding = function (binding, prefixes) {
      var iri = String(binding.value);
      var visible = iri;
      var prefixed = false;
      if (prefixes) {
        for (var label in prefixes) {
          if (prefixes[label] && iri.indexOf(prefixes[label]) === 0) {
            visible = label + ":" + iri.substring(prefixes[label].length);
            prefixed = true;
            break;
          }
        }
      }
      var bare = prefixed || (this.persistentConfig && this.persistentConfig.compact);
      var inner = isWebIri(iri)
        ? "<a class='iri' href='" + esc(iri) + "'>" + esc(visible) + "</a>"
        : "<span class='iri'>" + esc(visible) + "</span>";
      return bare ? inner : "&lt;" + inner + "&gt;";
    };
    table.prototype.formatLiteral = function (binding, prefixes) {
      var text = esc(binding.value);
      if (this.persistentConfig && this.persistentConfig.compact) return text;
      if (binding["xml:lang"]) return '"' + text + '"<sup>@' + esc(binding["xml:lang"]) + "</sup>";
      if (binding.datatype) {
        var type = this.getUriLinkFromBinding({ type: "uri", value: binding.datatype }, prefixes);
        return '"' + text + '"<sup>^^' + type + "</sup>";
      }
      return text;
    };
  }

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: pinRequest({}),
    copyEndpointOnNewTab: true,
    persistenceId: null,
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
    if (tab.getEndpoint() !== cfg.endpoint) tab.setEndpoint(cfg.endpoint);
  }
  pinTab(yasgui.getTab());
  yasgui.on("query", function (_yasgui, tab) { pinTab(tab); });
  yasgui.on("tabAdd", function (_yasgui, tabId) { pinTab(yasgui.getTab(tabId)); });

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

  function currentQuery() { return yasgui.getTab().getQuery(); }
  document.querySelectorAll("#downloads a[data-format]").forEach(function (a) {
    a.addEventListener("click", function (ev) {
      ev.preventDefault();
      var url = cfg.endpoint + "?format=" + encodeURIComponent(a.dataset.format) +
        "&download=1&query=" + encodeURIComponent(currentQuery());
      window.location.href = url;
    });
  });

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
