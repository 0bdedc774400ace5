"""Snapshots of the shell (layout only; behaviour is asserted in test_shell.py). Review SVGs when they change:
`pytest tests/ui/test_snapshots.py --snapshot-update` then open tests/ui/__snapshots__/."""

from __future__ import annotations

import contextlib
import fcntl
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

SNAP_DIR = Path("/tmp/lmi-wb-snapshots")  # a fixed path: the status bar shows the store path


async def _settled(pilot) -> None:
    """The verdict and the first comparison are computed just after the first frame; screenshots are of the
    settled panes."""
    from tests.ui.conftest import wait_for
    from workbench.models import FitAssessment, Workload

    def done() -> bool:
        app = pilot.app
        if any(not worker.is_finished for worker in app.workers):
            return False  # the demo's scan of its sample project
        if app.store.get(Workload) is None:
            return True
        return app.cost_evaluation is not None and app.store.get(FitAssessment) is not None

    assert await wait_for(pilot, done, attempts=400)
    await pilot.pause()
    pilot.app.clear_notifications()  # toasts come and go with timing; the layout is what is compared
    await pilot.pause()


SNAPSHOT_NOW = "2026-11-03T15:00:00Z"
"""Every snapshot is drawn at this moment, whatever moment the rest of the suite runs at: the price age, the
demo's simulated metrics (the simulated day's busy afternoon) and the bake times are in the pictures."""


@contextlib.contextmanager
def snapshot_directory(name: str) -> Iterator[Path]:
    """A fresh fixed directory for one snapshot's store, held under a lock for the whole test: the same snapshot
    may run in two pytest processes at once (tests/test_any_date.py runs these again at other moments)."""
    SNAP_DIR.mkdir(parents=True, exist_ok=True)
    with open(SNAP_DIR / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        directory = SNAP_DIR / name
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
        yield directory


@pytest.fixture
def snapshot_app(make_app, request, monkeypatch):
    monkeypatch.setenv("LMI_WORKBENCH_NOW", SNAPSHOT_NOW)
    with snapshot_directory(request.node.name.replace("[", "-").replace("]", "")) as directory:
        yield lambda theme, *, demo=True: make_app(directory / "review.sqlite", author="alice", demo=demo,
                                                   theme=theme)


@pytest.mark.parametrize("theme", ["workbench-dark", "workbench-high-contrast"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_shell_intake(snap_compare, snapshot_app, theme, size):
    assert snap_compare(snapshot_app(theme), terminal_size=size, run_before=_settled)


def test_intake_verdict_80x24(snap_compare, snapshot_app):
    assert snap_compare(snapshot_app("workbench-dark"), terminal_size=(80, 24), press=["v"], run_before=_settled)


@pytest.mark.parametrize("theme", ["workbench-dark", "workbench-high-contrast"])
def test_shell_help_80x24(snap_compare, snapshot_app, theme):
    assert snap_compare(snapshot_app(theme), terminal_size=(80, 24), press=["question_mark"], run_before=_settled)


def test_shell_empty_cost_pane_80x24(snap_compare, snapshot_app):
    assert snap_compare(snapshot_app("workbench-dark", demo=False), terminal_size=(80, 24), press=["2"])




@pytest.mark.parametrize("theme", ["workbench-dark", "workbench-high-contrast"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_cost_pane(snap_compare, snapshot_app, theme, size):
    assert snap_compare(snapshot_app(theme), terminal_size=size, press=["2"], run_before=_settled)


def test_cost_pane_break_even_chart_120x40(snap_compare, snapshot_app):
    assert snap_compare(snapshot_app("workbench-dark"), terminal_size=(120, 40), press=["2", "b"],
                        run_before=_settled)


@pytest.mark.parametrize("theme", ["workbench-dark", "workbench-high-contrast"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_findings_pane(snap_compare, snapshot_app, theme, size):
    """The demo scans a copy of its sample project; the list, the explanation, the source and the patch."""
    assert snap_compare(snapshot_app(theme), terminal_size=size, press=["3"], run_before=_settled)


# --- Monitor pane: the demo's simulated metrics at SNAPSHOT_NOW (snapshot_app fixes the moment)
async def _monitor_settled(pilot, *keys: str) -> None:
    from tests.ui.conftest import wait_for

    await _settled(pilot)
    await pilot.press("5")
    pane = pilot.app.query_one("#pane-monitor")
    assert await wait_for(pilot, lambda: pane.refreshes >= 1)
    if keys:
        await pilot.press(*keys)
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()


@pytest.mark.parametrize("theme, size", [("workbench-dark", (100, 30)), ("workbench-high-contrast", (80, 24)),
                                         ("workbench-dark", (120, 40))], ids=["100x30-dark", "80x24-hc", "120x40-dark"])
def test_monitor_pane(snap_compare, snapshot_app, theme, size):
    assert snap_compare(snapshot_app(theme), terminal_size=size, run_before=_monitor_settled)


def test_monitor_pane_forward_proposal_100x30(snap_compare, snapshot_app):
    async def run_before(pilot) -> None:
        from screens.cutover_dialogs import ProposalDialog
        from tests.ui.conftest import wait_for

        await _monitor_settled(pilot, "f")
        assert await wait_for(pilot, lambda: isinstance(pilot.app.screen, ProposalDialog))

    assert snap_compare(snapshot_app("workbench-dark"), terminal_size=(100, 30), run_before=run_before)


def test_monitor_pane_empty_80x24(snap_compare, snapshot_app):
    assert snap_compare(snapshot_app("workbench-dark", demo=False), terminal_size=(80, 24), press=["5"])


async def _deploy_view(pilot, keys: str) -> None:
    """The Deploy pane's Checks (v) or Plan (p) view of the demo; the plan's code question is declined."""
    from screens.dialogs import TextPrompt
    from tests.ui.conftest import wait_for

    await _settled(pilot)
    app = pilot.app
    await pilot.press("4", keys)
    if keys == "p":
        assert await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: app.query_one("#plan-steps").row_count > 0)
    else:
        assert await wait_for(pilot, lambda: app.query_one("#checks-table").row_count > 0)
    assert await wait_for(pilot, lambda: not any(not w.is_finished for w in app.workers))
    await pilot.pause()
    app.clear_notifications()
    await pilot.pause()


@pytest.fixture
def fixed_deployment_id(monkeypatch):
    """The plan's deployment id (a tag value shown in the parameters) is random; fixed for the picture."""
    import types
    import uuid

    import workbench.deploy.plan_build as plan_module

    monkeypatch.setattr(plan_module, "uuid", types.SimpleNamespace(uuid4=lambda: uuid.UUID(int=0x5EED)))


def test_deploy_plan_view_100x30(snap_compare, snapshot_app, fixed_deployment_id):
    assert snap_compare(snapshot_app("workbench-dark"), terminal_size=(100, 30),
                        run_before=lambda pilot: _deploy_view(pilot, "p"))


def test_deploy_checks_view_100x30(snap_compare, snapshot_app):
    assert snap_compare(snapshot_app("workbench-dark"), terminal_size=(100, 30),
                        run_before=lambda pilot: _deploy_view(pilot, "v"))
