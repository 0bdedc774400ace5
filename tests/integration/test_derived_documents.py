"""The fit verdict and the starting configuration follow the workload in the store."""

from __future__ import annotations

from workbench.derived import refresh_configuration, refresh_fit
from workbench.demo import load_demo
from workbench.models import FitAssessment, LmiConfiguration, Provenance, ProvenanceSource, Workload
from workbench.store import Store


def _change(store, **update):
    current = store.get(Workload)
    changed = Workload.model_validate({**current.doc.model_dump(), **update})
    store.put(changed, expected_version=current.version, summary="edit")


def test_fit_is_recorded_once_per_workload_change(tmp_path):
    with Store.open(tmp_path / "s.sqlite", author="a") as store:
        load_demo(store)
        assert refresh_fit(store) is True
        assert refresh_fit(store) is False
        fit = store.get(FitAssessment)
        assert fit.doc.workload_version == store.get(Workload).version
        _change(store, runtime="ruby3.3")
        assert refresh_fit(store) is True
        fit = store.get(FitAssessment).doc
        assert fit.verdict.value == "standard-lambda-better" or fit.blockers
        assert any("ruby3.3" in b.message for b in fit.blockers)


def test_configuration_is_derived_and_follows_the_workload(tmp_path):
    with Store.open(tmp_path / "s.sqlite", author="a") as store:
        load_demo(store)
        assert refresh_configuration(store) is None
        first = store.get(LmiConfiguration)
        assert first is not None and first.doc.min_execution_environments >= 3
        _change(store, environment="non-production", baseline_concurrent_executions=1)
        refresh_configuration(store)
        after = store.get(LmiConfiguration)
        assert after.version == first.version + 1
        assert after.doc.min_execution_environments == 1  # 1 is allowed outside production
        assert "non-production" in after.doc.provenance["min_execution_environments"].detail


def test_values_a_person_set_survive_a_workload_change(tmp_path):
    with Store.open(tmp_path / "s.sqlite", author="a") as store:
        load_demo(store)
        refresh_configuration(store)
        current = store.get(LmiConfiguration)
        edited = current.doc.model_copy(update={
            "max_vcpu_count": 64,
            "provenance": {**current.doc.provenance,
                           "max_vcpu_count": Provenance(source=ProvenanceSource.USER, detail="set by a")},
        })
        store.put(edited, expected_version=current.version, summary="cap vCPUs")
        _change(store, duration_avg_ms=500.0, duration_p99_ms=900.0)
        assert refresh_configuration(store) is None
        assert store.get(LmiConfiguration).doc.max_vcpu_count == 64


def test_unsupported_runtime_is_a_message_not_a_crash(tmp_path):
    with Store.open(tmp_path / "s.sqlite", author="a") as store:
        load_demo(store)
        _change(store, runtime="ruby3.3")
        problem = refresh_configuration(store)
        assert problem and "ruby3.3" in problem and "does not yet support" in problem
