"""The AWS sample calculator model, on cases computed by hand from its formulas (issue 4)."""

from __future__ import annotations

import pytest

from workbench.cost.aws_sample import calculate
from workbench.cost.catalog import default_catalog
from workbench.cost.errors import CostInputError, MissingPrice

CAT = default_catalog()
BASIC = dict(runtime="python", targetConcurrency=100, memoryPerExec=512, instanceType="c7g.xlarge",
             requestsPerMonth=1_000_000, durationSec=60, arch="arm64", savingsPlan="none", workloadType="balanced",
             azConfig="3az")
C7G_XL_MONTH = 0.145 * 730  # $105.85 per instance-month on demand


def test_basic_case():
    # concurrency per vCPU = max(1, min(16, floor(2 × 1024 / 512))) = 4
    # memory = max(2048, ceil(512 × 4)) = 2048; vCPUs per env = ceil(2048 / 2048) = 1
    # balanced: 25% CPU → floor(100 / 25) = 4 per vCPU (≤ 16) → 4 per env; envs = ceil(100 / 4) = 25
    # c7g.xlarge: max(1, min(floor(3 / 1), floor((8 × 1024 − 1024) / 2048))) = 3 per instance
    # base = max(3, ceil(25 / 3)) = 9; instances = max(3, ceil(9 × 1.5)) = 14
    r = calculate(BASIC).to_dict()
    c = r["capacity"]
    assert (c["concurrency_per_vcpu"], c["function_memory_mb"], c["vcpus_per_env"]) == (4, 2048, 1)
    assert (c["environments_needed"], c["envs_per_instance"], c["base_instances"], c["instances"]) == (25, 3, 9, 14)
    # LMI: 14 × $0.145 × 730 = $1,481.90; fee 15% = $222.285; requests 1M × $0.20/M = $0.20 → $1,704.385
    assert r["lmi"]["ec2_usd"] == pytest.approx(1481.9)
    assert r["lmi"]["management_fee_usd"] == pytest.approx(222.285)
    assert r["lmi"]["total_usd"] == pytest.approx(1704.385)
    # Lambda: 1M × 60,000 ms × ($0.0000000017 × 512 / 128 = $6.8e-9) = $408 + $0.20
    assert r["lambda"]["price_per_ms"] == pytest.approx(6.8e-9)
    assert r["lambda"]["total_usd"] == pytest.approx(408.2)
    # self-managed: ceil(14 × 0.8 / 0.6) = ceil(18.67) = 19 × $105.85 = $2,011.15
    assert r["self_managed_ec2"]["instances"] == 19
    assert r["self_managed_ec2"]["total_usd"] == pytest.approx(2011.15)
    assert r["cheapest"] == "lambda"


@pytest.mark.parametrize("workload, per_vcpu, envs, base, instances", [
    ("io-heavy", 8, 13, 5, 8),     # floor(100/12.5) = 8; ceil(100/8) = 13; ceil(13/3) = 5; ceil(7.5) = 8
    ("balanced", 4, 25, 9, 14),
    ("cpu-heavy", 2, 50, 17, 26),  # floor(100/50) = 2; 50 envs; ceil(50/3) = 17; ceil(25.5) = 26
])
def test_workload_type_sets_the_cpu_share(workload, per_vcpu, envs, base, instances):
    c = calculate({**BASIC, "workloadType": workload}).capacity
    assert (c["sustainable_concurrency_per_vcpu"], c["environments_needed"], c["base_instances"],
            c["instances"]) == (per_vcpu, envs, base, instances)
    lmi = calculate({**BASIC, "workloadType": workload}).lmi
    # io-heavy: 8 × 105.85 = 846.80 + 127.02 + 0.20 = 974.02; cpu-heavy: 26 × 105.85 = 2,752.10 + 412.815 + 0.20
    assert lmi["total_usd"] == pytest.approx(instances * C7G_XL_MONTH * 1.15 + 0.2)


def test_savings_plan_discounts_but_never_the_fee():
    # compute_sp_3yr: EC2 65% off → 1,481.90 × 0.35 = 518.665; fee still 222.285 (15% of on-demand);
    # Lambda 12% off duration → 408 × 0.88 = 359.04 + 0.20; self-managed 2,011.15 × 0.35 = 703.9025
    r = calculate({**BASIC, "savingsPlan": "compute_sp_3yr"})
    assert r.lmi["ec2_usd"] == pytest.approx(518.665)
    assert r.lmi["management_fee_usd"] == pytest.approx(222.285)
    assert r.lmi["total_usd"] == pytest.approx(741.15)
    assert r.lambda_["total_usd"] == pytest.approx(359.24)
    assert r.self_managed_ec2["total_usd"] == pytest.approx(703.9025)


@pytest.mark.parametrize("plan, ec2, lam", [("none", 0, 0), ("compute_sp_1yr", 0.32, 0.12),
                                            ("compute_sp_3yr", 0.65, 0.12), ("ec2_instance_sp", 0.32, 0.0),
                                            ("reserved_3yr", 0.65, 0.0)])
def test_discount_table(plan, ec2, lam):
    r = calculate({**BASIC, "savingsPlan": plan})
    assert (r.lmi["discount_rate"], r.lambda_["discount_rate"]) == (ec2, lam)


