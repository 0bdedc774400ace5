"""Python readiness rules and the Python analyzer.

On Lambda Managed Instances a Python execution environment runs one process per concurrent invocation slot
(16 per vCPU by default). Globals are per process, so they are never flagged; what the processes share is /tmp,
the database's connection limit, the log stream, and the instance's memory. Detection is ``ast`` on the fast
path (``python.facts``), reachability from the handlers is project-wide (``python_reach``), and fixes are
libcst transformations built only for the findings (``python.fixes``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from workbench.readiness.model import (
    Fix,
    Hit,
    Language,
    ScanContext,
    SourceFile,
)
# imported with this module (not on first use): the scanner's fork server preloads the family modules
# (rules.family_modules), and the facts are read in every worker
from workbench.readiness.python.facts.extractor import extract

RUNTIME = "python"


# The rules' metadata (LMI101-LMI104, LMI301) is in workbench/readiness/checks/lmiNNN.py.
FIXABLE = frozenset({"LMI101", "LMI102", "LMI103", "LMI104"})


class PythonAnalyzer:
    """The Python family: ``extract`` per file (cached by content), ``resolve`` project-wide, ``build_fix`` per
    finding. ``analyze`` (the Analyzer protocol) does all three for one file on its own."""

    name = "python"
    languages = frozenset({Language.PYTHON})

    def extract(self, source: SourceFile) -> dict[str, Any]:
        facts = extract(source.text)
        from workbench.readiness import definitions

        if definitions.is_cdk_app(source.text):   # a CDK app in Python: LMI501 on its functions' runtimes
            facts["cdk"] = definitions.cdk_plain(source)
        return facts

    def resolve(self, facts_by_rel: dict[str, dict[str, Any]], sources: dict[str, SourceFile], ctx: ScanContext,
                *, entry: str = "handlers"):
        from workbench.readiness import definitions
        from workbench.readiness.cdk_versions import Lookup
        from workbench.readiness.python_reach import resolve

        from workbench.readiness.function_packages import automation_scripts

        scripts = automation_scripts(ctx.root, {rel for rel, facts in facts_by_rel.items()
                                                if facts.get("shapes") and rel not in ctx.handlers})
        out = resolve(facts_by_rel, ctx, entry, not_functions=scripts)
        lookup = Lookup(ctx.root)
        for rel, facts in facts_by_rel.items():
            cdk = definitions.plain_hits(facts.get("cdk") or [], ctx, lookup, sources)
            if cdk:   # (reported whatever the request path, as in the other CDK languages)
                out.hits[rel] = sorted(out.hits.get(rel, []) + cdk, key=lambda h: (h.line, h.column, h.code))
        return out

    @staticmethod
    def _cand(facts: dict[str, Any] | None, hit: Hit) -> dict[str, Any] | None:
        if hit.code not in FIXABLE or facts is None:
            return None
        return next((c for c in facts["cands"] if c["code"] == hit.code and c["line"] == hit.line and
                     c["col"] == hit.column and c["ctx"] == hit.context), None)

    def can_fix(self, facts: dict[str, Any] | None, hit: Hit) -> bool:
        """Whether ``build_fix`` may make a patch for the hit (without building it: the scan marks the finding
        "fix available" and the patch is built on demand). Deleting all of /tmp and writing relative to a /tmp
        working directory have no mechanical fix, nor has a line on a Chalice app's logger (its own format)."""
        from workbench.readiness.python_reach import CHALICE_LOGGER

        cand = self._cand(facts, hit)
        return cand is not None and cand.get("kind") not in ("wipe", "cwd") and \
            not (hit.code == "LMI104" and hit.message.endswith(CHALICE_LOGGER))

    def build_fix(self, source: SourceFile, facts: dict[str, Any] | None, hit: Hit, ctx: ScanContext) -> Fix | None:
        cand = self._cand(facts, hit)
        if cand is None or facts is None or not self.can_fix(facts, hit):
            return None
        from workbench.readiness.python.fixes.build import build_fix

        return build_fix(source.text, cand, facts)

    def analyze(self, source: SourceFile, ctx: ScanContext) -> list[Hit]:
        facts = self.extract(source)
        resolved = self.resolve({source.rel: facts}, {source.rel: source}, ctx)
        hits = resolved.hits.get(source.rel, [])
        out = []
        for hit in hits:
            fix = self.build_fix(source, facts, hit, ctx)
            out.append(replace(hit, fix=fix) if fix else hit)
        return out


PYTHON_ANALYZER = PythonAnalyzer()
ANALYZERS = (PYTHON_ANALYZER,)
