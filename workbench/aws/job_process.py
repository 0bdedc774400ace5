"""The child process of ``session_jobs.run_in_process``: reads one JSON request on stdin, runs the job against
the session's store file, and answers with JSON lines on stdout ({"progress": [done, total, message]},
{"done": text} or {"problem": text, "kind": kind}). A line "cancel" on stdin stops it between calls."""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path


def main() -> int:
    from workbench.aws import session_jobs
    from workbench.aws.errors import AwsProblem
    from workbench.aws.session import open_session
    from workbench.config import AwsSettings
    from workbench.store import Store

    request = json.loads(sys.stdin.readline())
    cancel = threading.Event()
    lock = threading.Lock()

    def send(message: dict) -> None:
        with lock:
            sys.stdout.write(json.dumps(message) + "\n")
            sys.stdout.flush()

    def listen() -> None:
        for line in sys.stdin:  # "cancel", or end of input when the app goes away: both stop the job
            if line.strip() == "cancel":
                break
        cancel.set()

    threading.Thread(target=listen, daemon=True).start()
    try:
        job = getattr(session_jobs, session_jobs.JOBS[request["job"]])
        with Store.open(Path(request["store"]), author=request["author"]) as store:
            session = open_session(AwsSettings(**request["settings"]))
            text = job(store, session, *request["args"], on_progress=lambda d, t, m: send({"progress": [d, t, m]}),
                       cancel=cancel, **request["kwargs"])
        send({"done": text})
    except AwsProblem as problem:
        send({"problem": str(problem), "kind": problem.kind.value})
    except Exception as error:  # reported to the person, never a silent death
        send({"problem": f"{type(error).__name__}: {error}", "kind": "service-error"})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
