"""Workload files: a :class:`~workbench.models.Workload` as YAML, JSON or TOML, chosen by the file's extension.

A file's top level is the workload's fields (``function_name``, ``memory_mb``…; units stay in the key names),
or, as the ``cost`` command also reads, a ``workload`` table beside optional ``lmi_configuration`` and ``cost``
tables (only the workload is loaded here). A file that does not say where its figures came from is recorded as
``source: file`` with its path.

Anything wrong raises :class:`WorkloadFileError`, whose message names the file and, for each problem, the line
(and column, for syntax errors) when it can be found, the field and the reason::

    orders.yaml: line 3: memory_mb must be between 128 and 10,240 MB (got 99,999)

This is the one loader for every way a workload file comes in (``cost --workload``, ``--workload`` and ``o`` in
the TUI), so they give the same answers. It never raises anything else, whatever the file holds, and reads a
bounded amount: only regular files (a FIFO or a device such as /dev/zero is refused before it is read), at most
:data:`MAX_BYTES`, no control characters, nesting at most :data:`MAX_DEPTH` deep, YAML aliases expanding to at
most :data:`MAX_VALUES` values, numbers Python can read (it refuses integers over 4,300 digits).

:func:`save_workload` writes atomically and never replaces an existing file unless asked
(:class:`WorkloadFileExists`).
"""

from __future__ import annotations

import bisect
import difflib
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.files import write_atomically

if TYPE_CHECKING:
    from workbench.models import Workload

FORMATS: dict[str, str] = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}
_ALLOWED = ".yaml, .yml, .json or .toml"
WRAPPER_TABLES = ("workload", "lmi_configuration", "cost")
UNITS_COMMENT = ("Units are in the key names: _mb megabytes, _ms milliseconds, _s seconds, _usd US dollars, "
                 "_pct percent.")

Lines = dict[tuple[str, ...], int]

MAX_BYTES = 64 * 1024    # a workload file is about a kilobyte; this bounds the time and memory of a load
MAX_DEPTH = 32           # a workload is a table with a few tables and lists in it
MAX_VALUES = 10_000      # YAML aliases expanded ("billion laughs")
MAX_LISTED = 10          # problems listed in one message; the rest are counted
MAX_REASON = 1000        # characters of one problem; a long message opens whole in a dialog (the app's MessageDialog)


@dataclass(frozen=True)
class FileProblem:
    """One thing wrong with a file: the reason, and where when known."""

    reason: str
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def describe(self) -> str:
        where = ""
        if self.line is not None:
            where = f"line {self.line}" + (f", column {self.column}" if self.column is not None else "") + ": "
        reason = self.reason
        if len(reason) > MAX_REASON:  # a huge value echoed back: cut its middle, keep the end (often the fix)
            reason = reason[: MAX_REASON - 200] + " … " + reason[-197:]
        if self.field and not reason.startswith(self.field):
            return f"{where}{self.field}: {reason}"
        return where + reason


class WorkloadFileError(ValueError):
    """A workload file that cannot be read, parsed or validated; ``str()`` is the message to show."""

    def __init__(self, path: Path | str, problems: str | list[FileProblem], *, total: int | None = None) -> None:
        self.path = Path(path)
        self.problems = [FileProblem(problems)] if isinstance(problems, str) else list(problems)
        self.total = max(total or 0, len(self.problems))  # problems found; only the first ones are described
        if self.total == 1:
            message = f"{self.path}: {self.problems[0].describe()}"
        else:
            message = f"{self.path}: {self.total:,} problems:\n" + "\n".join(
                f"  {p.describe()}" for p in self.problems[:MAX_LISTED])
            if self.total > MAX_LISTED:
                message += f"\n  … and {self.total - MAX_LISTED:,} more"
        super().__init__(message)

    @property
    def line(self) -> int | None:
        return self.problems[0].line

    @property
    def field(self) -> str | None:
        return self.problems[0].field

    @property
    def reason(self) -> str:
        return self.problems[0].reason


class WorkloadFileExists(WorkloadFileError):
    """Saving would replace an existing file, and overwriting was not confirmed."""


