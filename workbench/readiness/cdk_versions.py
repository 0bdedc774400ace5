"""Which runtime aws-cdk-lib's variable ``Runtime.NODEJS_LATEST`` synthesizes, by the CDK app's aws-cdk-lib version.

``NODEJS_LATEST`` is no runtime name: each aws-cdk-lib release binds it to one (``new Runtime('nodejs18.x', ...,
{ isVariable: true })`` in aws-cdk-lib's packages/aws-cdk-lib/aws-lambda/lib/runtime.ts). Read from the published
package (``aws-lambda/lib/runtime.js`` of the npm tarballs aws-cdk-lib@2.92.0, 2.93.0, 2.210.0, 2.211.0, 2.258.0,
2.259.0 and 2.269.0, on 2026-12-07): 2.92.0 has no NODEJS_LATEST; 2.93.0 to 2.210.x bind it to nodejs18.x,
2.211.0 to 2.258.x to nodejs22.x, 2.259.0 (to 2.269.0 at least) to nodejs24.x. It is the only variable constant
of ``Runtime`` (there is no PYTHON_LATEST). Node.js runtimes only move forward, so a later aws-cdk-lib than the
newest one read binds it to nodejs24.x or newer.

The version is looked up from the CDK file's folder up to the scan root, never outside it: what is installed
(``node_modules/aws-cdk-lib``, a virtualenv's ``aws_cdk_lib-*.dist-info``) or locked (package-lock.json,
npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml, poetry.lock, uv.lock, Pipfile.lock, gradle.lockfile,
packages.lock.json) wins, nearest first; else the nearest declaration (package.json, requirements*.txt,
pyproject.toml, setup.py, setup.cfg, Pipfile, pom.xml, build.gradle(.kts), *.csproj, Directory.Packages.props). An
unlocked npm or pip range resolves to the newest release it allows (a fresh install); Maven, Gradle and NuGet take
the version written.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from workbench.readiness.manifests.declarations import Declaration
from workbench.readiness.manifests.versions import (
    Bounds,
    Version,
    interval_bounds,
    npm_bounds,
    pep440_bounds,
    resolves_to_minimum,
    version,
)

# constant -> ((first aws-cdk-lib version, runtime it binds), ...), oldest first: see the module docstring.
VARIABLE_RUNTIMES: dict[str, tuple[tuple[Version, str], ...]] = {
    "NODEJS_LATEST": (((2, 93, 0), "nodejs18.x"), ((2, 211, 0), "nodejs22.x"), ((2, 259, 0), "nodejs24.x")),
}
SOURCE = "aws-cdk-lib aws-lambda/lib/runtime.ts (read from the npm releases 2.92.0-2.269.0)"
_MAX_BYTES = 32 * 1024 * 1024   # a lock file larger than this is not read

ECOSYSTEMS = {".ts": "nodejs", ".tsx": "nodejs", ".js": "nodejs", ".mjs": "nodejs", ".cjs": "nodejs",
              ".py": "python", ".java": "java", ".cs": "dotnet"}


def _text(v: Version) -> str:
    return ".".join(str(p) for p in v)


def _pad(v: Version) -> Version:
    return v + (0,) * (3 - len(v))


def bound_runtime(constant: str, v: Version) -> str | None:
    """The runtime ``constant`` is in aws-cdk-lib ``v``; None when that release has no such constant."""
    found = None
    for first, runtime in VARIABLE_RUNTIMES[constant]:
        if _pad(v) >= first:
            found = runtime
    return found


def bands(constant: str) -> str:
    """The constant's history in words: "nodejs18.x in aws-cdk-lib 2.93.0-2.210.x, nodejs22.x from 2.211.0, ..."."""
    table = VARIABLE_RUNTIMES[constant]
    parts = []
    for i, (first, runtime) in enumerate(table):
        if i + 1 < len(table):
            nxt = table[i + 1][0]
            parts.append(f"{runtime} in {_text(first)}-{nxt[0]}.{nxt[1] - 1}.x")
        else:
            parts.append(f"{runtime} from {_text(first)}")
    return "aws-cdk-lib binds it to " + ", ".join(parts)


