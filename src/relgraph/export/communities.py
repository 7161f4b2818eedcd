"""Communities of actors for the overview page: label propagation in numpy, repeated on the graph of
communities until no merge gains modularity.

Each round every actor takes the label that weighs most among its neighbours (its own counted
too, so that a settled actor stays); ties are broken by a seeded draw, so the result is the same
on every run (numpy's PCG64 stream is fixed by its seed). A pass of rounds groups actors into small
communities; the communities then become the nodes of a weighted graph (the relations between two
communities its weight) and the same passes run on it, up to MAX_LEVELS times, until a level
merges nothing. Cost: O(relations · log relations) per round, all in numpy (networkx's
Louvain takes 17 s at 100k relations and its label propagation 27 s at 1M; see docs/html-page.md).
"""
from __future__ import annotations

import numpy as np

from relgraph.export.memo import remembered

ROUNDS = 4  # rounds per level: most moves happen in the first few, and the next level goes on merging

MAX_LEVELS = 10
SEED = 7


def propagate(n: int, a: np.ndarray, b: np.ndarray, weight: np.ndarray, strength: np.ndarray, rng, rounds: int) -> np.ndarray:
    """One level: labels (0..k-1, renumbered) after at most `rounds` rounds. Each round every actor scores
    the labels of its neighbours, and its own, by modularity gain (the weight of its links to the
    label, less what chance would give: its strength times the label's over twice the total), and
    half of the actors, drawn by the seeded stream, take their best: all moving at once would swap
    labels back and forth."""
    src = np.concatenate([a, b, np.arange(n)])
    dst = np.concatenate([b, a, np.arange(n)])
    w = np.concatenate([weight, weight, np.zeros(n)])  # the zero entries put each actor's own label among its choices
    total = max(float(strength.sum()), 1.0)
    labels = np.arange(n)
    for _ in range(rounds):
        key = src * n + labels[dst]
        unique, inverse = np.unique(key, return_inverse=True)
        links = np.bincount(inverse, weights=w, minlength=len(unique))
        node, label = unique // n, unique % n
        label_strength = np.bincount(labels, weights=strength, minlength=n)[label] - np.where(label == labels[node], strength[node], 0.0)
        score = links - strength[node] * label_strength / total + rng.random(len(links)) * 1e-9
        # unique is sorted by node, then label: each node's candidates are one run of entries.
        starts = np.flatnonzero(np.r_[True, node[1:] != node[:-1]])
        top = np.maximum.reduceat(score, starts)
        winners = np.flatnonzero(score == np.repeat(top, np.diff(np.r_[starts, len(score)])))
        first = winners[np.r_[True, node[winners][1:] != node[winners][:-1]]]
        best = np.empty(n, dtype=np.int64)
        best[node[first]] = label[first]
        moved = np.where(rng.random(n) < 0.5, best, labels)
        if np.array_equal(moved, labels) and np.array_equal(best, labels):
            break
        labels = moved
    _, renumbered = np.unique(labels, return_inverse=True)
    return renumbered


def communities(n: int, pairs: np.ndarray) -> np.ndarray:
    """The community of each of n actors (numbered 0..k-1), from the (a, b) index pairs of their
    relations: levels run until one merges nothing (no move gains modularity) or MAX_LEVELS."""
    rng = np.random.default_rng(SEED)
    member_of = np.arange(n)
    a, b = pairs[:, 0].astype(np.int64), pairs[:, 1].astype(np.int64)
    weight = np.ones(len(a))
    strength = np.bincount(a, minlength=n) + np.bincount(b, minlength=n).astype(np.float64)
    size = n
    for _ in range(MAX_LEVELS):
        if len(a) == 0:
            break
        labels = propagate(size, a, b, weight, strength, rng, ROUNDS)
        merged = int(labels.max()) + 1
        if merged == size:
            break
        member_of = labels[member_of]
        # The graph of communities: relations between two of them add up to one weighted link.
        strength = np.bincount(labels, weights=strength, minlength=merged)
        ca, cb = labels[a], labels[b]
        between = ca != cb
        lo, hi = np.minimum(ca[between], cb[between]), np.maximum(ca[between], cb[between])
        key, inverse = np.unique(lo * merged + hi, return_inverse=True)
        weight = np.bincount(inverse, weights=weight[between], minlength=len(key))
        a, b, size = key // merged, key % merged, merged
    return member_of


def remembered_communities(n: int, pairs: np.ndarray, chunks=None) -> np.ndarray:
    """communities(), or with `chunks` (the build's chunk store) the labels kept under n and the
    pairs (export/memo.py): after an edit that moves no relation's ends, not propagated again."""
    if chunks is None:
        return communities(n, pairs)
    inputs = n.to_bytes(8, "little") + np.ascontiguousarray(pairs, dtype=np.int64).tobytes()

    def decode(data: bytes) -> np.ndarray:
        labels = np.frombuffer(data, dtype=np.int64)
        if len(labels) != n:
            raise ValueError("not one label an actor")
        return labels
    return remembered(chunks, "communities", __file__, inputs, lambda: communities(n, pairs),
                      lambda labels: np.asarray(labels, dtype=np.int64).tobytes(), decode)
