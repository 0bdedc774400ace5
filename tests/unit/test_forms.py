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
    assert "between 0 and 95 %" in pct.help
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
    assert "between 0 and 95" in errors["compute_sp_1yr_pct"]
    assert check_field(CostSettings, base, field, "150") == errors["compute_sp_1yr_pct"]
    assert check_field(CostSettings, base, field, "40") is None


def test_good_edits_produce_a_new_document_and_leave_the_base_alone():
    base = CostSettings()
    fields = [form_field(CostSettings, "compute_sp_1yr_pct"), form_field(CostSettings, "free_tier")]
    doc, errors = apply_edits(CostSettings, base, fields, {"compute_sp_1yr_pct": "40", "free_tier": "yes"})
    assert errors == {}
    assert doc.compute_sp_1yr_pct == 40 and doc.free_tier is True
    assert base.compute_sp_1yr_pct is None
