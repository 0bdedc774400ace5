"""Hostile input for the scan and its patches: no traceback, no lost edit, a clear message and an exit code that
says what happened (0 clean, 1 findings at or above --fail-on, 2 the scan could not do its job)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from tests.readiness._pyhelp import SAM, found, handler_project, write
from workbench.cli import main
from workbench.readiness import patches
from workbench.readiness.patches import ConcurrentEditError, apply_finding, undo_patch
from workbench.store import Store

ROOT = Path(__file__).resolve().parents[2]

APP = """
import boto3

def handler(event, context):
    s3 = boto3.client("s3")
    return s3
"""
EDITOR = "# saved in the editor while the patch was applied\nimport boto3\n"


def _finding(tmp_path):
    result = handler_project(tmp_path / "p", APP)
    [finding] = found(result, "LMI103")
    return result, finding


# ----- a concurrent edit is never lost ------------------------------------------------------------------------


def _rename_save(path: Path) -> None:
    """What most editors do: write a new file beside it and rename it over."""
    tmp = path.with_name(path.name + ".swp")
    tmp.write_text(EDITOR)
    os.replace(tmp, path)


def _in_place_save(path: Path) -> None:
    """What others do (vim's backupcopy=yes, many IDEs): truncate and write the same file."""
    with open(path, "r+") as handle:
        handle.truncate(0)
        handle.write(EDITOR)


def _process_save(path: Path) -> None:
    subprocess.run([sys.executable, "-c",
                    "import os, sys; p = sys.argv[1]; open(p + '.new', 'w').write(sys.argv[2]); "
                    "os.replace(p + '.new', p)", str(path), EDITOR], check=True)


@pytest.fixture(params=["exchange", "fallback"])
def swap_mode(request, monkeypatch):
    """Both ways of swapping the file in: Linux's atomic exchange and the link-and-replace fallback."""
    if request.param == "fallback":
        monkeypatch.setattr(patches, "_exchange", lambda a, b: False)
    elif not patches._exchange_supported(Path(tempfile.gettempdir())):
        pytest.skip("renameat2(RENAME_EXCHANGE) is not available on this system")
    return request.param


@pytest.mark.parametrize("writer", [_rename_save, _in_place_save, _process_save],
                         ids=["rename-save", "in-place-save", "other-process"])
def test_an_edit_saved_during_apply_is_kept(tmp_path, monkeypatch, swap_mode, writer):
    result, finding = _finding(tmp_path)
    path = result.root / finding.path
    calls = []

    def concurrent_writer(target: Path) -> None:
        # a real writer on another thread, run between the content check and the swap
        calls.append(target)
        thread = threading.Thread(target=writer, args=(target,))
        thread.start()
        thread.join()

    monkeypatch.setattr(patches, "_before_swap", concurrent_writer)
    with Store.open(tmp_path / "s.sqlite", author="alice") as store:
        with pytest.raises(ConcurrentEditError, match="saved while the patch was being applied"):
            apply_finding(store, result.root, finding)
        from workbench.models.findings import PatchRecord

        assert store.list(PatchRecord) == []  # nothing recorded for a patch that was not applied
    assert calls == [path]
    assert path.read_text() == EDITOR
    assert sorted(p.name for p in path.parent.iterdir()) == ["app.py"]  # no temp or backup files left


def test_an_edit_saved_during_undo_is_kept(tmp_path, monkeypatch, swap_mode):
    result, finding = _finding(tmp_path)
    path = result.root / finding.path
    with Store.open(tmp_path / "s.sqlite", author="alice") as store:
        applied = apply_finding(store, result.root, finding)
        monkeypatch.setattr(patches, "_before_swap", _rename_save)
        with pytest.raises(ConcurrentEditError):
            undo_patch(store, applied.record_id)
    assert path.read_text() == EDITOR


def test_apply_without_a_concurrent_edit_swaps_the_file(tmp_path, swap_mode):
    result, finding = _finding(tmp_path)
    path = result.root / finding.path
    apply_finding(None, result.root, finding)
    assert path.read_text() == result.new_text(finding)
    assert sorted(p.name for p in path.parent.iterdir()) == ["app.py"]


# ----- file system details kept ---------------------------------------------------------------------------------


def test_hard_links_are_kept(tmp_path, swap_mode):
    result, finding = _finding(tmp_path)
    path = result.root / finding.path
    other = tmp_path / "linked-copy.py"
    os.link(path, other)
    apply_finding(None, result.root, finding)
    assert path.read_text() == result.new_text(finding)
    assert os.stat(path).st_ino == os.stat(other).st_ino and other.read_text() == path.read_text()


def test_crlf_files_stay_crlf(tmp_path, capsys):
    root = write(tmp_path / "p", {"template.yaml": SAM})
    (root / "src").mkdir()
    source = APP.lstrip("\n").replace("\n", "\r\n").encode()
    (root / "src" / "app.py").write_bytes(source)
    assert main(["scan", str(root), "--fix", "safe"]) == 0
    data = (root / "src" / "app.py").read_bytes()
    assert data != source and b"s3 = boto3.client" in data
    assert data.count(b"\n") == data.count(b"\r\n"), data


def test_utf8_bom_python_is_analysed_and_fixed_with_its_bom(tmp_path, capsys):
    root = write(tmp_path / "p", {"template.yaml": SAM})
    (root / "src").mkdir()
    (root / "src" / "app.py").write_bytes(b"\xef\xbb\xbf" + APP.lstrip("\n").encode())
    assert main(["scan", str(root), "--format", "json", "--fail-on", "warning"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in data["findings"]] == ["LMI103"] and data["failed"] == []
    assert main(["scan", str(root), "--fix", "safe"]) == 0
    fixed = (root / "src" / "app.py").read_bytes()
    assert fixed.startswith(b"\xef\xbb\xbfimport boto3") and b's3 = boto3.client("s3")\n' in fixed


def test_readonly_fix_is_refused(tmp_path, capsys):
    root = write(tmp_path / "p", {"template.yaml": SAM, "src/app.py": APP})
    before = (root / "src" / "app.py").read_bytes()
    code = main(["scan", str(root), "--fix", "safe", "--readonly", "--store", str(tmp_path / "s.sqlite")])
    assert code == 2
    assert "--readonly" in capsys.readouterr().err
    assert (root / "src" / "app.py").read_bytes() == before


# ----- names, folders and files the user cannot use ---------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "markdown"])
def test_a_file_name_that_is_not_utf8_is_listed_not_a_crash(tmp_path, capsys, fmt):
    root = write(tmp_path / "p", {"template.yaml": SAM, "src/app.py": APP})
    bad = os.path.join(os.fsencode(root / "src"), b"caf\xe9.py")
    with open(bad, "wb") as handle:
        handle.write(APP.encode())
    code = main(["scan", str(root), "--format", fmt])
    captured = capsys.readouterr()
    assert code == 0
    captured.out.encode("utf-8")  # printable as UTF-8
    assert "xe9.py" in captured.out and "not valid UTF-8" in captured.out
    assert "Traceback" not in captured.err


@pytest.fixture
def shared_dir():
    """A folder another user can enter (for the tests that run the CLI as an unprivileged user when root)."""
    path = Path(tempfile.mkdtemp(prefix="lmi-hostile-"))
    path.chmod(0o755)
    yield path
    for dirpath, dirnames, _ in os.walk(path):
        for name in dirnames:
            os.chmod(os.path.join(dirpath, name), 0o755)
    shutil.rmtree(path, ignore_errors=True)


def _cli_as_user(args: list[str]) -> subprocess.CompletedProcess:
    """The CLI in a fresh process; as root, under the unprivileged uid 65534 (util-linux ``setpriv``) so that
    file permissions apply."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LMI_WORKBENCH_DATA_DIR": tempfile.gettempdir()}
    command = [sys.executable, "-m", "workbench.cli", *args]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without util-linux setpriv: permissions cannot be tested")
        command = ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=tempfile.gettempdir(), timeout=120)


def _world(root: Path) -> None:
    for dirpath, dirnames, filenames in os.walk(root):
        os.chmod(dirpath, 0o755)
        for name in filenames:
            os.chmod(os.path.join(dirpath, name), 0o644)


def test_an_unreadable_folder_is_listed_and_exits_2(shared_dir):
    root = write(shared_dir / "p", {"template.yaml": SAM, "src/app.py": APP, "src/secret/inner.py": APP})
    _world(root)
    os.chmod(root / "src" / "secret", 0o000)
    done = _cli_as_user(["scan", str(root), "--format", "json"])
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2, done.stderr
    data = json.loads(done.stdout)
    assert {"path": "src/secret", "reason": "unreadable folder: Permission denied"} in data["skipped"]
    assert data["summary"]["unreadable"] == 1
    assert [f["rule"] for f in data["findings"]] == ["LMI103"]
    done = _cli_as_user(["scan", str(root), "--allow-incomplete"])
    assert done.returncode == 0, done.stderr


def test_fix_on_a_file_the_user_cannot_write_says_so(shared_dir):
    root = write(shared_dir / "p", {"template.yaml": SAM, "src/app.py": APP})
    _world(root)
    os.chmod(root / "src" / "app.py", 0o444)
    before = (root / "src" / "app.py").read_bytes()
    done = _cli_as_user(["scan", str(root), "--fix", "safe"])
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2
    assert "src/app.py: not writable" in done.stderr
    assert (root / "src" / "app.py").read_bytes() == before


def test_parse_failures_exit_2_and_name_the_parser(tmp_path, capsys):
    root = write(tmp_path / "p", {"template.yaml": SAM, "src/app.py": APP, "src/broken.py": "def f(:\n"})
    assert main(["scan", str(root), "--format", "json"]) == 2
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["unparsed"] == 1 and data["failed"][0]["path"] == "src/broken.py"
    parsers = {f["path"]: f["parser"] for f in data["files"]}
    assert parsers["src/app.py"] == "python-ast" and parsers["template.yaml"] == "yaml"
    assert main(["scan", str(root), "--allow-incomplete"]) == 0
    for fmt in ("text", "markdown", "sarif"):
        capsys.readouterr()
        assert main(["scan", str(root), "--format", fmt]) == 2
        out = capsys.readouterr().out
        assert "src/broken.py" in out and "could not parse" in out


def test_an_internal_error_exits_2_not_1(tmp_path, capsys, monkeypatch):
    root = write(tmp_path / "p", {"template.yaml": SAM, "src/app.py": APP})
    import workbench.readiness.scanner as scanner

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(scanner, "scan", broken)
    assert main(["scan", str(root)]) == 2
    err = capsys.readouterr().err
    assert "internal error" in err and "RuntimeError: a bug" in err and "Traceback" not in err


def test_two_store_scans_of_one_session_at_once(tmp_path, capsys):
    """The second scan's store write lands while the first is between reading and writing the findings."""
    from workbench.models.findings import Finding
    from workbench.readiness.findings import sync_findings
    from workbench.readiness.scanner import scan

    root = write(tmp_path / "p", {"template.yaml": SAM, "src/app.py": APP})
    path = tmp_path / "s.sqlite"
    first = scan(root, workers=0)
    with Store.open(path, author="a") as a, Store.open(path, author="b") as b:
        original_put = a.put
        raced = []

        def put_after_the_other(doc, **kwargs):
            if not raced:
                raced.append(True)
                sync_findings(b, scan(root, workers=0))  # the other process gets there first
            return original_put(doc, **kwargs)

        a.put = put_after_the_other
        sync_findings(a, first)
        assert [s.doc.rule for s in a.list(Finding)] == ["LMI103"]


NEWER = '''
import boto3

type Keys = list[str]


def handler[T](event: T, context):
    s3 = boto3.client("s3")
    print(f"{event["key"]}: {f"{context.aws_request_id}"}")
    return s3.list_buckets()
'''


def test_python_312_syntax_is_read_and_its_parser_named(tmp_path, capsys):
    """Nested same-quote f-strings (PEP 701), type parameters and aliases (PEP 695): this interpreter's ast
    (3.11) rejects them; libcst's parser reads them, and the report says so for that file."""
    root = write(tmp_path / "p", {"template.yaml": SAM, "src/app.py": NEWER, "src/old.py": "X = 1\n"})
    assert main(["scan", str(root), "--format", "json", "--fail-on", "never"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["failed"] == []
    assert [(f["rule"], f["line"]) for f in data["findings"]] == [("LMI103", 7)]
    parsers = {f["path"]: f["parser"] for f in data["files"]}
    assert parsers["src/app.py"] == "libcst (Python 3.12+ syntax)" and parsers["src/old.py"] == "python-ast"
    assert main(["scan", str(root), "--fix", "safe"]) == 0
    fixed = (root / "src" / "app.py").read_text()
    assert 's3 = boto3.client("s3")\n' in fixed.split("def handler")[0]
    assert 'print(f"{event["key"]}' in fixed  # the file's own syntax is kept
    capsys.readouterr()
    assert main(["scan", str(root)]) == 0
    assert "libcst (Python 3.12+ syntax): src/app.py" in capsys.readouterr().out


def test_fix_on_a_file_with_a_255_character_name(tmp_path, capsys):
    name = "x" * 252 + ".py"
    root = write(tmp_path / "p", {"template.yaml": SAM.replace("app.handler", "x" * 252 + ".handler"),
                                  f"src/{name}": APP})
    assert main(["scan", str(root), "--fix", "safe"]) == 0, capsys.readouterr().err
    assert 's3 = boto3.client("s3")\n\n' in (root / "src" / name).read_text()
    assert sorted(p.name for p in (root / "src").iterdir()) == [name]


def test_a_single_file_target_with_a_name_that_is_not_utf8(tmp_path, capsys):
    bad = os.path.join(os.fsencode(tmp_path), b"caf\xe9.py")
    with open(bad, "wb") as handle:
        handle.write(APP.encode())
    assert main(["scan", os.fsdecode(bad), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["skipped"] == [{"path": "caf\\xe9.py", "reason": "file name is not valid UTF-8: not scanned "
                                                                "(rename it to scan it)"}]
    assert "xe9.py" in data["target"]


def test_fix_in_a_folder_the_user_cannot_write_writes_the_file_in_place(shared_dir):
    root = write(shared_dir / "p", {"template.yaml": SAM, "src/app.py": APP})
    _world(root)
    app = root / "src" / "app.py"
    if os.geteuid() == 0:
        os.chown(app, 65534, 65534)  # the file is the user's, the folder is not
    os.chmod(root / "src", 0o555)
    inode = os.stat(app).st_ino
    done = _cli_as_user(["scan", str(root), "--fix", "safe"])
    assert done.returncode == 0, done.stderr
    assert 's3 = boto3.client("s3")\n\n' in app.read_text() and os.stat(app).st_ino == inode


@pytest.mark.parametrize("writer", [_rename_save, _in_place_save], ids=["rename-save", "in-place-save"])
def test_an_edit_saved_while_a_hard_linked_file_is_patched_is_kept(tmp_path, monkeypatch, writer):
    result, finding = _finding(tmp_path)
    path = result.root / finding.path
    os.link(path, tmp_path / "linked-copy.py")
    monkeypatch.setattr(patches, "_before_swap", writer)
    with pytest.raises(ConcurrentEditError):
        apply_finding(None, result.root, finding)
    assert path.read_text() == EDITOR


def test_an_unreadable_file_is_listed_and_exits_2(shared_dir):
    root = write(shared_dir / "p", {"template.yaml": SAM, "src/app.py": APP, "src/secret.py": APP})
    _world(root)
    os.chmod(root / "src" / "secret.py", 0o000)
    done = _cli_as_user(["scan", str(root), "--format", "sarif"])
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2
    run = json.loads(done.stdout)["runs"][0]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert run["invocations"][0]["properties"]["unreadable"] == 1
    assert any("skipped src/secret.py: unreadable: permission denied" in n["message"]["text"]
               for n in run["invocations"][0]["toolExecutionNotifications"])