@dataclass(frozen=True)
class CdkVersion:
    """The aws-cdk-lib version(s) a CDK app gets: ``low``..``high`` (equal when one version is known)."""

    where: str        # the file that says it, relative to the scan root
    spec: str         # as written there ("2.150.0", "^2.100.0", "2.150.0 and 2.220.0")
    low: Version
    high: Version


# --- readers: (spec, Bounds-or-version list, locked) from one file's text ----------------------------------------
_PY_NAME = r"aws[-_.]cdk[-_.]lib"
_PEP508 = re.compile(rf"(?im)(?<![\w.-]){_PY_NAME}(?:\[[^\]]*\])?[ \t]*((?:===|==|~=|>=|<=|!=|>|<)[^;\"'#\n]*)?"
                     r"(?=[\s;\"'#,\]]|$)")
_TOML_KEY = re.compile(rf"(?im)^[ \t]*[\"']?{_PY_NAME}[\"']?\s*=\s*(?:\{{[^}}\n]*?version\s*=\s*)?[\"']([^\"']*)[\"']")


def _json(text: str) -> dict:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _locked(text: str, name: str, below: str = "") -> list[Version]:
    """The aws-cdk-lib versions a lock file or an installed copy holds. ``below``: the CDK file's folder relative
    to the lock file's; an npm lock gives the copy Node's resolution finds from there (the nearest
    ``node_modules/aws-cdk-lib`` going up, as a workspace of a monorepo sees it)."""
    found: list[str] = []
    if name in ("package-lock.json", "npm-shrinkwrap.json"):
        data = _json(text)
        packages = data.get("packages") if isinstance(data.get("packages"), dict) else {}
        here: str | None = below
        while here is not None and packages:
            info = packages.get(posixpath.join(here, "node_modules/aws-cdk-lib") if here else
                                "node_modules/aws-cdk-lib")
            if isinstance(info, dict):
                found.append(str(info.get("version", "")))
                break
            here = posixpath.dirname(here) if here else None
        info = (data.get("dependencies") or {}).get("aws-cdk-lib")   # lockfileVersion 1
        if isinstance(info, dict):
            found.append(str(info.get("version", "")))
    elif name == "package.json":   # node_modules/aws-cdk-lib/package.json
        found.append(str(_json(text).get("version", "")))
    elif name == "yarn.lock":
        for block in re.finditer(r'(?m)^"?aws-cdk-lib@[^\n]*:\s*\n((?:[ \t]+[^\n]*\n?)*)', text):
            vm = re.search(r'(?m)^[ \t]+version:?\s+"?([^"\s]+)', block.group(1))
            if vm:
                found.append(vm.group(1))
    elif name == "pnpm-lock.yaml":
        found += re.findall(r"(?m)^\s+['\"]?/?aws-cdk-lib[@/](\d+\.\d+\.\d+)", text)
    elif name in ("poetry.lock", "uv.lock"):
        found += re.findall(rf'(?m)^name\s*=\s*"{_PY_NAME}"\s*\n(?:[^\[\n][^\n]*\n)*?version\s*=\s*"([^"]+)"', text)
    elif name == "Pipfile.lock":
        for section in ("default", "develop"):
            info = (_json(text).get(section) or {}).get("aws-cdk-lib")
            if isinstance(info, dict):
                found.append(str(info.get("version", "")).lstrip("="))
    elif name == "gradle.lockfile":
        found += re.findall(r"(?m)^software\.amazon\.awscdk:aws-cdk-lib:([^=\s]+)", text)
    elif name == "packages.lock.json":
        for deps in (_json(text).get("dependencies") or {}).values():
            info = deps.get("Amazon.CDK.Lib") if isinstance(deps, dict) else None
            if isinstance(info, dict):
                found.append(str(info.get("resolved", "")))
    return [v for v in (version(s) for s in found if s) if v is not None]


