"""What a /tmp path looks like to the Python facts: the calls that write, remove or wipe files, the tools that fill
a folder, the parts of a name that make it unique per request, and the tests for a path built under /tmp.
"""

from __future__ import annotations

import ast
import re
from typing import TypeGuard

from workbench.readiness.python.facts.vocabulary import dotted, str_of

REMOVE_CALLS = frozenset({"os.remove", "os.unlink", "os.rmdir", "shutil.rmtree", "os.removedirs"})
# Calls that only look at a path: they create nothing, so a unique path used only there is never left behind.
PATH_QUERIES = frozenset({"os.path.exists", "os.path.isfile", "os.path.isdir", "os.path.islink", "os.path.lexists",
                          "os.path.getsize", "os.path.getmtime", "os.stat", "os.lstat", "os.access"})
# Parts of a name that make it unique among concurrent invocations. The process id counts on Python: "Each
# concurrent request runs in a separate process ... Each process handles one request at a time" and /tmp names
# should be "unique per process or per request" ("Python runtime for Lambda Managed Instances", AWS Lambda
# Developer Guide). (Not so for Node.js, Java and .NET, where one process serves concurrent invocations.)
UNIQUE_WORDS = ("request_id", "requestid", "uuid", "mkstemp", "mkdtemp", "temporaryfile", "temporarydirectory",
                "namedtemporaryfile", "spooledtemporaryfile", "getpid", "token_hex", "token_urlsafe", "unique",
                "invocation_id")

# what FunctionFacts hands to TmpFacts._tmp: a "/tmp..." string or f-string, tempfile.gettempdir(), or a name for /tmp
TmpNode = ast.Constant | ast.JoinedStr | ast.Call | ast.Name


# The key of the S3 object an invocation processes (issue 12, f2; the decision is written in
# tests/readiness/test_python_tmp_shared.py): a /tmp name built from it changes with the object but is not unique per
# process or per request, so it is still LMI101, told apart in the message. The key as read from the event
# (``record["s3"]["object"]["key"]``, ``s3_object.key``) or a parameter or local named for it (``key``,
# ``key_name``, ``object_key``, ``s3Key``, ``source_key``...) that is not given a constant.
OBJECT_KEY_NAME = re.compile(r"(?i)^(?:s3|object|obj|source|src|input|file|log|target)?_?key(?:_?name)?$")


def object_key(node: ast.AST) -> bool:
    """``x["object"]["key"]`` / ``x.object.key`` / ``s3_object.key``: the key of the event's S3 object."""
    if isinstance(node, ast.Subscript) and str_of(node.slice) == "key":
        inner = node.value
        return (isinstance(inner, ast.Subscript) and str_of(inner.slice) in ("object", "s3Object")) or \
            (isinstance(inner, ast.Attribute) and inner.attr in ("object", "s3_object"))
    if isinstance(node, ast.Attribute) and node.attr == "key":
        inner = node.value
        text = inner.attr if isinstance(inner, ast.Attribute) else inner.id if isinstance(inner, ast.Name) else ""
        return text.lower() in ("object", "s3_object", "s3object", "obj", "s3_obj")
    return False


def object_key_names(params: list[str], assigned: list[tuple[str, ast.expr]]) -> set[str]:
    """The parameters and locals of a function named for an object key that never hold a constant."""
    constant = {name for name, value in assigned if isinstance(value, ast.Constant)}
    names = {p for p in params if OBJECT_KEY_NAME.match(p)}
    names |= {name for name, _ in assigned if OBJECT_KEY_NAME.match(name)}
    return names - constant


def from_object_key(node: ast.AST, key_names: set[str]) -> bool:
    """The expression reads the processed object's key (``object_key``) or a name holding it."""
    return any(object_key(sub) or (isinstance(sub, ast.Name) and sub.id in key_names) for sub in ast.walk(node))


def is_unique(node: ast.AST, unique_names: set[str]) -> bool:
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
CMD_TMP = re.compile(r"(?:^|(?<=[\s='\"]))/tmp(?=/|[\s'\";]|$)(/[^\s'\";|&<>]*)?")
# Opening a file at import: the file exists from the first import on, in every process of the environment.
OPENERS = frozenset({"open", "io.open", "logging.FileHandler", "logging.handlers.RotatingFileHandler",
                     "logging.handlers.TimedRotatingFileHandler", "logging.handlers.WatchedFileHandler",
                     "sqlite3.connect", "shelve.open", "dbm.open"})
