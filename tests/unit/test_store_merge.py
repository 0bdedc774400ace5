"""The three-way merge by field (pure): only a field both sides changed to different values is a conflict."""

from __future__ import annotations

from workbench.store.merge import MISSING, UNKNOWN, FieldConflict, merge3, show_value

BASE = {"id": "default", "decision": "accepted-risk", "note": "only at deploy", "author": "alice"}


def test_fields_only_i_changed_go_on_top_of_theirs():
    theirs = {**BASE, "note": "checked with the team"}
    mine = {**BASE, "author": "bob"}
    m = merge3(BASE, theirs, mine)
    assert m.conflicts == []
    assert m.merged == {**BASE, "note": "checked with the team", "author": "bob"}
    assert m.mine_applied == [("author",)]


def test_a_field_i_did_not_touch_keeps_their_change():
    theirs = {**BASE, "decision": "wont-fix"}
    m = merge3(BASE, theirs, dict(BASE))
    assert m.conflicts == [] and m.merged == theirs and m.mine_applied == []


def test_a_field_both_changed_differently_is_a_conflict_with_base_theirs_mine():
    theirs = {**BASE, "decision": "wont-fix", "note": "x"}
    mine = {**BASE, "decision": "false-positive", "author": "bob"}
    m = merge3(BASE, theirs, mine)
    assert m.conflicts == [FieldConflict(("decision",), "accepted-risk", "wont-fix", "false-positive")]
    assert m.merged["decision"] == "wont-fix"  # theirs until the user chooses
    assert m.merged["author"] == "bob" and m.merged["note"] == "x"
    assert m.resolved("mine") == {**BASE, "decision": "false-positive", "note": "x", "author": "bob"}
    assert m.resolved("theirs") == {**BASE, "decision": "wont-fix", "note": "x", "author": "bob"}


def test_both_changed_to_the_same_value_is_not_a_conflict():
    theirs = {**BASE, "decision": "wont-fix"}
    m = merge3(BASE, theirs, dict(theirs))
    assert m.conflicts == [] and m.merged == theirs


def test_nested_objects_merge_key_by_key_and_lists_are_one_field():
    base = {"s": {"a": 1, "b": 2}, "steps": [10, 50, 100]}
    theirs = {"s": {"a": 1, "b": 3}, "steps": [10, 50, 100]}
    mine = {"s": {"a": 5, "b": 2}, "steps": [25, 100]}
    m = merge3(base, theirs, mine)
    assert m.conflicts == []
    assert m.merged == {"s": {"a": 5, "b": 3}, "steps": [25, 100]}
    assert sorted(m.mine_applied) == [("s", "a"), ("steps",)]
    both = merge3(base, {**theirs, "steps": [20, 100]}, mine)
    assert [c.name for c in both.conflicts] == ["steps"]


def test_dict_keys_added_and_removed():
    base = {"e": {"x": 1, "y": 2}}
    theirs = {"e": {"x": 1, "y": 2, "t": 3}}  # they added t
    mine = {"e": {"x": 1}}  # I removed y
    m = merge3(base, theirs, mine)
    assert m.conflicts == [] and m.merged == {"e": {"x": 1, "t": 3}}
    clash = merge3(base, {"e": {"x": 1, "y": 9}}, mine)  # they changed y, I removed it
    assert clash.conflicts == [FieldConflict(("e", "y"), 2, 9, MISSING)]
    assert clash.resolved("mine") == {"e": {"x": 1}}


def test_unknown_base_makes_every_difference_a_conflict():
    theirs = {**BASE, "decision": "wont-fix"}
    mine = {**BASE, "author": "bob"}
    m = merge3(None, theirs, mine)
    assert not m.base_known
    assert [(c.name, c.base) for c in m.conflicts] == [("decision", UNKNOWN), ("author", UNKNOWN)]
    assert m.merged == theirs


def test_true_is_not_one():
    m = merge3({"f": 1}, {"f": 1}, {"f": True})
    assert m.merged == {"f": True} and m.mine_applied == [("f",)]


def test_show_value_is_short_and_readable():
    assert show_value("a  b\nc") == "a b c"
    assert show_value(None) == "(blank)" and show_value(MISSING) == "(not set)" and show_value(UNKNOWN) == "(unknown)"
    assert show_value(True) == "yes" and show_value(0.25) == "0.25"
    assert show_value("x" * 100, width=10) == "x" * 9 + "…"


def test_stamps_never_conflict_and_follow_the_content():
    base = {"decision": "accepted-risk", "note": "a", "author": "alice", "at": 1}
    theirs = {**base, "note": "b", "author": "alice", "at": 2}
    mine = {**base, "decision": "wont-fix", "author": "bob", "at": 3}
    m = merge3(base, theirs, mine, stamps={"author", "at"})
    assert m.conflicts == [] and m.merged == {"decision": "wont-fix", "note": "b", "author": "bob", "at": 3}
    # nothing of mine goes on top: the stamps stay theirs, and the merge is theirs exactly
    same = merge3(base, theirs, {**base, "author": "bob", "at": 3}, stamps={"author", "at"})
    assert same.merged == theirs and not same.adds_mine
    # a conflict: the stamps follow the side taken
    clash = merge3(base, theirs, {**base, "note": "c", "author": "bob", "at": 3}, stamps={"author", "at"})
    assert [c.name for c in clash.conflicts] == ["note"]
    assert clash.resolved("mine") == {**base, "note": "c", "author": "bob", "at": 3}
    assert clash.resolved("theirs") == theirs
