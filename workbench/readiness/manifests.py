"""LMI401-403: Powertools, AWS SDK and X-Ray SDK versions below the minimum Lambda Managed Instances needs.

Reads what a project declares (requirements and constraints files, pyproject.toml, Pipfile, setup.cfg,
package.json, pom.xml, build.gradle(.kts), libs.versions.toml, .csproj/.fsproj/.vbproj, Directory.Packages.props,
packages.config) and what it locked (Pipfile.lock, poetry.lock, uv.lock, package-lock.json, npm-shrinkwrap.json,
yarn.lock, pnpm-lock.yaml, gradle.lockfile, packages.lock.json). A range is judged by its lower bound (``^3.1``,
``~=3.1``, ``>=3.1``, ``[3.1,)`` all allow 3.1); a range with only an upper bound at or below the minimum can
only resolve below it. Each hit is at the version text of the declaration, and a declared version that is a
plain version or a single comparator gets a fix that raises it to the minimum (needs review: an upgrade). Lock
files get one hit per library family, naming the others below the minimum: regenerate the lock after the bump.
The minimums are ``workbench.lmi_facts.MIN_LIBRARY_VERSIONS``.
"""

from __future__ import annotations

import bisect
import json
import posixpath
import re
import tomllib
from dataclasses import dataclass
from pathlib import PurePosixPath
from xml.etree import ElementTree

import yaml

from workbench.lmi_facts import MIN_LIBRARY_VERSIONS
from workbench.readiness import definitions
from workbench.readiness.checks.lmi401 import INFO as LMI401
from workbench.readiness.checks.lmi402 import INFO as LMI402
from workbench.readiness.checks.lmi403 import INFO as LMI403
from workbench.readiness.model import (
    Applicability,
    Edit,
    Fix,
    Hit,
    Language,
    ParseFailure,
    RuleInfo,
    ScanContext,
    SourceFile,
)

RUNTIME = "config"
Version = tuple[int, ...]

@dataclass(frozen=True)
class Library:
    rule: RuleInfo
    minimum: str
    product: str
    family: str            # for grouping lock-file entries: "@aws-sdk", "software.amazon.awssdk", ...
    unsupported: str = ""  # set when the package line itself is unsupported (SDK v2 for JavaScript, Java 1.x)


def _min(runtime: str, key: str) -> str:
    return MIN_LIBRARY_VERSIONS[runtime][key]


