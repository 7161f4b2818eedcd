"use strict";
// relgraph page script. Every text from the data goes into the DOM through textContent, never innerHTML.
(function () {
  const DATA = JSON.parse(document.getElementById("relgraph-data").textContent);
  const NET = DATA.network;
  const ENTITIES = DATA.entities, RELATIONS = DATA.relations, SOURCES = DATA.sources;
  // Statuses come as data (relgraph/statuses.py): label, meaning, standing, rank and style.
  const STATUSES = DATA.statuses;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "className") node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  // Same folding as relgraph.text.fold_name: case, accents, typographic quotes and dashes.
  function fold(name) {
    return name
      .replace(/[\u2018\u2019\u201a\u201b\u2032`]/g, "'")
      .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
      .replace(/[\u2010-\u2015\u2212]/g, "-")
      .replace(/\s+/g, " ").trim()
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
  }

  const nameIndex = new Map();
  for (const entity of Object.values(ENTITIES)) {
    for (const name of [entity.id, entity.label, ...entity.aliases]) {
      const key = fold(name);
      if (!nameIndex.has(key)) nameIndex.set(key, new Set());
      nameIndex.get(key).add(entity.id);
    }
  }
  const onGraph = new Set(NET.nodes.map((n) => n.id));
  const datalist = document.getElementById("names");
  const names = new Set();
  for (const entity of Object.values(ENTITIES)) {
    if (!onGraph.has(entity.id)) continue;
    for (const name of [entity.label, ...entity.aliases]) names.add(name);
  }
  for (const name of [...names].sort()) datalist.appendChild(el("option", { value: name }));

  function resolve(name) {
    const ids = [...(nameIndex.get(fold(name)) || [])].filter((id) => onGraph.has(id));
    return ids.length === 1 ? ids[0] : null;
  }

  const nodes = new vis.DataSet(NET.nodes);
  const edges = new vis.DataSet(NET.edges);
  const container = document.getElementById("network");
  const network = new vis.Network(container, { nodes, edges }, NET.options);
  const baseEdgeColor = Object.fromEntries(NET.edges.map((e) => [e.id, e.color]));

  function markReady() {
    if (document.body.dataset.ready === "true") return;
    network.setOptions({ physics: { enabled: false } });
    document.body.dataset.ready = "true";
  }
  if (NET.options.physics.enabled) {
    network.once("stabilizationIterationsDone", markReady);
    network.once("stabilized", markReady);
    setTimeout(markReady, 8000);  // a page must become usable even if physics never settles
  } else {
    network.once("afterDrawing", markReady);
  }

  // ---- filters -------------------------------------------------------------------------
  const filters = { sources: new Set(Object.keys(SOURCES)), categories: new Set(Object.keys(DATA.legend.categories)),
                    statuses: new Set(DATA.legend.statuses), from: "", to: "" };

  function checkboxes(fieldsetId, values, labelOf, set) {
    const fieldset = document.getElementById(fieldsetId);
    for (const value of values) {
      const box = el("input", { type: "checkbox", value: value, "data-filter": fieldsetId });
      box.checked = true;
      box.addEventListener("change", () => { if (box.checked) set.add(value); else set.delete(value); applyFilters(); });
      fieldset.appendChild(el("label", {}, box, " " + labelOf(value)));
    }
  }
  checkboxes("filter-sources", Object.keys(SOURCES).sort((a, b) => SOURCES[a].date.localeCompare(SOURCES[b].date)),
             (id) => SOURCES[id].title + " (" + SOURCES[id].date + ")", filters.sources);
  checkboxes("filter-categories", Object.keys(DATA.legend.categories), (c) => c.replace(/-/g, " "), filters.categories);
  checkboxes("filter-statuses", DATA.legend.statuses, (s) => s, filters.statuses);
  for (const id of ["date-from", "date-to"]) {
    document.getElementById(id).addEventListener("input", (event) => {
      filters[id === "date-from" ? "from" : "to"] = event.target.value.trim();
      applyFilters();
    });
  }

  function edgeVisible(relation) {
    if (!filters.sources.has(relation.source_id) || !filters.categories.has(relation.category) ||
        !filters.statuses.has(relation.status)) return false;
    if (relation.date) {
      const start = relation.date, end = relation.end_date || relation.date;
      // Compare prefixes: "2023" matches any date in 2023, "2023-02" any day of that month.
      if (filters.from && end.slice(0, filters.from.length) < filters.from) return false;
      if (filters.to && start.slice(0, filters.to.length) > filters.to) return false;
    }
    return true;
  }

  function visibleEdgeIds() {
    return NET.edges.map((e) => e.id).filter((id) => !edges.get(id).hidden);
  }

  function applyFilters() {
    edges.update(NET.edges.map((e) => ({ id: e.id, hidden: !edgeVisible(RELATIONS[e.id]) })));
    updateCounts();
  }

  function updateCounts() {
    const shown = visibleEdgeIds().length;
    document.getElementById("counts").textContent =
      NET.nodes.length + " actors · " + shown + " of " + NET.edges.length + " relations shown";
  }

  // ---- legend --------------------------------------------------------------------------
  const legend = document.getElementById("legend");
  for (const [type, style] of Object.entries(DATA.legend.types)) {
    const swatch = el("span", { className: "swatch" });
    swatch.style.background = style.color;
    legend.appendChild(el("div", { className: "legend-row" }, swatch, type.replace(/-/g, " ") + " (" + style.shape + ")"));
  }
  for (const [category, color] of Object.entries(DATA.legend.categories)) {
    const line = el("span", { className: "line" });
    line.style.borderTopColor = color;
    legend.appendChild(el("div", { className: "legend-row" }, line, category.replace(/-/g, " ")));
  }
  function statusSample(status) {
    // The edge's own dash pattern and colour, drawn as a small SVG line.
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("width", "28"); svg.setAttribute("height", "8"); svg.setAttribute("class", "status-sample");
    const line = document.createElementNS("http://www.w3.org/2000/svg", "line");
    for (const [k, v] of [["x1", 1], ["y1", 4], ["x2", 27], ["y2", 4]]) line.setAttribute(k, String(v));
    line.setAttribute("stroke", status.style.color);
    line.setAttribute("stroke-width", String(status.style.width));
    if (status.style.dashes) line.setAttribute("stroke-dasharray", status.style.dashes.join(" "));
    svg.appendChild(line);
    return svg;
  }
  for (const status of Object.values(STATUSES).sort((a, b) => a.rank - b.rank)) {
    const row = el("div", { className: "legend-row legend-status", "data-status": status.id, title: status.meaning },
      statusSample(status), (status.style.marker ? status.style.marker + " " : "") + status.label);
    legend.appendChild(row);
    legend.appendChild(el("div", { className: "legend-meaning" }, status.meaning));
  }
  legend.appendChild(el("div", { className: "legend-row" }, "→ direction; no arrow: symmetric"));

  // ---- cards ---------------------------------------------------------------------------
  const card = document.getElementById("card");

  function statusBadge(relation) {
    let text = relation.status;
    if (relation.reported_by && ENTITIES[relation.reported_by]) text += " by " + ENTITIES[relation.reported_by].label;
    if (relation.denied_by && ENTITIES[relation.denied_by]) text += ", denied by " + ENTITIES[relation.denied_by].label;
    const badge = el("span", { className: "status", "data-status": relation.status, title: STATUSES[relation.status].meaning }, text);
    badge.style.borderColor = STATUSES[relation.status].style.color;
    return badge;
  }

  function sentence(relation) {
    return ENTITIES[relation.from].label + " —" + relation.label + "→ " + ENTITIES[relation.to].label;
  }

  function evidenceBlock(relation) {
    const source = SOURCES[relation.source_id];
    const meta = [source.publisher || "publisher not named"];
    if (source.original_publisher) meta.push("first published by " + source.original_publisher);
    if (source.author) meta.push("by " + source.author);
    meta.push("published " + source.date);
    const block = el("div", { className: "evidence", "data-relation": relation.id },
      el("div", {}, statusBadge(relation), relation.date ? " dated " + relation.date + (relation.end_date ? " to " + relation.end_date : "") : ""),
      el("blockquote", { className: "quote" }, relation.quote),
      el("div", { className: "meta source-title" }, source.title),
      el("div", { className: "meta" }, meta.join(" · ")));
    if (relation.anchor) {
      block.appendChild(el("div", { className: "meta anchor" }, "in " + source.file + ": line " + relation.anchor.line +
        ", paragraph " + relation.anchor.paragraph + ", characters " + relation.anchor.start + "–" + relation.anchor.end));
    }
    for (const figure of relation.figures) {
      block.appendChild(el("div", { className: "meta figure" }, figure.measure + ": " + figure.value.toLocaleString("en") + " " + figure.unit));
    }
    if (relation.note) block.appendChild(el("div", { className: "meta note" }, "Note: " + relation.note));
    return block;
  }

  function showEntity(id) {
    const entity = ENTITIES[id];
    card.replaceChildren(
      el("p", { className: "card-title", id: "card-entity" }, entity.label),
      el("div", { className: "card-type" }, entity.type.replace(/-/g, " ")),
      el("p", {}, entity.description));
    if (entity.aliases.length) card.appendChild(el("p", { className: "meta" }, "Also: " + entity.aliases.join(", ")));
    if (entity.wikidata) {
      const link = el("a", { rel: "noopener noreferrer", target: "_blank" }, "Wikidata " + entity.wikidata);
      link.href = "https://www.wikidata.org/wiki/" + encodeURIComponent(entity.wikidata);
      card.appendChild(el("p", {}, link));
    }
    const count = NET.edges.filter((e) => e.from === id || e.to === id).length;
    card.appendChild(el("p", { className: "meta" }, count + " relations"));
  }

  function showRelation(id) {
    const relation = RELATIONS[id];
    // Every relation with the same subject, predicate and object backs this edge, whatever its source.
    const backing = Object.values(RELATIONS).filter((r) =>
      r.predicate === relation.predicate && r.from === relation.from && r.to === relation.to && r.id !== relation.id);
    card.replaceChildren(
      el("p", { className: "card-title", id: "card-relation" }, sentence(relation)),
      el("div", { className: "card-type" }, relation.category.replace(/-/g, " ") + " · " + relation.polarity),
      evidenceBlock(relation));
    if (backing.length) {
      card.appendChild(el("h2", {}, "Also stated in"));
      for (const other of backing) card.appendChild(evidenceBlock(other));
    }
  }

  // ---- neighbourhood highlight -----------------------------------------------------------
  function highlight(nodeIds, edgeIds) {
    const keepNodes = new Set(nodeIds), keepEdges = new Set(edgeIds);
    nodes.update(NET.nodes.map((n) => ({ id: n.id, opacity: keepNodes.size === 0 || keepNodes.has(n.id) ? 1 : 0.15 })));
    edges.update(NET.edges.map((e) => ({ id: e.id,
      color: { color: baseEdgeColor[e.id], inherit: false, opacity: keepEdges.size === 0 || keepEdges.has(e.id) ? 1 : 0.08 },
      width: keepEdges.has(e.id) && keepEdges.size < NET.edges.length ? 3 : 1.2 })));
  }

  function focusEntity(id) {
    const around = network.getConnectedNodes(id);
    highlight([id, ...around], network.getConnectedEdges(id));
    network.selectNodes([id]);
    network.focus(id, { scale: 1.1, animation: false });
    showEntity(id);
  }

  network.on("click", (params) => {
    if (params.nodes.length) focusEntity(params.nodes[0]);
    else if (params.edges.length) { showRelation(params.edges[0]); highlight([], []); }
    else highlight([], []);
  });

  // Hovering shows the card too, unless a click has pinned an actor's neighbourhood.
  network.on("hoverNode", (params) => { if (!network.getSelectedNodes().length) showEntity(params.node); });
  network.on("hoverEdge", (params) => { if (!network.getSelectedNodes().length) showRelation(params.edge); });

  document.getElementById("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const name = document.getElementById("search").value;
    const id = resolve(name);
    const message = document.getElementById("search-message");
    if (!id) { message.textContent = "No actor named '" + name + "' on this graph."; return; }
    message.textContent = "";
    focusEntity(id);
  });

  // ---- path finder: same rule as `relgraph path` -------------------------------------------
  function hopEligible(relation, includeUnconfirmed) {
    // Admitting, as `relgraph path` does: facts, and unconfirmed statuses when asked for.
    const standing = STATUSES[relation.status].standing;
    if (!(standing === "fact" || (standing === "unconfirmed" && includeUnconfirmed))) return false;
    return !edges.get(relation.id).hidden;
  }

  function findPath(fromId, toId, includeUnconfirmed) {
    const adjacent = new Map();
    for (const e of NET.edges) {
      const relation = RELATIONS[e.id];
      if (!hopEligible(relation, includeUnconfirmed)) continue;
      if (relation.from === relation.to) continue;
      for (const [a, b] of [[relation.from, relation.to], [relation.to, relation.from]]) {
        if (!adjacent.has(a)) adjacent.set(a, new Set());
        adjacent.get(a).add(b);
      }
    }
    if (fromId === toId) return [fromId];
    // Breadth-first, neighbours in id order, first parent wins: the CLI's rule.
    const parents = new Map([[fromId, null]]);
    let frontier = [fromId];
    while (frontier.length) {
      const next = [];
      for (const node of frontier) {
        const around = [...(adjacent.get(node) || [])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        for (const other of around) {
          if (parents.has(other)) continue;
          parents.set(other, node);
          if (other === toId) {
            const path = [toId];
            while (parents.get(path[path.length - 1]) !== null) path.push(parents.get(path[path.length - 1]));
            return path.reverse();
          }
          next.push(other);
        }
      }
      frontier = next;
    }
    return null;
  }

  function hopRelations(a, b, includeUnconfirmed) {
    return NET.edges.map((e) => RELATIONS[e.id])
      .filter((r) => hopEligible(r, includeUnconfirmed) && ((r.from === a && r.to === b) || (r.from === b && r.to === a)))
      .sort((x, y) => (STATUSES[x.status].rank - STATUSES[y.status].rank) ||
                      (x.date || "").localeCompare(y.date || "") || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  }

  document.getElementById("path-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const result = document.getElementById("path-result");
    const fromName = document.getElementById("path-from").value, toName = document.getElementById("path-to").value;
    const a = resolve(fromName), b = resolve(toName);
    if (!a || !b) {
      result.replaceChildren(el("p", { className: "message" }, "No actor named '" + (a ? toName : fromName) + "' on this graph."));
      return;
    }
    const includeUnconfirmed = document.getElementById("path-unconfirmed").checked;
    const path = findPath(a, b, includeUnconfirmed);
    if (!path) {
      result.replaceChildren(el("p", { className: "message" }, "No path between " + ENTITIES[a].label + " and " + ENTITIES[b].label + " with the relations shown."));
      highlight([], []);
      return;
    }
    const list = el("ol", { className: "hops", id: "path-hops" });
    const pathEdges = [];
    for (let i = 0; i + 1 < path.length; i++) {
      const hop = hopRelations(path[i], path[i + 1], includeUnconfirmed);
      pathEdges.push(...hop.map((r) => r.id));
      const first = hop[0];
      const item = el("li", { "data-relation": first.id }, el("strong", {}, sentence(first)), evidenceBlock(first));
      if (hop.length > 1) item.appendChild(el("div", { className: "meta" }, "+" + (hop.length - 1) + " more relations on this hop"));
      list.appendChild(item);
    }
    result.replaceChildren(el("p", { className: "meta", id: "path-summary" },
      path.map((id) => ENTITIES[id].label).join(" → ")), list);
    highlight(path, pathEdges);
    network.fit({ nodes: path, animation: false });
  });

  applyFilters();
  // A small API for tests and for users' own scripts.
  window.relgraph = { network, nodes, edges, visibleEdgeIds, findPath, resolve, focusEntity, showRelation };
})();
