"""LMI501: a function definition names a runtime Lambda Managed Instances does not support.

Reads SAM and CloudFormation templates (YAML or JSON, with the short-form intrinsic tags), Serverless Framework
files (``provider.runtime`` and ``functions.<name>.runtime``) and CDK apps (``Runtime.RUBY_3_3`` in TypeScript,
JavaScript, Python, Java or C#). Which runtimes are supported is ``workbench.lmi_facts`` data.
"""

from __future__ import annotations

import bisect
import re
from pathlib import PurePosixPath

import yaml

from workbench import lmi_facts
from workbench.readiness.model import (
    Hit,
    Language,
    ParseFailure,
    RuleInfo,
    ScanContext,
    SourceFile,
    register_rule,
)

RUNTIME = "config"
FUNCTION_TYPES = frozenset({"AWS::Serverless::Function", "AWS::Lambda::Function"})
CDK_MARKERS = ("aws-cdk-lib", "@aws-cdk/aws-lambda", "aws_cdk", "software.amazon.awscdk", "Amazon.CDK")
TEMPLATE_MARKERS = ("AWSTemplateFormatVersion", "AWS::Serverless", "AWS::Lambda::Function")
CODE_SUFFIXES = frozenset({".ts", ".tsx", ".js", ".mjs", ".cjs", ".py", ".java", ".cs"})

LMI501 = register_rule(RuleInfo(
    code="LMI501", title="Runtime not supported by Lambda Managed Instances",
    runtimes=("config",), severity="error", fix=None,
    rationale={
        "config": "Lambda Managed Instances runs Node.js, Java, .NET and Python functions only. A function on "
                  "another runtime (Ruby, Go, a custom runtime) cannot be attached to a capacity provider: keep it "
                  "on standard Lambda, or port it to a supported runtime first.",
    },
    example_bad="Runtime: ruby3.3",
    example_good="Runtime: nodejs22.x",
))


def is_cdk_app(text: str) -> bool:
    return any(marker in text for marker in CDK_MARKERS)


def unsupported_message(runtime: str, where: str) -> str:
    family = lmi_facts.runtime_family(runtime)
    name = lmi_facts.runtime_display_name(runtime)
    supported = ", ".join(lmi_facts.supported_runtime_names())
    named = name if runtime in name else f"{name} ({runtime})"
    message = (f"Lambda Managed Instances does not yet support {named}, the runtime of {where}. "
               f"Supported runtimes: {supported}. Keep this function on standard Lambda.")
    if family == "provided":
        message += " " + lmi_facts.OS_ONLY_RUNTIME_NOTE
    return message


def is_unsupported(runtime: str) -> bool:
    if not re.match(lmi_facts.RUNTIME_IDENTIFIER_PATTERN, runtime):
        return False
    return lmi_facts.runtime_family(runtime) not in lmi_facts.SUPPORTED_RUNTIME_FAMILIES


def _hit(node: yaml.Node, message: str, context: str) -> Hit:
    start, end = node.start_mark, node.end_mark
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


def _compose(source: SourceFile) -> yaml.Node | None:
    text = source.text
    if source.rel.lower().endswith(".json"):
        text = text.replace("\t", " ")   # JSON allows tabs between tokens; YAML does not (same offsets)
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


def _cloudformation_hits(root: yaml.Node) -> list[Hit]:
    hits: list[Hit] = []
    parameters = _get(root, "Parameters")
    global_runtime = _get(_get(_get(root, "Globals"), "Function"), "Runtime")
    inheriting: list[str] = []
    resources = _get(root, "Resources")
    if not isinstance(resources, yaml.MappingNode):
        return hits
    for key, resource in resources.value:
        kind = _scalar(_get(resource, "Type"))
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
        if runtime is not None and is_unsupported(runtime):
            hits.append(_hit(own, unsupported_message(runtime, f"function {key.value}{via}"), key.value))
    runtime, via = _runtime_value(global_runtime, parameters)
    if inheriting and runtime is not None and is_unsupported(runtime):
        names = ", ".join(inheriting)
        hits.append(_hit(global_runtime, unsupported_message(runtime, f"Globals.Function{via}, used by {names}"),
                         "Globals"))
    return hits


