"""What one Python file says, read with ``ast`` on the fast path: imports, functions and what they call,
handler-shaped functions, and the candidate hits of the Python rules with the function they sit in.

The facts depend on the file's text only (so they are cached by content hash); which candidates become findings
is decided later, project-wide, by what the handlers reach (``python_reach``). Columns are 1-based characters
(``ast`` counts UTF-8 bytes; they are converted).
"""

from __future__ import annotations

import ast
import re
from typing import Any, Protocol, TypedDict, TypeGuard, cast

from workbench.readiness.model import ParseFailure

FACTS_VERSION = 2

EVENT_NAMES = frozenset({"event", "_event", "evt", "_evt", "ev", "e", "payload", "lambda_event", "request"})
CONTEXT_NAMES = frozenset({"context", "_context", "ctx", "_ctx", "lambda_context", "_lambda_context"})
HANDLER_DECORATORS = ("inject_lambda_context", "capture_lambda_handler", "log_metrics", "event_source",
                      "lambda_handler_decorator", "event_parser", "idempotent")
ROUTE_ATTRS = frozenset({"get", "post", "put", "delete", "patch", "head", "options", "route", "api_route",
                         "resolver", "event", "handle", "handler", "register", "on", "websocket"})

DB_CALLS = {
    "pymysql.connect": "MySQL connection (PyMySQL)", "pymysql.Connect": "MySQL connection (PyMySQL)",
    "pymysql.connections.Connection": "MySQL connection (PyMySQL)",
    "MySQLdb.connect": "MySQL connection (mysqlclient)", "MySQLdb.Connect": "MySQL connection (mysqlclient)",
    "mysql.connector.connect": "MySQL connection (mysql-connector)",
    "mysql.connector.MySQLConnection": "MySQL connection (mysql-connector)",
    "mysql.connector.pooling.MySQLConnectionPool": "MySQL pool (mysql-connector)",
    "psycopg2.connect": "PostgreSQL connection (psycopg2)",
    "psycopg2.pool.SimpleConnectionPool": "PostgreSQL pool (psycopg2)",
    "psycopg2.pool.ThreadedConnectionPool": "PostgreSQL pool (psycopg2)",
    "psycopg.connect": "PostgreSQL connection (psycopg)", "psycopg.Connection.connect": "PostgreSQL connection (psycopg)",
    "psycopg.AsyncConnection.connect": "PostgreSQL connection (psycopg)",
    "psycopg_pool.ConnectionPool": "PostgreSQL pool (psycopg_pool)",
    "psycopg_pool.AsyncConnectionPool": "PostgreSQL pool (psycopg_pool)",
    "pg8000.connect": "PostgreSQL connection (pg8000)", "pg8000.native.Connection": "PostgreSQL connection (pg8000)",
    "asyncpg.connect": "PostgreSQL connection (asyncpg)", "asyncpg.create_pool": "PostgreSQL pool (asyncpg)",
    "aiomysql.connect": "MySQL connection (aiomysql)", "aiomysql.create_pool": "MySQL pool (aiomysql)",
    "pyodbc.connect": "ODBC connection", "oracledb.connect": "Oracle connection", "cx_Oracle.connect": "Oracle connection",
    "sqlalchemy.create_engine": "SQLAlchemy engine (a connection pool)",
    "sqlalchemy.engine.create_engine": "SQLAlchemy engine (a connection pool)",
    "sqlalchemy.ext.asyncio.create_async_engine": "SQLAlchemy engine (a connection pool)",
    "redis.Redis": "Redis client", "redis.StrictRedis": "Redis client", "redis.from_url": "Redis client",
    "redis.Redis.from_url": "Redis client", "redis.ConnectionPool": "Redis connection pool",
    "redis.RedisCluster": "Redis cluster client", "redis.cluster.RedisCluster": "Redis cluster client",
    "redis.asyncio.Redis": "Redis client", "redis.asyncio.from_url": "Redis client",
    "pymongo.MongoClient": "MongoDB client (a connection pool)",
    "motor.motor_asyncio.AsyncIOMotorClient": "MongoDB client (a connection pool)",
    # gremlinpython (Amazon Neptune): each DriverRemoteConnection / Client opens its own websocket connection pool
    "gremlin_python.driver.driver_remote_connection.DriverRemoteConnection": "Gremlin (Neptune) websocket connection",
    "gremlin_python.driver.client.Client": "Gremlin (Neptune) websocket connection",
}
SDK_CALLS = {"boto3.client": "client", "boto3.resource": "resource"}
SESSION_CALLS = frozenset({"boto3.Session", "boto3.session.Session", "botocore.session.get_session",
                           "botocore.session.Session", "aioboto3.Session"})
SESSION_METHODS = {"client": "client", "resource": "resource", "create_client": "client"}
REMOVE_CALLS = frozenset({"os.remove", "os.unlink", "os.rmdir", "shutil.rmtree", "os.removedirs"})
LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log", "msg"})
# Parts of a name that make it unique among concurrent invocations. The process id counts on Python: "Each
# concurrent request runs in a separate process ... Each process handles one request at a time" and /tmp names
# should be "unique per process or per request" ("Python runtime for Lambda Managed Instances", AWS Lambda
# Developer Guide). (Not so for Node.js, Java and .NET, where one process serves concurrent invocations.)
UNIQUE_WORDS = ("request_id", "requestid", "uuid", "mkstemp", "mkdtemp", "temporaryfile", "temporarydirectory",
                "namedtemporaryfile", "spooledtemporaryfile", "getpid", "token_hex", "token_urlsafe", "unique",
                "invocation_id")
LOADERS = {
    "pickle.load": "a pickle", "joblib.load": "a joblib model", "numpy.load": "a NumPy array",
    "numpy.loadtxt": "a NumPy array", "numpy.genfromtxt": "a NumPy array", "torch.load": "a PyTorch model",
    "spacy.load": "a spaCy model", "onnxruntime.InferenceSession": "an ONNX model",
    "sentence_transformers.SentenceTransformer": "a sentence-transformers model",
    "tensorflow.keras.models.load_model": "a Keras model", "keras.models.load_model": "a Keras model",
    "pandas.read_csv": "a DataFrame", "pandas.read_parquet": "a DataFrame", "pandas.read_json": "a DataFrame",
    "pandas.read_pickle": "a DataFrame", "pandas.read_feather": "a DataFrame", "pandas.read_excel": "a DataFrame",
    "transformers.pipeline": "a transformers pipeline", "faiss.read_index": "a FAISS index",
    "gensim.models.KeyedVectors.load": "word vectors",
}
LOADER_ATTRS = {"from_pretrained": "a pretrained model", "load_model": "a model"}
BIG_LITERAL_ITEMS = 1000
BIG_LITERAL_LINES = 500
BIG_STRING = 100_000
MODULE = "<module>"

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)


class _Located(Protocol):
    """A node with a place in the source (statements, expressions, arguments, keywords...)."""

    lineno: int
    end_lineno: int | None
    col_offset: int
    end_col_offset: int | None


# what _function hands to _tmp: a "/tmp..." string or f-string, tempfile.gettempdir(), or a name for /tmp
_TmpNode = ast.Constant | ast.JoinedStr | ast.Call | ast.Name


class _LogFacts(TypedDict):
    std_lost: bool          # the standard library's logging handlers replaced without the request id
    std_force_lost: bool
    inject: list[str]       # functions decorated with inject_lambda_context
    rid_bound: bool         # a structlog logger bound the request id
