"""Hostile workload files: whatever a file holds, the one loader answers with a WorkloadFileError that names the
file (and the line, where there is one) and says what to do, reading a bounded amount. ``cost --workload`` and
the TUI (``o``, ``--workload``) use the same loader, so they give the same message for the same file.

Issue 13: control characters, 5,000 nested brackets and 5,000-digit numbers ended in tracebacks; a FIFO or
/dev/zero hung or exhausted memory; a 50 MB TOML with 3 million unknown keys took 203 s and printed a line per key.
"""

from __future__ import annotations

import os
import pathlib

import pytest

from workbench.cost.command import EXIT_USAGE, run_cost
from workbench.workload_files import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_LISTED,
    WorkloadFileError,
    load_workload,
)

GOOD = {
    ".yaml": "function_name: orders\nmemory_mb: 1024\n",
    ".json": '{"function_name": "orders",\n "memory_mb": 1024}\n',
    ".toml": 'function_name = "orders"\nmemory_mb = 1024\n',
}


def _nested(suffix: str, depth: int) -> str:
    inner = "[" * depth + "1" + "]" * depth
    return {".yaml": f"function_name: f\nprivate_resources: {inner}\n",
            ".json": f'{{"function_name": "f",\n"private_resources": {inner}}}\n',
            ".toml": f'function_name = "f"\nprivate_resources = {inner}\n'}[suffix]


def _number(suffix: str, digits: int) -> str:
    number = "9" * digits
    return {".yaml": f"function_name: f\nmemory_mb: {number}\n",
            ".json": f'{{"function_name": "f",\n"memory_mb": {number}}}\n',
            ".toml": f'function_name = "f"\nmemory_mb = {number}\n'}[suffix]


def _control(suffix: str, char: str) -> str:
    return GOOD[suffix].replace("orders", f"ord{char}ers")


def _alias_bomb() -> str:
    lines = ["function_name: f", 'a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _block_nesting(depth: int) -> str:
    return "function_name: f\nprivate_resources:\n" + "".join(f"{'  ' * i}- \n" for i in range(depth))[:-1] + "x\n"


def same_answer_everywhere(path: pathlib.Path) -> WorkloadFileError:
    """The loader's error, checked against the cost command's answer for the same file."""
    with pytest.raises(WorkloadFileError) as caught:
        load_workload(path)
    error = caught.value
    text, code = run_cost(workload=path)
    assert code == EXIT_USAGE
    assert text == str(error)  # one loader: the same message, word for word
    assert str(error).startswith(f"{path}: ")
    return error


CASES = [
    *[(f"esc{s}", _control(s, "\x1b"), 1, "ESC, U+001B") for s in GOOD],
    *[(f"nul{s}", _control(s, "\x00"), 1, "NUL, U+0000") for s in GOOD],
    ("del.yaml", _control(".yaml", "\x7f"), 1, "DEL, U+007F"),
    ("del.toml", _control(".toml", "\x7f"), 1, "DEL, U+007F"),
    ("c1.yaml", _control(".yaml", "\x9b"), 1, "U+009B"),
    ("bell.json", '{"function_name": "f",\n"notes": "a\x07b"}', 2, "BEL, U+0007"),
    *[(f"deep{s}", _nested(s, 5000), 2, f"nested more than {MAX_DEPTH} deep") for s in GOOD],
    *[(f"deep_brace{s}", _nested(s, MAX_DEPTH + 1).replace("[", "[{\"a\":" if s == ".json" else "["), 2,
       "nested more than") for s in (".json",)],
    ("deep_blocks.yaml", _block_nesting(200), MAX_DEPTH + 2, f"nested more than {MAX_DEPTH} deep"),
    ("deep_dashes.yaml", "function_name: f\nprivate_resources:\n  " + "- " * 3000 + "x\n", 3, "nested more than"),
    *[(f"bignum{s}", _number(s, 5000), 2, "5,000 digits long") for s in GOOD],
    ("bignum_neg.json", '{"function_name": "f",\n"memory_mb": -' + "1" * 5000 + "}", 2, "5,000 digits long"),
    ("bomb.yaml", _alias_bomb(), 6, "aliases (*name) expand to more than 10,000 values"),
    ("python_object.yaml", "function_name: !!python/object/apply:os.system ['true']\n", 1, "could not determine"),
    ("timestamp.toml", 'function_name = "f"\nmemory_mb = 2026-12-07T10:00:00Z\n', 2, "memory_mb"),
    ("nan.json", '{"function_name": "f",\n"memory_mb": NaN}', 2, "memory_mb"),
    ("infinity.yaml", "function_name: f\nduration_avg_ms: .inf\n", 2, "duration_avg_ms"),
    ("huge_float.toml", 'function_name = "f"\nduration_avg_ms = 1e99999\n', 2, "duration_avg_ms"),
    ("int_keys.yaml", "function_name: f\n1: 2\n", None, ""),
    ("list_key.yaml", "function_name: f\n? [a, b]\n: 1\n", None, ""),
    ("long_name.yaml", "function_name: " + "f" * 50_000 + "\n", 1, "function_name"),
    ("merge_dup.yaml", "function_name: f\nfunction_name: g\n", 2, "given twice"),
    ("two_docs.yaml", "function_name: f\n---\nfunction_name: g\n", 2, ""),
    ("utf16.json", "\ufeff" + GOOD[".json"], None, "not UTF-8"),
]


@pytest.mark.parametrize(("name", "text", "line", "says"), CASES, ids=[case[0] for case in CASES])
def test_a_hostile_file_is_explained_never_raised(tmp_path, name, text, line, says):
    path = tmp_path / name
    if name.startswith("utf16"):
        path.write_bytes(text.encode("utf-16"))
    else:
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
    error = same_answer_everywhere(path)
    assert says in str(error)
    if line is not None:
        assert error.line == line, str(error)


@pytest.mark.parametrize("suffix", list(GOOD))
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path, suffix):
    path = tmp_path / f"pipe{suffix}"
    os.mkfifo(path)
    error = same_answer_everywhere(path)  # opened without blocking: no writer ever comes, and it returns
    assert "is a FIFO (named pipe), not a workload file" in str(error)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_refused_before_it_is_read(tmp_path, device):
    path = tmp_path / "w.yaml"
    path.symlink_to(device)
    error = same_answer_everywhere(path)
    assert "is a device, not a workload file" in str(error)


