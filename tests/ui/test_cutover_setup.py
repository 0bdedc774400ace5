"""Planning the cutover from the Monitor pane (P) with Pilot: the dialog pre-fills both functions from the session
(workload + finished deployment plan), discovers read-only in a worker against the moto server, lists every
mechanism as offered or not with why, lets the team choose one and edit the steps, and records the plan only on
Ctrl+S (the cutover strip then shows it). Esc records nothing; a read-only session is refused; offline and the
demo skip discovery and say why. Snapshots of the dialog at 100x30 and 80x24 (the demo: no AWS, fixed data)."""

from __future__ import annotations

import pytest

from tests.aws.conftest import aws_environment, moto, moto_endpoint  # noqa: F401 (fixtures: fake credentials, moto)
from tests.cutover.conftest import REGION, Recorder, lmi_function
from tests.cutover.test_event_source_mappings import queue_with_mapping
from tests.cutover.test_setup import finished_plan, reads_only
from tests.ui.conftest import showing, wait_for

def _cutover(app):
    from workbench.models import CutoverState

    stored = app.store.get(CutoverState)
    return stored.doc if stored is not None else None


def _text(app, selector: str) -> str:
    from textual.widgets import Static

    return str(app.query_one(selector, Static).render())


def _session_documents(store, *, version: str = "1") -> None:
    from workbench.models import Workload

    store.put(Workload(function_name="orders", region=REGION, runtime="python3.13", memory_mb=2048),
              expected_version=None)
    store.put(finished_plan(version=version), expected_version=None)


def _listen(app) -> list[str]:
    messages: list[str] = []
    original = app.notify
    app.notify = lambda message, **kw: (messages.append(str(message)), original(message, **kw))[1]
    return messages


async def _open(pilot):
    """5, then P: the planner, once its discovery has answered."""
    from screens.cutover_setup import CutoverSetupScreen

    await pilot.press("5")
    await pilot.pause()
    await pilot.press("P")
    assert await wait_for(pilot, lambda: showing(pilot.app, CutoverSetupScreen))
    dialog = pilot.app.screen
    assert await wait_for(pilot, lambda: dialog.discoveries >= 1, attempts=400)
    return dialog


def _value(dialog, widget: str) -> str:
    from textual.widgets import Input

    return dialog.query_one(f"#{widget}", Input).value


