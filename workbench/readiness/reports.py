"""Report writers for a scan: text (terminals and CI logs), JSON, SARIF 2.1.0 (code scanning) and Markdown.

Each takes the ``ScanResult`` and, optionally, the session's decisions by fingerprint (decided findings are
marked; in SARIF they become suppressions).
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench import __version__
from workbench.readiness.patches import apply_unified_diff, line_starts, split_lines

if TYPE_CHECKING:
    from workbench.models.findings import Finding
    from workbench.readiness.scanner import ScanResult

TOOL = "LMI Workbench readiness"
INFO_URI = "https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances.html"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FORMATS = ("text", "json", "sarif", "markdown")


def _rules():
    from workbench.readiness.rules import rules

    return rules()


def _with_patches(result: "ScanResult") -> None:
    """Build the patches the scan left to be built on demand: every format that prints patches calls this."""
    if result.findings and any(f.pending_fix is not None for f in result.findings):
        from workbench.readiness.scanner import build_fixes

        build_fixes(result)


def _decision(decisions: dict[str, Any] | None, finding: "Finding") -> Any:
    return (decisions or {}).get(finding.fingerprint)


def _decision_value(decision: Any) -> str | None:
    if decision is None:
        return None
    value = getattr(decision, "decision", decision)
    return getattr(value, "value", value)


def counts(findings: list["Finding"]) -> Counter[str]:
    return Counter(f.severity.value for f in findings)


def counted(count: int, noun: str) -> str:
    """``1 warning``, ``2 warnings``, ``0 findings``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _summary_line(result: "ScanResult") -> str:
    r = result.report
    c = counts(result.findings)
    n = r.counts()
    line = (f"{counted(len(result.findings), 'finding')} ({counted(c['error'], 'error')}, "
            f"{counted(c['warning'], 'warning')}, {c['info']} info) in "
            f"{counted(r.files_scanned, 'file')}, {r.lines:,} lines, {r.duration_s:.2f} s"
            f" ({r.files_analyzed} analysed, {r.cache_hits} from the cache)")
    line += f"; {n['skipped']} skipped ({n['unreadable']} unreadable), {n['unparsed']} could not be parsed"
    if r.incomplete:
        line += " — the review is incomplete"
    return line


def _parser_lines(result: "ScanResult", *, limit: int = 5) -> list[str]:
    """One line per parser with the files it read (all of them up to ``limit``, else the count)."""
    out = []
    for parser, rels in result.report.parser_groups().items():
        shown = ", ".join(rels) if len(rels) <= limit else f"{len(rels)} files"
        out.append(f"{parser}: {shown}")
    return out


# ----- text ---------------------------------------------------------------------------------------------------


def render_text(result: "ScanResult", decisions: dict[str, Any] | None = None, *, show_diffs: bool = False) -> str:
    if show_diffs:
        _with_patches(result)
    r = result.report
    out = [f"{TOOL} {__version__}: {r.root or r.target}"]
    if r.fatal:
        out.append(f"error: {r.fatal}")
        return "\n".join(out) + "\n"
    if r.handlers:
        out.append("handlers: " + ", ".join(f"{h.rel}:{h.function}" + (f" ({h.runtime})" if h.runtime else "")
                                             for h in r.handlers))
    current = None
    for f in result.findings:
        if f.path != current:
            current = f.path
            out.append("")
            out.append(f.path)
        decided = _decision_value(_decision(decisions, f))
        mark = f"  [{decided}]" if decided else ""
        out.append(f"  {f.line}:{f.column}  {f.severity.value:<7}  {f.rule}  {f.message}{mark}")
        if f.fix is not None:
            out.append(f"      fix ({f.fix.applicability.value}): {f.fix.description}")
            if show_diffs:
                out.extend("      " + line for line in f.fix.diff.rstrip("\n").split("\n"))
        elif f.pending_fix is not None:
            out.append("      fix available (built on demand: --diff shows it and whether it is safe)")
    problems = r.lines_out()
    if problems:
        out.append("")
        out.extend(problems)
    parsers = _parser_lines(result)
    if parsers:
        out.append("")
        out.append("parsers: " + "; ".join(parsers))
    if r.skipped_dirs:
        shown = ", ".join(r.skipped_dirs[:8]) + (f" and {len(r.skipped_dirs) - 8} more" if len(r.skipped_dirs) > 8
                                                 else "")
        out.append(f"note: dependency and build folders not scanned: {shown}")
    out.append("")
    out.append(_summary_line(result))
    return "\n".join(out) + "\n"


# ----- JSON ---------------------------------------------------------------------------------------------------


