"""Workload files: a :class:`~workbench.models.Workload` as YAML, JSON or TOML, chosen by the file's extension.

A file's top level is the workload's fields (``function_name``, ``memory_mb``…; units stay in the key names),
or, as the ``cost`` command also reads, a ``workload`` table beside optional ``lmi_configuration`` and ``cost``
tables (only the workload is loaded here). A file that does not say where its figures came from is recorded as
``source: file`` with its path.

Anything wrong raises :class:`WorkloadFileError`, whose message names the file and, for each problem, the line
(and column, for syntax errors) when it can be found, the field and the reason::

    orders.yaml: line 3: memory_mb must be between 128 and 10,240 MB (got 99,999)

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
        if self.field and not self.reason.startswith(self.field):
            return f"{where}{self.field}: {self.reason}"
        return where + self.reason


class WorkloadFileError(ValueError):
    """A workload file that cannot be read, parsed or validated; ``str()`` is the message to show."""

    def __init__(self, path: Path | str, problems: str | list[FileProblem]) -> None:
        self.path = Path(path)
        self.problems = [FileProblem(problems)] if isinstance(problems, str) else list(problems)
        if len(self.problems) == 1:
            message = f"{self.path}: {self.problems[0].describe()}"
        else:
            message = f"{self.path}: {len(self.problems)} problems:\n" + "\n".join(
                f"  {p.describe()}" for p in self.problems)
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

def load_workload(path: Path | str) -> Workload:
    """The Workload a YAML, JSON or TOML file describes. Raises :class:`WorkloadFileError`."""
    return load_workload_and_configuration(path)[0]


def load_workload_and_configuration(path: Path | str) -> tuple[Workload, dict[str, Any] | None]:
    """The Workload and the file's ``lmi_configuration`` table as written (None without one), for
    :func:`workbench.starting_config.configuration_for`. Raises :class:`WorkloadFileError`."""
    path = Path(path)
    fmt = _format_of(path)
    text = _read_text(path)
    if not text.strip():
        raise WorkloadFileError(path, "is empty: a workload file needs at least function_name")
    data, lines = {"yaml": _parse_yaml, "json": _parse_json, "toml": _parse_toml}[fmt](path, text)
    workload = _to_workload(path, data, lines)
    table = data.get("lmi_configuration") if isinstance(data.get("workload"), dict) else None
    if table is not None and not isinstance(table, dict):
        raise WorkloadFileError(path, [FileProblem(f"expected a table of LMI settings, found {_kind(table)}",
                                                   line=lines.get(("lmi_configuration",)),
                                                   field="lmi_configuration")])
    return workload, table


def _format_of(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        found = f"'{path.suffix}'" if path.suffix else "no extension"
        raise WorkloadFileError(path, f"unknown file type ({found}): a workload file ends in {_ALLOWED}")
    return fmt


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise WorkloadFileError(path, "no such file") from None
    except IsADirectoryError:
        raise WorkloadFileError(path, "is a directory, not a workload file") from None
    except PermissionError as err:
        raise WorkloadFileError(path, f"cannot be read ({err.strerror or err}): check its permissions") from None
    except OSError as err:
        raise WorkloadFileError(path, f"cannot be read ({err.strerror or err})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise WorkloadFileError(path, f"is not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start}); "
                                      "save it as UTF-8") from None


class _LineIndex:
    def __init__(self, text: str) -> None:
        self.starts = [m.end() for m in re.finditer("\n", text)]

    def line(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) + 1


def _parse_yaml(path: Path, text: str) -> tuple[Any, Lines]:
    import yaml

    loader = yaml.SafeLoader(text)
    try:
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
    except yaml.YAMLError as err:
        raise WorkloadFileError(path, f"is not valid YAML: {err}") from None
    finally:
        loader.dispose()


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
    from json.decoder import scanstring

    index, decoder = _LineIndex(text), json.JSONDecoder()
    lines: Lines = {}
    twice: list[FileProblem] = []

    def skip(pos: int) -> int:
        return _JSON_SPACE.match(text, pos).end()  # type: ignore[union-attr]

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


def _to_workload(path: Path, data: Any, lines: Lines) -> Workload:
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
    body = data
    if isinstance(data.get("workload"), dict):
        extra = [key for key in data if key not in WRAPPER_TABLES]
        if extra:
            raise WorkloadFileError(path, [
                FileProblem(_unknown(str(key), list(WRAPPER_TABLES), "table"), line=lines.get((str(key),)),
                            field=str(key)) for key in extra])
        body, prefix = data["workload"], ("workload",)
    if "source" not in body:
        body = {**body, "source": "file"}
        body.setdefault("source_detail", str(path.absolute())[:500])
    try:
        return Workload.model_validate(body)
    except ValidationError as err:
        fields = list(Workload.model_fields)
        problems = [_problem(e, prefix, lines, fields) for e in err.errors()]
        problems.sort(key=lambda p: (p.line is None, p.line or 0))  # in file order; those without a line last
        raise WorkloadFileError(path, problems) from None


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
