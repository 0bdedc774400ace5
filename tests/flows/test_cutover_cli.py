"""`lmi-workbench cutover` runs the same flows as the Monitor pane: the calls are printed, nothing runs before yes,
--readonly refuses, the steps and the report (in process, a real store, the moto server)."""

from __future__ import annotations

import io

import pytest

from tests.cutover.conftest import REGION, Recorder
from tests.cutover.test_weighted_alias import alias, alias_plan, two_versions
from workbench.aws.session import open_session
from workbench.cli import build_parser
from workbench.cli import cutover as cli_cutover
from workbench.cli.common import CliError
from workbench.cutover import CutoverController, discover_sources
from workbench.models import CutoverState
from workbench.store import Store


class NotATerminal(io.StringIO):
    def isatty(self) -> bool:
        return False


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def session(moto):
    return open_session(moto.settings(REGION), max_attempts=1)


@pytest.fixture
def session_file(tmp_path, moto, session):
    path = tmp_path / "cutover.sqlite"
    two_versions(moto)
    with Store.open(path, author="ana", session="orders") as store:
        CutoverController(store, author="ana").start(alias_plan(discover_sources(session, "orders", "prod"),
                                                                old_is_lmi=True))
    return path


def parse(path, *argv: str):
    return build_parser().parse_args(["cutover", "--store", str(path), "--as", "ana", *argv])


def test_forward_prints_the_calls_and_runs_them_only_after_yes(session_file, session, moto):
    recorder = Recorder(session)
    out = io.StringIO()
    code = cli_cutover.run(parse(session_file, "--forward"), session=session, stdin=Terminal("no\n"), stdout=out)
    assert code == 1 and 'lambda.update_alias(FunctionName="orders", Name="prod"' in out.getvalue()
    assert out.getvalue().startswith("start: ") and "start: start:" not in out.getvalue()  # named once
    assert recorder.mutating == []
    with pytest.raises(CliError, match="not a terminal"):
        cli_cutover.run(parse(session_file, "--forward"), session=session, stdin=NotATerminal(""), stdout=out)
    assert recorder.mutating == []
    code = cli_cutover.run(parse(session_file, "--forward"), session=session, stdin=Terminal("yes\n"),
                           stdout=io.StringIO())
    assert code == 0 and recorder.mutating == ["lambda:UpdateAlias"]
    assert alias(moto)["RoutingConfig"] == {"AdditionalVersionWeights": {"2": 0.1}}
    with Store.open(session_file, author="x", readonly=True) as store:
        decision = store.get(CutoverState).doc.decisions[-1]
    assert decision.confirmed_by == "ana" and decision.outcome == "applied"


def test_readonly_refuses_and_steps_and_report_work(session_file, session, tmp_path, capsys):
    with pytest.raises(CliError, match="--readonly"):
        cli_cutover.run(parse(session_file, "--readonly", "--hold", "--yes"), session=session)
    assert cli_cutover.run(parse(session_file, "--steps", "20/0, 100/0")) == 0
    assert cli_cutover.run(parse(session_file, "--steps", "20, 100/0")) == 1
    assert "step 1" in capsys.readouterr().err
    report = tmp_path / "report.md"
    assert cli_cutover.run(parse(session_file, "--report", str(report))) == 0
    assert "20" in report.read_text() and "orders" in report.read_text()
    report.write_text("my notes\n")  # an existing file is never replaced without --yes
    with pytest.raises(CliError, match="already exists; add --yes"):
        cli_cutover.run(parse(session_file, "--report", str(report)))
    assert report.read_text() == "my notes\n"
    assert cli_cutover.run(parse(session_file, "--report", str(report), "--yes")) == 0
    assert "orders" in report.read_text()


def test_the_demo_cutover_moves_through_its_stand_in_without_an_aws_account(tmp_path, monkeypatch):
    from workbench.demo import load_demo

    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "demo.sqlite"
    with Store.open(path, author="ana", session="demo") as store:
        load_demo(store)
    out = io.StringIO()
    assert cli_cutover.run(parse(path, "--demo", "--forward", "--yes"), stdout=out) == 0
    assert out.getvalue().startswith("start: 10% of traffic")
    with Store.open(path, author="x", readonly=True) as store:
        state = store.get(CutoverState).doc
    assert state.decisions[-1].confirmed_by == "ana" and state.current_step == 0 and state.status.value != "planned"


def test_without_a_plan_it_says_so(tmp_path):
    empty = tmp_path / "empty.sqlite"
    Store.open(empty, author="ana", session="x").close()
    with pytest.raises(CliError, match="no cutover plan"):
        cli_cutover.run(parse(empty, "--forward", "--yes"))
