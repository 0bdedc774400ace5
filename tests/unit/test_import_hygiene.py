"""`workbench/` is the product without a screen: nothing in it but the App imports Textual, and no pane talks
to AWS. Imports are checked in a fresh interpreter, so what other tests imported does not hide a leak."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Modules of `workbench` that may import Textual: the App shell package (workbench/app/), and nothing else.
ALLOWED_TO_IMPORT_TEXTUAL = {"workbench.app"}

PROBE = r"""
import importlib, json, os, pkgutil, sys, traceback

allowed = set(json.loads(sys.argv[1]))
import workbench

result = {"errors": {}, "first_textual_importer": None}
package_dir = os.path.dirname(workbench.__file__)

class Witness:
    # Records where in workbench/ the first `import textual` came from.
    def find_spec(self, name, path=None, target=None):
        if name == "textual" and result["first_textual_importer"] is None:
            frames = [f for f in traceback.extract_stack() if f.filename.startswith(package_dir)]
            if frames:
                f = frames[-1]
                result["first_textual_importer"] = f"{os.path.relpath(f.filename, os.path.dirname(package_dir))}:{f.lineno}"
        return None

sys.meta_path.insert(0, Witness())
def walk_error(name):  # a subpackage that fails to import while walking would otherwise be skipped silently
    result["errors"][name] = repr(sys.exc_info()[1])
def walk(path, prefix):  # pkgutil.walk_packages, but never entering an allowed package (importing it loads Textual)
    for info in pkgutil.iter_modules(path, prefix):
        if info.name in allowed or any(info.name.startswith(a + ".") for a in allowed):
            continue
        yield info.name
        if info.ispkg:
            try:
                package = importlib.import_module(info.name)
            except Exception:
                walk_error(info.name)
                continue
            yield from walk(package.__path__, info.name + ".")
names = sorted(walk(workbench.__path__, "workbench."))
result["modules"] = names
for name in names:
    try:
        importlib.import_module(name)
    except Exception as error:  # reported, not hidden: a module that cannot import is a failure too
        result["errors"][name] = f"{type(error).__name__}: {error}"
    if result["first_textual_importer"] is None and "textual" in sys.modules:
        result["first_textual_importer"] = name
result["textual_loaded"] = "textual" in sys.modules
print(json.dumps(result))
"""


def probe_imports() -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(sorted(ALLOWED_TO_IMPORT_TEXTUAL))],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_workbench_modules_import_without_textual() -> None:
    result = probe_imports()
    assert "workbench.cli" in result["modules"], "the walk must cover the package"
    assert result["errors"] == {}, f"modules that fail to import: {result['errors']}"
    assert not result["textual_loaded"], (
        f"{result['first_textual_importer']} imports textual; only "
        f"{sorted(ALLOWED_TO_IMPORT_TEXTUAL)} may (import it lazily inside a function, or move the code "
        "to screens/)"
    )


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["serve", "--help"], ["history", "--help"]])
def test_cli_help_and_version_do_not_load_textual(argv: list[str]) -> None:
    script = (
        "import sys\n"
        "from workbench.cli import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('textual', 'boto3', 'botocore', 'pydantic', 'textual_serve', 'aiohttp') "
        "if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "HEAVY=", done.stdout


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):  # walks function bodies too: a lazy import is still an import
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_screens_never_import_boto3() -> None:
    screens = sorted((ROOT / "screens").rglob("*.py"))
    assert screens, "screens/ should hold the panes"
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            name for name in _imported_modules(path) if name.split(".")[0] in {"boto3", "botocore"}
        )
        for path in screens
    }
    offenders = {path: names for path, names in offenders.items() if names}
    assert offenders == {}, f"panes must not call AWS; use workbench/aws/ through the store: {offenders}"
