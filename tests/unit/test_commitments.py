"""The commitments are one table: the document's type, the engine's scenarios and inputs, the pane's cycle."""

from __future__ import annotations

from typing import get_args

from workbench.commitments import COMMITMENT_TABLE, COMMITMENTS, Commitment


def test_the_document_type_lists_the_tables_commitments():
    assert get_args(Commitment) == COMMITMENTS == tuple(row[0] for row in COMMITMENT_TABLE)


def test_everything_that_lists_commitments_reads_the_one_table():
    from screens.cost import COMMITMENT_CYCLE
    from workbench.cost.compare import COMMITMENT_LABELS, LMI_SCENARIOS
    from workbench.cost.inputs import COMMITMENTS as INPUT_COMMITMENTS
    from workbench.models import COMMITMENT_LABELS as SETTINGS_LABELS
    from workbench.models import CostSettings

    assert LMI_SCENARIOS == INPUT_COMMITMENTS == COMMITMENTS == COMMITMENT_CYCLE[1:]
    assert set(COMMITMENT_LABELS) == set(SETTINGS_LABELS) == set(COMMITMENTS)
    assert CostSettings(lmi_commitment="reserved").lmi_commitment == "reserved"
