"""Workload files: YAML, JSON and TOML round trips, and every kind of bad file with a message that names the
file, the field, the line and the reason."""

from __future__ import annotations

import json
import os
import pathlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.demo import demo_documents
from workbench.models import DataSource, Workload
from workbench.workload_files import (
    FORMATS,
    WorkloadFileError,
    WorkloadFileExists,
    load_workload,
    save_workload,
)

SUFFIXES = [".yaml", ".yml", ".json", ".toml"]


def demo_workload() -> Workload:
    return next(doc for doc, _ in demo_documents() if isinstance(doc, Workload))


def write(tmp_path: pathlib.Path, name: str, text: str | bytes) -> pathlib.Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def error_of(path: pathlib.Path) -> WorkloadFileError:
    with pytest.raises(WorkloadFileError) as caught:
        load_workload(path)
    return caught.value


# --- round trips -----------------------------------------------------------------------------------------------

def test_the_formats_are_known_by_extension():
    assert FORMATS == {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_full_workload_round_trips(tmp_path, suffix):
    original = demo_workload()
    path = save_workload(tmp_path / f"orders{suffix}", original)
    assert path == tmp_path / f"orders{suffix}"
    assert load_workload(path) == original


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_minimal_workload_round_trips_and_leaves_blanks_out(tmp_path, suffix):
    original = Workload(function_name="tiny", memory_mb=128, notes="line one\nline two: with a colon")
    path = save_workload(tmp_path / f"tiny{suffix}", original)
    text = path.read_text("utf-8")
    assert "function_arn" not in text and "requests_per_month" not in text  # unknown stays unknown
    assert load_workload(path) == original


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_units_stay_in_the_key_names(tmp_path, suffix):
    text = save_workload(tmp_path / f"w{suffix}", demo_workload()).read_text("utf-8")
    for key in ("memory_mb", "duration_avg_ms", "duration_p99_ms", "monthly_lambda_spend_usd", "timeout_s",
                "insights_memory_utilization_pct", "peak_requests_per_second"):
        assert key in text, key


@pytest.mark.parametrize("suffix", [".yaml", ".toml"])
def test_yaml_and_toml_files_explain_the_units_in_a_comment(tmp_path, suffix):
    text = save_workload(tmp_path / f"w{suffix}", demo_workload()).read_text("utf-8")
    assert text.startswith("# ") and "_mb" in text.splitlines()[1]


def test_a_typed_yaml_file_loads_and_records_where_it_came_from(tmp_path):
    path = write(tmp_path, "orders.yaml", """\
# orders-api, figures from the November bill
function_name: orders-api
region: us-east-1
traffic_pattern: steady
requests_per_month: 120000000
memory_mb: 2048
in_vpc: true
private_resources:
  - RDS for MySQL
""")
    work = load_workload(path)
    assert work.function_name == "orders-api" and work.requests_per_month == 120_000_000
    assert work.private_resources == ["RDS for MySQL"]
    assert work.source is DataSource.FILE
    assert work.source_detail == str(path.absolute())


def test_a_file_that_names_its_own_source_keeps_it(tmp_path):
    path = write(tmp_path, "w.json", json.dumps({"function_name": "f", "source": "aws-import",
                                                  "source_detail": "123456789012 us-east-1, 14 days"}))
    work = load_workload(path)
    assert work.source is DataSource.AWS_IMPORT and work.source_detail == "123456789012 us-east-1, 14 days"


def test_a_cost_command_file_with_a_workload_table_loads_its_workload(tmp_path):
    path = write(tmp_path, "w.toml", """\
[workload]
function_name = "orders-api"
memory_mb = 2048

[lmi_configuration]
per_execution_environment_max_concurrency = 32

[cost]
lmi_commitment = "compute_sp_1yr"
""")
    assert load_workload(path).memory_mb == 2048


def test_a_path_given_as_text_works(tmp_path):
    path = save_workload(str(tmp_path / "w.yml"), demo_workload())
    assert load_workload(str(path)) == demo_workload()


# --- saving never loses anything ---------------------------------------------------------------------------------

def test_saving_refuses_to_overwrite_an_existing_file(tmp_path):
    path = write(tmp_path, "w.yaml", "precious: true\n")
    with pytest.raises(WorkloadFileExists) as caught:
        save_workload(path, demo_workload())
    assert str(path) in str(caught.value) and "overwrite" in str(caught.value)
    assert isinstance(caught.value, WorkloadFileError)
    assert path.read_text() == "precious: true\n"


def test_saving_over_an_existing_file_when_asked(tmp_path):
    path = write(tmp_path, "w.json", "{}")
    save_workload(path, demo_workload(), overwrite=True)
    assert load_workload(path) == demo_workload()
    assert [p.name for p in tmp_path.iterdir()] == ["w.json"]  # no temporary file left behind


def test_saving_with_an_unknown_extension_is_refused_and_writes_nothing(tmp_path):
    with pytest.raises(WorkloadFileError, match=r"\.yaml, \.yml, \.json or \.toml"):
        save_workload(tmp_path / "w.txt", demo_workload())
    assert list(tmp_path.iterdir()) == []


def test_saving_into_a_missing_directory_says_so(tmp_path):
    with pytest.raises(WorkloadFileError, match="does not exist"):
        save_workload(tmp_path / "nope" / "w.yaml", demo_workload())


def test_saving_onto_a_directory_is_refused(tmp_path):
    (tmp_path / "d.yaml").mkdir()
    with pytest.raises(WorkloadFileError, match="is a directory"):
        save_workload(tmp_path / "d.yaml", demo_workload(), overwrite=True)


# --- files that cannot be read -----------------------------------------------------------------------------------

def test_missing_file(tmp_path):
    error = error_of(tmp_path / "nope.yaml")
    assert str(error) == f"{tmp_path / 'nope.yaml'}: no such file"


def test_a_directory_is_not_a_workload_file(tmp_path):
    (tmp_path / "d.json").mkdir()
    assert "is a directory" in str(error_of(tmp_path / "d.json"))


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file(tmp_path):
    path = write(tmp_path, "w.yaml", "function_name: f\n")
    path.chmod(0)
    try:
        assert "permission denied" in str(error_of(path)).lower()
    finally:
        path.chmod(0o600)


def test_a_read_that_is_refused_by_the_system(tmp_path, monkeypatch):
    path = write(tmp_path, "w.yaml", "function_name: f\n")
    real = os.open

    def refuse(name, *args, **kwargs):
        if pathlib.Path(name) == path:
            raise PermissionError(13, "Permission denied", str(name))
        return real(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    error = error_of(path)
    assert str(error).startswith(f"{path}: cannot be read") and "Permission denied" in str(error)


@pytest.mark.parametrize("name", ["w.txt", "w", "w.yaml.bak", "w.ini"])
def test_wrong_extension(tmp_path, name):
    path = write(tmp_path, name, "function_name: f\n")
    message = str(error_of(path))
    assert message.startswith(f"{path}: ") and ".yaml, .yml, .json or .toml" in message


def test_not_utf8_text(tmp_path):
    path = write(tmp_path, "w.yaml", b"function_name: caf\xe9\n")
    assert "not UTF-8 text" in str(error_of(path))


@pytest.mark.parametrize("suffix, text", [(".yaml", ""), (".yaml", "# only a comment\n"), (".json", ""),
                                          (".toml", "")])
def test_an_empty_file(tmp_path, suffix, text):
    message = str(error_of(write(tmp_path, f"w{suffix}", text)))
    assert "empty" in message or "no fields" in message
    assert "function_name" in message


@pytest.mark.parametrize("suffix, text", [(".yaml", "- function_name: f\n"), (".json", '["f"]'),
                                          (".yaml", "just words\n")])
def test_the_top_level_must_be_a_table_of_fields(tmp_path, suffix, text):
    assert "expected a table of workload fields" in str(error_of(write(tmp_path, f"w{suffix}", text)))


# --- syntax errors name the line -----------------------------------------------------------------------------

def test_invalid_yaml_names_the_line_and_what_was_open(tmp_path):
    path = write(tmp_path, "w.yaml", "function_name: orders-api\nregion: [us-east-1\nmemory_mb: 2048\n")
    error = error_of(path)
    assert str(error).startswith(f"{path}: line 3, column 10: expected ',' or ']'")
    assert "flow sequence started on line 2" in str(error)
    assert error.line == 3


def test_invalid_yaml_indentation(tmp_path):
    error = error_of(write(tmp_path, "w.yml", "function_name: orders-api\n  memory_mb: 2048\n"))
    assert "line 2, column 12: mapping values are not allowed here" in str(error)


def test_invalid_json_names_line_and_column(tmp_path):
    path = write(tmp_path, "w.json", '{\n  "function_name": "f",\n  "memory_mb": ,\n}')
    error = error_of(path)
    assert str(error) == f"{path}: line 3, column 16: Expecting value"
    assert error.line == 3


def test_invalid_toml_names_line_and_column(tmp_path):
    path = write(tmp_path, "w.toml", 'function_name = "f"\nmemory_mb = \n')
    error = error_of(path)
    assert str(error) == f"{path}: line 2, column 13: Invalid value"
    assert error.line == 2


def test_yaml_tags_that_build_objects_are_refused(tmp_path):
    path = write(tmp_path, "w.yaml", "function_name: !!python/object:os.system echo\n")
    error = error_of(path)
    assert error.line == 1 and "python/object" in str(error)


def test_several_yaml_documents_are_refused(tmp_path):
    assert "single document" in str(error_of(write(tmp_path, "w.yaml", "function_name: a\n---\nfunction_name: b\n")))


@pytest.mark.parametrize("suffix, text, line", [
    (".yaml", "function_name: f\nmemory_mb: 1024\nregion: us-east-1\nmemory_mb: 2048\n", 4),
    (".json", '{"function_name": "f",\n "memory_mb": 1024,\n "memory_mb": 2048}', 3),
])
def test_a_key_given_twice_is_refused(tmp_path, suffix, text, line):
    error = error_of(write(tmp_path, f"w{suffix}", text))
    assert f"line {line}: memory_mb: given twice" in str(error)


# --- bad fields name the field, its line and the rule ----------------------------------------------------------

BAD_KEY = {
    ".yaml": "function_name: f\nregion: us-east-1\nmemry_mb: 2048\n",
    ".json": '{\n  "function_name": "f",\n  "region": "us-east-1",\n  "memry_mb": 2048\n}',
    ".toml": 'function_name = "f"\nregion = "us-east-1"\nmemry_mb = 2048\n',
}
BAD_KEY_LINE = {".yaml": 3, ".json": 4, ".toml": 3}


@pytest.mark.parametrize("suffix", list(BAD_KEY))
def test_an_unknown_key_is_named_with_its_line_and_a_suggestion(tmp_path, suffix):
    path = write(tmp_path, f"w{suffix}", BAD_KEY[suffix])
    error = error_of(path)
    line = BAD_KEY_LINE[suffix]
    assert str(error) == f"{path}: line {line}: memry_mb: unknown field; did you mean memory_mb?"
    assert (error.line, error.field) == (line, "memry_mb")


def test_an_unknown_key_with_no_near_name(tmp_path):
    error = error_of(write(tmp_path, "w.yaml", "function_name: f\ncolour: blue\n"))
    assert "line 2: colour: unknown field" in str(error) and "function_name" in str(error)


OUT_OF_RANGE = {
    ".yaml": "function_name: f\nmemory_mb: 99999\n",
    ".json": '{"function_name": "f",\n"memory_mb": 99999}',
    ".toml": 'function_name = "f"\nmemory_mb = 99999\n',
}


@pytest.mark.parametrize("suffix", list(OUT_OF_RANGE))
def test_an_out_of_range_value_names_the_field_and_the_allowed_range(tmp_path, suffix):
    path = write(tmp_path, f"w{suffix}", OUT_OF_RANGE[suffix])
    error = error_of(path)
    assert str(error) == f"{path}: line 2: memory_mb must be between 128 and 10,240 MB (got 99,999)"
    assert error.field == "memory_mb"


def test_a_value_outside_a_choice_lists_the_choices(tmp_path):
    error = error_of(write(tmp_path, "w.yaml", "function_name: f\ntraffic_pattern: spiky\n"))
    assert "line 2: traffic_pattern: " in str(error)
    assert "'steady'" in str(error) and "'mostly-idle'" in str(error) and "spiky" in str(error)


def test_a_value_of_the_wrong_type_shows_what_was_given(tmp_path):
    error = error_of(write(tmp_path, "w.toml", 'function_name = "f"\n\nmemory_mb = "lots"\n'))
    assert "line 3: memory_mb: " in str(error) and "integer" in str(error) and "'lots'" in str(error)


def test_a_missing_required_field(tmp_path):
    path = write(tmp_path, "w.yaml", "memory_mb: 1024\n")
    assert str(error_of(path)) == f"{path}: function_name: required field is missing"


def test_a_rule_across_fields_points_at_the_field_it_names(tmp_path):
    path = write(tmp_path, "w.yaml", "function_name: f\nduration_avg_ms: 500\nmemory_mb: 1024\n"
                                     "duration_p99_ms: 100\n")
    error = error_of(path)
    assert str(error).startswith(f"{path}: line 4: duration_p99_ms (100 ms) must be at least duration_avg_ms")


def test_a_bad_list_item_points_at_its_own_line(tmp_path):
    path = write(tmp_path, "w.yaml", "function_name: f\nin_vpc: true\nprivate_resources:\n  - RDS\n  - 42\n")
    error = error_of(path)
    assert "line 5: private_resources.1: " in str(error) and "string" in str(error)


def test_a_bad_list_points_at_its_key(tmp_path):
    path = write(tmp_path, "w.json", '{"function_name": "f",\n "in_vpc": true,\n "subnet_ids": ["subnet-0123abcd", '
                                     '"nope"]}')
    assert "line 3: subnet_ids must look like subnet-0123abcd (got nope)" in str(error_of(path))


def test_a_bad_field_in_a_workload_table_is_named_with_the_table(tmp_path):
    path = write(tmp_path, "w.toml", '[workload]\nfunction_name = "f"\nmemory_mb = 1\n')
    assert f"{path}: line 3: workload.memory_mb must be between 128 and 10,240 MB (got 1)" == str(error_of(path))


def test_an_unknown_table_beside_the_workload_table(tmp_path):
    path = write(tmp_path, "w.yaml", "workload:\n  function_name: f\ncosts:\n  x: 1\n")
    error = error_of(path)
    assert "line 3: costs: unknown table" in str(error) and "did you mean cost?" in str(error)


def test_every_problem_is_listed(tmp_path):
    path = write(tmp_path, "w.yaml", "function_name: f\nmemory_mb: 99999\ntimeout_s: 0\ncolour: blue\n"
                                     "traffic_pattern: spiky\n")
    error = error_of(path)
    lines = str(error).splitlines()
    assert lines[0] == f"{path}: 4 problems:"
    assert lines[1].startswith("  line 2: memory_mb") and lines[2].startswith("  line 3: timeout_s")
    assert lines[3].startswith("  line 4: colour: unknown field")
    assert lines[4].startswith("  line 5: traffic_pattern: ")
    assert [p.line for p in error.problems] == [2, 3, 4, 5]  # in file order


def test_an_alias_loop_in_yaml_is_refused_without_hanging(tmp_path):
    path = write(tmp_path, "w.yaml", "function_name: f\nprivate_resources: &a [*a]\n")
    assert "line 2: private_resources.0: " in str(error_of(path))


# --- any workload survives a round trip in every format ----------------------------------------------------------

texts = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)
any_workload = st.builds(
    Workload,
    function_name=st.from_regex(r"[A-Za-z0-9_-]{1,64}", fullmatch=True),
    notes=texts,
    source_detail=texts,
    private_resources=st.lists(texts, max_size=3),
    requests_per_month=st.none() | st.integers(0, 10**13),
    monthly_lambda_spend_usd=st.none() | st.floats(0, 1e9),
    duration_avg_ms=st.none() | st.floats(0, 900_000),
    runtime=st.sampled_from([None, "python3.13", "nodejs22.x", "ruby3.3"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(work=any_workload, suffix=st.sampled_from(SUFFIXES))
def test_any_workload_round_trips(tmp_path, work, suffix):
    path = save_workload(tmp_path / f"w{suffix}", work, overwrite=True)
    assert load_workload(path) == work
