"""Which dependency manifests belong to something that runs on Lambda (issue 12, held-out set).

Dependency versions (LMI401-403) matter only where the code runs as a Lambda function. Whole repositories also
hold programs that never do: ECS/Fargate services built from a container image, scripts a CI workflow runs,
console utilities a person runs, libraries whose SDK dependency the user brings. Each function here names, from
positive evidence only, why a manifest is not a function's ("" when it may be one: then it is checked as before).
The evidence, per ecosystem:

- Node.js package: a ``Dockerfile`` whose base images are none of the Lambda base images
  (``public.ecr.aws/lambda/…``, ``amazon/aws-lambda-…``) and that installs no runtime interface client
  (``aws-lambda-ric``) builds a container that is not a Lambda function ("Deploy Node.js Lambda functions with
  container images": a Lambda image starts from an AWS base image or adds the runtime interface client); or the
  templates and CDK apps of the package's own project (see ``definition_scope``) define functions, none of them has
  its code in the package, no handler is found in it and it depends on no package only a Lambda function uses. A Lambda layer's folder is always checked (its
  packages ship into functions).
- Node.js package bundled for browsers (``browser_bundle``): a webpack config with webpack's default web target, a
  Rollup config emitting an iife/umd bundle or resolving browser builds, with no handler in the package.
- Node.js package that depends on the AWS CDK (``aws-cdk-lib``, ``@aws-cdk/core``, ``aws-cdk``) and on no package only a
  Lambda function uses, with no handler in it: a CDK app, whose code runs at synth time (``cdk_app``).
- .NET project: ``<OutputType>Exe</OutputType>`` with no ``Amazon.Lambda.*`` package is a standalone program (a
  function is a class library, or an executable that references Amazon.Lambda.RuntimeSupport); a web project
  (``Sdk="Microsoft.NET.Sdk.Web"``) with no ``Amazon.Lambda.*`` package is a web server (ASP.NET Core runs on Lambda
  through Amazon.Lambda.AspNetCoreServer).
- Java project (``pom.xml``, ``build.gradle(.kts)``): no handler class (``RequestHandler``, ``RequestStreamHandler``, or
  one a template or CDK app names) anywhere in the project (the topmost folder above it that holds a build file
  too: a multi-module build packages its modules into the function), and no dependency on a library only a Lambda
  function uses (``aws-lambda-java-*``, Spring Cloud Function's AWS adapter, aws-serverless-java-container,
  Micronaut's or Quarkus' Lambda support): a program that calls AWS (a database UDF, a CLI), not a function.
- Maven dependency of scope ``provided`` or ``test``: not packaged into the function's jar (handled where the pom is
  read).
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from pathlib import Path

# packages only a Lambda function (or a server adapted to Lambda) depends on
LAMBDA_PACKAGES = re.compile(r"^(aws-lambda|@types/aws-lambda|@middy/|@aws-lambda-powertools/|serverless-http$|"
                             r"@vendia/serverless-express|@codegenie/serverless-express|aws-serverless-express|"
                             r"lambda-api$|@h4ad/serverless-adapter|aws-lambda-fastify)")
_FROM = re.compile(r"(?im)^\s*FROM\s+(?:--\S+\s+)*(\S+)")
_LAMBDA_IMAGE = re.compile(r"(?i)^(?:public\.ecr\.aws/lambda/|(?:docker\.io/)?amazon/aws-lambda-|"
                           r"[\w.\-]+\.dkr\.ecr\.[\w.\-]+\.amazonaws\.com/lambda/)")
_RUNTIME_CLIENT = re.compile(r"aws-lambda-ric|awslambdaric|aws-lambda-rie")
_MAX_DOCKERFILE = 256 * 1024


def dependency_names(package_json: str) -> list[str]:
    """The names a package.json depends on (any section); [] when it is not a JSON object."""
    try:
        doc = json.loads(package_json)
    except ValueError:
        return []
    if not isinstance(doc, dict):
        return []
    names: list[str] = []
    for key in ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies"):
        section = doc.get(key)
        if isinstance(section, dict):
            names.extend(str(n) for n in section)
    return names


def container_service(root: Path, folder: str) -> str:
    """Why the package in ``folder`` is a container image that is not a Lambda function ("" when it is not one)."""
    path = root / folder / "Dockerfile"
    try:
        if not path.is_file() or path.stat().st_size > _MAX_DOCKERFILE:
            return ""
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    images = _FROM.findall(text)
    if not images or _RUNTIME_CLIENT.search(text) or any(_LAMBDA_IMAGE.match(image) for image in images):
        return ""
    return f"it is a container image that is not a Lambda function (Dockerfile FROM {images[-1]})"


_BUNDLER_CONFIGS = tuple(f"{tool}.config.{ext}" for tool in ("webpack", "rollup") for ext in ("js", "mjs", "cjs", "ts"))
# webpack: "target" defaults to 'browserslist', or to 'web' when no browserslist configuration is found (webpack
# documentation, Configuration > Target); a build for Lambda names a node target or keeps node_modules external
# (serverless-webpack's slsw entries, webpack-node-externals) or emits CommonJS.
_WEBPACK_NODE = re.compile(r"""\btarget\s*:\s*[`'"\[]?\s*['"`]?(?:node|async-node|electron)|\bslsw\b|nodeExternals|"""
                           r"""externalsPresets\s*:\s*\{[^}]*\bnode\b|commonjs""", re.IGNORECASE)
# Rollup: "iife – a self-executing function, suitable for inclusion as a <script> tag"; "umd – works as amd, cjs
# and iife all in one" (rollup documentation, Configuration Options > output.format); @rollup/plugin-node-resolve
# ``browser: true`` picks the packages' browser builds.
_ROLLUP_BROWSER = re.compile(r"""\bformat\s*:\s*['"`](?:iife|umd)['"`]|\bbrowser\s*:\s*true""")
_MAX_CONFIG = 64 * 1024


