"""Every shared document names its fields as the screens do (issue 13 item 6: messages use the labels on screen).

A conflict dialog, the partner's "your value was replaced" notice and the audit log name the fields a conflict is
about. Only documents merged by field have such fields (a whole document's stale save is a plain conflict that
names none), so each of those labels every field, nested models' fields included; ``workbench.labels`` is the one
place the names come from.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

import pytest
from pydantic import BaseModel, Field

import workbench
from workbench.documents import Document, document_kinds
from workbench.labels import (
    changes_in_words,
    document_named,
    field_label,
    field_labels,
    named_for_kind,
    unlabelled,
    words,
)
from workbench.models import load_all

load_all()
ROOT = Path(workbench.__file__).parent


def _product_documents() -> dict[str, type[Document]]:
    return {kind: cls for kind, cls in document_kinds().items() if cls.__module__.startswith("workbench.")}


def test_the_iteration_sees_every_document_class_of_the_product():
    """A document kind declared anywhere in workbench/ is registered by ``load_all`` (so the tests below cover it)."""
    declared = set()
    for path in ROOT.rglob("*.py"):
        declared.update(re.findall(r'^    KIND: ClassVar\[str\] = "([^"]+)"', path.read_text(), re.M))
    assert declared and declared <= set(_product_documents())


MERGED = sorted((kind, cls) for kind, cls in _product_documents().items() if cls.MERGE_BY_FIELD)


def test_the_shared_documents_merged_by_field_are_the_ones_people_edit():
    assert {kind for kind, _ in MERGED} >= {"workload", "lmi-config", "cost-settings", "decision", "cutover",
                                            "review", "patch"}


@pytest.mark.parametrize(("kind", "cls"), MERGED, ids=[kind for kind, _ in MERGED])
def test_every_field_a_conflict_can_name_has_a_label(kind, cls):
    assert cls.TITLE and "_" not in cls.TITLE, f"{cls.__name__} has no TITLE for the notices and the audit log"
    assert unlabelled(cls) == [], f"{cls.__name__} fields without a label on screen (title=...)"
    for name, label in field_labels(cls).items():
        if name == "id":
            continue
        assert label != name and "_" not in label.replace("/tmp", ""), (name, label)


@pytest.mark.parametrize(("kind", "cls"), sorted((k, c) for k, c in _product_documents().items()
                                                 if not c.MERGE_BY_FIELD))
def test_a_whole_document_never_has_field_conflicts(kind, cls, tmp_path):
    """The other documents are computed wholes: a stale save is a conflict without fields (reload / overwrite)."""
    from workbench.models import DeploymentPlan
    from workbench.store import Store, StoreConflict

    assert not cls.MERGE_BY_FIELD and not cls.LABELS_FROM_NAMES
    if cls is not DeploymentPlan:  # one real store check stands for all: the store reads only MERGE_BY_FIELD
        return
    alice = Store.open(tmp_path / "s.sqlite", author="alice", session="labels")
    try:
        alice.put(cls(notes=["a"]), expected_version=None)
        alice.put(cls(notes=["b"]), expected_version=1)
        with pytest.raises(StoreConflict) as caught:
            alice.put(cls(notes=["c"]), expected_version=1)
        assert caught.value.fields == []
    finally:
        alice.close()


def test_a_document_without_labels_is_caught():
    """The check above can fail: a field without a title on a class not labelled from names is listed."""

    class Part(BaseModel):
        shown: str = Field(default="", title="Shown")
        raw_name: str = ""

    class Unlabelled(Document):
        KIND: ClassVar[str] = "test.unlabelled"
        some_field: int = 0
        labelled: int = Field(default=0, title="Labelled")
        nested: Part | None = None

    assert unlabelled(Unlabelled) == ["some_field", "nested", "nested.raw_name"]
    assert field_label(Unlabelled, ("nested", "raw_name")) == "nested › raw_name"


def test_labels_of_nested_fields_and_of_the_forms():
    from workbench.forms import form_field
    from workbench.models import CostSettings, CutoverState, LmiConfiguration, Workload

    assert field_label(CostSettings, "lambda_compute_sp_pct") == "Lambda Compute SP"
    assert form_field(CostSettings, "lambda_compute_sp_pct").label == "Lambda Compute SP"  # the form's own label
    assert field_label(Workload, "peak_concurrent_executions") == "Peak concurrent executions"
    assert field_label(Workload, "tmp_use_mb_per_invocation") == "/tmp use per invocation (MB)"  # its title wins
    assert field_label(LmiConfiguration, ("provenance", "memory_mb", "source")) == "Provenance › Memory (MB) › Origin"
    assert field_label(CutoverState, "source.stage_name") == "Source › Stage"
    assert words("insights_memory_utilization_pct") == "Insights memory utilization (%)"


def test_the_store_and_its_conflict_message_use_the_labels(tmp_path):
    from workbench.models import CostSettings
    from workbench.store import Store, StoreConflict

    alice = Store.open(tmp_path / "s.sqlite", author="alice", session="labels")
    bob = Store.open(tmp_path / "s.sqlite", author="bob", session="labels")
    try:
        alice.put(CostSettings(reserved_pct=10), expected_version=None)
        alice.put(CostSettings(reserved_pct=40), expected_version=1, summary="alice: 40%")
        with pytest.raises(StoreConflict) as caught:
            bob.put(CostSettings(reserved_pct=30), expected_version=1, summary="bob: 30%")
        assert "you both changed Reserved Instances" in str(caught.value)
        assert "reserved_pct" not in str(caught.value)
        bob.resolve(caught.value, "mine", summary="bob: 30%")
        log = [c.summary for c in alice.changes()]
        assert "bob: 30% (took mine for Reserved Instances)" in log
        assert "bob replaced alice's value in the cost settings — Reserved Instances: 40.0 → 30.0" in log
        assert not [line for line in log if "reserved_pct" in line]
    finally:
        alice.close()
        bob.close()


def test_what_an_edit_changed_in_words():
    from workbench.models import CostSettings

    assert changes_in_words(CostSettings(), CostSettings(lambda_compute_sp_pct=12, free_tier=True)) == (
        "Lambda Compute SP: (blank) → 12.0; Lambda free tier: no → yes")
    assert changes_in_words(CostSettings(), CostSettings()) == ""


def test_a_kind_this_release_does_not_know_keeps_its_field_names():
    from workbench.store.merge import FieldConflict

    assert named_for_kind("cost-settings", [FieldConflict(("reserved_pct",), 1, 2, 3)]) == ["Reserved Instances"]
    assert named_for_kind("from-the-future", [FieldConflict(("a", "b"), 1, 2, 3)]) == ["a.b"]


def test_a_merge_that_is_not_valid_is_explained_with_the_labels(tmp_path):
    """Each side valid, together not: the conflict's reason names the fields as the screens do."""
    from workbench.models import CostSettings
    from workbench.labels import in_words
    from workbench.store import Store, StoreConflict

    assert in_words("lambda_compute_sp_pct must be at most 17 % (got 25)", CostSettings) == (
        "Lambda Compute SP must be at most 17 % (got 25)")
    assert in_words("free tier and instance type", CostSettings) == "free tier and instance type"  # plain words
    store = Store.open(tmp_path / "s.sqlite", author="alice", session="labels")
    try:
        store.put(CostSettings(), expected_version=None)
        store.put(CostSettings(instance_type="m7g.large"), expected_version=1)
        invalid = CostSettings.model_construct(id="default", instance_type=None, lambda_compute_sp_pct=25.0,
                                               lmi_commitment=None, compute_sp_1yr_pct=None,
                                               compute_sp_3yr_pct=None, ec2_instance_sp_pct=None,
                                               reserved_pct=None, free_tier=False, self_managed_packing_pct=60,
                                               allow_estimates=False)
        with pytest.raises(StoreConflict) as caught:
            store.put(invalid, expected_version=1)
        assert caught.value.invalid.startswith("Lambda Compute SP must be between 0 and 17 %")
        assert "lambda_compute_sp_pct" not in str(caught.value)
    finally:
        store.close()