def _declared(text: str, name: str) -> tuple[str, Declaration] | None:
    """The declared aws-cdk-lib spec of a manifest, as a Declaration (its bounds and ecosystem) with the spec."""
    if name == "package.json":
        data = _json(text)
        for section in ("dependencies", "devDependencies", "peerDependencies"):
            spec = (data.get(section) or {}).get("aws-cdk-lib") if isinstance(data.get(section), dict) else None
            if isinstance(spec, str):
                return spec, Declaration("nodejs", "aws-cdk-lib", spec, 0, 0, npm_bounds(spec))
        return None
    if name in ("pom.xml",):
        for dep in re.finditer(r"(?s)<dependency>(.*?)</dependency>", text):
            if re.search(r"<artifactId>\s*aws-cdk-lib\s*</artifactId>", dep.group(1)):
                vm = re.search(r"<version>\s*([^<\s]+)\s*</version>", dep.group(1))
                spec = vm.group(1) if vm else ""
                prop = re.fullmatch(r"\$\{([\w.-]+)\}", spec)
                if prop:
                    pm = re.search(rf"<{re.escape(prop.group(1))}>\s*([^<\s]+)\s*</", text)
                    spec = pm.group(1) if pm else spec
                return spec, Declaration("java", "aws-cdk-lib", spec, 0, 0, interval_bounds(spec))
        return None
    if name in ("build.gradle", "build.gradle.kts"):
        gm = re.search(r"software\.amazon\.awscdk:aws-cdk-lib:([^'\"\s)]+)", text)
        return (gm.group(1), Declaration("java", "aws-cdk-lib", gm.group(1), 0, 0,
                                         interval_bounds(gm.group(1)))) if gm else None
    if name.endswith((".csproj", ".fsproj", ".props")):
        for ref in re.finditer(r"(?s)<Package(?:Reference|Version)\b([^>]*?)(/>|>(.*?)</Package(?:Reference|Version)>)",
                               text):
            if re.search(r'(?i)Include\s*=\s*"Amazon\.CDK\.Lib"', ref.group(1)):
                vm = re.search(r'Version\s*=\s*"([^"]+)"', ref.group(1)) or \
                    re.search(r"<Version>\s*([^<\s]+)\s*</Version>", ref.group(3) or "")
                if vm:
                    return vm.group(1), Declaration("dotnet", "aws-cdk-lib", vm.group(1), 0, 0,
                                                    interval_bounds(vm.group(1)))
        return None
    if name.endswith(".toml") or name == "Pipfile":
        km = _TOML_KEY.search(text)
        if km:
            spec = km.group(1).strip()
            bounds = (npm_bounds(spec) if spec.startswith(("^", "~")) and not spec.startswith("~=") else
                      pep440_bounds(spec if re.match(r"[<>=!~]", spec) else "==" + spec) if spec not in ("", "*")
                      else Bounds())
            return spec, Declaration("python", "aws-cdk-lib", spec, 0, 0, bounds)
    if name.endswith((".txt", ".toml", ".cfg", ".py")) or name == "Pipfile":
        pm = _PEP508.search(re.sub(r"(?m)#[^\n]*", "", text))
        if pm:
            spec = (pm.group(1) or "").strip().rstrip(",")
            return spec, Declaration("python", "aws-cdk-lib", spec, 0, 0, pep440_bounds(spec) if spec else Bounds())
    return None


_LOCKS = {"nodejs": ("node_modules/aws-cdk-lib/package.json", "package-lock.json", "npm-shrinkwrap.json",
                     "yarn.lock", "pnpm-lock.yaml"),
          "python": ("poetry.lock", "uv.lock", "Pipfile.lock"),
          "java": ("gradle.lockfile",), "dotnet": ("packages.lock.json",)}
_MANIFESTS = {"nodejs": ("package.json",),
              "python": ("requirements.txt", "pyproject.toml", "setup.py", "setup.cfg", "Pipfile"),
              "java": ("pom.xml", "build.gradle", "build.gradle.kts"),
              "dotnet": ("Directory.Packages.props",)}


