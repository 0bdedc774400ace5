"""The traffic-shape classifier and the traffic figures, on hand-made hourly series (pure; no AWS)."""

from __future__ import annotations

import random
import statistics

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.aws import traffic_shape as ts
from workbench.models import TrafficPattern

DAYS = 14
HOURS = DAYS * 24


def diurnal(day: float = 1800, night: float = 200) -> list[float]:
    return [day if 8 <= h % 24 < 20 else night for h in range(HOURS)]


def test_steady_series_has_its_numbers_and_shape() -> None:
    series = [900.0 if h % 2 else 1100.0 for h in range(HOURS)]
    shape = ts.classify(series)
    assert shape.pattern is TrafficPattern.STEADY
    assert shape.stats.mean_per_hour == 1000
    assert shape.stats.cv == pytest.approx(0.1)
    assert shape.stats.peak_to_mean == pytest.approx(1.1)
    assert shape.stats.idle_share == 0
    assert "CV 0.10" in shape.reason


def test_day_night_series_is_predictable_diurnal() -> None:
    shape = ts.classify(diurnal())
    assert shape.pattern is TrafficPattern.PREDICTABLE_DIURNAL
    s = shape.stats
    assert (s.mean_per_hour, s.peak_per_hour) == (1000, 1800)
    assert s.cv == pytest.approx(0.8)  # σ = 800 for a half-and-half 1800/200 split
    assert s.peak_to_mean == pytest.approx(1.8)
    assert s.diurnal_strength == pytest.approx(1.0)


def test_the_profile_follows_the_hour_of_day_the_window_starts_at() -> None:
    # the same day/night curve seen from a window that starts at 13:00 UTC
    shifted = [1800.0 if 8 <= (h + 13) % 24 < 20 else 200.0 for h in range(HOURS)]
    assert ts.classify(shifted, start_hour_of_day=13).stats.diurnal_strength == pytest.approx(1.0)


def test_irregular_spikes_are_bursty() -> None:
    spikes = {7, 40, 75, 101, 150, 199, 230, 262, 300, 333}
    series = [5000.0 if h in spikes else 100.0 for h in range(HOURS)]
    shape = ts.classify(series)
    assert shape.pattern is TrafficPattern.BURSTY
    mean = (326 * 100 + 10 * 5000) / HOURS
    assert shape.stats.mean_per_hour == pytest.approx(mean)
    assert shape.stats.cv == pytest.approx(statistics.pstdev(series) / mean)
    assert shape.stats.peak_to_mean == pytest.approx(5000 / mean)
    assert shape.stats.diurnal_strength < ts.DIURNAL_STRENGTH_MIN


def test_a_few_active_hours_a_day_is_mostly_idle() -> None:
    series = [30.0 if 2 <= h % 24 < 6 else 0.0 for h in range(HOURS)]
    shape = ts.classify(series)
    assert shape.pattern is TrafficPattern.MOSTLY_IDLE
    assert shape.stats.idle_share == pytest.approx(20 / 24)


def test_no_invocations_at_all_is_mostly_idle_and_short_history_is_unknown() -> None:
    none = ts.classify([0.0] * HOURS)
    assert none.pattern is TrafficPattern.MOSTLY_IDLE and none.stats.cv is None
    assert ts.classify([10.0] * (ts.MIN_HOURS - 1)).pattern is TrafficPattern.UNKNOWN
    assert ts.classify([10.0] * ts.MIN_HOURS).pattern is TrafficPattern.STEADY


def test_idle_share_boundary_is_inclusive() -> None:
    # exactly half the hours idle → mostly idle; one hour fewer → not
    half = [0.0 if h % 2 else 100.0 for h in range(HOURS)]
    assert ts.classify(half).stats.idle_share == 0.5
    assert ts.classify(half).pattern is TrafficPattern.MOSTLY_IDLE
    almost = list(half)
    almost[1] = 100.0
    assert ts.classify(almost).pattern is not TrafficPattern.MOSTLY_IDLE


def test_steady_thresholds_are_inclusive() -> None:
    # a two-level series a/b (half each) has CV = |a−b|/(a+b): pick CV exactly 0.3
    series = [130.0 if h % 2 else 70.0 for h in range(HOURS)]
    shape = ts.classify(series)
    assert shape.stats.cv == pytest.approx(0.3)
    assert shape.pattern is TrafficPattern.STEADY
    noisier = [131.0 if h % 2 else 69.0 for h in range(HOURS)]
    random.Random(7).shuffle(noisier)  # the same values in no daily order: CV 0.31, no rhythm
    assert ts.classify(noisier).pattern is TrafficPattern.BURSTY


def test_figures_from_hourly_counts_and_concurrency() -> None:
    counts = diurnal()
    concurrency = [4.0 if 8 <= h % 24 < 20 else 1.0 for h in range(HOURS)]
    f = ts.traffic_figures(counts, concurrency)
    assert f.requests_per_month == 1000 * 730
    assert f.mean_rps == pytest.approx(1000 / 3600)
    assert f.peak_rps == pytest.approx(0.5)
    # median of 168 hours at 1 and 168 at 4 is 2.5 → rounded up to 3
    assert (f.baseline_concurrency, f.peak_concurrency) == (3, 4)
    assert f.concurrency_basis.startswith("ConcurrentExecutions")


def test_without_concurrency_metrics_little_law_estimates_it_and_says_so() -> None:
    counts = [36_000.0] * HOURS  # 10 requests/s
    f = ts.traffic_figures(counts, None, duration_avg_ms=250)
    assert (f.baseline_concurrency, f.peak_concurrency) == (3, 3)  # 10/s × 0.25 s = 2.5 → 3
    assert f.concurrency_basis.startswith("estimated")
    assert ts.traffic_figures(counts, None).baseline_concurrency is None


def test_describe_gives_the_numbers_behind_the_shape() -> None:
    text = ts.classify(diurnal()).describe()
    assert text == "predictable-diurnal (CV 0.80, peak 1.8× mean, 0% idle hours, daily profile 1.00)"


series_strategy = st.lists(st.integers(min_value=0, max_value=10_000), min_size=HOURS, max_size=HOURS)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)  # shared, noisy machines
@given(series_strategy, st.integers(min_value=1, max_value=1000))
def test_the_shape_does_not_depend_on_the_scale(series: list[int], factor: int) -> None:
    a = ts.classify([float(v) for v in series])
    b = ts.classify([float(v * factor) for v in series])
    assert a.pattern is b.pattern
    assert a.stats.idle_share == b.stats.idle_share
    if a.stats.cv is not None:
        assert b.stats.cv == pytest.approx(a.stats.cv)
        assert b.stats.peak_to_mean == pytest.approx(a.stats.peak_to_mean)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)  # shared, noisy machines
@given(series_strategy)
def test_stats_stay_in_their_ranges(series: list[int]) -> None:
    s = ts.classify([float(v) for v in series]).stats
    assert 0 <= s.idle_share <= 1
    if s.peak_to_mean is not None:
        assert s.peak_to_mean >= 1 - 1e-9
    if s.diurnal_strength is not None:
        assert 0 <= s.diurnal_strength <= 1
