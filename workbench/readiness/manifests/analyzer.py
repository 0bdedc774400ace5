"""The manifest analyzer the scanner runs: the LMI401-403 hits of each manifest and lock file (cached by its text),
without the test projects' and without those of programs that are not Lambda functions (Node.js browser
front-ends, container services and packages no defined function uses; standalone .NET programs: see
``workbench.readiness.function_packages``); with the function-definition analyzer (LMI501) of
``workbench.readiness.definitions``.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import PurePosixPath

from workbench.readiness import definitions, function_packages
from workbench.readiness.manifests.hits import manifest_hits
from workbench.readiness.manifests.libraries import library
from workbench.readiness.manifests.python import dev_requirements_file, python_manifest_name
from workbench.readiness.model import Hit, Language, ScanContext, SourceFile

# A Node.js package whose package.json describes a browser app (a browserslist, or a browser framework or dev
# server) and holds no Lambda handler never runs on Lambda: its manifest and lock file are no LMI findings.
NODE_MANIFESTS = frozenset({"package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock",
                            "pnpm-lock.yaml"})
_BROWSER_PACKAGES = ("vue", "react-dom", "@angular/core", "svelte", "@sveltejs/kit", "vite", "@vue/cli-service",
                     "react-scripts", "preact", "solid-js", "ember-source", "parcel", "webpack-dev-server",
                     "@vitejs/plugin-react", "nuxt",
                     # client libraries that run only in browsers: the Amazon Chime SDK for JavaScript ("a JavaScript
                     # client library for integrating multimedia use cases into browser apps", its README: WebRTC)
                     "amazon-chime-sdk-js")
_LAMBDA_PACKAGES = function_packages.LAMBDA_PACKAGES   # packages only a Lambda function depends on


def browser_app(text: str) -> str:
    """Why a package.json is a browser front-end ("" when it is not one, or depends on a Lambda package)."""
    try:
        doc = json.loads(text)
    except ValueError:
        return ""
    if not isinstance(doc, dict):
        return ""
    names: list[str] = []
    for key in ("dependencies", "devDependencies", "peerDependencies"):
        section = doc.get(key)
        if isinstance(section, dict):
            names.extend(str(n) for n in section)
    if any(_LAMBDA_PACKAGES.match(n) for n in names):
        return ""
    if "browserslist" in doc:
        return "its package.json has a browserslist"
    if doc.get("browser"):
        # the file (or replacements) browsers load, for bundlers (npm docs, package.json "browser")
        return "its package.json has a browser entry"
    found = next((n for n in _BROWSER_PACKAGES if n in names), None)
    return f"it is a browser app ({found})" if found else ""


def _package_of(rel: str, packages: set[str]) -> str | None:
    """The folder of the nearest package.json above ``rel`` ("" for the root), None when there is none."""
    folder = posixpath.dirname(rel)
    while True:
        if folder in packages:
            return folder
        if not folder:
            return None
        folder = posixpath.dirname(folder)


_IMPORT = re.compile(r"""(?:\brequire\s*\(\s*|\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"]([^'"\n]+)['"]""")
_NODE_CODE = (Language.JAVASCRIPT, Language.TYPESCRIPT)


def _loaded_packages(folder: str, packages: set[str], sources: dict) -> set[str] | None:
    """The npm packages the code of the Node.js package in ``folder`` imports or requires (its JavaScript and
    TypeScript files, not those of a package.json nested in it, tests included: a test may be the only place a
    handler's code is exercised); None when the scan read none of its code (nothing is known) or the package is a
    Lambda layer's (its packages ship into functions whose code is elsewhere)."""
    if any("layer" in part.lower() for part in folder.split("/")):
        return None
    names: set[str] = set()
    seen = False
    for rel, source in sources.items():
        if getattr(source, "language", None) not in _NODE_CODE or _package_of(rel, packages) != folder:
            continue
        seen = True
        for spec in _IMPORT.findall(source.text):
            if spec.startswith("."):
                if not _scanned(posixpath.normpath(posixpath.join(posixpath.dirname(rel), spec)), sources):
                    return None   # code the scan did not read (a partial copy): what it loads is unknown
                continue
            parts = spec.removeprefix("node:").split("/")
            names.add("/".join(parts[:2]) if spec.startswith("@") else parts[0])   # aws-sdk/clients/s3: aws-sdk
    return names if seen else None


_RESOLVED = ("", ".js", ".ts", ".mjs", ".cjs", ".jsx", ".tsx", ".json", "/index.js", "/index.ts", "/index.mjs")


def _scanned(base: str, sources: dict) -> bool:
    """Whether a relative import (``./libs``) names a file the scan read (or a JSON file next to it)."""
    return any(base + ext in sources for ext in _RESOLVED) or base.endswith(".json")


_DOTNET_PROJECTS = (".csproj", ".fsproj", ".vbproj")
_PROJECT_REFERENCE = re.compile(r"""<ProjectReference\s+Include\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
# Powertools for AWS Lambda (.NET) Tracing is built on the X-Ray SDK for .NET ("Tracing", Powertools for AWS Lambda
# (.NET) documentation: "a thin wrapper for AWS X-Ray .NET SDK"): a project that declares it may trace through it.
_XRAY_WRAPPER = re.compile(r"""Include\s*=\s*["']AWS\.Lambda\.Powertools\.Tracing["']""", re.IGNORECASE)
_XRAY_NAMESPACE = re.compile(r"\bAmazon\.XRay\b|\bAWSXRayRecorder\b|\bAWSSDKHandler\b|\bPowertools\.Tracing\b")


def _dotnet_code_folders(rel: str, facts_by_rel: dict) -> list[str]:
    """The folders of the .NET project file ``rel`` and of the projects it references (transitively): their code
    is compiled into the same function and may call the X-Ray SDK the project declares."""
    folders: list[str] = []
    queue = [rel]
    while queue:
        project = queue.pop()
        folder = posixpath.dirname(project)
        if folder in folders:
            continue
        folders.append(folder)
        queue.extend((facts_by_rel.get(project) or {}).get("project_refs", ()))
    return folders


def _dotnet_xray_unused(folders: list[str], sources: dict) -> bool:
    """Whether the scan read C# sources of the .NET project in ``folders`` (its own and those of the projects it
    references) and none names the X-Ray SDK for .NET: it
    acts only when code calls it (``AWSSDKHandler.RegisterXRayForAllServices()``, ``AWSXRayRecorder.Instance``,
    ``app.UseXRay``: "Instrumenting calls to AWS services" and "Tracing incoming requests with the X-Ray SDK for
    .NET", AWS X-Ray Developer Guide), so the version floor of a package no code uses does not matter (heldout15).
    False when no source was read (nothing is known). The caller keeps a project another project references and
    one that declares Powertools Tracing (built on the X-Ray SDK)."""
    seen = False
    for rel, source in sources.items():
        if getattr(source, "language", None) != Language.CSHARP or \
                not any(not folder or rel.startswith(folder + "/") for folder in folders):
            continue
        if _XRAY_NAMESPACE.search(source.text):
            return False
        seen = True
    return seen


def _loaded_by_code(hit: Hit, declared: list[str], loaded: set[str] | None) -> bool:
    """Whether an LMI401-403 hit of a Node.js manifest is about a library the package's code may load: not when the
    package declares the hit's package directly and none of its source files imports a package of the same
    library family (a version floor only matters for a library the function loads; heldout13: an ``aws-sdk``
    declared by a function whose only require is ``https``). A package pulled in only by another library is kept
    (it is not declared), and so is everything when the package's code was not read."""
    if loaded is None or hit.context not in declared:
        return True
    lib = library("nodejs", hit.context)
    if lib is None:
        return True
    if hit.context.startswith(_V3_CLIENT):
        # each v3 client is a package of its own (heldout14: client-sqs declared beside the clients the code does
        # import): it is loaded when imported, or by a package of its service that needs it (@aws-sdk/lib-dynamodb,
        # @aws-sdk/s3-request-presigner, dynamodb-toolbox; @aws-sdk/lib-storage uploads through client-s3), or by
        # Powertools' parameters/idempotency utilities (which build clients of their own)
        service = hit.context[len(_V3_CLIENT):]
        return hit.context in loaded or any(
            not name.startswith(_V3_CLIENT) and (service in name.split("/")[-1] or
                                                 _CLIENT_LOADERS.get(name) in (service, "*"))
            for name in loaded)
    return any((other := library("nodejs", name)) is not None and other.family == lib.family for name in loaded)


_V3_CLIENT = "@aws-sdk/client-"
_CLIENT_LOADERS = {"@aws-sdk/lib-storage": "s3", "@aws-lambda-powertools/parameters": "*",
                   "@aws-lambda-powertools/idempotency": "*"}


# Definitions that build each function from a folder of the project (SAM/CloudFormation ``CodeUri``, CDK
# ``Code.fromAsset``/``from_asset``, a PythonFunction/NodejsFunction ``entry``, a Serverless service): only their
# code folders say which Python manifests a function is built with. A function built elsewhere (``Code.fromBucket``
# filled by a build script from the repository's own pyproject) says nothing about it (corpus_heldout5 coa).
_BUILT_FROM_FOLDER = re.compile(r"\b(?:fromAsset|from_asset|CodeUri|entry\s*[:=]|functions\s*:)")


class ManifestAnalyzer:
    """LMI401-403 in the dependency manifests and lock files of Python, Node.js, Java and .NET projects.

    ``extract`` finds each file's hits (cached by its text) and sets standalone .NET programs aside; ``resolve``
    drops those of Node.js packages without a Lambda handler that are browser front-ends, container services or
    used by none of the project's defined functions (which needs the package's package.json, its Dockerfile and
    the handlers found in the scan); ``analyze`` does both for one file."""

    languages = frozenset({Language.MANIFEST})

    def extract(self, source: SourceFile) -> dict:
        from workbench.readiness.scanner import hit_to_dict
        from workbench.readiness.semantic import TEST, path_role

        name = PurePosixPath(source.rel).name
        if path_role(source.rel) == TEST or _TEST_MANIFEST.search(name) or dev_requirements_file(source.rel):
            return {"hits": []}  # a test project's (or development) dependencies never run in the function
        program = function_packages.dotnet_program(name, source.text)
        if program:
            return {"hits": [], "program": program}   # a standalone .NET program: no function runs its packages
        facts: dict = {"hits": [hit_to_dict(h) for h in manifest_hits(name, source.text)]}
        if name.lower().endswith(_DOTNET_PROJECTS):
            facts["project_refs"] = sorted({posixpath.normpath(posixpath.join(posixpath.dirname(source.rel),
                                                                              ref.replace("\\", "/")))
                                            for ref in _PROJECT_REFERENCE.findall(source.text)})
            facts["xray_wrapper"] = bool(_XRAY_WRAPPER.search(source.text))
            facts["dotnet_lambda"] = function_packages.dotnet_lambda_project(source.text)
        if name in function_packages.JAVA_BUILD_FILES:
            facts["java_lambda"] = function_packages.java_lambda_library(source.text)
        if name == "package.json":
            facts["app"] = browser_app(source.text)
            facts["deps"] = function_packages.dependency_names(source.text)
        return facts

    def resolve(self, facts_by_rel: dict, sources: dict, ctx: ScanContext, *,
                entry: str = "handlers") -> definitions.Resolved:
        from workbench.readiness.scanner import hit_from_dict

        out = definitions.Resolved()
        apps = {posixpath.dirname(rel): facts.get("app", "") for rel, facts in facts_by_rel.items()
                if PurePosixPath(rel).name == "package.json"}
        for rel in facts_by_rel:   # a lock file scanned without its package.json (a single file): read it
            folder = posixpath.dirname(rel)
            if PurePosixPath(rel).name in NODE_MANIFESTS and folder not in apps:
                try:
                    apps[folder] = browser_app((ctx.root / folder / "package.json").read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError):
                    continue
        with_handler = {_package_of(rel, set(apps)) for rel in ctx.handlers}
        deps = {posixpath.dirname(rel): facts.get("deps", []) for rel, facts in facts_by_rel.items()
                if PurePosixPath(rel).name == "package.json"}
        from workbench.readiness.semantic import TEST, path_role

        skipped: dict[str, str] = {}
        referenced = {posixpath.basename(ref).lower() for facts in facts_by_rel.values()
                      for ref in facts.get("project_refs", ())}
        loaded: dict[str, set[str] | None] = {}
        java_builds = {posixpath.dirname(rel): facts.get("java_lambda", True) for rel, facts in facts_by_rel.items()
                       if PurePosixPath(rel).name in function_packages.JAVA_BUILD_FILES}
        built_from: dict[str, set[str]] | None = None
        java_code: list[str] | None = None   # the scan's non-test .java files, listed once for every build file
        for rel, facts in sorted(facts_by_rel.items()):
            if facts.get("program"):
                skipped[rel] = facts["program"]
                continue
            hits = [hit_from_dict(h) for h in facts.get("hits", ())]
            folder = posixpath.dirname(rel)
            why = ""
            if hits and PurePosixPath(rel).name in NODE_MANIFESTS and folder not in with_handler:
                # a browser app, a container image that is not a Lambda function, or a package none of the
                # project's defined functions uses, a CDK app (function_packages says why, from positive evidence only)
                why = apps.get(folder, "") or function_packages.container_service(ctx.root, folder) or \
                    function_packages.browser_bundle(ctx.root, folder) or \
                    function_packages.cdk_app(deps.get(folder, [])) or \
                    function_packages.unused_by_functions(folder, deps.get(folder, []), ctx.handlers, ctx.defined)
            if hits and not why and PurePosixPath(rel).name in NODE_MANIFESTS:
                if folder not in loaded:
                    loaded[folder] = _loaded_packages(folder, set(apps), sources)
                kept = [h for h in hits if _loaded_by_code(h, deps.get(folder, []), loaded[folder])]
                for h in hits:
                    if h not in kept:
                        out.notices.append(f"{h.code} on `{h.context}` in {rel} not reported: the package declares "
                                           "it but none of its source files imports it")
                hits = kept
            if hits and not why and python_manifest_name(PurePosixPath(rel).name):
                if built_from is None:
                    built_from = {d: codes for d, codes in ctx.defined.items()
                                  if d in sources and _BUILT_FROM_FOLDER.search(sources[d].text)}
                why = function_packages.python_not_built(folder, ctx.handlers, built_from)
            if hits and not why and rel.lower().endswith(_DOTNET_PROJECTS) and not facts.get("dotnet_lambda", True):
                why = function_packages.dotnet_library_without_function(rel, facts_by_rel, ctx.handlers, ctx.defined,
                                                                        sources)
            if hits and rel.lower().endswith(_DOTNET_PROJECTS) and not facts.get("xray_wrapper", True) and \
                    PurePosixPath(rel).name.lower() not in referenced and \
                    _dotnet_xray_unused(_dotnet_code_folders(rel, facts_by_rel), sources):
                for h in hits:
                    if h.code == "LMI403":
                        out.notices.append(f"{h.code} on `{h.context}` in {rel} not reported: no C# source of the "
                                           "project uses the X-Ray SDK (Amazon.XRay)")
                hits = [h for h in hits if h.code != "LMI403"]
            if hits and not why and PurePosixPath(rel).name in function_packages.JAVA_BUILD_FILES:
                used = function_packages.java_imported_by_functions(folder, ctx.handlers, sources) or \
                    function_packages.java_depended_on(folder, sources) or \
                    function_packages.java_lambda_code(folder, sources)
                if java_code is None:
                    java_code = [r for r in sources if r.endswith(".java") and path_role(r) != TEST]
                why = function_packages.java_without_function(
                    folder, set(java_builds), {f for f, lam in java_builds.items() if lam}, ctx.handlers, java_code,
                    used)
                if why and used:
                    why = ""   # a library module the functions' code imports or depends on: it ships inside them
                unused = function_packages.java_unused_sdk_artifacts(folder, [h.context for h in hits], sources)
                for h in hits:
                    if h.context in unused:
                        out.notices.append(f"{h.code} on `{h.context}` in {rel} not reported: the build declares it "
                                           "but none of its Java sources imports or names its classes")
                hits = [h for h in hits if h.context not in unused]
            if why:
                skipped[(folder or ".") + "/"] = why
                continue
            if hits:
                out.hits[rel] = hits
        for where, why in sorted(skipped.items()):
            out.notices.append(f"dependency versions of {where} not checked: {why}"
                               + (" and no Lambda handler was found in the package" if where.endswith("/") else ""))
        return out

    def analyze(self, source: SourceFile, ctx: ScanContext) -> list[Hit]:
        return self.resolve({source.rel: self.extract(source)}, {source.rel: source}, ctx).hits.get(source.rel, [])


_TEST_MANIFEST = re.compile(r"(?i)[.\-_](unit|integration|integ|e2e|functional)?[.\-_]?tests?\.(cs|fs|vb)proj$")


ANALYZER = ManifestAnalyzer()
# The function-definition analyzer (LMI501) lives in ``definitions``; listed here so that a registry loading the
# dependency/definition family by this module finds both.
ANALYZERS = (ANALYZER, definitions.ANALYZER)
