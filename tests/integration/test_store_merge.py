"""Field-level merge on a real SQLite store shared by two Store objects (alice and bob, as in a pairing session):
a save that meets a newer version merges against the version the edit started from; only a field both changed
is a conflict (base / theirs / mine); taking mine tells the partner and the audit log."""

from __future__ import annotations

import sqlite3

import pytest

from tests.integration._store_docs import Counter, Settings
from workbench.store import Store, StoreConflict, StoreError
from workbench.store.merge import UNKNOWN


@pytest.fixture
def pair(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="alice") as alice, Store.open(path, author="bob") as bob:
        yield alice, bob


def _start(alice: Store, **fields):
    return alice.put(Settings(**fields), expected_version=None, summary="created")


def test_fields_only_i_changed_go_on_top_of_the_partners_newer_version(pair):
    alice, bob = pair
    _start(alice, commitment="none", discount_pct=10.0)
    mine = bob.get(Settings)  # bob starts editing v1
    theirs = alice.get(Settings)
    alice.put(theirs.doc.model_copy(update={"discount_pct": 17.0}), expected_version=theirs.version,
              summary="alice: discount 17%")
    saved = bob.put(mine.doc.model_copy(update={"free_tier": False}), expected_version=mine.version,
                    summary="bob: no free tier")
    assert saved.version == 3
    assert saved.doc == Settings(commitment="none", discount_pct=17.0, free_tier=False)
    stored = alice.get(Settings)
    assert stored.doc == saved.doc and stored.author == "bob"
    last = alice.changes()[-1]
    assert last.version == 3 and "merged over v2 by alice" in last.summary and "bob: no free tier" in last.summary


def test_a_field_both_changed_is_a_conflict_with_base_theirs_and_mine_and_nothing_is_written(pair):
    alice, bob = pair
    _start(alice, commitment="none", discount_pct=10.0)
    mine = bob.get(Settings)
    alice.put(mine.doc.model_copy(update={"discount_pct": 17.0, "note": "agreed"}), expected_version=1)
    before = alice.high_water()
    with pytest.raises(StoreConflict) as caught:
        bob.put(mine.doc.model_copy(update={"discount_pct": 12.0, "free_tier": False}), expected_version=1)
    conflict = caught.value
    assert [(c.name, c.base, c.theirs, c.mine) for c in conflict.fields] == [("discount_pct", 10.0, 17.0, 12.0)]
    assert conflict.current_version == 2 and conflict.current_author == "alice"
    assert conflict.theirs_authors == ("alice",)
    assert "discount_pct" in str(conflict) and "Nothing was saved" in str(conflict)
    assert alice.high_water() == before
    assert alice.get(Settings).doc == Settings(commitment="none", discount_pct=17.0, note="agreed")


def test_taking_mine_replaces_only_the_conflicting_field_and_tells_the_partner(pair):
    alice, bob = pair
    _start(alice, commitment="none", discount_pct=10.0)
    mine = bob.get(Settings)
    alice.put(mine.doc.model_copy(update={"discount_pct": 17.0, "note": "agreed"}), expected_version=1)
    heard = []
    alice.subscribe(heard.extend)
    with pytest.raises(StoreConflict) as caught:
        bob.put(mine.doc.model_copy(update={"discount_pct": 12.0, "free_tier": False}), expected_version=1,
                summary="bob: 12%")
    saved = bob.resolve(caught.value, "mine", summary="bob: 12%")
    # alice's note (a field bob never touched) stays; bob's free_tier and his discount go on top
    assert saved.doc == Settings(commitment="none", discount_pct=12.0, free_tier=False, note="agreed")
    assert alice.get(Settings).version == 3
    alice.poll()
    replaced = [c for c in heard if c.kind == "replaced"]
    assert len(replaced) == 1 and replaced[0].author == "bob" and replaced[0].op == "event"
    assert replaced[0].summary == ("bob replaced alice's value in test.settings 'default' — "
                                   "discount_pct: 17.0 → 12.0")
    log = alice.export_markdown()
    assert "bob replaced alice's value" in log and "took mine for discount_pct" in log