async def test_discover_choose_edit_the_steps_and_record_the_plan(make_app, tmp_path, moto):
    from textual.widgets import Input, OptionList

    from workbench.aws.session import open_session
    from workbench.models import ShiftMechanism

    moto.create_function("orders")
    lmi_function(moto)
    _, uuid = queue_with_mapping(moto, "orders-q")
    app = make_app(tmp_path / "s.sqlite", aws=moto.settings(REGION))
    _session_documents(app.store)
    session = open_session(moto.settings(REGION), max_attempts=1)
    recorder = Recorder(session)
    messages = _listen(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        app.query_one("#pane-monitor").use_aws_session(session)
        assert "not planned yet — P plans it" in _text(app, "#monitor-cutover")
        dialog = await _open(pilot)
        assert [_value(dialog, w) for w in ("setup-old", "setup-qualifier", "setup-new", "setup-alias",
                                            "setup-version")] == ["orders", "", "orders-lmi", "live", "1"]
        assert "Found 1 invocation source of orders" in _text(dialog, "#setup-discovery")
        listed = dialog.mechanisms_text().splitlines()
        assert [line.split(":", 1)[0] for line in listed] == [
            "✓ event source mapping", "✓ router (manual)", "✗ API Gateway canary", "✗ weighted alias"]
        assert "weighted alias: not offered: " in listed[3] and "non-LMI version is not supported" in listed[3]
        why = _text(dialog, "#setup-why")
        assert "event source mapping: offered" in why and f"Event source mapping {uuid}" in why
        assert dialog.chosen is ShiftMechanism.EVENT_SOURCE_MAPPING  # the preferred one, drafted

        options = dialog.query_one("#setup-mechanisms", OptionList)
        options.focus()
        await pilot.press("end", "enter")  # weighted alias: not offered, so not chosen
        assert "weighted alias cannot be chosen here (why below)" in _text(dialog, "#setup-error")
        assert "not supported" in _text(dialog, "#setup-why")
        assert dialog.chosen is ShiftMechanism.EVENT_SOURCE_MAPPING
        await pilot.press("home", "down", "enter")  # the router
        assert dialog.chosen is ShiftMechanism.ROUTER and app.focused.id == "setup-steps"
        options.focus()
        await pilot.press("home", "enter")  # back to the event source mapping
        assert dialog.chosen is ShiftMechanism.EVENT_SOURCE_MAPPING
        steps = dialog.query_one("#setup-steps", Input)
        assert steps.value == "10/30, 50/60, 100/60"
        steps.value = "10/30, 50"
        await pilot.press("enter")
        assert "Steps: step 2 ('50')" in _text(dialog, "#setup-error")
        assert app.screen is dialog and _cutover(app) is None  # refused, nothing lost, nothing stored
        steps.value = "100/45"
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: app.screen is not dialog)

        state = _cutover(app)
        assert (state.mechanism, state.status.value, [(s.traffic_pct, s.bake_minutes) for s in state.steps]) == (
            ShiftMechanism.EVENT_SOURCE_MAPPING, "planned", [(100, 45)])
        assert (state.old_function_name, state.new_function_name, state.new_alias, state.new_version) == (
            "orders", "orders-lmi", "live", "1")
        assert state.source.esm_uuids == [uuid]
        assert any("cutover planned by alice" in c.summary for c in app.store.changes(kind="cutover"))
        assert await wait_for(pilot, lambda: "via event-source-mapping" in _text(app, "#monitor-cutover"))
        assert "planned" in _text(app, "#monitor-cutover") and "100%" in _text(app, "#monitor-cutover")
        assert any("Cutover planned via event-source-mapping" in m for m in messages)
    reads_only(recorder)  # discovery and the metrics: Get and List calls only
    assert moto.client("lambda").get_event_source_mapping(UUID=uuid)["FunctionArn"].endswith(":function:orders")


async def test_esc_records_nothing(make_app, tmp_path, moto):
    moto.create_function("orders")
    app = make_app(tmp_path / "s.sqlite", aws=moto.settings(REGION))
    _session_documents(app.store)
    messages = _listen(app)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await _open(pilot)
        assert "Nothing invokes orders that discovery can see" in _text(dialog, "#setup-discovery")
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: app.screen is not dialog)
        assert _cutover(app) is None
        assert any("nothing was recorded" in m for m in messages)
        assert app.store.changes(kind="cutover") == []


async def test_without_credentials_the_dialog_says_so_and_the_router_is_recorded(make_app, tmp_path, moto,
                                                                                 monkeypatch):
    from workbench.models import ShiftMechanism

    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    app = make_app(tmp_path / "s.sqlite", aws=moto.settings(REGION))
    _session_documents(app.store)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await _open(pilot)
        status = _text(dialog, "#setup-discovery")
        assert status.startswith("Discovery failed — the router (manual) can still be planned: reading what "
                                 "invokes orders failed: No AWS credentials found")
        assert [o.mechanism for o in dialog.setup.supported] == [ShiftMechanism.ROUTER]
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: app.screen is not dialog)
        assert _cutover(app).mechanism is ShiftMechanism.ROUTER


async def test_a_read_only_session_is_refused(make_app, tmp_path):
    from screens.cutover_setup import CutoverSetupScreen

    path = tmp_path / "s.sqlite"
    writer = make_app(path)
    _session_documents(writer.store)
    viewer = make_app(path, author="bob", readonly=True)
    messages = _listen(viewer)
    async with viewer.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("P")
        await pilot.pause()
        assert not isinstance(viewer.screen, CutoverSetupScreen)
        assert any("read-only" in m for m in messages)
    assert _cutover(viewer) is None


