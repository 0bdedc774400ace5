"""Finding the files of a scan: the walk (``.gitignore``, dependency and build folders, symlink loops) and
reading each file with its checks (size, binary, UTF-8, permissions). Nothing here raises for a bad file: every
problem becomes a ``Skipped`` line with a reason the report prints.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pathspec
from pathspec.util import normalize_file

from workbench.readiness.model import Language

MAX_FILE_BYTES = 1_000_000

# Folders that hold dependencies, build output or tool state: never the code under review.
SKIP_DIRS = frozenset({
    "node_modules", ".venv", "target", "bin", "obj", "dist", "build", ".git", ".hg", ".svn", "__pycache__",
    ".aws-sam", "cdk.out", ".serverless", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache",
    ".gradle", ".idea", ".terraform", ".next", ".nuxt", "bower_components", "jspm_packages", ".eggs",
    ".cache", "coverage", ".nyc_output", "out-tsc",
})
# Named like a virtual environment: skipped when it is one (holds pyvenv.cfg); the stdlib has a `venv` package.
VENV_NAMES = frozenset({"venv", "env", ".env", "virtualenv"})

SOURCE_SUFFIXES: dict[str, Language] = {
    ".py": Language.PYTHON,
    ".js": Language.JAVASCRIPT, ".mjs": Language.JAVASCRIPT, ".cjs": Language.JAVASCRIPT,
    ".jsx": Language.JAVASCRIPT,
    ".ts": Language.TYPESCRIPT, ".mts": Language.TYPESCRIPT, ".cts": Language.TYPESCRIPT,
    ".tsx": Language.TYPESCRIPT,
    ".java": Language.JAVA,
    ".cs": Language.CSHARP,
}
MANIFEST_NAMES = frozenset({
    "pyproject.toml", "Pipfile", "Pipfile.lock", "poetry.lock", "uv.lock", "setup.cfg", "setup.py",
    "package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml",
    "pom.xml", "build.gradle", "build.gradle.kts", "gradle.lockfile", "libs.versions.toml",
    "packages.config", "Directory.Packages.props", "packages.lock.json",
})
TEMPLATE_NAMES = frozenset({"serverless.yml", "serverless.yaml", "template.yaml", "template.yml", "template.json"})
TEMPLATE_MARKERS = ("AWSTemplateFormatVersion", "AWS::Serverless", "AWS::Lambda::Function")


def manifest_name(name: str) -> bool:
    if name in MANIFEST_NAMES or name.endswith((".csproj", ".fsproj", ".vbproj")):
        return True
    return name.endswith(".txt") and name.startswith(("requirements", "constraints"))


def classify(name: str) -> Language | None:
    """The language of a file by its name alone; YAML/JSON that might be templates say TEMPLATE (sniffed later)."""
    if name == "setup.py":
        return Language.PYTHON
    if manifest_name(name):
        return Language.MANIFEST
    if name in TEMPLATE_NAMES:
        return Language.TEMPLATE
    dot = name.rfind(".")
    suffix = name[dot:].lower() if dot > 0 else ""
    if suffix in SOURCE_SUFFIXES:
        if name.endswith(".d.ts"):
            return None
        return SOURCE_SUFFIXES[suffix]
    if suffix in (".yaml", ".yml", ".template"):   # aws-solutions name their CloudFormation templates *.template
        return Language.TEMPLATE
    if suffix == ".json" and any(word in name.lower() for word in ("template", "cloudformation", "cfn", "stack")):
        return Language.TEMPLATE
    return None


def is_template_text(name: str, text: str) -> bool:
    """A YAML/JSON file is a template when it is named like one or says it is one."""
    if name in ("serverless.yml", "serverless.yaml"):
        return True
    if name.lower().endswith(".template") and "AWSTemplateFormatVersion" not in text and \
            not ("Resources" in text and "AWS::" in text):
        return False   # a Jinja, HTML or Mustache template, not CloudFormation
    return any(marker in text for marker in TEMPLATE_MARKERS)


@dataclass(frozen=True)
class Skipped:
    rel: str
    reason: str


@dataclass(frozen=True)
class Candidate:
    path: Path
    rel: str
    language: Language
    size: int


@dataclass
class WalkResult:
    files: list[Candidate] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    skipped_dirs: list[str] = field(default_factory=list)   # dependency/build folders left out


class _Ignores:
    """The .gitignore files met on the way down: each applies to paths below its own folder.

    Each file's patterns are also joined into one regular expression that matches when any of them does: most
    paths match none, and that one search answers them (a ``.gitignore`` often has a hundred patterns, each a
    search of its own in pathspec). A path some pattern matches is decided by pathspec (negations, directory
    patterns), so the answer is pathspec's in every case."""

    def __init__(self) -> None:
        self._specs: list[tuple[str, _Gitignore]] = []

    def add(self, base_rel: str, lines: list[str]) -> None:
        compiled = _compiled(tuple(lines))
        if compiled is not None:
            self._specs.append((base_rel, compiled))

    def ignored(self, rel: str, is_dir: bool) -> bool:
        for base, gitignore in self._specs:
            if base:
                if not rel.startswith(base + "/"):
                    continue
                sub = rel[len(base) + 1:]
            else:
                sub = rel
            if gitignore.match(sub + "/" if is_dir else sub):
                return True
        return False


