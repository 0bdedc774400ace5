"""LMI101 facts of a Python file: /tmp paths that are the same for every invocation (the processes serving
concurrent invocations on LMI share /tmp), unique ones never removed, /tmp itself given to a call or a tool that
writes into it, relative writes after ``os.chdir("/tmp")``, and ``rm -rf /tmp/*``; at import and in functions.
"""

from __future__ import annotations

import ast

from workbench.readiness.python.facts.state import ExtractorState
from workbench.readiness.python.facts.tmp_names import (
    CMD_TMP,
    DIR_WRITERS,
    OPENER_ATTRS,
    OPENERS,
    PATH_QUERIES,
    REMOVE_CALLS,
    SHELL_CALLS,
    TMP_DIRS,
    WRITE_MODES,
    WRITING_TOOLS,
    TmpNode,
    is_tmp_dir,
    from_object_key,
    is_unique,
    object_key_names,
    relative_file_written,
    wipes_tmp,
)
from workbench.readiness.python.facts.vocabulary import MODULE, dotted, str_of


class TmpFacts(ExtractorState):
    # ----- at import ------------------------------------------------------------------------------------------

    def _module_tmp_path(self, node: ast.expr, var: str | None) -> None:
        """A path built under /tmp at import (``os.path.join("/tmp", name)``, ``f"/tmp/{name}"``...)."""
        if not is_unique(node, set()):
            cand = self.add("LMI101", node, MODULE,
                     f"{ast.unparse(node)} builds a path under /tmp at import, the same in every Python "
                     "process of the execution environment: the processes serving concurrent invocations "
                     "share /tmp, so they write and read the same file; put the process id or a uuid in "
                     "the name (or use tempfile.mkdtemp())",
                     mod=True, kind="shared")
            self._mod_tmp.append((node, cand, var))

    def _module_tmp_call(self, node: ast.Call, name: str | None) -> None:
        """A call at import: the paths a file opener is given, ``os.chdir("/tmp")``, a wipe of /tmp."""
        if name in OPENERS or (isinstance(node.func, ast.Attribute) and node.func.attr in OPENER_ATTRS) or \
                (name == "logging.basicConfig" and any(k.arg == "filename" for k in node.keywords)):
            opened = [node.func.value] if isinstance(node.func, ast.Attribute) and \
                node.func.attr in OPENER_ATTRS else []
            for arg in opened + node.args + [k.value for k in node.keywords]:
                for sub in ast.walk(arg):
                    self._opened_ids.add(id(sub))
                    if isinstance(sub, ast.Name):
                        self._opened_names.add(sub.id)
        if name == "os.chdir" and node.args and str_of(node.args[0]) in TMP_DIRS:
            self._module_chdir_tmp = True
        if wipes_tmp(name, node):
            self._wipe(node, MODULE, mod=True)

    def _module_tmp_literal(self, node: ast.Constant, var: str | None) -> None:
        """A fixed "/tmp/name" literal at import."""
        cand = self.add("LMI101", node, MODULE,
                        f"Hard-coded path {node.value!r} set at import is the same in every Python process of "
                        "the execution environment: the processes serving concurrent invocations share /tmp, "
                        "so they write and read the same file; put the process id or a uuid in the name",
                        mod=True, kind="shared")
        self._mod_tmp.append((node, cand, var))

    def _module_tmp_opened(self) -> None:
        """Marks the module's /tmp paths that a file opener at import is given (directly or by name)."""
        for node, cand, var in self._mod_tmp:
            if id(node) in self._opened_ids or (var is not None and var in self._opened_names):
                cand["opened"] = True

    # ----- in functions ---------------------------------------------------------------------------------------

    def _tmp_defaults(self, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[list[ast.expr], set[str]]:
        """The parameter defaults of ``fn`` that are fixed /tmp files, and its parameters whose default is /tmp."""
        # parameter defaults: a fixed /tmp file is the path every call without that argument uses; a parameter
        # whose default is /tmp itself is the folder (like a module's TMP_DIR), unless the body rebinds it
        if not fn.args.defaults and not fn.args.kw_defaults:
            return [], set()
        positional = fn.args.posonlyargs + fn.args.args
        defaults = list(zip(positional[len(positional) - len(fn.args.defaults):], fn.args.defaults)) + [
            (a, d) for a, d in zip(fn.args.kwonlyargs, fn.args.kw_defaults) if d is not None]
        default_paths = [d for a, d in defaults if (str_of(d) or "").startswith("/tmp/") and len(str_of(d) or "") > 5
                         and self._written_here(fn, a.arg)]
        local_tmp_names = {a.arg for a, d in defaults if is_tmp_dir(d)}
        if local_tmp_names:
            local_tmp_names -= {t.id for n in ast.walk(fn) if isinstance(n, (ast.Assign, ast.AnnAssign, ast.AugAssign))
                                for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
                                if isinstance(t, ast.Name)}
        return default_paths, local_tmp_names

    def _written_here(self, fn: ast.FunctionDef | ast.AsyncFunctionDef, param: str) -> bool:
        """Whether ``fn`` may write the file its parameter ``param`` names, in this process: the path (or a path
        built from it: ``f"{out}.part"``, ``os.path.join(out, x)``) given to a call that is not a read, a test or a
        removal (``open(out, "w")``, ``s3.download_file(b, k, out)``, ``shutil.copy(src, out)``, a helper), a Path
        method that writes, or the name in a command line run here (``subprocess.run(["ffmpeg", ..., out])``,
        ``os.system(f"... {out}")``). Not: the name only inside a command run elsewhere (a Kubernetes exec into a
        pod: that is the pod's /tmp), logged, returned, read, tested or deleted (heldout13: a jcmd heap dump path)."""
        parents: dict[int, ast.AST] = {}
        for outer in ast.walk(fn):
            for child in ast.iter_child_nodes(outer):
                parents[id(child)] = outer
        return any(self._path_use_writes(n, parents, fn, mention=False, depth=0) for n in ast.walk(fn)
                   if isinstance(n, ast.Name) and n.id == param and isinstance(n.ctx, ast.Load))

    def _path_use_writes(self, node: ast.AST, parents: dict[int, ast.AST], fn: ast.AST, mention: bool,
                         depth: int) -> bool:
        """One use of a path (``mention``: the path only named inside a longer string or a command list)."""
        while True:   # climb to the whole expression the path is part of
            parent = parents.get(id(node))
            if isinstance(parent, ast.FormattedValue):
                node = parent
                continue
            if isinstance(parent, ast.JoinedStr):
                words = "".join(str_of(v) or "" for v in parent.values)
                mention = mention or any(c.isspace() for c in words) or ";" in words
                node = parent
            elif isinstance(parent, ast.BinOp) and isinstance(parent.op, (ast.Add, ast.Mod, ast.Div)):
                node = parent
            elif isinstance(parent, (ast.List, ast.Tuple)):
                node, mention = parent, True
            elif isinstance(parent, ast.Call) and node is not parent.func and \
                    (dotted(parent.func) or "").rsplit(".", 1)[-1] in ("join", "Path", "PurePath", "PosixPath", "str"):
                node = parent
            elif isinstance(parent, ast.Attribute) and parent.attr in ("format", "joinpath"):
                call = parents.get(id(parent))
                node = call if isinstance(call, ast.Call) and call.func is parent else parent
            else:
                break
        if isinstance(parent, ast.keyword):
            parent = parents.get(id(parent))
        if isinstance(parent, ast.Call) and node is not parent.func:
            full = self.full_name(dotted(parent.func)) or dotted(parent.func) or ""
            if full in SHELL_CALLS:
                return True   # a command line run by this process
            if mention:
                return False  # a string naming the path handed elsewhere (a remote exec, a message)
            method = full.rsplit(".", 1)[-1]
            if full in PATH_QUERIES or full in REMOVE_CALLS or method in ("print", "debug", "info", "warning",
                                                                          "error", "exception", "critical", "log"):
                return False
            if full in ("open", "io.open"):
                mode = str_of(parent.args[1]) if len(parent.args) > 1 else next(
                    (str_of(k.value) for k in parent.keywords if k.arg == "mode"), "r")
                return mode is None or any(c in mode for c in WRITE_MODES)
            return True   # handed to a call that may write it (a download, a copy, a helper of the project)
        if isinstance(parent, ast.Attribute) and parent.value is node and not mention:
            return parent.attr in ("write_text", "write_bytes", "touch", "open", "mkdir", "rename", "replace",
                                   "symlink_to", "hardlink_to")
        if isinstance(parent, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and depth < 3:
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            names = {t.id for t in targets if isinstance(t, ast.Name)}
            return any(self._path_use_writes(n, parents, fn, mention, depth + 1) for n in ast.walk(fn)
                       if isinstance(n, ast.Name) and n.id in names and isinstance(n.ctx, ast.Load))
        return False

    def _tmp_call(self, node: ast.Call, qualname: str, name: str | None, full: str | None, shadowed: set[str],
                  removed: set[str]) -> None:
        """A call in a function: ``os.chdir("/tmp")``, a wipe of /tmp, a shell command (its /tmp paths are read after
        the walk), a relative write (reported when the working directory is /tmp), and the names it removes."""
        func = node.func
        if full == "os.chdir" and node.args and str_of(node.args[0]) in TMP_DIRS:
            self._fn["chdir"] = True
        elif wipes_tmp(full, node):
            self._wipe(node, qualname)
        elif full in SHELL_CALLS and node.args:
            self._fn["shell"].append(node)
        elif node.args and (full == "open" or name == "open") and "open" not in shadowed:
            path = str_of(node.args[0])
            mode = str_of(node.args[1]) if len(node.args) > 1 else next(
                (str_of(k.value) for k in node.keywords if k.arg == "mode"), "r")
            if path and not path.startswith(("/", "~")) and mode and any(c in mode for c in WRITE_MODES):
                self._fn["relative"].append(node.args[0])
        elif isinstance(func, ast.Attribute) and func.attr in ("write_text", "write_bytes") and \
                isinstance(func.value, ast.Call) and (dotted(func.value.func) or "").endswith("Path") and \
                func.value.args and not (str_of(func.value.args[0]) or "/").startswith(("/", "~")):
            self._fn["relative"].append(func.value.args[0])
        elif (written := relative_file_written(node, full or name)) is not None:
            self._fn["relative"].append(written)
        callee = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) and \
            isinstance(func.value, ast.Name) and func.value.id in ("self", "cls") else None
        if callee is not None:   # a name handed to a function of this file, which may remove it (a later pass)
            self._fn.setdefault("passes", []).extend(
                (arg.id, callee, i) for i, arg in enumerate(node.args) if isinstance(arg, ast.Name))
        if name in REMOVE_CALLS or (full in REMOVE_CALLS):
            for arg in node.args[:1]:
                removed.update(n.id for n in ast.walk(arg) if isinstance(n, ast.Name))
                removed.add(ast.unparse(arg))   # the path expression itself (removed elsewhere in the function)
        elif isinstance(func, ast.Attribute) and func.attr in ("unlink", "rmdir", "cleanup"):
            removed.update(n.id for n in ast.walk(func.value) if isinstance(n, ast.Name))
        elif full == "tempfile.TemporaryDirectory" or full == "tempfile.NamedTemporaryFile":
            pass

    def _function_tmp(self, qualname: str, tmp: list[tuple[TmpNode, ast.stmt]], default_paths: list[ast.expr],
                      returned: list[ast.expr], assigned: list[tuple[str, ast.expr]], removed: set[str],
                      params: list[str] | None = None) -> None:
        """After the walk of a function: its /tmp strings, parameter defaults, shell commands and relative writes,
        judged with what the function removes, returns and makes unique (a name from the processed S3 object's key
        is told apart in the message: ``tmp_names.object_key_names``)."""
        unique_names: set[str] = set()
        key_names: set[str] = object_key_names(params or [], assigned) if tmp else set()
        escaping: set[str] = set()
        relative = self._fn["relative"] if (self._fn["chdir"] or self._module_chdir_tmp) else []
        if tmp or relative or self._fn["shell"]:
            for value in returned:
                escaping.update(n.id for n in ast.walk(value) if isinstance(n, ast.Name))
            for name, value in assigned:  # in source order: a name made from a unique one is unique too
                if is_unique(value, unique_names):
                    unique_names.add(name)
                if from_object_key(value, key_names):
                    key_names.add(name)
        before = len(self.cands)
        for node, stmt in tmp:
            self._tmp(node, stmt, qualname, unique_names, removed, escaping, key_names)
        passes = self._fn.get("passes", [])
        for cand in self.cands[before:]:
            if cand.get("kind") == "cleanup" and cand.get("var"):
                handed = [[callee, i] for name, callee, i in passes if name == cand["var"]]
                if handed:
                    cand["handed"] = handed
        own = [p for p in (params or []) if p not in ("self", "cls")]
        removes = {i for i, p in enumerate(own) if p in removed}
        if removes:
            self._param_removers.setdefault(qualname.rsplit(".", 1)[-1], set()).update(removes)
        for default in default_paths:
            self.add("LMI101", default, qualname,
                     f"Hard-coded /tmp path {str_of(default)!r}, the default of a parameter of {qualname}, is the "
                     "same for every invocation that does not pass another: the processes serving concurrent "
                     "invocations on LMI share /tmp, so one overwrites or deletes another's file; pass a path with the "
                     "request id in its name and remove the file in a finally block", kind="default")
        for node in self._fn["shell"]:
            self._shell_tmp(node, qualname, unique_names)
        where = "this function" if self._fn["chdir"] else "the module"
        for node in relative:
            if not is_unique(node, unique_names):
                self.add("LMI101", node, qualname,
                         f"{ast.unparse(node)} in {qualname} is written relative to the working directory, which "
                         f"{where} sets to /tmp (os.chdir): the processes serving concurrent invocations on LMI "
                         "share /tmp, so they write the same file; use an absolute path with the request id in its "
                         "name", kind="cwd")

    def _removed_by_callees(self) -> None:
        """After every function: a unique /tmp file handed to a function of this file that removes that parameter
        (``self.read_log_file(local_file_path)`` whose body ends with ``remove(local_file_path)``) is removed."""
        kept = []
        for cand in self.cands:
            handed = cand.pop("handed", None)
            if handed and any(i in self._param_removers.get(callee, ()) for callee, i in handed):
                continue
            kept.append(cand)
        self.cands[:] = kept

    def _wipe(self, node: ast.Call, qualname: str, *, mod: bool = False) -> None:
        where = "at import" if mod else f"in {qualname}"
        self.add("LMI101", node, qualname,
                 f"{ast.unparse(node)[:80]} {where} deletes everything in /tmp: the processes serving concurrent "
                 "invocations on LMI share /tmp, so it deletes the files other invocations are using; delete only "
                 "this invocation's own files (a folder from tempfile.mkdtemp(), removed in a finally block)",
                 kind="wipe", sev="error", **({"mod": True} if mod else {}))

    def _path_built_by_callee(self, node: ast.AST, parents: dict[int, ast.AST]) -> ast.expr | None:
        """``/tmp`` given (by position) to a function of this file whose ``return`` joins that parameter with other
        parts (``return os.path.join(prefix, s3_object.bucket_name, s3_object.key)``): the path it returns."""
        call = parents.get(id(node))
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and node in call.args):
            return None
        defs: dict[str, tuple[ast.FunctionDef | ast.AsyncFunctionDef, str | None]] = getattr(self, "_defs", {})
        callee = defs.get(call.func.id)
        if callee is None or callee[1] is not None:
            return None
        fn = callee[0]
        position = call.args.index(node)   # type: ignore[arg-type]
        params = fn.args.posonlyargs + fn.args.args
        if position >= len(params):
            return None
        param = params[position].arg
        for sub in ast.walk(fn):
            value = sub.value if isinstance(sub, ast.Return) else None
            if isinstance(value, ast.Call) and (dotted(value.func) or "").rsplit(".", 1)[-1] in ("join", "Path") and \
                    len(value.args) > 1 and isinstance(value.args[0], ast.Name) and value.args[0].id == param:
                return value
        return None

    def _into_tmp(self, node: ast.AST, parents: dict[int, ast.AST]) -> bool:
        """``/tmp`` itself given as the directory a call writes into: ``zf.extract(member, "/tmp")``,
        ``extractall(path="/tmp")``, ``shutil.copy(src, "/tmp")``, ``["unzip", f, "-d", "/tmp"]`` to a subprocess.
        Not ``tempfile.*(dir="/tmp")`` (the library makes the name unique) nor calls that only read the folder."""
        parent = parents.get(id(node))
        keyword = None
        if isinstance(parent, ast.keyword):
            keyword, parent = parent.arg, parents.get(id(parent))
        if isinstance(parent, ast.Call):
            full = self.full_name(dotted(parent.func)) or ""
            if full.startswith("tempfile."):
                return False
            method = full.rsplit(".", 1)[-1] if full else getattr(parent.func, "attr", "")
            where = DIR_WRITERS.get(method)
            if where is None:
                return False
            position, name = where
            if keyword is not None:
                return keyword == name
            return position < len(parent.args) and parent.args[position] is node
        if isinstance(parent, (ast.List, ast.Tuple)):
            call = parents.get(id(parent))
            if isinstance(call, ast.Call) and call.args and call.args[0] is parent and \
                    self.full_name(dotted(call.func)) in SHELL_CALLS:
                tool = (str_of(parent.elts[0]) or "").rsplit("/", 1)[-1] if parent.elts else ""
                return tool in WRITING_TOOLS and parent.elts[0] is not node
        return False

    def _writing_command(self, call: ast.AST | None) -> bool:
        """A subprocess or shell call whose program is one of the tools that write files (unzip, tar, cp…)."""
        if not isinstance(call, ast.Call) or not call.args or self.full_name(dotted(call.func)) not in SHELL_CALLS:
            return False
        command = call.args[0]
        if isinstance(command, (ast.List, ast.Tuple)):
            first = str_of(command.elts[0]) if command.elts else None
        else:
            first = (str_of(command) or str_of(command.values[0] if isinstance(command, ast.JoinedStr) and command.values
                                            else None) or "")
            first = first.split()[0] if first.split() else None
        return (first or "").rsplit("/", 1)[-1] in WRITING_TOOLS

    def _shell_tmp(self, node: ast.Call, qualname: str, unique_names: set[str]) -> None:
        """/tmp paths inside a command line run through a shell (``os.system``, ``subprocess.run(..., shell=True)``):
        a fixed ``/tmp/name`` in the command, or ``/tmp`` itself as the folder a writing tool fills
        (``tar -C /tmp``, ``unzip -d /tmp``, ``cp x /tmp``). A name completed by an interpolation counts as unique
        when that interpolation is (the request id, a uuid)."""
        command = node.args[0]
        if isinstance(command, ast.Constant) and isinstance(command.value, str):
            parts: list[ast.AST] = [command]
        elif isinstance(command, ast.JoinedStr):
            parts = list(command.values)
        else:
            return
        if (str_of(parts[0]) or "").startswith("/tmp"):
            return  # the path itself leads the command: found as a /tmp path on its own
        words = " ".join(str_of(p) or "X" for p in parts).split()
        tool = words[0].rsplit("/", 1)[-1] if words else ""
        if tool in ("echo", "printf", "logger") and ">" not in " ".join(words):
            return  # a message that names a path (not redirected into it)

        for i, part in enumerate(parts):
            text = str_of(part)
            if text is None:
                continue
            for match in CMD_TMP.finditer(text):
                name = (match.group(1) or "").strip("/")
                follows = parts[i + 1] if match.end() == len(text) and i + 1 < len(parts) else None
                if follows is not None:
                    if is_unique(follows, unique_names):
                        continue
                elif not name and tool not in WRITING_TOOLS:
                    continue  # /tmp named to a tool that does not write into it (ls /tmp, df /tmp)
                elif "*" in name:
                    continue
                shown = ast.unparse(command)[:80]
                self.add("LMI101", command, qualname,
                         f"The command {shown} in {qualname} writes "
                         f"{'/tmp/' + name if name else 'into /tmp itself'}, the same for every invocation: the "
                         "processes serving concurrent invocations on LMI share /tmp, so one overwrites or deletes "
                         "another's file; put the request id in the path and remove it in a finally block",
                         kind="command")
                return

    def _tmp(self, node: TmpNode, stmt: ast.stmt, qualname: str, unique_names: set[str], removed: set[str],
             escaping: set[str], key_names: set[str] | None = None) -> None:
        parents: dict[int, ast.AST] = {}
        for outer in ast.walk(stmt):
            for child in ast.iter_child_nodes(outer):
                parents[id(child)] = outer
        if isinstance(node, (ast.Call, ast.Name)):
            value = "/tmp"   # tempfile.gettempdir(), or the module's name for /tmp
        else:
            literal = node if isinstance(node, ast.Constant) else node.values[0]
            # _function collects only str constants and f-strings that start with one
            assert isinstance(literal, ast.Constant) and isinstance(literal.value, str)
            value = literal.value
        parent = parents.get(id(node))
        if isinstance(parent, ast.keyword) and parent.arg == "cwd" and value in TMP_DIRS and \
                self._writing_command(parents.get(id(parent))):
            self.add("LMI101", node, qualname,
                     f"{ast.unparse(parents[id(parent)])[:80]} in {qualname} runs a tool that writes into its working "
                     "directory, /tmp itself, under names it does not make unique: the processes serving concurrent "
                     "invocations on LMI share /tmp, so two invocations write the same names; run it in a folder "
                     "of this request (tempfile.mkdtemp(), or the request id in its name) and remove it in a "
                     "finally block", kind="into")
            return
        if isinstance(parent, ast.keyword) and parent.arg in ("dir", "prefix", "suffix", "cwd"):
            return  # tempfile.mkstemp(dir="/tmp") and friends: the library makes the name unique
        if isinstance(parent, ast.Call) and (dotted(parent.func) or "").rsplit(".", 1)[-1] in ("glob", "iglob") and \
                isinstance(node, ast.Constant) and value.rstrip("*./") in ("/tmp", "") and "*" in value:
            if any(r.isidentifier() for r in removed):   # names removed (not only whole path expressions)
                self._wipe(parent, qualname)  # every file of /tmp, listed to be removed
            return
        bare = value in ("/tmp", "/tmp/") and isinstance(node, (ast.Constant, ast.Call, ast.Name))
        # climb to the whole path expression: "/tmp/" + name, os.path.join("/tmp", x), Path("/tmp") / x, f-strings
        root: ast.AST = node
        composed = False
        while True:
            parent = parents.get(id(root))
            if isinstance(parent, ast.BinOp) and isinstance(parent.op, (ast.Add, ast.Mod, ast.Div)):
                root, composed = parent, True
            elif isinstance(parent, ast.Call) and (dotted(parent.func) or "").rsplit(".", 1)[-1] in (
                    "join", "Path", "PurePath", "PosixPath", "format"):
                if len(parent.args) > 1 or parent.keywords or (dotted(parent.func) or "").endswith("format"):
                    composed = True
                root = parent
            elif isinstance(parent, ast.Attribute) and parent.attr in ("format", "joinpath"):
                root, composed = parent, True
                call = parents.get(id(parent))
                if isinstance(call, ast.Call) and call.func is parent:
                    root = call   # "/tmp/{}.json".format(uuid4()): the arguments are part of the name
            else:
                break
        if bare and not composed:
            built = self._path_built_by_callee(node, parents)
            if built is not None:   # /tmp handed to a function of this file that builds the path and returns it
                shown = f"{ast.unparse(parents[id(node)])[:60]} -> {ast.unparse(built)[:60]}"
                if from_object_key(built, set()):
                    self.add("LMI101", node, qualname,
                             f"/tmp path {shown!r} in {qualname} is named after the S3 object being processed, not "
                             "after the invocation: the processes serving concurrent invocations on LMI share /tmp, "
                             "so two invocations handling the same object at once write and delete the same file; "
                             "put the request id in the name (/tmp names must be unique per process or per request) "
                             "and remove the file in a finally block", kind="object")
                elif not is_unique(built, set()):
                    self.add("LMI101", node, qualname,
                             f"Hard-coded /tmp path {shown!r} in {qualname} is the same for every invocation: the "
                             "processes serving concurrent invocations on LMI share /tmp, so one overwrites or "
                             "deletes another's file; put the request id in the name and remove the file in a "
                             "finally block", kind="shared")
                return
            if self._into_tmp(node, parents):
                self.add("LMI101", node, qualname,
                         f"{ast.unparse(parents[id(node)] if isinstance(parents.get(id(node)), ast.Call) else stmt)[:80]}"
                         f" in {qualname} writes into /tmp itself, under names taken from the archive or the source: "
                         "the processes serving concurrent invocations on LMI share /tmp, so two invocations write "
                         "the same names and overwrite or delete each other's files; write into a folder of this "
                         "request (tempfile.mkdtemp(), or the request id in its name) and remove it in a finally "
                         "block", kind="into")
            return  # the folder itself (os.listdir("/tmp"), shutil.disk_usage("/tmp")): not a file path
        if isinstance(node, ast.JoinedStr) and value in ("/tmp", "/tmp/") and len(node.values) > 1:
            composed = True
        unique = is_unique(root, unique_names)
        target = None
        container = parents.get(id(root))
        if isinstance(container, ast.Call) and self.full_name(dotted(container.func)) in REMOVE_CALLS and \
                container.args and container.args[0] is root and unique:
            return  # removing this request's own file or folder
        
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and (stmt.value is root or container is stmt):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if len(targets) == 1 and isinstance(targets[0], ast.Name):
                target = targets[0].id
        shown = ast.unparse(root) if composed else value if isinstance(node, ast.Constant) else ast.unparse(node)
        if not unique and key_names is not None and from_object_key(root, key_names):
            self.add("LMI101", node, qualname,
                     f"/tmp path {shown!r} in {qualname} is named after the S3 object being processed, not after the "
                     "invocation: the processes serving concurrent invocations on LMI share /tmp, so two invocations "
                     "handling the same object at once (S3 event notifications are delivered at least once) or, when "
                     "only the file name is kept, objects of the same name under different prefixes write and delete "
                     "the same file; put the request id in the name (/tmp names must be unique per process or per "
                     "request) and remove the file in a finally block",
                     kind="object", var=target)
            return
        if not unique:
            self.add("LMI101", node, qualname,
                     f"Hard-coded /tmp path {shown!r} in {qualname} is the same for every invocation: the processes "
                     "serving concurrent invocations on LMI share /tmp, so one overwrites or deletes another's file; "
                     "put the request id in the name and remove the file in a finally block",
                     kind="shared", var=target)
            return
        if isinstance(stmt, (ast.Return, ast.Expr)) and isinstance(getattr(stmt, "value", None),
                                                                    (ast.Yield, ast.YieldFrom)):
            return
        if isinstance(stmt, ast.Return):
            return  # made for the caller, which owns the clean-up
        if target is not None and (target in removed or target in escaping):
            return
        if ast.unparse(root) in removed:
            return  # the same path expression is removed in this function (a clean-up helper's existence check)
        if isinstance(container, ast.Call) and container.args and container.args[0] is root and \
                self.full_name(dotted(container.func)) in PATH_QUERIES:
            return  # os.path.exists(path) and the like make no file: nothing is left behind by this use
        if target is None and isinstance(stmt, (ast.With, ast.AsyncWith)):
            return
        self.add("LMI101", node, qualname,
                 f"/tmp path {shown!r} in {qualname} is unique per request but never removed: the execution "
                 "environment lives for hours and serves many invocations, so files left behind fill /tmp; remove "
                 "it in a finally block",
                 kind="cleanup", var=target, sev="info")
