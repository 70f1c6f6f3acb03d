"""Fair shares of the devices among live pollers whose scopes differ or overlap (pure).

The devices fall into cells, one per (community, zone). Each cell is split evenly among the
live pollers whose scope covers it, so two pollers that can both poll a device share that
kind of device half and half, whatever else either of them polls. A cell's remainder (its
count modulo the pollers covering it) goes one device each to the pollers that have had
fewest such extras so far, so many small cells do not all favour the same poller. Every
poller computes the same table from the same figures, so their shares add up exactly to
each cell's count.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

Cell = tuple[int, int | None]  # (community id, zone id or None)


def split(
    cells: Mapping[Cell, int],
    pollers: Sequence[int],
    covers: Callable[[int, Cell], bool],
) -> dict[int, dict[Cell, int]]:
    """Each poller's target in each cell it covers.

    Args:
        cells: devices to poll per cell.
        pollers: ids of the live pollers.
        covers: whether a poller's scope includes a cell.

    Returns:
        poller id → cell → devices it should hold there (cells with no poller are left out).
    """
    out: dict[int, dict[Cell, int]] = {p: {} for p in pollers}
    extras = dict.fromkeys(pollers, 0)
    for cell in sorted(cells, key=lambda c: (c[0], -1 if c[1] is None else c[1])):
        n = cells[cell]
        ids = sorted(p for p in pollers if covers(p, cell))
        if not ids or n <= 0:
            continue
        base, rest = divmod(n, len(ids))
        lucky = set(sorted(ids, key=lambda p: (extras[p], p))[:rest])
        for p in ids:
            out[p][cell] = base + (1 if p in lucky else 0)
            if p in lucky:
                extras[p] += 1
    return out


__all__ = ["Cell", "split"]
