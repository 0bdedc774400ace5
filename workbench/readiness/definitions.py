"""LMI501: a function definition names a runtime Lambda Managed Instances does not support.

Reads SAM and CloudFormation templates (YAML or JSON, with the short-form intrinsic tags), Serverless Framework
files (``provider.runtime`` and ``functions.<name>.runtime``; AWS functions only) and CDK apps
(``Runtime.RUBY_3_3`` in TypeScript, JavaScript, Python, Java or C#). Which runtime versions are supported, and
the upgrade to make from an older one, is ``workbench.lmi_facts.runtime_support`` (python3.12 -> python3.13).

``provided.al2023`` is supported for Rust only. A template's function on it is fine when its code has a
Cargo.toml (in its CodeUri, the template's folder or the project root; looked up in the scan's project step,
so a Cargo.toml added later counts) or the template says ``BuildMethod: rust-cargolambda``; a CDK app when it
builds with cargo-lambda (``RustFunction``). Otherwise it gets a warning that names the condition.

CDK's ``Runtime.NODEJS_LATEST`` is the runtime the app's aws-cdk-lib version binds it to (``cdk_versions``: the
bindings per release and where the version is read), judged per scan (``plain_hits``); when the version is not
found the finding is a warning that says so, never an unsupported runtime on a guess.
"""

from __future__ import annotations

import bisect
import posixpath
import re
from dataclasses import asdict, dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any

import yaml

from workbench import lmi_facts
from workbench.readiness.model import (
    Hit,
    Language,
    ParseFailure,
    ScanContext,
    SourceFile,
)

RUNTIME = "config"
FUNCTION_TYPES = frozenset({"AWS::Serverless::Function", "AWS::Lambda::Function"})
# CDK v2 (aws-cdk-lib) and v1 (@aws-cdk/core, @aws-cdk/aws-sam, ... one package per service) in each language
CDK_MARKERS = ("aws-cdk-lib", "@aws-cdk/", "aws_cdk", "software.amazon.awscdk", "Amazon.CDK")
TEMPLATE_MARKERS = ("AWSTemplateFormatVersion", "AWS::Serverless", "AWS::Lambda::Function")
CODE_SUFFIXES = frozenset({".ts", ".tsx", ".js", ".mjs", ".cjs", ".py", ".java", ".cs"})


def is_cdk_app(text: str) -> bool:
    return any(marker in text for marker in CDK_MARKERS)


def unsupported_message(runtime: str, where: str) -> str:
    """The finding's text: the runtime and its version, the supported ones, and the upgrade (or standard Lambda)."""
    found = lmi_facts.runtime_support(runtime)
    message = (f"{found.unsupported_message}, the runtime of {where}. Supported runtimes: {found.supported_list} "
               f"(as of {lmi_facts.RUNTIME_SUPPORT.as_of}). {found.advice}")
    return message + (f" {found.note}" if found.note else "")


def rust_only_message(runtime: str, where: str, looked: str) -> str:
    return (f"{where} runs on {runtime}, which Lambda Managed Instances supports for Rust only, and {looked}. If "
            "the function is Rust it is supported; Go, C++ and other custom runtimes are not: keep those on "
            "standard Lambda.")


def is_unsupported(runtime: str) -> bool:
    """True for a runtime identifier LMI does not run as it is (an OS-only runtime is judged in ``is_rust_only``)."""
    if not re.match(lmi_facts.RUNTIME_IDENTIFIER_PATTERN, runtime):
        return False
    return not lmi_facts.runtime_support(runtime).supported


def is_rust_only(runtime: str) -> bool:
    """A supported OS-only runtime (provided.al2023 and later): supported when the code is Rust."""
    return (bool(re.match(lmi_facts.RUNTIME_IDENTIFIER_PATTERN, runtime))
            and lmi_facts.runtime_support(runtime).family == "rust")


@dataclass
class _Found:
    """The hits of one file; ``rust_only`` ones stand unless a Cargo.toml is found in one of their folders."""

    hits: list[Hit] = field(default_factory=list)
    rust_only: list[tuple[Hit, list[str]]] = field(default_factory=list)
    pending: list[dict[str, Any]] = field(default_factory=list)   # CDK variable runtimes: see ``plain_hits``


class _ExactMarks(Exception):
    """A hit on a mapping or sequence node composed by libyaml: its end mark is libyaml's (the next token), not
    PyYAML's; the file is composed again by the pure-Python loader so that the hit's range stays PyYAML's."""


def _hit(node: yaml.Node, message: str, context: str) -> Hit:
    start, end = node.start_mark, node.end_mark
    if not isinstance(node, yaml.ScalarNode) and getattr(end, "buffer", None) is None:
        raise _ExactMarks   # libyaml's marks carry no buffer; PyYAML's (read from a str) do
    return Hit(code="LMI501", line=start.line + 1, column=start.column + 1, end_line=end.line + 1,
               end_column=end.column + 1, message=message, runtime=RUNTIME, context=context)


# --- templates --------------------------------------------------------------------------------------------------
def _get(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return v
    return None


def _scalar(node: yaml.Node | None) -> str | None:
    if isinstance(node, yaml.ScalarNode) and node.tag.startswith("tag:yaml.org"):
        return str(node.value)
    return None


# libyaml composes the same nodes ~10x faster: the same tags, values and start marks, and the same end marks of
# scalars (compared over ~400 templates of public repositories); only mappings and sequences end elsewhere, which
# ``_hit`` guards. A document libyaml rejects is composed again by PyYAML, so errors stay PyYAML's own.
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None) if getattr(yaml, "__with_libyaml__", False) else None