def library(runtime: str, name: str) -> Library | None:
    """What an ecosystem's package name is, for these rules (``name`` as the ecosystem spells it)."""
    if runtime == "python":
        if re.sub(r"[-_.]+", "-", name.lower()) == "aws-lambda-powertools":
            return Library(LMI401, _min("python", "aws-lambda-powertools"), "Powertools for AWS Lambda (Python)",
                           "aws-lambda-powertools")
    elif runtime == "nodejs":
        if name.startswith("@aws-lambda-powertools/"):
            return Library(LMI401, _min("nodejs", "@aws-lambda-powertools/*"),
                           "Powertools for AWS Lambda (TypeScript)", "@aws-lambda-powertools")
        if name.startswith("@aws-sdk/"):
            return Library(LMI402, _min("nodejs", "@aws-sdk/*"), "the AWS SDK for JavaScript v3", "@aws-sdk")
        if name == "aws-sdk":
            return Library(LMI402, _min("nodejs", "@aws-sdk/*"), "the AWS SDK for JavaScript v3", "aws-sdk",
                           unsupported="is the AWS SDK for JavaScript v2, which Lambda Managed Instances does not "
                                       "support: move to the v3 clients (@aws-sdk/*)")
        if name in ("aws-xray-sdk-core", "aws-xray-sdk"):
            return Library(LMI403, _min("nodejs", "aws-xray-sdk-core"), "the AWS X-Ray SDK for Node.js",
                           "aws-xray-sdk")
    elif runtime == "java":
        group, _, artifact = name.partition(":")
        if group == "software.amazon.lambda" and artifact.startswith("powertools-"):
            return Library(LMI401, _min("java", "software.amazon.lambda:powertools-*"),
                           "Powertools for AWS Lambda (Java)", "software.amazon.lambda")
        if group == "software.amazon.awssdk":
            return Library(LMI402, _min("java", "software.amazon.awssdk:*"), "the AWS SDK for Java 2.x",
                           "software.amazon.awssdk")
        if group == "com.amazonaws" and artifact.startswith("aws-xray-recorder-sdk"):
            return Library(LMI403, _min("java", "com.amazonaws:aws-xray-recorder-sdk-core"),
                           "the AWS X-Ray SDK for Java", "aws-xray-recorder-sdk")
        if group == "com.amazonaws" and artifact.startswith("aws-java-sdk"):
            return Library(LMI402, _min("java", "software.amazon.awssdk:*"), "the AWS SDK for Java 2.x",
                           "aws-java-sdk", unsupported="is the AWS SDK for Java 1.x, which Lambda Managed Instances "
                                                       "does not support: move to the 2.x SDK (software.amazon.awssdk)")
    elif runtime == "dotnet":
        if name.startswith("AWS.Lambda.Powertools."):
            return Library(LMI401, _min("dotnet", "AWS.Lambda.Powertools.*"), "Powertools for AWS Lambda (.NET)",
                           "AWS.Lambda.Powertools")
        if name == "AWSSDK.Core":
            return Library(LMI402, _min("dotnet", "AWSSDK.Core"), "AWSSDK.Core", "AWSSDK")
        if name.startswith("AWSSDK."):
            return Library(LMI402, "4.0.0", "AWSSDK.Core", "AWSSDK",
                           unsupported="depends on AWSSDK.Core 3.x below 4.0.0: Lambda Managed Instances needs "
                                       f"AWSSDK.Core {_min('dotnet', 'AWSSDK.Core')} or later (the AWSSDK.* 4.x "
                                       "packages)")
        if name.startswith("AWSXRayRecorder"):
            return Library(LMI403, _min("dotnet", "AWSXRayRecorder.Core"), "AWSXRayRecorder.Core", "AWSXRayRecorder")
    return None


# --- versions and ranges ---------------------------------------------------------------------------------------
def version(text: str) -> Version | None:
    match = re.match(r"\s*[vV]?(\d+(?:\.\d+)*)", text)
    return tuple(int(p) for p in match.group(1).split(".")) if match else None


def _pad(v: Version, n: int = 4) -> Version:
    return v + (0,) * (n - len(v))


def below(v: Version, minimum: str) -> bool:
    return _pad(v) < _pad(version(minimum) or ())


@dataclass(frozen=True)
class Bounds:
    lower: Version | None = None
    upper: Version | None = None
    upper_inclusive: bool = False
    exact: bool = False

    def allows_below(self, minimum: str) -> bool:
        if self.lower is not None:
            return below(self.lower, minimum)
        if self.upper is not None:
            floor = _pad(version(minimum) or ())
            return _pad(self.upper) < floor if self.upper_inclusive else _pad(self.upper) <= floor
        return False


def _wild(text: str) -> Version | None:
    """``3.*``, ``3.x``, ``3.2.+`` -> (3,) / (3, 2): the lowest version the wildcard allows."""
    return version(re.sub(r"[.][*xX+].*$", "", text))


def pep440_bounds(spec: str) -> Bounds:
    lower = upper = None
    inclusive = exact = False
    for clause in spec.split(","):
        match = re.match(r"\s*(===|==|~=|>=|<=|!=|>|<|\^|~)?\s*(\S+)", clause)
        if not match:
            continue
        op, text = match.group(1) or "==", match.group(2)
        v = _wild(text) if "*" in text else version(text)
        if v is None or op == "!=":
            continue
        if op in ("==", "===", "~=", ">=", ">", "^", "~"):
            lower = v if lower is None or _pad(v) > _pad(lower) else lower
            exact = op in ("==", "===") and "*" not in text
        if op in ("<", "<=") or (op in ("==", "===") and "*" not in text):
            upper, inclusive = v, op != "<"
    return Bounds(lower, upper, inclusive, exact)