def test_nodejs_five_az_bigger_instance():
    # nodejs: min(64, floor(2048 / 128)) = 16 per vCPU; memory max(2048, 128 × 16) = 2048 → 1 vCPU per env
    # io-heavy: min(8, 64) = 8 per env; envs = ceil(1000 / 8) = 125
    # c7g.2xlarge (8 vCPU, 16 GiB, $0.29/h in us-east-1): min(floor(7 / 1), floor(15,360 / 2048)) = 7 per instance
    # base = max(5, ceil(125 / 7) = 18) = 18; instances = max(5, ceil(27)) = 27
    assert CAT.instance("us-east-1", "c7g.2xlarge").usd_per_hour == 0.29
    r = calculate({**BASIC, "runtime": "nodejs", "memoryPerExec": 128, "targetConcurrency": 1000,
                   "instanceType": "c7g.2xlarge", "workloadType": "io-heavy", "azConfig": "5az",
                   "requestsPerMonth": 10_000_000, "durationSec": 0.1, "ec2PackingEfficiency": 80})
    c = r.capacity
    assert (c["concurrency_per_vcpu"], c["envs_per_instance"], c["base_instances"], c["instances"]) == (16, 7, 18, 27)
    # LMI: 27 × $0.29 × 730 = 5,715.90; fee 857.385; requests 10M × $0.20/M = 2.00
    assert r.lmi["total_usd"] == pytest.approx(5715.9 + 857.385 + 2.0)
    # Lambda arm64 128 MB: 10M × 100 ms × $0.0000000017 = $1.70 + $2.00
    assert r.lambda_["total_usd"] == pytest.approx(3.7)
    # packing 80%: ceil(27 × 0.8 / 0.8) = 27 instances
    assert r.self_managed_ec2["instances"] == 27


def test_memory_above_the_ratio():
    # python, 3,000 MB per execution: min(16, floor(2048 / 3000) = 0) → max(1, 0) = 1 per vCPU;
    # memory max(2048, 3000) = 3000; vCPUs per env ceil(3000 / 2048) = 2; balanced 4 × 2 = 8 per env;
    # envs ceil(40 / 8) = 5; c7g.xlarge: min(floor(3 / 2) = 1, floor(7168 / 3000) = 2) = 1 per instance;
    # base max(3, 5) = 5; instances max(3, ceil(7.5)) = 8
    c = calculate({**BASIC, "memoryPerExec": 3000, "targetConcurrency": 40}).capacity
    assert (c["concurrency_per_vcpu"], c["function_memory_mb"], c["vcpus_per_env"], c["environments_needed"],
            c["envs_per_instance"], c["base_instances"], c["instances"]) == (1, 3000, 2, 5, 1, 5, 8)


def test_no_az_buffer_minimum_one():
    # target 1 → 1 env → base max(1, 1) = 1 → instances max(1, ceil(1.5)) = 2
    c = calculate({**BASIC, "targetConcurrency": 1, "azConfig": "none"}).capacity
    assert (c["base_instances"], c["instances"]) == (1, 2)


def test_x86_price_per_ms():
    # $0.0000000021 per ms at 128 MB; at 1,024 MB ×8 = $1.68e-8; 1M × 1,000 ms = 1e9 ms → $16.80 + $0.20
    r = calculate({**BASIC, "arch": "x86_64", "memoryPerExec": 1024, "durationSec": 1, "instanceType": "c7i.xlarge"})
    assert r.lambda_["total_usd"] == pytest.approx(17.0)


def test_instance_too_small_is_counted_as_one_with_a_warning():
    # 8,192 MB per env (4 vCPU) on c7g.large (2 vCPU, 4 GiB): 0 fit, the formula's max(1, ·) says 1
    r = calculate({**BASIC, "memoryPerExec": 8192, "instanceType": "c7g.large", "targetConcurrency": 4})
    assert r.capacity["envs_per_instance"] == 1
    assert any("cannot really hold one environment" in w for w in r.warnings)


def test_output_shape():
    d = calculate(BASIC).to_dict()
    assert {"capacity", "lmi", "lambda", "self_managed_ec2"} <= set(d)
    assert {"environments_needed", "envs_per_instance", "base_instances", "instances"} <= set(d["capacity"])
    for key in ("lmi", "lambda", "self_managed_ec2"):
        assert isinstance(d[key]["total_usd"], float)
    assert d["model"] == "aws-sample"


@pytest.mark.parametrize("change, field, words", [
    ({"runtime": "ruby"}, "runtime", "nodejs, java, dotnet, python"),
    ({"memoryPerExec": 0}, "memoryPerExec", "128–10,240 MB"),
    ({"targetConcurrency": -1}, "targetConcurrency", "out of range"),
    ({"durationSec": 1000}, "durationSec", "15-minute invocation limit"),
    ({"savingsPlan": "gold"}, "savingsPlan", "compute_sp_1yr"),
    ({"workloadType": "heavy"}, "workloadType", "io-heavy, balanced, cpu-heavy"),
    ({"azConfig": "2az"}, "azConfig", "3az, 5az, none"),
    ({"ec2PackingEfficiency": 0}, "ec2PackingEfficiency", "1–100 %"),
    ({"colour": "blue"}, "colour", "not a field of the AWS sample calculator"),
    ({"requestsPerMonth": "many"}, "requestsPerMonth", "'many' is not a number"),
])
def test_bad_input_names_the_calculator_field(change, field, words):
    with pytest.raises(CostInputError) as err:
        calculate({**BASIC, **change})
    assert err.value.field == field and words in str(err.value)


def test_missing_runtime_is_required():
    data = dict(BASIC)
    del data["runtime"]
    with pytest.raises(CostInputError, match="^runtime"):
        calculate(data)


def test_instance_without_price_in_region():
    with pytest.raises(MissingPrice, match="no on-demand price for m7i.xlarge in eu-west-1"):
        calculate({**BASIC, "instanceType": "m7i.xlarge", "region": "eu-west-1"})


def test_unrealistic_fleet_is_refused():
    with pytest.raises(CostInputError, match="unrealistic"):
        calculate({**BASIC, "targetConcurrency": 1_000_000})