def _compose(source: SourceFile, *, fast: bool = True) -> yaml.Node | None:
    text = source.text
    if source.rel.lower().endswith(".json"):
        text = text.replace("\t", " ")   # JSON allows tabs between tokens; YAML does not (same offsets)
    if fast and _FAST_LOADER is not None:
        try:
            documents = [d for d in yaml.compose_all(text, Loader=_FAST_LOADER) if d is not None]
            return documents[0] if documents else None
        except yaml.YAMLError:
            pass
    try:
        documents = [d for d in yaml.compose_all(text, Loader=yaml.SafeLoader) if d is not None]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        where = f"{source.rel}:{line}" if line else source.rel
        raise ParseFailure(f"could not parse {where}: {error.problem or error}", line=line) from None
    except yaml.YAMLError as error:
        raise ParseFailure(f"could not parse {source.rel}: {error}") from None
    return documents[0] if documents else None


def _runtime_value(runtime: yaml.Node | None, parameters: yaml.Node | None) -> tuple[str | None, str]:
    """The runtime a node names: a plain value, or the default of a parameter it references."""
    if runtime is None:
        return None, ""
    plain = _scalar(runtime)
    if plain is not None:
        return plain, ""
    ref = runtime.value if isinstance(runtime, yaml.ScalarNode) and runtime.tag == "!Ref" else _scalar(
        _get(runtime, "Ref"))
    if ref is None:
        return None, ""
    return _scalar(_get(_get(parameters, ref), "Default")), f" (parameter {ref})"


def _code_dirs(template_dir: str, code_uri: str | None) -> list[str]:
    """Folders (relative to the scan root) where a Cargo.toml would make a function Rust."""
    dirs = [template_dir]
    if code_uri and "://" not in code_uri and not code_uri.endswith(".zip"):
        dirs.insert(0, posixpath.normpath(posixpath.join(template_dir, code_uri)))
    return list(dict.fromkeys(dirs + [""]))


def _cloudformation_hits(root: yaml.Node, template_dir: str = "", text: str = "") -> _Found:
    found = _Found()
    parameters = _get(root, "Parameters")
    global_runtime = _get(_get(_get(root, "Globals"), "Function"), "Runtime")
    global_code = _scalar(_get(_get(_get(root, "Globals"), "Function"), "CodeUri"))
    inheriting: list[str] = []
    resources = _get(root, "Resources")
    if not isinstance(resources, yaml.MappingNode):
        return found
    for key, resource in resources.value:
        kind = _scalar(_get(resource, "Type"))
        if kind == STACK_SET:
            inner = _stack_set_hits(_get(_get(resource, "Properties"), "TemplateBody"), template_dir, text)
            found.hits.extend(inner.hits)
            found.rust_only.extend(inner.rust_only)
            continue
        if kind not in FUNCTION_TYPES:
            continue
        props = _get(resource, "Properties")
        if _scalar(_get(props, "PackageType")) == "Image":
            continue
        own = _get(props, "Runtime")
        if own is None:
            if kind == "AWS::Serverless::Function" and global_runtime is not None:
                inheriting.append(key.value)
            continue
        runtime, via = _runtime_value(own, parameters)
        if runtime is None:
            continue
        where = f"function {key.value}{via}"
        if is_unsupported(runtime):
            found.hits.append(_hit(own, unsupported_message(runtime, where), key.value))
        elif is_rust_only(runtime):
            if _scalar(_get(_get(resource, "Metadata"), "BuildMethod")) == "rust-cargolambda":
                continue   # SAM builds it with cargo-lambda: Rust
            code = _scalar(_get(props, "CodeUri")) or global_code
            dirs = _code_dirs(template_dir, code)
            hit = _hit(own, rust_only_message(runtime, where.capitalize(), "no Cargo.toml was found in "
                                              + " or ".join(f"{d or '.'}/" for d in dirs)), key.value)
            found.rust_only.append((replace(hit, severity="warning"), dirs))
    runtime, via = _runtime_value(global_runtime, parameters)
    if inheriting and runtime is not None and is_unsupported(runtime):
        names = ", ".join(inheriting)
        found.hits.append(_hit(global_runtime, unsupported_message(runtime, f"Globals.Function{via}, used by {names}"),
                               "Globals"))
    return found


# A StackSet deploys the template it carries inline (``TemplateBody``: an object, or a YAML/JSON string, often under
# ``Fn::Sub``) into other accounts and Regions: its functions are deployed like the stack's own (AWS CloudFormation
# User Guide, "AWS::CloudFormation::StackSet": TemplateBody "the structure that contains the template body").
STACK_SET = "AWS::CloudFormation::StackSet"
_BLOCK_INDICATOR = re.compile(r"[|>][+-]?\d?[+-]?\s*(?:#.*)?$")