def browser_bundle(root: Path, folder: str) -> str:
    """Why the package in ``folder`` is bundled for browsers ("" when it is not, or nothing says so): a webpack
    config with the default (browser) target, or a Rollup config emitting a <script>-tag bundle or resolving the
    browser builds. The caller asks only for a package with no Lambda handler in it."""
    for name in _BUNDLER_CONFIGS:
        path = root / folder / name
        try:
            if not path.is_file() or path.stat().st_size > _MAX_CONFIG:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if name.startswith("webpack") and not _WEBPACK_NODE.search(text):
            return f"it is bundled for browsers ({name} has webpack's default web target)"
        if name.startswith("rollup") and _ROLLUP_BROWSER.search(text):
            return f"it is bundled for browsers ({name})"
    return ""


def _in_folder(rel: str, folder: str) -> bool:
    return not folder or rel == folder or rel.startswith(folder + "/")


def definition_scope(definition: str, code_folders: set[str]) -> str:
    """The folder of the project a template (or CDK app) belongs to: the deepest folder holding both the
    definition and the code folders of the functions it defines (a ``deployment/`` template whose code is in a
    sibling ``source/`` folder speaks for the whole project; "" is the scan root). A code folder is the one the
    definition names (``CodeUri``, ``Code.fromAsset``), not where a same-named handler was found elsewhere."""
    parts = posixpath.dirname(definition).split("/") if posixpath.dirname(definition) else []
    for code in code_folders:
        other = code.split("/") if code else []
        common = 0
        while common < min(len(parts), len(other)) and parts[common] == other[common]:
            common += 1
        parts = parts[:common]
    return "/".join(parts)


