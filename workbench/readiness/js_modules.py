"""Which project file a Node.js import names, for following calls across files (``semantic.Project``).

- Relative specs (``./db``, ``../lib/db.js``): the file, with Node's and TypeScript's extensions and ``index``
  files (TypeScript imports its own ``.ts`` files as ``.js``).
- Node.js subpath imports (``#db``): the nearest package.json's ``imports``.
- TypeScript path aliases: the nearest tsconfig.json (or jsconfig.json) above the importer, with what it inherits
  through ``extends`` (relative paths only; a config is JSON with comments and trailing commas).
  ``compilerOptions.paths`` patterns (exact, or one ``*``; the longest matching prefix wins, its substitutions tried
  in order) are relative to ``baseUrl`` when one is set, else to the config that declares ``paths``; ``baseUrl``
  alone resolves bare names from it. Source: TypeScript handbook, "Module Resolution" (``baseUrl``, ``paths``) and
  the tsconfig reference (``extends``: "paths are resolved relative to the configuration file they originated in").
- Lambda layers: a layer's Node.js code is extracted under ``/opt/nodejs``, and Lambda's NODE_PATH includes
  ``/opt/nodejs/node_modules`` and ``/opt/nodejs/nodeNN/node_modules`` (AWS Lambda Developer Guide, "Working with
  layers for Node.js Lambda functions"; AWS SAM "Building Lambda layers": Node.js code goes in
  ``nodejs/node_modules/``). So ``/opt/nodejs/x``, ``/opt/nodejs/node_modules/x`` and a bare ``x`` found nowhere
  else resolve into a layer folder of the project: any ``.../nodejs/`` folder, and the ``ContentUri`` of an
  ``AWS::Serverless::LayerVersion`` (or a Serverless Framework layer's ``path``), whose package is named by its
  package.json ``name`` (or its folder name) under ``node_modules``; a package the layer's package.json
  installs from a project folder (``"x": "file:../../sdk"``) resolves into that folder.

Configs and package.json files are read from disk, never outside the scan root, once per resolver (one per scan).
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from pathlib import Path
from typing import Any

import yaml

from workbench.readiness.model import Language, SourceFile

JS_EXT = ("", ".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx", ".jsx", "/index.js", "/index.ts", "/index.mjs",
          "/index.tsx", "/index.jsx", "/index.cjs")
CONFIG_NAMES = ("tsconfig.json", "jsconfig.json")
_JSONC = re.compile(r'("(?:\\.|[^"\\])*")|//[^\n]*|/\*.*?\*/', re.DOTALL)
_TRAILING_COMMA = re.compile(r'("(?:\\.|[^"\\])*")|,(\s*[}\]])', re.DOTALL)
_LAYER_NODE_MODULES = re.compile(r"^(?:node\d+/)?node_modules/")


def read_jsonc(text: str) -> Any:
    """JSON with ``//`` and ``/* */`` comments and trailing commas (tsconfig.json); None when it is not JSON."""
    text = _JSONC.sub(lambda m: m.group(1) or "", text)
    text = _TRAILING_COMMA.sub(lambda m: m.group(1) or m.group(2), text)
    try:
        return json.loads(text)
    except ValueError:
        return None


def _norm(path: str) -> str | None:
    """A project-relative POSIX path, normalized; None when it leaves the project."""
    path = posixpath.normpath(path) if path else ""
    if path in (".", ""):
        return ""
    if path == ".." or path.startswith(("../", "/")):
        return None
    return path


class _Config:
    def __init__(self, paths: list[tuple[str, str, list[str]]], paths_base: str, base_url: str | None) -> None:
        self.paths = paths             # (prefix, suffix, substitutions), longest prefix first
        self.paths_base = paths_base   # folder the substitutions are relative to
        self.base_url = base_url