def _serverless_hits(root: yaml.Node) -> list[Hit]:
    hits: list[Hit] = []
    provider_runtime = _get(_get(root, "provider"), "runtime")
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
        if runtime is not None and is_unsupported(runtime):
            hits.append(_hit(own, unsupported_message(runtime, f"function {key.value}"), key.value))
    runtime = _scalar(provider_runtime)
    if runtime is not None and is_unsupported(runtime) and (inheriting or not isinstance(functions,
                                                                                          yaml.MappingNode)):
        used_by = f", used by {', '.join(inheriting)}" if inheriting else ""
        hits.append(_hit(provider_runtime, unsupported_message(runtime, f"provider.runtime{used_by}"), "provider"))
    return hits


# --- CDK --------------------------------------------------------------------------------------------------------
_CDK_RUNTIME = re.compile(r"\bRuntime\.([A-Z][A-Z0-9_]*)\b")
_CONSTRUCT_ID = re.compile(r"\b(?:this|self|scope|stack)\s*,\s*[\"']([^\"'\n]+)[\"']")   # new Function(this, "Id", ...)
_COMMENTS = {
    "slash": re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL),
    "hash": re.compile(r"#[^\n]*"),
}


def cdk_runtime(constant: str) -> str | None:
    """The runtime identifier of a CDK ``Runtime`` constant: ``NODEJS_22_X`` -> ``nodejs22.x``,
    ``PYTHON_3_12`` -> ``python3.12``, ``PROVIDED_AL2023`` -> ``provided.al2023``; None for others."""
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


def cdk_hits(source: SourceFile) -> list[Hit]:
    text = source.text
    suffix = PurePosixPath(source.rel).suffix.lower()
    comments = _COMMENTS["hash"] if suffix == ".py" else _COMMENTS["slash"]
    masked = comments.sub(lambda mt: re.sub(r"[^\n]", " ", mt.group()), text)
    hits: list[Hit] = []
    line_starts = [0] + [mt.end() for mt in re.finditer("\n", text)]
    for match in _CDK_RUNTIME.finditer(masked):
        runtime = cdk_runtime(match.group(1))
        if runtime is None or not is_unsupported(runtime):
            continue
        line = bisect.bisect_right(line_starts, match.start()) - 1
        column = match.start() - line_starts[line] + 1
        ids = list(_CONSTRUCT_ID.finditer(masked, max(0, match.start() - 600), match.start()))
        where = f"function {ids[-1].group(1)} (Runtime.{match.group(1)})" if ids else \
            f"the function defined with Runtime.{match.group(1)}"
        message = unsupported_message(runtime, where)
        hits.append(Hit(code="LMI501", line=line + 1, column=column, end_line=line + 1,
                        end_column=column + len(match.group()), message=message, runtime=RUNTIME,
                        context=f"Runtime.{match.group(1)}"))
    return hits


class DefinitionsAnalyzer:
    """LMI501 in SAM/CloudFormation templates, Serverless Framework files and CDK apps."""

    languages = frozenset({Language.TEMPLATE})

    def analyze(self, source: SourceFile, ctx: ScanContext) -> list[Hit]:
        if PurePosixPath(source.rel).suffix.lower() in CODE_SUFFIXES:
            return cdk_hits(source) if is_cdk_app(source.text) else []
        name = PurePosixPath(source.rel).name
        if not name.startswith("serverless.") and not any(m in source.text for m in TEMPLATE_MARKERS):
            return []   # YAML/JSON that is not a function definition (CI workflows, charts, configs)
        root = _compose(source)
        if not isinstance(root, yaml.MappingNode):
            return []
        if _get(root, "Resources") is not None:
            return _cloudformation_hits(root)
        if _get(root, "provider") is not None or _get(root, "functions") is not None:
            return _serverless_hits(root)
        return []


ANALYZER = DefinitionsAnalyzer()