def test_keeping_theirs_saves_my_other_changes_and_writes_nothing_when_there_are_none(pair):
    alice, bob = pair
    _start(alice, commitment="none", discount_pct=10.0)
    mine = bob.get(Settings)
    alice.put(mine.doc.model_copy(update={"discount_pct": 17.0}), expected_version=1)
    with pytest.raises(StoreConflict) as caught:
        bob.put(mine.doc.model_copy(update={"discount_pct": 12.0, "free_tier": False}), expected_version=1)
    saved = bob.resolve(caught.value, "theirs")
    assert saved.doc == Settings(commitment="none", discount_pct=17.0, free_tier=False)
    assert not [c for c in alice.changes() if c.kind == "replaced"]

    mine = bob.get(Settings)
    alice.put(mine.doc.model_copy(update={"note": "alice"}), expected_version=mine.version)
    with pytest.raises(StoreConflict) as caught:
        bob.put(mine.doc.model_copy(update={"note": "bob"}), expected_version=mine.version)
    before = alice.high_water()
    assert bob.resolve(caught.value, "theirs") is None
    assert alice.high_water() == before and alice.get(Settings).doc.note == "alice"


def test_a_resolution_that_meets_yet_another_change_merges_again(pair):
    alice, bob = pair
    _start(alice, discount_pct=10.0)
    mine = bob.get(Settings)
    alice.put(mine.doc.model_copy(update={"discount_pct": 17.0}), expected_version=1)
    with pytest.raises(StoreConflict) as caught:
        bob.put(mine.doc.model_copy(update={"discount_pct": 12.0}), expected_version=1)
    current = alice.get(Settings)
    alice.put(current.doc.model_copy(update={"note": "meanwhile"}), expected_version=current.version)
    saved = bob.resolve(caught.value, "mine")
    assert saved.doc == Settings(discount_pct=12.0, note="meanwhile") and saved.version == 4


def test_both_making_the_same_change_is_not_a_conflict_and_writes_nothing_new(pair):
    alice, bob = pair
    _start(alice, discount_pct=10.0)
    mine = bob.get(Settings)
    alice.put(mine.doc.model_copy(update={"discount_pct": 17.0}), expected_version=1)
    before = alice.high_water()
    saved = bob.put(mine.doc.model_copy(update={"discount_pct": 17.0}), expected_version=1)
    assert saved.version == 2 and saved.author == "alice" and alice.high_water() == before


def test_review_decisions_are_no_longer_last_writer_wins(pair, tmp_path):
    """alice records "accepted risk" while bob is typing his note for "won't fix" on the same finding."""
    from workbench.models import ReviewDecision
    from workbench.readiness.findings import decide

    alice, bob = pair
    fp = "a" * 64
    base = bob.get(ReviewDecision, fp)  # bob opens the prompt: no decision yet
    decide(alice, fp, "accepted-risk", "only written at deploy time", expected_version=None)
    with pytest.raises(StoreConflict) as caught:
        decide(bob, fp, "wont-fix", "not worth it", expected_version=base.version if base else None)
    names = {c.name: c for c in caught.value.fields}
    assert names["decision"].theirs == "accepted-risk" and names["decision"].mine == "wont-fix"
    assert names["decision"].base is UNKNOWN  # both created it: no common base
    assert alice.get(ReviewDecision, fp).doc.decision.value == "accepted-risk"

    # And an edit that started from a known decision: alice changes the note, bob the decision.
    current = alice.get(ReviewDecision, fp)
    decide(alice, fp, "accepted-risk", "checked: only at deploy", expected_version=current.version)
    saved = decide(bob, fp, "wont-fix", "only written at deploy time", expected_version=current.version,
                   author="bob")
    assert saved.doc.decision.value == "wont-fix" and saved.doc.note == "checked: only at deploy"


def test_a_merge_that_would_break_a_rule_across_fields_is_a_conflict(pair):
    """A decision other than patched needs a note: alice clears the note of a patched decision while bob turns
    it into won't fix. Each is valid; together they are not."""
    from workbench.models import ReviewDecision

    alice, bob = pair
    fp = "b" * 64
    alice.put(ReviewDecision(fingerprint=fp, decision="patched", note="see patch", author="alice"),
              expected_version=None)
    mine = bob.get(ReviewDecision, fp)
    alice.put(mine.doc.model_copy(update={"note": ""}), expected_version=mine.version)
    with pytest.raises(StoreConflict) as caught:
        bob.put(ReviewDecision.model_validate({**mine.doc.model_dump(), "decision": "wont-fix"}),
                expected_version=mine.version)
    assert [c.name for c in caught.value.fields] == ["decision"]
    assert "note must say why" in caught.value.invalid
    with pytest.raises(StoreError, match="not valid"):
        bob.resolve(caught.value, "mine")
    assert bob.resolve(caught.value, "theirs") is None


def test_a_document_that_is_one_whole_is_a_plain_conflict(pair):
    alice, bob = pair
    alice.put(Counter(n=1), expected_version=None)
    alice.put(Counter(n=2), expected_version=1)
    with pytest.raises(StoreConflict) as caught:
        bob.put(Counter(n=2), expected_version=1)
    assert caught.value.fields == [] and caught.value.merge is None
    raw = sqlite3.connect(alice.path)
    assert raw.execute("SELECT COUNT(*) FROM revisions WHERE kind = ?", (Counter.KIND,)).fetchone()[0] == 0
    raw.close()


