"""Handler discovery: which functions Lambda calls, from the project's definitions or by the runtimes' shapes.

Definitions read: SAM and CloudFormation templates (YAML with intrinsic tags such as ``!Ref`` or JSON), CDK
apps (``new lambda.Function(this, 'Fn', { handler: 'x.y', runtime: Runtime.NODEJS_22_X, code:
Code.fromAsset('dir') })`` in TypeScript/JavaScript, ``_lambda.Function(...)`` in Python) and the Serverless
Framework (``serverless.yml``: ``functions.*.handler``, ``provider.runtime``). Without a definition for a file,
handlers are recognised by shape (``exports.handler``, ``export const handler``, a Java ``RequestHandler``, a
C# ``FunctionHandler``; Python's shape comes from the Python analyzer's facts).
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from workbench.readiness.model import Language

PY_EXT = (".py",)
NODE_EXT = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts")


@dataclass(frozen=True)
class HandlerRef:
    rel: str              # the handler's file, relative to the scan root
    function: str         # function (Python/Node.js), method (Java/C#)
    runtime: str = ""     # runtime identifier from the definition (e.g. "python3.12"), "" when unknown
    source: str = ""      # where it was found: "template.yaml: OrdersApiFunction", "shape"
    definition: str = ""  # the template, Serverless file or CDK app that defines it (rel), "" when found by shape
    code: str = ""        # the folder the definition puts its code in (else the handler file's folder)


@dataclass
class Discovery:
    handlers: list[HandlerRef] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    problems: list[tuple[str, str, int | None]] = field(default_factory=list)   # (rel, message, line)


# ----- a tolerant YAML loader --------------------------------------------------------------------------------


class _TolerantLoader(yaml.SafeLoader):
    """SafeLoader that reads CloudFormation intrinsic tags (``!Ref x`` → ``{"Ref": x}``) and any unknown tag as
    plain data, so that templates load without a custom constructor per tag."""


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    name = suffix.lstrip("!")
    if name == "Ref":
        return {"Ref": value}
    if name == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {f"Fn::{name}": value}


_TolerantLoader.add_multi_constructor("!", _construct_tagged)


_FastLoader: Any = None
if getattr(yaml, "__with_libyaml__", False):
    class _FastTolerantLoader(yaml.CSafeLoader):  # type: ignore[name-defined,misc]
        """The same loader on libyaml (about 10× faster; the constructors are the same)."""

    _FastTolerantLoader.add_multi_constructor("!", _construct_tagged)
    _FastLoader = _FastTolerantLoader


def load_yaml(text: str) -> Any:
    """Parse YAML with CloudFormation tags; raises ``yaml.YAMLError`` (with ``problem_mark``) on bad YAML.

    libyaml reads it when installed; a document libyaml rejects is read again by the pure-Python loader, so
    the error (message and position) is PyYAML's own whichever parser ran first."""
    if _FastLoader is not None:
        try:
            return yaml.load(text, Loader=_FastLoader)
        except yaml.YAMLError:
            pass
    return yaml.load(text, Loader=_TolerantLoader)


# build-time placeholders of the aws-solutions templates (``SOLUTION_VERSION: %VERSION%``, filled by their
# build-s3-dist.sh with sed): not YAML as they stand; the same number of characters keeps every line and column
_PLACEHOLDER = re.compile(r"%[A-Z][A-Z0-9_]*%")


def filled_placeholders(text: str) -> str:
    """``text`` with each ``%NAME%`` placeholder replaced by a plain word of the same length."""
    return _PLACEHOLDER.sub(lambda m: "x" + m.group(0)[1:-1] + "x", text)


def load_template(name: str, text: str) -> Any:
    if name.endswith(".json"):
        return json.loads(text)
    return load_yaml(text)


@functools.lru_cache(maxsize=2048)
def _parsed_template(name: str, text: str) -> Any:
    """``load_template`` once per name and text: a re-scan of an unchanged tree in the same process (the
    workbench's rescans) reads no template again. The document is shared between scans: read it, never change
    it. A template that does not parse raises each time (exceptions are not cached)."""
    return load_template(name, text)


# ----- handler strings to files -------------------------------------------------------------------------------


