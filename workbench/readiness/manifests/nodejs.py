"""Node.js manifests and lock files: package.json; package-lock.json, npm-shrinkwrap.json, yarn.lock,
pnpm-lock.yaml.
"""

from __future__ import annotations

import re

import yaml

from workbench.readiness.manifests.declarations import Declaration, fixable_span, locate, read_json
from workbench.readiness.manifests.libraries import library
from workbench.readiness.manifests.versions import Bounds, npm_bounds, version
from workbench.readiness.model import ParseFailure


def package_json(text: str) -> list[Declaration]:
    data = read_json(text, "package.json")
    found = []
    for section in ("dependencies", "optionalDependencies", "peerDependencies"):
        deps = data.get(section)
        if not isinstance(deps, dict):
            continue
        anchor = re.search(rf'"{section}"\s*:\s*\{{', text)
        for package, spec in deps.items():
            if not isinstance(spec, str) or library("nodejs", package) is None:
                continue
            match = re.compile(rf'"{re.escape(package)}"\s*:\s*"([^"]*)"').search(text, anchor.end() if anchor else 0)
            if match is None:
                continue
            item = Declaration("nodejs", package, spec, match.start(1), match.end(1), npm_bounds(spec))
            item.fixable = fixable_span(text, item.start, item.end) is not None
            found.append(item)
    return found


def npm_lock(text: str, name: str) -> list[Declaration]:
    data = read_json(text, name)
    found = []
    packages = data.get("packages")
    if isinstance(packages, dict):
        root = packages.get("", {}) if isinstance(packages.get(""), dict) else {}
        direct = {n for key in ("dependencies", "optionalDependencies", "peerDependencies")
                  for n in (root.get(key) or {})}
        for path, info in packages.items():
            package = path.rsplit("node_modules/", 1)[-1] if path else ""
            if not package or not isinstance(info, dict) or info.get("dev") or library("nodejs", package) is None:
                continue
            v = version(str(info.get("version", "")))
            if v is None:
                continue
            start, end = locate(text, [f'"{path}"', '"version"'], str(info["version"]))
            found.append(Declaration("nodejs", package, str(info["version"]), start, end, Bounds(v, v, True, True),
                                     locked=True, direct=path == f"node_modules/{package}" and package in direct))
        return found
    # lockfileVersion 1 does not list the root's own dependencies: a package another package of the lock requires
    # came in through that one (the package.json beside the lock, scanned apart, names what the root asked for).
    # npm marks an entry "dev": true when only dev dependencies need it, so what a dev entry requires counts only if
    # that entry is dev too: a runtime entry that only dev entries require was asked for by the root itself.
    dependencies = data.get("dependencies") or {}
    required = {n for info in dependencies.values() if isinstance(info, dict) and not info.get("dev")
                for n in (info.get("requires") or {})}
    for package, info in dependencies.items():
        if isinstance(info, dict) and not info.get("dev") and library("nodejs", package) is not None:
            v = version(str(info.get("version", "")))
            if v is not None:
                start, end = locate(text, [f'"{package}"', '"version"'], str(info["version"]))
                found.append(Declaration("nodejs", package, str(info["version"]), start, end,
                                         Bounds(v, v, True, True), locked=True, direct=package not in required))
    return found


def yarn_lock(text: str) -> list[Declaration]:
    found = []
    block = re.compile(r'(?m)^("?[^\s#][^\n]*):\s*\n((?:[ \t]+[^\n]*\n?)*)')
    for match in block.finditer(text):
        header, body = match.group(1), match.group(2)
        first = header.split(",")[0].strip().strip('"')
        package = first.rsplit("@", 1)[0] if first.rfind("@") > 0 else first
        if library("nodejs", package) is None:
            continue
        vm = re.search(r'(?m)^[ \t]+version:?\s+"?([^"\s]+)"?', body)
        v = version(vm.group(1)) if vm else None
        if vm is not None and v is not None:
            start = match.start(2) + vm.start(1)
            found.append(Declaration("nodejs", package, vm.group(1), start, start + len(vm.group(1)),
                                     Bounds(v, v, True, True), locked=True, direct=False))
    return found


def pnpm_lock(text: str) -> list[Declaration]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ParseFailure(f"could not parse pnpm-lock.yaml:{line}: {error}", line=line) from None
    importers = data.get("importers") if isinstance(data, dict) else None
    projects = importers.values() if isinstance(importers, dict) else [data] if isinstance(data, dict) else []
    found = []
    for project in projects:
        for section in ("dependencies", "optionalDependencies"):
            for package, info in ((project or {}).get(section) or {}).items():
                raw = str(info.get("version", "")) if isinstance(info, dict) else str(info)
                v = version(raw)
                if library("nodejs", package) is None or v is None:
                    continue
                value = raw.split("(")[0]
                start, end = locate(text, [f"{package}", "version" if isinstance(info, dict) else ":"], value)
                found.append(Declaration("nodejs", package, value, start, end, Bounds(v, v, True, True), locked=True))
    return found