class _Gitignore:
    """One .gitignore's patterns: the joined expression, and pathspec's spec built when a path first matches it
    (compiling a hundred patterns one by one costs more than the joined expression; many files never need it)."""

    def __init__(self, lines: tuple[str, ...], any_pattern: re.Pattern[str] | None,
                 by_literal: tuple[tuple[str, re.Pattern[str]], ...] = (),
                 components: _Components | None = None) -> None:
        self._lines = lines
        self._any = any_pattern
        # Patterns that match one whole name anywhere in the path (``*.suo``, ``[Dd]ebug/``, ``node_modules``):
        # answered by looking at the path's names (``_Components``), not by a search of the whole path each
        self._components = components
        # Patterns that need a literal piece of text in the path: each tried only when the path holds it (the
        # joined expression of a few hundred patterns costs ~0.1 ms per path, most of a large repository's walk)
        self._by_literal = by_literal
        self._literals = tuple(literal for literal, _ in by_literal)
        self._spec: pathspec.PathSpec | None = None
        self._broken = False

    def _may_match(self, path: str) -> bool:
        if self._components is not None and self._components.match(path):
            return True
        if self._any is not None and self._any.search(path) is not None:
            return True
        if not any(map(path.__contains__, self._literals)):   # (a loop in C: most paths hold none)
            return False
        return any(literal in path and pattern.search(path) is not None for literal, pattern in self._by_literal)

    def match(self, path: str) -> bool:
        if (self._any is not None or self._by_literal or self._components is not None) and \
                not self._may_match(normalize_file(path)):
            return False   # no pattern of this file matches: pathspec would say "not ignored"
        if self._spec is None:
            if self._broken:
                return False
            try:
                self._spec = pathspec.GitIgnoreSpec.from_lines(self._lines)
            except Exception:
                self._broken = True   # a .gitignore pathspec cannot read is left out, as it always was
                return False
        return self._spec.match_file(path)


@functools.lru_cache(maxsize=1024)
def _compiled(lines: tuple[str, ...]) -> _Gitignore | None:
    """A .gitignore's patterns compiled, once per text (repositories repeat the same .gitignore in many folders,
    and a re-scan meets them all again); None when pathspec cannot read it."""
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

    parts: list[str] = []
    literal_parts: list[tuple[str, str]] = []
    components = _Components()
    try:
        for line in lines:
            regex, include = GitIgnoreSpecPattern.pattern_to_regex(line)
            if include is None or regex is None:
                continue   # a comment or a blank line: pathspec skips it too
            text = regex.replace("(?P<ps_d>", "(?:")
            if "(?P" in text or re.search(r"\\[1-9]", text):
                return _Gitignore(lines, None)   # another named group or a back reference: not joined
            if components.add(text):
                continue
            literal = _literal(line)
            if literal:
                literal_parts.append((literal, text))
            else:
                parts.append(f"(?:{text})")
    except Exception:
        return None   # pathspec would reject the file too (GitIgnoreSpec.from_lines translates each line alike)
    try:
        joined = re.compile("|".join(parts)) if parts else None
        by_literal = tuple((literal, re.compile(text)) for literal, text in literal_parts)
    except re.error:
        return _Gitignore(lines, None)
    try:
        found = components.compile()
    except re.error:
        return _Gitignore(lines, None)
    if joined is None and not by_literal and found is None:
        joined = re.compile(r"(?!)")
    return _Gitignore(lines, joined, by_literal, found)