OPENER_ATTRS = frozenset({"write_text", "write_bytes", "touch", "open"})


def is_tmp_dir(node: ast.AST | None) -> bool:
    """``"/tmp"`` or ``tempfile.gettempdir()``: /tmp on Lambda unless the function sets TMPDIR, TEMP or TMP itself
    (none of them is among the runtime's defined variables: "Defined runtime environment variables" in "Working
    with Lambda environment variables", AWS Lambda Developer Guide)."""
    if isinstance(node, ast.Call):
        return not node.args and (dotted(node.func) or "").endswith("gettempdir")
    return str_of(node) in TMP_DIRS


def is_tmp_path(node: ast.AST) -> TypeGuard[ast.expr]:
    """A path built under /tmp: ``os.path.join("/tmp", x)``, ``Path("/tmp") / x``, ``"/tmp/" + x``,
    ``f"/tmp/{x}"`` (a bare "/tmp/name" literal is found on its own)."""
    if isinstance(node, ast.JoinedStr):
        first = str_of(node.values[0]) if node.values else None
        return first is not None and first.startswith("/tmp/") and len(node.values) > 1
    if isinstance(node, ast.Call):
        name = (dotted(node.func) or "").rsplit(".", 1)[-1]
        return name in ("join", "Path", "PurePath", "PosixPath") and len(node.args) > 1 and \
            is_tmp_dir(node.args[0])
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        left = node.left
        return isinstance(left, ast.Call) and (dotted(left.func) or "").rsplit(".", 1)[-1] in (
            "Path", "PurePath", "PosixPath") and len(left.args) == 1 and is_tmp_dir(left.args[0])
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return str_of(node.left) == "/tmp/"
    return False


def wipes_tmp(name: str | None, node: ast.Call) -> bool:
    """``rm -rf /tmp/*`` through a shell or subprocess, or ``shutil.rmtree("/tmp")``."""
    if name in ("shutil.rmtree", "os.rmdir", "os.removedirs"):
        return bool(node.args) and str_of(node.args[0]) in TMP_DIRS
    if name not in SHELL_CALLS or not node.args:
        return False
    arg = node.args[0]
    if isinstance(arg, (ast.List, ast.Tuple)):
        words = [str_of(e) or "" for e in arg.elts]
        return bool(words) and words[0] in ("rm", "/bin/rm") and any(
            w.rstrip("*") in TMP_DIRS for w in words[1:])
    text = str_of(arg) or (ast.unparse(arg) if isinstance(arg, ast.JoinedStr) else "")
    return bool(_RM_TMP.search(text))


# A call that writes the file named by its argument (``df.to_csv("rows.csv")``, ``pd.ExcelWriter("r.xlsx")``,
# ``wb.save("r.xlsx")``, ``s3.download_file(b, k, "in.zip")``): the callee's last name -> the argument's position
# (``write``/``dump`` take content first, ``zipfile.write`` reads its file: not in the list).
# After ``os.chdir("/tmp")`` a fixed relative name given to one is a fixed file in /tmp (corpus_heldout7: a cost
# report written with pandas' ExcelWriter). Reads (``upload_file``, ``read_csv``), logs and path tests are not writes.
_WRITER_NAME = re.compile(r"^(?:to_[a-z_]+|save[a-z_]*|savefig|export[a-z_]*|[A-Za-z]*Writer)$")
_WRITE_AT = {"download_file": 2, "copyfile": 1, "copy": 1, "copy2": 1, "move": 1, "urlretrieve": 1}
# A relative file name: folders and a name with an extension, no spaces (not a message, a key or a sheet name).
_RELATIVE_FILE = re.compile(r"^(?:[\w.-]+/)*[\w-][\w.-]*\.[A-Za-z0-9]{1,5}$")


def relative_file_written(node: ast.Call, name: str | None) -> ast.expr | None:
    """The fixed relative file name a writing call is given (None when there is none)."""
    method = node.func.attr if isinstance(node.func, ast.Attribute) else (name or dotted(node.func) or "")
    method = method.rsplit(".", 1)[-1]
    at = _WRITE_AT.get(method, 0 if _WRITER_NAME.match(method) else None)
    if at is None or len(node.args) <= at:
        return None
    path = str_of(node.args[at])
    if path is None:
        return None
    name = path[2:] if path.startswith("./") else path
    return node.args[at] if not name.startswith(".") and _RELATIVE_FILE.match(name) else None