async def test_offline_skips_discovery_and_the_router_is_recorded(make_app, tmp_path):
    from textual.widgets import Input

    from workbench.config import AwsSettings
    from workbench.models import ShiftMechanism

    app = make_app(tmp_path / "s.sqlite", aws=AwsSettings(offline=True))
    _session_documents(app.store)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _open(pilot)
        status = _text(dialog, "#setup-discovery")
        assert status.startswith("Discovery skipped — the router (manual) can still be planned: this run is "
                                 "offline (--offline)")
        assert [line.split(":", 1)[0] for line in dialog.mechanisms_text().splitlines()] == [
            "✓ router (manual)", "✗ API Gateway canary", "✗ event source mapping", "✗ weighted alias"]
        old = dialog.query_one("#setup-old", Input)
        old.focus()
        old.value = "orders-v1"
        await pilot.press("enter")  # Enter in a name proposes again for the names as typed
        assert await wait_for(pilot, lambda: dialog.discoveries == 2)
        assert dialog.setup.names.old_function == "orders-v1"
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: app.screen is not dialog)
        assert (_cutover(app).mechanism, _cutover(app).old_function_name) == (ShiftMechanism.ROUTER, "orders-v1")


async def test_a_cutover_under_way_is_not_replanned(make_app, tmp_path):
    from screens.cutover_setup import CutoverSetupScreen
    from workbench.cutover import CutoverController, Decision
    from workbench.demo import DemoCutoverSession

    app = make_app(tmp_path / "s.sqlite", demo=True)
    driver = CutoverController(app.store, author="alice", session=DemoCutoverSession())
    driver.apply(driver.propose(Decision.FORWARD), confirmed_by="alice")
    messages = _listen(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("P")
        await pilot.pause()
        assert not isinstance(app.screen, CutoverSetupScreen)
        assert any("under way (baking, 10% on LMI)" in m for m in messages)


async def test_the_demo_offers_its_canary_and_the_plan_replaces_the_sample_one(make_app, tmp_path):
    from textual.widgets import Input

    from workbench.models import ShiftMechanism

    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await _open(pilot)
        assert "Discovery skipped: the demo has no AWS account" in _text(dialog, "#setup-discovery")
        assert "Replaces the plan alice recorded" in _text(dialog, "#setup-replaces")
        assert [_value(dialog, w) for w in ("setup-old", "setup-qualifier", "setup-new")] == [
            "orders-api", "prod", "orders-api-lmi"]
        assert dialog.chosen is ShiftMechanism.API_GATEWAY_CANARY
        dialog.query_one("#setup-steps", Input).value = "5/15, 25/30, 100/60"
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: app.screen is not dialog)
        state = _cutover(app)
        assert [s.traffic_pct for s in state.steps] == [5, 25, 100]
        assert await wait_for(pilot, lambda: "5% → 25% → 100%" in _text(app, "#monitor-cutover"))


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
async def test_the_dialog_fits_the_terminal(make_app, tmp_path, size):
    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=size) as pilot:
        dialog = await _open(pilot)
        box = dialog.query_one(".cutover-setup").region
        assert box.x >= 0 and box.y >= 0 and box.right <= size[0] and box.bottom <= size[1]
        for selector in ("#setup-old", "#setup-version", "#setup-mechanisms", "#setup-steps", ".setup-hint"):
            region = dialog.query_one(selector).region
            assert region.height >= 1 and region.bottom <= box.bottom, selector
        assert dialog.query_one("#setup-mechanisms").region.height == 4  # all four mechanisms in view


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_snapshot_of_the_dialog_in_the_demo(snap_compare, make_app, monkeypatch, size):
    from tests.ui.test_snapshots import SNAPSHOT_NOW, _settled, snapshot_directory

    # the demo's simulated metrics behind the dialog, at a fixed moment (as the Monitor pane's snapshots do)
    monkeypatch.setenv("LMI_WORKBENCH_NOW", SNAPSHOT_NOW)

    async def run_before(pilot) -> None:
        await _settled(pilot)  # the demo's scan and first comparison have landed (and their toasts are gone)
        await _open(pilot)
        assert await wait_for(pilot, lambda: not any(not w.is_finished for w in pilot.app.workers), attempts=400)
        await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause()

    with snapshot_directory(f"cutover-setup-{size[0]}x{size[1]}") as directory:
        app = make_app(directory / "review.sqlite", demo=True, theme="workbench-dark")
        assert snap_compare(app, terminal_size=size, run_before=run_before)