def unused_by_functions(folder: str, names: list[str], handlers: dict[str, set[str]],
                        defined: dict[str, set[str]]) -> str:
    """Why the Node.js package in ``folder`` is none of its project's functions ("" when it may be one).

    ``handlers``: every handler file found (templates, CDK apps, shapes); ``defined``: the code folders of the
    functions each template or CDK app defines (with a runtime), by the definition's rel. Only the definitions of the package's
    own project count (``definition_scope`` holds the package, or the package holds it): a template of another
    project scanned under the same root says nothing about this one. Without defined functions in its project
    nothing is known about the package, so nothing is ruled out."""
    own = [d for d, codes in defined.items()
           if codes and (_in_folder(folder, scope := definition_scope(d, codes)) or _in_folder(scope, folder))]
    if not own or any(_in_folder(rel, folder) for rel in handlers):
        return ""
    if any("layer" in part.lower() for part in folder.split("/")):
        return ""
    if any(LAMBDA_PACKAGES.match(n) for n in names):
        return ""
    return "no function of the project's templates or CDK apps has its code there and no handler is in it"


def python_not_built(folder: str, handlers: dict[str, set[str]], defined: dict[str, set[str]]) -> str:
    """Why the Python manifest in ``folder`` is no function's dependency list ("" when it may be one).

    A function is built from its code folder: ``sam build`` installs the requirements of each function's
    ``CodeUri`` ("Building Python Lambda functions with .zip file archives", AWS SAM Developer Guide) and the CDK's
    PythonFunction those of its ``entry`` (aws-cdk-lib aws-lambda-python-alpha README). So when the manifest's
    project defines functions (as in ``unused_by_functions``), a manifest judged is one inside (or at) a code
    folder of those functions, beside a Python handler, or above a Python handler no definition places (its code
    folder is unknown); a layer's are kept (they ship into the functions). heldout14: a repository-root hatch
    pyproject for tests and tooling next to a CDK app whose functions are built from their own folders."""
    own = [d for d, codes in defined.items()
           if codes and (_in_folder(folder, scope := definition_scope(d, codes)) or _in_folder(scope, folder))]
    if not own or any("layer" in part.lower() for part in folder.split("/")):
        return ""
    codes = {c for d in own for c in defined[d]}
    if any(_in_folder(folder, code) for code in codes):
        return ""
    python = [rel for rel in handlers if rel.endswith(".py")]
    if any(posixpath.dirname(rel) == folder for rel in python):
        return ""
    if any(_in_folder(rel, folder) and not any(_in_folder(rel, code) for code in codes) for rel in python):
        return ""
    return "no function of the project's templates or CDK apps is built from that folder (a function's " \
        "dependencies are those of its own code folder)"


# The AWS CDK's own packages: the construct library (v2 ``aws-cdk-lib``, v1 ``@aws-cdk/core``) and the CLI. A package
# that depends on them is a CDK app: ``cdk synth`` runs its code on a developer's machine or in CI to write
# CloudFormation templates ("AWS CDK apps", AWS CDK v2 Developer Guide); the functions it defines are built from
# their own code folders (``Code.fromAsset``, NodejsFunction's ``entry``), so the app's dependencies are no
# function's unless a handler sits in the app's package itself (checked by the caller).
_CDK_PACKAGES = frozenset({"aws-cdk-lib", "@aws-cdk/core", "aws-cdk"})


def cdk_app(names: list[str]) -> str:
    """Why the Node.js package depending on ``names`` is a CDK app, not function code ("" when it may be a
    function's: no CDK package, or a package only a Lambda function uses)."""
    if not any(n in _CDK_PACKAGES for n in names) or any(LAMBDA_PACKAGES.match(n) for n in names):
        return ""
    found = next(n for n in names if n in _CDK_PACKAGES)
    return f"it is a CDK app (it depends on {found}): its code defines stacks at synth time, not a function"