def npm_bounds(spec: str) -> Bounds | None:
    """Bounds of an npm range (``||`` alternatives: the lowest lower bound); None for tags, files, git, links."""
    spec = spec.strip()
    if spec.startswith("npm:"):
        spec = spec[4:].rsplit("@", 1)[1] if "@" in spec[5:] else ""
    if re.match(r"^[a-z][a-z+]*:|^[./~]/|^/|^[\w-]+/[\w.-]+(#.*)?$", spec):
        return None   # a file, link, workspace, git or GitHub reference: no version to judge
    lowest: Bounds | None = None
    for alternative in spec.split("||"):
        bounds = _npm_alternative(alternative.strip())
        if bounds is None:
            return None   # an alternative without a bound lets anything in
        if lowest is None or bounds.lower is None or (lowest.lower is not None and
                                                      _pad(bounds.lower) < _pad(lowest.lower)):
            lowest = bounds
    return lowest


def _npm_alternative(alternative: str) -> Bounds | None:
    if alternative in ("", "*", "x", "X", "latest", "next"):
        return None
    if " - " in alternative:
        return Bounds(_wild(alternative.split(" - ")[0]))
    lower = upper = None
    inclusive = exact = False
    for op, text in re.findall(r"(<=|>=|<|>|=|\^|~)?\s*(v?[\dxX*][\w.*+-]*)", alternative):
        wild = re.search(r"(^|[.])[xX*]", text) is not None
        v = _wild(text) if wild else version(text)
        if v is None:
            continue
        if op in ("<", "<="):
            upper, inclusive = v, op == "<="
        else:
            lower = v
            if op in ("", "=") and not wild:
                upper, inclusive, exact = v, True, True
    if lower is None and upper is None:
        return None
    return Bounds(lower, upper, inclusive, exact)


def interval_bounds(spec: str) -> Bounds | None:
    """Maven, Gradle and NuGet: ``1.2`` (at least), ``[1.2]``, ``[1.2,2.0)``, ``(,1.0]``, ``1.2.+``, ``1.*``."""
    spec = spec.strip().rstrip("!")
    if not spec or spec.startswith(("$", "latest.")) or spec in ("LATEST", "RELEASE", "+", "*"):
        return None
    if spec[0] in "[(":
        low, _, high = spec[1:-1].partition(",")
        lower = version(low) if low.strip() else None
        if not _:
            return Bounds(lower, lower, True, True)
        upper = version(high) if high.strip() else None
        return Bounds(lower, upper, spec.endswith("]"))
    return Bounds(_wild(spec) if re.search(r"[.][*+xX]|^\*", spec) else version(spec))


# --- what a fresh install resolves to ------------------------------------------------------------------------------
def _clause_ceiling(op: str, text: str) -> tuple[Version, bool] | None:
    """The upper end one clause puts on a range: (version, inclusive), None when it puts none. Implicit ends
    follow npm's semver ranges (``^``, ``~``, x-ranges) and PEP 440 (``~=``, ``==X.*``)."""
    wild = re.search(r"(^|[.])[xX*]", text) is not None
    v = _wild(text) if wild else version(text)
    if v is None:
        return None
    if op in ("<", "<="):
        return v, op == "<="
    if op in (">=", ">", "!="):
        return None
    if op == "^":
        nonzero = next((i for i, part in enumerate(v) if part), len(v) - 1)
        return v[:nonzero] + (v[nonzero] + 1,), False
    if op == "~=":  # compatible release: the last component may grow
        return (v[:-2] + (v[-2] + 1,), False) if len(v) >= 2 else None
    if op == "~":
        return (v[:1] + (v[1] + 1,), False) if len(v) >= 2 else ((v[0] + 1,), False)
    if wild or (op in ("", "=") and len(v) < 3):  # 3.x, 3.2.*, ==3.*, or npm's bare 3 / 3.2
        return v[:-1] + (v[-1] + 1,), False
    return v, True  # an exact version


