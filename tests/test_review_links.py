"""Link decisions through the review service's link side: confirm, split, relink, undo, and two
reviewers whose stale view is refused; everything durable in a real SQLite store and audited."""

from __future__ import annotations

from pathlib import Path

import pytest

from summariser.register.view import agreement_ids
from summariser.review.links import LinkConflict, LinkService
from summariser.store.links import LinkStore
from summariser.store.repo import Store
from tests.export_helpers import build_seed_store


@pytest.fixture
def seeded(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "store.db"
    return path, build_seed_store(path)


def _agreements(path: Path) -> dict[str, str]:
    with Store(path) as store:
        return agreement_ids(store.conn)[1]


def test_the_two_reports_of_the_2019_memorandum_are_shown_together(seeded):
    path, ids = seeded
    with Store(path) as store:
        service = LinkService(store, "ann")
        reports = service.reports(ids["004-a"])
    assert [r.record_id for r in reports] == [ids["004-a"], ids["003-b"]]
    assert reports[1].path.endswith("003_9608eef0915d8430.txt") and reports[1].date_signed == "2019-12-10"
    assert all(r.status == "signed" and r.quotes for r in reports)


def test_split_relink_confirm_and_undo_are_durable_and_audited(seeded):
    path, ids = seeded
    memo, other, jv = ids["004-a"], ids["003-b"], ids["003-a"]
    with Store(path) as store:
        service = LinkService(store, "ann")
        service.reports(memo)
        service.split(memo)
    after_split = _agreements(path)
    assert after_split[memo] != after_split[other]

    with Store(path) as store:
        service = LinkService(store, "ann")
        service.reports(memo)
        (agreement, _), *_ = service.search("joint venture", exclude=memo) or [(None, None)]
        assert agreement == after_split[jv]
        service.relink(memo, agreement)
    relinked = _agreements(path)
    assert relinked[memo] == relinked[jv] != relinked[other]

    with Store(path) as store:
        service = LinkService(store, "ann")
        assert service.undo().action == "undo"  # back to split
        assert service.undo().action == "undo"  # back to the proposal
        assert service.undo() is None
        service.reports(memo)
        service.confirm(memo)
        actions = [e.action for e in LinkStore(store.conn).events(record_id=memo)]
    assert actions == ["split", "relink", "undo", "undo", "confirm"]
    final = _agreements(path)
    assert final[memo] == final[other] != final[jv]


def test_a_decision_on_a_stale_view_is_refused_and_recorded(seeded):
    path, ids = seeded
    memo = ids["004-a"]
    with Store(path) as a_store, Store(path) as b_store:
        ann, bob = LinkService(a_store, "ann"), LinkService(b_store, "bob")
        ann.reports(memo)
        bob.reports(memo)
        ann.split(memo)
        with pytest.raises(LinkConflict, match="ann chose 'split'"):
            bob.confirm(memo)
        # Having now seen ann's decision, bob may overrule it, and ann's undo then conflicts.
        bob.reports(memo)
        bob.confirm(memo)
        with pytest.raises(LinkConflict):
            ann.undo()
        events = [(e.reviewer, e.action) for e in LinkStore(a_store.conn).events(record_id=memo)]
    assert events == [("ann", "split"), ("bob", "conflict"), ("bob", "confirm"), ("ann", "conflict")]