def to_json(result: "ScanResult", decisions: dict[str, Any] | None = None) -> dict[str, Any]:
    _with_patches(result)
    r = result.report
    findings = []
    for f in result.findings:
        data = f.model_dump(mode="json", exclude={"pending_fix"} if f.pending_fix is None else None)
        data["decision"] = _decision_value(_decision(decisions, f))
        findings.append(data)
    c = counts(result.findings)
    return {
        "tool": {"name": TOOL, "version": __version__},
        "target": r.target, "root": r.root, "fatal": r.fatal,
        "summary": {"findings": len(result.findings), "errors": c["error"], "warnings": c["warning"],
                    "info": c["info"], "files_scanned": r.files_scanned, "files_analyzed": r.files_analyzed,
                    "cache_hits": r.cache_hits, "lines": r.lines, "duration_s": round(r.duration_s, 3),
                    **r.counts(), "incomplete": r.incomplete},
        "handlers": [{"path": h.rel, "function": h.function, "runtime": h.runtime, "source": h.source}
                     for h in r.handlers],
        "findings": findings,
        "skipped": [{"path": s.rel, "reason": s.reason} for s in r.skipped],
        "skipped_dirs": r.skipped_dirs,
        "failed": [{"path": p.rel, "message": p.message, "line": p.line} for p in r.failed],
        "notices": r.notices,
        "files": [{"path": rel, "parser": parser} for rel, parser in sorted(r.parsers.items())],
    }


def render_json(result: "ScanResult", decisions: dict[str, Any] | None = None) -> str:
    return json.dumps(to_json(result, decisions), indent=2) + "\n"


# ----- SARIF 2.1.0 --------------------------------------------------------------------------------------------


def _camel(title: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in re.findall(r"[A-Za-z0-9]+", title))


def _rule_descriptor(rule: Any) -> dict[str, Any]:
    rationale = " ".join(f"{runtime}: {text}" for runtime, text in rule.rationale.items())
    help_md = [f"**{rule.code}: {rule.title}**", "", f"Severity: {rule.severity}. Runtimes: {', '.join(rule.runtimes)}."
               f" Automatic fix: {rule.fix.value if rule.fix else 'none'}.", ""]
    for runtime, text in rule.rationale.items():
        help_md.append(f"- *{runtime}*: {text}")
    if rule.example_bad:
        help_md += ["", "Instead of:", "", "```", rule.example_bad, "```"]
    if rule.example_good:
        help_md += ["", "Prefer:", "", "```", rule.example_good, "```"]
    help_text = f"{rule.title}. {rationale}"
    if rule.example_bad:
        help_text += f"\n\nInstead of:\n{rule.example_bad}"
    if rule.example_good:
        help_text += f"\n\nPrefer:\n{rule.example_good}"
    return {
        "id": rule.code, "name": _camel(rule.title),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rationale or rule.title},
        "help": {"text": help_text, "markdown": "\n".join(help_md)},
        "helpUri": INFO_URI,
        "defaultConfiguration": {"level": _LEVEL.get(rule.severity, "warning")},
        "properties": {"runtimes": list(rule.runtimes), "fix": rule.fix.value if rule.fix else "none",
                       "tags": ["lambda-managed-instances", "concurrency", *rule.runtimes]},
    }


def _replacements(before: str, after: str) -> list[dict[str, Any]]:
    old, new = split_lines(before), split_lines(after)
    starts = line_starts(before)

    def offset(i: int) -> int:
        return starts[i] if i < len(old) else len(before)

    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        region = {"charOffset": offset(i1), "charLength": offset(i2) - offset(i1)}
        replacement: dict[str, Any] = {"deletedRegion": region}
        if j2 > j1:
            replacement["insertedContent"] = {"text": "".join(new[j1:j2])}
        out.append(replacement)
    return out


