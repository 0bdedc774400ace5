"""The outline the first screen is drawn from before pydantic is loaded (workbench/models/outline.py) says what the
models say: the workload's fields in order, with the same help and the same labels, the kinds, the verdict's
words. (That the drawn screen is the same is tests/ui/test_first_screen.py.)"""

from __future__ import annotations

import pytest

from workbench.labels import field_label, words
from workbench.models import FitAssessment, ReviewInfo, Verdict, Workload
from workbench.models import outline


def test_the_workloads_fields_are_the_outlines_in_order_with_its_help() -> None:
    fields = {name: info for name, info in Workload.model_fields.items() if name != "id"}
    assert list(fields) == list(outline.WORKLOAD_FIELDS)
    for name, info in fields.items():
        assert info.description == outline.WORKLOAD_FIELDS[name].description, name


@pytest.mark.parametrize("name", list(outline.WORKLOAD_FIELDS))
def test_each_field_is_labelled_as_the_validated_screens_label_it(name: str) -> None:
    assert (outline.WORKLOAD_FIELDS[name].title or words(name)) == field_label(Workload, name)


def test_the_kinds_and_the_verdicts_words_are_the_models() -> None:
    assert (Workload.KIND, ReviewInfo.KIND, FitAssessment.KIND) == (
        outline.WORKLOAD_KIND, outline.REVIEW_KIND, outline.FIT_KIND)
    assert Verdict is outline.Verdict and FitAssessment.model_fields["verdict"].annotation is outline.Verdict
    assert [v.label for v in Verdict] == ["Strong fit for LMI", "Worth evaluating", "Standard Lambda is better"]
