"""The analyzer's vocabulary, shared by the scanner and every rule family.

A rule (ruff's model) has a stable code, a title, the runtimes it applies to, a severity, a rationale tied to
each runtime's concurrency model, examples, and whether its fix is safe or needs review. An analyzer reads one
source file and returns hits; a hit may carry a fix, either as character-offset edits of the scanned text or
as the whole new text (libcst transformations). The scanner turns hits into ``workbench.models.Finding``
documents with unified diffs, fingerprints and the file's sha256.

Code ranges: LMI1xx every runtime, LMI2xx shared-memory runtimes (Node.js, Java, .NET), LMI3xx Python,
LMI4xx dependency versions, LMI5xx function definitions (templates).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Protocol


class Language(StrEnum):
    PYTHON = "python"
    JAVASCRIPT = "javascript"
    TYPESCRIPT = "typescript"
    JAVA = "java"
    CSHARP = "csharp"
    MANIFEST = "manifest"    # requirements.txt, pyproject.toml, package.json, lock files, pom.xml, build.gradle, .csproj
    TEMPLATE = "template"    # SAM / CloudFormation / CDK / Serverless Framework definitions


class Applicability(StrEnum):
    SAFE = "safe"
    NEEDS_REVIEW = "needs-review"


@dataclass(frozen=True)
class RuleInfo:
    code: str                      # "LMI101"
    title: str                     # "Hard-coded /tmp path shared by concurrent invocations"
    runtimes: tuple[str, ...]      # runtime families: "python", "nodejs", "java", "dotnet"
    severity: str                  # "error" | "warning" | "info"
    rationale: dict[str, str]      # runtime family -> why it breaks under that runtime's concurrency model
    fix: Applicability | None      # None: no automatic fix
    example_bad: str = ""
    example_good: str = ""


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` (character offsets into the scanned text) with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    description: str
    applicability: Applicability
    edits: tuple[Edit, ...] = ()
    new_text: str | None = None    # the whole fixed file (libcst); used instead of edits when set


@dataclass(frozen=True)
class Hit:
    code: str
    line: int                      # 1-based
    column: int                    # 1-based
    end_line: int
    end_column: int
    message: str                   # specific to this place: names the variable, path, client…
    runtime: str                   # runtime family of the file
    context: str = ""              # enclosing function or class, for a fingerprint that survives small edits
    fix: Fix | None = None
    severity: str | None = None    # overrides the rule's severity for this hit (e.g. a milder variant)
    deferred_fix: str | None = None  # the analyzer that builds this hit's fix on demand (not built by the scan)


@dataclass(frozen=True)
class SourceFile:
    path: Path                     # absolute
    rel: str                       # relative to the scan root, POSIX separators
    text: str
    sha256: str
    language: Language


@dataclass
class ScanContext:
    """What the scanner knows about the project before it analyzes files one by one.

    Results are cached by the file's content hash together with ``handlers.get(rel)`` and ``runtimes.get(rel)``:
    an analyzer's hits for a file must depend only on that file's text and these two entries for it.
    """

    root: Path
    # Handlers named by templates (SAM/CFN/CDK/Serverless) or found by shape: rel path -> function names.
    handlers: dict[str, set[str]] = field(default_factory=dict)
    # Runtime identifiers from templates (e.g. "nodejs22.x") by rel path of the handler file, when known.
    runtimes: dict[str, str] = field(default_factory=dict)
    # Where the functions each template, Serverless file or CDK app defines with a runtime keep their code:
    # definition rel -> the code folders it names (else the handler files' folders).
    # Only cross-file resolution reads it (which project a package belongs to); per-file analysis must not.
    defined: dict[str, set[str]] = field(default_factory=dict)


class Analyzer(Protocol):
    languages: frozenset[Language]

    def analyze(self, source: SourceFile, ctx: ScanContext) -> list[Hit]:
        """Hits in ``source``; raise ``ParseFailure`` when the file cannot be parsed at all."""
        ...


class ParseFailure(Exception):
    """The file could not be parsed: reported as "could not parse <file>:<line>", the scan goes on."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def rules() -> dict[str, RuleInfo]:
    """Every rule's metadata by code, sorted: the registry of ``workbench.readiness.checks`` (one module per
    code, found by listing the package, so the result does not depend on what was imported before)."""
    from workbench.readiness.checks import rule_infos

    return rule_infos()


def register_rule(rule: RuleInfo) -> RuleInfo:
    """Gone: a rule is a module of ``workbench.readiness.checks`` (``lmiNNN.py`` with ``RULE = Rule(INFO, ...)``),
    found by listing that package; registering by importing another module made the metadata depend on the
    import order. Kept only to say so to code written against the old registry."""
    raise RuntimeError(f"register_rule({rule.code}): rules are no longer registered by import; add "
                       f"workbench/readiness/checks/{rule.code.lower()}.py with RULE = Rule(INFO, ...) instead")