def to_sarif(result: "ScanResult", decisions: dict[str, Any] | None = None) -> dict[str, Any]:
    _with_patches(result)
    r = result.report
    registry = _rules()
    used = sorted({f.rule for f in result.findings} | set(registry))
    descriptors = [_rule_descriptor(registry[c]) for c in used if c in registry]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    results = []
    for f in result.findings:
        location = {"physicalLocation": {
            "artifactLocation": {"uri": f.path, "uriBaseId": "SRCROOT"},
            "region": {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line,
                       "endColumn": f.end_column}}}
        source = result.sources.get(f.path)
        if source is not None:
            lines = split_lines(source.text)
            if 0 < f.line <= len(lines):
                location["physicalLocation"]["region"]["snippet"] = {"text": lines[f.line - 1].rstrip("\r\n")}
        item: dict[str, Any] = {
            "ruleId": f.rule, "level": _LEVEL[f.severity.value], "message": {"text": f.message},
            "locations": [location],
            "partialFingerprints": {"lmiFingerprint/v1": f.fingerprint},
            "properties": {"runtime": f.runtime.value, "fileSha256": f.file_sha256},
        }
        if f.rule in index:
            item["ruleIndex"] = index[f.rule]
        if f.fix is not None and source is not None:
            try:
                after = apply_unified_diff(source.text, f.fix.diff)
            except Exception:  # noqa: BLE001 - a fix that does not apply is left out of the report only
                after = None
            if after is not None:
                item["fixes"] = [{
                    "description": {"text": f"{f.fix.description} ({f.fix.applicability.value})"},
                    "artifactChanges": [{"artifactLocation": {"uri": f.path, "uriBaseId": "SRCROOT"},
                                         "replacements": _replacements(source.text, after)}],
                }]
        decision = _decision(decisions, f)
        value = _decision_value(decision)
        if value and value != "patched":
            item["suppressions"] = [{"kind": "external", "status": "accepted",
                                     "justification": f"{value}: {getattr(decision, 'note', '')}".strip(": ")}]
        results.append(item)
    notifications = []
    for problem in r.failed:
        notifications.append({"level": "error", "message": {"text": problem.message},
                              "locations": [{"physicalLocation": {
                                  "artifactLocation": {"uri": problem.rel, "uriBaseId": "SRCROOT"},
                                  **({"region": {"startLine": problem.line}} if problem.line else {})}}]})
    for skipped in r.skipped:
        notifications.append({"level": "warning", "message": {"text": f"skipped {skipped.rel}: {skipped.reason}"}})
    for notice in r.notices:
        notifications.append({"level": "note", "message": {"text": notice}})
    if r.fatal:
        notifications.append({"level": "error", "message": {"text": r.fatal}})
    root_uri = Path(r.root).as_uri() + "/" if r.root else None
    run: dict[str, Any] = {
        "tool": {"driver": {"name": TOOL, "version": __version__, "semanticVersion": __version__,
                            "informationUri": INFO_URI, "rules": descriptors}},
        "invocations": [{"executionSuccessful": r.fatal is None and not r.incomplete,
                         "toolExecutionNotifications": notifications,
                         "properties": {**r.counts(), "filesScanned": r.files_scanned}}],
        "artifacts": [{"location": {"uri": rel, "uriBaseId": "SRCROOT"}, "properties": {"parser": parser}}
                      for rel, parser in sorted(r.parsers.items())],
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    if root_uri:
        run["originalUriBaseIds"] = {"SRCROOT": {"uri": root_uri}}
    return {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}


def render_sarif(result: "ScanResult", decisions: dict[str, Any] | None = None) -> str:
    return json.dumps(to_sarif(result, decisions), indent=2) + "\n"


# ----- Markdown -----------------------------------------------------------------------------------------------


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(result: "ScanResult", decisions: dict[str, Any] | None = None) -> str:
    _with_patches(result)
    r = result.report
    registry = _rules()
    out = [f"# Concurrency readiness: {Path(r.root).name if r.root else r.target}", ""]
    if r.fatal:
        return "\n".join(out + [f"**Error:** {r.fatal}", ""])
    c = counts(result.findings)
    n = r.counts()
    out += ["| Errors | Warnings | Info | Files | Lines | Skipped | Unreadable | Not parsed |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|",
            f"| {c['error']} | {c['warning']} | {c['info']} | {r.files_scanned} | {r.lines:,} | {n['skipped']} "
            f"| {n['unreadable']} | {n['unparsed']} |", ""]
    if r.handlers:
        out += ["## Handlers", ""]
        out += [f"- `{h.rel}` → `{h.function}`" + (f" ({h.runtime})" if h.runtime else "") + f" — {h.source}"
                for h in r.handlers]
        out.append("")
    out += ["## Findings", ""]
    if not result.findings:
        out += ["No findings.", ""]
    current = None
    for f in result.findings:
        if f.path != current:
            current = f.path
            out += [f"### `{f.path}`", ""]
        decided = _decision_value(_decision(decisions, f))
        out.append(f"- **{f.rule}** ({f.severity.value}) line {f.line}: {_md(f.message)}"
                   + (f" — *{decided}*" if decided else ""))
        if f.fix is not None:
            out += ["", f"  Proposed patch ({f.fix.applicability.value}): {f.fix.description}", "",
                    "  ```diff"] + ["  " + line for line in f.fix.diff.rstrip("\n").split("\n")] + ["  ```", ""]
    codes = sorted({f.rule for f in result.findings})
    if codes:
        out += ["## Rules", ""]
        for code in codes:
            rule = registry.get(code)
            if rule is None:
                continue
            out.append(f"- **{code} — {rule.title}** ({rule.severity}). " +
                       " ".join(f"*{k}*: {_md(v)}" for k, v in rule.rationale.items()))
        out.append("")
    problems = r.lines_out()
    if problems:
        out += ["## Not analysed", ""] + [f"- {_md(p)}" for p in problems] + [""]
    if r.parsers:
        out += ["## Parsers", ""] + [f"- {_md(line)}" for line in _parser_lines(result)] + [""]
        out += ["<details><summary>Every file and its parser</summary>", "", "| File | Parser |", "|---|---|"]
        out += [f"| `{_md(rel)}` | {parser} |" for rel, parser in sorted(r.parsers.items())]
        out += ["", "</details>", ""]
    out.append(f"_{_summary_line(result)}_")
    return "\n".join(out) + "\n"


def render(result: "ScanResult", fmt: str, decisions: dict[str, Any] | None = None) -> str:
    if fmt == "json":
        return render_json(result, decisions)
    if fmt == "sarif":
        return render_sarif(result, decisions)
    if fmt == "markdown":
        return render_markdown(result, decisions)
    return render_text(result, decisions)