def _stack_set_hits(body: yaml.Node | None, template_dir: str, text: str) -> _Found:
    """The LMI501 hits of a StackSet's inline template, at their lines in the outer file: exact for an object or
    a block scalar (``|``/``>``: its lines are the outer file's lines, indented), at the body's first line for a
    quoted string (a JSON string's escapes have no line of their own)."""
    sub = _get(body, "Fn::Sub")
    if sub is not None:
        body = sub.value[0] if isinstance(sub, yaml.SequenceNode) and sub.value else sub
    if isinstance(body, yaml.MappingNode):
        return _cloudformation_hits(body, template_dir, text)
    if not isinstance(body, yaml.ScalarNode) or "Resources" not in str(body.value):
        return _Found()
    try:
        inner = yaml.compose(str(body.value), Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return _Found()   # a template this reader cannot take apart (or not a template): nothing to judge
    if not isinstance(inner, yaml.MappingNode):
        return _Found()
    found = _cloudformation_hits(inner, template_dir)
    lines = text.splitlines()   # the outer file's (libyaml's marks carry no buffer)
    first, indent = None, 0
    if body.style in ("|", ">"):
        at = next((i for i in range(body.start_mark.line, min(len(lines), body.start_mark.line + 3))
                   if _BLOCK_INDICATOR.search(lines[i])), None)
        content = next((line for line in lines[at + 1:] if line.strip()), "") if at is not None else ""
        if at is not None and content:
            first, indent = at + 1, len(content) - len(content.lstrip(" "))

    def place(hit: Hit) -> Hit:
        if first is None or body.style == ">":
            line, column = body.start_mark.line + 1, body.start_mark.column + 1
            return replace(hit, line=line, column=column, end_line=line, end_column=column)
        return replace(hit, line=hit.line + first, column=hit.column + indent, end_line=hit.end_line + first,
                       end_column=hit.end_column + indent)

    found.hits = [place(h) for h in found.hits]
    found.rust_only = [(place(h), dirs) for h, dirs in found.rust_only]
    return found


def _serverless_hits(root: yaml.Node, template_dir: str = "") -> _Found:
    found = _Found()
    provider = _get(root, "provider")
    cloud = _scalar(provider) if isinstance(provider, yaml.ScalarNode) else _scalar(_get(provider, "name"))
    if cloud is not None and cloud.lower() != "aws":
        return found   # a Serverless Framework service of another cloud (aliyun, openwhisk, azure…): not Lambda
    provider_runtime = _get(provider, "runtime")
    inheriting: list[str] = []
    functions = _get(root, "functions")
    for key, function in functions.value if isinstance(functions, yaml.MappingNode) else []:
        if _get(function, "image") is not None:
            continue
        own = _get(function, "runtime")
        if own is None:
            inheriting.append(key.value)
            continue
        runtime = _scalar(own)
        if runtime is None:
            continue
        if is_unsupported(runtime):
            found.hits.append(_hit(own, unsupported_message(runtime, f"function {key.value}"), key.value))
        elif is_rust_only(runtime):
            dirs = _code_dirs(template_dir, None)
            hit = _hit(own, rust_only_message(runtime, f"Function {key.value}", "no Cargo.toml was found in "
                                              + " or ".join(f"{d or '.'}/" for d in dirs)), key.value)
            found.rust_only.append((replace(hit, severity="warning"), dirs))
    runtime = _scalar(provider_runtime)
    if runtime is not None and (inheriting or not isinstance(functions, yaml.MappingNode)):
        used_by = f", used by {', '.join(inheriting)}" if inheriting else ""
        if is_unsupported(runtime):
            found.hits.append(_hit(provider_runtime, unsupported_message(runtime, f"provider.runtime{used_by}"),
                                   "provider"))
        elif is_rust_only(runtime):
            dirs = _code_dirs(template_dir, None)
            hit = _hit(provider_runtime, rust_only_message(runtime, f"provider.runtime{used_by}",
                                                           "no Cargo.toml was found in "
                                                           + " or ".join(f"{d or '.'}/" for d in dirs)), "provider")
            found.rust_only.append((replace(hit, severity="warning"), dirs))
    return found


# --- CDK --------------------------------------------------------------------------------------------------------
_CDK_RUNTIME = re.compile(r"\bRuntime\.([A-Z][A-Z0-9_]*)\b")
# a runtime identifier as a string (an L1 construct's ``runtime: "nodejs12.x"``, or a constant such a construct reads)
_CDK_RUNTIME_STRING = re.compile(r"""(["'])((?:nodejs|python|java|dotnet|dotnetcore|ruby|go|provided)[\w.]*)\1""")
_CONSTRUCT_ID = re.compile(r"\b(?:this|self|scope|stack)\s*,\s*[\"']([^\"'\n]+)[\"']")   # new Function(this, "Id", ...)
# cargo-lambda-cdk's RustFunction (TypeScript/Python/Java/C#) builds Rust code for provided.al2023.
_RUST_CDK_MARKERS = ("RustFunction", "cargo-lambda-cdk", "cargo_lambda_cdk", "CargoLambda")
_COMMENTS = {
    "slash": re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL),
    "hash": re.compile(r"#[^\n]*"),
}


