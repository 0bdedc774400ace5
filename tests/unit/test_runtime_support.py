"""The runtime facts (lmi_facts.RUNTIME_SUPPORT, AWS "Lambda Managed Instances runtimes" as of 2026-12-07) and the one
function every consumer asks: supported or not, the family, the upgrade to make."""

from __future__ import annotations

import pytest

from workbench import lmi_facts as facts
from workbench.lmi_facts import runtime_support, runtime_upgrade_problem


@pytest.mark.parametrize("runtime, family, supported, upgrade", [
    ("python3.13", "python", True, None), ("python3.14", "python", True, None),
    ("python3.12", "python", False, "python3.13"), ("python3.9", "python", False, "python3.13"),
    ("nodejs22.x", "nodejs", True, None), ("nodejs24.x", "nodejs", True, None),
    ("nodejs20.x", "nodejs", False, "nodejs22.x"), ("nodejs18.x", "nodejs", False, "nodejs22.x"),
    ("java21", "java", True, None), ("java25", "java", True, None),
    ("java17", "java", False, "java21"), ("java11", "java", False, "java21"), ("java8.al2", "java", False, "java21"),
    ("dotnet8", "dotnet", True, None), ("dotnet10", "dotnet", True, None),
    ("dotnet6", "dotnet", False, "dotnet8"), ("dotnetcore3.1", "dotnet", False, "dotnet8"),
    ("provided.al2023", "rust", True, None),
    ("provided.al2", "provided", False, "provided.al2023"), ("provided", "provided", False, "provided.al2023"),
    ("ruby3.3", "ruby", False, None), ("go1.x", "go", False, None),
])
def test_each_runtime_is_judged_by_its_version(runtime, family, supported, upgrade):
    found = runtime_support(runtime)
    assert (found.family, found.supported, found.upgrade) == (family, supported, upgrade)


def test_the_facts_carry_their_source_and_date():
    assert facts.RUNTIME_SUPPORT.as_of == "2026-12-07"
    assert "lambda-managed-instances-runtimes.html" in facts.RUNTIME_SUPPORT.source
    assert facts.supported_runtime_names() == ["Java 21+", "Python 3.13+", "Node.js 22+", ".NET 8+",
                                               "Rust on provided.al2023"]
    # Rust's default concurrency: docs "Rust support for Lambda Managed Instances"
    assert facts.SUPPORTED_RUNTIME_FAMILIES["rust"].default_concurrency_per_vcpu == 8


def test_the_seed_message_names_the_runtime_the_list_and_the_way_out():
    text = runtime_support("python3.12").explain()
    assert text.startswith("Lambda Managed Instances does not yet support python3.12 (Python 3.12). "
                           "Supported runtimes: Java 21+, Python 3.13+, Node.js 22+, .NET 8+, Rust on provided.al2023.")
    assert "python3.13" in text and "standard Lambda" in text
    ruby = runtime_support("ruby3.3").explain()
    assert "Keep this function on standard Lambda" in ruby and "Upgrade" not in ruby


def test_rust_is_known_from_the_code_when_the_caller_can_tell():
    assert runtime_support("provided.al2023", rust=True).note == ""
    assert "Rust only" in runtime_support("provided.al2023").note
    not_rust = runtime_support("provided.al2023", rust=False)
    assert not not_rust.supported and not_rust.upgrade is None


@pytest.mark.parametrize("runtime, chosen, problem", [
    ("python3.13", None, None), ("python3.12", "python3.13", None), ("python3.12", "python3.14", None),
    ("provided.al2", "provided.al2023", None), ("python3.13", "python3.13", None),
    ("python3.12", None, "--upgrade-runtime python3.13"), ("python3.12", "nodejs22.x", "another language"),
    ("python3.12", "python3.11", "either"), ("python3.13", "python3.14", "nothing to upgrade"),
    ("ruby3.3", None, "standard Lambda"), ("ruby3.3", "python3.13", "another language"),
])
def test_an_upgrade_must_be_chosen_and_must_be_one(runtime, chosen, problem):
    found = runtime_upgrade_problem(runtime, chosen)
    assert (found is None) if problem is None else (problem in found)