def test_a_deleted_document_is_a_plain_conflict(pair):
    alice, bob = pair
    _start(alice)
    mine = bob.get(Settings)
    alice.delete(Settings, "default", expected_version=1)
    with pytest.raises(StoreConflict) as caught:
        bob.put(mine.doc.model_copy(update={"note": "x"}), expected_version=1)
    assert caught.value.fields == [] and caught.value.current_version is None


def test_a_base_older_than_the_kept_revisions_makes_every_difference_a_conflict(pair, monkeypatch):
    import workbench.store.sqlite_store as store_module

    monkeypatch.setattr(store_module, "REVISIONS_KEPT", 3)
    alice, bob = pair
    _start(alice, note="v1")
    mine = bob.get(Settings)
    for i in range(2, 6):
        alice.put(Settings(note=f"v{i}"), expected_version=i - 1)
    raw = sqlite3.connect(alice.path)
    kept = [v for (v,) in raw.execute("SELECT version FROM revisions WHERE kind = ? ORDER BY version",
                                      (Settings.KIND,))]
    raw.close()
    assert kept == [3, 4, 5]
    with pytest.raises(StoreConflict) as caught:
        bob.put(mine.doc.model_copy(update={"free_tier": False}), expected_version=1)
    assert [(c.name, c.base) for c in caught.value.fields] == [("free_tier", UNKNOWN), ("note", UNKNOWN)]


def test_an_older_store_is_upgraded_with_its_current_versions_as_merge_bases(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="alice") as alice:
        _start(alice, note="before the upgrade")
    raw = sqlite3.connect(path)  # make it a v2 store again: no revisions table
    raw.execute("DROP TABLE revisions")
    raw.execute("PRAGMA user_version = 2")
    raw.commit()
    raw.close()
    with Store.open(path, author="bob") as bob, Store.open(path, author="alice") as alice:
        mine = bob.get(Settings)
        alice.put(mine.doc.model_copy(update={"note": "after"}), expected_version=1)
        saved = bob.put(mine.doc.model_copy(update={"free_tier": False}), expected_version=1)
        assert saved.doc == Settings(note="after", free_tier=False)


def _edit_in_two_processes(tmp_path, path, edits):
    """Start one child per (author, field, value, take), all reading the same base, then let them save at once."""
    import json

    from tests.integration._store_docs import popen_child

    go = tmp_path / "go"
    children = [popen_child("edit", str(path), author, field, json.dumps(value), take, str(go))
                for author, field, value, take in edits]
    for child in children:
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
    go.touch()
    results = []
    for child in children:
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


@pytest.mark.slow
def test_two_processes_changing_different_fields_of_one_version_both_land(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="setup") as setup:
        _start(setup, discount_pct=10.0)
    results = _edit_in_two_processes(tmp_path, path, [("alice", "discount_pct", 17.0, "none"),
                                                      ("bob", "note", "agreed on 17%", "none")])
    assert [r["conflict"] for r in results] == [None, None]
    assert sorted(r["saved"] for r in results) == [2, 3]
    with Store.open(path, author="check") as check:
        assert check.get(Settings).doc == Settings(discount_pct=17.0, note="agreed on 17%")
        merged = [c for c in check.changes(kind=Settings.KIND) if "merged over v2" in c.summary]
        assert len(merged) == 1  # the second to commit merged over the first


@pytest.mark.slow
def test_two_processes_changing_one_field_conflict_and_taking_mine_tells_the_other(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="setup") as setup:
        _start(setup, commitment="none")
    with Store.open(path, author="watcher") as watcher:
        results = _edit_in_two_processes(tmp_path, path, [("alice", "commitment", "compute_sp_1yr", "mine"),
                                                          ("bob", "commitment", "reserved", "mine")])
        winner, loser = sorted(results, key=lambda r: r["conflict"] is not None)
        assert winner["conflict"] is None and winner["saved"] == 2
        assert loser["conflict"] == [["commitment", "none",
                                      "compute_sp_1yr" if winner["author"] == "alice" else "reserved",
                                      "reserved" if loser["author"] == "bob" else "compute_sp_1yr"]]
        assert loser["saved"] == 3
        told = [c for c in watcher.poll() if c.kind == "replaced"]
        assert len(told) == 1 and told[0].author == loser["author"]
        assert f"replaced {winner['author']}'s value" in told[0].summary