def cdk_runtime(constant: str) -> str | None:
    """The runtime identifier of a CDK ``Runtime`` constant: ``NODEJS_22_X`` -> ``nodejs22.x``,
    ``PYTHON_3_12`` -> ``python3.12``, ``PROVIDED_AL2023`` -> ``provided.al2023``; None for others."""
    from workbench.readiness.cdk_versions import VARIABLE_RUNTIMES   # (manifests imports this module)

    if constant in VARIABLE_RUNTIMES:
        return None   # NODEJS_LATEST: whatever the app's aws-cdk-lib version binds it to (cdk_versions)
    tokens = constant.lower().split("_")
    if tokens[0] in ("from", "all") or not tokens[0].isalpha():
        return None
    family, rest = tokens[0], tokens[1:]
    if family == "dotnet" and rest[:1] == ["core"]:
        family, rest = "dotnetcore", rest[1:]
    version = ".".join(rest)
    if not version:
        return family
    return f"{family}.{version}" if version[0].isalpha() and version not in ("latest",) else f"{family}{version}"


# What sits around a ``Runtime.X`` constant that is a function's runtime: a property or variable named like a
# runtime (``runtime: ...``, ``Runtime = ...``, ``runtime=...``, ``final Runtime runtime = ...``), or the argument of
# ``.runtime(...)`` or of a call that builds a function construct. Anything else is no function's runtime: the
# build image (``Runtime.JAVA_11.getBundlingImage()``), a comparison, a layer's ``compatibleRuntimes`` list, an
# enum constant's table entry (``JAVA11("java11", Runtime.JAVA_11)``), a ``case`` label.
_RUNTIME_NAME_SET = re.compile(r"""(?i)\w*runtime["']?\s*(?::(?!:)|=(?![=>]))""")
_RUNTIME_SETTER = re.compile(r"(?i)(^|[^\w])runtime\s*$")
_CALL_NAME = re.compile(r"([A-Za-z_$][\w$]*)\s*(?:<[^<>()]*>)?\s*$")
_CONSTRUCT_CALL = re.compile(r"(?i)function|lambda|construct|\bfn|handler")
_CONSTRUCT_SCOPE = re.compile(r"^\s*(this|self|scope|stack)\s*,")
_NOT_CALLS = frozenset({"if", "while", "for", "switch", "when", "return", "case", "catch", "elif", "and", "or", "not",
                        "in", "is", "assert", "print"})
_OPENERS, _CLOSERS = "([{", ")]}"


def _enclosing(masked: str, start: int) -> tuple[int, int]:
    """(offset of the bracket that encloses ``start`` or -1, offset of the start of the argument/element/statement
    slot ``start`` sits in) by scanning back over balanced brackets; a ``;`` or a blank-line boundary ends it."""
    depth, slot = 0, -1
    for i in range(start - 1, -1, -1):
        ch = masked[i]
        if ch in _CLOSERS:
            depth += 1
        elif ch in _OPENERS:
            if depth == 0:
                return i, (slot if slot >= 0 else i + 1)
            depth -= 1
        elif depth == 0 and ch == "," and slot < 0:
            slot = i + 1
        elif depth == 0 and ch == ";":
            return -1, (slot if slot >= 0 else i + 1)
    return -1, (slot if slot >= 0 else 0)


def function_runtime_use(masked: str, start: int, end: int) -> bool:
    """The ``Runtime.X`` constant at ``masked[start:end]`` (comments masked) is given to a function: see above."""
    after = masked[end:end + 40].lstrip()
    if after.startswith(".") or after.startswith(("==", "!=")):
        return False   # a member of the constant (its bundling image, its name) or a comparison
    qualified = re.search(r"[\w$]+(?:\s*\.\s*[\w$]+)*\s*\.\s*$", masked[max(0, start - 200):start])
    begin = start - len(qualified.group()) if qualified else start
    before = masked[max(0, begin - 3):begin].rstrip()
    if before.endswith(("==", "!=", "===")) or re.search(r"\bcase$", masked[max(0, begin - 8):begin].rstrip()):
        return False
    bracket, slot = _enclosing(masked, begin)
    slot_text = masked[slot:begin]
    line_start = masked.rfind("\n", 0, begin) + 1
    if _RUNTIME_NAME_SET.search(slot_text if bracket >= 0 or slot > line_start else masked[line_start:begin]):
        return True    # runtime: ..., Runtime = ..., runtime=..., lambdaRuntime = ... (a ternary or ?? fallback too)
    if bracket < 0 or masked[bracket] != "(":
        return False   # an array or list element, a dictionary value, a statement of its own
    callee = masked[max(0, bracket - 200):bracket]
    if _RUNTIME_SETTER.search(callee):
        return True    # .runtime(Runtime.X) in a builder
    if slot_text.strip() and not re.search(r"(\?|:|\belse|\bif\b.*\belse)\s*$", slot_text.strip()):
        return False   # part of a larger expression (an argument computed from the constant)
    name = _CALL_NAME.search(callee)
    if name is None or name.group(1) in _NOT_CALLS or re.fullmatch(r"[A-Z][A-Z0-9_]*", name.group(1)):
        return False   # a condition, or an enum constant's arguments (JAVA11("java11", Runtime.JAVA_11))
    return bool(_CONSTRUCT_CALL.search(name.group(1)) or _CONSTRUCT_SCOPE.match(masked[bracket + 1:bracket + 40]))