AST = ast.AST


def _statements(stmts: list[ast.stmt]):
    """Every statement of a block, nested blocks and definitions included (not expressions)."""
    for stmt in stmts:
        yield stmt
        for name in ("body", "orelse", "finalbody"):
            block = getattr(stmt, name, None)
            if block.__class__ is list and block and isinstance(block[0], ast.stmt):
                yield from _statements(block)
        for handler in getattr(stmt, "handlers", None) or ():
            yield from _statements(handler.body)
        for case in getattr(stmt, "cases", None) or ():
            yield from _statements(case.body)


def dotted(node: ast.AST) -> str | None:
    """``a.b.c`` for a Name/Attribute chain, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def _has_request_id(node: ast.AST) -> bool:
    for sub in ast.walk(node):
        text = None
        if isinstance(sub, ast.Name):
            text = sub.id
        elif isinstance(sub, ast.Attribute):
            text = sub.attr
        elif isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            text = sub.value
        elif isinstance(sub, ast.keyword) and sub.arg:
            text = sub.arg
        if text is not None:
            low = text.lower().replace("-", "_")
            if "request_id" in low or "requestid" in low:
                return True
    return False


def _is_unique(node: ast.AST, unique_names: set[str]) -> bool:
    for sub in ast.walk(node):
        text = None
        if isinstance(sub, ast.Name):
            if sub.id in unique_names:
                return True
            text = sub.id
        elif isinstance(sub, ast.Attribute):
            text = sub.attr
        if text is not None:
            low = text.lower()
            if any(word in low for word in UNIQUE_WORDS):
                return True
    return False


SHELL_CALLS = frozenset({"os.system", "os.popen", "subprocess.run", "subprocess.call", "subprocess.check_call",
                         "subprocess.check_output", "subprocess.Popen", "subprocess.getoutput",
                         "subprocess.getstatusoutput"})
WRITE_MODES = ("w", "a", "x", "+")
TMP_DIRS = ("/tmp", "/tmp/")
_RM_TMP = re.compile(r"\brm\s+(?:-\w+\s+)*['\"]?/tmp/?(?:\*|['\"\s]|$)")
# Calls that write files into a directory they are given, under names they take from elsewhere (the archive's
# members, the source file's name): method or function name -> (position, keyword) of the directory argument.
# ``/tmp`` itself as that directory means every concurrent invocation writes the same names ("Python runtime for
# Lambda Managed Instances", "Shared /tmp directory": use file names unique per process or per request).
DIR_WRITERS = {"extract": (1, "path"), "extractall": (0, "path"), "unpack_archive": (1, "extract_dir"),
               "copy": (1, "dst"), "copy2": (1, "dst"), "move": (1, "dst")}
# Command-line tools that write into a directory named on their command line (cp x /tmp, tar -C /tmp, unzip -d).
WRITING_TOOLS = frozenset({"unzip", "tar", "bsdtar", "cp", "mv", "rsync", "wget", "7z", "7za", "unrar", "cpio",
                           "aws", "pip", "pip3", "git", "scp", "gsutil"})
# Paths inside a command line: a word that starts with /tmp (after a space, '=' or a quote).
_CMD_TMP = re.compile(r"(?:^|(?<=[\s='\"]))/tmp(?=/|[\s'\";]|$)(/[^\s'\";|&<>]*)?")
# Opening a file at import: the file exists from the first import on, in every process of the environment.
OPENERS = frozenset({"open", "io.open", "logging.FileHandler", "logging.handlers.RotatingFileHandler",
                     "logging.handlers.TimedRotatingFileHandler", "logging.handlers.WatchedFileHandler",
                     "sqlite3.connect", "shelve.open", "dbm.open"})
OPENER_ATTRS = frozenset({"write_text", "write_bytes", "touch", "open"})
# Libraries that exist to run inside Lambda: a module importing one is Lambda code even if no handler of the scan
# imports it (a handler module whose template is elsewhere).
LAMBDA_LIBRARIES = ("aws_lambda_powertools", "awslambdaric", "aws_lambda_typing")


def _str(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _tmp_dir(node: ast.AST | None) -> bool:
    """``"/tmp"`` or ``tempfile.gettempdir()``: /tmp on Lambda unless the function sets TMPDIR, TEMP or TMP itself
    (none of them is among the runtime's defined variables: "Defined runtime environment variables" in "Working
    with Lambda environment variables", AWS Lambda Developer Guide)."""
    if isinstance(node, ast.Call):
        return not node.args and (dotted(node.func) or "").endswith("gettempdir")
    return _str(node) in TMP_DIRS


def _tmp_path(node: ast.AST) -> TypeGuard[ast.expr]:
    """A path built under /tmp: ``os.path.join("/tmp", x)``, ``Path("/tmp") / x``, ``"/tmp/" + x``,
    ``f"/tmp/{x}"`` (a bare "/tmp/name" literal is found on its own)."""
    if isinstance(node, ast.JoinedStr):
        first = _str(node.values[0]) if node.values else None
        return first is not None and first.startswith("/tmp/") and len(node.values) > 1
    if isinstance(node, ast.Call):
        name = (dotted(node.func) or "").rsplit(".", 1)[-1]
        return name in ("join", "Path", "PurePath", "PosixPath") and len(node.args) > 1 and \
            _tmp_dir(node.args[0])
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        left = node.left
        return isinstance(left, ast.Call) and (dotted(left.func) or "").rsplit(".", 1)[-1] in (
            "Path", "PurePath", "PosixPath") and len(left.args) == 1 and _tmp_dir(left.args[0])
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _str(node.left) == "/tmp/"
    return False


def _wipes_tmp(name: str | None, node: ast.Call) -> bool:
    """``rm -rf /tmp/*`` through a shell or subprocess, or ``shutil.rmtree("/tmp")``."""
    if name in ("shutil.rmtree", "os.rmdir", "os.removedirs"):
        return bool(node.args) and _str(node.args[0]) in TMP_DIRS
    if name not in SHELL_CALLS or not node.args:
        return False
    arg = node.args[0]
    if isinstance(arg, (ast.List, ast.Tuple)):
        words = [_str(e) or "" for e in arg.elts]
        return bool(words) and words[0] in ("rm", "/bin/rm") and any(
            w.rstrip("*") in TMP_DIRS for w in words[1:])
    text = _str(arg) or (ast.unparse(arg) if isinstance(arg, ast.JoinedStr) else "")
    return bool(_RM_TMP.search(text))


class _Extractor:
    def __init__(self, text: str, tree: ast.Module) -> None:
        self.text = text
        self.tree = tree
        self._lines: list[str] | None = None
        self.imports: dict[str, list[Any]] = {}
        self.module_names: set[str] = set()
        self.module_loggers: dict[str, str] = {}     # name -> std | powertools | structlog
        self.module_sessions: set[str] = set()
        self.funcs: dict[str, dict[str, Any]] = {}
        self.classes: dict[str, list[str]] = {}
        self.cands: list[dict[str, Any]] = []
        self.shapes: list[str] = []
        self.routes: list[str] = []
        self.log: _LogFacts = {"std_lost": False, "std_force_lost": False, "inject": [], "rid_bound": False}
        self._formatter_without_rid = False
        self._handlers_replaced = False
        self._module_chdir_tmp = False
        self._fn: dict[str, Any] = {}
        self._mod_tmp: list[tuple[ast.AST, dict[str, Any], str | None]] = []   # module /tmp path, its cand, name
        self._opened_ids: set[int] = set()     # nodes passed to a file opener at import
        self._opened_names: set[str] = set()   # names passed to a file opener at import
        self.main_guard = False
        self.tmp_names: set[str] = set()       # module names bound to /tmp itself (TMP_DIR = "/tmp")

    # ----- helpers -------------------------------------------------------------------------------------------

    def col(self, line: int, byte_col: int) -> int:
        if self._lines is None:
            self._lines = self.text.split("\n")
        if 0 < line <= len(self._lines):
            src = self._lines[line - 1]
            if not src.isascii():
                return len(src.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore")) + 1
        return byte_col + 1

    def span(self, node: _Located) -> tuple[int, int, int, int]:
        line, end_line = node.lineno, node.end_lineno or node.lineno
        return (line, self.col(line, node.col_offset), end_line,
                self.col(end_line, node.end_col_offset if node.end_col_offset is not None else node.col_offset))

    def full_name(self, name: str | None) -> str | None:
        """``name`` with its first part replaced by what it was imported as (``pm.connect`` → ``pymysql.connect``)."""
        if name is None:
            return None
        head, _, rest = name.partition(".")
        target = self.imports.get(head)
        if target is None:
            return name
        module, attr, level = target
        if level:
            return None  # a local module
        base = module if attr is None else f"{module}.{attr}" if module else attr
        return f"{base}.{rest}" if rest else base

    def add(self, code: str, node: _Located, ctx: str, message: str, **data: Any) -> dict[str, Any]:
        line, col, end_line, end_col = self.span(node)
        cand = {"code": code, "line": line, "col": col, "end_line": end_line, "end_col": end_col, "ctx": ctx,
                "msg": message}
        cand.update(data)
        self.cands.append(cand)
        return cand

    # ----- the module -----------------------------------------------------------------------------------------

    def run(self) -> dict[str, Any]:
        body = self.tree.body
        module_stmts = list(self._module_level(body))
        for stmt in module_stmts:
            self._bind_module(stmt)
        for stmt in _statements(body):
            if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                self._import(stmt)  # function-level imports too: they name modules the code calls
        for stmt in module_stmts:
            self._module_stmt(stmt)
        for node, cand, var in self._mod_tmp:
            if id(node) in self._opened_ids or (var is not None and var in self._opened_names):
                cand["opened"] = True
        self._collect_defs(body, "", None, top=True)
        for qualname, (node, cls) in self._defs.items():
            self._function(qualname, node, cls)
        if self._formatter_without_rid and self._handlers_replaced:
            self.log["std_lost"] = True
        return {
            "v": FACTS_VERSION, "imports": self.imports, "funcs": self.funcs, "classes": self.classes,
            "module_names": sorted(self.module_names), "cands": self.cands, "shapes": self.shapes,
            "routes": self.routes, "log": self.log, "main": self.main_guard,
            "lambda_code": any((target[0] or "").split(".")[0] in LAMBDA_LIBRARIES or
                               (not target[0] and (target[1] or "").split(".")[0] in LAMBDA_LIBRARIES)
                               for target in self.imports.values()),
        }

    def _module_level(self, stmts: list[ast.stmt]):
        for stmt in stmts:
            yield stmt
            if isinstance(stmt, (ast.If, ast.For, ast.While, ast.With, ast.AsyncWith, ast.AsyncFor)):
                yield from self._module_level(stmt.body)
                yield from self._module_level(getattr(stmt, "orelse", []))
            elif isinstance(stmt, (ast.Try, ast.TryStar)):
                yield from self._module_level(stmt.body)
                for handler in stmt.handlers:
                    yield from self._module_level(handler.body)
                yield from self._module_level(stmt.orelse)
                yield from self._module_level(stmt.finalbody)

    def _import(self, stmt: ast.Import | ast.ImportFrom) -> None:
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.asname:
                    self.imports.setdefault(alias.asname, [alias.name, None, 0])
                else:
                    head = alias.name.split(".")[0]
                    self.imports.setdefault(head, [head, None, 0])
                    if "." in alias.name:
                        self.imports.setdefault(alias.name, [alias.name, None, 0])
        else:
            for alias in stmt.names:
                if alias.name == "*":
                    continue
                self.imports.setdefault(alias.asname or alias.name, [stmt.module or "", alias.name, stmt.level])

    def _bind_module(self, stmt: ast.stmt) -> None:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            self.module_names.add(stmt.name)
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            for alias in stmt.names:
                self.module_names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for target in targets:
                for sub in ast.walk(target):
                    if isinstance(sub, ast.Name):
                        self.module_names.add(sub.id)

    def _logger_kind(self, value: ast.AST) -> str | None:
        if not isinstance(value, ast.Call):
            return None
        name = self.full_name(dotted(value.func)) or ""
        if name in ("logging.getLogger", "logging.Logger", "logging.root"):
            return "std"
        if name.startswith("aws_lambda_powertools") and name.endswith("Logger"):
            return "powertools"
        if name.startswith("structlog") and name.endswith(("get_logger", "getLogger", "wrap_logger")):
            return "structlog"
        if isinstance(value.func, ast.Attribute) and value.func.attr == "bind":
            inner = self._logger_kind(value.func.value) if isinstance(value.func.value, ast.Call) else \
                self.module_loggers.get(dotted(value.func.value) or "")
            if inner == "structlog":
                if _has_request_id(value):
                    self.log["rid_bound"] = True
                return "structlog"
        return None

    def _module_stmt(self, stmt: ast.stmt) -> None:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            kind = self._logger_kind(stmt.value)
            if kind:
                for name in names:
                    self.module_loggers[name] = kind
            if isinstance(stmt.value, ast.Call) and self.full_name(dotted(stmt.value.func)) in SESSION_CALLS:
                self.module_sessions.update(names)
            if len(names) == 1 and len(targets) == 1 and _tmp_dir(stmt.value):
                self.tmp_names.add(names[0])
            self._big_literal(stmt, names)
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for deco in stmt.decorator_list:
                self._module_expr(deco)
            return
        if isinstance(stmt, ast.If) and "__name__" in ast.unparse(stmt.test) and "__main__" in ast.unparse(stmt.test):
            self.main_guard = True
        if isinstance(stmt, (ast.If, ast.For, ast.While, ast.With, ast.AsyncWith, ast.AsyncFor, ast.Try)):
            # their bodies are visited as module statements of their own; here only the header expressions
            for field in ("test", "iter", "items", "target"):
                value = getattr(stmt, field, None)
                if isinstance(value, list):
                    for item in value:
                        self._module_expr(item)
                elif isinstance(value, ast.AST):
                    self._module_expr(value)
            return
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            return  # docstring
        self._module_expr(stmt)

    def _module_expr(self, root: ast.AST) -> None:
        """Module-level code (import time): /tmp paths, loaders, logging set-up.

        Every Python process of the execution environment (one per concurrent invocation slot) imports the
        module, and they all share /tmp: a fixed /tmp path set or written at import is one file for all of them
        (the shared-directory problem), unless the process id or a uuid is in its name."""
        inside: set[int] = set()
        var = None
        if isinstance(root, (ast.Assign, ast.AnnAssign)):
            targets = root.targets if isinstance(root, ast.Assign) else [root.target]
            if len(targets) == 1 and isinstance(targets[0], ast.Name):
                var = targets[0].id
        for node in ast.walk(root):
            if id(node) in inside:
                continue
            if _tmp_path(node):
                inside.update(id(n) for n in ast.walk(node))
                if not _is_unique(node, set()):
                    cand = self.add("LMI101", node, MODULE,
                             f"{ast.unparse(node)} builds a path under /tmp at import, the same in every Python "
                             "process of the execution environment: the processes serving concurrent invocations "
                             "share /tmp, so they write and read the same file; put the process id or a uuid in "
                             "the name (or use tempfile.mkdtemp())",
                             mod=True, kind="shared")
                    self._mod_tmp.append((node, cand, var))
                continue
            if isinstance(node, ast.Call):
                name = self.full_name(dotted(node.func))
                if name in OPENERS or (isinstance(node.func, ast.Attribute) and node.func.attr in OPENER_ATTRS) or \
                        (name == "logging.basicConfig" and any(k.arg == "filename" for k in node.keywords)):
                    opened = [node.func.value] if isinstance(node.func, ast.Attribute) and \
                        node.func.attr in OPENER_ATTRS else []
                    for arg in opened + node.args + [k.value for k in node.keywords]:
                        for sub in ast.walk(arg):
                            self._opened_ids.add(id(sub))
                            if isinstance(sub, ast.Name):
                                self._opened_names.add(sub.id)
                if name == "os.chdir" and node.args and _str(node.args[0]) in TMP_DIRS:
                    self._module_chdir_tmp = True
                if _wipes_tmp(name, node):
                    self._wipe(node, MODULE, mod=True)
                self._log_setup(node, name)
                label = LOADERS.get(name or "")
                if label is None and isinstance(node.func, ast.Attribute) and node.func.attr in LOADER_ATTRS:
                    label = LOADER_ATTRS[node.func.attr]
                if label:
                    self.add("LMI301", node, MODULE,
                             f"{dotted(node.func) or 'this call'}(...) loads {label} at import: every Python process "
                             "of the execution environment (one per concurrent invocation, 16 per vCPU by default "
                             "on LMI) holds its own copy, so its memory counts once per process",
                             mod=True)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                if node.attr in ("handlers",):
                    self._handlers_replaced = True
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("/tmp/") \
                    and len(node.value) > 5 and "*" not in node.value:
                cand = self.add("LMI101", node, MODULE,
                                f"Hard-coded path {node.value!r} set at import is the same in every Python process of "
                                "the execution environment: the processes serving concurrent invocations share /tmp, "
                                "so they write and read the same file; put the process id or a uuid in the name",
                                mod=True, kind="shared")
                self._mod_tmp.append((node, cand, var))
        if isinstance(root, ast.Assign):
            for target in root.targets:
                if isinstance(target, ast.Attribute) and target.attr == "propagate" and \
                        isinstance(root.value, ast.Constant) and root.value.value is False:
                    self._handlers_replaced = True

    def _log_setup(self, node: ast.Call, name: str | None) -> None:
        if name == "logging.basicConfig":
            fmt = next((k.value for k in node.keywords if k.arg == "format"), None)
            force = any(k.arg == "force" and isinstance(k.value, ast.Constant) and k.value.value is True
                        for k in node.keywords)
            if force and isinstance(fmt, ast.Constant) and isinstance(fmt.value, str) and \
                    "aws_request_id" not in fmt.value:
                self.log["std_lost"] = True
                self.log["std_force_lost"] = True
        elif name in ("logging.Formatter",) or (name or "").endswith(".Formatter"):
            fmt = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "fmt"), None)
            if isinstance(fmt, ast.Constant) and isinstance(fmt.value, str) and "aws_request_id" not in fmt.value:
                self._formatter_without_rid = True
        elif isinstance(node.func, ast.Attribute) and node.func.attr in ("removeHandler",):
            self._handlers_replaced = True
        elif isinstance(node.func, ast.Attribute) and node.func.attr in (
                "append_keys", "bind_contextvars", "set_correlation_id", "bind", "new", "structure_logs"):
            if _has_request_id(node):
                self.log["rid_bound"] = True

    def _big_literal(self, stmt: ast.Assign | ast.AnnAssign, names: list[str]) -> None:
        value = stmt.value
        assert value is not None  # the caller passes only assignments with a value
        size = None
        if isinstance(value, (ast.List, ast.Set, ast.Tuple)):
            size = len(value.elts)
        elif isinstance(value, ast.Dict):
            size = len(value.keys)
        lines = (value.end_lineno or value.lineno) - value.lineno + 1
        what = None
        if size is not None and (size >= BIG_LITERAL_ITEMS or lines >= BIG_LITERAL_LINES):
            what = f"a literal of {size:,} items over {lines:,} lines"
        elif isinstance(value, ast.Constant) and isinstance(value.value, (str, bytes)) and \
                len(value.value) >= BIG_STRING:
            what = f"a literal of {len(value.value):,} characters"
        if what:
            label = ", ".join(names) or "module state"
            self.add("LMI301", stmt, MODULE,
                     f"Module-level {label} is {what}: every Python process of the execution environment (one per "
                     "concurrent invocation, 16 per vCPU by default on LMI) holds its own copy",
                     mod=True)

    # ----- functions -----------------------------------------------------------------------------------------

    def _collect_defs(self, stmts: list[ast.stmt], prefix: str, cls: str | None, top: bool) -> None:
        if top:
            self._defs: dict[str, tuple[ast.FunctionDef | ast.AsyncFunctionDef, str | None]] = {}
            self._children: dict[str, set[str]] = {}
        for stmt in self._shallow(stmts):
            if isinstance(stmt, _DEFS):
                qualname = f"{prefix}{stmt.name}"
                self._defs[qualname] = (stmt, cls)
                if prefix:
                    self._children.setdefault(prefix[:-1], set()).add(stmt.name)
                if top and not prefix:
                    self._shape(stmt)
                self._collect_defs(stmt.body, qualname + ".", cls, top=False)
            elif isinstance(stmt, ast.ClassDef):
                qualname = f"{prefix}{stmt.name}"
                self.classes[qualname] = [s.name for s in stmt.body if isinstance(s, _DEFS)]
                self._collect_defs(stmt.body, qualname + ".", qualname, top=False)

    def _shallow(self, stmts: list[ast.stmt]):
        """Statements of a block and of its nested blocks (if/try/with/loops), not of nested defs."""
        for stmt in stmts:
            yield stmt
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            for field in ("body", "orelse", "finalbody"):
                block = getattr(stmt, field, None)
                if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                    yield from self._shallow(block)
            for handler in getattr(stmt, "handlers", []) or []:
                yield from self._shallow(handler.body)
            for case in getattr(stmt, "cases", []) or []:
                yield from self._shallow(case.body)

    def _shape(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        params = [a.arg for a in node.args.posonlyargs + node.args.args]
        decos = [dotted(d.func if isinstance(d, ast.Call) else d) or "" for d in node.decorator_list]
        if len(params) >= 2 and params[0] in EVENT_NAMES and params[1] in CONTEXT_NAMES or len(params) >= 2 and any(d.endswith(HANDLER_DECORATORS) for d in decos) or node.name in ("handler", "lambda_handler") and len(params) == 2:
            self.shapes.append(node.name)
        for deco, d in zip(decos, node.decorator_list):
            head, _, attr = deco.rpartition(".")
            if head and "." not in head and attr in ROUTE_ATTRS and head in self.module_names and \
                    head not in self.imports:
                self.routes.append(node.name)
            if deco.endswith("inject_lambda_context"):
                self.log["inject"].append(node.name)

    def _function(self, qualname: str, fn: ast.FunctionDef | ast.AsyncFunctionDef, cls: str | None) -> None:
        params = [a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs]
        if fn.args.vararg:
            params.append(fn.args.vararg.arg)
        if fn.args.kwarg:
            params.append(fn.args.kwarg.arg)
        decos = [dotted(d.func if isinstance(d, ast.Call) else d) or "" for d in fn.decorator_list]
        cached_fn = any(self.full_name(d) in ("functools.lru_cache", "functools.cache") or d in ("lru_cache", "cache")
                        for d in decos)
        for deco in fn.decorator_list:
            if isinstance(deco, ast.Call) and self.full_name(dotted(deco.func)) == "functools.lru_cache" and any(
                    k.arg == "maxsize" and isinstance(k.value, ast.Constant) and k.value.value is None
                    for k in deco.keywords):
                self.add("LMI301", deco, qualname,
                         f"lru_cache(maxsize=None) on {qualname} grows without bound in every Python process of "
                         "the execution environment (one per concurrent invocation): memory counts once per process",
                         mod=True)
            elif self.full_name(dotted(deco)) == "functools.cache":
                self.add("LMI301", deco, qualname,
                         f"functools.cache on {qualname} grows without bound in every Python process of the "
                         "execution environment (one per concurrent invocation): memory counts once per process",
                         mod=True)
        # parameter defaults: a fixed /tmp file is the path every call without that argument uses; a parameter
        # whose default is /tmp itself is the folder (like a module's TMP_DIR), unless the body rebinds it
        positional = fn.args.posonlyargs + fn.args.args
        defaults = list(zip(positional[len(positional) - len(fn.args.defaults):], fn.args.defaults)) + [
            (a, d) for a, d in zip(fn.args.kwonlyargs, fn.args.kw_defaults) if d is not None]
        default_paths = [d for _, d in defaults if (_str(d) or "").startswith("/tmp/") and len(_str(d) or "") > 5]
        local_tmp_names = {a.arg for a, d in defaults if _tmp_dir(d)}
        if local_tmp_names:
            local_tmp_names -= {t.id for n in ast.walk(fn) if isinstance(n, (ast.Assign, ast.AnnAssign, ast.AugAssign))
                                for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
                                if isinstance(t, ast.Name)}
        local_defs = self._children.get(qualname, set())
        globals_declared: set[str] = set()
        local_sessions: set[str] = set()
        local_loggers: dict[str, str] = {}
        unique_names: set[str] = set()
        removed: set[str] = set()
        escaping: set[str] = set()
        calls: set[str] = set()
        tmp: list[tuple[_TmpNode, ast.stmt]] = []
        self._fn = {"chdir": False, "relative": [], "shell": []}
        cached_calls: set[int] = set()
        shadowed = set(params)
        assigned: list[tuple[str, ast.expr]] = []
        returned: list[ast.expr] = []
        # (node, the statement it is in); the loop below dispatches on ``type(node) is ...`` (faster than a chain
        # of isinstance calls, and ast node types have no subclasses), which mypy cannot follow through ``t``:
        # each branch casts ``node`` to the type it has just compared
        stack: list[tuple[ast.AST, ast.stmt]] = [(s, s) for s in reversed(fn.body)]
        while stack:
            node, stmt = stack.pop()
            t = type(node)
            if t in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
                definition = cast(ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, node)
                nested: list[ast.AST] = list(definition.decorator_list)
                if not isinstance(definition, ast.ClassDef):
                    nested += [d for d in definition.args.defaults + definition.args.kw_defaults if d is not None]
                else:
                    nested += definition.bases
                stack.extend((n, stmt) for n in reversed(nested))
                continue
            if t is ast.Expr and isinstance(cast(ast.Expr, node).value, ast.Constant):
                continue  # a docstring or a bare string: not a path
            if t is ast.Global:
                globals_declared.update(cast(ast.Global, node).names)
            elif t is ast.Assign or t is ast.AnnAssign:
                assignment = cast(ast.Assign | ast.AnnAssign, node)
                value = assignment.value
                targets = assignment.targets if isinstance(assignment, ast.Assign) else [assignment.target]
                if isinstance(value, ast.Call):
                    for target in targets:
                        if isinstance(target, ast.Name) and target.id in globals_declared:
                            cached_calls.add(id(value))
                        elif isinstance(target, (ast.Subscript, ast.Attribute)):
                            base = target.value
                            while isinstance(base, (ast.Subscript, ast.Attribute)):
                                base = base.value
                            if isinstance(base, ast.Name) and base.id not in shadowed and \
                                    base.id in self.module_names:
                                cached_calls.add(id(value))
                    full = self.full_name(dotted(value.func))
                    kind = self._logger_kind(value)
                    for target in targets:
                        if isinstance(target, ast.Name):
                            if full in SESSION_CALLS:
                                local_sessions.add(target.id)
                            if kind:
                                local_loggers[target.id] = kind
                if value is not None:
                    for target in targets:
                        if isinstance(target, ast.Name):
                            shadowed.add(target.id)
                            assigned.append((target.id, value))
                        elif isinstance(target, ast.Attribute):
                            returned.append(value)
            elif t in (ast.Return, ast.Yield, ast.YieldFrom):
                result = cast(ast.Return | ast.Yield | ast.YieldFrom, node).value
                if result is not None:
                    returned.append(result)
            elif t is ast.Call:
                call = cast(ast.Call, node)
                self._call(call, qualname, fn, params, cls, calls, removed, cached_calls, cached_fn,
                           local_sessions, local_loggers, shadowed)
                if _tmp_dir(call) and self.full_name(dotted(call.func)) == "tempfile.gettempdir":
                    tmp.append((call, stmt))
            elif t is ast.Attribute:
                attribute = cast(ast.Attribute, node)
                name = dotted(attribute)
                if name is not None:
                    head = name.split(".", 1)[0]
                    if head in ("self", "cls") and cls and isinstance(attribute.value, ast.Name):
                        calls.add(f"{cls}.{attribute.attr}")
                    elif head in self.imports and head not in shadowed:
                        calls.add(name)
                    continue
            elif t is ast.Name:
                ref = cast(ast.Name, node)
                if isinstance(ref.ctx, ast.Load) and (ref.id in local_tmp_names or (
                        ref.id in self.tmp_names and ref.id not in shadowed)):
                    tmp.append((ref, stmt))   # the module's (or a parameter's default) name for /tmp itself
                if isinstance(ref.ctx, ast.Load) and (ref.id in local_defs or (
                        ref.id not in shadowed and (ref.id in self.module_names or ref.id in self.imports))):
                    calls.add(ref.id)
                elif not isinstance(ref.ctx, ast.Load):
                    shadowed.add(ref.id)
                continue
            elif t is ast.Constant:
                constant = cast(ast.Constant, node)
                if isinstance(constant.value, str) and constant.value.startswith("/tmp"):
                    tmp.append((constant, stmt))
                continue
            elif t is ast.JoinedStr:
                fstring = cast(ast.JoinedStr, node)
                first = fstring.values[0] if fstring.values else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str) and \
                        first.value.startswith("/tmp"):
                    tmp.append((fstring, stmt))
                for part in reversed(fstring.values):
                    if isinstance(part, ast.FormattedValue):
                        stack.append((part.value, stmt))
                continue
            children: list[ast.AST] = []
            for name in node._fields:
                if name == "ctx":
                    continue
                value = getattr(node, name, None)
                if value.__class__ is list:
                    children.extend(v for v in value if isinstance(v, AST))
                elif isinstance(value, AST):
                    children.append(value)
            if isinstance(node, ast.stmt):
                stack.extend((c, c if isinstance(c, ast.stmt) else node) for c in reversed(children))
            else:
                stack.extend((c, stmt) for c in reversed(children))
        relative = self._fn["relative"] if (self._fn["chdir"] or self._module_chdir_tmp) else []
        if tmp or relative or self._fn["shell"]:
            for value in returned:
                escaping.update(n.id for n in ast.walk(value) if isinstance(n, ast.Name))
            for name, value in assigned:  # in source order: a name made from a unique one is unique too
                if _is_unique(value, unique_names):
                    unique_names.add(name)
        for node, stmt in tmp:
            self._tmp(node, stmt, qualname, unique_names, removed, escaping)
        for node in default_paths:
            self.add("LMI101", node, qualname,
                     f"Hard-coded /tmp path {_str(node)!r}, the default of a parameter of {qualname}, is the same for "
                     "every invocation that does not pass another: the processes serving concurrent invocations on "
                     "LMI share /tmp, so one overwrites or deletes another's file; pass a path with the request id in "
                     "its name and remove the file in a finally block", kind="default")
        for node in self._fn["shell"]:
            self._shell_tmp(node, qualname, unique_names)
        where = "this function" if self._fn["chdir"] else "the module"
        for node in relative:
            if not _is_unique(node, unique_names):
                self.add("LMI101", node, qualname,
                         f"{ast.unparse(node)} in {qualname} is written relative to the working directory, which "
                         f"{where} sets to /tmp (os.chdir): the processes serving concurrent invocations on LMI "
                         "share /tmp, so they write the same file; use an absolute path with the request id in its "
                         "name", kind="cwd")
        self.funcs[qualname] = {"line": fn.lineno, "params": params, "calls": sorted(calls), "deco": decos,
                                "class": cls}

    def _call(self, node: ast.Call, qualname: str, fn: ast.AST, params: list[str], cls: str | None,
              calls: set[str], removed: set[str], cached_calls: set[int], cached_fn: bool,
              local_sessions: set[str], local_loggers: dict[str, str], shadowed: set[str]) -> None:
        func = node.func
        name = dotted(func)
        full = self.full_name(name) if name and name.split(".", 1)[0] not in (shadowed - local_sessions) else name
        cached = cached_fn or id(node) in cached_calls
        if full in SDK_CALLS and not isinstance(func, ast.Attribute) and not cached and not _made_for_request(
                node, params, fn):
            service = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
            self.add("LMI103", node, qualname,
                     f"{name}({service!r}) creates an AWS SDK {SDK_CALLS[full]} on every invocation of {qualname}: "
                     "create it once at module level (boto3 clients are safe to reuse; each LMI Python process "
                     "keeps its own)", target=full, service=service)
        elif full in DB_CALLS and not cached:
            self.add("LMI102", node, qualname,
                     f"{name}(...) opens a {DB_CALLS[full]} on every invocation of {qualname}: on LMI each Python "
                     "process serves invocations one after another, so open it once per process at module level "
                     "(total connections = pool size × concurrency)",
                     target=full)
        elif isinstance(func, ast.Attribute) and func.attr in SESSION_METHODS and not cached:
            kind = SESSION_METHODS[func.attr]
            receiver = func.value
            flagged = False
            if full in SDK_CALLS or isinstance(receiver, ast.Call) and self.full_name(dotted(receiver.func)) in SESSION_CALLS or isinstance(receiver, ast.Name) and (receiver.id in local_sessions or (
                    receiver.id in self.module_sessions and receiver.id not in shadowed)):
                flagged = True
            if flagged and not _made_for_request(node, params, fn):
                service = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
                what = f"{name or func.attr}({service!r})" if service else f"{name or func.attr}(...)"
                self.add("LMI103", node, qualname,
                         f"{what} creates an AWS SDK {kind} on every invocation of {qualname}: create it once at "
                         "module level (boto3 clients are safe to reuse; each LMI Python process keeps its own)",
                         target=full or func.attr, service=service)
        elif name == "print" and "print" not in shadowed:
            if not _has_request_id(node):
                self.add("LMI104", node, qualname,
                         f"print() in {qualname} writes a plain line without the request id: the log lines of the "
                         "processes serving concurrent invocations interleave in one stream and cannot be told "
                         "apart (Lambda's logging handler adds the request id; print does not)",
                         kind="print")
        elif isinstance(func, ast.Attribute) and func.attr in LOG_METHODS:
            logger = dotted(func.value)
            kind = None
            if logger is not None:
                if logger in local_loggers:
                    kind = local_loggers[logger]
                elif logger in self.module_loggers and logger not in shadowed:
                    kind = self.module_loggers[logger]
                elif self.full_name(logger) == "logging":
                    kind = "std"
                else:
                    target = self.imports.get(logger.split(".")[0])
                    if target and target[1] and "logger" in target[1].lower():
                        kind = "imported"
            elif isinstance(func.value, ast.Call):
                kind = self._logger_kind(func.value)
            if kind and not _has_request_id(node):
                self.add("LMI104", node, qualname,
                         f"{name or func.attr}(...) in {qualname} logs without the request id", kind=kind,
                         logger=logger or "")
        if isinstance(func, ast.Attribute) and func.attr in (
                "append_keys", "bind_contextvars", "set_correlation_id", "bind", "new") and _has_request_id(node):
            self.log["rid_bound"] = True
        if full == "os.chdir" and node.args and _str(node.args[0]) in TMP_DIRS:
            self._fn["chdir"] = True
        elif _wipes_tmp(full, node):
            self._wipe(node, qualname)
        elif full in SHELL_CALLS and node.args:
            self._fn["shell"].append(node)
        elif node.args and (full == "open" or name == "open") and "open" not in shadowed:
            path = _str(node.args[0])
            mode = _str(node.args[1]) if len(node.args) > 1 else next(
                (_str(k.value) for k in node.keywords if k.arg == "mode"), "r")
            if path and not path.startswith(("/", "~")) and mode and any(c in mode for c in WRITE_MODES):
                self._fn["relative"].append(node.args[0])
        elif isinstance(func, ast.Attribute) and func.attr in ("write_text", "write_bytes") and \
                isinstance(func.value, ast.Call) and (dotted(func.value.func) or "").endswith("Path") and \
                func.value.args and not (_str(func.value.args[0]) or "/").startswith(("/", "~")):
            self._fn["relative"].append(func.value.args[0])
        if name in REMOVE_CALLS or (full in REMOVE_CALLS):
            for arg in node.args[:1]:
                removed.update(n.id for n in ast.walk(arg) if isinstance(n, ast.Name))
        elif isinstance(func, ast.Attribute) and func.attr in ("unlink", "rmdir", "cleanup"):
            removed.update(n.id for n in ast.walk(func.value) if isinstance(n, ast.Name))
        elif full == "tempfile.TemporaryDirectory" or full == "tempfile.NamedTemporaryFile":
            pass

    def _wipe(self, node: ast.Call, qualname: str, *, mod: bool = False) -> None:
        where = "at import" if mod else f"in {qualname}"
        self.add("LMI101", node, qualname,
                 f"{ast.unparse(node)[:80]} {where} deletes everything in /tmp: the processes serving concurrent "
                 "invocations on LMI share /tmp, so it deletes the files other invocations are using; delete only "
                 "this invocation's own files (a folder from tempfile.mkdtemp(), removed in a finally block)",
                 kind="wipe", sev="error", **({"mod": True} if mod else {}))

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
                tool = (_str(parent.elts[0]) or "").rsplit("/", 1)[-1] if parent.elts else ""
                return tool in WRITING_TOOLS and parent.elts[0] is not node
        return False

    def _writing_command(self, call: ast.AST | None) -> bool:
        """A subprocess or shell call whose program is one of the tools that write files (unzip, tar, cp…)."""
        if not isinstance(call, ast.Call) or not call.args or self.full_name(dotted(call.func)) not in SHELL_CALLS:
            return False
        command = call.args[0]
        if isinstance(command, (ast.List, ast.Tuple)):
            first = _str(command.elts[0]) if command.elts else None
        else:
            first = (_str(command) or _str(command.values[0] if isinstance(command, ast.JoinedStr) and command.values
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
        if (_str(parts[0]) or "").startswith("/tmp"):
            return  # the path itself leads the command: found as a /tmp path on its own
        words = " ".join(_str(p) or "X" for p in parts).split()
        tool = words[0].rsplit("/", 1)[-1] if words else ""
        if tool in ("echo", "printf", "logger") and ">" not in " ".join(words):
            return  # a message that names a path (not redirected into it)

        for i, part in enumerate(parts):
            text = _str(part)
            if text is None:
                continue
            for match in _CMD_TMP.finditer(text):
                name = (match.group(1) or "").strip("/")
                follows = parts[i + 1] if match.end() == len(text) and i + 1 < len(parts) else None
                if follows is not None:
                    if _is_unique(follows, unique_names):
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

    def _tmp(self, node: _TmpNode, stmt: ast.stmt, qualname: str, unique_names: set[str], removed: set[str],
             escaping: set[str]) -> None:
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
            if removed:
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
        unique = _is_unique(root, unique_names)
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
        if target is None and isinstance(stmt, (ast.With, ast.AsyncWith)):
            return
        self.add("LMI101", node, qualname,
                 f"/tmp path {shown!r} in {qualname} is unique per request but never removed: the execution "
                 "environment lives for hours and serves many invocations, so files left behind fill /tmp; remove "
                 "it in a finally block",
                 kind="cleanup", var=target, sev="info")


PARSER_AST = "python-ast"
PARSER_NEWER = "libcst (Python 3.12+ syntax)"


def extract(text: str) -> dict[str, Any]:
    """The facts of one Python file; ``ParseFailure`` with the line when it is not valid Python.

    Parsed with this interpreter's ``ast``; a file it rejects is parsed again with libcst's native parser, which
    knows the newest grammar (PEP 701 f-strings that reuse their quotes, PEP 695 type parameters and ``type``
    aliases), and read through an equivalent text the interpreter accepts (same lines). ``facts["parser"]``
    says which. A UTF-8 byte-order mark is not part of the code (columns on line 1 still count it)."""
    bom = text.startswith("\ufeff")
    body = text[1:] if bom else text
    parser = PARSER_AST
    try:
        tree = ast.parse(body)
    except SyntaxError as error:
        newer = _may_be_newer(body, error)
        downgraded = _older_syntax(body) if newer else None
        if downgraded is None:
            also = "; libcst's parser for newer Python rejects it too" if newer else ""
            raise ParseFailure((error.msg or "invalid syntax") + also, error.lineno) from None
        body, tree = downgraded
        parser = PARSER_NEWER
    except (ValueError, MemoryError) as error:
        raise ParseFailure(str(error) or "invalid source", None) from None
    facts = _Extractor(body, tree).run()
    if bom:
        for cand in facts["cands"]:
            if cand["line"] == 1:
                cand["col"] += 1
            if cand["end_line"] == 1:
                cand["end_col"] += 1
    facts["parser"] = parser
    return facts


_MAX_NESTING = 150


# Syntax newer than 3.11 somewhere in the file (type parameters and aliases), or near the error (f-strings and
# t-strings with any prefix, ``except A, B:``)
_NEWER_ANYWHERE = re.compile(r"^[ \t]*type[ \t]+\w+.*=|\b(?:def|class)[ \t]+\w+[ \t]*\[", re.MULTILINE)
_NEWER_NEAR = re.compile(r"""(?i)(?:(?<![\w.])[rb]?[ft][rb]?["']|^[ \t]*except\b[^:(]*,)""", re.MULTILINE)


def _may_be_newer(text: str, error: SyntaxError) -> bool:
    """Whether libcst's parser should try a file ``ast`` rejected: the error may come from syntax newer than this
    interpreter (PEP 701 f-strings, PEP 695 type parameters, PEP 758 ``except A, B:``, PEP 750 t-strings), seen
    in the file (type parameters) or on the lines around the error (the others). Not when ``ast`` gave up on
    nesting, nor when the text is nested so deeply that libcst's native parser would exhaust its stack (it
    crashes the process at a few thousand levels; ``ast`` stops at 200). Parsing a large broken file again costs
    seconds, so a plain syntax error far from any newer construct is not tried."""
    if "too many nested" in (error.msg or "") or "too complex" in (error.msg or ""):
        return False
    if "f-string" not in (error.msg or "") and not _NEWER_ANYWHERE.search(text):
        line = error.lineno or 1
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        first = starts[max(0, min(len(starts), line - 4))] if starts else 0
        last = starts[line + 1] if line + 1 < len(starts) else len(text)
        if not _NEWER_NEAR.search(text, first, last):
            return False
    depth = deepest = 0
    for char in text:
        if char in "([{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > _MAX_NESTING:
                    return False
        elif char in ")]}":
            depth -= 1
    return True


def _older_syntax(text: str) -> tuple[str, ast.Module] | None:
    """(an equivalent text that this interpreter's ``ast`` parses, its tree) for newer syntax libcst accepts;
    None when libcst rejects the file too or the rewrite is not enough. Every line stays where it was (columns
    may move on the lines rewritten).

    First pass: f-strings nested in a replacement field take a quote the enclosing ones do not use, type
    parameters are dropped, ``type X = ...`` becomes ``X = ...``, t-strings become f-strings, ``except A, B:``
    gets its parentheses. If that is not enough (a backslash or a comment in a replacement field, three levels
    of nesting), second pass: each replacement field that 3.11 cannot hold is replaced by a tuple of the names
    it reads (``{"\\n".join(parts)}`` → ``{(parts,)}``), so what the rules look at in it (the request id, a uuid,
    the functions it calls) is still there."""
    import libcst as cst

    try:
        module = cst.parse_module(text)
    except Exception:  # noqa: BLE001 - libcst's errors: the file is not Python for either parser
        return None
    for simplify in (False, True):
        try:
            older = module.visit(_Older(module, simplify)).code
            return older, ast.parse(older)
        except Exception:  # noqa: BLE001 - still not readable by this interpreter
            continue
    return None


def _Older(module: Any, simplify: bool) -> Any:
    import libcst as cst

    def quote_char(quote: str) -> str:
        return quote[0]

    def names_in(node: Any) -> list[str]:
        """The Name and dotted Attribute chains an expression reads, in order, once each."""
        found: list[str] = []

        class Names(cst.CSTVisitor):
            def visit_Attribute(self, attr: Any) -> bool:
                code = module.code_for_node(attr.with_changes(lpar=[], rpar=[]))
                if re.fullmatch(r"[A-Za-z_][\w.]*", code):
                    found.append(code)
                    return False
                return True

            def visit_Name(self, name: Any) -> None:
                found.append(name.value)

        node.visit(Names())
        return list(dict.fromkeys(found))

    class Older(cst.CSTTransformer):
        def __init__(self) -> None:
            super().__init__()
            self.quotes: list[str] = []     # the quote characters of the enclosing f-strings
            self.chosen: list[str] = []     # the quote each open f-string will take

        def _pick(self, start_quote: str, inner: str) -> str:
            """A quote for a string nested in replacement fields: not a character the enclosing f-strings use,
            not one its own text holds."""
            triple = len(start_quote) == 3
            for char in (start_quote[0], "'" if start_quote[0] == '"' else '"'):
                if char not in self.quotes and char not in inner:
                    return char * 3 if triple else char
            return start_quote

        def visit_FormattedString(self, node: Any) -> None:
            quote = node.end
            inner = module.code_for_node(node)[len(node.start):-len(node.end)]
            literal = "".join(p.value for p in node.parts if isinstance(p, cst.FormattedStringText))
            chosen = self._pick(quote, literal) if self.quotes else quote
            if simplify and "\n" in inner and len(chosen) == 1:
                chosen = chosen * 3   # a replacement field over several lines needs a triple-quoted string
            self.chosen.append(chosen)
            self.quotes.append(quote_char(chosen))

        def leave_FormattedString(self, original: Any, updated: Any) -> Any:
            chosen = self.chosen.pop()
            self.quotes.pop()
            prefix = updated.start[: len(updated.start) - len(updated.end)]
            return updated.with_changes(start=prefix + chosen, end=chosen)

        def leave_SimpleString(self, original: Any, updated: Any) -> Any:
            if not self.quotes:
                return updated
            value = updated.value
            prefix = value[: len(value) - len(value.lstrip("rRbBuU"))]
            body = value[len(prefix):]
            quote = body[:3] if body[:3] in ('"""', "'''") else body[:1]
            if quote_char(quote) not in self.quotes:
                return updated
            inner = body[len(quote):-len(quote)]
            chosen = self._pick(quote, inner)
            return updated.with_changes(value=prefix + chosen + inner + chosen)

        def leave_FormattedStringExpression(self, original: Any, updated: Any) -> Any:
            if not simplify:
                return updated
            code = module.code_for_node(original.expression)
            around = module.code_for_node(original.whitespace_before_expression) + \
                module.code_for_node(original.whitespace_after_expression)
            if not any(c in code + around for c in "\\#\n\"'"):
                return updated
            names = names_in(original.expression)
            lines = (code + around).count("\n")
            elements = ", ".join(names) + ("," if len(names) == 1 else "")
            tuple_code = "(" + (elements or "None") + "\n" * lines + ")"
            return updated.with_changes(expression=cst.parse_expression(tuple_code),
                                        whitespace_before_expression=cst.SimpleWhitespace(""),
                                        whitespace_after_expression=cst.SimpleWhitespace(""))

        def leave_FunctionDef(self, original: Any, updated: Any) -> Any:
            return updated.with_changes(type_parameters=None) if getattr(updated, "type_parameters", None) \
                else updated

        def leave_ClassDef(self, original: Any, updated: Any) -> Any:
            return updated.with_changes(type_parameters=None) if getattr(updated, "type_parameters", None) \
                else updated

        def leave_TypeAlias(self, original: Any, updated: Any) -> Any:
            return cst.Assign(targets=[cst.AssignTarget(updated.name)], value=updated.value)

        def leave_ExceptHandler(self, original: Any, updated: Any) -> Any:
            kind = updated.type
            if isinstance(kind, cst.Tuple) and not kind.lpar:
                return updated.with_changes(type=kind.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()]))
            return updated

        def leave_ExceptStarHandler(self, original: Any, updated: Any) -> Any:
            return self.leave_ExceptHandler(original, updated)

        def leave_TemplatedString(self, original: Any, updated: Any) -> Any:
            def part(p: Any) -> Any:
                if isinstance(p, cst.TemplatedStringText):
                    return cst.FormattedStringText(value=p.value)
                return cst.FormattedStringExpression(
                    expression=p.expression, conversion=p.conversion,
                    format_spec=[part(s) for s in p.format_spec] if p.format_spec is not None else None,
                    whitespace_before_expression=p.whitespace_before_expression,
                    whitespace_after_expression=p.whitespace_after_expression, equal=p.equal)

            start = updated.start.replace("t", "f").replace("T", "F")
            return cst.FormattedString(parts=[part(p) for p in updated.parts], start=start, end=updated.end,
                                       lpar=updated.lpar, rpar=updated.rpar)

    return Older()


