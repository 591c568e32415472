"""The keyed reduce of a distributed build, run in one process: however the
documents are split into partitions and the keys among reducers, it gives
the events of one merge of the whole collection."""

from __future__ import annotations

import numpy as np
import pytest
from generated_folders import make_folder

from timeline.engine import reduce
from timeline.engine.reduce import (
    GROUP_BITS,
    connect,
    join_groups,
    key_share,
    merge_routed,
    pick,
    prepare_part,
    route_drafts,
)
from timeline.engine.sources import extract_part, list_sources, plan_tasks
from timeline.events.build import events_from_drafts
from timeline.pipeline import FileResult


def reduced(results: list[FileResult], parts: int, reducers: int):
    """The reduce's steps in order, as the Dask engine chains them."""
    size = -(-len(results) // parts)
    chunks = [results[i:i + size] for i in range(0, len(results), size)]
    prepared = [prepare_part(i, chunk, reducers) for i, chunk in enumerate(chunks)]
    edges = [join_groups(*[key_share(p, r) for p in prepared]) for r in range(reducers)]
    components = connect(edges, len(prepared))
    routed = [route_drafts(p, pick(components, i), reducers) for i, p in enumerate(prepared)]
    return [merge_routed(*[pick(share, r) for share in routed]) for r in range(reducers)]


def events_of(batches) -> list:
    found = [e for per_reducer in batches for batch in per_reducer for e in batch.events]
    return sorted(found, key=lambda e: (e.when.start, e.when.end, e.title, e.id))


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> list[FileResult]:
    folder = tmp_path_factory.mktemp("reduce") / "docs"
    make_folder(folder, 60, seed=7)
    return extract_part(plan_tasks(list_sources([str(folder)])))


@pytest.mark.parametrize(("parts", "reducers"), [(1, 1), (3, 2), (7, 5), (61, 4)])
def test_any_split_gives_the_whole_merge(results: list[FileResult], parts: int,
                                         reducers: int) -> None:
    whole = events_from_drafts([d for r in results for d in r.drafts])
    assert any(len({m.document for m in e.mentions}) > 1 for e in whole)  # merges across files
    assert events_of(reduced(results, parts, reducers)) == whole


def test_colliding_key_hashes_change_no_event(results: list[FileResult],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # Three hash values for every key: nearly everything lands in one
    # component, which must merge as the parts would apart.
    monkeypatch.setattr(reduce, "key_hash", lambda key: len(key) % 3)
    whole = events_from_drafts([d for r in results for d in r.drafts])
    assert events_of(reduced(results, 5, 3)) == whole


def test_each_mention_is_in_one_event_with_its_store_rows(results: list[FileResult]) -> None:
    batches = [b for per in reduced(results, 4, 3) for b in per]
    mentions = [(m.document, m.span) for b in batches for e in b.events for m in e.mentions]
    assert len(mentions) == len(set(mentions)) == sum(len(r.drafts) for r in results)
    for batch in batches:
        for event in batch.events:
            assert batch.bodies[event.id]
            assert not any(k.startswith("s\x1f") for k in batch.keys[event.id])
            assert batch.signatures[event.id]


def test_groups_joined_through_a_chain_of_partitions() -> None:
    # Group 0 of part 0 shares key 11 with group 0 of part 1, which shares
    # key 12 with group 3 of part 2: one component. Group 1 of part 2 stands alone.
    def gid(part: int, group: int) -> int:
        return part << GROUP_BITS | group

    shares = [np.array(rows, dtype=np.int64).reshape(-1, 2) for rows in (
        [[11, gid(0, 0)]], [[11, gid(1, 0)], [12, gid(1, 0)]],
        [[12, gid(2, 3)], [13, gid(2, 1)]])]
    components = connect([join_groups(*shares)], 3)
    roots = {int(g): int(r) for table in components for g, r in table}
    assert roots[gid(0, 0)] == roots[gid(1, 0)] == roots[gid(2, 3)]
    assert gid(2, 1) not in roots
    assert [len(t) for t in components] == [1, 1, 1]


def test_files_without_documents_give_no_event() -> None:
    unread = [FileResult("a.txt", None), FileResult("b.txt", None)]
    assert events_of(reduced(unread, 2, 2)) == []


def test_events_come_back_in_bounded_batches(results: list[FileResult],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reduce, "BATCH_MENTIONS", 10)
    (batches,) = reduced(results, 3, 1)  # one reducer: every component in one task
    assert len(batches) > 10
    for batch in batches:
        # A batch is closed by the event that reaches the bound, never later.
        assert sum(len(e.mentions) for e in batch.events[:-1]) < 10
    whole = events_from_drafts([d for r in results for d in r.drafts])
    assert events_of([batches]) == whole