# pathspec's expression for a pattern that may match at any depth and has no "/" of its own (``*.suo``, ``bin/``):
# "^(?:.+/)?" NAME, then "(?:(?:/)|$)" (a file or a folder) or "(?:/)" (a folder only; "(?P<ps_d>" made "(?:")
_ANY_DEPTH = re.compile(r"\^\(\?:\.\+/\)\?(?P<name>.+?)(?P<end>\(\?:\(\?:/\)\|\$\)|\(\?:/\))")
_NOT_SLASH = ("[^/]*", "[^/]+", "[^/]")


def _name_tokens(name: str) -> list[str] | None:
    """The pieces of a NAME expression: a literal character (one character), ``[^/]*``, ``[^/]+``, ``[^/]`` or a
    character class that cannot match "/"; None when some piece could match "/" or is not one of these (then the
    pattern is not a name pattern and is matched against the whole path)."""
    tokens: list[str] = []
    i = 0
    while i < len(name):
        char = name[i]
        if char == "\\":
            if i + 1 >= len(name) or name[i + 1].isalnum():
                return None
            tokens.append(name[i + 1])
            i += 2
            continue
        wild = next((w for w in _NOT_SLASH if name.startswith(w, i)), None)
        if wild is not None:
            tokens.append(wild)
            i += len(wild)
            continue
        if char == "[":
            j = i + 1
            if j < len(name) and name[j] == "^":
                j += 1
            if j < len(name) and name[j] == "]":
                j += 1
            while j < len(name) and name[j] != "]":
                j += 2 if name[j] == "\\" else 1
            if j >= len(name):
                return None
            token = name[i:j + 1]
            try:
                if re.fullmatch(token, "/") is not None:
                    return None
            except re.error:
                return None
            tokens.append(token)
            i = j + 1
            continue
        if char in ".^$*+?{}()|/":
            return None
        tokens.append(char)
        i += 1
    return tokens


