"""Item 10 of issue 11: one execution environment's /tmp is shared by every invocation it runs. The per-invocation
use is an optional intake signal; the peak (use × concurrency per EE) is held against the ephemeral storage in
the configuration and the fit, with the fixes."""

from __future__ import annotations

import pytest

from workbench.fit import SIGNAL_NAMES, assess
from workbench.models import Workload
from workbench.starting_config import (
    TmpCheck,
    configuration_for,
    starting_configuration,
    tmp_check,
)
from workbench.workload_files import WorkloadFileError, load_workload, save_workload


def wl(**kw) -> Workload:
    base = dict(function_name="f", runtime="python3.13", memory_mb=1024)  # Python: 8 GB at 8:1, 16 per EE
    base.update(kw)
    return Workload(**base)


def test_the_peak_is_the_use_times_the_concurrency_per_environment():
    check = TmpCheck(per_invocation_mb=100, concurrency=16, ephemeral_mb=512)
    assert check.peak_mb == 1600 and not check.fits
    verdict = check.verdict()
    assert "100 MB per invocation × 16 concurrent invocations = 1,600 MB of 512 MB" in verdict
    assert "raise the ephemeral storage to at least 1,600 MB" in verdict
    assert "lower PerExecutionEnvironmentMaxConcurrency to 5 (what 512 MB holds)" in verdict
    assert "stream the data instead of staging files in /tmp" in verdict


def test_exactly_full_fits_and_says_so():
    check = TmpCheck(per_invocation_mb=32, concurrency=16, ephemeral_mb=512)
    assert check.fits and check.verdict().endswith(": fits.")


def test_beyond_the_largest_ephemeral_storage_only_lower_concurrency_or_streaming_help():
    check = TmpCheck(per_invocation_mb=1000, concurrency=16, ephemeral_mb=10_240)
    fixes = check.fixes()
    assert not any("raise the ephemeral storage" in f for f in fixes)
    assert fixes[0].startswith("lower PerExecutionEnvironmentMaxConcurrency to 10")


def test_more_than_the_whole_storage_per_invocation_leaves_only_streaming_and_more_storage():
    fixes = TmpCheck(per_invocation_mb=600, concurrency=4, ephemeral_mb=512).fixes()
    assert fixes[0] == "raise the ephemeral storage to at least 2,400 MB (512–10,240 MB)"
    assert not any("lower PerExecutionEnvironmentMaxConcurrency" in f for f in fixes)


def test_the_configuration_notes_carry_the_verdict_at_its_own_concurrency():
    config = starting_configuration(wl(tmp_use_mb_per_invocation=100))
    assert config.per_execution_environment_max_concurrency == 16
    assert any("= 1,600 MB of 512 MB" in n and "OVERFLOWS" in n for n in config.notes)
    given = configuration_for(wl(tmp_use_mb_per_invocation=100, ephemeral_storage_mb=4096),
                              {"per_execution_environment_max_concurrency": 8}, origin="f.yaml")
    # a given concurrency is the one checked: 100 × 8 = 800 of 4,096 MB (not the derived 16)
    tmp_notes = [n for n in given.notes if n.startswith("/tmp at full concurrency")]
    assert len(tmp_notes) == 1 and "× 8 concurrent invocations = 800 MB of 4,096 MB" in tmp_notes[0]
    assert tmp_notes[0].endswith(": fits.")


def test_unknown_use_adds_nothing():
    config = starting_configuration(wl())
    assert not any("/tmp at full concurrency" in n for n in config.notes)
    assert tmp_check(wl(), 16) is None
    assert [s.name for s in assess(wl()).signals] == list(SIGNAL_NAMES)


def test_the_fit_shows_the_tmp_signal_with_the_fix():
    fit = assess(wl(tmp_use_mb_per_invocation=100))
    signal = next(s for s in fit.signals if s.name == "tmp")
    assert signal.finding == "100 MB × 16 = 1,600 MB of 512 MB /tmp: overflows"
    assert "raise the ephemeral storage to at least 1,600 MB" in signal.reason
    fits = next(s for s in assess(wl(tmp_use_mb_per_invocation=10)).signals if s.name == "tmp")
    assert fits.finding == "10 MB × 16 = 160 MB of 512 MB /tmp" and fits.reason.endswith("fits.")


def test_the_fit_uses_the_stored_configurations_concurrency():
    stored = starting_configuration(wl()).model_copy(update={"per_execution_environment_max_concurrency": 4})
    signal = next(s for s in assess(wl(tmp_use_mb_per_invocation=100), configuration=stored).signals
                  if s.name == "tmp")
    assert signal.finding == "100 MB × 4 = 400 MB of 512 MB /tmp"


def test_old_workload_files_load_and_the_signal_round_trips(tmp_path):
    old = tmp_path / "old.yaml"
    old.write_text("function_name: orders\nmemory_mb: 1024\nephemeral_storage_mb: 2048\n")
    assert load_workload(old).tmp_use_mb_per_invocation is None
    saved = save_workload(tmp_path / "new.toml", wl(tmp_use_mb_per_invocation=75.5, ephemeral_storage_mb=2048))
    back = load_workload(saved)
    assert (back.tmp_use_mb_per_invocation, back.ephemeral_storage_mb) == (75.5, 2048)
    unset = save_workload(tmp_path / "unset.yaml", wl())
    assert "tmp_use_mb_per_invocation" not in unset.read_text()  # unknown fields are left out


@pytest.mark.parametrize("value, words", [(-1, "tmp_use_mb_per_invocation"), (20_000, "10,240"),
                                          ("lots", "tmp_use_mb_per_invocation")])
def test_a_nonsense_use_is_refused_with_the_field_named(tmp_path, value, words):
    path = tmp_path / "bad.yaml"
    path.write_text(f"function_name: orders\ntmp_use_mb_per_invocation: {value}\n")
    with pytest.raises(WorkloadFileError) as err:
        load_workload(path)
    assert words in str(err.value) and err.value.line == 2