_PER_REQUEST_KEYWORDS = frozenset({"region_name", "endpoint_url", "aws_access_key_id", "aws_secret_access_key",
                                   "aws_session_token"})
_CREDENTIAL_KEYWORDS = frozenset({"aws_access_key_id", "aws_secret_access_key", "aws_session_token"})


def _from_event(fn: ast.AST | None, params: list[str]) -> set[str]:
    """The parameters and the locals of ``fn`` assigned from them (``my_event = EventBridgeEvent(event)``, ``region =
    my_event.region``), to a fixed point; the Lambda context is left out (its values are the same for every request)."""
    derived = set(params)
    seeds = set(params) - CONTEXT_NAMES
    if fn is None:
        return derived
    assigns = [(t, node.value) for node in ast.walk(fn) if isinstance(node, ast.Assign) for t in node.targets
               if isinstance(t, ast.Name)]
    changed = True
    while changed:
        changed = False
        for target, value in assigns:
            if target.id not in seeds and {n.id for n in ast.walk(value) if isinstance(n, ast.Name)} & seeds:
                seeds.add(target.id)
                changed = True
    return derived | seeds


def _made_for_request(call: ast.Call, params: list[str], fn: ast.AST | None = None) -> bool:
    """A client whose Region, endpoint or credentials come from the function's parameters (the event), directly or
    through locals built from it, or whose credentials are looked up in the function (``creds["AccessKeyId"]`` of an
    assume_role answer): it is per request by design, and hoisting it would serve one tenant's or Region's client to
    every request."""
    from_event = _from_event(fn, params)
    for keyword in call.keywords:
        if keyword.arg not in _PER_REQUEST_KEYWORDS or isinstance(keyword.value, ast.Constant):
            continue
        names = {n.id for n in ast.walk(keyword.value) if isinstance(n, ast.Name)}
        if names & from_event:
            return True
        if keyword.arg in _CREDENTIAL_KEYWORDS and isinstance(keyword.value, ast.Subscript):
            return True
    return False
