"""A comparison as text: a plain table for the terminal, JSON, CSV and Markdown for export.

``render(result, fmt)`` takes a workbench :class:`CostResult` or an :class:`AwsSampleResult` and one of
``table``, ``json``, ``csv``, ``markdown``. Output is deterministic (no clock), so it can be diffed and tested.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from workbench.cost.aws_sample import AwsSampleResult
from workbench.cost.results import (
    COMPUTE,
    MANAGEMENT_FEE,
    PROVISIONED,
    REQUESTS,
    STORAGE,
    CostResult,
    Sensitivity,
    as_dict,
)
from workbench.cost.text import signed_percent, usd, volume

from workbench.cost.formats import FORMATS  # noqa: E402 - shared with the command


def render(result: CostResult | AwsSampleResult, fmt: str = "table") -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if isinstance(result, AwsSampleResult):
        return {"table": sample_table, "json": sample_json, "csv": sample_csv, "markdown": sample_markdown}[fmt](result)
    return {"table": format_table, "json": format_json, "csv": format_csv, "markdown": format_markdown}[fmt](result)


# --- workbench model -------------------------------------------------------------------------------------------

def _title(r: CostResult) -> str:
    return (f"Cost comparison: {r.region}, {r.architecture}, {r.requests_per_month:,.0f} requests/month "
            f"(prices: {r.catalog_label})")


def _breakeven_text(r: CostResult) -> str:
    be = r.breakeven
    if be.requests_per_month is not None:
        return (f"{be.requests_per_month:,.0f} requests/month ({volume(be.requests_per_month)}), where "
                f"\"{_label(r, be.lmi_scenario)}\" and \"{_label(r, be.lambda_scenario)}\" both cost "
                f"{usd(be.lmi_usd or 0.0)} a month")
    return be.note or be.status


def _label(r: CostResult, key: str) -> str:
    try:
        return r.scenario(key).label
    except KeyError:
        return key


def _num(x: float) -> str:
    """A rate or a concurrency: 3 significant figures when small, one decimal otherwise."""
    return f"{x:,.3g}" if abs(x) < 10 else f"{x:,.1f}"


def _sizing_lines(r: CostResult) -> list[str]:
    s = r.sizing
    lines = [
        f"traffic: mean {_num(s.mean_rps)}/s, peak {_num(s.peak_rps)}/s → concurrency {_num(s.avg_concurrency)} avg, "
        f"{_num(s.peak_concurrency)} peak",
        f"execution environment: {s.memory_mb_per_ee} MB, {s.vcpu_per_ee} vCPU, {s.per_ee_concurrency} concurrent "
        f"invocations; at {s.target_utilisation:.0%} target utilisation",
        f"environments: {s.ees_needed} for the load, {s.ees} with the minimum; {s.envs_per_instance} per "
        f"{r.instance.instance_type} (1 vCPU and 1 GiB kept for the system) → {s.instances} instances",
    ]
    if s.ees_by_slots is not None:
        by_cpu = "CPU not counted" if s.ees_by_cpu is None else \
            f"{s.ees_by_cpu} by CPU ({s.cpu_share:.0%} of the duration)"
        decided = "CPU" if s.decided_by == "cpu" else "concurrency slots"
        lines.append(f"at the peak: {s.ees_by_slots} environments by concurrency slots, {by_cpu}; decided by "
                     f"{decided}")
    if s.off_peak_instances is not None:
        lines.append(f"scheduled scaling: {s.instances} instances for {s.peak_hours:g} h, {s.off_peak_instances} "
                     f"({s.off_peak_ees} environments) the rest of the month")
    return lines


def _sensitivity_rows(sens: Sensitivity) -> tuple[list[str], list[list[str]]]:
    header = ["traffic \\ duration"] + [signed_percent(d) for d in sens.steps]
    rows = []
    for t in sens.steps:
        row = [signed_percent(t)]
        for d in sens.steps:
            c = sens.cell(t, d)
            row.append(("LMI " if c.lmi_cheaper else "λ ") + usd(abs(c.saving_usd), cents=False))
        rows.append(row)
    return header, rows


def _columns(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        out.append("  ".join(cells).rstrip())
    return out


def format_table(r: CostResult) -> str:
    lines = [_title(r), ""]
    rows = [["", "Scenario", "Monthly", "Yearly"]]
    for s in r.scenarios:
        rows.append(["*" if s.cheapest else " ", s.label, usd(s.monthly_usd), usd(s.yearly_usd)])
    lines += _columns(rows, {2, 3})
    lines += ["  (* cheapest)", "", r.recommendation, ""]
    lines.append("Line items (monthly):")
    for s in r.scenarios:
        parts = "; ".join(f"{i.label} {usd(i.usd)}" for i in s.items)
        lines.append(f"  {s.label}: {parts}")
    lines += ["", f"Instance: {r.instance.instance_type} × {r.sizing.instances} "
                  f"(${r.instance.usd_per_hour:g}/h{', ESTIMATE' if r.instance.estimate else ''})"]
    if r.alternatives:
        alts = ", ".join(f"{a.instance_type} × {a.instances} {usd(a.lmi_monthly_usd)}" for a in r.alternatives)
        lines.append(f"  alternatives (LMI on-demand): {alts}")
    lines += ["", "Sizing:"] + [f"  {line}" for line in _sizing_lines(r)]
    lines += ["", f"Break-even: {_breakeven_text(r)}", "",
              "Sensitivity (who is cheaper, by how much a month; λ = standard Lambda):"]
    header, rows = _sensitivity_rows(r.sensitivity)
    lines += [f"  {line}" for line in _columns([header] + rows, set(range(1, len(header))))]
    lines += [f"  {r.sensitivity.summary}", "", "Assumptions:"] + [f"  - {a}" for a in r.assumptions]
    if r.warnings:
        lines += ["", "Warnings:"] + [f"  ! {w}" for w in r.warnings]
    lines += ["", "Prices used:"] + [f"  - {p.describe()}" for p in r.prices_used]
    return "\n".join(lines) + "\n"


def format_json(r: CostResult) -> str:
    return json.dumps(as_dict(r), indent=2, sort_keys=False) + "\n"


CSV_FIELDS = ("scenario", "key", "family", "monthly_usd", "yearly_usd", "cheapest", "instance_type", "instances",
              "commitment", "discount_rate", "requests_usd", "compute_usd", "management_fee_usd",
              "provisioned_concurrency_usd", "storage_usd")


def format_csv(r: CostResult) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for s in r.scenarios:
        writer.writerow([s.label, s.key, s.family, f"{s.monthly_usd:.2f}", f"{s.yearly_usd:.2f}",
                         "yes" if s.cheapest else "", s.instance_type or "",
                         "" if s.instances is None else f"{s.instances:g}", s.commitment, f"{s.discount_rate:g}",
                         *(f"{s.item(kind):.2f}" for kind in (REQUESTS, COMPUTE, MANAGEMENT_FEE, PROVISIONED,
                                                                STORAGE))])
    return buf.getvalue()


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|")


def format_markdown(r: CostResult) -> str:
    out = [f"# {_title(r)}", "", f"**{_md_escape(r.recommendation)}**", "",
           "| Scenario | Monthly | Yearly | Requests | Compute | Management fee |",
           "|---|---:|---:|---:|---:|---:|"]
    for s in r.scenarios:
        name = f"**{_md_escape(s.label)}** (cheapest)" if s.cheapest else _md_escape(s.label)
        out.append(f"| {name} | {usd(s.monthly_usd)} | {usd(s.yearly_usd)} | {usd(s.item(REQUESTS))} | "
                   f"{usd(s.item(COMPUTE) + s.item(PROVISIONED) + s.item(STORAGE))} | {usd(s.item(MANAGEMENT_FEE))} |")
    out += ["", "## Instance", "",
            f"{r.instance.instance_type} × {r.sizing.instances} at ${r.instance.usd_per_hour:g}/h"
            + (" (estimate)" if r.instance.estimate else ""), ""]
    if r.alternatives:
        out += ["| Alternative | Instances | LMI on-demand / month |", "|---|---:|---:|"]
        out += [f"| {a.instance_type} | {a.instances} | {usd(a.lmi_monthly_usd)} |" for a in r.alternatives]
        out.append("")
    out += ["## Sizing", ""] + [f"- {line}" for line in _sizing_lines(r)]
    out += ["", "## Break-even", "", _breakeven_text(r), "", "## Sensitivity", ""]
    header, rows = _sensitivity_rows(r.sensitivity)
    out.append("| " + " | ".join(_md_escape(h) for h in header) + " |")
    out.append("|---" + "|---:" * (len(header) - 1) + "|")
    out += ["| " + " | ".join(row) + " |" for row in rows]
    out += ["", r.sensitivity.summary, "", "## Assumptions", ""] + [f"- {_md_escape(a)}" for a in r.assumptions]
    if r.warnings:
        out += ["", "## Warnings", ""] + [f"- {_md_escape(w)}" for w in r.warnings]
    out += ["", "## Prices used", ""] + [f"- {_md_escape(p.describe())}" for p in r.prices_used]
    return "\n".join(out) + "\n"


# --- AWS sample model -------------------------------------------------------------------------------------------

_SAMPLE_ROWS = (("lambda", "Standard Lambda", "lambda_"), ("lmi", "LMI", "lmi"),
                ("self_managed_ec2", "Self-managed EC2", "self_managed_ec2"))


def _sample_totals(r: AwsSampleResult) -> list[tuple[str, str, dict[str, Any]]]:
    return [(key, label, getattr(r, attr)) for key, label, attr in _SAMPLE_ROWS]


def sample_table(r: AwsSampleResult) -> str:
    c = r.capacity
    inp = r.inputs
    lines = [f"AWS sample calculator model: {inp['runtime']}, {inp['targetConcurrency']:,} concurrent, "
             f"{inp['requestsPerMonth']:,} requests/month, {inp['instanceType']}, {inp['savingsPlan']}", ""]
    rows = [["", "Option", "Monthly", "Yearly"]]
    for key, label, data in _sample_totals(r):
        rows.append(["*" if key == r.cheapest else " ", label, usd(data["total_usd"]), usd(data["total_usd"] * 12)])
    lines += _columns(rows, {2, 3}) + ["  (* cheapest)", "", r.recommendation, "", "Capacity:"]
    lines.append(f"  concurrency per vCPU {c['concurrency_per_vcpu']}, sustainable "
                 f"{c['sustainable_concurrency_per_vcpu']} per vCPU; function memory {c['function_memory_mb']} MB, "
                 f"{c['vcpus_per_env']} vCPU per environment")
    lines.append(f"  environments {c['environments_needed']}, {c['envs_per_instance']} per instance → base "
                 f"{c['base_instances']} instances (AZ minimum {c['az_minimum']}) × {c['scaling_buffer']:g} → "
                 f"{c['instances']} instances")
    lmi, lam, ec2 = r.lmi, r.lambda_, r.self_managed_ec2
    lines += ["", "Line items (monthly):",
              f"  LMI: EC2 {usd(lmi['ec2_usd'])}; management fee {usd(lmi['management_fee_usd'])}; requests "
              f"{usd(lmi['requests_usd'])}",
              f"  Lambda: duration {usd(lam['compute_usd'])}; requests {usd(lam['requests_usd'])}",
              f"  Self-managed EC2: {ec2['instances']} instances at {ec2['packing_efficiency']:.0%} packing "
              f"{usd(ec2['total_usd'])}"]
    if r.warnings:
        lines += ["", "Warnings:"] + [f"  ! {w}" for w in r.warnings]
    lines += ["", "Pricing:"] + [f"  - {k}: {v}" for k, v in r.pricing.items()]
    return "\n".join(lines) + "\n"


def sample_json(r: AwsSampleResult) -> str:
    return json.dumps(r.to_dict(), indent=2) + "\n"


def sample_csv(r: AwsSampleResult) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(("option", "monthly_usd", "yearly_usd", "cheapest", "instance_type", "instances",
                     "discount_rate", "requests_usd", "compute_usd", "management_fee_usd"))
    lmi, lam, ec2 = r.lmi, r.lambda_, r.self_managed_ec2
    writer.writerow(("lambda", f"{lam['total_usd']:.2f}", f"{lam['total_usd'] * 12:.2f}",
                     "yes" if r.cheapest == "lambda" else "", "", "", f"{lam['discount_rate']:g}",
                     f"{lam['requests_usd']:.2f}", f"{lam['compute_usd']:.2f}", "0.00"))
    writer.writerow(("lmi", f"{lmi['total_usd']:.2f}", f"{lmi['total_usd'] * 12:.2f}",
                     "yes" if r.cheapest == "lmi" else "", lmi["instance_type"], lmi["instances"],
                     f"{lmi['discount_rate']:g}", f"{lmi['requests_usd']:.2f}", f"{lmi['ec2_usd']:.2f}",
                     f"{lmi['management_fee_usd']:.2f}"))
    writer.writerow(("self_managed_ec2", f"{ec2['total_usd']:.2f}", f"{ec2['total_usd'] * 12:.2f}",
                     "yes" if r.cheapest == "self_managed_ec2" else "", ec2["instance_type"], ec2["instances"],
                     f"{ec2['discount_rate']:g}", "0.00", f"{ec2['total_usd']:.2f}", "0.00"))
    return buf.getvalue()


def sample_markdown(r: AwsSampleResult) -> str:
    c = r.capacity
    out = ["# AWS sample calculator model", "", f"**{_md_escape(r.recommendation)}**", "",
           "| Option | Monthly | Yearly |", "|---|---:|---:|"]
    for key, label, data in _sample_totals(r):
        name = f"**{label}** (cheapest)" if key == r.cheapest else label
        out.append(f"| {name} | {usd(data['total_usd'])} | {usd(data['total_usd'] * 12)} |")
    out += ["", "## Capacity", "", "| Step | Value |", "|---|---:|"]
    out += [f"| {k} | {v} |" for k, v in c.items()]
    if r.warnings:
        out += ["", "## Warnings", ""] + [f"- {_md_escape(w)}" for w in r.warnings]
    out += ["", "## Pricing", ""] + [f"- {k}: {_md_escape(v)}" for k, v in r.pricing.items()]
    return "\n".join(out) + "\n"
