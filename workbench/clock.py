"""The workbench's one clock: every "now" and "today" the product shows or computes with comes from here.

Nothing else in ``workbench/`` or ``screens/`` reads the wall clock for a value it shows or decides on (a test
checks it; the few monotonic timers for timeouts and presence heart-beats are listed there with why). The App
takes a clock (``AppConfig.clock``); the CLI builds one per run with :func:`system_clock`.

``LMI_WORKBENCH_NOW`` (an ISO-8601 moment with a zone, e.g. ``2026-11-03T15:00:00Z``) fixes the moment for a whole
run: a reproducible demo, a bug report "as seen at", and the test suite, which runs at a fixed moment so a fresh
clone is green on any day and at any time of day.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime, timezone

NOW_VARIABLE = "LMI_WORKBENCH_NOW"

Clock = Callable[[], datetime]
"""A function that answers the current moment, timezone-aware, in UTC."""


class ClockSettingError(ValueError):
    """``LMI_WORKBENCH_NOW`` is set to something that is not a moment."""


def parse_moment(text: str) -> datetime:
    """An ISO-8601 moment with a zone (``Z`` or ``+hh:mm``), as UTC; a clear error otherwise."""
    raw = text.strip()
    try:
        moment = datetime.fromisoformat(raw[:-1] + "+00:00" if raw.endswith(("Z", "z")) else raw)
    except ValueError:
        raise ClockSettingError(f"{NOW_VARIABLE}={text!r} is not an ISO-8601 moment "
                                "(write it like 2026-11-03T15:00:00Z)") from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ClockSettingError(f"{NOW_VARIABLE}={text!r} has no time zone (end it with Z for UTC)")
    return moment.astimezone(timezone.utc)


def system_now() -> datetime:
    """The real current moment in UTC, or the fixed one in ``LMI_WORKBENCH_NOW``."""
    fixed = os.environ.get(NOW_VARIABLE)
    if fixed:
        return parse_moment(fixed)
    return datetime.now(timezone.utc)


def system_clock() -> Clock:
    """The clock of a normal run (fixed by ``LMI_WORKBENCH_NOW`` when set; checked once, here)."""
    fixed = os.environ.get(NOW_VARIABLE)
    if fixed:
        moment = parse_moment(fixed)
        return lambda: moment
    return system_now


def fixed_clock(moment: datetime | str) -> Clock:
    """A clock stopped at ``moment`` (tests, replays)."""
    value = parse_moment(moment) if isinstance(moment, str) else moment.astimezone(timezone.utc)
    return lambda: value


def today(clock: Clock | None = None) -> date:
    """The UTC date of the clock's moment (prices are dated in UTC)."""
    return (clock or system_now)().date()