def runtime_family(runtime: str) -> str:
    r = runtime.lower()
    if r.startswith("python"):
        return "python"
    if r.startswith("nodejs"):
        return "nodejs"
    if r.startswith("java"):
        return "java"
    if r.startswith("dotnet"):
        return "dotnet"
    return ""


def _join(base: str, rel: str) -> str:
    joined = posixpath.normpath(posixpath.join(base, rel)) if base else posixpath.normpath(rel)
    return "" if joined == "." else joined


_CS_CLASS = re.compile(r"class\s+(\w+)")   # at a word start (``_at_word_start``: a leading \b is slow)


class FileIndex:
    """The scanned files by relative path, and helpers to find a handler's file in them."""

    def __init__(self, rels: dict[str, Language], texts: dict[str, str]) -> None:
        self.rels = rels
        self.texts = texts
        self._cs_classes: dict[str, list[str]] | None = None

    def cs_files_declaring(self, simple: str) -> list[str]:
        """The C# files declaring a class of that name (one pass over the .cs files, on first use)."""
        if self._cs_classes is None:
            self._cs_classes = {}
            for rel in self.rels:
                if rel.endswith(".cs"):
                    for name in {m.group(1) for m in _at_word_start(_CS_CLASS, self.texts.get(rel, ""))}:
                        self._cs_classes.setdefault(name, []).append(rel)
        return sorted(self._cs_classes.get(simple, ()))

    def first(self, candidates: list[str]) -> str | None:
        for rel in candidates:
            if rel in self.rels:
                return rel
        return None

    def resolve(self, code_dir: str, handler: str, runtime: str) -> tuple[str, str] | None:
        """(rel path, function) for a handler string like ``app.handler`` or ``com.x.H::handleRequest``."""
        family = runtime_family(runtime)
        if family in ("java", "dotnet") or "::" in handler:
            return self._resolve_class(handler, family, code_dir)
        if "." not in handler:
            return None
        module, function = handler.rsplit(".", 1)
        exts = PY_EXT if family == "python" else NODE_EXT if family == "nodejs" else PY_EXT + NODE_EXT
        module_path = module if "/" in module else module.replace(".", "/") if family == "python" else module
        found = self.first([_join(code_dir, module_path) + ext for ext in exts])
        if found is None and family != "nodejs":
            found = self.first([_join(code_dir, module.replace(".", "/")) + ext for ext in exts])
        if found is None:
            # the code directory could not be placed (an S3 location, a built asset): match by path suffix
            suffixes = tuple("/" + module_path + ext for ext in exts)
            whole = {module_path + e for e in exts}
            matches = sorted(r for r in self.rels if r.endswith(suffixes) or r in whole)
            if len(matches) == 1:
                found = matches[0]
        return (found, function) if found else None

    def _resolve_class(self, handler: str, family: str, code_dir: str = "") -> tuple[str, str] | None:
        parts = handler.split("::")
        if family == "dotnet" or len(parts) == 3:
            type_name = parts[1] if len(parts) >= 2 else parts[0]
            method = parts[2] if len(parts) >= 3 else "FunctionHandler"
            ext = ".cs"
        else:
            type_name = parts[0]
            method = parts[1] if len(parts) > 1 else "handleRequest"
            ext = ".java"
        simple = type_name.rsplit(".", 1)[-1]
        if ext == ".java":
            path = type_name.replace(".", "/") + ext
            matches = sorted(r for r in self.rels if r == path or r.endswith("/" + path))
            if not matches:
                matches = sorted(r for r in self.rels if r.endswith("/" + simple + ext) or r == simple + ext)
        else:
            matches = self.cs_files_declaring(simple)
            namespace = type_name.rsplit(".", 1)[0] if "." in type_name else ""
            if namespace and len(matches) > 1:   # Assembly::Namespace.Class::Method: the class in that namespace
                in_namespace = [r for r in matches if re.search(rf"\bnamespace\s+{re.escape(namespace)}\s*[;{{]",
                                                                self.texts.get(r, ""))]
                matches = in_namespace or matches
        if code_dir and len(matches) > 1:   # several classes of that name: the one in the function's code folder
            matches = [r for r in matches if r.startswith(code_dir + "/")] or matches
        return (matches[0], method) if matches else None