def _function_construct(masked: str, at: int, runtime_at: int, python: bool) -> bool:
    """The construct whose ``(this, "Id"`` starts at ``at`` is a function (``new lambda.Function``,
    ``Function.Builder.create``, ``NodejsFunction``, a helper named for one) and the runtime at ``runtime_at`` is
    its own: inside its call, or further down the same statement (a builder chain). Not a ``CfnOutput``, table or
    API whose id happens to sit above a runtime set somewhere else (a props helper every function uses)."""
    between = masked[at:runtime_at]
    depth, closed = 1, False   # inside the call the id is an argument of; does it end before the runtime?
    for char in between:
        depth += (char == "(") - (char == ")")
        if depth == 0:
            closed = True
            break
    if closed and (python or ";" in between or "}" in between):
        return False
    callee = re.search(r"([\w$.]+)\s*\(\s*$", masked[max(0, at - 120):at])
    if callee is None:
        return False
    parts = callee.group(1).split(".")
    name = parts[-3] if len(parts) >= 3 and parts[-2:] == ["Builder", "create"] else parts[-1]
    return re.search(r"(?i)function|lambda", name) is not None


def cdk_hits(source: SourceFile) -> list[Hit]:
    """LMI501 in a CDK app: a runtime constant given to a function construct. Stacks of test code (an end-to-end
    harness that deploys throwaway copies of test functions on every runtime) are test code: not reported. A
    variable constant (``Runtime.NODEJS_LATEST``) is not among these: see ``cdk_plain``."""
    return _cdk_scan(source)[0]


def cdk_plain(source: SourceFile) -> list[dict[str, Any]]:
    """The LMI501 hits of a CDK app as dictionaries, with one pending entry per variable runtime constant given to
    a function (``{"variable": "NODEJS_LATEST", "hit": ..., "where": ..., "folder": ..., "ecosystem": ...}``): what
    it is depends on the app's aws-cdk-lib version, looked up per scan by ``plain_hits``."""
    hits, pending = _cdk_scan(source)
    out = [asdict(h) for h in hits] + pending
    if PurePosixPath(source.rel).suffix.lower() != ".py":
        masked = _COMMENTS["slash"].sub(lambda mt: re.sub(r"[^\n]", " ", mt.group()), source.text)
        starts = [0] + [mt.end() for mt in re.finditer("\n", masked)]
        for entry in out:
            hit = entry.get("hit", entry)
            owner = _enclosing_class(masked, starts[hit["line"] - 1] + hit["column"] - 1)
            if owner:
                entry["owner"] = [source.rel, owner]
    return out


_CLASS_DECL = re.compile(r"(?<![\w$])class\s+([A-Za-z_$][\w$]*)")
_TEST_CLASS_NAME = re.compile(r"^(Test|Mock|Fake|Stub|Dummy)[A-Z_]|[a-z0-9](Test|Mock|Fake|Stub)$")
_CODE_USERS = (".ts", ".tsx", ".js", ".mjs", ".cjs", ".java", ".cs", ".kt", ".go", ".py")


def _enclosing_class(masked: str, pos: int) -> str:
    """The innermost class whose braces hold ``pos`` ("" when none does)."""
    for match in reversed(list(_CLASS_DECL.finditer(masked, 0, pos))):
        brace = masked.find("{", match.end(), pos)
        if brace >= 0 and masked.count("{", brace, pos) > masked.count("}", brace, pos):
            return match.group(1)
    return ""


def only_tests_use_class(owner: list[str] | None, sources: dict[str, SourceFile] | None,
                    seen: dict[tuple[str, str], bool]) -> bool:
    """The class a CDK function is defined in is used by test code only: named outside its own file by test files
    alone, and nowhere else in its own (a dummy-function factory the jest tests synthesise stacks with), and named
    as test code (``TestFunctionFactory``, ``FakeStack``): the scan skips folders such as ``bin/`` where a CDK app
    builds its stacks, so the name says what the missing callers cannot. A class nothing names (an entry point, a
    construct the app loads by itself) is not known to be test code."""
    from workbench.readiness.semantic import TEST, path_role

    if not owner or not sources:
        return False
    rel, name = owner
    if not _TEST_CLASS_NAME.search(name):
        return False
    if (rel, name) in seen:
        return seen[(rel, name)]
    word = re.compile(rf"(?<![\w$]){re.escape(name)}(?![\w$])")
    by_tests = False
    verdict = None
    for other, source in sources.items():
        if not other.endswith(_CODE_USERS) or name not in source.text:
            continue
        count = len(word.findall(source.text))
        if other == rel:
            if count > 1:
                verdict = False
                break
        elif count and path_role(other) != TEST:
            verdict = False
            break
        elif count:
            by_tests = True
    seen[(rel, name)] = result = by_tests if verdict is None else False
    return result


def plain_hits(plain: list[dict[str, Any]], ctx: ScanContext, lookup: Any = None,
               sources: dict[str, SourceFile] | None = None, seen: dict | None = None) -> list[Hit]:
    """Hits from ``cdk_plain``-style dictionaries, the pending ones judged by the aws-cdk-lib version found from
    their folder up to ``ctx.root`` (``cdk_versions.Lookup``; pass one to share its cache between files). With the
    scan's ``sources``, a function defined in a class only test code uses is left out (``only_tests_use_class``)."""
    from workbench.readiness import cdk_versions
    from workbench.readiness.scanner import hit_from_dict

    out: list[Hit] = []
    seen = {} if seen is None else seen
    for entry in plain:
        entry = dict(entry)
        if only_tests_use_class(entry.pop("owner", None), sources, seen):
            continue
        if "unread" in entry:   # a constant its own file never reads: a finding only if another file names it
            if sources is None or _named_elsewhere(entry["unread"], entry["rel"], sources):
                out.append(hit_from_dict(entry["hit"]))
            continue
        if "variable" not in entry:
            out.append(hit_from_dict(entry))
            continue
        if lookup is None:
            lookup = cdk_versions.Lookup(ctx.root)
        hit = _variable_runtime_hit(entry, lookup)
        if hit is not None:
            out.append(hit)
    return out


