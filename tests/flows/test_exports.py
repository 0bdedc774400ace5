"""Exports and the history: written whole, an existing file replaced only when confirmed, bad names said."""

from __future__ import annotations

from tests.flows._stores import alice, bob, file_state, store_path  # noqa: F401 - fixtures
from workbench.flows.exports import export_report, history, write_text_file
from workbench.flows.result import Outcome

FORMATS = {".md": "markdown", ".csv": "csv"}


def render(fmt: str) -> str:
    return f"report as {fmt}\n"


def test_the_format_follows_the_extension(tmp_path):
    result = export_report(tmp_path / "r.csv", render, FORMATS, confirmed=False)
    assert result.outcome is Outcome.DONE and (tmp_path / "r.csv").read_text() == "report as csv\n"
    assert result.message == f"Exported csv to {tmp_path / 'r.csv'}"


def test_an_unknown_extension_names_the_ones_that_work(tmp_path):
    result = export_report(tmp_path / "r.pdf", render, FORMATS, confirmed=True)
    assert result.outcome is Outcome.INVALID and ".csv, .md" in result.message
    assert not (tmp_path / "r.pdf").exists()


def test_an_existing_file_is_kept_unless_confirmed(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "r.md"
    path.write_text("keep\n")
    result = export_report(path, render, FORMATS, confirmed=False)
    assert result.outcome is Outcome.DECLINED and path.read_text() == "keep\n"
    assert export_report(path, render, FORMATS, confirmed=True).ok and path.read_text() == "report as markdown\n"
    assert [p.name for p in folder.iterdir()] == ["r.md"]  # no temporary file left behind


def test_a_directory_or_missing_folder_is_refused(tmp_path):
    assert write_text_file(tmp_path, "x", confirmed=True).outcome is Outcome.INVALID
    result = write_text_file(tmp_path / "no" / "r.md", "x", confirmed=True)
    assert result.outcome is Outcome.INVALID and "does not exist" in result.message


def test_the_history_lists_every_change_with_its_author(alice, bob):
    from workbench.flows.documents import save_document
    from workbench.models import CostSettings

    empty = history(alice, session="s")
    assert empty.outcome is Outcome.UNCHANGED and "no changes recorded yet" in empty.message
    save_document(alice, CostSettings(reserved_pct=10), expected_version=None, summary="cost: reserved 10%")
    bob.record("note", "review", "looks good")
    table = history(bob, session="s")
    assert table.outcome is Outcome.DONE and table.changes == 2
    lines = table.text.splitlines()
    assert lines[0].split()[:3] == ["seq", "time", "(UTC)"]
    assert "alice" in lines[2] and "cost: reserved 10%" in lines[2] and "bob" in lines[3]
    markdown = history(bob, session="s", markdown=True)
    assert markdown.ok and "looks good" in markdown.text
