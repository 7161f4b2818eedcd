"use strict";
// The page's renderers behind one interface (graph.js uses nothing else to draw): vis-network's
// canvas for small pages, sigma.js 3 (WebGL, with graphology) for large ones (export/renderers.py
// chooses). Both read the same vis DataSets of actors and bundles, and speak vis-network's
// coordinates: x right, y down, screen = scale * position + translation.
//
//   on(event, fn) / once / emit(event, params)  events: click {nodes, edges}, hoverNode {node},
//                                               hoverEdge {edge}, beforeDrawing, afterDrawing (2D context)
//   fit({nodes}), moveTo({scale, position}), getScale(), getViewPosition(), transform() {scale, x, y}
//   setSelection({nodes, edges}), unselectAll(), getSelectedNodes(), getSelectedEdges()
//   getPositions(ids), canvasToDOM(point), node(id) (what a label needs), pixelRatio(), redraw(), picture(),
//   keys: the element that takes the keyboard (a tab stop marked data-graph-keys)
//   edgeMiddle(id, from, to, scale): the middle of a drawn edge's line (for its label), in positions
//   edgeLook(id): {color, opacity, width} as drawn (the SVG export draws the same)
//   highlight(nodes, edges) (sigma.js only): fade all but these Sets, or none when null, without
//     touching the DataSets (vis-network's highlight is DataSet updates: graph.js makes them)
window.relgraphRenderers = (function () {
  function visRenderer(container, nodes, edges, options) {
    const network = new vis.Network(container, { nodes, edges }, options);
    return {
      kind: "vis",
      on: (event, fn) => network.on(event, fn),
      once: (event, fn) => network.once(event, fn),
      emit: (event, params) => network.body.emitter.emit(event, params),
      fit: (how) => network.fit(Object.assign({ animation: false }, how)),
      moveTo: (how) => network.moveTo(Object.assign({ animation: false }, how)),
      getScale: () => network.getScale(),
      getViewPosition: () => network.getViewPosition(),
      transform: () => ({ scale: network.getScale(), x: network.body.view.translation.x, y: network.body.view.translation.y }),
      setSelection: (selection) => network.setSelection(selection),
      unselectAll: () => network.unselectAll(),
      getSelectedNodes: () => network.getSelectedNodes(),
      getSelectedEdges: () => network.getSelectedEdges(),
      getPositions: (ids) => network.getPositions(ids),
      canvasToDOM: (point) => network.canvasToDOM(point),
      node(id) {
        const body = network.body.nodes[id];
        if (!body) return null;
        const o = body.options;
        return { x: body.x, y: body.y, size: o.size, label: o.label, fontSize: o.font.size, face: o.font.face,
                 color: o.font.color, hidden: o.hidden, opacity: o.opacity };
      },
      pixelRatio: () => network.canvas.pixelRatio || 1,
      redraw: () => network.redraw(),
      picture: () => container.querySelector("canvas"),
      keys: marked(container.querySelector(".vis-network")),  // vis-network's own frame (tabindex 0)
      edgeLook(id) {
        const o = network.body.edges[id].options;
        return { color: o.color.color, opacity: o.color.opacity === undefined ? 1 : o.color.opacity, width: o.width };
      },
      edgeMiddle(id, from, to) {
        const edge = network.body.edges[id];  // on its curve, where vis-network put its label
        return edge && edge.edgeType ? edge.edgeType.getPoint(0.5) : { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
      },
    };
  }
  function marked(element) { element.setAttribute("data-graph-keys", ""); return element; }

  // ---- WebGL: sigma.js programs for the page's symbols and dash styles ------------------------
  const SHAPE_INDEX = { dot: 0, square: 1, diamond: 2, triangle: 3, triangleDown: 4, hexagon: 5, star: 6 };
  // Each type's shape as a distance (< 0 inside) in units of the symbol's radius, y up.
  const NODE_FRAGMENT = `
precision highp float;
varying vec4 v_color;
varying vec2 v_diffVector;
varying float v_radius;
varying float v_shape;
varying float v_flags;
uniform float u_correctionRatio;
float shapeDistance(vec2 p, float s) {
  if (s < 0.5) return length(p) - 0.95;
  if (s < 1.5) return max(abs(p.x), abs(p.y)) - 0.75;
  if (s < 2.5) return abs(p.x) + abs(p.y) - 0.95;
  if (s < 4.5) { vec2 q = vec2(abs(p.x), s < 3.5 ? p.y + 0.2 : 0.2 - p.y); return max(q.x * 0.866 + q.y * 0.5, -q.y) - 0.45; }
  if (s < 5.5) { vec2 q = abs(p); return max(q.y * 0.866 + q.x * 0.5, q.x) - 0.85; }
  float a = atan(p.y, p.x) - 1.5708;
  return length(p) - mix(0.45, 1.0, pow(abs(cos(2.5 * a)), 5.0));
}
void main(void) {
  vec2 p = v_diffVector / v_radius;
  float d = shapeDistance(p, v_shape);
  float aa = u_correctionRatio * 2.0 / v_radius;
  #ifdef PICKING_MODE
  gl_FragColor = d > 0.0 ? vec4(0.0) : v_color;
  #else
  if (d > aa) discard;
  vec4 color = v_color;
  float outline = mod(v_flags, 2.0), ring = floor(v_flags / 2.0);
  float edge = 0.24;
  // A type that shares its shape: white inside a dashed outline (dashes around the symbol).
  if (outline > 0.5 && (d < -edge || mod(atan(p.y, p.x) * 2.546, 2.0) > 1.25)) color = vec4(1.0, 1.0, 1.0, 1.0);
  // The selected or centre actor: a dark ring.
  if (ring > 0.5 && d > -edge) color = vec4(0.067, 0.094, 0.153, 1.0);
  float t = clamp(d / aa, 0.0, 1.0);
  gl_FragColor = vec4(color.rgb, 1.0) * (1.0 - t);
  #endif
}`;
  // How both vertex shaders pass on their colour: the item's id in sigma's picking pass, else its colour.
  const VERTEX_COLOUR = `
  #ifdef PICKING_MODE
  v_color = a_id;
  #else
  v_color = a_color;
  #endif
  v_color.a *= bias;`;
  const NODE_VERTEX = `
attribute vec4 a_id;
attribute vec4 a_color;
attribute vec2 a_position;
attribute float a_size;
attribute float a_shape;
attribute float a_flags;
attribute float a_angle;
uniform mat3 u_matrix;
uniform float u_sizeRatio;
uniform float u_correctionRatio;
varying vec4 v_color;
varying vec2 v_diffVector;
varying float v_radius;
varying float v_shape;
varying float v_flags;
const float bias = 255.0 / 254.0;
void main() {
  float size = a_size * u_correctionRatio / u_sizeRatio * 4.0;
  vec2 diffVector = size * vec2(cos(a_angle), sin(a_angle));
  gl_Position = vec4((u_matrix * vec3(a_position + diffVector, 1)).xy, 0, 1);
  v_diffVector = diffVector;
  v_radius = size / 2.0;
  v_shape = a_shape;
  v_flags = a_flags;
${VERTEX_COLOUR}
}`;
  // Edges with the status's dash pattern (px on screen) and a sideways offset (px) that keeps
  // bundles of different statuses between the same two actors apart, as vis-network's curves do.
  const EDGE_VERTEX = `
attribute vec4 a_id;
attribute vec4 a_color;
attribute vec2 a_normal;
attribute float a_normalCoef;
attribute vec2 a_positionStart;
attribute vec2 a_positionEnd;
attribute float a_positionCoef;
attribute vec2 a_dash;
attribute float a_offset;
uniform mat3 u_matrix;
uniform float u_sizeRatio;
uniform float u_zoomRatio;
uniform float u_pixelRatio;
uniform float u_correctionRatio;
uniform float u_minEdgeThickness;
uniform float u_feather;
uniform vec2 u_resolution;
varying vec4 v_color;
varying vec2 v_normal;
varying float v_thickness;
varying float v_feather;
varying float v_along;
varying vec2 v_dash;
const float bias = 255.0 / 254.0;
void main() {
  vec2 normal = a_normal * a_normalCoef;
  vec2 position = a_positionStart * (1.0 - a_positionCoef) + a_positionEnd * a_positionCoef;
  float normalLength = length(normal);
  vec2 unitNormal = normal / normalLength;
  float pixelsThickness = max(normalLength, u_minEdgeThickness * u_sizeRatio);
  float webGLThickness = pixelsThickness * u_correctionRatio / u_sizeRatio;
  float webGLOffset = a_offset * u_correctionRatio * a_normalCoef;
  gl_Position = vec4((u_matrix * vec3(position + unitNormal * (webGLThickness + webGLOffset), 1)).xy, 0, 1);
  vec2 start = (u_matrix * vec3(a_positionStart, 1)).xy, end = (u_matrix * vec3(a_positionEnd, 1)).xy;
  v_along = a_positionCoef * length((end - start) * u_resolution / 2.0);
  v_dash = a_dash;
  v_thickness = webGLThickness / u_zoomRatio;
  v_normal = unitNormal;
  v_feather = u_feather * u_correctionRatio / u_zoomRatio / u_pixelRatio * 2.0;
${VERTEX_COLOUR}
}`;
  const EDGE_FRAGMENT = `
precision mediump float;
varying vec4 v_color;
varying vec2 v_normal;
varying float v_thickness;
varying float v_feather;
varying float v_along;
varying vec2 v_dash;
void main(void) {
  #ifdef PICKING_MODE
  gl_FragColor = v_color;
  #else
  if (v_dash.x > 0.0 && mod(v_along, v_dash.x + v_dash.y) > v_dash.x) discard;
  float dist = length(v_normal) * v_thickness;
  float t = smoothstep(v_thickness - v_feather, v_thickness, dist);
  gl_FragColor = mix(v_color, vec4(0.0), t);
  #endif
}`;

  function programs() {
    const { NodeProgram, EdgeRectangleProgram } = Sigma.rendering;
    const { floatColor } = Sigma.utils;
    const GL = WebGLRenderingContext;
    class ShapeProgram extends NodeProgram {
      getDefinition() {
        return {
          VERTICES: 3, VERTEX_SHADER_SOURCE: NODE_VERTEX, FRAGMENT_SHADER_SOURCE: NODE_FRAGMENT, METHOD: GL.TRIANGLES,
          UNIFORMS: ["u_sizeRatio", "u_correctionRatio", "u_matrix"],
          ATTRIBUTES: [{ name: "a_position", size: 2, type: GL.FLOAT }, { name: "a_size", size: 1, type: GL.FLOAT },
            { name: "a_color", size: 4, type: GL.UNSIGNED_BYTE, normalized: true },
            { name: "a_id", size: 4, type: GL.UNSIGNED_BYTE, normalized: true },
            { name: "a_shape", size: 1, type: GL.FLOAT }, { name: "a_flags", size: 1, type: GL.FLOAT }],
          CONSTANT_ATTRIBUTES: [{ name: "a_angle", size: 1, type: GL.FLOAT }],
          CONSTANT_DATA: [[0], [2 * Math.PI / 3], [4 * Math.PI / 3]],
        };
      }
      processVisibleItem(nodeIndex, start, data) {
        const a = this.array;
        a[start++] = data.x; a[start++] = data.y; a[start++] = data.size; a[start++] = floatColor(data.color);
        a[start++] = nodeIndex; a[start++] = data.shape || 0; a[start++] = (data.outline ? 1 : 0) + (data.ring ? 2 : 0);
      }
      setUniforms(params, { gl, uniformLocations }) {
        gl.uniform1f(uniformLocations.u_correctionRatio, params.correctionRatio);
        gl.uniform1f(uniformLocations.u_sizeRatio, params.sizeRatio);
        gl.uniformMatrix3fv(uniformLocations.u_matrix, false, params.matrix);
      }
    }
    class DashedEdgeProgram extends EdgeRectangleProgram {
      getDefinition() {
        const base = super.getDefinition();
        return Object.assign({}, base, {
          VERTEX_SHADER_SOURCE: EDGE_VERTEX, FRAGMENT_SHADER_SOURCE: EDGE_FRAGMENT,
          UNIFORMS: [...base.UNIFORMS, "u_resolution"],
          ATTRIBUTES: [...base.ATTRIBUTES, { name: "a_dash", size: 2, type: GL.FLOAT }, { name: "a_offset", size: 1, type: GL.FLOAT }],
        });
      }
      processVisibleItem(edgeIndex, start, source, target, data) {
        const thickness = data.size || 1;
        const dx = target.x - source.x, dy = target.y - source.y;
        let length = dx * dx + dy * dy, n1 = 0, n2 = 0;
        if (length) { length = 1 / Math.sqrt(length); n1 = -dy * length * thickness; n2 = dx * length * thickness; }
        const a = this.array;
        a[start++] = source.x; a[start++] = source.y; a[start++] = target.x; a[start++] = target.y;
        a[start++] = n1; a[start++] = n2; a[start++] = floatColor(data.color); a[start++] = edgeIndex;
        a[start++] = data.dash ? data.dash[0] : 0; a[start++] = data.dash ? data.dash[1] : 0; a[start++] = data.offset || 0;
      }
      setUniforms(params, info) {
        super.setUniforms(params, info);
        info.gl.uniform2f(info.uniformLocations.u_resolution, params.width, params.height);
      }
    }
    // Arrowheads where the relation points (vis-network's arrows.to / arrows.from), on the dashed line.
    const { createEdgeCompoundProgram, createEdgeArrowHeadProgram } = Sigma.rendering;
    const head = (extremity) => createEdgeArrowHeadProgram({ extremity: extremity });
    const edgePrograms = { dashed: DashedEdgeProgram, dashedTo: createEdgeCompoundProgram([DashedEdgeProgram, head("target")]),
                           dashedFrom: createEdgeCompoundProgram([DashedEdgeProgram, head("source")]),
                           dashedBoth: createEdgeCompoundProgram([DashedEdgeProgram, head("target"), head("source")]) };
    return { ShapeProgram, edgePrograms };
  }

  // Why WebGL cannot draw this page here, or null. A software WebGL (SwiftShader, llvmpipe: no
  // GPU) redraws 10,000 relations several times slower than vis-network's canvas (bench/page.py),
  // so a page that chose WebGL by its size ("auto") does not use it there; one built with
  // `--renderer webgl` does.
  function webglProblem(forced) {
    const canvas = document.createElement("canvas");
    const gl = canvas.getContext("webgl2") || canvas.getContext("webgl");
    if (!gl) return "this browser has no WebGL";
    if (typeof Sigma === "undefined" || typeof graphology === "undefined") return "sigma.js is not on this page";
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    const name = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : "";
    if (!forced && /swiftshader|llvmpipe|software/i.test(name)) return "WebGL here is drawn in software, without a GPU";
    return null;
  }

  // A colour faded towards the white canvas (vis-network's opacity, without blending).
  const rgbs = new Map();  // a highlight recolours 10,000 edges from a few colours: each computed once
  function rgb(color, opacity) {
    let hex = (typeof color === "string" ? color : color && (color.color || color.background)) || "#6b7280";
    const keep = opacity === undefined ? 1 : opacity;
    const key = hex + "|" + keep;
    if (rgbs.has(key)) return rgbs.get(key);
    if (hex.length === 4) hex = "#" + [...hex.slice(1)].map((c) => c + c).join("");
    const channel = (i) => Math.round(255 - (255 - parseInt(hex.slice(i, i + 2), 16)) * keep);
    rgbs.set(key, "rgb(" + channel(1) + "," + channel(3) + "," + channel(5) + ")");
    return rgbs.get(key);
  }

  function webglRenderer(container, nodes, edges, options) {
    const { ShapeProgram, edgePrograms } = programs();
    const graph = new graphology.MultiDirectedGraph();
    const items = new Map();  // node id -> its DataSet item, as last drawn
    const edgeItems = new Map();
    let selectedNodes = new Set(), selectedEdges = new Set();
    let kept = null;  // the highlight: {nodes, edges} kept at full strength, the rest faded; null for none
    const FADED_TEXT = "#d1d5db";
    const nodeOpacity = (n) => (kept && !kept.nodes.has(n.id) ? 0.2 : n.opacity === undefined ? 1 : n.opacity);
    const edgeOpacity = (e) => (kept && !kept.edges.has(e.id) ? 0.12 : kept ? 1 : e.color && e.color.opacity !== undefined ? e.color.opacity : 1);
    const edgeWidth = (e) => (e.width || 1) + (kept && kept.edges.has(e.id) ? 1.5 : 0);

    function nodeAttributes(n) {
      // A dashed outline (a type that shares its shape, a sub-community) is drawn in the border's colour.
      const outline = !!(n.shapeProperties && n.shapeProperties.borderDashes) || !!(n.color && n.color.background === "#ffffff");
      const border = n.color && typeof n.color === "object" ? n.color.border : n.color;
      return { x: n.x, y: -n.y, size: n.size || 10, type: "shape", shape: SHAPE_INDEX[n.shape] || 0,
               color: rgb(outline ? border : n.color, nodeOpacity(n)), outline: outline,
               ring: selectedNodes.has(n.id) || (n.borderWidth || 0) >= 5, hidden: !!n.hidden, label: null };
    }
    function edgeAttributes(e) {
      const chosen = selectedEdges.has(e.id);
      const smooth = e.smooth && e.smooth.enabled ? (e.smooth.type === "curvedCW" ? 1 : -1) * Math.round(e.smooth.roundness / 0.15) * 5 : 0;
      return { size: edgeWidth(e) + (chosen ? 2 : 0), color: rgb(e.color, chosen ? 1 : edgeOpacity(e)),
               dash: e.dashes ? [e.dashes[0], e.dashes[1] === undefined ? e.dashes[0] : e.dashes[1]] : null, offset: smooth,
               hidden: !!e.hidden, type: edgeType(e.arrows) };
    }
    function edgeType(arrows) {
      const to = arrows === "to" || !!(arrows && arrows.to && arrows.to.enabled), from = !!(arrows && arrows.from && arrows.from.enabled);
      return to && from ? "dashedBoth" : to ? "dashedTo" : from ? "dashedFrom" : "dashed";
    }
    function addNodes(ids) {
      for (const n of nodes.get(ids)) { items.set(n.id, n); graph.mergeNode(n.id, nodeAttributes(n)); }
    }
    function addEdges(ids) {
      for (const e of edges.get(ids)) { edgeItems.set(e.id, e); graph.mergeEdgeWithKey(e.id, e.from, e.to, edgeAttributes(e)); }
    }
    // Many changes at once (a highlight, a filter) go to graphology in one pass, so sigma
    // reprocesses them once and keeps its index (positions do not change).
    function updateNodes(ids) {
      const changed = new Map(nodes.get(ids).map((n) => [n.id, n]));
      for (const [id, n] of changed) items.set(id, n);
      graph.updateEachNodeAttributes((id, old) => (changed.has(id) ? nodeAttributes(changed.get(id)) : old),
        { attributes: ["color", "hidden", "outline", "ring", "size"] });
    }
    function updateEdges(ids) {
      const changed = new Map(edges.get(ids).map((e) => [e.id, e]));
      for (const [id, e] of changed) edgeItems.set(id, e);
      graph.updateEachEdgeAttributes((id, old) => (changed.has(id) ? edgeAttributes(changed.get(id)) : old),
        { attributes: ["color", "hidden", "size"] });
    }
    addNodes(nodes.getIds());
    addEdges(edges.getIds());
    nodes.on("add", (event, props) => addNodes(props.items));
    nodes.on("update", (event, props) => updateNodes(props.items));
    edges.on("add", (event, props) => addEdges(props.items));
    edges.on("update", (event, props) => updateEdges(props.items));

    const sigma = new Sigma(graph, container, {
      nodeProgramClasses: { shape: ShapeProgram }, edgeProgramClasses: edgePrograms,
      defaultNodeType: "shape", defaultEdgeType: "dashed",
      renderLabels: false, renderEdgeLabels: false,  // the page draws its own labels (graph.js)
      // Edges are picked here (nearestEdge), not by sigma: its picking pass draws every edge a
      // second time in every frame, which doubles a software (SwiftShader) GPU's work.
      enableEdgeEvents: false, itemSizesReference: "positions", zoomToSizeRatioFunction: (ratio) => ratio,
      minCameraRatio: null, maxCameraRatio: null, stagePadding: 0,
      defaultDrawNodeHover: () => {}, hideEdgesOnMove: false, zIndex: false,
    });

    // The graph's frame, fixed once: sigma otherwise reframes when actors are hidden or shown,
    // which would move the view under the page's feet.
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const n of items.values()) { minX = Math.min(minX, n.x); maxX = Math.max(maxX, n.x); minY = Math.min(minY, -n.y); maxY = Math.max(maxY, -n.y); }
    if (minX < Infinity) { sigma.setCustomBBox({ x: [minX, Math.max(maxX, minX + 1)], y: [minY, Math.max(maxY, minY + 1)] }); sigma.refresh(); }
    const measure = document.createElement("canvas").getContext("2d");
    measure.font = "100px arial";
    const labelWidth = (text, px) => measure.measureText(text).width * px / 100;
    const listeners = {};
    const emit = (event, params) => { for (const fn of listeners[event] || []) fn(params); };
    const on = (event, fn) => { (listeners[event] = listeners[event] || []).push(fn); };
    const labelContext = sigma.getCanvases().labels.getContext("2d");
    sigma.on("beforeRender", () => emit("beforeDrawing", labelContext));
    sigma.on("afterRender", () => emit("afterDrawing", labelContext));
    sigma.on("clickNode", ({ node }) => emit("click", { nodes: [node], edges: [] }));
    sigma.on("clickStage", ({ event }) => { const edge = nearestEdge(event.x, event.y); emit("click", { nodes: [], edges: edge ? [edge] : [] }); });
    sigma.on("enterNode", ({ node }) => emit("hoverNode", { node }));
    let hovered = null, pending = null;
    sigma.on("moveBody", ({ event }) => {
      if (pending) { pending = { x: event.x, y: event.y }; return; }
      pending = { x: event.x, y: event.y };
      requestAnimationFrame(() => {
        const edge = nearestEdge(pending.x, pending.y);
        pending = null;
        if (edge && edge !== hovered) emit("hoverEdge", { edge });
        hovered = edge;
      });
    });
    // The drawn edge under a point of the view (within a few px of its line), or null.
    function nearestEdge(x, y) {
      const t = transform();
      let best = null, bestDistance = Infinity;
      graph.forEachEdge((id, a, source, target, sa, ta) => {
        if (a.hidden || sa.hidden || ta.hidden) return;
        const x1 = sa.x * t.scale + t.x, y1 = -sa.y * t.scale + t.y, x2 = ta.x * t.scale + t.x, y2 = -ta.y * t.scale + t.y;
        const dx = x2 - x1, dy = y2 - y1, length = dx * dx + dy * dy;
        const k = length ? Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / length)) : 0;
        const ox = (a.offset || 0) * (length ? -dy / Math.sqrt(length) : 0), oy = (a.offset || 0) * (length ? dx / Math.sqrt(length) : 0);
        const distance = Math.hypot(x - (x1 + k * dx + ox), y - (y1 + k * dy + oy)) - a.size * t.scale / 2;
        if (distance < bestDistance) { bestDistance = distance; best = id; }
      });
      return bestDistance <= 4 ? best : null;
    }

    // Screen = scale * position + translation, from two points of sigma's own projection (no rotation).
    // (The camera's state as it is now: sigma's cached matrix is the last frame's.)
    function transform() {
      sigma.resize();  // the panel may have changed size since the last frame (vis-network checks too)
      const now = { cameraState: sigma.getCamera().getState() };
      const o = sigma.graphToViewport({ x: 0, y: 0 }, now), u = sigma.graphToViewport({ x: 1, y: 0 }, now);
      return { scale: u.x - o.x, x: o.x, y: o.y };
    }
    function setView(centre, scale) {
      const camera = sigma.getCamera();
      const framed = sigma.normalizationFunction({ x: centre.x, y: -centre.y });
      const ratio = camera.getState().ratio * transform().scale / scale;
      camera.setState({ x: framed.x, y: framed.y, ratio: ratio, angle: 0 });
    }
    function getViewPosition() {
      const t = transform();
      return { x: (container.clientWidth / 2 - t.x) / t.scale, y: (container.clientHeight / 2 - t.y) / t.scale };
    }
    function fit(how) {
      const wanted = how && how.nodes && how.nodes.length ? how.nodes : graph.filterNodes((id, a) => !a.hidden);
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (const id of wanted) {
        const n = items.get(id);
        if (!n) continue;
        // As vis-network fits: each symbol with its label under it (the label's width at its size).
        const r = n.size || 10, half = Math.max(r, n.label ? labelWidth(n.label, n.font.size) / 2 : 0);
        minX = Math.min(minX, n.x - half); maxX = Math.max(maxX, n.x + half);
        minY = Math.min(minY, n.y - r); maxY = Math.max(maxY, n.y + r + (n.label ? n.font.size * 1.2 : 0));
      }
      if (minX === Infinity) return;
      // vis-network's rule: 10% of room around the box, and never closer than 1:1.
      const scale = Math.min(1, container.clientWidth / Math.max(1, 1.1 * (maxX - minX)), container.clientHeight / Math.max(1, 1.1 * (maxY - minY)));
      setView({ x: (minX + maxX) / 2, y: (minY + maxY) / 2 }, scale);
    }
    function refreshSelection(nodeIds, edgeIds) {
      const touchedNodes = [...new Set([...selectedNodes, ...nodeIds])], touchedEdges = [...new Set([...selectedEdges, ...edgeIds])];
      selectedNodes = new Set(nodeIds); selectedEdges = new Set(edgeIds);
      if (touchedNodes.length) updateNodes(touchedNodes);
      if (touchedEdges.length) updateEdges(touchedEdges);
    }
    // The keyboard, as vis-network's: arrow keys pan, + and - zoom, while the graph has the focus.
    container.tabIndex = 0;
    container.addEventListener("keydown", (event) => {
      const centre = getViewPosition(), scale = transform().scale, step = 60 / scale;
      const moves = { ArrowLeft: [-step, 0, 1], ArrowRight: [step, 0, 1], ArrowUp: [0, -step, 1], ArrowDown: [0, step, 1],
                      "+": [0, 0, 1.2], "=": [0, 0, 1.2], "-": [0, 0, 1 / 1.2], "_": [0, 0, 1 / 1.2] };
      const move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      setView({ x: centre.x + move[0], y: centre.y + move[1] }, scale * move[2]);
    });
    return {
      kind: "webgl", sigma, graph,
      on,
      once(event, fn) { const wrapped = (p) => { listeners[event] = listeners[event].filter((f) => f !== wrapped); fn(p); }; on(event, wrapped); },
      emit,
      fit,
      moveTo(how) { setView(how.position || getViewPosition(), how.scale || transform().scale); },
      getScale: () => transform().scale,
      getViewPosition,
      transform,
      setSelection(selection) { refreshSelection(selection.nodes || [], selection.edges || []); },
      unselectAll() { refreshSelection([], []); },
      getSelectedNodes: () => [...selectedNodes],
      highlight(nodeIds, edgeIds) {
        kept = nodeIds || edgeIds ? { nodes: nodeIds || new Set(), edges: edgeIds || new Set() } : null;
        // One pass each over graphology's nodes and edges, which sigma redraws without re-indexing.
        graph.updateEachNodeAttributes((id, old) => Object.assign(old, { color: nodeAttributes(items.get(id)).color }), { attributes: ["color"] });
        graph.updateEachEdgeAttributes((id, old) => { const a = edgeAttributes(edgeItems.get(id)); return Object.assign(old, { color: a.color, size: a.size }); },
          { attributes: ["color", "size"] });
      },
      edgeLook(id) {
        const e = edgeItems.get(id);
        return { color: e.color && e.color.color, opacity: selectedEdges.has(id) ? 1 : edgeOpacity(e), width: edgeWidth(e) };
      },
      getSelectedEdges: () => [...selectedEdges],
      getPositions(ids) {
        const out = {};
        for (const id of ids || items.keys()) { const n = items.get(id); if (n) out[id] = { x: n.x, y: n.y }; }
        return out;
      },
      canvasToDOM(point) { const t = transform(); return { x: point.x * t.scale + t.x, y: point.y * t.scale + t.y }; },
      node(id) {
        const n = items.get(id);
        if (!n) return null;
        const faded = kept && !kept.nodes.has(id);
        return { x: n.x, y: n.y, size: n.size, label: n.label, fontSize: n.font.size, face: "arial", color: faded ? FADED_TEXT : n.font.color,
                 hidden: n.hidden, opacity: nodeOpacity(n) };
      },
      pixelRatio: () => sigma.pixelRatio || window.devicePixelRatio || 1,
      redraw: () => sigma.render(),
      // The view as one picture: sigma draws edges, actors and labels on separate canvases.
      picture() {
        sigma.render();  // drawn now, so the WebGL buffers still hold the frame
        const layers = sigma.getCanvases();
        const out = document.createElement("canvas");
        out.width = layers.labels.width; out.height = layers.labels.height;
        const context = out.getContext("2d");
        for (const name of ["edges", "nodes", "edgeLabels", "labels"]) if (layers[name]) context.drawImage(layers[name], 0, 0, out.width, out.height);
        return out;
      },
      keys: marked(container),
      edgeMiddle(id, from, to, scale) {
        const offset = (graph.hasEdge(id) && graph.getEdgeAttribute(id, "offset")) || 0;
        const dx = to.x - from.x, dy = to.y - from.y, length = Math.hypot(dx, dy) || 1;
        // Shifted sideways as the edge program shifts the line (px on screen; y down here, up in sigma).
        return { x: (from.x + to.x) / 2 - dy / length * offset / scale, y: (from.y + to.y) / 2 + dx / length * offset / scale };
      },
    };
  }

  // The renderer the build chose; WebGL falls back to vis-network (and says why) where it cannot run.
  function create(choice, container, nodes, edges, options) {
    if (choice.renderer === "webgl") {
      const problem = webglProblem(choice.forced);
      if (!problem) {
        try { return { renderer: webglRenderer(container, nodes, edges, options), fallback: null }; }
        catch (error) { container.replaceChildren(); return { renderer: visRenderer(container, nodes, edges, options), fallback: String(error && error.message || error) }; }
      }
      return { renderer: visRenderer(container, nodes, edges, options), fallback: problem };
    }
    return { renderer: visRenderer(container, nodes, edges, options), fallback: null };
  }
  return { create, webglProblem };
})();