class _Components:
    """The patterns of one .gitignore that match a whole name at any depth of the path (``^(?:.+/)?NAME`` followed
    by "/" or the end, NAME matching no "/"): such a pattern matches a path exactly when NAME matches one of its
    names (a folder-only pattern: one followed by "/"). Names held as they are, suffixes (``*.suo``) and prefixes
    (``~$*``) are looked up with set and ``str.endswith``/``startswith`` calls; the rest are one expression matched
    against each name. The answer says whether some pattern matches, as the joined expression did."""

    def __init__(self) -> None:
        # [anywhere, folders only]
        self.names: tuple[set[str], set[str]] = (set(), set())
        self.suffixes: tuple[list[str], list[str]] = ([], [])
        self.prefixes: tuple[list[str], list[str]] = ([], [])
        self.others: tuple[list[str], list[str]] = ([], [])
        self._compiled: tuple[tuple, ...] = ()

    def add(self, text: str) -> bool:
        """Take pathspec's expression of one pattern when it is a name pattern; False otherwise."""
        match = _ANY_DEPTH.fullmatch(text)
        if match is None:
            return False
        tokens = _name_tokens(match.group("name"))
        if not tokens:
            return False
        kind = 1 if match.group("end") == "(?:/)" else 0
        literal = [len(t) == 1 for t in tokens]
        if all(literal):
            self.names[kind].add("".join(tokens))
        elif tokens[0] == "[^/]*" and len(tokens) > 1 and all(literal[1:]):
            self.suffixes[kind].append("".join(tokens[1:]))
        elif tokens[-1] == "[^/]*" and len(tokens) > 1 and all(literal[:-1]):
            self.prefixes[kind].append("".join(tokens[:-1]))
        else:
            self.others[kind].append(match.group("name"))
        return True

    def compile(self) -> _Components | None:
        """Ready to match (None when it holds no pattern); raises ``re.error`` for an expression ``re`` rejects."""
        kinds = []
        for kind in (0, 1):
            others = self.others[kind]
            kinds.append((frozenset(self.names[kind]), tuple(self.suffixes[kind]), tuple(self.prefixes[kind]),
                          re.compile("|".join(f"(?:{o})" for o in others)).fullmatch if others else None))
        if not any(any(part) for part in kinds):
            return None
        self._compiled = tuple(kinds)
        return self

    def match(self, path: str) -> bool:
        names = path.split("/")
        folders = names[:-1]
        for kind, (exact, suffixes, prefixes, other) in enumerate(self._compiled):
            among = folders if kind else names
            if not among:
                continue
            if exact and not exact.isdisjoint(among):
                return True
            for name in among:
                if (suffixes and name.endswith(suffixes)) or (prefixes and name.startswith(prefixes)) or \
                        (other is not None and other(name) is not None):
                    return True
        return False


_GLOB = re.compile(r"[*?\[\]/]+")


def _literal(line: str) -> str:
    """The longest piece of a .gitignore line that any path it matches holds as it is (``*.suo`` -> ``.suo``,
    ``[Dd]ebug/`` -> ``ebug``), or "" when unsure (escapes, character classes' contents, too short)."""
    if "\\" in line or line != line.strip() or line.startswith("#") or any(
            odd in line for odd in ("[]", "[!]", "[^]")):
        return ""
    body = line[1:] if line.startswith("!") else line
    body = re.sub(r"\[[^\]]*\]", "*", body)   # a character class stands for one unknown character
    pieces = [p for p in _GLOB.split(body) if p]
    return max(pieces, key=len) if pieces else ""


