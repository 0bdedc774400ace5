"""Code-readiness findings (one per fingerprint) and the team's decisions on them."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Annotated, Any, ClassVar

from pydantic import Field, field_validator, model_validator

from workbench.models._base import Doc, Part, Range, UtcDateTime, utc_now

_FINGERPRINT = r"^\S{8,128}$"  # opaque: 8–128 characters, no whitespace


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class FindingRuntime(StrEnum):
    PYTHON = "python"
    NODEJS = "nodejs"
    JAVA = "java"
    DOTNET = "dotnet"
    CONFIG = "config"  # templates and manifests (requirements.txt, package.json, template.yaml)


class Applicability(StrEnum):
    SAFE = "safe"
    NEEDS_REVIEW = "needs-review"


class FixProposal(Part):
    """A proposed patch for a finding, as a unified diff."""

    diff: str = Field(min_length=1, description="Unified diff (---/+++ headers and @@ hunks) against the file")
    applicability: Applicability = Field(description="safe: apply without reading; needs-review: a person checks")
    description: str = Field(min_length=1, max_length=500, description="What the patch changes, in one line")

    @field_validator("diff")
    @classmethod
    def _unified(cls, value: str) -> str:
        if "\n+++ " not in value or not value.startswith("--- ") or "\n@@ " not in value:
            raise ValueError("diff must be a unified diff starting with '--- ' and containing '+++ ' and '@@ ' lines")
        return value


class PendingFix(Part):
    """A patch the scan did not build: it is built when it is needed (shown in the Findings pane, printed by a
    report, applied). Building it parses the file (libcst for Python), which is most of a scan's time when every
    finding's patch is built. Until it is built the finding says "fix available": whether the patch is safe or
    needs review, and whether one can be made at all, is known only once it is built."""

    builder: str = Field(min_length=1, max_length=100, description="The analyzer that builds it (e.g. python)")
    context: str = Field(default="", max_length=2000, description="The finding's enclosing function or class, "
                                                                 "as the analyzer named it")
    column: int = Field(ge=0, description="The finding's column as the analyzer reported it (1-based)")


def _fingerprint_as_id(data: Any) -> Any:
    if isinstance(data, dict) and "fingerprint" in data and "id" not in data:
        data = {**data, "id": data["fingerprint"]}
    return data


def _check_id(doc: Any) -> None:
    if doc.id != doc.fingerprint:
        raise ValueError(f"id must equal fingerprint ({doc.fingerprint!r}); got {doc.id!r}")


Position = Annotated[int, Range(1, None)]


class Finding(Doc):
    """One place in the code that is not yet safe for multi-concurrency (a rule hit)."""

    KIND: ClassVar[str] = "finding"
    MERGE_BY_FIELD: ClassVar[bool] = False  # computed as one whole: a stale save is a conflict

    rule: str = Field(pattern=r"^LMI\d{3}$", description="Rule code, LMI followed by three digits (e.g. LMI001)")
    title: str = Field(min_length=1, max_length=200, description="The rule's short name")
    severity: Severity = Field(description="error, warning or info")
    runtime: FindingRuntime = Field(description="Language the file is written in")
    path: str = Field(min_length=1, max_length=1000, description="File path relative to the scanned project root")
    line: Position = Field(description="First line, 1-based")
    column: Position = Field(description="First column, 1-based")
    end_line: Position = Field(description="Last line, 1-based")
    end_column: Position = Field(description="Column after the last character, 1-based")
    message: str = Field(min_length=1, max_length=2000, description="What is wrong here and why it matters on LMI")
    fingerprint: str = Field(pattern=_FINGERPRINT,
                             description="Stable identity of the finding across rescans (also its id)")
    file_sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the file as scanned (hex)")
    fix: FixProposal | None = Field(default=None, description="A proposed patch, when the rule has one")
    pending_fix: PendingFix | None = Field(default=None, description="A patch that can be built on demand (not "
                                                                     "built yet; None once built or when none)")
    detected_at: UtcDateTime = Field(default_factory=utc_now, description="When the scan found it (UTC)")

    @model_validator(mode="before")
    @classmethod
    def _default_id(cls, data: Any) -> Any:
        return _fingerprint_as_id(data)

    @field_validator("path")
    @classmethod
    def _relative(cls, value: str) -> str:
        value = value.replace("\\", "/")
        pure = PurePosixPath(value)
        if pure.is_absolute() or re.match(r"^[A-Za-z]:", value) or ".." in pure.parts:
            raise ValueError(f"path must be relative to the project root, without '..' (got {value!r})")
        return str(pure)

    @model_validator(mode="after")
    def _span(self) -> "Finding":
        _check_id(self)
        if self.end_line < self.line:
            raise ValueError(f"end_line ({self.end_line}) must be at least line ({self.line})")
        if self.end_line == self.line and self.end_column < self.column:
            raise ValueError(f"end_column ({self.end_column}) must be at least column ({self.column}) "
                             "on a one-line finding")
        return self

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class Decision(StrEnum):
    ACCEPTED_RISK = "accepted-risk"
    WONT_FIX = "wont-fix"
    FALSE_POSITIVE = "false-positive"
    PATCHED = "patched"


class ReviewDecision(Doc):
    """What the team decided about one finding (same id as the finding: its fingerprint)."""

    KIND: ClassVar[str] = "decision"
    TITLE: ClassVar[str] = "the decision on finding"
    MERGE_STAMPS: ClassVar[frozenset[str]] = frozenset({"author", "decided_at"})  # who/when of the latest edit

    fingerprint: str = Field(title="Finding", pattern=_FINGERPRINT, description="Fingerprint of the finding decided on")
    decision: Decision = Field(title="Decision", description="accepted-risk, wont-fix, false-positive or patched")
    note: str = Field(title="Note", default="", max_length=2000,
                      description="Why (required for everything but patched)")
    author: str = Field(title="Decided by", min_length=1, max_length=200, description="Who decided")
    decided_at: UtcDateTime = Field(title="Decided at", default_factory=utc_now, description="When (UTC)")

    @model_validator(mode="before")
    @classmethod
    def _default_id(cls, data: Any) -> Any:
        return _fingerprint_as_id(data)

    @model_validator(mode="after")
    def _checks(self) -> "ReviewDecision":
        _check_id(self)
        if self.decision is not Decision.PATCHED and not self.note.strip():
            raise ValueError(f"note must say why when decision is {self.decision.value}")
        return self


class ScanCache(Doc):
    """Per-file analysis results of one scanned root, keyed by content hash and path (sha256 of the bytes and of
    the path, ``readiness.cache.file_key``): re-scanning an unchanged tree reads these instead of analysing again."""

    KIND: ClassVar[str] = "scan-cache"
    MERGE_BY_FIELD: ClassVar[bool] = False  # computed as one whole: a stale save is a conflict

    root: str = Field(min_length=1, max_length=4000, description="The scanned root directory (absolute)")
    analyzer_version: str = Field(min_length=1, max_length=64, description="Digest of the analyzer's code")
    entries: dict[str, Any] = Field(default_factory=dict, description="Cache key -> the file's analysis result")


class PatchRecord(Doc):
    """A patch applied to a file, with the original text so that it can be undone."""

    KIND: ClassVar[str] = "patch"
    TITLE: ClassVar[str] = "the record of patch"

    root: str = Field(
        title="Project root", min_length=1, max_length=4000, description="The scanned root the path is relative to")
    path: str = Field(title="File", min_length=1, max_length=1000, description="File path relative to the root")
    before_sha256: str = Field(
        title="File before (SHA-256)", pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the file before the patch")
    after_sha256: str = Field(
        title="File after (SHA-256)", pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the file after the patch")
    original_text: str = Field(title="Original text", description="The file's whole text before the patch (UTF-8)")
    diff: str = Field(title="Patch", min_length=1, description="The unified diff that was applied")
    fingerprints: list[str] = Field(title="Findings", default_factory=list, description="Findings the patch addresses")
    rules: list[str] = Field(title="Rules", default_factory=list, description="Their rule codes")
    author: str = Field(title="Patched by", min_length=1, max_length=200, description="Who applied it")
    applied_at: UtcDateTime = Field(title="Applied at", default_factory=utc_now, description="When (UTC)")
    undone_at: UtcDateTime | None = Field(
        title="Undone at", default=None, description="When it was undone (UTC), if it was")


class ReadinessSummary(Doc):
    """The code-readiness review in numbers, for the intake's concurrency-readiness signal and the fit verdict."""

    KIND: ClassVar[str] = "readiness"
    MERGE_BY_FIELD: ClassVar[bool] = False  # computed as one whole: a stale save is a conflict

    root: str = Field(default="", max_length=4000, description="The scanned root directory")
    state: str = Field(description="ready, needs-changes or blocked (a ConcurrencyReadiness value)")
    blockers: int = Field(ge=0, description="Open error findings (no decision yet)")
    warnings: int = Field(ge=0, description="Open warning findings (no decision yet)")
    notes: int = Field(ge=0, description="Open informational findings")
    patched: int = Field(ge=0, description="Findings marked patched")
    decided: int = Field(ge=0, description="Findings with another decision (accepted-risk, wont-fix, false-positive)")
    total: int = Field(ge=0, description="Findings of the last scan")
    files_scanned: int = Field(default=0, ge=0, description="Files the last scan looked at")
    scanned_at: UtcDateTime = Field(default_factory=utc_now, description="When the last scan ran (UTC)")