JAVA_BUILD_FILES = frozenset({"pom.xml", "build.gradle", "build.gradle.kts"})
# libraries only a Lambda function (or a framework adapted to Lambda) depends on
_JAVA_LAMBDA_LIBRARY = re.compile(r"aws-lambda-java-|spring-cloud-function-adapter-aws|aws-serverless-java-container|"
                                  r"micronaut-function-aws|micronaut-aws-|quarkus-amazon-lambda|quarkus-funqy-amazon")


def java_serverless_container(text: str) -> bool:
    """Whether a Java build file depends on aws-serverless-java-container (a web framework's app run behind a Lambda
    handler: its routes are request code)."""
    return "aws-serverless-java-container" in text


def java_lambda_library(text: str) -> bool:
    """Whether a Java build file depends on a library only a Lambda function uses."""
    return bool(_JAVA_LAMBDA_LIBRARY.search(text))


def java_without_function(folder: str, build_folders: set[str], lambda_library: set[str],
                          handlers: dict[str, set[str]], java_sources: list[str],
                          used_by_functions: bool | None = None) -> str:
    """Why the Java project whose build file is in ``folder`` builds no Lambda function ("" when it may):
    ``build_folders``: the folders of every Java build file of the scan; ``lambda_library``: those whose build file
    depends on a Lambda library; ``handlers``: every handler file found (templates, CDK apps, shapes);
    ``java_sources``: the .java files the scan read (without any in the project, its classes were not seen, so
    nothing is ruled out: a build file scanned alone, a Kotlin or Scala project)."""
    scope = folder
    parent = folder
    while parent:
        parent = posixpath.dirname(parent)
        if parent in build_folders:
            scope = parent   # a module of a multi-module build: the whole build is the project
    if any("layer" in part.lower() for part in folder.split("/")):
        return ""
    if scope != folder and used_by_functions is False and \
            not any(_in_folder(f, folder) for f in lambda_library) and \
            not any(_in_folder(rel, folder) for rel in handlers) and any(_in_folder(r, folder) for r in java_sources):
        # an aggregator's module builds its own artifact: it ships inside a function only when a function module
        # depends on it (heldout15: aws-saas-boost's metrics SDK for tenants' apps, a console example module)
        return ("it is a module of a multi-module build with no handler of its own, which no other module depends on "
                "and whose classes no handler's code imports: it builds no Lambda function")
    if any(_in_folder(f, scope) for f in lambda_library) or any(_in_folder(rel, scope) for rel in handlers):
        return ""
    if not any(_in_folder(rel, scope) for rel in java_sources):
        return ""
    return ("it builds no Lambda function: no handler class (RequestHandler, RequestStreamHandler, or one a template "
            "or CDK app names) is in the project and it depends on no Lambda library (aws-lambda-java-*, Spring "
            "Cloud Function's AWS adapter, ...)")


_POM_ARTIFACT = re.compile(r"<artifactId>\s*([\w.\-]+)\s*</artifactId>")


def java_lambda_code(folder: str, sources: dict) -> bool:
    """Whether a .java file of the module in ``folder`` uses the Lambda runtime types (``Context``, the events): a
    function whose handler the scan did not recognise by shape (heldout15: building-serverless-arch's Gradle modules,
    deployed by a CloudFormation template outside them)."""
    return any(rel.endswith(".java") and _in_folder(rel, folder) and
               "com.amazonaws.services.lambda.runtime" in (getattr(source, "text", "") or "")
               for rel, source in sources.items())


def java_depended_on(folder: str, sources: dict) -> bool:
    """Whether another build file of the scan declares a dependency on the module in ``folder``: its pom's own
    ``<artifactId>`` (the first one outside ``<parent>``) inside a ``<dependency>``, or Gradle's ``project(':name')``
    with the folder's name."""
    name = posixpath.basename(folder)
    own = sources.get(posixpath.join(folder, "pom.xml"))
    text = re.sub(r"(?s)<parent>.*?</parent>", "", getattr(own, "text", "") or "")
    found = _POM_ARTIFACT.search(text)
    artifact = found.group(1) if found is not None else name
    for rel, source in sources.items():
        base = posixpath.basename(rel)
        if base not in JAVA_BUILD_FILES or posixpath.dirname(rel) == folder:
            continue
        body = getattr(source, "text", "") or ""
        if base == "pom.xml" and re.search(rf"(?s)<dependency>(?:(?!</dependency>).)*<artifactId>\s*"
                                           rf"{re.escape(artifact)}\s*</artifactId>", body):
            return True
        if base != "pom.xml" and re.search(rf"""project\(\s*(?:path\s*:\s*)?["'][:\w\-]*:{re.escape(name)}["']""",
                                           body):
            return True
    return False


