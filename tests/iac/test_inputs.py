"""Broken inputs are refused before anything is generated, with a message that says what to fix."""

from __future__ import annotations

import pytest

from workbench.iac import FilesExist, IacInputError, IacOptions, generate, write_files
from workbench.models import Environment, Workload


def _changed(workload: Workload, **changes) -> Workload:
    return Workload.model_validate({**workload.model_dump(), **changes})


def _problems(*args, **kwargs) -> str:
    with pytest.raises(IacInputError) as caught:
        generate("cloudformation", *args, **kwargs)
    return str(caught.value)


def test_no_workload_or_configuration(config, workload):
    assert "there is no workload" in _problems(None, config, IacOptions())
    assert "there is no LMI configuration" in _problems(workload, None, IacOptions())


def test_unsupported_runtime(workload, config):
    ruby = _changed(workload, runtime="ruby3.3")
    message = _problems(ruby, config, IacOptions())
    assert "does not yet support ruby3.3" in message and "Python" in message


@pytest.mark.parametrize("runtime, upgrade", [("python3.12", "python3.13"), ("nodejs20.x", "nodejs22.x"),
                                              ("java17", "java21"), ("dotnet6", "dotnet8")])
def test_an_older_runtime_is_refused_naming_the_upgrade_to_choose(workload, config, runtime, upgrade):
    message = _problems(_changed(workload, runtime=runtime), config, IacOptions())
    assert f"does not yet support {runtime}" in message and f"--upgrade-runtime {upgrade}" in message


def test_the_explicitly_chosen_upgrade_is_generated(workload, config):
    old = _changed(workload, runtime="python3.12")
    files = generate("sam", old, config, IacOptions(upgrade_runtime="python3.13"))
    text = "".join(files.values())
    assert "Runtime: python3.13" in text and "python3.12" not in text


def test_a_wrong_upgrade_is_refused(workload, config):
    old = _changed(workload, runtime="python3.12")
    assert "another language" in _problems(old, config, IacOptions(upgrade_runtime="nodejs22.x"))
    older = _problems(old, config, IacOptions(upgrade_runtime="python3.11"))
    assert "does not yet support python3.11 (Python 3.11) either" in older
    assert "nothing to upgrade" in _problems(workload, config, IacOptions(upgrade_runtime="python3.14"))


def test_rust_on_provided_al2023_is_generated_with_the_bootstrap_handler(workload, config):
    files = generate("sam", _changed(workload, runtime="provided.al2023"), config, IacOptions())
    text = "".join(files.values())
    assert "Runtime: provided.al2023" in text and "Handler: bootstrap" in text


def test_unsupported_region(workload, config):
    assert "not available in il-central-1" in _problems(_changed(workload, region="il-central-1"), config,
                                                       IacOptions())


def test_architecture_mismatch_between_function_and_provider(workload, config):
    arm = _changed(workload, architecture="arm64")
    assert "architecture mismatch: the function is arm64" in _problems(arm, config, IacOptions())


def test_architecture_mismatch_with_allowed_instance_types(workload, config):
    message = _problems(workload, config, IacOptions(allowed_instance_types=("c7g.xlarge",)))
    assert "allowed instance type c7g.xlarge is arm64" in message


def test_fewer_than_three_environments_in_production(workload, config):
    # The configuration model itself refuses this, so build the broken one without validation.
    low = config.model_construct(**{**config.__dict__, "min_execution_environments": 2,
                                    "environment": Environment.PRODUCTION})
    assert "at least 3 keep multi-AZ coverage" in _problems(workload, low, IacOptions())


def test_non_production_may_use_fewer(workload, config):
    dev = config.model_copy(update={"environment": Environment.NON_PRODUCTION, "min_execution_environments": 1})
    assert "template.yaml" in generate("cloudformation", workload, dev, IacOptions())


def test_allowed_and_excluded_both_set(workload, config):
    message = _problems(workload, config, IacOptions(allowed_instance_types=("m7i.large",),
                                                     excluded_instance_types=("m7i.xlarge",)))
    assert "allowed and excluded instance types are both set" in message


@pytest.mark.parametrize("options, expected", [
    (IacOptions(subnet_ids=("subnet-0a1b2c3d",)), "use at least 3"),
    (IacOptions(create_vpc=True, subnet_ids=("subnet-0a1b2c3d",) * 3), "choose one"),
    (IacOptions(scheduled_scaling=True, business_hours_start_cron="0 7 * * *"), "6 fields"),
    (IacOptions(cpu_alarm_pct=0), "CPU alarm threshold"),
    (IacOptions(code_location="s3://bucket-only"), "needs a key"),
])
def test_bad_options(workload, config, options, expected):
    assert expected in _problems(workload, config, options)


def test_every_problem_is_listed_at_once(workload, config):
    arm = _changed(workload, architecture="arm64")
    error = None
    try:
        generate("sam", arm, config, IacOptions(allowed_instance_types=("a",), excluded_instance_types=("b",)))
    except IacInputError as caught:
        error = caught
    assert error is not None and len(error.problems) >= 2


def test_unknown_format(workload, config):
    with pytest.raises(ValueError, match="unknown format 'pulumi'"):
        generate("pulumi", workload, config)


def test_write_files_never_overwrites_unless_asked(tmp_path):
    (tmp_path / "template.yaml").write_text("mine\n")
    with pytest.raises(FilesExist):
        write_files({"template.yaml": "new\n", "other.txt": "x\n"}, tmp_path)
    assert (tmp_path / "template.yaml").read_text() == "mine\n"
    assert not (tmp_path / "other.txt").exists()  # nothing at all is written when one file exists
    write_files({"template.yaml": "new\n"}, tmp_path, overwrite=True)
    assert (tmp_path / "template.yaml").read_text() == "new\n"


def test_write_files_creates_directories_and_refuses_escapes(tmp_path):
    written = write_files({"lib/stack.ts": "x\n", "setup.sh": "#!/bin/sh\n"}, tmp_path / "out")
    assert [p.relative_to(tmp_path).as_posix() for p in written] == ["out/lib/stack.ts", "out/setup.sh"]
    assert (tmp_path / "out" / "setup.sh").stat().st_mode & 0o111
    with pytest.raises(ValueError, match="outside"):
        write_files({"../escape.txt": "x"}, tmp_path / "out")


def test_cdk_refuses_a_max_vcpu_count_below_its_construct_floor(workload, config):
    """aws-cdk-lib's lambda.CapacityProvider takes maxVCpuCount 12–15,000; the API takes 2 and up."""
    from workbench.models import LmiConfiguration

    small = LmiConfiguration.model_validate({**config.model_dump(), "max_vcpu_count": 8,
                                             "min_execution_environments": 3})
    for fmt in ("cdk-ts", "cdk-js", "cdk-py"):
        with pytest.raises(IacInputError) as caught:
            generate(fmt, workload, small, IacOptions())
        assert "max vCPU count 8 is below 12" in str(caught.value) and "maxVCpuCount 12–15,000" in str(caught.value)
    assert "MaxVCpuCount: 8" in generate("cloudformation", workload, small, IacOptions())["template.yaml"]
    # listed with the other problems, not instead of them
    with pytest.raises(IacInputError) as caught:
        generate("cdk-ts", workload, small, IacOptions(alias_name="123"))
    assert len(caught.value.problems) == 2
