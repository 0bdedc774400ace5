"""load_demo against the real SQLite store: writes once, never overwrites, tolerates a racing writer."""

from __future__ import annotations

import pytest

from workbench.demo import DEMO_TITLE, load_demo
from workbench.models import CutoverState, ReviewInfo, Workload
from workbench.store import Store


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "demo.sqlite", author="demo-test", session="demo")
    yield s
    s.close()


def test_load_demo_writes_the_labelled_review_workload_and_cutover_plan(store):
    written = load_demo(store)
    assert {type(d) for d in written} == {ReviewInfo, Workload, CutoverState}
    review = store.get(ReviewInfo)
    assert review is not None and review.doc.is_demo and review.doc.title == DEMO_TITLE
    workload = store.get(Workload)
    assert workload is not None and workload.doc.function_name == "orders-api" and workload.version == 1
    assert any("demo" in c.summary for c in store.changes())


def test_load_demo_twice_is_idempotent(store):
    load_demo(store)
    before = store.high_water()
    assert load_demo(store) == []
    assert store.high_water() == before
    assert store.get(Workload).version == 1


def test_load_demo_keeps_what_the_user_changed(store):
    load_demo(store)
    current = store.get(Workload)
    edited = current.doc.model_copy(update={"memory_mb": 3008})
    store.put(edited, expected_version=current.version, summary="user edit")
    load_demo(store)
    again = store.get(Workload)
    assert again.doc.memory_mb == 3008 and again.version == 2


def test_a_document_created_between_get_and_put_is_left_alone(store):
    class LateReader:
        """The real store, but every get answers as if read just before another process wrote."""

        def get(self, cls, doc_id="default"):
            return None

        def put(self, doc, *, expected_version, summary=""):
            return store.put(doc, expected_version=expected_version, summary=summary)

    store.put(ReviewInfo(title="theirs"), expected_version=None)
    written = load_demo(LateReader())
    assert [type(d) for d in written] == [Workload, CutoverState]
    assert store.get(ReviewInfo).doc.title == "theirs"


def test_demo_survives_reopening_the_file(tmp_path):
    path = tmp_path / "reopen.sqlite"
    with Store.open(path, author="a", session="demo") as first:
        load_demo(first)
    with Store.open(path, author="b", session="demo") as second:
        assert load_demo(second) == []
        assert second.get(ReviewInfo).doc.is_demo


def test_the_demo_cutover_is_planned_and_only_it_gets_the_stand_in_session(store):
    from workbench.demo import DemoCutoverSession, demo_cutover_session

    load_demo(store)
    cutover = store.get(CutoverState)
    assert cutover.doc.status.value == "planned" and cutover.doc.new_function_name == "orders-api-lmi"
    assert isinstance(demo_cutover_session(store), DemoCutoverSession)
    real = cutover.doc.model_copy(update={"new_function_name": "payments-lmi"})
    store.put(real, expected_version=cutover.version, summary="a real cutover in the same store")
    assert demo_cutover_session(store) is None  # never answers for a cutover that is not the demo's


def test_the_demo_document_keys_name_every_demo_document():
    from workbench.demo import DEMO_DOCUMENT_KEYS, demo_documents

    assert list(DEMO_DOCUMENT_KEYS) == [(doc.KIND, doc.id) for doc, _ in demo_documents()]


def test_load_demo_puts_back_a_deleted_demo_document(store):
    load_demo(store)
    cutover = store.get(CutoverState)
    store.delete(CutoverState, cutover.doc.id, expected_version=cutover.version, summary="user removed it")
    assert store.exists("cutover", "default") is False and store.exists("workload", "default") is True
    written = load_demo(store)
    assert [type(d) for d in written] == [CutoverState]
    assert store.get(CutoverState) is not None
