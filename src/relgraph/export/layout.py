"""The page's layout, computed at build time so that the first view is the same on every opening.

Each connected component is laid out on its own, the largest in the middle and the small ones set
aside in a column to its right:

- up to FORCE_LAYOUT_LIMIT actors, a Fruchterman–Reingold simulation (numpy, every pair) cooled to
  rest;
- above it, the same simulation on the component's HUB_ACTORS best-connected actors, then every
  other actor at the mean position of its placed neighbours (breadth-first from the hubs), pushed
  off that point along a golden-angle spiral so that none sit on top of each other. This costs
  O(hubs² + relations), and keeps each actor next to what it is linked to, which the degree-ordered
  spiral it replaces did not.

Deterministic: the start is a spiral ordered by (degree, id), numpy's element-wise float operations
and pairwise sums give the same bits for the same input, and the output is rounded to 0.1 px.

`relgraph build` keeps each layout in its chunk store (remembered_layout, export/memo.py) under
a key of the layout's inputs and this module's code: after an edit the unchanged communities are
read back, the same floats, not simulated again.
"""
from __future__ import annotations

import json
import math
from collections import defaultdict

import numpy as np

from relgraph.export.memo import remembered

FORCE_LAYOUT_LIMIT = 400  # actors in one component laid out by the full simulation (cost grows as n²)
HUB_ACTORS = 300  # above it, the simulation places this many hubs and the rest follow their neighbours
EDGE_LENGTH = 90  # px between linked actors at zoom 1
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def spiral_positions(entity_ids: list[str], degree: dict[str, int]) -> dict[str, tuple[float, float]]:
    """Deterministic positions on a sunflower spiral, best-connected nodes in the middle, unit spacing."""
    order = sorted(entity_ids, key=lambda e: (-degree[e], e))
    return {entity_id: (math.sqrt(i) * math.cos(i * GOLDEN_ANGLE), math.sqrt(i) * math.sin(i * GOLDEN_ANGLE))
            for i, entity_id in enumerate(order)}


