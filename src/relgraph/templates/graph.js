"use strict";
// relgraph page script. Every text from the data goes into the DOM through textContent, never innerHTML.
(function () {
  const OPENED_WITH = location.hash;  // the view a link asks for, read before the page writes its own
  const DATA = JSON.parse(document.getElementById("relgraph-data").textContent);
  const NET = DATA.network;
  const ENTITIES = DATA.entities, RELATIONS = DATA.relations, SOURCES = DATA.sources;
  // Statuses come as data (relgraph/model/statuses.py): label, meaning, standing, rank and style.
  const STATUSES = DATA.statuses;
  const PHONE_OPENING_ACTORS = 8;
  const BY_RANK = Object.values(STATUSES).sort((a, b) => a.rank - b.rank);
  const EDGE_STYLE = Object.fromEntries(NET.edges.map((e) => [e.id, e]));
  // An overview (above the page size): one node per community, each expanding into its actors, or
  // a large one first into its sub-communities (export/html.py's sub_communities), each into its actors.
  const COMMUNITIES = NET.overview ? NET.overview.communities : [];
  const SUBS = COMMUNITIES.flatMap((c) => c.subs || []);
  const COMMUNITY = Object.fromEntries([...COMMUNITIES, ...SUBS].map((c) => [c.id, c]));
  const communityOf = {};  // actor id -> its innermost community's id (a sub-community's, where there are)
  for (const c of [...COMMUNITIES, ...SUBS]) for (const actor of c.actors) communityOf[actor] = c.id;
  const expanded = new Set();
  const isCommunity = (id) => Object.prototype.hasOwnProperty.call(COMMUNITY, id);
  const isLink = (id) => typeof id === "string" && id.startsWith("link:");
  const parentOf = (id) => COMMUNITY[id].parent || null;
  // A community (or sub-community) is open when it and its parent are expanded.
  const isOpen = (id) => expanded.has(id) && (!parentOf(id) || expanded.has(parentOf(id)));
  const drawnHere = (actor) => !COMMUNITIES.length || isOpen(communityOf[actor]);
  const MAIN = new Set(COMMUNITIES.length ? COMMUNITIES.map((c) => c.id) : NET.components.length ? NET.components[0] : []);
  const narrow = window.matchMedia("(max-width: 1000px)");

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
  const byId = (id) => document.getElementById(id);
  const compareIds = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

  // ---- names: exact (folded), by word, and the nearest for a misspelling --------------------
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
  const words = (text) => fold(text).split(/[^a-z0-9']+/).filter(Boolean);

  const onGraph = new Set(NET.nodes.map((n) => n.id));
  const nameIndex = new Map();
  for (const entity of Object.values(ENTITIES)) {
    if (!onGraph.has(entity.id)) continue;
    for (const name of [entity.id, entity.label, ...entity.aliases]) {
      const key = fold(name);
      if (!nameIndex.has(key)) nameIndex.set(key, new Set());
      nameIndex.get(key).add(entity.id);
    }
  }
  const datalist = byId("names");
  const names = new Set();
  for (const id of onGraph) for (const name of [ENTITIES[id].label, ...ENTITIES[id].aliases]) names.add(name);
  for (const name of [...names].sort()) datalist.appendChild(el("option", { value: name }));

  function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++) {
        row.push(Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
      }
      previous = row;
    }
    return previous[b.length];
  }

  // What a typed name means: {id} when one actor answers to it, else {candidates} (by word) or
  // {suggestions} (names within a small edit distance, nearest first), as the CLI's did-you-mean.
  function lookup(name) {
    const key = fold(name);
    if (!key) return { candidates: [], suggestions: [] };
    const exact = [...(nameIndex.get(key) || [])];
    if (exact.length === 1) return { id: exact[0] };
    const wanted = words(name);
    const candidates = [...onGraph].filter((id) => {
      const owned = [ENTITIES[id].label, ...ENTITIES[id].aliases].flatMap(words);
      return wanted.every((w) => owned.includes(w));
    }).sort(compareIds);
    if (candidates.length === 1) return { id: candidates[0] };
    const outside = candidates.length ? null : outsideMatch(name);
    if (outside) return { outside: outside, candidates: [], suggestions: [] };
    const limit = Math.max(1, Math.floor(key.length / 3));
    const scored = new Map();
    for (const [known, ids] of nameIndex) {
      const distance = editDistance(key, known);
      if (distance > limit) continue;
      for (const id of ids) if (!scored.has(id) || scored.get(id) > distance) scored.set(id, distance);
    }
    const suggestions = [...scored].sort((a, b) => a[1] - b[1] || compareIds(a[0], b[0])).slice(0, 5).map((p) => p[0]);
    return { candidates, suggestions };
  }

  // Actors of the dataset that are not on this page (an --around page or an overview): their names
  // only, so that a search for one says where it is rather than "no actor named".
  const OUTSIDE = DATA.outside ? DATA.outside.actors : {};
  const outsideIndex = new Map();
  for (const [id, owned] of Object.entries(OUTSIDE)) {
    for (const name of [id, ...owned]) {
      const key = fold(name);
      if (!outsideIndex.has(key)) outsideIndex.set(key, new Set());
      outsideIndex.get(key).add(id);
    }
  }
  function outsideMatch(name) {
    const exact = [...(outsideIndex.get(fold(name)) || [])].sort(compareIds);
    if (exact.length) return exact[0];
    const wanted = words(name);
    if (!wanted.length) return null;
    const byWord = Object.keys(OUTSIDE).filter((id) => { const owned = OUTSIDE[id].flatMap(words); return wanted.every((w) => owned.includes(w)); });
    return byWord.length === 1 ? byWord[0] : null;
  }

  // "X is not in this neighbourhood", and the command line that writes a page that has X.
  function outsideMessage(id) {
    const where = DATA.outside.kind === "overview" ? "this overview" : "this neighbourhood";
    return el("div", { className: "outside", "data-outside": id },
      el("span", {}, OUTSIDE[id][0] + " is not in " + where + ". A page that has them: "),
      el("code", {}, "relgraph html --around " + id));
  }

  function resolve(name) { return lookup(name).id || null; }

  // A message for a name that is not one actor, with its suggestions as buttons that `pick` one.
  function notFound(name, found, pick) {
    if (found.outside) return outsideMessage(found.outside);
    const box = el("div", { className: "suggestions" });
    const options = found.candidates && found.candidates.length ? found.candidates : found.suggestions || [];
    if (found.candidates && found.candidates.length) box.appendChild(el("span", {}, "'" + name + "' could be: "));
    else if (options.length) box.appendChild(el("span", {}, "No actor named '" + name + "'. Did you mean "));
    else box.appendChild(el("span", {}, "No actor named '" + name + "' on this graph."));
    options.forEach((id, i) => {
      const button = el("button", { type: "button", "data-entity": id }, ENTITIES[id].label);
      button.addEventListener("click", () => pick(id));
      box.appendChild(button);
      if (!found.candidates.length && i === options.length - 1) box.appendChild(document.createTextNode("?"));
    });
    return box;
  }

  // ---- the network: actors, and bundles of relations of one status between two actors --------
  // Drawn as the default filters leave them (everything but the contradicted statuses), so that
  // the first applyFilters() changes nothing: at 10,000 relations, updating every edge and node
  // once more costs vis-network about a second.
  const hiddenAtFirst = new Set(Object.values(STATUSES).filter((s) => s.standing === "contradicted").map((s) => s.id));
  const drawnBundles = new Map(), drawnNodes = new Map();  // id -> label ("" hidden) / hidden, as drawn
  const firstTouched = new Set(DATA.centre ? [DATA.centre] : []);
  const firstBundles = NET.bundles.map((b) => {
    const shown = drawnHere(b.from) && drawnHere(b.to) ? b.relations.filter((id) => !hiddenAtFirst.has(RELATIONS[id].status)) : [];
    if (shown.length) { firstTouched.add(b.from); firstTouched.add(b.to); }
    const label = shown.length ? bundleLabel(b, shown) : "";
    drawnBundles.set(b.id, label);
    return Object.assign({}, b, { hidden: !label, label: label });
  });
  for (const n of NET.nodes) drawnNodes.set(n.id, !firstTouched.has(n.id));
  const nodes = new vis.DataSet(NET.nodes.map((n) => Object.assign({}, n, { hidden: drawnNodes.get(n.id),
    font: Object.assign({ color: "#111827" }, n.font) })));
  const edges = new vis.DataSet(firstBundles);
  // A community: a grey disc about the size its actors take when expanded, labelled by its
  // best-connected members; a link between two: the number of relations between them.
  nodes.add(COMMUNITIES.map((c) => ({ id: c.id, label: c.label, shape: "dot", size: c.size, x: c.x, y: c.y, borderWidth: 2,
    color: { background: "#e5e7eb", border: "#374151" }, title: c.label + ": " + c.members + " actors, " + c.relations + " relations inside",
    // Its label grows with the disc when zoomed out, but is never drawn larger than COMMUNITY_LABEL_PX.
    font: { size: Math.round(Math.max(14, c.size * 0.4)), color: "#111827" } })));
  nodes.add(SUBS.map((c) => ({ id: c.id, label: c.label, shape: "dot", size: c.size, x: c.x, y: c.y, borderWidth: 2, hidden: true,
    color: { background: "#f3f4f6", border: "#374151" }, shapeProperties: { borderDashes: [4, 3] },
    title: c.label + ": " + c.members + " actors, " + c.relations + " relations inside",
    font: { size: Math.round(Math.max(13, c.size * 0.4)), color: "#111827" } })));
  const LINKS = NET.overview ? NET.overview.community_links : [];
  edges.add(LINKS.map((l) => ({ id: "link:" + l.from + "|" + l.to, from: l.from, to: l.to, label: l.relations.toLocaleString("en"),
    width: Math.round(10 * (0.5 + Math.log2(l.relations) / 2)) / 10, color: { color: "#6b7280", inherit: false, opacity: 0.6 },
    smooth: { enabled: false }, font: { size: 14 }, arrows: { to: { enabled: false } } })));
  const bundleOf = {};
  for (const b of NET.bundles) for (const r of b.relations) bundleOf[r] = b.id;
  const container = byId("network");
  // Actors' labels are drawn by placeLabels() below, not by vis-network, which draws every label
  // over every other: a threshold it never reaches turns its own off.
  const LABEL_THRESHOLD = NET.options.nodes.scaling.label.drawThreshold;  // px on screen below which no label is drawn
  const visOptions = JSON.parse(JSON.stringify(NET.options));
  visOptions.nodes.scaling.label.drawThreshold = 1e9;
  visOptions.edges.scaling.label.drawThreshold = 1e9;  // relation labels too: they give way to actors' (placeLabels)
  // The renderer the build chose (export/renderers.py): vis-network, or sigma.js (WebGL) for large pages.
  const made = relgraphRenderers.create(DATA.renderer, container, nodes, edges, visOptions);
  const network = made.renderer;
  if (made.fallback) {
    const note = byId("renderer-note");
    note.textContent = "This page would be drawn with WebGL (sigma.js), but " + made.fallback +
      ": it is drawn with vis-network's canvas instead.";
    note.hidden = false;
  }

  // ---- labels: most important first; one that would overlap a label already placed is not drawn --
  // Importance: communities by members, the centre, then actors by their number of relations; a
  // highlighted actor (focus, path) before a faded one. The boxes are kept (relgraph.labels()) for
  // the SVG export and the tests.
  const COMMUNITY_LABEL_PX = 20;
  const LABEL_ORDER = [...COMMUNITIES.map((c) => c.id), ...SUBS.map((c) => c.id), ...(DATA.centre ? [DATA.centre] : []),
    ...NET.nodes.filter((n) => n.id !== DATA.centre).sort((a, b) => b.degree - a.degree || compareIds(a.id, b.id)).map((n) => n.id)];
  const LABEL_CELL = 96;  // px: the grid that finds a box's possible overlaps
  const measure = document.createElement("canvas").getContext("2d");
  const widths = new Map();
  function textWidth(text, face, px) {
    const key = face + "\u0001" + text;
    if (!widths.has(key)) { measure.font = "100px " + face; widths.set(key, measure.measureText(text).width); }
    return widths.get(key) * px / 100;
  }
  const overlaps = (p, q) => p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h;
  let placedLabels = [], skippedLabels = [];  // the last drawing's labels, and those left out (with the label in their way)

  const PINNED_LABEL_PX = 13;  // the pinned actor is labelled at least this large, at any zoom
  function labelBox(id, scale, view, isPinned) {
    const body = network.node(id);
    if (!body || body.hidden || !body.label) return null;
    let px = body.fontSize * scale;
    if (isCommunity(id)) px = Math.min(px, COMMUNITY_LABEL_PX);
    if (isPinned) px = Math.max(px, PINNED_LABEL_PX);
    if (px < LABEL_THRESHOLD) return null;
    const w = textWidth(body.label, body.face, px);
    // Under the symbol, centred, as vis-network places a label.
    return { id: id, x: body.x * scale + view.x - w / 2, y: (body.y + body.size) * scale + view.y + 2, w: w, h: Math.ceil(px * 1.15), px: px,
             faded: body.opacity !== undefined && body.opacity < 1 };
  }

  function placeLabels() {
    const view = network.transform(), scale = view.scale;
    const width = container.clientWidth, height = container.clientHeight;
    const grid = new Map(), placed = [], skipped = [];
    // The pinned actor, or the ends of the pinned relation, come first; then the rest, faded last.
    const first = new Set(!pinned ? [] : pinned.kind === "node" ? [pinned.id] : pinned.kind === "relation" ?
      [RELATIONS[pinned.id].from, RELATIONS[pinned.id].to] : pinned.kind === "bundle" ? [edges.get(pinned.id).from, edges.get(pinned.id).to] : []);
    // A label cut by the edge of the view is left out (it would read as another name), the pinned one's too.
    const candidates = LABEL_ORDER.map((id) => labelBox(id, scale, view, first.has(id))).filter((box) => box &&
      box.x >= 0 && box.x + box.w <= width && box.y >= 0 && box.y + box.h <= height);
    const ordered = [...candidates.filter((b) => first.has(b.id)), ...candidates.filter((b) => !first.has(b.id) && !b.faded),
                     ...candidates.filter((b) => !first.has(b.id) && b.faded)];
    const place = (box, into, left) => {
      const cells = [];
      for (let gx = Math.floor(box.x / LABEL_CELL); gx <= Math.floor((box.x + box.w) / LABEL_CELL); gx++) {
        for (let gy = Math.floor(box.y / LABEL_CELL); gy <= Math.floor((box.y + box.h) / LABEL_CELL); gy++) cells.push(gx + "," + gy);
      }
      const over = cells.map((cell) => (grid.get(cell) || []).find((other) => overlaps(box, other))).find(Boolean);
      if (over) { left.push(Object.assign({ by: over.id }, box)); return; }
      for (const cell of cells) { if (!grid.has(cell)) grid.set(cell, []); grid.get(cell).push(box); }
      into.push(box);
    };
    for (const box of ordered) place(box, placed, skipped);
    // Relation labels come after every actor's, so they give way to actors' labels (and to one another).
    const relations = [], relationsSkipped = [];
    for (const box of relationBoxes(scale, view, width, height)) place(box, relations, relationsSkipped);
    placedLabels = placed;
    skippedLabels = skipped;
    placedRelationLabels = relations;
    skippedRelationLabels = relationsSkipped;
    return placed;
  }

  // A drawn bundle's label (its predicate, or its count) at the middle of its line, as vis-network
  // placed it, when it is at least the edges' drawThreshold px on screen; the pinned bundle's first.
  const RELATION_FONT = NET.options.edges.font.size, RELATION_THRESHOLD = NET.options.edges.scaling.label.drawThreshold;
  const LINK_FONT = 14;
  const BUNDLES = Object.fromEntries(NET.bundles.map((b) => [b.id, b]));
  let placedRelationLabels = [], skippedRelationLabels = [], fadedBundles = new Set();
  function relationBoxes(scale, view, width, height) {
    const shown = [];
    if (RELATION_FONT * scale >= RELATION_THRESHOLD) {
      for (const [id, label] of drawnBundles) if (label) shown.push([id, label, RELATION_FONT]);
    }
    if (LINK_FONT * scale >= RELATION_THRESHOLD) {
      for (const l of LINKS) if (!expanded.has(l.from) && !expanded.has(l.to)) shown.push(["link:" + l.from + "|" + l.to, l.relations.toLocaleString("en"), LINK_FONT]);
    }
    const pinnedBundle = pinned && pinned.kind === "bundle" ? pinned.id : pinned && pinned.kind === "relation" ? bundleOf[pinned.id] : null;
    const boxes = [];
    for (const [id, label, size] of shown) {
      const ends = BUNDLES[id] || { from: id.slice(5).split("|")[0], to: id.slice(5).split("|")[1] };
      const a = network.node(ends.from), b = network.node(ends.to);
      if (!a || !b || a.hidden || b.hidden) continue;
      const middle = network.edgeMiddle(id, a, b, scale);
      const cx = middle.x * scale + view.x, cy = middle.y * scale + view.y;
      if (cx < 0 || cy < 0 || cx > width || cy > height) continue;  // off screen: not measured
      const px = size * scale, w = textWidth(label, "arial", px), h = Math.ceil(px * 1.15);
      const x = cx - w / 2, y = cy - h / 2;
      if (x < 0 || y < 0 || x + w > width || y + h > height) continue;
      boxes.push({ id: id, text: label, x: x, y: y, w: w, h: h, px: px, faded: fadedBundles.has(id) });
    }
    const first = boxes.filter((box) => box.id === pinnedBundle);
    return [...first, ...boxes.filter((box) => box.id !== pinnedBundle && !box.faded), ...boxes.filter((box) => box.id !== pinnedBundle && box.faded)];
  }

  const labelData = (b) => Object.assign({ id: b.id, x: b.x, y: b.y, w: b.w, h: b.h, px: b.px }, b.by ? { by: b.by } : {});
  const FADED_TEXT = "#d1d5db";

  network.on("afterDrawing", (context) => {
    const ratio = network.pixelRatio();
    context.save();
    context.setTransform(ratio, 0, 0, ratio, 0, 0);  // CSS px, as the boxes are measured
    context.textBaseline = "top";
    context.textAlign = "left";
    context.lineJoin = "round";
    const actorLabels = placeLabels();
    context.textAlign = "center";
    for (const box of placedRelationLabels) {
      context.font = box.px + "px arial";
      context.lineWidth = Math.max(2, box.px / 3);
      context.strokeStyle = "#ffffff";
      context.strokeText(box.text, box.x + box.w / 2, box.y);
      context.fillStyle = box.faded ? FADED_TEXT : "#111827";
      context.fillText(box.text, box.x + box.w / 2, box.y);
    }
    context.textAlign = "left";
    for (const box of actorLabels) {
      const body = network.node(box.id);
      context.font = box.px + "px " + body.face;
      context.lineWidth = Math.max(2, box.px / 4);
      context.strokeStyle = "#ffffff";
      context.strokeText(body.label, box.x, box.y);
      context.fillStyle = body.color || "#111827";
      context.fillText(body.label, box.x, box.y);
    }
    context.restore();
  });

  function fitMain() {
    const ids = [...MAIN].filter((id) => !nodes.get(id).hidden);
    network.fit({ nodes: ids.length ? ids : nodes.getIds(), animation: false });
  }

  // ---- filters -------------------------------------------------------------------------
  const contradicted = BY_RANK.filter((s) => s.standing === "contradicted").map((s) => s.id);
  const filters = { sources: new Set(Object.keys(SOURCES)), categories: new Set(Object.keys(DATA.legend.categories)),
                    statuses: new Set(BY_RANK.map((s) => s.id).filter((s) => !contradicted.includes(s))),
                    from: "", to: "", undated: true };
  let visible = new Set();

  function checkboxes(fieldsetId, values, labelOf, set) {
    const fieldset = byId(fieldsetId);
    for (const value of values) {
      const box = el("input", { type: "checkbox", value: value, "data-filter": fieldsetId });
      box.checked = set.has(value);
      box.addEventListener("change", () => { if (box.checked) set.add(value); else set.delete(value); applyFilters(); });
      fieldset.appendChild(el("label", {}, box, " " + labelOf(value)));
    }
  }
  checkboxes("filter-sources", Object.keys(SOURCES).sort((a, b) => SOURCES[a].date.localeCompare(SOURCES[b].date)),
             (id) => SOURCES[id].title + " (" + SOURCES[id].date + ")", filters.sources);
  checkboxes("filter-categories", Object.keys(DATA.legend.categories), (c) => c.replace(/-/g, " "), filters.categories);
  checkboxes("filter-statuses", BY_RANK.map((s) => s.id), (s) => STATUSES[s].label, filters.statuses);

  // ---- dates: the typed bounds and the slider over the dated range -----------------------------
  // A partial date counts by its bounds: "2023" runs from 2023-01-01 to 2023-12-31, "2023-05" over
  // May; a relation is shown when its span meets the chosen range (lexical order is date order here).
  const DATE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;
  const lowerBound = (date) => (date + "-01-01").slice(0, 10);
  const upperBound = (date) => (date.length === 4 ? date + "-12-31" : date.length === 7 ? date + "-31" : date);
  const monthIndex = (date) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
  const monthText = (index) => Math.floor(index / 12) + "-" + String(index % 12 + 1).padStart(2, "0");
  const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  const monthWords = (index) => MONTH_NAMES[index % 12] + " " + Math.floor(index / 12);
  const spans = {};  // relation id -> [first day, last day], or null when undated
  for (const relation of Object.values(RELATIONS)) {
    spans[relation.id] = relation.date ? [lowerBound(relation.date), upperBound(relation.end_date || relation.date)] : null;
  }
  const dated = Object.values(spans).filter(Boolean);
  // The slider's months: from the earliest first day to the latest last day of a dated relation.
  const FIRST_MONTH = dated.length ? Math.min(...dated.map((s) => monthIndex(s[0]))) : 0;
  const LAST_MONTH = dated.length ? Math.max(...dated.map((s) => monthIndex(s[1]))) : 0;
  const sliderFrom = byId("date-slider-from"), sliderTo = byId("date-slider-to");
  for (const slider of [sliderFrom, sliderTo]) { slider.min = "0"; slider.max = String(LAST_MONTH - FIRST_MONTH); }
  if (!dated.length) byId("date-range").hidden = true;

  function readDates() {
    const problems = [];
    for (const [id, key, word] of [["date-from", "from", "from"], ["date-to", "to", "to"]]) {
      const input = byId(id), text = input.value.trim();
      const ok = text === "" || DATE.test(text);
      input.setAttribute("aria-invalid", ok ? "false" : "true");
      if (ok) filters[key] = text;
      else problems.push("'" + text + "' is not a date (" + word + "): write YYYY, YYYY-MM or YYYY-MM-DD.");
    }
    if (!problems.length && filters.from && filters.to && upperBound(filters.to) < lowerBound(filters.from)) {
      problems.push("The 'to' date " + filters.to + " is before the 'from' date " + filters.from + ".");
    }
    byId("date-message").textContent = problems.join(" ");
    placeSlider();
  }

  // The handles show the filter's bounds (a typed day sits on its month); an open bound sits at its end.
  function placeSlider() {
    const top = LAST_MONTH - FIRST_MONTH;
    const clamp = (value) => Math.max(0, Math.min(top, value));
    sliderFrom.value = String(filters.from ? clamp(monthIndex(lowerBound(filters.from)) - FIRST_MONTH) : 0);
    sliderTo.value = String(filters.to ? clamp(monthIndex(upperBound(filters.to)) - FIRST_MONTH) : top);
    drawSlider();
  }

  function drawSlider() {
    const top = LAST_MONTH - FIRST_MONTH, from = Number(sliderFrom.value), to = Number(sliderTo.value);
    sliderFrom.setAttribute("aria-valuetext", from === 0 ? "from the first dated relation, " + monthWords(FIRST_MONTH) : "from " + monthWords(FIRST_MONTH + from));
    sliderTo.setAttribute("aria-valuetext", to === top ? "to the last dated relation, " + monthWords(LAST_MONTH) : "to " + monthWords(FIRST_MONTH + to));
    // The handle nearer the right end lies on top, so that two handles on one month can both be moved.
    sliderFrom.style.zIndex = from > top / 2 ? "3" : "2";
    const selected = byId("date-range-selected");
    selected.style.left = (top ? 100 * from / top : 0) + "%";
    selected.style.right = (top ? 100 - 100 * to / top : 0) + "%";
    byId("date-range-label").textContent = monthWords(FIRST_MONTH + Math.min(from, to)) + " – " + monthWords(FIRST_MONTH + Math.max(from, to));
  }

  // The bars behind the slider: the dated relations that meet each month (drawn once, for orientation).
  function drawHistogram() {
    const months = LAST_MONTH - FIRST_MONTH + 1, counts = new Array(months).fill(0);
    for (const [first, last] of dated) for (let m = monthIndex(first); m <= monthIndex(last); m++) counts[m - FIRST_MONTH]++;
    const svg = byId("date-histogram"), highest = Math.max(1, ...counts);
    svg.setAttribute("viewBox", "0 0 " + months + " 100");
    counts.forEach((count, i) => {
      if (!count) return;
      const height = Math.max(6, 100 * count / highest);
      svg.appendChild(svgElement("rect", { x: i, y: 100 - height, width: 1, height: height, fill: "#6b7280" }));
    });
  }

  let filterFrame = 0;  // one applyFilters per frame while a handle is dragged (at 10,000 relations each costs tens of ms)
  function filterSoon() {
    if (!filterFrame) filterFrame = requestAnimationFrame(() => { filterFrame = 0; applyFilters(); });
  }
  function slide(moved) {
    const top = LAST_MONTH - FIRST_MONTH;
    if (Number(sliderFrom.value) > Number(sliderTo.value)) (moved === sliderFrom ? sliderFrom : sliderTo).value = (moved === sliderFrom ? sliderTo : sliderFrom).value;
    const from = Number(sliderFrom.value), to = Number(sliderTo.value);
    byId("date-from").value = from === 0 ? "" : monthText(FIRST_MONTH + from);
    byId("date-to").value = to === top ? "" : monthText(FIRST_MONTH + to);
    readDates();
    filterSoon();
  }
  sliderFrom.addEventListener("input", () => slide(sliderFrom));
  sliderTo.addEventListener("input", () => slide(sliderTo));
  for (const id of ["date-from", "date-to"]) byId(id).addEventListener("input", () => { readDates(); applyFilters(); });
  byId("date-undated").addEventListener("change", (event) => { filters.undated = event.target.checked; applyFilters(); });

  function relationVisible(relation) {
    if (!filters.sources.has(relation.source_id) || !filters.categories.has(relation.category) ||
        !filters.statuses.has(relation.status)) return false;
    const span = spans[relation.id];
    if (!span) return filters.undated;
    if (filters.from && span[1] < lowerBound(filters.from)) return false;
    if (filters.to && span[0] > upperBound(filters.to)) return false;
    return true;
  }

  function bundleLabel(bundle, shown) {
    const status = STATUSES[bundle.status];
    if (shown.length === 1) return EDGE_STYLE[shown[0]].label;
    return ((status.style.marker ? status.style.marker + " " : "") + shown.length + " " + status.label).trim();
  }

  function applyFilters() {
    visible = new Set(Object.keys(RELATIONS).filter((id) => relationVisible(RELATIONS[id])));
    const touched = new Set(DATA.centre ? [DATA.centre] : []);
    const bundleChanges = [], nodeChanges = [];
    for (const b of NET.bundles) {
      const shown = drawnHere(b.from) && drawnHere(b.to) ? b.relations.filter((id) => visible.has(id)) : [];
      if (shown.length) { touched.add(b.from); touched.add(b.to); }
      const label = shown.length ? bundleLabel(b, shown) : "";
      if (drawnBundles.get(b.id) !== label) { drawnBundles.set(b.id, label); bundleChanges.push({ id: b.id, hidden: !label, label: label }); }
    }
    // An actor left without a visible relation leaves the graph with it.
    for (const n of NET.nodes) {
      const hidden = !touched.has(n.id);
      if (drawnNodes.get(n.id) !== hidden) { drawnNodes.set(n.id, hidden); nodeChanges.push({ id: n.id, hidden: hidden }); }
    }
    if (bundleChanges.length) edges.update(bundleChanges);  // only what changed: vis-network redraws per update
    if (nodeChanges.length) nodes.update(nodeChanges);
    syncContradictedToggle();
    updateCounts();
    markPathStale();
    if (tableOpen) renderTable();
    stateChanged();
  }

  function visibleRelationIds() { return Object.keys(RELATIONS).filter((id) => visible.has(id)).sort(compareIds); }
  function visibleNodeIds() { return nodes.getIds().filter((id) => onGraph.has(id) && !nodes.get(id).hidden).sort(compareIds); }

  function updateCounts() {
    byId("counts").textContent = (COMMUNITIES.length ? COMMUNITIES.filter((c) => expanded.has(c.id)).length + " of " + COMMUNITIES.length + " communities expanded · " : "") + visibleNodeIds().length + " of " + NET.nodes.length + " actors · " +
      visible.size + " of " + Object.keys(RELATIONS).length + " relations shown";
  }

  // ---- the key: each status drawn as the graph draws it, its meaning, and the toggle ---------
  function statusSample(status) {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("width", "28"); svg.setAttribute("height", "10"); svg.setAttribute("class", "status-sample");
    svg.setAttribute("aria-hidden", "true");
    const line = document.createElementNS("http://www.w3.org/2000/svg", "line");
    for (const [k, v] of [["x1", 1], ["y1", 5], ["x2", 27], ["y2", 5]]) line.setAttribute(k, String(v));
    line.setAttribute("stroke", status.style.color);
    line.setAttribute("stroke-width", String(Math.max(2, status.style.width)));
    if (status.style.dashes) line.setAttribute("stroke-dasharray", status.style.dashes.join(" "));
    svg.appendChild(line);
    return svg;
  }
  const legend = byId("legend");
  for (const status of BY_RANK) {
    legend.appendChild(el("div", { className: "legend-row legend-status", "data-status": status.id, title: status.meaning },
      statusSample(status), (status.style.marker ? status.style.marker + " " : "") + status.label));
    legend.appendChild(el("div", { className: "legend-meaning" }, status.meaning));
  }
  // The symbol the graph draws for a type: its shape, colour and (for shared shapes) dashed outline.
  const SHAPES = {
    dot: "<circle cx='8' cy='8' r='6'/>", square: "<rect x='2' y='2' width='12' height='12'/>",
    diamond: "<polygon points='8,1 15,8 8,15 1,8'/>", triangle: "<polygon points='8,1 15,14 1,14'/>",
    triangleDown: "<polygon points='1,2 15,2 8,15'/>", hexagon: "<polygon points='4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8'/>",
    star: "<polygon points='8,0.5 10,6 15.5,6 11,9.5 12.8,15 8,11.7 3.2,15 5,9.5 0.5,6 6,6'/>",
  };
  function typeSample(style) {
    const svg = new DOMParser().parseFromString("<svg xmlns='http://www.w3.org/2000/svg' width='16' height='16' aria-hidden='true'>" +
      SHAPES[style.shape] + "</svg>", "image/svg+xml").documentElement;
    const shape = svg.firstElementChild;
    shape.setAttribute("fill", style.dashed ? "#ffffff" : style.color);
    shape.setAttribute("stroke", style.color);
    shape.setAttribute("stroke-width", style.dashed ? "2" : "1");
    if (style.dashed) shape.setAttribute("stroke-dasharray", "3 2");
    return document.importNode(svg, true);
  }
  for (const [type, style] of Object.entries(DATA.legend.types)) {
    legend.appendChild(el("div", { className: "legend-row legend-type", "data-type": type }, typeSample(style),
      type.replace(/-/g, " ") + (style.dashed ? " (dashed outline)" : "")));
  }
  for (const [category, color] of Object.entries(DATA.legend.categories)) {
    const line = el("span", { className: "line" });
    line.style.borderTopColor = color;
    legend.appendChild(el("div", { className: "legend-row" }, line, category.replace(/-/g, " ")));
  }
  legend.appendChild(el("div", { className: "legend-row" }, "→ direction; no arrow: symmetric; a number: that many relations"));

  // The key's one-line gist of a meaning: up to its first bracket or stop, at most ~64 characters.
  function brief(meaning) {
    let text = meaning.split(/ \(|[.;]/)[0];
    if (text.length > 64) text = text.slice(0, 64).replace(/[ ,]+\S*$/, "") + "…";
    return text;
  }
  const keyRows = byId("status-rows");
  for (const status of BY_RANK) {
    keyRows.appendChild(el("div", { className: "legend-row key-status", "data-status": status.id, title: status.meaning },
      statusSample(status), el("strong", {}, (status.style.marker ? status.style.marker + " " : "") + status.label),
      el("span", { className: "key-meaning" }, brief(status.meaning))));
  }
  byId("contradicted-label").textContent = "Show what sources say did not happen or deny (" +
    contradicted.map((s) => STATUSES[s].label).join(", ") + "): hidden by default";
  const contradictedToggle = byId("show-contradicted");
  function syncContradictedToggle() {
    contradictedToggle.checked = contradicted.every((s) => filters.statuses.has(s));
    for (const box of document.querySelectorAll("#filter-statuses input")) box.checked = filters.statuses.has(box.value);
  }
  contradictedToggle.addEventListener("change", () => {
    for (const s of contradicted) { if (contradictedToggle.checked) filters.statuses.add(s); else filters.statuses.delete(s); }
    applyFilters();
  });
  if (narrow.matches) byId("status-key").open = false;

  // ---- drawers (phones and tablets) ----------------------------------------------------------
  function setDrawer(name, open) {
    for (const button of document.querySelectorAll("#tabs button")) {
      const mine = button.dataset.drawer === name;
      const isOpen = mine ? open : false;
      button.setAttribute("aria-expanded", String(isOpen));
      byId(button.dataset.drawer).classList.toggle("open", isOpen);
    }
  }
  for (const button of document.querySelectorAll("#tabs button")) {
    button.addEventListener("click", () => setDrawer(button.dataset.drawer, button.getAttribute("aria-expanded") !== "true"));
  }
  function revealCard() { if (narrow.matches) setDrawer("card", true); }

  // ---- cards ---------------------------------------------------------------------------
  const card = byId("card");

  function statusText(relation) {
    let text = STATUSES[relation.status].label;
    if (relation.reported_by && ENTITIES[relation.reported_by]) text += " by " + ENTITIES[relation.reported_by].label;
    if (relation.denied_by && ENTITIES[relation.denied_by]) text += ", denied by " + ENTITIES[relation.denied_by].label;
    return text;
  }

  function statusBadge(relation) {
    const status = STATUSES[relation.status];
    const badge = el("span", { className: "status", "data-status": relation.status, title: status.meaning },
      (status.style.marker ? status.style.marker + " " : "") + statusText(relation));
    badge.style.borderColor = status.style.color;
    return badge;
  }

  function sentence(relation) {
    return ENTITIES[relation.from].label + " —" + relation.label + "→ " + ENTITIES[relation.to].label;
  }

  function sourceLine(source) {
    const parts = [];
    if (source.author) parts.push("by " + source.author);
    if (source.publisher) parts.push(source.publisher);
    if (source.original_publisher) parts.push("first published by " + source.original_publisher);
    if (!source.publisher && !source.original_publisher) parts.push("publisher not named");
    parts.push(source.genre);
    parts.push("published " + source.date);
    return parts.join(" · ");
  }

  // The article's address and its archived copy, when the source records them: links the reader
  // follows to check the quote (opened in a new tab, telling the site nothing of this page).
  function sourceLinks(source) {
    const found = [["url", "Article"], ["archive_url", "Archived copy"]].filter(([key]) => source[key] && /^https?:\/\//.test(source[key]));
    if (!found.length) return null;
    const line = el("div", { className: "meta source-links" });
    found.forEach(([key, word], i) => {
      const link = el("a", { rel: "noopener noreferrer", target: "_blank", className: "source-" + key.replace("_", "-") }, word + ": " + source[key]);
      link.href = source[key];
      if (i) line.appendChild(document.createTextNode(" · "));
      line.appendChild(link);
    });
    return line;
  }

  // The quote's paragraph of its article, with the quote marked.
  function contextBlock(relation) {
    const where = (DATA.contexts || {})[relation.id];
    if (!where) return null;
    const text = DATA.paragraphs[where.paragraph];
    const box = el("div", { className: "context", "aria-label": "The quote in its paragraph" });
    if (!where.quote) { box.appendChild(document.createTextNode(text)); return box; }
    const [start, end] = where.quote;
    box.append(text.slice(0, start), el("mark", {}, text.slice(start, end)), text.slice(end));
    return box;
  }

  function evidenceBlock(relation, full) {
    const source = SOURCES[relation.source_id];
    const block = el("div", { className: "evidence", "data-relation": relation.id },
      el("div", {}, statusBadge(relation), relation.date ? " dated " + relation.date + (relation.end_date ? " to " + relation.end_date : "") : " undated"),
      el("blockquote", { className: "quote" }, relation.quote));
    if (full) {
      const context = contextBlock(relation);
      if (context) block.appendChild(el("details", { className: "in-article", open: "" }, el("summary", {}, "In the article"), context));
    }
    block.appendChild(el("div", { className: "meta source-title" }, source.title));
    block.appendChild(el("div", { className: "meta source-line" }, sourceLine(source)));
    const links = sourceLinks(source);
    if (links) block.appendChild(links);
    if (relation.anchor) {
      block.appendChild(el("div", { className: "meta anchor" }, source.file + ": line " + relation.anchor.line +
        ", paragraph " + relation.anchor.paragraph + ", characters " + relation.anchor.start + "–" + relation.anchor.end));
    }
    for (const figure of relation.figures) {
      block.appendChild(el("div", { className: "meta figure" }, figure.measure + ": " + figure.value.toLocaleString("en") + " " + figure.unit));
    }
    if (relation.note) block.appendChild(el("div", { className: "meta note" }, "Note: " + relation.note));
    return block;
  }

  function relationLink(relation) {
    const link = el("button", { type: "button", className: "relation-link", "data-relation": relation.id },
      sentence(relation) + (relation.status === BY_RANK[0].id ? "" : " [" + statusText(relation) + "]"));
    link.addEventListener("click", () => selectRelation(relation.id));
    return link;
  }

  function relationItem(relation) {
    const source = SOURCES[relation.source_id];
    const quote = relation.quote.length > 140 ? relation.quote.slice(0, 139) + "…" : relation.quote;
    return el("div", { className: "relation-item" }, relationLink(relation),
      el("div", { className: "meta" }, source.title + " · " + sourceLine(source) + (relation.date ? " · dated " + relation.date : "")),
      el("div", { className: "meta" }, "“" + quote + "”"));
  }

  // `relgraph show`: the actor, then its relations grouped by predicate, each with its evidence.
  function showEntity(id) {
    const entity = ENTITIES[id];
    card.replaceChildren(
      el("p", { className: "card-title", id: "card-entity" }, entity.label),
      el("div", { className: "card-type" }, entity.type.replace(/-/g, " ") + (id === DATA.centre ? " · centre of this page" : "")),
      el("p", {}, entity.description));
    if (entity.aliases.length) card.appendChild(el("p", { className: "meta" }, "Also: " + entity.aliases.join(", ")));
    if (entity.wikidata) {
      const link = el("a", { rel: "noopener noreferrer", target: "_blank" }, "Wikidata " + entity.wikidata);
      link.href = "https://www.wikidata.org/wiki/" + encodeURIComponent(entity.wikidata);
      card.appendChild(el("p", {}, link));
    }
    const mine = Object.values(RELATIONS).filter((r) => [r.from, r.to, r.reported_by, r.denied_by].includes(id));
    const shown = mine.filter((r) => visible.has(r.id));
    card.appendChild(el("p", { className: "meta", id: "card-count" }, shown.length + " relation" + (shown.length === 1 ? "" : "s") +
      " shown" + (mine.length > shown.length ? "; " + (mine.length - shown.length) + " more hidden by the filters" : "")));
    if (NET.overview) {
      const all = NET.overview.degree[id] || 0;
      card.appendChild(el("p", { className: "meta overview-count" }, "This overview holds " + (mine.length) + " of its " + all +
        " relations; `relgraph html --around " + id + "` writes a page with all of them."));
    }
    const groups = new Map();
    for (const r of shown) { if (!groups.has(r.predicate)) groups.set(r.predicate, []); groups.get(r.predicate).push(r); }
    for (const predicate of [...groups.keys()].sort(compareIds)) {
      const list = groups.get(predicate).sort((a, b) => (a.date || "").localeCompare(b.date || "") || compareIds(a.id, b.id));
      const section = el("section", { className: "predicate-group", "data-predicate": predicate },
        el("h2", {}, list[0].label + " (" + list[0].category.replace(/-/g, " ") + ")"));
      for (const r of list) section.appendChild(relationItem(r));
      card.appendChild(section);
    }
  }

  function showRelation(id) {
    const relation = RELATIONS[id];
    // The same claim (subject, predicate, object) in other statements, whatever their source.
    const others = Object.values(RELATIONS).filter((r) => r.claim === relation.claim && r.id !== relation.id);
    card.replaceChildren(
      el("p", { className: "card-title", id: "card-relation" }, sentence(relation)),
      el("div", { className: "card-type" }, relation.category.replace(/-/g, " ") + " · " + relation.polarity),
      evidenceBlock(relation, true));
    if (!others.length) return;
    const differs = others.some((r) => r.status !== relation.status);
    card.appendChild(el("h2", {}, differs ? "The sources differ on this claim" : "Also stated in"));
    const statements = differs ? [relation, ...others].sort((a, b) => STATUSES[a.status].rank - STATUSES[b.status].rank) : others;
    const grid = el("div", { className: differs ? "claim-compare" : "also", id: "claim-statements" });
    for (const other of statements) grid.appendChild(evidenceBlock(other, false));
    card.appendChild(grid);
  }

  function showBundle(bundleId) {
    const bundle = edges.get(bundleId);
    const shown = bundle.relations.filter((id) => visible.has(id)).map((id) => RELATIONS[id]);
    card.replaceChildren(
      el("p", { className: "card-title", id: "card-bundle" }, ENTITIES[bundle.from].label + " · " + ENTITIES[bundle.to].label),
      el("div", { className: "card-type" }, shown.length + " " + STATUSES[bundle.status].label + " relations; choose one for its evidence"));
    for (const r of shown) card.appendChild(relationItem(r));
  }

  // ---- selection: a click pins its card; hovering shows cards only while nothing is pinned ------
  let pinned = null;
  const FADED = "#d1d5db";

  function highlight(nodeIds, bundleIds) {
    const keepNodes = new Set(nodeIds), keepEdges = new Set(bundleIds);
    const all = keepNodes.size === 0 && keepEdges.size === 0;
    fadedBundles = new Set(all ? [] : NET.bundles.filter((b) => !keepEdges.has(b.id)).map((b) => b.id));
    // sigma.js fades in its own graph (one pass, a few ms at 10,000); vis-network through its DataSets.
    if (network.highlight) { network.highlight(all ? null : keepNodes, all ? null : keepEdges); return; }
    nodes.update(NET.nodes.map((n) => ({ id: n.id, opacity: all || keepNodes.has(n.id) ? 1 : 0.2,
      font: { size: n.font.size, color: all || keepNodes.has(n.id) ? "#111827" : FADED } })));
    edges.update(NET.bundles.map((b) => ({ id: b.id,
      color: { color: b.color.color, inherit: false, opacity: all || keepEdges.has(b.id) ? 1 : 0.12 },
      font: { color: all || keepEdges.has(b.id) ? "#111827" : FADED },
      width: !all && keepEdges.has(b.id) ? b.width + 1.5 : b.width })));
  }

  function neighbours(id) {
    const around = new Set([id]), through = [];
    for (const b of NET.bundles) {
      if ((b.from === id || b.to === id) && !edges.get(b.id).hidden) { through.push(b.id); around.add(b.from); around.add(b.to); }
    }
    return { nodes: [...around], bundles: through };
  }

  function fitTo(nodeIds) {
    network.fit({ nodes: nodeIds, animation: false });
    if (network.getScale() > 1.3) network.moveTo({ scale: 1.3, animation: false });
  }

  function focusEntity(id) {
    if (!drawnHere(id)) setExpanded(communityOf[id], true);
    const near = neighbours(id);
    highlight(near.nodes, near.bundles);
    network.setSelection({ nodes: [id], edges: [] });
    fitTo(near.nodes);
    pinned = { kind: "node", id: id };
    showEntity(id);
    revealCard();
    stateChanged();
  }

  function selectRelation(id) {
    if (!drawnHere(RELATIONS[id].from)) setExpanded(communityOf[RELATIONS[id].from], true);
    const bundle = bundleOf[id];
    network.setSelection({ nodes: [], edges: [bundle] });
    highlight([RELATIONS[id].from, RELATIONS[id].to], [bundle]);
    pinned = { kind: "relation", id: id };
    showRelation(id);
    revealCard();
    stateChanged();
  }

  function selectBundle(bundleId) {
    const shown = edges.get(bundleId).relations.filter((id) => visible.has(id));
    if (shown.length === 1) { selectRelation(shown[0]); return; }
    network.setSelection({ nodes: [], edges: [bundleId] });
    highlight([edges.get(bundleId).from, edges.get(bundleId).to], [bundleId]);
    pinned = { kind: "bundle", id: bundleId };
    showBundle(bundleId);
    revealCard();
    stateChanged();
  }

  function clearSelection() {
    pinned = null;
    network.unselectAll();
    highlight([], []);
    card.replaceChildren(el("p", { className: "hint" }, "Click an actor or a relation to see its card and evidence."));
    stateChanged();
  }

  // ---- communities (an overview): expand one into its actors, collapse it back ------------------
  function setExpanded(id, open) {
    if (open && parentOf(id)) setExpanded(parentOf(id), true);  // a sub-community opens inside its community
    if (expanded.has(id) === open) return;
    if (open) expanded.add(id); else expanded.delete(id);
    // Closing a community closes its sub-communities too.
    if (!open) for (const sub of COMMUNITY[id].subs || []) expanded.delete(sub.id);
    // An expanded community gives its place to its actors, or to its sub-communities; its links go while it is open.
    const group = parentOf(id) ? COMMUNITY[parentOf(id)] : COMMUNITY[id];
    nodes.update([group, ...(group.subs || [])].map((c) => ({ id: c.id,
      hidden: c.parent ? !expanded.has(c.parent) || expanded.has(c.id) : expanded.has(c.id) })));
    edges.update(LINKS.filter((l) => l.from === group.id || l.to === group.id)
      .map((l) => ({ id: "link:" + l.from + "|" + l.to, hidden: expanded.has(l.from) || expanded.has(l.to) })));
    for (const button of document.querySelectorAll("button[data-community]")) button.setAttribute("aria-expanded", String(isOpen(button.dataset.community)));
    applyFilters();
  }

  function openCommunity(id) {
    setExpanded(id, true);
    const subs = (COMMUNITY[id].subs || []).map((c) => c.id);
    const shown = subs.length ? subs : COMMUNITY[id].actors.filter((a) => !nodes.get(a).hidden);
    if (shown.length) fitTo(shown);
    pinned = { kind: "community", id: id };
    showCommunity(id);
    revealCard();
    stateChanged();
  }

  function closeCommunity(id) {
    setExpanded(id, false);
    network.unselectAll();
    highlight([], []);
    pinned = { kind: "community", id: id };
    showCommunity(id);
    stateChanged();
  }

  function communityButton(id, words) {
    const button = el("button", { type: "button", "data-community": id, "aria-expanded": String(expanded.has(id)) }, words);
    button.addEventListener("click", () => (isOpen(id) ? closeCommunity(id) : openCommunity(id)));
    return button;
  }

  // A community's card: its size, its best-connected members, what the page holds of it, its links.
  function showCommunity(id) {
    const c = COMMUNITY[id];
    card.replaceChildren(
      el("p", { className: "card-title", id: "card-community" }, c.label),
      el("div", { className: "card-type" }, (c.parent ? "sub-community (in " + COMMUNITY[c.parent].label + ") of " : "community of ") +
        c.members.toLocaleString("en") + " actors · " +
        c.relations.toLocaleString("en") + " relations among them"),
      el("p", { className: "meta community-bound" }, (c.subs && c.subs.length ? "Expanded, it shows its " + c.subs.length +
        " sub-communities, each expanding into its members; in all its" : "Expanded, it shows its") + " best-connected members with " +
        c.shown_relations.toLocaleString("en") + " of those relations (" + c.actors.length.toLocaleString("en") +
        " actors); `relgraph html --around " + c.top[0] + "` writes the neighbourhood of any of them in full."),
      el("p", {}, communityButton(id, isOpen(id) ? "Collapse this community" : "Expand this community")));
    if (c.subs && c.subs.length) {
      const list = el("ul", { className: "community-subs" });
      for (const sub of c.subs) list.appendChild(el("li", {}, communityButton(sub.id, sub.label + " (" + sub.members.toLocaleString("en") + " actors)")));
      card.appendChild(el("h2", {}, "Sub-communities"));
      card.appendChild(list);
    }
    const top = el("ul", { className: "community-top" });
    for (const actor of c.top) {
      const pick = el("button", { type: "button", className: "relation-link", "data-entity": actor }, ENTITIES[actor].label);
      pick.addEventListener("click", () => focusEntity(actor));
      top.appendChild(el("li", {}, pick));
    }
    card.appendChild(el("h2", {}, "Best connected"));
    card.appendChild(top);
    const mine = LINKS.filter((l) => l.from === id || l.to === id);
    if (!mine.length) return;
    card.appendChild(el("h2", {}, "Relations with other communities"));
    for (const l of mine) {
      const other = l.from === id ? l.to : l.from;
      const go = el("button", { type: "button", className: "relation-link", "data-community-link": other },
        l.relations.toLocaleString("en") + " with " + COMMUNITY[other].label);
      go.addEventListener("click", () => { pinned = { kind: "community", id: other }; showCommunity(other); stateChanged(); });
      card.appendChild(go);
    }
  }

  if (COMMUNITIES.length) {
    // The communities as a list of buttons: the keyboard's way to expand them (Enter or Space).
    const list = byId("community-list");
    for (const c of COMMUNITIES) {
      list.appendChild(el("li", {}, communityButton(c.id, c.label + " (" + c.members.toLocaleString("en") + " actors)")));
    }
    byId("communities").hidden = false;
  }

  network.on("click", (params) => {
    if (params.nodes.length && isCommunity(params.nodes[0])) openCommunity(params.nodes[0]);
    else if (params.nodes.length) focusEntity(params.nodes[0]);
    else if (params.edges.length && isLink(params.edges[0])) { pinned = { kind: "community", id: edges.get(params.edges[0]).from }; showCommunity(pinned.id); }
    else if (params.edges.length) selectBundle(params.edges[0]);
    else clearSelection();
  });
  network.on("hoverNode", (params) => {
    if (pinned) return;
    if (isCommunity(params.node)) showCommunity(params.node); else showEntity(params.node);
  });
  network.on("hoverEdge", (params) => {
    if (pinned || isLink(params.edge)) return;
    const shown = edges.get(params.edge).relations.filter((id) => visible.has(id));
    if (shown.length === 1) showRelation(shown[0]); else showBundle(params.edge);
  });

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    setDrawer(null, false);
    clearSelection();
  });
  byId("fit").addEventListener("click", fitMain);
  byId("reset").addEventListener("click", () => {
    for (const form of ["search-form", "path-form"]) byId(form).reset();
    for (const id of ["date-from", "date-to"]) byId(id).value = "";
    byId("date-undated").checked = true;
    Object.assign(filters, { from: "", to: "", undated: true });
    filters.sources = new Set(Object.keys(SOURCES)); filters.categories = new Set(Object.keys(DATA.legend.categories));
    filters.statuses = new Set(BY_RANK.map((s) => s.id).filter((s) => !contradicted.includes(s)));
    for (const box of document.querySelectorAll("#filter-sources input, #filter-categories input")) box.checked = true;
    readDates();
    byId("path-result").replaceChildren();
    byId("search-message").replaceChildren();
    pathShown = null;
    pathEnds = null;
    for (const id of [...expanded]) setExpanded(id, false);
    applyFilters();
    clearSelection();
    fitMain();
  });

  byId("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const name = byId("search").value;
    const found = lookup(name);
    const message = byId("search-message");
    if (found.id) { message.replaceChildren(); focusEntity(found.id); return; }
    message.replaceChildren(notFound(name, found, (id) => {
      byId("search").value = ENTITIES[id].label; message.replaceChildren(); focusEntity(id);
    }));
  });

  // ---- path finder: same rule as `relgraph path` -------------------------------------------
  let pathShown = null;  // the relation ids the shown path stands on
  let pathEnds = null;  // and its two ends, for the address of the view

  // The checkbox names the statuses it admits, from the same declarations hopEligible reads.
  const unconfirmedLabels = BY_RANK.filter((s) => s.standing === "unconfirmed").map((s) => s.label);
  byId("path-unconfirmed-statuses").textContent = unconfirmedLabels.length > 1
    ? unconfirmedLabels.slice(0, -1).join(", ") + " and " + unconfirmedLabels[unconfirmedLabels.length - 1]
    : unconfirmedLabels.join("");

  function hopEligible(relation, includeUnconfirmed) {
    // Admitting, as `relgraph path` does: facts, and unconfirmed statuses when asked for.
    const standing = STATUSES[relation.status].standing;
    if (!(standing === "fact" || (standing === "unconfirmed" && includeUnconfirmed))) return false;
    return visible.has(relation.id);
  }

  function findPath(fromId, toId, includeUnconfirmed) {
    const adjacent = new Map();
    for (const relation of Object.values(RELATIONS)) {
      if (!hopEligible(relation, includeUnconfirmed) || relation.from === relation.to) continue;
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
        for (const other of [...(adjacent.get(node) || [])].sort(compareIds)) {
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
    return Object.values(RELATIONS)
      .filter((r) => hopEligible(r, includeUnconfirmed) && ((r.from === a && r.to === b) || (r.from === b && r.to === a)))
      .sort((x, y) => (STATUSES[x.status].rank - STATUSES[y.status].rank) ||
                      (x.date || "").localeCompare(y.date || "") || compareIds(x.id, y.id));
  }

  function hopItem(hop) {
    const first = hop[0];
    const item = el("li", { "data-relation": first.id }, relationLink(first), evidenceBlock(first, false));
    if (hop.length > 1) {
      const more = el("details", { className: "more" }, el("summary", {}, "+" + (hop.length - 1) + " more relations on this hop"));
      for (const r of hop.slice(1)) more.append(relationLink(r), evidenceBlock(r, false));
      item.appendChild(more);
    }
    return item;
  }

  // The CLI's notes: what the sources say is not so between the two actors, whatever the filters.
  function notSoNotes(a, b) {
    return Object.values(RELATIONS)
      .filter((r) => STATUSES[r.status].standing === "contradicted" && ((r.from === a && r.to === b) || (r.from === b && r.to === a)))
      .sort((x, y) => compareIds(x.id, y.id))
      .map((r) => el("div", { className: "note-not-so", "data-relation": r.id },
        el("strong", {}, "not so: " + sentence(r) + " [" + r.status + "]"), evidenceBlock(r, false)));
  }

  function showPath(a, b) {
    const result = byId("path-result");
    const includeUnconfirmed = byId("path-unconfirmed").checked;
    const path = findPath(a, b, includeUnconfirmed);
    const notes = notSoNotes(a, b);
    if (!path) {
      result.replaceChildren(el("p", { className: "message" }, "No path between " + ENTITIES[a].label + " and " + ENTITIES[b].label + " with the relations shown."), ...notes);
      pathShown = null;
      pathEnds = [a, b];
      highlight([], []);
      stateChanged();
      return;
    }
    const list = el("ol", { className: "hops", id: "path-hops" });
    const pathRelations = [];
    for (let i = 0; i + 1 < path.length; i++) {
      const hop = hopRelations(path[i], path[i + 1], includeUnconfirmed);
      pathRelations.push(...hop.map((r) => r.id));
      list.appendChild(hopItem(hop));
    }
    result.replaceChildren(el("p", { className: "meta", id: "path-summary" }, path.map((id) => ENTITIES[id].label).join(" → ")), list, ...notes);
    pathShown = pathRelations;
    pathEnds = [a, b];
    highlight(path, [...new Set(pathRelations.map((id) => bundleOf[id]))]);
    fitTo(path);
    stateChanged();
  }

  function markPathStale() {
    if (!pathShown || pathShown.every((id) => visible.has(id))) return;
    pathShown = null;
    pathEnds = null;
    byId("path-result").replaceChildren(el("p", { className: "message stale", id: "path-stale" },
      "The filters now hide relations of the path shown: it was cleared. Find the path again."));
    highlight([], []);
  }

  byId("path-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const result = byId("path-result");
    const ends = [byId("path-from"), byId("path-to")].map((input) => [input, lookup(input.value)]);
    const missing = ends.find(([, found]) => !found.id);
    if (missing) {
      const [input, found] = missing;
      result.replaceChildren(notFound(input.value, found, (id) => { input.value = ENTITIES[id].label; byId("path-form").requestSubmit(); }));
      return;
    }
    showPath(ends[0][1].id, ends[1][1].id);
  });

  // The opening view: the most of the best-connected actors (core, by degree; at most
  // PHONE_OPENING_ACTORS on a phone) that fit the screen with every label large enough to be drawn.
  function openingView() {
    const threshold = NET.options.nodes.scaling.label.drawThreshold;
    const most = Math.min(NET.core.length, container.clientWidth < 600 ? PHONE_OPENING_ACTORS : NET.core.length);
    for (let count = most; count >= 1; count--) {
      const ids = NET.core.slice(0, count);
      // Fitted to the actors, then a little wider: a label under an actor at the edge needs room too.
      for (const wider of [1, 0.85]) {
        network.fit({ nodes: ids, animation: false });
        if (wider < 1) network.moveTo({ scale: network.getScale() * wider, animation: false });
        const drawn = new Set(placeLabels().map((box) => box.id));
        if (count === 1 || (Math.min(...ids.map((id) => nodes.get(id).font.size)) * network.getScale() >= threshold && ids.every((id) => drawn.has(id)))) return ids;
      }
    }
    network.fit({ animation: false });
    return [];
  }

  // ---- the table of relations: the text alternative to the graph ------------------------------
  const TABLE_ROWS = 500;  // rows drawn at once; a search narrows the rest
  let tableOpen = false;
  const haystacks = {};
  function haystack(relation) {
    if (!(relation.id in haystacks)) {
      const source = SOURCES[relation.source_id];
      const names = [relation.from, relation.to].flatMap((id) => [ENTITIES[id].label, ...ENTITIES[id].aliases]);
      haystacks[relation.id] = fold([...names, relation.label, STATUSES[relation.status].label, relation.date || "",
                                     relation.quote, source.title, source.publisher || ""].join(" \u0001 "));
    }
    return haystacks[relation.id];
  }
  function tableRow(relation) {
    const source = SOURCES[relation.source_id];
    const open = el("button", { type: "button", className: "relation-link", "data-relation": relation.id }, relation.label);
    open.addEventListener("click", () => selectRelation(relation.id));
    // data-label: the column's name, which a phone shows before each cell (rows become blocks there).
    return el("tr", { "data-relation": relation.id },
      el("td", { "data-label": "From" }, ENTITIES[relation.from].label), el("td", { "data-label": "Relation" }, open),
      el("td", { "data-label": "To" }, ENTITIES[relation.to].label), el("td", { "data-label": "Status" }, statusText(relation)),
      el("td", { "data-label": "Date" }, relation.date ? relation.date + (relation.end_date ? " to " + relation.end_date : "") : "undated"),
      el("td", { className: "quote-cell", "data-label": "Quote" }, "“" + relation.quote + "”"),
      el("td", { "data-label": "Source" }, source.title + " (" + sourceLine(source) + ")"));
  }
  function renderTable() {
    const wanted = fold(byId("table-filter").value);
    const matching = visibleRelationIds().filter((id) => !wanted || haystack(RELATIONS[id]).includes(wanted));
    byId("relations-table").tBodies[0].replaceChildren(...matching.slice(0, TABLE_ROWS).map((id) => tableRow(RELATIONS[id])));
    byId("table-count").textContent = matching.length + " of " + visible.size + " relations shown" +
      (matching.length > TABLE_ROWS ? "; the first " + TABLE_ROWS + " are listed, search to narrow" : "");
  }
  function showTable(open) {
    tableOpen = open;
    byId("table-view").hidden = !open;
    byId("show-table").setAttribute("aria-expanded", String(open));
    // Back on the graph, the focus goes to the renderer's tab stop (arrows pan, +/- zoom).
    if (open) { renderTable(); byId("table-filter").focus(); } else network.keys.focus();
    stateChanged();
  }
  byId("show-table").addEventListener("click", () => showTable(!tableOpen));
  byId("hide-table").addEventListener("click", () => showTable(false));
  byId("table-filter").addEventListener("input", () => { renderTable(); stateChanged(); });
  document.querySelector(".skip").addEventListener("click", (event) => { event.preventDefault(); showTable(true); });

  // ---- the view in the address: a link reopens it (the hash, so that it works from file://) ----
  const DEFAULT_SETS = { sources: [...filters.sources], categories: [...filters.categories], statuses: [...filters.statuses] };
  const PINNED_KEYS = { node: "actor", relation: "relation", bundle: "bundle", community: "community" };
  let restoring = OPENED_WITH.length > 1;  // the opening steps do not overwrite the link's view before it is read

  function sameSet(set, values) { return set.size === values.length && values.every((v) => set.has(v)); }

  function viewState() {
    const state = new URLSearchParams();
    if (pinned) state.set(PINNED_KEYS[pinned.kind], pinned.id);
    if (expanded.size) state.set("expanded", [...expanded].sort(compareIds).join(","));
    if (pathEnds) state.set("path", pathEnds.join(","));
    if (pathEnds && byId("path-unconfirmed").checked) state.set("unconfirmed", "1");
    for (const key of ["sources", "categories", "statuses"]) {
      if (!sameSet(filters[key], DEFAULT_SETS[key])) state.set(key, [...filters[key]].sort(compareIds).join(","));
    }
    if (filters.from) state.set("from", filters.from);
    if (filters.to) state.set("to", filters.to);
    if (!filters.undated) state.set("undated", "0");
    if (tableOpen) state.set("table", byId("table-filter").value);
    return state.toString();
  }

  function stateChanged() {
    if (restoring) return;
    const hash = viewState();
    const address = location.href.split("#")[0] + (hash ? "#" + hash : "");
    if (address === location.href) return;
    try { history.replaceState(null, "", address); } catch (error) { location.replace(hash ? "#" + hash : "#"); }
  }

  function restoreFilters(state) {
    const known = { sources: Object.keys(SOURCES), categories: Object.keys(DATA.legend.categories), statuses: BY_RANK.map((s) => s.id) };
    for (const key of ["sources", "categories", "statuses"]) {
      filters[key].clear();
      const values = state.has(key) ? state.get(key).split(",") : DEFAULT_SETS[key];
      for (const value of values) if (known[key].includes(value)) filters[key].add(value);
    }
    for (const box of document.querySelectorAll("#filter-sources input, #filter-categories input, #filter-statuses input")) {
      box.checked = filters[{ "filter-sources": "sources", "filter-categories": "categories", "filter-statuses": "statuses" }[box.dataset.filter]].has(box.value);
    }
    byId("date-from").value = state.get("from") || "";
    byId("date-to").value = state.get("to") || "";
    readDates();
    filters.undated = state.get("undated") !== "0";
    byId("date-undated").checked = filters.undated;
    applyFilters();
  }

  function restore(hash) {
    const state = new URLSearchParams(hash.replace(/^#/, ""));
    restoring = true;
    try {
      for (const id of (state.get("expanded") || "").split(",")) if (isCommunity(id)) setExpanded(id, true);  // a parent before its subs
      restoreFilters(state);
      const ends = (state.get("path") || "").split(",");
      if (ends.length === 2 && onGraph.has(ends[0]) && onGraph.has(ends[1])) {
        byId("path-from").value = ENTITIES[ends[0]].label;
        byId("path-to").value = ENTITIES[ends[1]].label;
        byId("path-unconfirmed").checked = state.get("unconfirmed") === "1";
        showPath(ends[0], ends[1]);
      }
      if (state.has("actor") && onGraph.has(state.get("actor"))) focusEntity(state.get("actor"));
      else if (state.has("actor") && OUTSIDE[state.get("actor")]) { card.replaceChildren(outsideMessage(state.get("actor"))); revealCard(); }
      else if (state.has("relation") && RELATIONS[state.get("relation")]) selectRelation(state.get("relation"));
      else if (state.has("bundle") && edges.get(state.get("bundle"))) selectBundle(state.get("bundle"));
      else if (state.has("community") && isCommunity(state.get("community"))) { pinned = { kind: "community", id: state.get("community") }; showCommunity(pinned.id); }
      if (state.has("table")) { byId("table-filter").value = state.get("table"); showTable(true); }
    } finally {
      restoring = false;
    }
    stateChanged();  // the address as this page writes it (unknown ids and names left out)
  }

  // ---- export: the view as PNG or SVG, the relations shown as CSV or JSON -----------------------
  function download(name, blob) {
    const address = URL.createObjectURL(blob);
    const link = el("a", { href: address, download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(address), 10000);
  }

  function exportPng() {
    const drawn = network.picture();
    const picture = document.createElement("canvas");
    picture.width = drawn.width; picture.height = drawn.height;
    const context = picture.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, picture.width, picture.height);
    context.drawImage(drawn, 0, 0);
    picture.toBlob((blob) => download("relgraph-view.png", blob), "image/png");
  }

  const SVG_NS = "http://www.w3.org/2000/svg";
  function svgElement(tag, attributes) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
    return node;
  }
  const round1 = (value) => Math.round(value * 10) / 10;

  const drawnOpacity = (id) => { const o = network.node(id).opacity; return o === undefined ? 1 : o; };
  // The view as vector graphics: what is on screen, with the page's colours, dashes, shapes and labels.
  function viewSvg() {
    const width = container.clientWidth, height = container.clientHeight, scale = network.getScale();
    const svg = svgElement("svg", { xmlns: SVG_NS, width, height, viewBox: "0 0 " + width + " " + height, "font-family": "sans-serif" });
    svg.appendChild(svgElement("rect", { width, height, fill: "#ffffff" }));
    const where = network.getPositions();
    const screen = (id) => network.canvasToDOM(where[id]);
    const labelAt = new Map(placeLabels().map((box) => [box.id, box]));
    for (const bundle of edges.get({ filter: (b) => !b.hidden })) {
      const a = screen(bundle.from), b = screen(bundle.to);
      const look = network.edgeLook(bundle.id);  // as drawn (a highlight fades it)
      const line = svgElement("line", { x1: round1(a.x), y1: round1(a.y), x2: round1(b.x), y2: round1(b.y), stroke: look.color,
        "stroke-width": round1(Math.max(0.5, look.width * scale)), "stroke-opacity": look.opacity, "data-bundle": bundle.id });
      if (bundle.dashes) line.setAttribute("stroke-dasharray", bundle.dashes.map((d) => round1(d * scale)).join(" "));
      svg.appendChild(line);
    }
    for (const node of nodes.get({ filter: (n) => !n.hidden })) {
      const at = screen(node.id), size = node.size * scale;
      if (isCommunity(node.id)) {
        svg.appendChild(svgElement("circle", { cx: round1(at.x), cy: round1(at.y), r: round1(size), fill: "#e5e7eb", stroke: "#374151", "data-node": node.id }));
      } else {
        const style = DATA.legend.types[ENTITIES[node.id].type];
        const group = svgElement("g", { transform: "translate(" + round1(at.x - size) + " " + round1(at.y - size) + ") scale(" + round1(size / 8 * 100) / 100 + ")",
          opacity: drawnOpacity(node.id), "data-node": node.id });
        group.appendChild(document.importNode(typeSample(style).firstElementChild, true));
        svg.appendChild(group);
      }
      const box = labelAt.get(node.id);  // the labels as the screen draws them (placeLabels)
      if (!box) continue;
      const fontSize = box.px;
      const label = svgElement("text", { x: round1(box.x + box.w / 2), y: round1(box.y + fontSize * 0.9), "font-size": round1(fontSize), "text-anchor": "middle",
        fill: network.node(node.id).color || "#111827", stroke: "#ffffff", "stroke-width": round1(fontSize / 4), "paint-order": "stroke" });
      label.textContent = node.label;
      svg.appendChild(label);
    }
    for (const box of placedRelationLabels) {  // relation labels as the screen draws them, where they fit
      const label = svgElement("text", { x: round1(box.x + box.w / 2), y: round1(box.y + box.px * 0.9), "font-size": round1(box.px), "text-anchor": "middle",
        fill: box.faded ? FADED_TEXT : "#111827", stroke: "#ffffff", "stroke-width": round1(box.px / 3), "paint-order": "stroke", "data-bundle": box.id });
      label.textContent = box.text;
      svg.appendChild(label);
    }
    return new XMLSerializer().serializeToString(svg);
  }

  // Cells as relgraph's CSV export writes them (export/rows.py): lists and mappings as JSON text
  // with sorted keys, booleans as true/false, nothing for a missing value.
  function pythonJson(value) {
    if (Array.isArray(value)) return "[" + value.map(pythonJson).join(", ") + "]";
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).sort().map((k) => JSON.stringify(k) + ": " + pythonJson(value[k])).join(", ") + "}";
    }
    return JSON.stringify(value);
  }
  function cell(value) {
    if (value === null || value === undefined) return "";
    const text = typeof value === "object" ? pythonJson(value) : String(value);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  const shownRecords = () => visibleRelationIds().map((id) => Object.fromEntries(DATA.fields.map((f) => [f, RELATIONS[id][f]])));
  function viewCsv() {
    return [DATA.fields, ...shownRecords().map((r) => DATA.fields.map((f) => r[f]))].map((row, i) => (i ? row.map(cell) : row).join(",")).join("\n") + "\n";
  }
  function viewJson() { return JSON.stringify(shownRecords(), null, 1) + "\n"; }

  byId("export-png").addEventListener("click", exportPng);
  byId("export-svg").addEventListener("click", () => download("relgraph-view.svg", new Blob([viewSvg()], { type: "image/svg+xml" })));
  byId("export-csv").addEventListener("click", () => download("relgraph-relations.csv", new Blob([viewCsv()], { type: "text/csv" })));
  byId("export-json").addEventListener("click", () => download("relgraph-relations.json", new Blob([viewJson()], { type: "application/json" })));

  if (NET.overview) {
    const note = byId("overview-note");
    note.textContent = "Overview: " + NET.overview.notice.replace(/^overview: /, "") + ".";
    note.hidden = false;
  }

  drawHistogram();
  placeSlider();
  applyFilters();
  // The opening view: the best-connected actors (core, in order of degree), fewer on a phone so
  // that every label in view is large enough to be drawn.
  const opening = openingView();
  if (DATA.centre && onGraph.has(DATA.centre)) {
    nodes.update({ id: DATA.centre, borderWidth: 5, shapeProperties: { borderDashes: false } });
    focusEntity(DATA.centre);
  }
  if (OPENED_WITH.length > 1) restore(OPENED_WITH);
  window.addEventListener("hashchange", () => { if (location.hash.length > 1) restore(location.hash); });
  network.once("afterDrawing", () => { document.body.dataset.ready = "true"; });
  network.redraw();
  // A small API for tests and for users' own scripts.
  window.relgraph = { network, renderer: network.kind, rendererFallback: made.fallback, nodes, edges, bundleOf, visibleRelationIds, visibleNodeIds, findPath, resolve, lookup,
                      focusEntity, selectRelation, selectBundle, clearSelection, showRelation, fitMain,
                      pinned: () => pinned, opening, labels: () => ({ drawn: placedLabels.map(labelData), skipped: skippedLabels.map(labelData), order: LABEL_ORDER,
                                   relations: { drawn: placedRelationLabels.map(labelData), skipped: skippedRelationLabels.map(labelData) } }), viewState, viewSvg, viewCsv, viewJson, renderTable, showTable };
})();