def resolves_to_minimum(item: Declaration, minimum: str) -> bool:
    """True when a fresh install of an unlocked range gets ``minimum`` or later anyway: pip and npm take the newest
    release the range allows, so a range whose upper end lies above the minimum (``>=3.0``, ``^3.1.0``, ``3.x``,
    ``~=3.4``) resolves to at least the minimum even though its lower end is below it. Maven, Gradle and NuGet
    resolve the version written (NuGet: the lowest that fits), so only Python and Node.js ranges qualify; a lock
    file, when there is one, is judged on its own."""
    if item.runtime not in ("python", "nodejs") or item.locked or item.bounds is None or item.bounds.exact:
        return False
    floor = _pad(version(minimum) or ())
    alternatives = item.spec.split("||") if item.runtime == "nodejs" else [item.spec]
    for alternative in alternatives:
        ceiling: tuple[Version, bool] | None = None
        pattern = (r"(===|==|~=|>=|<=|!=|>|<|\^|~|=)?\s*(v?[\dxX*][\w.*+-]*)")
        for op, text in re.findall(pattern, alternative.split(";")[0]):
            found = _clause_ceiling(op or "", text)
            if found is not None and (ceiling is None or _pad(found[0]) < _pad(ceiling[0])):
                ceiling = found
        if ceiling is None or _pad(ceiling[0]) > floor or (ceiling[1] and _pad(ceiling[0]) >= floor):
            return True
    return False


# --- declarations found in a file --------------------------------------------------------------------------------
@dataclass
class Declaration:
    runtime: str
    name: str
    spec: str
    start: int             # the version text, in characters
    end: int
    bounds: Bounds | None
    locked: bool = False
    direct: bool = True
    fixable: bool = False  # the span holds only a version (after an operator): it can be raised in place


