"""Versions and version ranges as the ecosystems write them (PEP 440, npm semver, Maven/Gradle/NuGet intervals):
the bounds of a range, whether it allows a version below a minimum, and whether a fresh install resolves to the
minimum or later anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.readiness.manifests.declarations import Declaration

Version = tuple[int, ...]


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
