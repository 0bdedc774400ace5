"""The whole-repository judgements (tests/readiness/sampled/) are well-formed, pinned and honest about their sources,
and the bench's sampling is deterministic and stable. The precision figures are printed by
bench/bench_readiness_sample.py against checkouts of the repositories (not committed), never asserted here."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from workbench.readiness.rules import rules

ROOT = Path(__file__).resolve().parents[2]
SAMPLED = Path(__file__).parent / "sampled"
HELDOUT = SAMPLED / "heldout"
HELDOUT2 = SAMPLED / "heldout2"
# every held-out round is a heldout* folder with a repos.json; the bench finds them the same way
SETS = [SAMPLED, *sorted(folder for folder in SAMPLED.glob("heldout*") if (folder / "repos.json").is_file())]
SIX = {"aws-samples/serverless-patterns", "aws/aws-lambda-dotnet", "aws-samples/serverless-test-samples",
       "awsdocs/aws-lambda-developer-guide", "aws-samples/aws-lambda-java-workshop", "serverless/examples"}


def bench():
    spec = importlib.util.spec_from_file_location("bench_readiness_sample", ROOT / "bench" / "bench_readiness_sample.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(params=SETS, ids=["tuning", *(folder.name for folder in SETS[1:])])
def folder(request) -> Path:
    return request.param


@pytest.fixture()
def manifest(folder) -> dict:
    return json.loads((folder / "repos.json").read_text(encoding="utf-8"))


def test_repositories_are_pinned_redistributable_and_not_the_six_of_the_issue(manifest):
    ids = [r["id"] for r in manifest["repos"]]
    assert len(ids) == len(set(ids)) and manifest["sample_per_rule"] > 0 and manifest["seed"]
    for repo in manifest["repos"]:
        assert re.fullmatch(r"[A-Za-z0-9._-]+", repo["id"]), repo
        assert re.fullmatch(r"[0-9a-f]{40}", repo["commit"]), repo
        assert repo["license"] in {"MIT-0", "MIT", "Apache-2.0", "Unlicense"}, repo
        assert repo["repo"] not in SIX, f"{repo['repo']} is one of the repositories issue 12 was measured on"


def test_the_held_out_sets_share_no_repository_with_each_other_or_the_tuning_set():
    sets = [json.loads((folder / "repos.json").read_text(encoding="utf-8"))["repos"] for folder in SETS]
    for i, first in enumerate(sets):
        assert first
        for second in sets[i + 1:]:
            assert {r["repo"] for r in first}.isdisjoint(r["repo"] for r in second)
            assert {r["id"] for r in first}.isdisjoint(r["id"] for r in second)


def test_every_judgement_names_a_pinned_repo_a_known_rule_a_verdict_and_a_one_line_reason(folder, manifest):
    by_id = {r["id"]: r for r in manifest["repos"]}
    known = set(rules())
    files = sorted(folder.glob("*.json"))
    assert len(files) > 1
    for path in files:
        if path.name == "repos.json":
            continue
        doc = json.loads(path.read_text(encoding="utf-8"))
        repo = by_id.get(path.stem)
        assert repo is not None, f"{path.name} has no entry in repos.json"
        assert doc["schema"] == 1 and doc["repo"] == repo["repo"] and doc["commit"] == repo["commit"], path.name
        assert doc["judgements"], path.name
        for key, judgement in doc["judgements"].items():
            match = re.fullmatch(r"(?P<path>[^\n]+):(?P<line>[1-9][0-9]*):(?P<rule>LMI[0-9]{3})", key)
            assert match and match["rule"] in known and ".." not in match["path"].split("/"), key
            assert judgement["verdict"] in {"real", "false", "debatable"}, key
            reason = judgement["reason"]
            assert reason.strip() and "\n" not in reason and len(reason) <= 300, key


def test_sampling_is_deterministic_and_a_vanished_finding_leaves_the_rest_of_the_sample_alone():
    module = bench()
    found = [module.Sampled("repo", f"src/f{i}.js", i, "LMI104", "nodejs", "m") for i in range(1, 40)]
    found += [module.Sampled("repo", f"src/g{i}.py", i, "LMI104", "python", "m") for i in range(1, 4)]
    first = module.sample(found, 5, "seed")
    assert first == module.sample(list(reversed(found)), 5, "seed")
    assert len(first[("LMI104", "nodejs")]) == 5 and len(first[("LMI104", "python")]) == 3
    gone = first[("LMI104", "nodejs")][0]
    again = module.sample([f for f in found if f != gone], 5, "seed")[("LMI104", "nodejs")]
    assert again[:4] == first[("LMI104", "nodejs")][1:] and gone not in again
    assert module.sample(found, 5, "other seed")[("LMI104", "nodejs")] != first[("LMI104", "nodejs")]


@pytest.mark.parametrize(("runtime", "path", "expected"), [
    ("typescript", "src/a.ts", "nodejs"), ("csharp", "A/Function.cs", "dotnet"),
    ("config", "app/package-lock.json", "nodejs"), ("config", "dagger/pom.xml", "java"),
    ("config", "src/A/A.csproj", "dotnet"), ("config", "libraries/src/Directory.Packages.props", "dotnet"),
    ("config", "svc/requirements.txt", "python"), ("config", "template.yaml", "template"),
    ("config", "frontend/yarn.lock", "nodejs"), ("config", "src/test/java/testutils/Infrastructure.java", "java"),
    ("config", "functions/metrics-uuid/uv.lock", "python"), ("config", "api/Pipfile.lock", "python"),
])
def test_a_finding_is_counted_under_the_language_of_its_file(runtime, path, expected):
    assert bench().family(runtime, path) == expected


@pytest.mark.parametrize(("argv", "variable", "manifest_path"), [
    ([], "READINESS_SAMPLE_ROOT", "sampled/repos.json"),
    (["--set", "heldout"], "READINESS_HELDOUT_ROOT", "sampled/heldout/repos.json"),
    (["--set", "heldout2"], "READINESS_HELDOUT2_ROOT", "sampled/heldout2/repos.json"),
])
def test_the_bench_skips_with_a_message_when_no_checkout_is_given(monkeypatch, capsys, argv, variable, manifest_path):
    module = bench()
    monkeypatch.delenv("READINESS_SAMPLE_ROOT", raising=False)
    monkeypatch.delenv("READINESS_HELDOUT_ROOT", raising=False)
    monkeypatch.delenv("READINESS_HELDOUT2_ROOT", raising=False)
    monkeypatch.setattr("sys.argv", ["bench_readiness_sample.py", *argv])
    assert module.main() == 0
    out = capsys.readouterr().out
    assert variable in out and manifest_path in out


def test_the_held_out_set_is_scanned_from_its_own_root_and_reported_apart(monkeypatch, capsys, tmp_path):
    module = bench()
    monkeypatch.setenv("READINESS_SAMPLE_ROOT", str(tmp_path / "tuning"))
    monkeypatch.setenv("READINESS_HELDOUT_ROOT", str(tmp_path / "heldout"))
    monkeypatch.setattr("sys.argv", ["bench_readiness_sample.py", "--set", "heldout"])
    assert module.main() == 0
    out = capsys.readouterr().out
    assert str(tmp_path / "heldout") in out and str(tmp_path / "tuning") not in out


def test_every_held_out_round_on_disk_is_a_set_of_the_bench_with_its_own_root_variable():
    sets = bench().SETS
    assert set(sets) == {"tuning", *(folder.name for folder in SETS[1:])}
    for folder in SETS[1:]:
        assert sets[folder.name] == (folder, f"READINESS_{folder.name.upper()}_ROOT")
