"""Python manifests and lock files: requirements and constraints files, setup.cfg, pyproject.toml, Pipfile;
Pipfile.lock, poetry.lock, uv.lock.
"""

from __future__ import annotations

import re

from workbench.readiness.manifests.declarations import Declaration, fixable_span, locate, mask_comments, read_json
from workbench.readiness.manifests.libraries import library
from workbench.readiness.manifests.versions import Bounds, npm_bounds, pep440_bounds, version


def python_manifest(text: str, name: str) -> list[Declaration]:
    """Powertools in requirements, constraints, setup.cfg, pyproject.toml and Pipfile (PEP 508 or TOML keys)."""
    found: list[Declaration] = []
    masked = mask_comments(text, "hash")
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
        item.fixable = fixable_span(text, item.start, item.end) is not None
    return found


def python_lock(text: str, name: str) -> list[Declaration]:
    if name == "Pipfile.lock":
        data = read_json(text, name)
        found = []
        for section in ("default", "develop"):
            for package, info in (data.get(section) or {}).items():
                spec = info.get("version", "") if isinstance(info, dict) else ""
                if library("python", package) is None or not spec:
                    continue
                start, end = locate(text, [f'"{package}"', '"version"'], spec.strip('"'))
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