# ----- SAM / CloudFormation -----------------------------------------------------------------------------------


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def from_cloudformation(rel: str, doc: Any, index: FileIndex, out: Discovery) -> None:
    if not isinstance(doc, dict) or not isinstance(doc.get("Resources"), dict):
        return
    base = posixpath.dirname(rel)
    glob = _dict(doc.get("Globals"))
    gfn = _dict(glob.get("Function"))
    for name, res in doc["Resources"].items():
        if not isinstance(res, dict):
            continue
        kind = res.get("Type")
        props = _dict(res.get("Properties"))
        if kind == "AWS::Serverless::Function":
            handler = _str(props.get("Handler")) or _str(gfn.get("Handler"))
            runtime = _str(props.get("Runtime")) or _str(gfn.get("Runtime"))
            code = props.get("CodeUri", gfn.get("CodeUri"))
            code_dir = _join(base, code) if isinstance(code, str) and "://" not in code else None
        elif kind == "AWS::Lambda::Function":
            handler = _str(props.get("Handler"))
            runtime = _str(props.get("Runtime"))
            code = props.get("Code")
            code_dir = _join(base, code) if isinstance(code, str) and "://" not in code else None
        else:
            continue
        if not handler:
            continue  # container images, inline code without a handler
        _add(out, index, code_dir, handler, runtime, f"{rel}: {name}", rel)


def _add(out: Discovery, index: FileIndex, code_dir: str | None, handler: str, runtime: str, source: str,
         definition: str) -> None:
    found = index.resolve(code_dir if code_dir is not None else "", handler, runtime)
    if found is None and code_dir is None:
        found = index.resolve("", handler, runtime)
    if found is None:
        where = f" in {code_dir}/" if code_dir else ""
        out.notices.append(f"{source}: handler {handler!r}{where} not found among the scanned files")
        return
    code = code_dir if code_dir is not None else posixpath.dirname(found[0])
    out.handlers.append(HandlerRef(found[0], found[1], runtime, source, definition, code))


# ----- Serverless Framework -----------------------------------------------------------------------------------


def from_serverless(rel: str, doc: Any, index: FileIndex, out: Discovery) -> None:
    if not isinstance(doc, dict) or not isinstance(doc.get("functions"), dict):
        return
    base = posixpath.dirname(rel)
    provider = _dict(doc.get("provider"))
    default_runtime = _str(provider.get("runtime"))
    for name, fn in doc["functions"].items():
        if not isinstance(fn, dict) or not _str(fn.get("handler")):
            continue
        runtime = _str(fn.get("runtime")) or default_runtime
        _add(out, index, base, fn["handler"], runtime, f"{rel}: functions.{name}", rel)


# ----- CDK ----------------------------------------------------------------------------------------------------

_CDK_RUNTIME = re.compile(r"Runtime\.(PYTHON|NODEJS|JAVA|DOTNET|DOTNET_CORE)_(\w+)")
_CDK_CALL = re.compile(r"\b(?:new\s+)?(?:[\w$]+\.)*(Function|NodejsFunction|PythonFunction|SingletonFunction)\s*\(")
_STRING = r"""(['"`])((?:(?!\1).)*)\1"""
_CDK_CALL_END = re.compile(r"Function\s*\(")   # how every _CDK_CALL match ends (a literal to scan for)


def _cdk_calls(text: str) -> Iterator[re.Match[str]]:
    """``_CDK_CALL.finditer(text)``, searched only up to each ``Function(``: the pattern starts with ``\\b`` and
    optional parts, so a plain search tries it at every character. A match is ``new``, names and dots, the class
    and its ``(``: it cannot run past the first ``(`` after its start, so the leftmost match starting at or before
    the end of the next ``Function(`` ends there, and none starts inside one without ending at it."""
    pos = 0
    while (end := _CDK_CALL_END.search(text, pos)) is not None:
        match = _CDK_CALL.search(text, pos, end.end())
        if match is not None:
            yield match
            pos = match.end()
        else:
            pos = end.end()