class ModuleResolver:
    """Resolves import specs of the files ``rels`` (project-relative) to project files."""

    def __init__(self, root: Path | None, rels: set[str], sources: dict[str, SourceFile]) -> None:
        self.root = root
        self.rels = rels
        self.sources = sources
        self._real_root: Path | None = None
        if root is not None:
            try:
                self._real_root = root.resolve()
            except OSError:
                self._real_root = None
        self._configs: dict[str, _Config | None] = {}
        self._layers: list[tuple[str, str]] | None = None   # (folder mapped to /opt/nodejs, package name or "")
        self._cache: dict[tuple[str, str], list[str]] = {}
        self._manifests: dict[str, Any] = {}   # folder -> its package.json, read (None: none or unreadable)

    # --- disk --------------------------------------------------------------------------------------------------
    def _read(self, rel: str) -> str | None:
        if self.root is None or self._real_root is None:
            return None
        path = self.root / rel
        try:
            if not os.path.isfile(path):   # one stat for the common case: no such file
                return None
            real = path.resolve()
            if not real.is_relative_to(self._real_root) or not real.is_file() or real.stat().st_size > 4_000_000:
                return None
            return real.read_text(encoding="utf-8", errors="replace")
        except (OSError, ValueError, RuntimeError):
            return None

    # --- files -------------------------------------------------------------------------------------------------
    def file(self, base: str | None) -> str | None:
        """The project file ``base`` (project-relative, without or with an extension) names."""
        if base is None:
            return None
        stems = [base]
        if base.endswith((".js", ".mjs", ".cjs", ".jsx")):
            stems.append(base.rsplit(".", 1)[0])   # TypeScript imports its own files as .js
        for stem in stems:
            for ext in JS_EXT:
                candidate = (stem + ext).lstrip("/") if stem else ext.lstrip("/")
                if candidate in self.rels:
                    return candidate
        manifest = self._read(posixpath.join(base, "package.json")) if base else self._read("package.json")
        main = None
        if manifest:
            data = read_jsonc(manifest)
            main = data.get("main") if isinstance(data, dict) and isinstance(data.get("main"), str) else None
        if main:
            found = _norm(posixpath.join(base, main))
            if found is not None and found != base:
                return self.file(found)
        return None

    def resolve(self, importer: str, spec: str) -> list[str]:
        key = (posixpath.dirname(importer), spec)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._resolve(importer, spec)
        return found

    def _resolve(self, importer: str, spec: str) -> list[str]:
        folder = posixpath.dirname(importer)
        if spec.startswith("."):
            target = self.file(_norm(posixpath.join(folder, spec)))
            return [target] if target else []
        if spec.startswith("/opt/nodejs/"):
            return self._from_layers(spec[len("/opt/nodejs/"):])
        if spec.startswith("#"):
            target = self._subpath_import(folder, spec)
            return [target] if target else []
        if spec.startswith("/") or spec.startswith("node:") or not spec:
            return []
        config = self._config(folder)
        if config is not None:
            target = self._aliased(config, spec)
            if target:
                return [target]
        local = self._local_package(folder, spec)
        if local:
            return [local]
        return self._from_layers("node_modules/" + spec)

    # --- local packages ----------------------------------------------------------------------------------------------
    def _local_package(self, folder: str, spec: str) -> str | None:
        """A bare ``name`` (or ``name/sub``) the nearest package.json maps to a folder of the project with a
        ``file:`` (or ``link:``) dependency: npm installs that folder as the package (npm docs, "package.json",
        dependencies: Local Paths)."""
        parts = spec.split("/")
        name = "/".join(parts[:2]) if spec.startswith("@") else parts[0]
        sub = spec[len(name):].lstrip("/")
        here: str | None = folder
        while here is not None:
            data = self._manifests.get(here, False)
            if data is False:
                data = self._manifests[here] = read_jsonc(
                    self._read(posixpath.join(here, "package.json") if here else "package.json") or "")
            if isinstance(data, dict):
                for section in ("dependencies", "optionalDependencies", "devDependencies"):
                    deps = data.get(section)
                    value = deps.get(name) if isinstance(deps, dict) else None
                    if isinstance(value, str) and value.startswith(("file:", "link:")):
                        return self.file(_norm(posixpath.join(here, value.split(":", 1)[1], sub)))
                return None   # the nearest package.json decides
            here = posixpath.dirname(here) if here else None
        return None

    # --- package.json "imports" -----------------------------------------------------------------------------------
    def _subpath_import(self, folder: str, spec: str) -> str | None:
        """``#name`` through the nearest package.json's ``imports`` (exact keys, or one ``*``; a conditions object
        gives its ``node``, ``import``, ``require`` or ``default`` target). Source: Node.js documentation,
        "Modules: Packages", Subpath imports."""
        here: str | None = folder
        while here is not None:
            data = read_jsonc(self._read(posixpath.join(here, "package.json") if here else "package.json") or "")
            if isinstance(data, dict):
                imports = data.get("imports")
                if not isinstance(imports, dict):
                    return None
                for key, target in sorted(imports.items(), key=lambda kv: -len(kv[0].partition("*")[0])):
                    prefix, star, suffix = key.partition("*")
                    if not star and key != spec:
                        continue
                    if star and not (spec.startswith(prefix) and spec.endswith(suffix)
                                     and len(spec) >= len(prefix) + len(suffix)):
                        continue
                    while isinstance(target, dict):
                        target = next((target[c] for c in ("node", "import", "require", "default") if c in target),
                                      None)
                    if not isinstance(target, str) or not target.startswith("./"):
                        return None
                    matched = spec[len(prefix):len(spec) - len(suffix)] if star else ""
                    return self.file(_norm(posixpath.join(here, target.replace("*", matched))))
                return None
            here = posixpath.dirname(here) if here else None
        return None

    # --- TypeScript path aliases --------------------------------------------------------------------------------
    def _aliased(self, config: _Config, spec: str) -> str | None:
        for prefix, suffix, subs in config.paths:
            if prefix == spec and suffix == "\0":
                star = ""
            elif suffix != "\0" and spec.startswith(prefix) and spec.endswith(suffix) and \
                    len(spec) >= len(prefix) + len(suffix):
                star = spec[len(prefix):len(spec) - len(suffix)]
            else:
                continue
            for sub in subs:
                target = self.file(_norm(posixpath.join(config.paths_base, sub.replace("*", star))))
                if target:
                    return target
            return None   # the matching pattern decides (TypeScript does not fall back to baseUrl)
        if config.base_url is not None:
            return self.file(_norm(posixpath.join(config.base_url, spec)))
        return None

    def _config(self, folder: str) -> _Config | None:
        if folder in self._configs:
            return self._configs[folder]
        found: _Config | None = None
        for name in CONFIG_NAMES:
            rel = posixpath.join(folder, name) if folder else name
            if self.root is not None and os.path.isfile(self.root / rel):
                found = self._load(rel)
                break
        else:
            if folder:
                found = self._config(posixpath.dirname(folder))
        self._configs[folder] = found
        return found

    def _load(self, rel: str) -> _Config | None:
        """The effective paths/baseUrl of a config and what it extends (nearest wins), each relative to the
        config that declares it."""
        paths: dict[str, list[str]] | None = None
        paths_base = base_url = None
        seen: set[str] = set()
        queue: list[str] = [rel]   # by precedence: the config, then what it extends (the last of a list first)
        while queue and len(seen) < 16:
            current = queue.pop(0)
            if current in seen:
                continue
            seen.add(current)
            data = read_jsonc(self._read(current) or "")
            if not isinstance(data, dict):
                continue
            here = posixpath.dirname(current)
            options = data.get("compilerOptions")
            options = options if isinstance(options, dict) else {}
            declared_base, declared_paths = options.get("baseUrl"), options.get("paths")
            if base_url is None and isinstance(declared_base, str):
                base_url = _norm(posixpath.join(here, declared_base))
                if base_url is None:
                    return None   # a baseUrl outside the project: nothing of it can be followed
            if paths is None and isinstance(declared_paths, dict):
                paths, paths_base = declared_paths, here
            extends = data.get("extends")
            parents = []
            for item in reversed(extends if isinstance(extends, list) else [extends]):
                if isinstance(item, str) and item.startswith("."):   # a package's config (@tsconfig/...) is not read
                    target = _norm(posixpath.join(here, item))
                    if target is not None:
                        parents.append(target if target.endswith(".json") else target + ".json")
            queue[:0] = parents
        if paths is None and base_url is None:
            return None
        patterns: list[tuple[str, str, list[str]]] = []
        for pattern, subs in (paths or {}).items():
            if not isinstance(subs, list) or pattern.count("*") > 1:
                continue
            prefix, star, suffix = pattern.partition("*")
            patterns.append((prefix, suffix if star else "\0", [s for s in subs if isinstance(s, str)]))
        patterns.sort(key=lambda p: -len(p[0]))
        return _Config(patterns, base_url if base_url is not None else (paths_base or ""), base_url)

    # --- Lambda layers -------------------------------------------------------------------------------------------
    def _from_layers(self, rest: str) -> list[str]:
        """``rest``: what follows ``/opt/nodejs/`` (``db``, ``node_modules/dbutil/x``, ``node22/node_modules/x``)."""
        found: list[str] = []
        packaged = _LAYER_NODE_MODULES.match(rest)
        for folder, package in self.layers():
            target = self.file(_norm(posixpath.join(folder, rest)))
            if target is None and packaged and package:
                inner = rest[packaged.end():]
                if inner == package or inner.startswith(package + "/"):
                    target = self.file(_norm(posixpath.join(folder, inner[len(package):].lstrip("/"))))
            if target is None and packaged and self._read(posixpath.join(folder, "package.json") if folder
                                                          else "package.json"):
                # the layer's package.json installs a project folder as this package (a ``file:`` dependency):
                # npm puts it in the layer's node_modules, which is /opt/nodejs/node_modules on NODE_PATH
                target = self._local_package(folder, rest[packaged.end():])
            if target is not None and target not in found:
                found.append(target)
        return found

    def layers(self) -> list[tuple[str, str]]:
        """(folder whose content is /opt/nodejs, the package name the layer's own code has, "" when none)."""
        if self._layers is not None:
            return self._layers
        folders: dict[str, str] = {}
        for rel in (*self.rels, *(r for r in self.sources if posixpath.basename(r) == "package.json")):
            parts = rel.split("/")   # (a layer of packages only: its package.json is the one file scanned there)
            for i, part in enumerate(parts[:-1]):
                if part == "nodejs":
                    folders.setdefault("/".join(parts[:i + 1]), "")
        for rel, source in self.sources.items():
            if source.language is not Language.TEMPLATE or "ayer" not in source.text:
                continue
            for content in _layer_contents(source.text):
                folder = _norm(posixpath.join(posixpath.dirname(rel), content))
                if folder is None or posixpath.join(folder, "nodejs") in folders:
                    continue
                folders[folder] = self._package_name(folder)
        self._layers = sorted(folders.items())
        return self._layers

    def _package_name(self, folder: str) -> str:
        data = read_jsonc(self._read(posixpath.join(folder, "package.json") if folder else "package.json") or "")
        name = data.get("name") if isinstance(data, dict) else None
        return name if isinstance(name, str) and name else posixpath.basename(folder)


def _layer_contents(text: str) -> list[str]:
    """The code folders of the layers a SAM template or serverless.yml defines."""
    from workbench.readiness.handlers import load_yaml

    try:
        doc = load_yaml(text)
    except (yaml.YAMLError, ValueError):
        return []
    if not isinstance(doc, dict):
        return []
    found: list[str] = []
    resources = doc.get("Resources")
    for res in (resources.values() if isinstance(resources, dict) else ()):
        if isinstance(res, dict) and res.get("Type") == "AWS::Serverless::LayerVersion":
            props = res.get("Properties")
            content = props.get("ContentUri") if isinstance(props, dict) else None
            if isinstance(content, str):
                found.append(content)
    layers = doc.get("layers")
    for layer in (layers.values() if isinstance(layers, dict) else ()):
        if isinstance(layer, dict) and isinstance(layer.get("path"), str):
            found.append(layer["path"])
    return found