def printable(name: str) -> str:
    """A file name as text that can be printed and stored: bytes that are not UTF-8 (kept by Python as
    surrogates) shown as ``\\xe9``."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


NOT_UTF8_NAME = "file name is not valid UTF-8: not scanned (rename it to scan it)"


def _is_file(path: Path) -> bool:
    """``Path.is_file`` that says False instead of raising for a folder the user cannot read."""
    try:
        return path.is_file()
    except OSError:
        return False


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def walk(root: Path, *, max_bytes: int = MAX_FILE_BYTES) -> WalkResult:
    """Every candidate source, manifest and template file under ``root`` (a resolved directory)."""
    result = WalkResult()
    for _ in walk_files(root, result, max_bytes=max_bytes):
        pass
    return result


def walk_files(root: Path, result: WalkResult, *, max_bytes: int = MAX_FILE_BYTES) -> Iterator[Candidate]:
    """``walk`` one file at a time: each candidate is yielded as it is found (and appended to ``result.files``),
    so the scanner can read and hand out files while the walk goes on; what is skipped lands in ``result``."""
    ignores = _Ignores()
    exclude = root / ".git" / "info" / "exclude"
    if _is_file(exclude):
        ignores.add("", _read_lines(exclude))
    try:
        root_stat = root.stat()
    except OSError as error:
        result.skipped.append(Skipped(".", f"unreadable folder: {error.strerror or error}"))
        return
    visited = {(root_stat.st_dev, root_stat.st_ino)}
    stack: list[tuple[Path, str]] = [(root, "")]
    while stack:
        directory, dir_rel = stack.pop()
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as error:
            result.skipped.append(Skipped(dir_rel or ".", f"unreadable folder: {error.strerror or error}"))
            continue
        # the folder's .gitignore, found among its entries (no look-up of a file most folders lack)
        gitignore = next((Path(e.path) for e in entries if e.name == ".gitignore"), None)
        if gitignore is not None and _is_file(gitignore):
            ignores.add(dir_rel, _read_lines(gitignore))
        subdirs: list[tuple[Path, str]] = []
        for entry in entries:
            rel = f"{dir_rel}/{entry.name}" if dir_rel else entry.name
            if printable(entry.name) != entry.name:
                if entry.is_dir(follow_symlinks=False) or classify(printable(entry.name)) is not None:
                    result.skipped.append(Skipped(printable(rel), NOT_UTF8_NAME.replace(
                        "file name", "folder name" if entry.is_dir(follow_symlinks=False) else "file name")))
                continue
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError as error:
                result.skipped.append(Skipped(rel, f"unreadable: {error.strerror or error}"))
                continue
            if is_dir:
                if entry.name in SKIP_DIRS or (entry.name in VENV_NAMES and _is_file(Path(entry.path) / "pyvenv.cfg")):
                    result.skipped_dirs.append(rel)
                    continue
                if ignores.ignored(rel, True):
                    continue
                try:
                    st = os.stat(entry.path)
                except OSError as error:
                    result.skipped.append(Skipped(rel, f"unreadable folder: {error.strerror or error}"))
                    continue
                key = (st.st_dev, st.st_ino)
                if key in visited:
                    if is_link:
                        result.skipped.append(Skipped(rel, "symlink loop (points back to a folder already scanned)"))
                    continue
                if is_link and not _inside(Path(entry.path), root):
                    result.skipped.append(Skipped(rel, "symlink to a folder outside the scanned root"))
                    continue
                visited.add(key)
                subdirs.append((Path(entry.path), rel))
                continue
            if is_link and not os.path.exists(entry.path):
                try:
                    os.stat(entry.path)
                    reason = "broken symlink"
                except OSError as error:
                    reason = ("symlink loop" if getattr(error, "errno", None) == 40 else "broken symlink")
                if classify(entry.name) is not None:
                    result.skipped.append(Skipped(rel, reason))
                continue
            language = classify(entry.name)
            if language is None or ignores.ignored(rel, False):
                continue
            if is_link and not _inside(Path(entry.path), root):
                result.skipped.append(Skipped(rel, "symlink to a file outside the scanned root"))
                continue
            try:
                st = entry.stat(follow_symlinks=True)
            except OSError as error:
                result.skipped.append(Skipped(rel, f"unreadable: {error.strerror or error}"))
                continue
            if not stat.S_ISREG(st.st_mode):
                continue
            if st.st_size > max_bytes:
                result.skipped.append(Skipped(rel, f"larger than {max_bytes // 1_000_000} MB "
                                                   f"({st.st_size / 1_000_000:.1f} MB): not scanned"))
                continue
            candidate = Candidate(Path(entry.path), rel, language, st.st_size)
            result.files.append(candidate)
            yield candidate
        stack.extend(reversed(subdirs))


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):
        return False


@dataclass(frozen=True)
class ReadFile:
    candidate: Candidate
    data: bytes
    sha256: str


def read_candidate(candidate: Candidate, *, max_bytes: int = MAX_FILE_BYTES) -> tuple[ReadFile | None, str | None, str | None]:
    """(the file, its text, None) or (None, None, reason it was skipped)."""
    try:
        with open(candidate.path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        return None, None, "unreadable: permission denied"
    except IsADirectoryError:
        return None, None, "is a folder"
    except OSError as error:
        if getattr(error, "errno", None) == 40:
            return None, None, "symlink loop"
        return None, None, f"unreadable: {error.strerror or error}"
    if len(data) > max_bytes:
        return None, None, f"larger than {max_bytes // 1_000_000} MB: not scanned"
    if b"\x00" in data[:8192]:
        return None, None, "binary file (contains NUL bytes): not scanned"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, None, f"not UTF-8 (invalid byte 0x{data[error.start]:02x} at offset {error.start}): not scanned"
    return ReadFile(candidate, data, hashlib.sha256(data).hexdigest()), text, None
