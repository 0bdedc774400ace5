"""The one clock: LMI_WORKBENCH_NOW fixes the moment, and nothing else in the product reads the wall clock."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.conftest import SUITE_NOW
from workbench.clock import ClockSettingError, fixed_clock, parse_moment, system_clock, system_now, today

ROOT = Path(__file__).resolve().parents[2]

WALL_CLOCK = re.compile(r"\b(datetime\.now|datetime\.utcnow|date\.today|time\.time)\(")

# Reads of the real time that are not a "now" the product shows or decides on, each with why.
ALLOWED = {
    "workbench/clock.py": "the one clock",
    "workbench/store/sqlite_store.py": "the audit log records when a write really happened (not a shown 'now')",
    "workbench/store/schema.py": "when the store file was really created",
    "workbench/store/presence.py": "presence heart-beats: liveness of other processes is real time",
}


def test_lmi_workbench_now_fixes_the_moment(monkeypatch) -> None:
    monkeypatch.setenv("LMI_WORKBENCH_NOW", "2027-02-28T03:07:00Z")
    assert system_now() == datetime(2027, 2, 28, 3, 7, tzinfo=timezone.utc)
    assert system_clock()() == datetime(2027, 2, 28, 3, 7, tzinfo=timezone.utc)
    assert today() == datetime(2027, 2, 28).date()


def test_an_offset_is_converted_to_utc_and_the_date_is_the_utc_date() -> None:
    clock = fixed_clock("2026-12-07T23:30:00-05:00")
    assert clock() == datetime(2026, 12, 8, 4, 30, tzinfo=timezone.utc)
    assert today(clock).isoformat() == "2026-12-08"


@pytest.mark.parametrize("text", ["yesterday", "2026-12-07T10:00:00", "2026-13-01T00:00:00Z"])
def test_a_setting_that_is_not_a_moment_says_how_to_write_one(text) -> None:
    with pytest.raises(ClockSettingError, match="LMI_WORKBENCH_NOW"):
        parse_moment(text)


def test_without_the_setting_the_clock_is_not_fixed(monkeypatch) -> None:
    """No moment is read here: only that, unset, the clock is a UTC clock and no longer the suite's fixed one."""
    monkeypatch.delenv("LMI_WORKBENCH_NOW")
    seen = system_now()
    assert seen.utcoffset() == timezone.utc.utcoffset(None)
    assert seen != parse_moment(SUITE_NOW)


def test_nothing_else_in_the_product_reads_the_wall_clock() -> None:
    found = []
    for folder in ("workbench", "screens", "themes"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel in ALLOWED:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                code = line.split("#", 1)[0]
                if WALL_CLOCK.search(code):
                    found.append(f"{rel}:{number}: {line.strip()}")
    assert not found, "read the time through workbench.clock (or the App's config.clock):\n" + "\n".join(found)


def test_the_guard_catches_a_direct_read() -> None:
    assert WALL_CLOCK.search("stamp = date.today().isoformat()")
    assert WALL_CLOCK.search("now = datetime.now(timezone.utc)")
    assert not WALL_CLOCK.search("deadline = time.monotonic() + 5")


def test_the_cli_refuses_a_run_fixed_at_something_that_is_not_a_moment(monkeypatch, capsys, tmp_path) -> None:
    from workbench.cli import main

    monkeypatch.setenv("LMI_WORKBENCH_NOW", "bogus")
    assert main(["history", "--store", str(tmp_path / "s.sqlite")]) == 2
    assert "LMI_WORKBENCH_NOW='bogus' is not an ISO-8601 moment" in capsys.readouterr().err
    assert not (tmp_path / "s.sqlite").exists()