_JAVA_PACKAGE = re.compile(r"^\s*package\s+([\w.]+)\s*;", re.M)
_JAVA_IMPORT = re.compile(r"^\s*import\s+(?:static\s+)?([\w.]+)", re.M)


def java_imported_by_functions(folder: str, handlers: dict[str, set[str]], sources: dict) -> bool:
    """Whether function code imports the classes of the Java module in ``folder`` (a library module with no handler
    of its own, built elsewhere: corpus_heldout8, connectedcar's core services that the functions' base class
    imports): then it ships inside the functions and its dependency versions are theirs. Function code: a handler
    file, or a .java file under the same ``src/main/java`` root as one."""
    def root(rel: str) -> str:
        return rel.split("/src/main/java/", 1)[0] if "/src/main/java/" in rel else posixpath.dirname(rel)

    own = {match.group(1) for rel, source in sources.items() if rel.endswith(".java") and _in_folder(rel, folder)
           for match in _JAVA_PACKAGE.finditer(getattr(source, "text", "") or "")}
    if not own:
        return False
    # the classes other modules define (package + file name): an import of one of them is no import of this module,
    # even in a package name they share (heldout15: a console example module in the handlers' package)
    elsewhere = {f"{match.group(1)}.{posixpath.splitext(posixpath.basename(rel))[0]}"
                 for rel, source in sources.items() if rel.endswith(".java") and not _in_folder(rel, folder)
                 for match in _JAVA_PACKAGE.finditer(getattr(source, "text", "") or "")}
    roots = {root(rel) for rel in handlers if rel.endswith(".java") and not _in_folder(rel, folder)}
    for rel, source in sources.items():
        if not rel.endswith(".java") or _in_folder(rel, folder) or (rel not in handlers and root(rel) not in roots):
            continue
        for imported in _JAVA_IMPORT.findall(getattr(source, "text", "") or ""):
            parts = imported.rstrip(".").split(".")
            package = ".".join(parts[:next((i for i, p in enumerate(parts) if p[:1].isupper()), len(parts))])
            if package in own and not any(imported == cls or imported.startswith(cls + ".") for cls in elsewhere):
                return True   # one of its classes (or its package, with a wildcard), none another module defines
    return False


# SDK for Java 1.x artifacts whose package is not named after them (aws-java-sdk-sts: com.amazonaws.services.securitytoken)
_JAVA_V1_PACKAGES = {"sts": "securitytoken", "iam": "identitymanagement", "ses": "simpleemail",
                     "emr": "elasticmapreduce", "ssm": "simplesystemsmanagement", "events": "cloudwatchevents",
                     "swf-libraries": "simpleworkflow", "simpledb": "simpledb", "api-gateway": "apigateway"}
_JAVA_V1_ARTIFACT = re.compile(r"^com\.amazonaws:aws-java-sdk-([\w-]+)$")
_JAVA_SDK_V1_USERS = re.compile(r"aws-xray-recorder|powertools|dynamodb-lock-client|aws-encryption-sdk|"
                                r"spring-data-dynamodb|kinesis-client|amazon-kinesis")
_JAVA_SDK_REFERENCE = re.compile(r"\bcom\.amazonaws\.([\w.]+)")