def _runtime_id(match: re.Match[str]) -> str:
    family, version = match.group(1), match.group(2)
    if family == "PYTHON":
        return "python" + version.replace("_", ".")
    if family == "NODEJS":
        return "nodejs" + version.replace("_X", ".x").replace("_", ".").lower()
    if family == "JAVA":
        return "java" + version.replace("_", ".")
    return "dotnet" + version.replace("_", ".").lower()


def _balanced(text: str, start: int) -> str:
    """The text from ``start`` (just after an opening parenthesis) to its matching closing one."""
    depth = 1
    i = start
    quote = ""
    while i < len(text) and depth:
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "'\"`":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        i += 1
    return text[start:i - 1]


def from_cdk(rel: str, text: str, index: FileIndex, out: Discovery) -> None:
    if "aws-lambda" not in text and "aws_lambda" not in text and "Runtime." not in text:
        return
    base = posixpath.dirname(rel)
    for match in _cdk_calls(text):
        args = _balanced(text, match.end())
        kind = match.group(1)
        handler_m = re.search(r"\bhandler\s*[:=]\s*" + _STRING, args)
        runtime_m = _CDK_RUNTIME.search(args)
        runtime = _runtime_id(runtime_m) if runtime_m else ("nodejs" if kind == "NodejsFunction" else
                                                             "python" if kind == "PythonFunction" else "")
        source = f"{rel}:{text.count(chr(10), 0, match.start()) + 1}: CDK {kind}"
        if kind == "NodejsFunction":
            entry = re.search(r"\bentry\s*[:=]\s*(?:path\.join\(\s*__dirname\s*,\s*)?" + _STRING, args)
            if entry:
                target = _join(base, entry.group(2)) if "__dirname" in entry.group(0) else entry.group(2)
                found = index.first([_join("", target), _join(base, entry.group(2))])
                if found:
                    out.handlers.append(HandlerRef(found, handler_m.group(2) if handler_m else "handler",
                                                   runtime if runtime != "nodejs" else "", source, rel,
                                                   posixpath.dirname(found)))
            continue
        if kind == "PythonFunction":
            entry = re.search(r"\bentry\s*[:=]\s*" + _STRING, args)
            index_m = re.search(r"\bindex\s*[:=]\s*" + _STRING, args)
            if entry:
                module = (index_m.group(2) if index_m else "index.py").removesuffix(".py")
                handler = f"{module}.{handler_m.group(2) if handler_m else 'handler'}"
                _add_cdk(out, index, [entry.group(2)], base, handler, runtime if runtime != "python" else "python",
                         source, rel)
            continue
        if not handler_m:
            continue
        asset = re.search(r"(?:fromAsset|from_asset)\s*\(", args)
        dirs: list[str] = []
        if asset:
            asset_args = _balanced(args, asset.end())
            parts = [m.group(2) for m in re.finditer(_STRING, asset_args)]
            if "__dirname" in asset_args or "os.path.dirname(__file__)" in asset_args:
                dirs.append(_join(base, "/".join(parts)) if parts else base)
            elif parts:
                dirs.extend([parts[-1], _join(base, parts[-1])])
        _add_cdk(out, index, dirs, base, handler_m.group(2), runtime, source, rel)


def _add_cdk(out: Discovery, index: FileIndex, dirs: list[str], base: str, handler: str, runtime: str,
             source: str, definition: str) -> None:
    for code_dir in dirs + [""]:
        found = index.resolve(_join("", code_dir) if code_dir else "", handler, runtime)
        if found:
            # the asset folder is a guess (relative to the app or to the CDK project): the found file's folder
            out.handlers.append(HandlerRef(found[0], found[1], runtime if runtime_family(runtime) else "", source,
                                           definition, posixpath.dirname(found[0])))
            return
    out.notices.append(f"{source}: handler {handler!r} not found among the scanned files")


# ----- shapes -------------------------------------------------------------------------------------------------