# --- loading ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class WorkloadFile:
    """Everything a workload file holds: the workload and, in the ``cost`` command's layout, the LMI
    configuration and the ``cost`` table (left as given: the cost command checks its own inputs)."""

    workload: Workload
    lmi_configuration: dict[str, Any] | None = None  # as written, whole or partial (starting_config applies it)
    cost: dict[str, Any] | None = None
    lines: Lines | None = None
    path: Path | None = None

    def line_of(self, *key: str) -> int | None:
        return _line_for(tuple(key), self.lines or {})


def load_workload(path: Path | str) -> Workload:
    """The Workload a YAML, JSON or TOML file describes. Raises :class:`WorkloadFileError`."""
    return load_workload_file(path).workload


def load_workload_and_configuration(path: Path | str) -> tuple[Workload, dict[str, Any] | None]:
    """The Workload and the file's ``lmi_configuration`` table as written (None without one), for
    :func:`workbench.starting_config.configuration_for`. Raises :class:`WorkloadFileError`."""
    file = load_workload_file(path)
    return file.workload, file.lmi_configuration


def load_workload_file(path: Path | str) -> WorkloadFile:
    """The workload (and LMI configuration and cost table, when given) a file describes.

    Raises :class:`WorkloadFileError` and nothing else, whatever the file holds."""
    path = Path(path)
    data, lines = read_table(path)
    try:
        return _to_workload_file(path, data, lines)
    except WorkloadFileError:
        raise
    except (RecursionError, MemoryError, ValueError, TypeError) as err:  # the last line of defence
        raise WorkloadFileError(path, f"cannot be used as a workload file ({type(err).__name__}): check its "
                                      "values") from None


def read_table(path: Path | str) -> tuple[Any, Lines]:
    """A YAML, JSON or TOML file's data and the line of each key, read within bounds (see the module's
    docstring). Raises :class:`WorkloadFileError` only. The ``cost --input`` file is read with it too."""
    path = Path(path)
    fmt = _format_of(path)
    text = _read_text(path)
    if not text.strip():
        raise WorkloadFileError(path, "is empty: a workload file needs at least function_name")
    _check_characters(path, text, fmt)
    _check_brackets(path, text)  # YAML's other nesting and its aliases are checked on its events, when parsed
    try:
        return {"yaml": _parse_yaml, "json": _parse_json, "toml": _parse_toml}[fmt](path, text)
    except WorkloadFileError:
        raise
    except RecursionError:
        raise WorkloadFileError(path, f"is nested too deeply: a workload file is a table of fields, with tables "
                                      f"and lists at most {MAX_DEPTH} deep") from None
    except ValueError as err:  # a number Python refuses to read ("Exceeds the limit (4300 digits)")
        raise _number_too_long(path, text, err) from None


