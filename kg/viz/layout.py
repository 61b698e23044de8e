"""Node positions computed ahead, so the browser draws a still graph without running physics.

The ``core_size`` highest-degree nodes get a force-directed (Fruchterman-Reingold) layout in
NumPy; every other node is placed on a small spiral around its best-connected placed
neighbour, and unconnected leftovers on a grid below. The cost stays bounded for any graph
size (the dense force step is O(core_size²)), and a fixed seed makes pages reproducible.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

#: Pixels between neighbouring nodes in vis-network coordinates.
SPACING = 55.0
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
#: Pull towards the centre, so unconnected parts do not drift to the page's edges.
GRAVITY = 4.0


def force_layout(n: int, edges: np.ndarray, *, seed: int = 7, iterations: int = 50) -> np.ndarray:
    """Return ``n`` x 2 positions in [0, 1]² from a dense Fruchterman-Reingold layout."""
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2)).astype(np.float32)
    gravity = np.float32(GRAVITY)
    if n <= 1:
        return pos
    adjacency = np.zeros((n, n), dtype=np.float32)
    if len(edges):
        adjacency[edges[:, 0], edges[:, 1]] = 1.0
        adjacency[edges[:, 1], edges[:, 0]] = 1.0
    k = np.float32(math.sqrt(1.0 / n))
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta**2).sum(axis=-1))
        np.clip(dist, 0.01, None, out=dist)
        force = k * k / dist**2 - adjacency * dist / k
        disp = np.einsum("ijk,ij->ik", delta, force)
        disp -= gravity * (pos - pos.mean(axis=0))  # keeps loose parts near the rest
        length = np.linalg.norm(disp, axis=1)
        np.clip(length, 0.01, None, out=length)
        pos += disp * (temperature / length)[:, None]
        temperature -= cooling
    pos -= pos.min(axis=0)
    span = float(pos.max()) or 1.0
    return pos / span


def layout_positions(
    G: nx.MultiDiGraph, order: list[str], *, core_size: int = 1000, seed: int = 7
) -> dict[str, tuple[float, float]]:
    """Return integer-rounded (x, y) pixel positions for every node of ``G``.

    ``order`` lists the nodes most important first; its first ``core_size`` nodes form the
    force-directed core.
    """
    core = order[: max(core_size, 1)]
    core_index = {n: i for i, n in enumerate(core)}
    pairs = [
        (core_index[u], core_index[v])
        for u, v in G.edges()
        if u in core_index and v in core_index and u != v
    ]
    edges = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    unit = force_layout(len(core), edges, seed=seed)
    scale = SPACING * math.sqrt(max(len(core), 1)) * 1.6
    pos: dict[str, tuple[float, float]] = {
        n: (float(unit[i, 0]) * scale, float(unit[i, 1]) * scale) for n, i in core_index.items()
    }
    children: dict[str, int] = {}
    undirected = G.to_undirected(as_view=True)
    frontier = list(core)
    rank = {n: i for i, n in enumerate(order)}
    while frontier:
        next_frontier = []
        for parent in frontier:
            for child in sorted(undirected.neighbors(parent), key=lambda m: rank.get(m, 0)):
                if child in pos:
                    continue
                k = children.get(parent, 0)
                children[parent] = k + 1
                radius = SPACING * 0.45 * math.sqrt(k + 1)
                angle = k * GOLDEN_ANGLE
                px, py = pos[parent]
                pos[child] = (px + radius * math.cos(angle), py + radius * math.sin(angle))
                next_frontier.append(child)
        frontier = next_frontier
    leftovers = [n for n in order if n not in pos]
    if leftovers:
        columns = max(int(math.sqrt(len(leftovers))), 1)
        top = max((y for _, y in pos.values()), default=0.0) + SPACING * 3
        for i, n in enumerate(leftovers):
            pos[n] = ((i % columns) * SPACING, top + (i // columns) * SPACING)
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in pos.items()}
