"""Where event titles go on the canvas. Qt-free, so it is tested headless.

A title starts just right of its marker (or bar) and stops short of the next
marker or bar in its row, so it never covers one; titles are placed most
important first, and one that would collide with a placed title, or that has
too little room to be readable, is left out. The room for every candidate is
found with vectorised searchsorted; only the candidates that have room enter
the (bounded) Python loop.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

_ROW_SCALE = 4e6    # rows and pixel x combined into one sortable key
_CLIP = 1e6         # pixel positions far off-screen are clipped to this


@dataclass(frozen=True)
class LabelGeometry:
    """Sizes in pixels."""

    marker: float = 11.0
    gap: float = 5.0
    min_px: float = 36.0
    max_px: float = 340.0


@dataclass(frozen=True, eq=False)
class Candidates:
    """One entry per drawn item of the frame, in device pixels."""

    row: np.ndarray     # int rows
    x0: np.ndarray      # start of span
    x1: np.ndarray      # end of span
    xm: np.ndarray      # marker centre
    wide: np.ndarray    # bool: a range bar wide enough to be drawn as a bar
    weight: np.ndarray  # priority, higher first (inf for the selection)
    left: float
    right: float


@dataclass(frozen=True)
class Placement:
    """A title to draw: candidate ``k`` at ``x`` with ``width`` pixels of room."""

    k: int
    x: float
    width: float
    full: float  # the title's natural width; wider than ``width`` means elide


def obstacle_edges(c: Candidates, g: LabelGeometry) -> np.ndarray:
    """Left edge of each item's drawn marker or bar."""
    return np.where(c.wide, np.maximum(c.x0, c.left), c.xm - g.marker / 2)


def anchors(c: Candidates, g: LabelGeometry) -> np.ndarray:
    """Where each title would start: beside its marker or bar; for a span that
    reaches past an edge of the view, at the visible start of the span."""
    natural = np.where(c.wide, c.x1, c.xm + g.marker / 2) + g.gap
    inside = (natural > c.right - g.min_px) & (c.x0 < c.right - g.min_px)
    natural = np.where(inside, np.maximum(c.x0, c.left) + g.gap, natural)
    return np.maximum(natural, c.left + g.gap)


def rooms(c: Candidates, g: LabelGeometry, start: np.ndarray) -> np.ndarray:
    """Pixels free from ``start`` to the next obstacle in the row, the view's
    right edge or the longest title allowed, whichever is nearest."""
    edges = np.clip(obstacle_edges(c, g), -_CLIP, _CLIP)
    keys = c.row * _ROW_SCALE + edges
    order = np.argsort(keys, kind="stable")
    sorted_keys, sorted_rows = keys[order], c.row[order]
    query = c.row * _ROW_SCALE + np.clip(start, -_CLIP, _CLIP)
    nxt = np.searchsorted(sorted_keys, query, side="right")
    has_next = nxt < len(sorted_keys)
    nxt_safe = np.minimum(nxt, len(sorted_keys) - 1)
    same_row = has_next & (sorted_rows[nxt_safe] == c.row)
    next_edge = np.where(same_row, sorted_keys[nxt_safe] - c.row * _ROW_SCALE, np.inf)
    return np.minimum.reduce([next_edge - start - 4, np.full(len(start), g.max_px),
                              np.full(len(start), c.right - 4) - start])


def place_labels(c: Candidates, width_of: Callable[[int], float], limit: int = 400,
                 g: LabelGeometry | None = None) -> list[Placement]:
    """Titles to draw, most important first; never two overlapping in a row."""
    g = g or LabelGeometry()
    if not len(c.row):
        return []
    start = anchors(c, g)
    room = rooms(c, g, start)
    viable = np.flatnonzero(room >= min(g.min_px, 12.0))
    order = viable[np.lexsort((c.x0[viable], -c.weight[viable]))][:limit]
    taken: dict[int, list[tuple[float, float]]] = {}
    out: list[Placement] = []
    for k, x, free, row in zip(order.tolist(), start[order].tolist(), room[order].tolist(),
                               c.row[order].tolist(), strict=True):
        full = width_of(k)
        width = min(full, free)
        if width < min(full, g.min_px):
            continue
        spans = taken.setdefault(row, [])
        if any(a < x + width and x < b for a, b in spans):
            continue
        spans.append((x, x + width))
        out.append(Placement(k, x, width, full))
    return out