def _format_of(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        found = f"'{path.suffix}'" if path.suffix else "no extension"
        raise WorkloadFileError(path, f"unknown file type ({found}): a workload file ends in {_ALLOWED}")
    return fmt


def _read_text(path: Path) -> str:
    """The file's text, read only if it is a regular file of at most MAX_BYTES.

    Opened without blocking and checked with fstat on the open descriptor (no race between a check and the open):
    a FIFO would block until a writer came, and a device such as /dev/zero never ends."""
    import os
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise WorkloadFileError(path, "no such file") from None
    except IsADirectoryError:
        raise WorkloadFileError(path, "is a directory, not a workload file") from None
    except PermissionError as err:
        raise WorkloadFileError(path, f"cannot be read ({err.strerror or err}): check its permissions") from None
    except OSError as err:
        raise WorkloadFileError(path, f"cannot be read ({err.strerror or err})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise WorkloadFileError(path, "is a directory, not a workload file")
        if not stat.S_ISREG(info.st_mode):
            kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(info.st_mode)
                    else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
                    else "a socket" if stat.S_ISSOCK(info.st_mode) else "not a regular file")
            raise WorkloadFileError(path, f"is {kind}, not a workload file: give the path of a .yaml, .json or "
                                          f".toml file (to use a pipe, save its output to a file first)")
        if info.st_size > MAX_BYTES:
            raise WorkloadFileError(path, _too_big(info.st_size))
        chunks, size = [], 0
        while size <= MAX_BYTES:  # the file may grow while it is read: never read more than the cap
            chunk = os.read(fd, MAX_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_BYTES:
            raise WorkloadFileError(path, _too_big(size))
        raw = b"".join(chunks)
    except WorkloadFileError:
        raise
    except OSError as err:
        raise WorkloadFileError(path, f"cannot be read ({err.strerror or err})") from None
    finally:
        os.close(fd)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise WorkloadFileError(path, f"is not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start}); "
                                      "save it as UTF-8") from None


def _too_big(size: int) -> str:
    shown = f"{size / 1024 / 1024:,.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:,.0f} KB"
    return (f"is {shown}; a workload file is at most {MAX_BYTES // 1024} KB (a few hundred bytes is usual): "
            f"check that this is the workload file")


_CONTROL_NAMES = {0: "NUL", 0x1B: "ESC", 0x7F: "DEL", 0x08: "backspace", 0x0C: "form feed", 0x07: "BEL"}
# Characters no workload file can hold raw. JSON: C0 controls but tab, line feed and carriage return (RFC 8259
# allows DEL in strings, and json.dumps writes it raw). TOML: those and DEL (TOML 1.0, "Strings"). YAML is
# stricter (YAML 1.1's printable set, as PyYAML's reader checks it): also C1 controls but NEL, and U+FFFE/FFFF.
_CONTROL = {"json": re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]"),
            "toml": re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")}
_CONTROL_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _check_characters(path: Path, text: str, fmt: str) -> None:
    found = (_CONTROL_YAML if fmt == "yaml" else _CONTROL[fmt]).search(text)
    if found is None:
        return
    code = ord(found.group())
    name = f"{_CONTROL_NAMES[code]}, U+{code:04X}" if code in _CONTROL_NAMES else f"U+{code:04X}"
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    raise WorkloadFileError(path, [FileProblem(
        f"holds a control character ({name}) that a workload file cannot contain: delete it (terminal output "
        f"pasted into a file often brings one along)", line=line, column=column)])


def _check_brackets(path: Path, text: str) -> None:
    """Refuse JSON or TOML nested more than MAX_DEPTH deep, before a recursive parser meets it. Brackets in
    quoted text count too: a real workload file is nowhere near the limit, so that never matters."""
    depth, line = 0, 1
    for match in re.finditer(r"[\[\]{}\n]", text):
        char = match.group()
        if char == "\n":
            line += 1
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise WorkloadFileError(path, [FileProblem(
                    f"is nested more than {MAX_DEPTH} deep (brackets opened and not closed): a workload file is a "
                    f"table of fields with a few lists and tables; check the brackets on this line", line=line)])
        else:
            depth = max(0, depth - 1)


_DIGITS = re.compile(r"[0-9_]{100,}")


def _number_too_long(path: Path, text: str, err: ValueError) -> WorkloadFileError:
    longest = max(_DIGITS.finditer(text), key=lambda m: len(m.group()), default=None)
    if longest is None:
        return WorkloadFileError(path, f"holds a value that cannot be read ({err}): check its numbers")
    line = text.count("\n", 0, longest.start()) + 1
    digits = len(longest.group().replace("_", ""))
    return WorkloadFileError(path, [FileProblem(
        f"holds a number {digits:,} digits long, more than can be read (4,300 digits at most): no workload value "
        f"needs more than 20 digits; check this number", line=line)])


class _LineIndex:
    def __init__(self, text: str) -> None:
        self.starts = [m.end() for m in re.finditer("\n", text)]

    def line(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) + 1


def _parse_yaml(path: Path, text: str) -> tuple[Any, Lines]:
    import yaml

    loader = yaml.SafeLoader(text)  # PyYAML's own: its syntax messages are clearer than libyaml's
    try:
        _check_yaml_shape(path, text)
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines: Lines = {}
        twice: list[FileProblem] = []
        _walk_yaml(node, (), lines, twice, set())
        if twice:
            raise WorkloadFileError(path, twice)
        return loader.construct_document(node), lines
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        reason = err.problem or str(err)
        if err.context:
            started = err.context_mark.line + 1 if err.context_mark is not None else None
            if started is None:
                reason += f" ({err.context})"
            elif err.context.startswith("while"):
                reason += f" ({err.context} started on line {started})"
            else:
                reason += f" ({err.context}, line {started})"
        raise WorkloadFileError(path, [FileProblem(
            reason, line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None)]) from None
    except yaml.reader.ReaderError as err:
        line = text.count("\n", 0, err.position) + 1
        raise WorkloadFileError(path, [FileProblem(f"is not valid YAML: {err.reason}", line=line)]) from None
    except yaml.YAMLError as err:
        raise WorkloadFileError(path, f"is not valid YAML: {err}") from None
    finally:
        loader.dispose()


def _bounded_events(events: Any) -> Any:
    """The events, stopping one past MAX_DEPTH open collections (the rest cannot change the verdict)."""
    import yaml

    depth = 0
    for event in events:
        yield event
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _check_yaml_shape(path: Path, text: str) -> None:
    """Refuse YAML nested more than MAX_DEPTH deep, or whose aliases expand to more than MAX_VALUES values,
    from its events (PyYAML's parser is iterative; its composer and constructor recurse)."""
    import yaml

    sizes: list[int] = []      # values under each open collection, aliases expanded
    anchors: list[str | None] = []
    expanded: dict[str, int] = {}
    aliased = 0

    def problem(reason: str, event: Any) -> WorkloadFileError:
        return WorkloadFileError(path, [FileProblem(reason, line=event.start_mark.line + 1)])

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when the wheel has it: ~30x faster
    try:
        events = list(_bounded_events(yaml.parse(text, Loader=loader)))
    except yaml.YAMLError:
        return  # a syntax error: PyYAML's own parser reports it next, in its clearer words
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            if len(sizes) >= MAX_DEPTH:
                raise problem(f"is nested more than {MAX_DEPTH} deep: a workload file is a table of fields with "
                              f"a few lists and tables; check the nesting on this line", event)
            sizes.append(1)
            anchors.append(event.anchor)
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            size = sizes.pop()
            anchor = anchors.pop()
            if anchor is not None:
                expanded[anchor] = size
        elif isinstance(event, yaml.ScalarEvent):
            size = 1
            if event.anchor is not None:
                expanded[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            size = expanded.get(event.anchor, 1)
            aliased += size  # what the aliases add; the file's own values are bounded by its size
        else:
            continue
        if sizes:
            sizes[-1] += size
        if aliased > MAX_VALUES:
            raise problem(f"its aliases (*name) expand to more than {MAX_VALUES:,} values: a workload file needs "
                          f"no anchors or aliases; write the values out", event)


def _walk_yaml(node: Any, path: tuple[str, ...], lines: Lines, twice: list[FileProblem], seen: set[int]) -> None:
    import yaml

    if id(node) in seen:  # an alias back to a node already walked
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key, line = str(key_node.value), key_node.start_mark.line + 1
            if key in first and key != "<<":
                twice.append(FileProblem(f"given twice (first on line {first[key]})", line=line,
                                         field=".".join(path + (key,))))
            first.setdefault(key, line)
            lines.setdefault(path + (key,), line)
            _walk_yaml(value_node, path + (key,), lines, twice, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.setdefault(path + (str(index),), item.start_mark.line + 1)
            _walk_yaml(item, path + (str(index),), lines, twice, seen)


def _parse_json(path: Path, text: str) -> tuple[Any, Lines]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise WorkloadFileError(path, [FileProblem(err.msg, line=err.lineno, column=err.colno)]) from None
    except RecursionError:
        raise WorkloadFileError(path, "is nested too deeply to be a workload file") from None
    try:
        lines, twice = _json_lines(text)
    except (RecursionError, IndexError, ValueError):  # positions are a courtesy: never worse than none
        return data, {}
    if twice:
        raise WorkloadFileError(path, twice)
    return data, lines


_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def _json_lines(text: str) -> tuple[Lines, list[FileProblem]]:
    """The line of every key and list item of a valid JSON text, and the keys given twice in one object."""
    # The json module's own string scanner (what JSONDecoder uses for keys); typeshed does not declare it.
    from json.decoder import scanstring  # type: ignore[attr-defined]

    index, decoder = _LineIndex(text), json.JSONDecoder()
    lines: Lines = {}
    twice: list[FileProblem] = []

    def skip(pos: int) -> int:
        return _JSON_SPACE.match(text, pos).end()  # type: ignore[union-attr]  # the pattern matches the empty string

    def value(pos: int, path: tuple[str, ...]) -> int:
        pos = skip(pos)
        if text[pos] == "{":
            first: dict[str, int] = {}
            pos = skip(pos + 1)
            if text[pos] == "}":
                return pos + 1
            while True:
                pos = skip(pos)
                key, end = scanstring(text, pos + 1)
                line = index.line(pos)
                if key in first:
                    twice.append(FileProblem(f"given twice (first on line {first[key]})", line=line,
                                             field=".".join(path + (key,))))
                first.setdefault(key, line)
                lines.setdefault(path + (key,), line)
                pos = value(skip(end) + 1, path + (key,))  # past the ':'
                pos = skip(pos)
                if text[pos] != ",":
                    return pos + 1
                pos += 1
        if text[pos] == "[":
            pos = skip(pos + 1)
            if text[pos] == "]":
                return pos + 1
            item = 0
            while True:
                pos = skip(pos)
                lines.setdefault(path + (str(item),), index.line(pos))
                pos = skip(value(pos, path + (str(item),)))
                if text[pos] != ",":
                    return pos + 1
                pos, item = pos + 1, item + 1
        return decoder.raw_decode(text, pos)[1]

    value(0, ())
    return lines, twice


_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_TABLE = re.compile(r"^\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_TOML_KEY = re.compile(r"""^((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")


def _parse_toml(path: Path, text: str) -> tuple[Any, Lines]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        at = _TOML_AT.search(message)
        if at:
            raise WorkloadFileError(path, [FileProblem(message[:at.start()], line=int(at.group(1)),
                                                       column=int(at.group(2)))]) from None
        raise WorkloadFileError(path, f"is not valid TOML: {message}") from None
    return data, _toml_lines(text)


def _toml_key_parts(key: str) -> tuple[str, ...]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", key)
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in parts)


def _toml_lines(text: str) -> Lines:
    """The line of each key, by its table: a line scan good enough for workload files (tomllib gives none)."""
    lines: Lines = {}
    table: tuple[str, ...] = ()
    in_multiline: str | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if in_multiline is not None:
            if stripped.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        header = _TOML_TABLE.match(stripped)
        if header:
            table = _toml_key_parts(header.group(1))
            lines.setdefault(table, number)
            continue
        key = _TOML_KEY.match(stripped)
        if key:
            lines.setdefault(table + _toml_key_parts(key.group(1)), number)
        for quotes in ('"""', "'''"):
            if stripped.count(quotes) % 2 == 1:
                in_multiline = quotes
    return lines


# --- validating --------------------------------------------------------------------------------------------------

def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "a true/false value"
    if isinstance(value, (int, float)):
        return "a number"
    return type(value).__name__


def _line_for(path: tuple[str, ...], lines: Lines) -> int | None:
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def _unknown(key: str, known: list[str], what: str) -> str:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"unknown {what}; did you mean {close[0]}?"
    return f"unknown {what}; a workload file's {what}s are {', '.join(known)}"


_PROBLEMS_EXAMINED = 100  # a file with thousands of bad keys is explained by its first ones, quickly


def _to_workload_file(path: Path, data: Any, lines: Lines) -> WorkloadFile:
    from pydantic import ValidationError

    from workbench.models import Workload

    if data is None:
        raise WorkloadFileError(path, "is empty: a workload file needs at least function_name")
    if not isinstance(data, dict):
        raise WorkloadFileError(path, f"expected a table of workload fields (function_name, memory_mb, …) at the "
                                      f"top level, found {_kind(data)}")
    if not data:
        raise WorkloadFileError(path, "has no fields: a workload file needs at least function_name")
    prefix: tuple[str, ...] = ()
    body, config_body, cost = data, None, None
    if isinstance(data.get("workload"), dict):
        extra = [key for key in data if key not in WRAPPER_TABLES]
        if extra:
            raise WorkloadFileError(path, [
                FileProblem(_unknown(str(key), list(WRAPPER_TABLES), "table"), line=lines.get((str(key),)),
                            field=str(key)) for key in extra[:_PROBLEMS_EXAMINED]], total=len(extra))
        body, prefix = data["workload"], ("workload",)
        config_body, cost = data.get("lmi_configuration"), data.get("cost")
    if "source" not in body:
        body = {**body, "source": "file"}
        body.setdefault("source_detail", str(path.absolute())[:500])
    problems: list[FileProblem] = []
    total = 0
    workload = None
    try:
        workload = Workload.model_validate(body)
    except ValidationError as err:
        fields = list(Workload.model_fields)
        problems += [_problem(e, prefix, lines, fields) for e in err.errors()[:_PROBLEMS_EXAMINED]]
        total += err.error_count()
    # The LMI settings stay as written (whole or partial): starting_config.configuration_for applies them.
    for name, table in (("lmi_configuration", config_body), ("cost", cost)):
        if table is not None and not isinstance(table, dict):
            what = "LMI settings" if name == "lmi_configuration" else "cost inputs"
            problems.append(FileProblem(f"expected a table of {what}, found {_kind(table)}",
                                        line=lines.get((name,)), field=name))
            total += 1
    if problems:
        problems.sort(key=lambda p: (p.line is None, p.line or 0))  # in file order; those without a line last
        raise WorkloadFileError(path, problems, total=total)
    assert workload is not None
    return WorkloadFile(workload, config_body, cost, lines, path)


def _problem(error: Any, prefix: tuple[str, ...], lines: Lines, fields: list[str]) -> FileProblem:
    loc = tuple(str(part) for part in error.get("loc", ()))
    full = prefix + loc
    name = ".".join(full) if loc else None
    kind, message = error.get("type", ""), str(error.get("msg", ""))
    if kind == "extra_forbidden":
        return FileProblem(_unknown(loc[-1], fields, "field"), line=_line_for(full, lines), field=name)
    if kind == "missing":
        return FileProblem("required field is missing", line=None, field=name)
    message = message.removeprefix("Value error, ")
    if loc and message.startswith(loc[-1] + " "):
        message = f"{name}{message[len(loc[-1]):]}"
    elif kind not in ("range", "value_error") and "got" not in message:
        given = error.get("input")
        if isinstance(given, (str, int, float, bool)):
            message += f" (got {given!r})"
    if loc:
        return FileProblem(message, line=_line_for(full, lines), field=name)
    # A rule across fields: point at the first field its message names.
    mentioned = sorted((m.start(), field) for field in fields
                       for m in [re.search(rf"\b{re.escape(field)}\b", message)] if m)
    line = next((lines[prefix + (field,)] for _, field in mentioned if prefix + (field,) in lines), None)
    return FileProblem(message, line=line)


# --- saving ------------------------------------------------------------------------------------------------------

# YAML reads these as line breaks; written raw (allow_unicode) they would not come back as they were.
_YAML_LINE_BREAKS = ("\x85", "\u2028", "\u2029")


def _yaml_dumper() -> type:
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = '"' if any(ch in value for ch in _YAML_LINE_BREAKS) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return Dumper


def dump_workload(workload: Workload, fmt: str) -> str:
    """The text of a workload file in ``fmt`` (``yaml``, ``json`` or ``toml``); unknown (None) fields left out."""
    data = workload.model_dump(mode="json", exclude_none=True)
    if data.get("id") == "default":
        del data["id"]
    header = f"# LMI Workbench workload: {workload.function_name}\n# {UNITS_COMMENT}\n"
    if fmt == "yaml":
        import yaml

        return header + yaml.dump(data, Dumper=_yaml_dumper(), sort_keys=False, allow_unicode=True,
                                  default_flow_style=False, width=100)
    if fmt == "toml":
        import tomli_w

        return header + tomli_w.dumps(data)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    raise ValueError(f"unknown workload file format {fmt!r}: expected yaml, json or toml")


def save_workload(path: Path | str, workload: Workload, *, overwrite: bool = False) -> Path:
    """Write ``workload`` to ``path`` (format by extension), atomically; returns the path.

    Raises :class:`WorkloadFileExists` when the file exists and ``overwrite`` is False (the file is left as it
    was), and :class:`WorkloadFileError` for an unknown extension or a place that cannot be written.
    """
    path = Path(path)
    fmt = _format_of(path)
    if path.is_dir():
        raise WorkloadFileError(path, "is a directory: give a file name such as workload.yaml")
    if not path.parent.is_dir():
        raise WorkloadFileError(path, f"cannot be saved: directory {path.parent} does not exist")
    if path.exists() and not overwrite:
        raise WorkloadFileExists(path, "already exists: choose another name, or confirm you want to overwrite it")
    try:
        write_atomically(path, dump_workload(workload, fmt))
    except OSError as err:
        raise WorkloadFileError(path, f"cannot be written ({err.strerror or err})") from None
    return path
