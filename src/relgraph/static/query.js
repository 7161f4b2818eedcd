// The query page of `relgraph serve`: the example buttons load a shipped query into YASGUI,
// which sends it to this server's /sparql (never to any other endpoint).
"use strict";
(function () {
  const examples = new Map(JSON.parse(document.getElementById("examples").textContent).map((e) => [e.id, e]));
  const endpoint = new URL("/sparql", window.location.href).href;
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }], keys: [] },
    copyEndpointOnNewTab: true,
    populateFromUrl: false,
    persistenceId: null, // no tabs kept in localStorage: a stale tab could name another endpoint
    autofocus: false,
  });
  const status = document.getElementById("chosen");

  // YASGUI leaves its editor, endpoint box and page-size menu without a name; name them (and again
  // whenever it redraws), so that a screen reader says what each one is.
  const names = [
    [".CodeMirror textarea", "SPARQL query"],
    ["input.autocomplete", "SPARQL endpoint"],
    ["select.tableSizer", "Rows per page"],
  ];
  function nameWidgets() {
    for (const [selector, name] of names) {
      for (const element of document.querySelectorAll(`#yasgui ${selector}:not([aria-label])`)) {
        element.setAttribute("aria-label", name);
      }
    }
  }
  nameWidgets();
  new MutationObserver(nameWidgets).observe(document.getElementById("yasgui"), { childList: true, subtree: true });

  function choose(id) {
    const example = examples.get(id);
    const tab = yasgui.getTab();
    tab.setEndpoint(endpoint);
    tab.setQuery(example.query);
    status.textContent = `Loaded “${example.title}”: run it with the editor's run button or Ctrl+Enter.`;
    tab.getYasqe().focus();
  }
  for (const button of document.querySelectorAll("button.example")) {
    button.addEventListener("click", () => choose(button.dataset.example));
  }
  window.relgraphQuery = { yasgui: yasgui, choose: choose };
  document.body.dataset.ready = "true";
})();
