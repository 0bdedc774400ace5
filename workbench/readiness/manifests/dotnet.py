""".NET project files and locks: .csproj/.fsproj/.vbproj, Directory.Packages.props and other MSBuild files,
packages.config; packages.lock.json.
"""

from __future__ import annotations

import re

from workbench.readiness.manifests.declarations import (
    Declaration,
    fixable_span,
    locate,
    mask_comments,
    properties,
    read_json,
    xml_check,
)
from workbench.readiness.manifests.libraries import library
from workbench.readiness.manifests.versions import Bounds, interval_bounds, version


def msbuild(text: str, name: str) -> list[Declaration]:
    xml_check(text, name)
    masked = mask_comments(text, "xml")
    props = properties(masked, r"<(\w+)>([^<]*)</\1>")
    found = []
    element = re.compile(r"<(PackageReference|PackageVersion|package)\b([^>]*?)(/?)>", re.IGNORECASE)
    for match in element.finditer(masked):
        attrs = {m.group(1).lower(): (m.group(2), match.start(2) + m.start(2), match.start(2) + m.end(2))
                 for m in re.finditer(r"([\w]+)\s*=\s*\"([^\"]*)\"", match.group(2))}
        package = (attrs.get("include") or attrs.get("update") or attrs.get("id") or ("", 0, 0))[0]
        spec_info = attrs.get("versionoverride") or attrs.get("version")
        if spec_info is None and not match.group(3):
            closing = masked.find(f"</{match.group(1)}>", match.end())
            inner = re.compile(r"<Version>([^<]*)</Version>").search(masked, match.end(),
                                                                     closing if closing >= 0 else len(masked))
            if inner:
                spec_info = (inner.group(1), inner.start(1), inner.end(1))
        lib = library("dotnet", package)
        if lib is None or spec_info is None:
            continue
        spec, start, end = spec_info
        ref = re.fullmatch(r"\$\((\w+)\)", spec.strip())
        if ref:
            if ref.group(1) not in props:
                continue
            spec, start, end = props[ref.group(1)]
        found.append(Declaration("dotnet", package, spec, start, end, interval_bounds(spec),
                                 fixable=fixable_span(text, start, end) is not None))
    return found


def nuget_lock(text: str) -> list[Declaration]:
    data = read_json(text, "packages.lock.json")
    found = []
    for framework, packages in (data.get("dependencies") or {}).items():
        for package, info in (packages or {}).items():
            resolved = str(info.get("resolved", "")) if isinstance(info, dict) else ""
            v = version(resolved)
            if library("dotnet", package) is None or v is None:
                continue
            start, end = locate(text, [f'"{framework}"', f'"{package}"', '"resolved"'], resolved)
            found.append(Declaration("dotnet", package, resolved, start, end, Bounds(v, v, True, True), locked=True,
                                     direct=info.get("type") == "Direct"))
    return found
