"""The session's cost comparison: computed from the store's documents and recorded once per change."""

from __future__ import annotations

from workbench.cost.session import evaluate, persist
from workbench.demo import load_demo
from workbench.models import CostComparison, CostSettings, Workload
from workbench.store import Store


def test_no_workload_means_no_evaluation(tmp_path):
    with Store.open(tmp_path / "s.sqlite", author="a") as store:
        assert evaluate(store) is None


def test_comparison_is_recorded_once_per_workload_version(tmp_path):
    with Store.open(tmp_path / "s.sqlite", author="a") as store:
        load_demo(store)
        evaluation = evaluate(store)
        assert evaluation.error is None and evaluation.result is not None
        assert persist(store, evaluation) is True
        assert persist(store, evaluate(store)) is False  # nothing changed: no second write
        stored = store.get(CostComparison)
        assert stored.version == 1 and stored.doc.workload_version == store.get(Workload).version


def test_two_partners_recording_the_same_change_do_not_conflict(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="alice") as alice, Store.open(path, author="bob") as bob:
        load_demo(alice)
        first, second = evaluate(alice), evaluate(bob)
        assert persist(alice, first) is True
        assert persist(bob, second) is False  # already there (or refused as stale): no error, one document
        assert [c.author for c in alice.changes(kind="cost")] == ["alice"]


def test_shared_settings_change_the_numbers(tmp_path):
    with Store.open(tmp_path / "s.sqlite", author="a") as store:
        load_demo(store)
        before = {s.key: s.monthly_usd for s in evaluate(store).result.scenarios}
        store.put(CostSettings(compute_sp_1yr_pct=50), expected_version=None, summary="50% SP")
        after = {s.key: s.monthly_usd for s in evaluate(store).result.scenarios}
        assert after["lmi_compute_sp_1yr"] < before["lmi_compute_sp_1yr"]
        assert after["lambda_on_demand"] == before["lambda_on_demand"]


def test_an_input_error_names_the_field(tmp_path):
    with Store.open(tmp_path / "s.sqlite", author="a") as store:
        load_demo(store)
        current = store.get(Workload)
        store.put(current.doc.model_copy(update={"duration_avg_ms": None, "duration_p99_ms": None}),
                  expected_version=current.version, summary="unknown duration")
        evaluation = evaluate(store)
        assert evaluation.result is None
        assert evaluation.error_field == "duration_avg_ms"
        assert "duration_avg_ms" in evaluation.error
        assert persist(store, evaluation) is False


def test_cached_price_list_prices_are_used_and_labelled(tmp_path):
    from workbench.cost.override import PriceOverride
    from workbench.cost.session import store_prices

    with Store.open(tmp_path / "s.sqlite", author="a") as store:
        load_demo(store)
        before = evaluate(store).result
        chosen = before.instance.instance_type
        region = before.region
        row = {"vcpu": before.instance.vcpu, "memory_gib": before.instance.memory_gib,
               "arch": "x86_64", "usd_per_hour": before.instance.usd_per_hour * 2}
        store_prices(store, PriceOverride(fetched_on="2026-11-26", source="AWS Price List API",
                                          ec2={region: {chosen: row}}), [region])
        after = evaluate(store).result
        assert "fetched 2026-11-26" in after.catalog_label
        assert after.pricing_date == "2026-11-26"
        lmi_before = next(s.monthly_usd for s in before.scenarios if s.key == "lmi_on_demand")
        lmi_after = next(s.monthly_usd for s in after.scenarios if s.key == "lmi_on_demand")
        assert lmi_after != lmi_before  # the fetched price moved the fleet cost (or the instance choice)
        assert [c.kind for c in store.changes()][-1] == "price-list"