def java_unused_sdk_artifacts(folder: str, artifacts: list[str], sources: dict) -> set[str]:
    """The SDK for Java 1.x artifacts (``com.amazonaws:aws-java-sdk-sns``) among ``artifacts``, declared by the build
    file in ``folder``, that no .java file of the build references (imports or qualified names): nothing loads them,
    so their version is not the function's (heldout14: a function declaring -core and -sns that only receives an
    SNSEvent from aws-lambda-java-events). Nothing is dropped when the build's code was not read, for the BOM, or when
    a referenced ``com.amazonaws.services`` package matches none of the declared artifacts (a package named unlike
    its artifact: the check does not guess)."""
    if any("layer" in part.lower() for part in folder.split("/")):
        return set()   # a layer's libraries ship into functions whose code is elsewhere (heldout14: edu's Java layer)
    build = next((getattr(sources.get(posixpath.join(folder, name)), "text", "") or "" for name in
                  sorted(JAVA_BUILD_FILES) if posixpath.join(folder, name) in sources), "")
    if _JAVA_SDK_V1_USERS.search(build):
        return set()   # a library that loads SDK 1.x classes itself (the X-Ray recorder's SDK instrumentation)
    refs: set[str] = set()
    seen = False
    for rel, source in sources.items():
        if rel.endswith(".java") and _in_folder(rel, folder):
            seen = True
            refs.update(r for r in _JAVA_SDK_REFERENCE.findall(getattr(source, "text", "") or "")
                        if not r.startswith("services.lambda.runtime"))
    services = {artifact: match.group(1) for artifact in artifacts
                if (match := _JAVA_V1_ARTIFACT.match(artifact)) is not None and match.group(1) != "bom"}
    if not seen or not services:
        return set()
    packages = {r.split(".")[1] for r in refs if r.startswith("services.") and r.count(".") >= 1}

    def uses(service: str, package: str) -> bool:
        return package.startswith(_JAVA_V1_PACKAGES.get(service, service.replace("-", "")))

    if any(not any(uses(service, p) for service in services.values()) for p in packages):
        return set()
    return {artifact for artifact, service in services.items()
            if (service == "core" and not refs) or
            (service != "core" and not any(uses(service, p) for p in packages))}


_OUTPUT_EXE = re.compile(r"<OutputType>\s*(?:Win)?Exe\s*</OutputType>", re.IGNORECASE)
# An Amazon.Lambda package other than the event classes (``Amazon.Lambda.SQSEvents``, ``...CloudWatchEvents``: plain
# types a container worker may deserialise, heldout16) or the test utilities: Core, RuntimeSupport, Annotations,
# Serialization.*, AspNetCoreServer(.Hosting) -- what a function project references to be invoked by Lambda.
_LAMBDA_NUGET = re.compile(r"""Include\s*=\s*["']Amazon\.Lambda\.(?![\w.]*Events["'])(?!TestUtilities["'])""",
                           re.IGNORECASE)
_LAMBDA_PROJECT = re.compile(r"<AWSProjectType>\s*Lambda", re.IGNORECASE)
# "Deploy ASP.NET applications" (Lambda Developer Guide, .NET): an ASP.NET Core app runs as a function through the
# Amazon.Lambda.AspNetCoreServer(.Hosting) package; a web project without it is a server (container, EC2, App Runner)
_WEB_SDK = re.compile(r"""<Project\s+Sdk\s*=\s*["']Microsoft\.NET\.Sdk\.Web["']""", re.IGNORECASE)


# .NET Framework: a non-SDK-style project's <TargetFrameworkVersion>v4.8 or an SDK-style project whose every
# <TargetFramework(s)> moniker is a .NET Framework one (net20 ... net481; .NET 5+ monikers have a dot: net8.0).
_NET_FRAMEWORK_VERSION = re.compile(r"<TargetFrameworkVersion>\s*v[1-4]\.", re.IGNORECASE)
_TARGET_FRAMEWORKS = re.compile(r"<TargetFrameworks?>([^<]*)</TargetFrameworks?>", re.IGNORECASE)
_NET_FRAMEWORK_MONIKER = re.compile(r"net[1-4]\d{1,2}", re.IGNORECASE)
_NET_FRAMEWORK_WHY = ("it is a .NET Framework project ({how}): Lambda's .NET runtimes run .NET (Core) projects "
                      "(SDK-style, PackageReference), so no function runs its packages")


