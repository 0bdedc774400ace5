"""Workload files: one loader for the TUI and the CLI (a bad file is a message naming it; the store is left as
it was), loading again changes nothing, saving asks before replacing a file."""

from __future__ import annotations

import yaml

from tests.flows._stores import alice, bob, file_state, store_path  # noqa: F401 - fixtures
from workbench.flows.result import Outcome
from workbench.flows.workload import (
    load_workload_file,
    read_workload_file,
    replace_question,
    save_workload_file,
)
from workbench.models import LmiConfiguration, Workload
from workbench.store import Store

WORKLOAD = dict(function_name="orders-api", region="us-east-1", requests_per_month=120_000_000,
                peak_requests_per_second=110.0, runtime="nodejs22.x", architecture="arm64", memory_mb=1536,
                duration_avg_ms=180.0, duration_p99_ms=900.0, cpu_profile="io-bound", environment="production")


def write(tmp_path, name="orders.yaml", workload=None, config=None):
    path = tmp_path / name
    data: dict = {"workload": workload or WORKLOAD}
    if config is not None:
        data["lmi_configuration"] = config
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_a_file_becomes_the_sessions_workload_and_the_history_names_it(alice, tmp_path):
    path = write(tmp_path)
    result = load_workload_file(alice, path)
    assert result.outcome is Outcome.DONE and result.message == f"Loaded {path}"
    assert alice.get(Workload).doc.function_name == "orders-api"
    assert any("loaded from orders.yaml" in c.summary for c in alice.changes())


def test_loading_the_same_file_again_changes_nothing(alice, tmp_path):
    path = write(tmp_path)
    load_workload_file(alice, path)
    version = alice.get(Workload).version
    result = load_workload_file(alice, path)
    assert result.outcome is Outcome.UNCHANGED and result.ok
    assert alice.get(Workload).version == version


def test_the_files_own_configuration_is_recorded_with_it(alice, tmp_path):
    path = write(tmp_path, config={"max_vcpu_count": 16})
    assert load_workload_file(alice, path).outcome is Outcome.DONE
    assert alice.get(LmiConfiguration).doc.max_vcpu_count == 16


def test_a_bad_file_is_named_with_its_problem_and_the_store_keeps_what_it_had(alice, tmp_path):
    load_workload_file(alice, write(tmp_path))
    before = alice.get(Workload)
    bad = tmp_path / "bad.yaml"
    bad.write_text("workload:\n  function_name: x\n  memory_mb: lots\n")
    result = load_workload_file(alice, bad)
    assert result.outcome is Outcome.INVALID and result.severity == "error"
    assert "bad.yaml" in result.message and "memory" in result.message
    assert alice.get(Workload) == before


def test_a_control_character_or_deep_nesting_never_raises(alice, tmp_path):
    for name, text in (("esc.yaml", "workload:\n  function_name: \x1b[31mx\n"),
                       ("deep.yaml", "workload: " + "[" * 5000 + "]" * 5000 + "\n")):
        path = tmp_path / name
        path.write_text(text)
        result = load_workload_file(alice, path)
        assert result.outcome is Outcome.INVALID and name in result.message
    assert alice.get(Workload) is None


def test_a_bad_configuration_setting_names_the_file(tmp_path):
    result = read_workload_file(write(tmp_path, config={"max_vcpu_count": -3}))
    assert result.outcome is Outcome.INVALID and "orders.yaml" in result.message
    assert "max_vcpu_count" in result.message


def test_a_runtime_lmi_cannot_run_is_said_and_the_workload_is_still_read(tmp_path):
    result = read_workload_file(write(tmp_path, workload={**WORKLOAD, "runtime": "go1.x"},
                                      config={"max_vcpu_count": 16}))
    assert result.outcome is Outcome.INVALID and result.unsupported_runtime
    assert result.workload is not None and result.configuration is None


def test_a_read_only_session_refuses_and_leaves_the_file_unchanged(alice, store_path, tmp_path):
    path = write(tmp_path)
    alice.close()
    before = file_state(store_path)
    with Store.open(store_path, author="viewer", readonly=True, session="s", announce=False) as viewer:
        assert load_workload_file(viewer, path).outcome is Outcome.REFUSED
    assert file_state(store_path) == before


def test_a_partner_edit_since_is_merged_not_replaced(alice, bob, tmp_path):
    from workbench.flows.documents import save_document

    load_workload_file(alice, write(tmp_path))
    seen = bob.get(Workload)
    save_document(bob, seen.doc.model_copy(update={"memory_mb": 4096}), expected_version=seen.version,
                  summary="bob: more memory")
    result = load_workload_file(alice, write(tmp_path, "next.yaml", workload={**WORKLOAD, "requests_per_month": 5}))
    assert result.ok
    stored = alice.get(Workload).doc
    assert stored.requests_per_month == 5  # the file's value
    assert stored.memory_mb == 1536  # the file says 1536 too: a load is the file's workload, read fresh


def test_saving_to_a_new_file_writes_it(tmp_path):
    from workbench.workload_files import load_workload

    path = tmp_path / "out.json"
    assert replace_question(path) is None
    result = save_workload_file(path, Workload(**WORKLOAD), confirmed=False)
    assert result.outcome is Outcome.DONE and load_workload(path).function_name == "orders-api"


def test_an_existing_file_is_replaced_only_when_confirmed(tmp_path):
    path = tmp_path / "out.yaml"
    path.write_text("mine: keep me\n")
    assert replace_question(path) == (f"Replace {path}?", "A file of that name already exists.")
    result = save_workload_file(path, Workload(**WORKLOAD), confirmed=False)
    assert result.outcome is Outcome.DECLINED and path.read_text() == "mine: keep me\n"
    assert save_workload_file(path, Workload(**WORKLOAD), confirmed=True).outcome is Outcome.DONE
    assert "orders-api" in path.read_text()


def test_an_unknown_extension_or_missing_folder_is_a_clear_message(tmp_path):
    for path, words in ((tmp_path / "out.docx", "out.docx"), (tmp_path / "nope" / "out.yaml", "does not exist")):
        result = save_workload_file(path, Workload(**WORKLOAD), confirmed=True)
        assert result.outcome is Outcome.INVALID and words in result.message
        assert not path.exists()
