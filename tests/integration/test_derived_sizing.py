"""A session's configuration re-derived from the workload builds on the sizing values a person (or a workload
file) set: what follows from them is derived from them, and their provenance stays theirs."""

from __future__ import annotations

from workbench.derived import refresh_configuration, refresh_fit
from workbench.models import FitAssessment, LmiConfiguration, Provenance, ProvenanceSource, Workload
from workbench.store import Store


def test_concurrency_follows_a_persons_memory_when_the_workload_changes(tmp_path):
    workload = Workload(function_name="orders", runtime="nodejs22.x", memory_mb=1024, cpu_profile="io-bound",
                        duration_avg_ms=100.0, peak_requests_per_second=50.0)
    with Store.open(tmp_path / "s.sqlite", author="a") as store:
        store.put(workload, expected_version=None, summary="workload")
        assert refresh_configuration(store) is None
        config = store.get(LmiConfiguration)
        assert config.doc.per_execution_environment_max_concurrency == 64  # 4,096 MB at 4:1 = 1 vCPU
        edited = config.doc.model_copy(update={
            "memory_mb": 16384,
            "provenance": {**config.doc.provenance,
                           "memory_mb": Provenance(source=ProvenanceSource.USER, detail="set by a")}})
        store.put(edited, expected_version=config.version, summary="memory")
        current = store.get(Workload)
        store.put(current.doc.model_copy(update={"duration_avg_ms": 120.0}), expected_version=current.version,
                  summary="slower")
        assert refresh_configuration(store) is None
        after = store.get(LmiConfiguration).doc
        assert after.memory_mb == 16384 and after.provenance["memory_mb"].source is ProvenanceSource.USER
        assert after.per_execution_environment_max_concurrency == 256  # 64 per vCPU × the 4 vCPU of 16,384 MB
        # the fit's /tmp signal reads the stored configuration's concurrency
        current = store.get(Workload)
        store.put(current.doc.model_copy(update={"tmp_use_mb_per_invocation": 4.0}),
                  expected_version=current.version, summary="tmp")
        refresh_configuration(store)
        refresh_fit(store)
        signal = next(s for s in store.get(FitAssessment).doc.signals if s.name == "tmp")
        assert signal.finding == "4 MB × 256 = 1,024 MB of 512 MB /tmp: overflows"


def test_values_that_no_longer_fit_are_explained_not_raised(tmp_path):
    workload = Workload(function_name="orders", runtime="nodejs22.x", memory_mb=1024)
    with Store.open(tmp_path / "s.sqlite", author="a") as store:
        store.put(workload, expected_version=None, summary="workload")
        refresh_configuration(store)
        config = store.get(LmiConfiguration)
        edited = config.doc.model_copy(update={
            "max_vcpu_count": 3,
            "provenance": {**config.doc.provenance,
                           "max_vcpu_count": Provenance(source=ProvenanceSource.USER, detail="set by a")}})
        store.put(edited, expected_version=config.version, summary="cap")
        current = store.get(Workload)
        # 10 GB at 4:1 → 16,384 MB = 4 vCPU: 3 EEs need 12 vCPU, more than the person's 3
        store.put(current.doc.model_copy(update={"memory_mb": 10240}), expected_version=current.version,
                  summary="bigger")
        problem = refresh_configuration(store)
        assert problem is not None and "no longer fit" in problem
        assert store.get(LmiConfiguration).doc.max_vcpu_count == 3  # kept as it was