class Lookup:
    """Finds the aws-cdk-lib version of CDK files under one scan root (one instance per scan: caches per folder)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        try:
            self._real_root = root.resolve()
        except OSError:
            self._real_root = root
        self._cache: dict[tuple[str, str], CdkVersion | None] = {}

    def _read(self, rel: str) -> str | None:
        """A file's text when it lies inside the scan root (symbolic links followed, but not out of the root)."""
        path = self.root / rel
        try:
            real = path.resolve()
            if not real.is_relative_to(self._real_root) or not real.is_file() or real.stat().st_size > _MAX_BYTES:
                return None
            return real.read_text(encoding="utf-8", errors="replace")
        except (OSError, ValueError, RuntimeError):
            return None

    def _extra(self, folder: str, ecosystem: str) -> list[str]:
        """Names that are globbed: requirements-*.txt, *.csproj, a virtualenv's installed aws_cdk_lib."""
        base = self.root / folder if folder else self.root
        patterns = {"python": (".venv/lib/python3*/site-packages/aws_cdk_lib-*.dist-info",
                               "venv/lib/python3*/site-packages/aws_cdk_lib-*.dist-info", "requirements*.txt"),
                    "dotnet": ("*.csproj", "*.fsproj")}.get(ecosystem, ())
        names: list[str] = []
        for pattern in patterns:
            try:
                names += sorted(str(p.relative_to(base).as_posix()) for p in base.glob(pattern))
            except (OSError, ValueError):
                continue
        return names

    def find(self, folder: str, ecosystem: str) -> CdkVersion | None:
        key = (folder, ecosystem)
        if key not in self._cache:
            self._cache[key] = self._find(folder, ecosystem)
        return self._cache[key]

    def _folders(self, folder: str) -> list[str]:
        out = [folder]
        while folder:
            folder = posixpath.dirname(folder)
            out.append(folder)
        return out

    def _find(self, folder: str, ecosystem: str) -> CdkVersion | None:
        folders = self._folders(folder)
        for here in folders:                     # installed or locked, nearest first
            extra = [n for n in self._extra(here, ecosystem) if n.endswith(".dist-info")]
            for name in (*_LOCKS.get(ecosystem, ()), *extra):
                rel = posixpath.join(here, name) if here else name
                if name.endswith(".dist-info"):
                    vm = re.search(r"aws_cdk_lib-(\d+(?:\.\d+)*)\.dist-info$", name)
                    versions = [v for v in [version(vm.group(1))] if v] if vm else []
                    if versions and (self.root / rel).resolve().is_relative_to(self._real_root):
                        return CdkVersion(rel, _text(versions[0]), versions[0], versions[0])
                    continue
                text = self._read(rel)
                if text is None or "aws-cdk-lib" not in text and "aws_cdk_lib" not in text and \
                        "Amazon.CDK.Lib" not in text:
                    continue
                below = posixpath.relpath(folder, here) if here else folder
                versions = sorted(set(_locked(text, posixpath.basename(name), "" if below == "." else below)),
                                  key=_pad)
                if versions:
                    spec = " and ".join(_text(v) for v in versions)
                    return CdkVersion(rel, spec, versions[0], versions[-1])
        for here in folders:                     # else the nearest declaration
            names = [*_MANIFESTS.get(ecosystem, ()), *(n for n in self._extra(here, ecosystem)
                                                       if not n.endswith(".dist-info"))]
            for name in dict.fromkeys(names):
                rel = posixpath.join(here, name) if here else name
                text = self._read(rel)
                if text is None or not re.search(r"(?i)aws[-_.]cdk[-_.]lib|Amazon\.CDK\.Lib", text):
                    continue
                declared = _declared(text, posixpath.basename(name))
                if declared is None:
                    continue
                resolved = _resolve(*declared)
                if resolved is not None:
                    bounds = declared[1].bounds
                    exact = bounds is not None and bounds.exact and bounds.lower is not None
                    return CdkVersion(rel, _text(resolved[0]) if exact else declared[0], *resolved)
        return None


def _resolve(spec: str, item: Declaration) -> tuple[Version, Version] | None:
    """(low, high) of what a declaration installs, as far as the bindings of the variable constants tell apart: an
    unlocked npm or pip range resolves to the newest release it allows (the last binding boundary it reaches stands
    for it); Maven, Gradle and NuGet take the version written (the lower end)."""
    bounds = item.bounds
    if bounds is None:
        return None
    if bounds.exact and bounds.lower is not None:
        return bounds.lower, bounds.lower
    if item.runtime in ("nodejs", "python"):
        firsts = sorted({first for table in VARIABLE_RUNTIMES.values() for first, _ in table}, key=_pad)
        reached = [first for first in firsts if resolves_to_minimum(item, _text(first))]
        newest = reached[-1] if reached else bounds.upper or bounds.lower
        return (newest, newest) if newest is not None else None
    return (bounds.lower, bounds.lower) if bounds.lower is not None else None