def _constant_of(runtime: str) -> str:
    match = re.fullmatch(r"nodejs(\d+)\.x", runtime)
    return f"Runtime.NODEJS_{match.group(1)}_X" if match else runtime


def _variable_runtime_hit(entry: dict[str, Any], lookup: Any) -> Hit | None:
    """The finding of a function on ``Runtime.NODEJS_LATEST``: the runtime the app's aws-cdk-lib binds it to when
    that is known and unsupported (none when supported); a warning that says what is not known otherwise (never an
    unsupported runtime on a guess). Source of the bindings: ``cdk_versions``."""
    from workbench.readiness import cdk_versions
    from workbench.readiness.scanner import hit_from_dict

    hit, constant, where = hit_from_dict(entry["hit"]), entry["variable"], entry["where"]
    table = cdk_versions.VARIABLE_RUNTIMES[constant]
    first_ok = next(((first, runtime) for first, runtime in table if not is_unsupported(runtime)), None)
    advice = (f"upgrade aws-cdk-lib to {'.'.join(map(str, first_ok[0]))} or later, or name the runtime "
              f"({_constant_of(first_ok[1])})") if first_ok else "name a supported runtime"
    history = cdk_versions.bands(constant)
    title = where[0].upper() + where[1:]
    found = lookup.find(entry["folder"], entry["ecosystem"])
    if found is None:
        return replace(hit, severity="warning", message=(
            f"{title} runs on Runtime.{constant}, whose runtime depends on the app's aws-cdk-lib version, and that "
            f"version was not found (nothing installed, locked or declared from {entry['folder'] or '.'}/ up to the "
            f"scan root). {history}; Lambda Managed Instances supports Node.js 22 and later. To be sure, {advice}."))
    runtimes = [cdk_versions.bound_runtime(constant, v) for v in (found.low, found.high)]
    said = f"aws-cdk-lib {found.spec} ({found.where})"
    if None in runtimes:
        return replace(hit, severity="warning", message=(
            f"{title} runs on Runtime.{constant}, which {said} does not define: the app does not build as it is. "
            f"{history}; {advice}."))
    bad = [r for r in runtimes if r is not None and is_unsupported(r)]
    if not bad:
        return None
    if runtimes[0] == runtimes[1]:
        return replace(hit, message=unsupported_message(bad[0], where) + (
            f" Runtime.{constant} is {bad[0]} in {said}: {history}. To move, {advice}."))
    return replace(hit, severity="warning", message=(
        f"{title} runs on Runtime.{constant}, and {said} holds versions that bind it to {runtimes[0]} (not supported "
        f"by Lambda Managed Instances) and {runtimes[1]}. {history}; {advice}."))


# ``DEFAULT_RUNTIME = Runtime.PYTHON_3_7`` (``export const``, ``static final Runtime X =``...): a constant whose
# only use in its file is this definition names no function's runtime unless another file reads it (heldout14: a
# vendored bundling module's constant nothing imports).
_CONSTANT_SLOT = re.compile(r"^\s*(?:export\s+)?(?:(?:const|let|var|final|static|public|private|protected|readonly|"
                            r"internal)\s+)*(?:[\w$<>.]+\s+)?([A-Za-z_$][\w$]*)\s*(?::\s*[\w$.<>]+\s*)?=\s*$")


def _unread_constant(masked: str, line_start: int, start: int) -> str:
    """The name a statement of its own (``NAME = <qualifier>.Runtime.X``) assigns the runtime at ``start`` to, when
    the file names it nowhere else ("" otherwise)."""
    prefix = masked[line_start:start]
    while True:
        stripped = re.sub(r"[\w$]+\s*\.\s*$", "", prefix)
        if stripped == prefix:
            break
        prefix = stripped
    slot = _CONSTANT_SLOT.match(prefix)
    if slot is None:
        return ""
    name = slot.group(1)
    if name in ("runtime", "Runtime") or len(re.findall(rf"(?<![\w$]){re.escape(name)}(?![\w$])", masked)) > 1:
        return ""
    return name


def _named_elsewhere(name: str, rel: str, sources: dict[str, SourceFile]) -> bool:
    """Another file names ``name``, other than one that defines a constant of that name itself (it reads its own:
    heldout14 forecast, a ``function.py`` with its own ``DEFAULT_RUNTIME``)."""
    word = re.compile(rf"(?<![\w$]){re.escape(name)}(?![\w$])")
    own = re.compile(r"(?m)^\s*(?:export\s+)?(?:(?:const|let|var|final|static|public|private|protected|readonly|"
                     rf"internal)\s+)*(?:[\w$<>.]+\s+)?{re.escape(name)}\s*(?::[^=\n]+)?=(?!=)")
    return any(other != rel and name in source.text and word.search(source.text) and not own.search(source.text)
               for other, source in sources.items())


