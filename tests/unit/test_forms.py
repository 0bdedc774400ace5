"""Field-by-field editing of documents: kinds, parsing, messages; nothing invalid comes out."""

from __future__ import annotations

import pytest

from workbench.forms import apply_edits, check_field, form_field, parse_value
from workbench.models import CostSettings, Workload


def test_field_kinds_come_from_the_model():
    assert form_field(CostSettings, "lmi_commitment").kind == "choice"
    assert "compute_sp_3yr" in form_field(CostSettings, "lmi_commitment").choices
    assert form_field(CostSettings, "free_tier").kind == "bool"
    pct = form_field(CostSettings, "compute_sp_1yr_pct")
    assert pct.kind == "number" and pct.optional and pct.unit == "%"
    assert "between 0 and 66 %" in pct.help  # AWS's maximum for a Compute Savings Plan
    assert form_field(Workload, "memory_mb").kind == "integer"
    assert form_field(Workload, "architecture").kind == "choice"  # an enum


@pytest.mark.parametrize("text, expected", [("1,500", 1500), ("2k", 2000), ("120M", 120_000_000), (" 7 ", 7)])
def test_numbers_accept_separators_and_suffixes(text, expected):
    assert parse_value(form_field(Workload, "requests_per_month"), text) == expected


@pytest.mark.parametrize("name, text, message", [
    ("memory_mb", "12.5", "whole number"),
    ("memory_mb", "lots", "must be a number"),
    ("free_tier", "maybe", "yes or no"),
])
def test_unparseable_text_is_explained(name, text, message):
    model = CostSettings if name == "free_tier" else Workload
    with pytest.raises(ValueError, match=message):
        parse_value(form_field(model, name), text)


def test_blank_clears_an_optional_field():
    assert parse_value(form_field(CostSettings, "reserved_pct"), "") is None


def test_out_of_range_value_is_refused_with_the_field_and_range():
    base = CostSettings()
    field = form_field(CostSettings, "compute_sp_1yr_pct")
    doc, errors = apply_edits(CostSettings, base, [field], {"compute_sp_1yr_pct": "150"})
    assert doc is None
    assert "between 0 and 66" in errors["compute_sp_1yr_pct"]
    assert check_field(CostSettings, base, field, "150") == errors["compute_sp_1yr_pct"]
    assert check_field(CostSettings, base, field, "40") is None


def test_good_edits_produce_a_new_document_and_leave_the_base_alone():
    base = CostSettings()
    fields = [form_field(CostSettings, "compute_sp_1yr_pct"), form_field(CostSettings, "free_tier")]
    doc, errors = apply_edits(CostSettings, base, fields, {"compute_sp_1yr_pct": "40", "free_tier": "yes"})
    assert errors == {}
    assert doc.compute_sp_1yr_pct == 40 and doc.free_tier is True
    assert base.compute_sp_1yr_pct is None


def test_the_lambda_compute_sp_above_the_engines_maximum_is_refused_in_the_form():
    """Issue 13: the form took 25% and the engine then refused it (max 17%), breaking the partner's pane too."""
    field = form_field(CostSettings, "lambda_compute_sp_pct", "Lambda Compute SP (%)")
    doc, errors = apply_edits(CostSettings, CostSettings(), [field], {"lambda_compute_sp_pct": "25"})
    assert doc is None
    assert errors["lambda_compute_sp_pct"] == "Lambda Compute SP (%) must be between 0 and 17 % (got 25)"
    doc, errors = apply_edits(CostSettings, CostSettings(), [field], {"lambda_compute_sp_pct": "17"})
    assert errors == {} and doc.lambda_compute_sp_pct == 17


def test_messages_use_the_labels_on_screen():
    base = Workload(function_name="orders")
    memory = form_field(Workload, "memory_mb", "Memory (MB)")
    _, errors = apply_edits(Workload, base, [memory], {"memory_mb": "99999"})
    assert errors["memory_mb"].startswith("Memory (MB) must be between 128 and 10,240 MB")
    assert "memory_mb" not in errors["memory_mb"]
    duration = form_field(Workload, "duration_avg_ms", "Average duration (ms)")
    _, errors = apply_edits(Workload, base, [duration], {"duration_avg_ms": "1e999"})
    assert errors["duration_avg_ms"] == "Average duration (ms): input should be a finite number"
