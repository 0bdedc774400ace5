"""Python manifests and lock files: requirements and constraints files, setup.cfg, pyproject.toml, Pipfile;
Pipfile.lock, poetry.lock, uv.lock.
"""

from __future__ import annotations

import re

from workbench.readiness.manifests.declarations import Declaration, fixable_span, locate, mask_comments, read_json
from workbench.readiness.manifests.libraries import library
from workbench.readiness.manifests.versions import Bounds, npm_bounds, pep440_bounds, version


# Dependencies for development only: no function is built with them (heldout14: a repository's hatch test and lint
# environments, ``[project.optional-dependencies] dev``, requirements-dev.txt). A group or extra named for
# development, tests, linting, typing or docs; every hatch environment (hatch's own term: "environments ... for
# testing, linting, docs"), Poetry's dev groups, Pipfile ``[dev-packages]``, uv's ``dev-dependencies``.
_DEV_NAME = r"(?:dev|devel|develop|development|tests?|testing|lint|linting|linters?|docs?|typing|types|typecheck|" \
    r"mypy|format|formatting|style|qa|ci|coverage|cov|bench|benchmarks?|tox)"
_DEV_KEY = re.compile(rf"(?i)^(?:{_DEV_NAME}(?:[-_.][\w.-]*)?|[\w.-]*[-_.]{_DEV_NAME})$")
_DEV_FILE = re.compile(rf"(?i)(?:^|[-_.]){_DEV_NAME}(?:[-_.]|$)")
_SECTION = re.compile(r"(?m)^[ \t]*\[\[?[ \t]*([^\]\n]+?)[ \t]*\]\]?[ \t]*$")
_DEV_SECTION = re.compile(r"(?i)^(?:tool\.hatch\.envs\..+|tool\.poetry\.dev-dependencies|tool\.pdm\.dev-dependencies|"
                          rf"tool\.poetry\.group\.[\"']?{_DEV_NAME}[\"']?\.dependencies|dev-packages)$")
# sections whose keys name groups: a key's value runs to the next key (TOML keys may be quoted and indented;
# setup.cfg keys start the line, their requirements are indented continuation lines)
_GROUP_SECTION = {"project.optional-dependencies": r"(?m)^[ \t]*([\w.-]+|\"[\w.-]+\"|'[\w.-]+')[ \t]*=(?!=)",
                  "dependency-groups": r"(?m)^[ \t]*([\w.-]+|\"[\w.-]+\"|'[\w.-]+')[ \t]*=(?!=)",
                  "tool.uv": r"(?m)^[ \t]*(dev-dependencies)[ \t]*=(?!=)",
                  "options.extras_require": r"(?m)^([\w.-]+)[ \t]*[=:](?!=)"}


def python_manifest_name(name: str) -> bool:
    """A Python manifest or lock file (the names ``hits.declarations`` reads with this module)."""
    return name.lower().endswith(".txt") or name in ("setup.cfg", "pyproject.toml", "Pipfile", "Pipfile.lock",
                                                     "poetry.lock", "uv.lock")


def dev_requirements_file(rel: str) -> bool:
    """A requirements or constraints file for development (``requirements-dev.txt``, ``test-requirements.txt``,
    ``requirements/dev.txt``): its name, less the words requirements/constraints, names a development group."""
    name = rel.rsplit("/", 1)[-1]
    if not name.lower().endswith((".txt", ".in")):
        return False
    stem = re.sub(r"(?i)requirements?|constraints?|reqs?", "", name.rsplit(".", 1)[0])
    return bool(_DEV_FILE.search(stem)) if stem.strip("-_.") else False


def dev_spans(masked: str, name: str) -> list[tuple[int, int]]:
    """The spans of a pyproject.toml, Pipfile or setup.cfg that declare development-only dependencies."""
    if not name.endswith((".toml", ".cfg")) and name != "Pipfile":
        return []
    headers = list(_SECTION.finditer(masked))
    spans: list[tuple[int, int]] = []
    for i, header in enumerate(headers):
        start, end = header.end(), headers[i + 1].start() if i + 1 < len(headers) else len(masked)
        section = header.group(1).replace('"', "").replace("'", "")
        if _DEV_SECTION.match(section):
            spans.append((start, end))
        elif section in _GROUP_SECTION:
            keys = list(re.finditer(_GROUP_SECTION[section], masked[start:end]))
            for j, key in enumerate(keys):
                if _DEV_KEY.match(key.group(1).strip("\"'")):
                    spans.append((start + key.start(), start + (keys[j + 1].start() if j + 1 < len(keys) else
                                                                end - start)))
    return spans


def python_manifest(text: str, name: str) -> list[Declaration]:
    """Powertools in requirements, constraints, setup.cfg, pyproject.toml and Pipfile (PEP 508 or TOML keys); not in
    their development-only groups (``dev_spans``)."""
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
    dev = dev_spans(masked, name)
    found = [item for item in found if not any(a <= item.start < b for a, b in dev)]
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