def _cdk_scan(source: SourceFile) -> tuple[list[Hit], list[dict[str, Any]]]:
    from workbench.readiness import cdk_versions
    from workbench.readiness.semantic import TEST, path_role

    if path_role(source.rel) == TEST:
        return [], []
    text = source.text
    suffix = PurePosixPath(source.rel).suffix.lower()
    comments = _COMMENTS["hash"] if suffix == ".py" else _COMMENTS["slash"]
    masked = comments.sub(lambda mt: re.sub(r"[^\n]", " ", mt.group()), text)
    hits: list[Hit] = []
    line_starts = [0] + [mt.end() for mt in re.finditer("\n", text)]
    rust_build = any(marker in masked for marker in _RUST_CDK_MARKERS)
    pending: list[dict[str, Any]] = []
    found = [(match, cdk_runtime(match.group(1)), f"Runtime.{match.group(1)}", match.group(1))
             for match in _CDK_RUNTIME.finditer(masked)]
    found += [(match, match.group(2), match.group(), None) for match in _CDK_RUNTIME_STRING.finditer(masked)]
    for match, runtime, named, constant in sorted(found, key=lambda item: item[0].start()):
        variable = constant is not None and constant in cdk_versions.VARIABLE_RUNTIMES
        if not variable and (runtime is None or not (is_unsupported(runtime) or
                                                     (is_rust_only(runtime) and not rust_build))):
            continue
        if not function_runtime_use(masked, match.start(), match.end()):
            continue
        line = bisect.bisect_right(line_starts, match.start()) - 1
        column = match.start() - line_starts[line] + 1
        ids = [found for found in _CONSTRUCT_ID.finditer(masked, max(0, match.start() - 600), match.start())
               if _function_construct(masked, found.start(), match.start(), suffix == ".py")]
        where = f"function {ids[-1].group(1)} ({named})" if ids else f"the function defined with {named}"
        if variable or runtime is None:
            hit = Hit(code="LMI501", line=line + 1, column=column, end_line=line + 1,
                      end_column=column + len(match.group()), message="", runtime=RUNTIME, context=named)
            pending.append({"variable": constant, "hit": asdict(hit), "where": where,
                            "folder": posixpath.dirname(source.rel),
                            "ecosystem": cdk_versions.ECOSYSTEMS.get(suffix, "nodejs")})
            continue
        rust_only = not is_unsupported(runtime)
        message = (rust_only_message(runtime, where[0].upper() + where[1:], "this file builds no Rust code "
                                     "(cargo-lambda's RustFunction)") if rust_only else
                   unsupported_message(runtime, where))
        hit = Hit(code="LMI501", line=line + 1, column=column, end_line=line + 1,
                  end_column=column + len(match.group()), message=message, runtime=RUNTIME,
                  context=named, severity="warning" if rust_only else None)
        unread = _unread_constant(masked, line_starts[line], match.start())
        if unread:   # judged per scan: only when no other file of the scan names it either (``plain_hits``)
            pending.append({"unread": unread, "rel": source.rel, "hit": asdict(hit)})
            continue
        hits.append(hit)
    hits += powertools_layer_hits(masked, line_starts)
    return hits, pending


# Powertools for AWS Lambda's public layers carry their major version in the layer name ("Lambda Layer" in the
# Powertools for AWS Lambda (Python) and (TypeScript) installation docs): AWSLambdaPowertoolsPython is 1.x,
# AWSLambdaPowertoolsPythonV2 2.x, AWSLambdaPowertoolsPythonV3-<runtime>-<arch> 3.x (account 017000801446);
# AWSLambdaPowertoolsTypeScript is 1.x, AWSLambdaPowertoolsTypeScriptV2 2.x (account 094274105915). A major version
# wholly below LMI's minimum (lmi-facts "Minimum library versions": Python 3.23.0, TypeScript 2.29.0) is LMI401; a
# V3 Python or V2 TypeScript layer's release depends on its layer version, which the name does not say: not judged.
# (From "layer:" on: an app may build the ARN in pieces, `arn:aws:lambda:${region}:094274105915:` + 'layer:...:11'.)
_POWERTOOLS_LAYER = re.compile(r"\blayer:(AWSLambdaPowertools(Python|TypeScript)(?:V(\d+))?)(?:-[\w.-]+)?:(\d+)")
_POWERTOOLS_LAYER_MINIMUM = {"Python": (3, "3.23.0"), "TypeScript": (2, "2.29.0")}