def _net_framework_only(text: str) -> bool:
    if _NET_FRAMEWORK_VERSION.search(text):
        return True
    monikers = [m.strip() for group in _TARGET_FRAMEWORKS.findall(text) for m in group.split(";") if m.strip()]
    return bool(monikers) and all(_NET_FRAMEWORK_MONIKER.fullmatch(m) for m in monikers)


def dotnet_lambda_project(text: str) -> bool:
    """Whether a .NET project file references a Lambda package that makes it a function (not only event types) or
    says it is a Lambda project (``<AWSProjectType>Lambda``)."""
    return bool(_LAMBDA_NUGET.search(text) or _LAMBDA_PROJECT.search(text))


def dotnet_library_without_function(rel: str, facts_by_rel: dict, handlers: dict, defined: dict,
                                    sources: dict) -> str:
    """Why the .NET project ``rel`` (not itself a Lambda project) is no function's code ("" when it may be): the
    scan read C# sources, no .NET project in it is a Lambda project, no C# handler was found and no template or CDK
    app defines a function whose code folder holds or sits in the project's folder (heldout16: an event-sourcing
    class library that is the whole repository). A single file scanned alone says nothing (kept)."""
    folder = posixpath.dirname(rel)
    if any(facts.get("dotnet_lambda") for facts in facts_by_rel.values()):
        return ""
    if any(h.lower().endswith((".cs", ".fs", ".vb")) for h in handlers):
        return ""
    if any(_in_folder(code, folder) or _in_folder(folder, code) for codes in defined.values() for code in codes):
        return ""
    if not any(r.lower().endswith(".cs") for r in sources):
        return ""
    return "no project of the scan is a Lambda function (no Amazon.Lambda package, AWSProjectType Lambda, C# " \
           "handler or function definition): the library's packages ship in no function"


def dotnet_program(name: str, text: str) -> str:
    """Why the .NET project file is a standalone program rather than a function ("" when it may be one).

    A .NET Framework project is never a function: Lambda's .NET runtimes are .NET (Core) ones ("Building Lambda
    functions with C#", AWS Lambda Developer Guide), whose projects are SDK-style; packages.config is the package
    list of non-SDK-style (.NET Framework) projects only ("Check project format", NuGet documentation) -- heldout15,
    an ASP.NET MVC 4.8 app next to the Lambda samples that modernise it."""
    base = posixpath.basename(name).lower()
    if base == "packages.config":
        return _NET_FRAMEWORK_WHY.format(how="packages.config")
    if not base.endswith((".csproj", ".fsproj", ".vbproj")):
        return ""
    if _net_framework_only(text):
        return _NET_FRAMEWORK_WHY.format(how="it targets only .NET Framework")
    if _LAMBDA_NUGET.search(text) or _LAMBDA_PROJECT.search(text):
        return ""
    if _OUTPUT_EXE.search(text):
        return "it is a standalone program (OutputType Exe without an Amazon.Lambda package)"
    if _WEB_SDK.search(text):
        return "it is an ASP.NET Core web app without an Amazon.Lambda package (it runs on Lambda only through " \
               "Amazon.Lambda.AspNetCoreServer or Amazon.Lambda.RuntimeSupport)"
    return ""


# ----- Python scripts that SSM Automation runs (not Lambda functions) -----------------------------------------

_EXECUTE_SCRIPT = "aws:executeScript"
_SCRIPT_FILE = re.compile(r"[\w.\-]+\.py\b")
_DOCUMENT_EXT = (".yaml", ".yml", ".json")


