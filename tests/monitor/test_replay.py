"""Recording and replaying a monitor's fetches: the replay answers as the live source did (same series, same
statuses, same failures), the file holds each point once, and a bad file is refused naming its line."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from workbench.metrics import MetricsUnavailable, SimulatedSource
from workbench.monitor import MonitorSession, RecordingError, RecordingSource, ReplaySource, demo_target
from workbench.monitor.replay import FORMAT, load_recording

T1 = datetime(2026, 11, 20, 15, 0, tzinfo=timezone.utc)
MINUTES = [T1 + timedelta(minutes=m) for m in (0, 5, 10, 30)]


class Flaky:
    """A source that fails on chosen calls (as a lost network would), else asks the simulator."""

    def __init__(self, fail_on: set[int]) -> None:
        self.inner = SimulatedSource(seed=3, scenario="throttling")
        self.name = self.inner.name
        self.calls = 0
        self.fail_on = fail_on

    def fetch(self, queries, start, end):
        self.calls += 1
        if self.calls in self.fail_on:
            raise MetricsUnavailable("the network is down")
        return self.inner.fetch(queries, start, end)


def record(path, fail_on=frozenset({3})):
    live = MonitorSession(RecordingSource(Flaky(set(fail_on)), path, meta={"target": demo_target().to_dict()}),
                          demo_target(), range_=timedelta(hours=1))
    return [live.refresh(now) for now in MINUTES]


def test_a_replay_gives_the_same_series_statuses_and_failures(tmp_path) -> None:
    path = tmp_path / "session.jsonl"
    live = record(path)
    assert live[2].error == "the network is down" and live[2].stale_since == MINUTES[2]
    replay = MonitorSession(ReplaySource(path), demo_target(), range_=timedelta(hours=1))
    again = [replay.refresh(now) for now in MINUTES]
    for a, b in zip(live, again):
        assert a.statuses == b.statuses
        assert (a.error, a.stale_since, a.last_datapoint, a.window_end) == (b.error, b.stale_since,
                                                                            b.last_datapoint, b.window_end)
        assert {k: s.points for k, s in a.series.items()} == {k: s.points for k, s in b.series.items()}
    assert all(s.source == "replay" for s in again[0].series.values())
    assert any(s.state.value == "breach" for s in again[-1].statuses)  # the throttling scenario shows


def test_each_point_is_written_once(tmp_path) -> None:
    path = tmp_path / "session.jsonl"
    record(path, fail_on=set())
    recording = load_recording(path)
    assert recording.meta["target"]["function_name"] == "orders-api-lmi"
    assert recording.ends == [T1, T1 + timedelta(minutes=5), T1 + timedelta(minutes=10), T1 + timedelta(minutes=30)]
    seen = set()
    for fetch in recording.fetches:
        for s in fetch.series:
            for p in s.points:
                key = (s.metric_name, s.stat, tuple(sorted(s.dimensions.items())), p.timestamp)
                assert key not in seen
                seen.add(key)
    first, second = recording.fetches[0], recording.fetches[1]
    inv = [s for s in first.series if s.id == "lmi_invocations"][0]
    assert len(inv.points) == 12  # one hour of 5-minute periods
    assert len([s for s in second.series if s.id == "lmi_invocations"][0].points) == 1  # only the new period


def test_a_recording_is_continued_not_restarted(tmp_path) -> None:
    path = tmp_path / "session.jsonl"
    record(path, fail_on=set())
    lines = path.read_text().splitlines()
    session = MonitorSession(RecordingSource(SimulatedSource(seed=3, scenario="throttling"), path), demo_target(),
                             range_=timedelta(hours=1))
    session.refresh(MINUTES[-1] + timedelta(minutes=5))
    more = path.read_text().splitlines()
    assert more[:len(lines)] == lines and len(more) == len(lines) + 1
    added = json.loads(more[-1])
    assert len([s for s in added["series"] if s["id"] == "lmi_invocations"][0]["points"]) == 1


def test_a_replay_before_the_recording_starts_says_so(tmp_path) -> None:
    path = tmp_path / "session.jsonl"
    record(path, fail_on=set())
    snapshot = MonitorSession(ReplaySource(path), demo_target()).refresh(T1 - timedelta(hours=1))
    assert snapshot.error.startswith("the recording session.jsonl has nothing at or before")
    assert snapshot.series == {} and snapshot.stale_since is not None
    source = ReplaySource(path, as_of=T1 + timedelta(minutes=7))  # the replay clock, not the window's end
    series = source.fetch(demo_target().queries()[:1], T1 - timedelta(hours=1), T1 + timedelta(hours=1))
    assert series[0].points[-1].timestamp == T1  # the fetch that ended at 15:05 held periods up to 15:00


def header() -> str:
    return json.dumps({"format": FORMAT, "version": 1, "created_at": "2026-11-20T15:00:00+00:00"}) + "\n"


GOOD_LINE = json.dumps({"at": "2026-11-20T15:00:00Z", "start": "2026-11-20T14:00:00Z", "end": "2026-11-20T15:00:00Z",
                        "series": []}) + "\n"


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty, not a metrics recording"),
    (b"hello\n", "line 1: not valid JSON"),
    (b'{"format": "something-else"}\n', "line 1: not a metrics recording"),
    (header().replace('"version": 1', '"version": 9').encode(), "line 1: recording format version 9 is newer"),
    ((header() + GOOD_LINE + "[1, 2]\n").encode(), "line 3: expected a JSON object, found list"),
    ((header() + "\n" + GOOD_LINE.replace('"series": []', '"series": [{"id": "x"}]')).encode(),
     "line 3: series.0.namespace: Field required"),
    ((header() + GOOD_LINE.replace("14:00", "16:00")).encode(),
     "line 2: end (2026-11-20T15:00:00+00:00) must be after start"),
    ((header() + GOOD_LINE + GOOD_LINE[:40]).encode(), "line 3: the line is cut short"),
    ((header() + GOOD_LINE[:40] + "\n" + GOOD_LINE).encode(), "line 2: not valid JSON"),
    (b"\xff\xfe\n", "line 1: not UTF-8 text"),
])
def test_malformed_recordings_are_refused_naming_the_line(tmp_path, content, message) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    with pytest.raises(RecordingError) as caught:
        load_recording(path)
    assert str(caught.value).startswith(str(path)) and message in str(caught.value)
    with pytest.raises(RecordingError):
        ReplaySource(path)


def test_a_missing_recording_and_a_file_that_is_not_one(tmp_path) -> None:
    with pytest.raises(RecordingError, match="cannot read the recording"):
        load_recording(tmp_path / "nowhere.jsonl")
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    with pytest.raises(RecordingError, match="not valid JSON"):
        RecordingSource(SimulatedSource(), notes)
    assert notes.read_text() == "my notes\n"  # never written to


def test_recorded_errors_replay_as_errors(tmp_path) -> None:
    path = tmp_path / "session.jsonl"
    record(path, fail_on={1})
    with pytest.raises(MetricsUnavailable, match="the network is down"):
        ReplaySource(path).fetch(demo_target().queries(), T1 - timedelta(hours=1), T1)
    assert load_recording(path).fetches[0].error == "the network is down"