def _fixable_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The version number inside a spec like ``==3.1.0``, ``^3.1.0``, ``>=2``, ``2.20.0`` (one comparator)."""
    match = re.fullmatch(r"\s*(===|==|~=|>=|\^|~|=|v)?\s*(\d+(?:\.\d+)*)\s*", text[start:end])
    if not match:
        return None
    return start + match.start(2), start + match.end(2)


def _line_offsets(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def _mask_comments(text: str, style: str) -> str:
    pattern = {"xml": r"<!--.*?-->", "c": r"//[^\n]*|/\*.*?\*/", "hash": r"(?m)(^|\s)#[^\n]*"}[style]
    return re.sub(pattern, lambda mt: re.sub(r"[^\n]", " ", mt.group()), text, flags=re.DOTALL)


def _python(text: str, name: str) -> list[Declaration]:
    """Powertools in requirements, constraints, setup.cfg, pyproject.toml and Pipfile (PEP 508 or TOML keys)."""
    found: list[Declaration] = []
    masked = _mask_comments(text, "hash")
    pep508 = re.compile(r"(?i)(?<![\w.-])(aws[-_.]lambda[-_.]powertools)(\[[^\]]*\])?\s*"
                        r"((?:===|==|~=|>=|<=|!=|>|<)[^;\"'#\n]*)")
    for match in pep508.finditer(masked):
        start, end = match.start(3), match.start(3) + len(match.group(3).rstrip())
        spec = text[start:end]
        found.append(Declaration("python", match.group(1), spec, start, end, pep440_bounds(spec)))
    if name.endswith((".toml",)) or name == "Pipfile":
        key = re.compile(r"(?im)^[ \t]*[\"']?(aws[-_.]lambda[-_.]powertools)[\"']?\s*=\s*(?:\{[^}\n]*?version\s*=\s*)?"
                         r"[\"']([^\"']*)[\"']")
        for match in key.finditer(masked):
            spec = match.group(2)
            if spec.strip() in ("", "*"):
                continue
            bounds = npm_bounds(spec) if spec.lstrip().startswith(("^", "~")) and not spec.lstrip().startswith(
                "~=") else pep440_bounds(spec if re.match(r"\s*[<>=!~]", spec) else "==" + spec.strip())
            found.append(Declaration("python", match.group(1), spec, match.start(2), match.end(2), bounds))
    for item in found:
        item.fixable = _fixable_span(text, item.start, item.end) is not None
    return found


def _python_lock(text: str, name: str) -> list[Declaration]:
    if name == "Pipfile.lock":
        data = _json(text, name)
        found = []
        for section in ("default", "develop"):
            for package, info in (data.get(section) or {}).items():
                spec = info.get("version", "") if isinstance(info, dict) else ""
                if library("python", package) is None or not spec:
                    continue
                start, end = _locate(text, [f'"{package}"', '"version"'], spec.strip('"'))
                found.append(Declaration("python", package, spec, start, end, pep440_bounds(spec), locked=True,
                                         direct=section == "default"))
        return found
    found = []
    for match in re.finditer(r'(?m)^name\s*=\s*"([^"]+)"\s*\n(?:[^\[\n][^\n]*\n)*?version\s*=\s*"([^"]+)"', text):
        if library("python", match.group(1)) is not None:
            v = version(match.group(2))
            found.append(Declaration("python", match.group(1), match.group(2), match.start(2), match.end(2),
                                     Bounds(v, v, True, True), locked=True))
    return found


def _json(text: str, name: str) -> dict:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ParseFailure(f"could not parse {name}:{error.lineno}: {error.msg}", line=error.lineno) from None
    return data if isinstance(data, dict) else {}


def _locate(text: str, anchors: list[str], value: str, start: int = 0) -> tuple[int, int]:
    """Offsets of ``value`` after each anchor in turn (where a JSON or YAML value is written)."""
    at = start
    for anchor in anchors:
        found = text.find(anchor, at)
        if found < 0:
            break
        at = found + len(anchor)
    found = text.find(value, at)
    if found < 0:
        found = max(0, at - len(anchors[-1]) if anchors else 0)
        return found, found + (len(anchors[-1]) if anchors else 1)
    return found, found + len(value)


def _package_json(text: str) -> list[Declaration]:
    data = _json(text, "package.json")
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
            item.fixable = _fixable_span(text, item.start, item.end) is not None
            found.append(item)
    return found


def _npm_lock(text: str, name: str) -> list[Declaration]:
    data = _json(text, name)
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
            start, end = _locate(text, [f'"{path}"', '"version"'], str(info["version"]))
            found.append(Declaration("nodejs", package, str(info["version"]), start, end, Bounds(v, v, True, True),
                                     locked=True, direct=path == f"node_modules/{package}" and package in direct))
        return found
    for package, info in (data.get("dependencies") or {}).items():   # lockfileVersion 1
        if isinstance(info, dict) and not info.get("dev") and library("nodejs", package) is not None:
            v = version(str(info.get("version", "")))
            if v is not None:
                start, end = _locate(text, [f'"{package}"', '"version"'], str(info["version"]))
                found.append(Declaration("nodejs", package, str(info["version"]), start, end,
                                         Bounds(v, v, True, True), locked=True))
    return found


def _yarn_lock(text: str) -> list[Declaration]:
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


def _pnpm_lock(text: str) -> list[Declaration]:
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
                start, end = _locate(text, [f"{package}", "version" if isinstance(info, dict) else ":"], value)
                found.append(Declaration("nodejs", package, value, start, end, Bounds(v, v, True, True), locked=True))
    return found


def _xml_check(text: str, name: str) -> None:
    try:
        ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        line = error.position[0] if error.position else None
        raise ParseFailure(f"could not parse {name}:{line}: {error}", line=line) from None


def _properties(masked: str, pattern: str) -> dict[str, tuple[str, int, int]]:
    return {m.group(1): (m.group(2).strip(), m.start(2), m.end(2)) for m in re.finditer(pattern, masked)}


def _pom(text: str) -> list[Declaration]:
    _xml_check(text, "pom.xml")
    masked = _mask_comments(text, "xml")
    props = _properties(masked, r"<([\w.\-]+)>([^<]*)</\1>")
    found = []
    for block in re.finditer(r"<dependency>(.*?)</dependency>", masked, re.DOTALL):
        body, base = block.group(1), block.start(1)
        fields = {m.group(1): (m.group(2).strip(), base + m.start(2), base + m.end(2))
                  for m in re.finditer(r"<(groupId|artifactId|version)>([^<]*)</\1>", body)}
        if "groupId" not in fields or "artifactId" not in fields or "version" not in fields:
            continue
        package = f"{fields['groupId'][0]}:{fields['artifactId'][0]}"
        spec, start, end = fields["version"]
        ref = re.fullmatch(r"\$\{([\w.\-]+)\}", spec)
        if ref:
            if ref.group(1) not in props:
                continue
            spec, start, end = props[ref.group(1)]
        if library("java", package) is None:
            continue
        found.append(Declaration("java", package, spec, start, end, interval_bounds(spec),
                                 fixable=_fixable_span(text, start, end) is not None))
    return found


def _gradle(text: str) -> list[Declaration]:
    masked = _mask_comments(text, "c")
    found = []
    coordinates = re.finditer(r"([\"'])([\w.\-]+):([\w.\-]+):([^\"'@:\s]+)(?:[@:][^\"']*)?\1", masked)
    named = re.finditer(r"group\s*[:=]\s*([\"'])([\w.\-]+)\1\s*,\s*name\s*[:=]\s*[\"']([\w.\-]+)[\"']\s*,\s*"
                        r"version\s*[:=]\s*[\"']()([^\"']+)[\"']", masked)
    items = [(m.group(2), m.group(3), m.group(4), m.start(4), m.end(4)) for m in coordinates]
    items += [(m.group(2), m.group(3), m.group(5), m.start(5), m.end(5)) for m in named]
    for group, artifact, spec, start, end in items:
        package = f"{group}:{artifact}"
        if library("java", package) is None:
            continue
        ref = re.fullmatch(r"\$\{?(\w+)\}?", spec)
        if ref:
            defined = re.search(rf"(?:\b{ref.group(1)}\b\s*=|extra\[[\"']{ref.group(1)}[\"']\]\s*=)\s*"
                                rf"[\"']([^\"']+)[\"']", masked)
            if defined is None:
                continue
            spec, start, end = defined.group(1), defined.start(1), defined.end(1)
        found.append(Declaration("java", package, spec, start, end, interval_bounds(spec),
                                 fixable=_fixable_span(text, start, end) is not None))
    return found


def _gradle_lock(text: str) -> list[Declaration]:
    found = []
    for match in re.finditer(r"(?m)^([\w.\-]+):([\w.\-]+):([^=\s]+)=", text):
        package = f"{match.group(1)}:{match.group(2)}"
        v = version(match.group(3))
        if library("java", package) is not None and v is not None:
            found.append(Declaration("java", package, match.group(3), match.start(3), match.end(3),
                                     Bounds(v, v, True, True), locked=True, direct=False))
    return found


def _version_catalog(text: str) -> list[Declaration]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = int(m.group(1)) if (m := re.search(r"line (\d+)", str(error))) else None
        raise ParseFailure(f"could not parse libs.versions.toml:{line}: {error}", line=line) from None
    versions = data.get("versions") or {}
    found = []
    for alias, lib in (data.get("libraries") or {}).items():
        if isinstance(lib, str):
            group, _, rest = lib.partition(":")
            artifact, _, spec = rest.partition(":")
            ref = None
        elif isinstance(lib, dict):
            module = lib.get("module") or f"{lib.get('group', '')}:{lib.get('name', '')}"
            group, _, artifact = module.partition(":")
            raw = lib.get("version")
            ref = raw.get("ref") if isinstance(raw, dict) else lib.get("version.ref")
            spec = raw if isinstance(raw, str) else versions.get(ref, "") if ref else ""
        else:
            continue
        package = f"{group}:{artifact}"
        if library("java", package) is None or not isinstance(spec, str) or not spec:
            continue
        if ref:
            match = re.search(rf"(?m)^[ \t]*{re.escape(ref)}\s*=\s*\"([^\"]*)\"", text)
        else:
            match = re.search(rf"(?m)^[ \t]*{re.escape(alias)}\s*=.*?\"({re.escape(spec)})\"", text) or re.search(
                rf"{re.escape(package)}:({re.escape(spec)})", text)
        if match is None:
            continue
        found.append(Declaration("java", package, spec, match.start(1), match.end(1), interval_bounds(spec),
                                 fixable=_fixable_span(text, match.start(1), match.end(1)) is not None))
    return found


def _msbuild(text: str, name: str) -> list[Declaration]:
    _xml_check(text, name)
    masked = _mask_comments(text, "xml")
    props = _properties(masked, r"<(\w+)>([^<]*)</\1>")
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
                                 fixable=_fixable_span(text, start, end) is not None))
    return found


def _nuget_lock(text: str) -> list[Declaration]:
    data = _json(text, "packages.lock.json")
    found = []
    for framework, packages in (data.get("dependencies") or {}).items():
        for package, info in (packages or {}).items():
            resolved = str(info.get("resolved", "")) if isinstance(info, dict) else ""
            v = version(resolved)
            if library("dotnet", package) is None or v is None:
                continue
            start, end = _locate(text, [f'"{framework}"', f'"{package}"', '"resolved"'], resolved)
            found.append(Declaration("dotnet", package, resolved, start, end, Bounds(v, v, True, True), locked=True,
                                     direct=info.get("type") == "Direct"))
    return found


def declarations(name: str, text: str) -> list[Declaration]:
    """The declarations of these libraries in a manifest named ``name`` (its file name)."""
    lower = name.lower()
    if lower.endswith(".txt") or name in ("setup.cfg", "pyproject.toml", "Pipfile"):
        return _python(text, name)
    if name in ("Pipfile.lock", "poetry.lock", "uv.lock"):
        return _python_lock(text, name)
    if name == "package.json":
        return _package_json(text)
    if name in ("package-lock.json", "npm-shrinkwrap.json"):
        return _npm_lock(text, name)
    if name == "yarn.lock":
        return _yarn_lock(text)
    if name == "pnpm-lock.yaml":
        return _pnpm_lock(text)
    if name == "pom.xml":
        return _pom(text)
    if name in ("build.gradle", "build.gradle.kts"):
        return _gradle(text)
    if name == "gradle.lockfile":
        return _gradle_lock(text)
    if name == "libs.versions.toml":
        return _version_catalog(text)
    if lower.endswith((".csproj", ".fsproj", ".vbproj", ".props", ".targets")) or name == "packages.config":
        return _msbuild(text, name)
    if name == "packages.lock.json":
        return _nuget_lock(text)
    return []


# --- hits ---------------------------------------------------------------------------------------------------------
def _position(text: str, starts: list[int], offset: int) -> tuple[int, int]:
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


def _hit(text: str, starts: list[int], item: Declaration, rule: RuleInfo, message: str, fix: Fix | None) -> Hit:
    line, column = _position(text, starts, item.start)
    end_line, end_column = _position(text, starts, max(item.end, item.start + 1))
    return Hit(code=rule.code, line=line, column=column, end_line=end_line, end_column=end_column, message=message,
               runtime=RUNTIME, context=item.name, fix=fix)


def _raise_fix(text: str, item: Declaration, lib: Library) -> Fix | None:
    span = _fixable_span(text, item.start, item.end) if item.fixable else None
    if span is None:
        return None
    return Fix(description=f"Raise {item.name} to {lib.minimum} (then update any lock file and test)",
               applicability=Applicability.NEEDS_REVIEW, edits=(Edit(span[0], span[1], lib.minimum),))


def manifest_hits(name: str, text: str) -> list[Hit]:
    starts = _line_offsets(text)
    hits: list[Hit] = []
    locked: dict[tuple[str, str], list[tuple[Declaration, Library]]] = {}
    for item in declarations(name, text):
        lib = library(item.runtime, item.name)
        if lib is None:
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
        hits.append(_hit(text, starts, item, lib.rule, message, _raise_fix(text, item, lib)))
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


# --- packages that are not functions ---------------------------------------------------------------------------
# A Node.js package whose package.json describes a browser app (a browserslist, or a browser framework or dev
# server) and holds no Lambda handler never runs on Lambda: its manifest and lock file are no LMI findings.
NODE_MANIFESTS = frozenset({"package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock",
                            "pnpm-lock.yaml"})
_BROWSER_PACKAGES = ("vue", "react-dom", "@angular/core", "svelte", "@sveltejs/kit", "vite", "@vue/cli-service",
                     "react-scripts", "preact", "solid-js", "ember-source", "parcel", "webpack-dev-server",
                     "@vitejs/plugin-react", "nuxt")
# packages only a Lambda function (or a server adapted to Lambda) depends on
_LAMBDA_PACKAGES = re.compile(r"^(aws-lambda|@types/aws-lambda|@middy/|@aws-lambda-powertools/|serverless-http$|"
                              r"@vendia/serverless-express|@codegenie/serverless-express|aws-serverless-express|"
                              r"lambda-api$|@h4ad/serverless-adapter|aws-lambda-fastify)")


def browser_app(text: str) -> str:
    """Why a package.json is a browser front-end ("" when it is not one, or depends on a Lambda package)."""
    try:
        doc = json.loads(text)
    except ValueError:
        return ""
    if not isinstance(doc, dict):
        return ""
    names: list[str] = []
    for key in ("dependencies", "devDependencies", "peerDependencies"):
        section = doc.get(key)
        if isinstance(section, dict):
            names.extend(str(n) for n in section)
    if any(_LAMBDA_PACKAGES.match(n) for n in names):
        return ""
    if "browserslist" in doc:
        return "its package.json has a browserslist"
    found = next((n for n in _BROWSER_PACKAGES if n in names), None)
    return f"it is a browser app ({found})" if found else ""


def _package_of(rel: str, packages: set[str]) -> str | None:
    """The folder of the nearest package.json above ``rel`` ("" for the root), None when there is none."""
    folder = posixpath.dirname(rel)
    while True:
        if folder in packages:
            return folder
        if not folder:
            return None
        folder = posixpath.dirname(folder)


class ManifestAnalyzer:
    """LMI401-403 in the dependency manifests and lock files of Python, Node.js, Java and .NET projects.

    ``extract`` finds each file's hits (cached by its text); ``resolve`` drops those of Node.js packages that are
    browser front-ends without a Lambda handler (which needs the package's package.json and the handlers found in
    the scan); ``analyze`` does both for one file."""

    languages = frozenset({Language.MANIFEST})

    def extract(self, source: SourceFile) -> dict:
        from workbench.readiness.scanner import hit_to_dict
        from workbench.readiness.semantic import TEST, path_role

        name = PurePosixPath(source.rel).name
        if path_role(source.rel) == TEST or _TEST_MANIFEST.search(name):
            return {"hits": []}  # a test project's dependencies never run in the function
        facts: dict = {"hits": [hit_to_dict(h) for h in manifest_hits(name, source.text)]}
        if name == "package.json":
            facts["app"] = browser_app(source.text)
        return facts

    def resolve(self, facts_by_rel: dict, sources: dict, ctx: ScanContext, *,
                entry: str = "handlers") -> definitions.Resolved:
        from workbench.readiness.scanner import hit_from_dict

        out = definitions.Resolved()
        apps = {posixpath.dirname(rel): facts.get("app", "") for rel, facts in facts_by_rel.items()
                if PurePosixPath(rel).name == "package.json"}
        for rel in facts_by_rel:   # a lock file scanned without its package.json (a single file): read it
            folder = posixpath.dirname(rel)
            if PurePosixPath(rel).name in NODE_MANIFESTS and folder not in apps:
                try:
                    apps[folder] = browser_app((ctx.root / folder / "package.json").read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError):
                    continue
        with_handler = {_package_of(rel, set(apps)) for rel in ctx.handlers}
        skipped: dict[str, str] = {}
        for rel, facts in sorted(facts_by_rel.items()):
            hits = [hit_from_dict(h) for h in facts.get("hits", ())]
            folder = posixpath.dirname(rel)
            why = apps.get(folder, "") if PurePosixPath(rel).name in NODE_MANIFESTS else ""
            if hits and why and folder not in with_handler:
                skipped[folder or "."] = why
                continue
            if hits:
                out.hits[rel] = hits
        for folder, why in sorted(skipped.items()):
            out.notices.append(f"dependency versions of {folder}/ not checked: {why} and no Lambda handler was "
                               "found in the package")
        return out

    def analyze(self, source: SourceFile, ctx: ScanContext) -> list[Hit]:
        return self.resolve({source.rel: self.extract(source)}, {source.rel: source}, ctx).hits.get(source.rel, [])


_TEST_MANIFEST = re.compile(r"(?i)[.\-_](unit|integration|integ|e2e|functional)?[.\-_]?tests?\.(cs|fs|vb)proj$")


ANALYZER = ManifestAnalyzer()
# The function-definition analyzer (LMI501) lives in ``definitions``; listed here so that a registry loading the
# dependency/definition family by this module finds both.
ANALYZERS = (ANALYZER, definitions.ANALYZER)