def test_a_huge_file_is_refused_by_its_size_without_reading_it(tmp_path):
    """50 MB of TOML with 3 million unknown keys (issue 13: 203 s, 14.8 GB and a line per key)."""
    path = tmp_path / "huge.toml"
    with path.open("wb") as out:
        out.write(b'function_name = "f"\n')
        for block in range(30):
            out.write(b"".join(b"k%d_%d = 1\n" % (block, i) for i in range(100_000)))
    assert path.stat().st_size > 30 * 1024 * 1024
    error = same_answer_everywhere(path)
    assert f"a workload file is at most {MAX_BYTES // 1024} KB" in str(error)
    assert len(str(error).splitlines()) == 1


def test_a_sparse_file_of_zeros_is_refused_by_its_size(tmp_path):
    path = tmp_path / "sparse.yaml"
    with path.open("wb") as out:
        out.truncate(10 * 1024**3)  # 10 GB reported, nothing on disk
    assert "is 10,240.0 MB" in str(same_answer_everywhere(path))


def test_thousands_of_unknown_keys_under_the_cap_are_one_short_message(tmp_path):
    path = tmp_path / "many.toml"
    body = 'function_name = "f"\n' + "".join(f"colour_{i} = 1\n" for i in range(4_000))
    assert len(body.encode()) < MAX_BYTES
    path.write_text(body)
    error = same_answer_everywhere(path)
    lines = str(error).splitlines()
    assert lines[0] == f"{path}: 4,000 problems:"
    assert len(lines) == MAX_LISTED + 2 and lines[-1] == f"  … and {4_000 - MAX_LISTED:,} more"
    assert lines[1].startswith("  line 2: colour_0: unknown field")


def test_a_file_just_under_the_cap_still_loads(tmp_path):
    path = tmp_path / "big.yaml"
    text = GOOD[".yaml"] + "notes: " + "n" * (MAX_BYTES - len(GOOD[".yaml"]) - 20) + "\n"
    path.write_text(text)
    assert len(text.encode()) <= MAX_BYTES
    with pytest.raises(WorkloadFileError, match="notes"):  # too long for the notes field, but read and explained
        load_workload(path)


@pytest.mark.parametrize("suffix", list(GOOD))
def test_controls_that_are_allowed_still_load(tmp_path, suffix):
    """Tabs, CRLF line ends and a BOM are ordinary text, not hostile."""
    path = tmp_path / f"w{suffix}"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD[suffix].replace("\n", "\r\n").encode())
    assert load_workload(path).memory_mb == 1024


@pytest.mark.parametrize(("suffix", "text"), [
    (".yaml", "function_name: f\nrequests_per_month: 0\nduration_avg_ms: -0.0\n"),
    (".json", '{"function_name": "f", "requests_per_month": 0, "duration_avg_ms": -0.0}'),
    (".toml", 'function_name = "f"\nrequests_per_month = 0\nduration_avg_ms = -0.0\n'),
])
def test_zero_requests_and_negative_zero_mean_the_same_in_every_format(tmp_path, suffix, text):
    path = tmp_path / f"w{suffix}"
    path.write_text(text)
    workload = load_workload(path)
    assert workload.requests_per_month == 0 and workload.duration_avg_ms == 0.0