@pytest.mark.parametrize(("kind", "cls"), MERGED, ids=[kind for kind, _ in MERGED])
def test_the_conflict_the_dialog_shows_names_every_field_as_on_screen(kind, cls, tmp_path):
    """What the App's conflict dialog and the CLI show comes from the save flow's FieldChoice labels (and the
    store's message): for each document merged by field, a conflict on every one of its fields."""
    from workbench.flows.documents import conflict_result
    from workbench.store import StoreConflict
    from workbench.store.merge import FieldConflict, Merge

    paths = [(name,) for name in cls.model_fields if name != "id"]
    conflict = StoreConflict(path=tmp_path / "s.sqlite", kind=kind, doc_id="default", expected_version=1,
                             current_version=2, current_author="bob", mine=cls.model_construct(),
                             merge=Merge(merged={}, conflicts=[FieldConflict(p, 1, 2, 3) for p in paths]))
    result = conflict_result(conflict, None, summary="s", what="The document")
    assert [f.name for f in result.fields] == [p[0] for p in paths]
    for choice in result.fields:
        assert choice.label == field_label(cls, choice.name) and "_" not in choice.label.replace("/tmp", "")
    assert f"you both changed {', '.join(f.label for f in result.fields)}. Nothing" in result.message


def test_a_document_is_named_in_words_in_the_notices():
    fingerprint = "3f2a9c0e1b7d" + "0" * 52
    assert document_named("cost-settings", "default") == "the cost settings"
    assert document_named("decision", fingerprint) == "the decision on finding '3f2a9c0e1b7d…'"
    assert document_named("from-the-future", "default") == "from-the-future 'default'"
