"""Fair shares of the devices among pollers with different scopes (``services.pollers.shares``)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ops_console.services.pollers.shares import split


def test_one_scope_splits_evenly():
    cells = {(1, None): 10, (2, 7): 4}
    got = split(cells, [5, 9], lambda p, c: True)
    assert got == {5: {(1, None): 5, (2, 7): 2}, 9: {(1, None): 5, (2, 7): 2}}


def test_remainders_of_many_small_cells_do_not_all_go_to_one_poller():
    cells = {(1, z): 3 for z in range(100)}
    got = split(cells, [1, 2], lambda p, c: True)
    assert sorted(sum(t.values()) for t in got.values()) == [150, 150]


def test_a_cell_goes_only_to_the_pollers_that_cover_it():
    cells = {(1, None): 9, (2, None): 6}
    got = split(cells, [1, 2, 3], lambda p, c: p == 1 or c[0] == 1)
    assert got[1] == {(1, None): 3, (2, None): 6}
    assert got[2] == got[3] == {(1, None): 3}
    assert split(cells, [], lambda p, c: True) == {}


@given(
    st.dictionaries(
        st.tuples(st.integers(1, 5), st.one_of(st.none(), st.integers(1, 5))),
        st.integers(0, 50),
        max_size=12,
    ),
    st.sets(st.integers(1, 6), min_size=1, max_size=4),
    st.integers(0, 2**16),
)
def test_shares_add_up_to_each_cell_and_differ_by_one_at_most(cells, pollers, mask):
    ids = sorted(pollers)

    def covers(p: int, c: tuple[int, int | None]) -> bool:
        return p == ids[0] or bool(mask >> ((p * 7 + c[0] * 3 + (c[1] or 0)) % 16) & 1)

    got = split(cells, ids, covers)
    for cell, n in cells.items():
        mine = [got[p].get(cell, 0) for p in ids if covers(p, cell)]
        assert sum(mine) == n
        assert max(mine) - min(mine) <= 1
        assert all(cell not in got[p] for p in ids if not covers(p, cell))