def force_positions(members: list[str], links: set[tuple[str, str]], degree: dict[str, int],
                    iterations: int | None = None) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold from the spiral, cooled to rest. Ideal distance 1; a weak pull to the
    centre keeps hubs in the middle; hubs repel more (by their degree), so the core stays readable."""
    if iterations is None:  # small groups settle fast (and an overview has thousands); big ones get fewer, costlier steps
        iterations = 40 if len(members) <= 10 else 300 if len(members) <= 150 else 150
    start = spiral_positions(members, degree)
    x = np.array([start[m][0] for m in members], dtype=np.float64)
    y = np.array([start[m][1] for m in members], dtype=np.float64)
    index = {m: i for i, m in enumerate(members)}
    pairs = np.array([(index[a], index[b]) for a, b in sorted(links)], dtype=np.intp).reshape(-1, 2)
    # A hub pushes others away in proportion to the square root of its degree: labels around it get room.
    charge = np.sqrt(np.array([1.0 + degree[m] for m in members])) / 1.6
    mass = np.outer(charge, charge)
    n = len(members)
    for step in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        weight = dx * dx
        weight += dy * dy
        weight += 1e-9
        np.divide(mass, weight, out=weight)  # repulsion k²/d along the unit vector
        fx, fy = (dx * weight).sum(axis=1), (dy * weight).sum(axis=1)
        if len(pairs):
            ex, ey = x[pairs[:, 0]] - x[pairs[:, 1]], y[pairs[:, 0]] - y[pairs[:, 1]]
            d = np.sqrt(ex * ex + ey * ey + 1e-9)  # attraction d²/k along the unit vector
            for f, e in ((fx, ex * d), (fy, ey * d)):
                np.subtract.at(f, pairs[:, 0], e)
                np.add.at(f, pairs[:, 1], e)
        fx -= 0.05 * x
        fy -= 0.05 * y
        limit = 0.5 * math.sqrt(n) * (1 - step / iterations) + 0.01
        length = np.sqrt(fx * fx + fy * fy) + 1e-9
        move = np.minimum(length, limit) / length
        x += fx * move
        y += fy * move
    return {m: (float(x[i]), float(y[i])) for i, m in enumerate(members)}


def follower_positions(members: list[str], links: set[tuple[str, str]], degree: dict[str, int]) -> dict[str, tuple[float, float]]:
    """A big component: the hubs by simulation, then each other actor beside its placed neighbours."""
    order = sorted(members, key=lambda e: (-degree[e], e))
    hubs = set(order[:HUB_ACTORS])
    adjacent = defaultdict(list)
    for a, b in sorted(links):
        adjacent[a].append(b)
        adjacent[b].append(a)
    # The hubs spread over the area the whole component will fill (its actors at unit spacing).
    placed = force_positions(order[:HUB_ACTORS], {(a, b) for a, b in links if a in hubs and b in hubs}, degree)
    spread = math.sqrt(len(members) / max(1, len(hubs)))
    placed = {m: (x * spread, y * spread) for m, (x, y) in placed.items()}
    frontier, rank = sorted(hubs, key=lambda e: (-degree[e], e)), 0
    while frontier:
        following = []
        for node in frontier:
            for other in adjacent[node]:
                if other in placed:
                    continue
                near = [placed[n] for n in adjacent[other] if n in placed]
                rank += 1
                radius = 0.6 + 0.4 * math.sqrt(rank % 50)
                placed[other] = (sum(p[0] for p in near) / len(near) + radius * math.cos(rank * GOLDEN_ANGLE),
                                 sum(p[1] for p in near) / len(near) + radius * math.sin(rank * GOLDEN_ANGLE))
                following.append(other)
        frontier = following
    return placed


def components(entity_ids: list[str], links: set[tuple[str, str]]) -> list[list[str]]:
    """Connected components, largest first, then by their first id; members in id order."""
    adjacent = defaultdict(set)
    for a, b in links:
        adjacent[a].add(b)
        adjacent[b].add(a)
    seen, found = set(), []
    for start in sorted(entity_ids):
        if start in seen:
            continue
        group, frontier = {start}, [start]
        while frontier:
            frontier = [n for node in frontier for n in adjacent[node] if n not in group]
            group.update(frontier)
        seen |= group
        found.append(sorted(group))
    return sorted(found, key=lambda g: (-len(g), g[0]))


def component_positions(members: list[str], links: set[tuple[str, str]], degree: dict[str, int]):
    if len(members) <= 2:
        return {m: (float(i), 0.0) for i, m in enumerate(members)}
    if len(members) > FORCE_LAYOUT_LIMIT:
        return follower_positions(members, links, degree)
    return force_positions(members, links, degree)


def _links_by_component(groups: list[list[str]], links: set[tuple[str, str]]) -> list[set]:
    component_of = {m: i for i, group in enumerate(groups) for m in group}
    per = [set() for _ in groups]
    for a, b in links:
        per[component_of[a]].add((a, b))
    return per


def layout(entity_ids: list[str], links: set[tuple[str, str]], degree: dict[str, int]) -> tuple[dict, list[list[str]]]:
    """Positions in px for every actor, and the components (the first is the main one)."""
    groups = components(entity_ids, links)
    if not groups:
        return {}, groups
    per = _links_by_component(groups, links)
    positions: dict[str, dict] = {}
    placed = component_positions(groups[0], per[0], degree)
    right = max(p[0] for p in placed.values())
    for m, (px, py) in placed.items():
        positions[m] = {"x": round(px * EDGE_LENGTH, 1), "y": round(py * EDGE_LENGTH, 1)}
    # The small components in columns to the right of the main one: there, but out of its way.
    column_x, top = (right + 2.5) * EDGE_LENGTH, min(p[1] for p in placed.values()) * EDGE_LENGTH
    bottom = max(p[1] for p in placed.values()) * EDGE_LENGTH
    cursor, widest = top, 0.0
    for group, group_links in zip(groups[1:], per[1:]):
        local = component_positions(group, group_links, degree)
        low, high = min(p[1] for p in local.values()), max(p[1] for p in local.values())
        left, width = min(p[0] for p in local.values()), max(p[0] for p in local.values())
        for m, (px, py) in local.items():
            positions[m] = {"x": round(column_x + (px - left) * EDGE_LENGTH * 0.8, 1),
                            "y": round(cursor + (py - low) * EDGE_LENGTH * 0.8, 1)}
        widest = max(widest, (width - left) * EDGE_LENGTH * 0.8)
        cursor += (high - low) * EDGE_LENGTH * 0.8 + EDGE_LENGTH
        if cursor > max(bottom, top + 8 * EDGE_LENGTH):  # a new column rather than one endless one
            column_x, cursor, widest = column_x + widest + 1.5 * EDGE_LENGTH, top, 0.0
    return positions, groups


def encode_layout(result: tuple[dict, list[list[str]]]) -> bytes:
    positions, groups = result
    # JSON writes a float as its repr, which reads back as the same float: the same page bytes
    return json.dumps([[[m, p["x"], p["y"]] for m, p in positions.items()], groups], separators=(",", ":")).encode()


def decode_layout(data: bytes) -> tuple[dict, list[list[str]]]:
    placed, groups = json.loads(data)
    return {m: {"x": x, "y": y} for m, x, y in placed}, groups


def remembered_layout(entity_ids: list[str], links: set[tuple[str, str]], degree: dict[str, int],
                      chunks=None) -> tuple[dict, list[list[str]]]:
    """layout(), or with `chunks` (the build's chunk store) the result kept under its inputs: the
    actors in order, their links and degrees (export/memo.py)."""
    if chunks is None:
        return layout(entity_ids, links, degree)
    inputs = json.dumps([entity_ids, sorted(links), [degree[e] for e in entity_ids]], separators=(",", ":")).encode()
    return remembered(chunks, "layout", __file__, inputs, lambda: layout(entity_ids, links, degree),
                      encode_layout, decode_layout)


def community_layout(groups: dict[str, list[str]], group_links: set[tuple[str, str]], links: set[tuple[str, str]],
                     degree: dict[str, int], chunks=None) -> tuple[dict, dict]:
    """An overview's layout: each community's actors laid out on their own (as layout() does a page)
    around the community's place, and the communities placed by the simulation over the links between
    them, spaced so that most expanded communities do not overlap. Returns the actors' positions and,
    per community, its place and radius (px). `chunks`: see remembered_layout."""
    community_of = {m: g for g, members in groups.items() for m in members}
    inner: dict[str, set] = defaultdict(set)
    for a, b in links:
        inner[community_of[a]].add((a, b))
    local, radius = {}, {}
    for g, members in groups.items():
        placed, _ = remembered_layout(members, inner[g], degree, chunks)
        xs, ys = [p["x"] for p in placed.values()], [p["y"] for p in placed.values()]
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        local[g] = {m: (p["x"] - cx, p["y"] - cy) for m, p in placed.items()}
        radius[g] = max(math.hypot(x, y) for x, y in local[g].values()) + EDGE_LENGTH / 2
    link_degree: dict[str, int] = defaultdict(int)
    for a, b in group_links:
        link_degree[a] += 1
        link_degree[b] += 1
    ids = list(groups)
    centres = component_positions(ids, group_links, link_degree) if len(ids) > 1 else {ids[0]: (0.0, 0.0)}
    ordered = sorted(radius.values())
    spacing = 2.2 * ordered[int(0.9 * (len(ordered) - 1))]  # the 90th percentile: one huge community does not spread all
    positions, places = {}, {}
    for g in ids:
        gx, gy = centres[g][0] * spacing, centres[g][1] * spacing
        places[g] = {"x": round(gx, 1), "y": round(gy, 1), "radius": round(radius[g], 1)}
        for m, (x, y) in local[g].items():
            positions[m] = {"x": round(gx + x, 1), "y": round(gy + y, 1)}
    return positions, places