def powertools_layer_hits(text: str, line_starts: list[int] | None = None) -> list[Hit]:
    """LMI401 on each Powertools public layer ARN whose major version is below the LMI minimum (``text`` with its
    comments blanked out)."""
    hits: list[Hit] = []
    if "AWSLambdaPowertools" not in text:
        return hits
    starts = line_starts or [0] + [mt.end() for mt in re.finditer("\n", text)]
    for match in _POWERTOOLS_LAYER.finditer(text):
        language = match.group(2)
        major = int(match.group(3) or 1)
        needed, minimum = _POWERTOOLS_LAYER_MINIMUM[language]
        if major >= needed:
            continue
        line = bisect.bisect_right(starts, match.start()) - 1
        if "#" in text[starts[line]:match.start()]:
            continue   # a YAML comment
        column = match.start() - starts[line] + 1
        layer = f"{match.group(1)}:{match.group(4)}"
        newer = "AWSLambdaPowertoolsPythonV3-<runtime>-<arch>" if language == "Python" else \
            "AWSLambdaPowertoolsTypeScriptV2"
        hits.append(Hit(code="LMI401", line=line + 1, column=column, end_line=line + 1,
                        end_column=column + len(match.group()), runtime=RUNTIME, context=layer,
                        message=f"The public layer {layer} ships Powertools for AWS Lambda ({language}) {major}.x (the "
                                f"layer name carries the major version), below {minimum}, the minimum for Lambda "
                                f"Managed Instances: attach the {newer} layer at a version that ships {minimum} or "
                                "later (or bundle the package at that version)."))
    return hits


@dataclass
class Resolved:
    hits: dict[str, list[Hit]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    handlers: list[Any] = field(default_factory=list)


class DefinitionsAnalyzer:
    """LMI501 in SAM/CloudFormation templates, Serverless Framework files and CDK apps.

    In a scan, ``extract`` reads each file (cached by its text) and ``resolve`` decides, per scan, whether a
    function on provided.al2023 has a Cargo.toml next to its code; ``analyze`` does both for one file."""

    languages = frozenset({Language.TEMPLATE})

    def _found(self, source: SourceFile) -> _Found:
        if PurePosixPath(source.rel).suffix.lower() in CODE_SUFFIXES:
            hits, pending = _cdk_scan(source) if is_cdk_app(source.text) else ([], [])
            return _Found(hits=hits, pending=pending)
        from workbench.readiness.semantic import TEST, path_role

        if path_role(source.rel) == TEST:
            return _Found()   # test fixtures and snapshots (an expected synthesized stack), like CDK test stacks
        if "out" in source.rel.split("/")[:-1]:
            # packaging output (``sam package``/``aws cloudformation package --output-template-file out/...``)
            # committed by mistake: a copy of a template (heldout14: of a stack the repository no longer has), like
            # the .aws-sam, cdk.out, dist and build folders the walk skips
            return _Found()
        name = PurePosixPath(source.rel).name
        if not name.startswith("serverless.") and not any(m in source.text for m in TEMPLATE_MARKERS):
            return _Found()   # YAML/JSON that is not a function definition (CI workflows, charts, configs)
        try:
            try:
                return self._template_hits(source, fast=True)
            except _ExactMarks:
                return self._template_hits(source, fast=False)
        except ParseFailure:
            if not name.lower().endswith(".template"):
                raise
            from workbench.readiness.handlers import filled_placeholders

            filled = filled_placeholders(source.text)
            try:   # build placeholders (``%VERSION%``) in an aws-solutions template: the same text without them
                return self._template_hits(replace(source, text=filled), fast=False) if filled != source.text \
                    else _Found()
            except ParseFailure:
                return _Found()   # a Jinja (or other) template that mentions CloudFormation: not one to read

    def _template_hits(self, source: SourceFile, *, fast: bool) -> _Found:
        found = self._runtime_hits(source, fast=fast)
        found.hits.extend(powertools_layer_hits(source.text))
        return found

    def _runtime_hits(self, source: SourceFile, *, fast: bool) -> _Found:
        root = _compose(source, fast=fast)
        if not isinstance(root, yaml.MappingNode):
            return _Found()
        folder = posixpath.dirname(source.rel)
        if _get(root, "Resources") is not None:
            return _cloudformation_hits(root, folder, source.text)
        if _get(root, "provider") is not None or _get(root, "functions") is not None:
            return _serverless_hits(root, folder)
        return _Found()

    def extract(self, source: SourceFile) -> dict[str, Any]:
        found = self._found(source)
        return {"hits": [asdict(h) for h in found.hits],
                "rust_only": [[asdict(h), dirs] for h, dirs in found.rust_only], "pending": found.pending}

    def resolve(self, facts_by_rel: dict[str, dict[str, Any]], sources: dict[str, SourceFile], ctx: ScanContext,
                *, entry: str = "handlers") -> Resolved:
        from workbench.readiness import cdk_versions

        out = Resolved()
        lookup = cdk_versions.Lookup(ctx.root)
        for rel, facts in sorted(facts_by_rel.items()):
            hits = [Hit(**h) for h in facts.get("hits", ())]
            hits += [Hit(**h) for h, dirs in facts.get("rust_only", ()) if not _has_cargo(ctx, dirs)]
            hits += plain_hits(facts.get("pending", []), ctx, lookup, sources)
            if hits:
                out.hits[rel] = hits
        return out

    def analyze(self, source: SourceFile, ctx: ScanContext) -> list[Hit]:
        found = self._found(source)
        return found.hits + [h for h, dirs in found.rust_only if not _has_cargo(ctx, dirs)] + \
            plain_hits(found.pending, ctx)


def _has_cargo(ctx: ScanContext, dirs: list[str]) -> bool:
    """A Cargo.toml in one of ``dirs`` (relative to the scan root): the code is Rust."""
    for folder in dirs:
        try:
            if (ctx.root / folder / "Cargo.toml").is_file():
                return True
        except OSError:
            continue
    return False


ANALYZER = DefinitionsAnalyzer()