# Each begins at a word boundary (``_at_word_start``): a leading ``\b`` would make every search slow.
_NODE_SHAPES = [
    re.compile(r"exports\.(\w+)\s*=\s*(?:async\b|function\b|\()"),
    re.compile(r"module\.exports\.(\w+)\s*=\s*(?:async\b|function\b|\()"),
    re.compile(r"export\s+(?:const|let|var)\s+(\w+)\s*(?::[^=]+)?=\s*(?:async\b|function\b|\(|middy\()"),
    re.compile(r"export\s+(?:async\s+)?function\s+(\w+)\s*\("),
]
_NODE_NAMES = {"handler", "lambdaHandler", "main"}
_JAVA_SHAPE = re.compile(r"\bclass\s+(\w+)[^{]*\bimplements\b[^{]*\bRequest(?:Stream)?Handler\b")
_JAVA_METHOD = re.compile(r"\bpublic\s+[\w<>,\s\[\]?]+\s+(handleRequest)\s*\(")
_CSHARP_SHAPE = re.compile(r"\bpublic\s+(?:async\s+)?[\w<>,\s\[\]?.]+\s+(FunctionHandler\w*)\s*\(")


def _at_word_start(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` as if the pattern began with ``\\b`` (it starts with a word character):
    without the leading ``\\b`` the regex engine scans for the literal prefix, 10-30× faster on big files."""
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        start = match.start()
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_"):   # what ``\\b`` tests
            yield match
            pos = max(match.end(), start + 1)
        else:
            pos = start + 1


def by_shape(rel: str, language: Language, text: str) -> list[HandlerRef]:
    found: list[HandlerRef] = []
    if language in (Language.JAVASCRIPT, Language.TYPESCRIPT):
        names: list[str] = []
        for pattern in _NODE_SHAPES:
            names.extend(m.group(1) for m in _at_word_start(pattern, text))
        for name in dict.fromkeys(names):
            if name in _NODE_NAMES or ("handler" in name.lower() and "context" in text):
                found.append(HandlerRef(rel, name, "", "shape"))
    elif language is Language.JAVA:
        # the words the shape needs first: its leading \b makes the search slow on files without them
        if "implements" in text and "Handler" in text and _JAVA_SHAPE.search(text):
            found.extend(HandlerRef(rel, m.group(1), "", "shape") for m in _JAVA_METHOD.finditer(text))
    elif language is Language.CSHARP:
        if ("ILambdaContext" in text or "Amazon.Lambda" in text) and "FunctionHandler" in text:
            found.extend(HandlerRef(rel, m.group(1), "", "shape") for m in _CSHARP_SHAPE.finditer(text))
    return found


def discover(files: dict[str, Language], texts: dict[str, str]) -> Discovery:
    """Handlers defined by the templates and CDK apps among ``files`` plus those found by shape (not Python)."""
    out = Discovery()
    index = FileIndex(files, texts)
    for rel, language in sorted(files.items()):
        text = texts.get(rel)
        if text is None:
            continue
        name = posixpath.basename(rel)
        if language is Language.TEMPLATE:
            try:
                doc = _parsed_template(name, text)
            except (yaml.YAMLError, ValueError) as error:
                if name.lower().endswith(".template"):
                    try:   # a template with build placeholders, else a Jinja (or other) template: not one to read
                        doc = _parsed_template(name, filled_placeholders(text))
                    except (yaml.YAMLError, ValueError):
                        continue
                    else:
                        from_cloudformation(rel, doc, index, out)
                        continue
                if not isinstance(error, yaml.YAMLError):
                    line = getattr(error, "lineno", None)
                    out.problems.append((rel, f"could not parse {rel}:{line or 1}: {error}", line))
                    continue
                mark = getattr(error, "problem_mark", None)
                line = mark.line + 1 if mark is not None else None
                out.problems.append((rel, f"could not parse {rel}:{line or 1}: {getattr(error, 'problem', None) or error}",
                                     line))
                continue
            if name in ("serverless.yml", "serverless.yaml"):
                from_serverless(rel, doc, index, out)
            else:
                from_cloudformation(rel, doc, index, out)
        elif language in (Language.TYPESCRIPT, Language.JAVASCRIPT, Language.PYTHON):
            if "Function" in text and ("aws-lambda" in text or "aws_lambda" in text):
                from_cdk(rel, text, index, out)
    defined = {h.rel for h in out.handlers}
    for rel, language in sorted(files.items()):
        if rel in defined or language is Language.PYTHON or rel not in texts:
            continue
        out.handlers.extend(by_shape(rel, language, texts[rel]))
    return out