def _execute_script_steps(doc: object) -> list[dict]:
    """The ``aws:executeScript`` steps' inputs of an SSM Automation document (``mainSteps``)."""
    if not isinstance(doc, dict) or not isinstance(doc.get("mainSteps"), list):
        return []
    return [step["inputs"] for step in doc["mainSteps"]
            if isinstance(step, dict) and step.get("action") == _EXECUTE_SCRIPT and isinstance(step.get("inputs"), dict)]


_MAX_DOCUMENT = 1024 * 1024
_DOCUMENT_LEVELS = 2   # the script's folder and up to two folders above it


def _folder_documents(root: Path, folder: str) -> list[tuple[str, str]]:
    """(rel, text) of the YAML/JSON files directly in ``folder`` that hold an executeScript step. (This runs for
    every folder that holds a handler-shaped Python file, so it lists names with os.scandir and looks for the step
    in the raw bytes before it decodes anything.)"""
    found: list[tuple[str, bytes]] = []
    marker = _EXECUTE_SCRIPT.encode()
    try:
        with os.scandir(root / folder if folder else root) as entries:
            for entry in entries:
                if not entry.name.lower().endswith(_DOCUMENT_EXT):
                    continue
                try:
                    if not entry.is_file() or entry.stat().st_size > _MAX_DOCUMENT:
                        continue
                    with open(entry.path, "rb") as handle:
                        data = handle.read()
                except OSError:
                    continue
                if marker in data and b"mainSteps" in data:
                    found.append((entry.name, data))
    except OSError:
        return []
    return [(posixpath.join(folder, name) if folder else name, data.decode("utf-8", errors="replace"))
            for name, data in sorted(found)]


def automation_scripts(root: Path, candidates: set[str]) -> dict[str, str]:
    """Which of the Python files ``candidates`` (relative to ``root``) an SSM Automation document runs with
    ``aws:executeScript``: file -> why.

    "aws:executeScript – Run a script" (AWS Systems Manager User Guide): the step runs the Python (or PowerShell)
    script given in ``Script`` (or an attachment), calling the function its ``Handler`` names; such a script is
    not a Lambda function, even when its entry point is named ``lambda_handler``. Projects keep the script in its
    own .py file (tested on its own) and inline it into the document at build time, so the document names the
    file in ``Script`` (``%%SCRIPT=remove_rules.py%%``). Evidence: a document with ``mainSteps`` in the script's
    folder or up to two folders above it whose executeScript step names the file (``<name>.py``). SSM documents
    are not CloudFormation templates, so the scan does not read them: they are read here, from disk."""
    import yaml

    from workbench.readiness.handlers import load_template

    named: dict[str, set[tuple[str, str]]] = {}   # folder -> (script name, document) its documents' executeScript steps give
    out: dict[str, str] = {}
    for py in sorted(candidates):
        folder = posixpath.dirname(py)
        name = posixpath.basename(py)
        for _ in range(_DOCUMENT_LEVELS + 1):
            if folder not in named:
                names: set[tuple[str, str]] = set()
                named[folder] = names
                for rel, text in _folder_documents(root, folder):
                    try:
                        doc = load_template(posixpath.basename(rel), text)
                    except (ValueError, yaml.YAMLError):   # bad JSON or YAML: not a document to read
                        continue
                    for inputs in _execute_script_steps(doc):
                        script = inputs.get("Script")
                        if isinstance(script, str):
                            names.update((n, rel) for n in _SCRIPT_FILE.findall(script))
            document = next((rel for n, rel in sorted(named[folder]) if n == name), None)
            if document:
                out[py] = (f"{py} is a script the SSM Automation document {document} runs with {_EXECUTE_SCRIPT}, not "
                           "a Lambda function: its handler-shaped functions are not checked")
                break
            if not folder:
                break
            folder = posixpath.dirname(folder)
    return out
