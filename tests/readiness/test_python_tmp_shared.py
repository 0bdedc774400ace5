"""Python /tmp misses: module-level paths (every process of the execution environment shares /tmp), relative
writes after os.chdir('/tmp'), and wiping /tmp on the request path; and the traps that must stay quiet."""

from __future__ import annotations

import pytest

from tests.readiness._pyhelp import found, handler_project

FOUND = {
    "module-join": ('import os\nMODEL = os.path.join("/tmp", "model.bin")\n\n'
                    'def handler(event, context):\n    return open(MODEL).read()\n', 2, "builds a path under /tmp at import"),
    "module-pathlib": ('from pathlib import Path\nCACHE = Path("/tmp") / "cache"\n\n'
                       'def handler(event, context):\n    CACHE.write_text("x")\n', 2, "at import"),
    "module-fstring": ('import json\nNAME = "x"\nOUT = f"/tmp/{NAME}.json"\n\n'
                       'def handler(event, context):\n    json.dump(event, open(OUT, "w"))\n', 3, "share /tmp"),
    "module-write": ('import json\nwith open("/tmp/cache.json", "w") as f:\n    json.dump({}, f)\n\n'
                     'def handler(event, context):\n    return 1\n', 2, "every Python process"),
    "chdir-in-handler": ('import os\n\ndef handler(event, context):\n    os.chdir("/tmp")\n'
                         '    with open("out.txt", "w") as f:\n        f.write("x")\n', 5, "which this function sets to /tmp"),
    "chdir-at-import": ('import os\nos.chdir("/tmp")\n\ndef handler(event, context):\n'
                        '    with open("out.txt", "a") as f:\n        f.write("x")\n', 5, "which the module sets to /tmp"),
    "rm-rf-shell": ('import subprocess\n\ndef handler(event, context):\n'
                    '    subprocess.run("rm -rf /tmp/*", shell=True)\n', 4, "deletes everything in /tmp"),
    "rm-rf-system": ('import os\n\ndef handler(event, context):\n    os.system("rm -rf /tmp/*")\n', 4, "deletes"),
    "rm-rf-list": ('import subprocess\n\ndef handler(event, context):\n    subprocess.run(["rm", "-rf", "/tmp/"])\n',
                   4, "deletes"),
    "rmtree-tmp": ('import shutil\n\ndef handler(event, context):\n    shutil.rmtree("/tmp", ignore_errors=True)\n',
                   4, "deletes"),
    "glob-remove": ('import glob, os\n\ndef handler(event, context):\n    for f in glob.glob("/tmp/*"):\n'
                    '        os.remove(f)\n', 4, "deletes everything in /tmp"),
}

QUIET = {
    "module-pid": 'import os\nOUT = os.path.join("/tmp", f"cache-{os.getpid()}.json")\n\n'
                  'def handler(event, context):\n    return open(OUT, "w")\n',
    "chdir-no-relative-write": 'import os\n\ndef handler(event, context):\n    os.chdir("/tmp")\n'
                               '    return open("/etc/hostname").read()\n',
    "relative-write-no-chdir": 'def handler(event, context):\n    with open("out.txt", "w") as f:\n'
                               '        f.write("x")\n',
    "rm-own-folder": 'import subprocess\n\ndef handler(event, context):\n'
                     '    subprocess.run(f"rm -rf /tmp/{context.aws_request_id}", shell=True)\n',
    "rmtree-subfolder": 'import shutil, uuid\n\ndef handler(event, context):\n'
                        '    shutil.rmtree(f"/tmp/{uuid.uuid4()}", ignore_errors=True)\n',
    "glob-list-only": 'import glob\n\ndef handler(event, context):\n    return glob.glob("/tmp/*")\n',
    "main-script-not-reached": 'import os\n\ndef handler(event, context):\n    return 1\n\n'
                               'def cleanup():\n    os.system("rm -rf /tmp/*")\n',
}


@pytest.mark.parametrize("name", sorted(FOUND))
def test_found(tmp_path, name):
    app, line, words = FOUND[name]
    result = handler_project(tmp_path / "p", app)
    hits = found(result, "LMI101")
    assert [f.line for f in hits] == [line], [f.message for f in hits]
    assert words in hits[0].message
    if "deletes" in words:
        assert hits[0].severity.value == "error" and hits[0].fix is None


@pytest.mark.parametrize("name", sorted(QUIET))
def test_quiet(tmp_path, name):
    result = handler_project(tmp_path / "p", QUIET[name])
    assert found(result, "LMI101") == [], [f.message for f in found(result, "LMI101")]
