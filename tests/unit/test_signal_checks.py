"""Cross-checks between the traffic signals (issue 13: intake never checked that requests/month, mean and peak
rate agree)."""

from __future__ import annotations

from workbench.fit import assess
from workbench.forms import apply_edits, form_field
from workbench.models import Workload
from workbench.signal_checks import traffic_disagreements


def test_figures_that_agree_raise_nothing():
    assert traffic_disagreements(Workload(function_name="f", requests_per_month=120_000_000,
                                          mean_requests_per_second=45.7, peak_requests_per_second=110)) == []
    assert traffic_disagreements(Workload(function_name="f")) == []


def test_requests_per_month_against_the_mean_rate():
    problems = traffic_disagreements(Workload(function_name="f", requests_per_month=120_000_000,
                                              mean_requests_per_second=90))
    assert problems == ["Requests per month (120,000,000) means 45.7 requests/s on average, but Mean requests per "
                        "second is 90: correct whichever is wrong"]


def test_a_peak_below_the_average_that_requests_per_month_imply():
    problems = traffic_disagreements(Workload(function_name="f", requests_per_month=120_000_000,
                                              peak_requests_per_second=20))
    assert problems == ["Peak requests per second (20) is below the average (45.7 from Requests per month): the peak "
                        "is at least the average"]


def test_the_fit_verdict_shows_the_disagreement_as_a_neutral_signal():
    fit = assess(Workload(function_name="f", requests_per_month=120_000_000, mean_requests_per_second=90))
    flagged = [s for s in fit.signals if s.name == "Traffic figures disagree"]
    assert len(flagged) == 1 and flagged[0].direction.value == "neutral"
    assert "means 45.7 requests/s" in flagged[0].reason


def test_a_rule_across_fields_names_the_other_field_in_words():
    base = Workload(function_name="f", mean_requests_per_second=80)
    field = form_field(Workload, "peak_requests_per_second", "Peak requests per second")
    _, errors = apply_edits(Workload, base, [field], {"peak_requests_per_second": "30"})
    message = errors.get("peak_requests_per_second") or errors[""]  # a rule across fields: the whole form
    assert "peak_requests_per_second" not in message and "mean_requests_per_second" not in message
    assert "Peak requests per second (30) must be at least Mean requests per second (80)" in message
