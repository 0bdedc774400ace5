"""References in a deployment plan's parameters: values that exist only when the plan runs, and the code they name.

A plan is made before anything exists, so some parameters are references. :func:`workbench.deploy.plan_build.
build_plan` writes them; the runner resolves them, step by step, with :func:`resolve`:

* ``${step:<step id>.<dotted path>}`` — a value from an earlier step's answer, e.g.
  ``${step:create-operator-role.Role.Arn}`` or ``${step:publish-version.Version}``;
* ``${aws:account-id}`` — the account of the credentials (STS GetCallerIdentity, read-only), when the plan was
  made without knowing it;
* ``${zip:<directory>#sha256=<hex>}`` / ``${file:<path.zip>#sha256=<hex>}`` — the function's code: the directory
  is zipped (deterministically) when the step runs, and the step refuses to send it if its SHA-256 is no longer
  the one shown in the plan;
* ``${input:function-code}`` — a placeholder: the plan was made without code. The plan can be shown (the demo
  plans this way) but not applied: plan again with ``function_code=DIR`` (``--function-code DIR``) or an
  ``s3://bucket/key.zip`` code location.

A reference that is the whole string is replaced by the value itself; inside a longer string (a policy
document, a schedule's input) it is replaced by its text.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from workbench.deploy.answers import dig
from workbench.models import DeploymentPlan
from workbench.models.deploy import StepStatus

ACCOUNT_REF = "${aws:account-id}"
CODE_PLACEHOLDER = "${input:function-code}"
SKIPPED_IN_ZIP = frozenset({".git", "__pycache__", ".venv", ".DS_Store"})
REFERENCE = re.compile(r"\$\{(step|aws|zip|file|input):([^}]*)\}")


class Unresolved(ValueError):
    """A reference cannot be resolved (an earlier step's output is missing, the code changed)."""


def ref(step_id: str, path: str) -> str:
    """The reference to a value of an earlier step's recorded answer."""
    return f"${{step:{step_id}.{path}}}"


# --- the function's code -------------------------------------------------------------------------------------

def zip_directory(directory: Path) -> bytes:
    """A deterministic zip of ``directory`` (sorted names, fixed timestamps, modes kept; .git, __pycache__ and
    .venv left out), so that the same files always give the same SHA-256."""
    root = Path(directory)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root)
            if any(part in SKIPPED_IN_ZIP for part in rel.parts) or not path.is_file():
                continue
            info = zipfile.ZipInfo(rel.as_posix(), date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = (path.stat().st_mode & 0o777 | 0o100000) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def read_code(location: Path) -> bytes:
    """The zip bytes for a directory (zipped) or a .zip file (read as is). OSError/ValueError name the path."""
    path = Path(location)
    if path.is_dir():
        data = zip_directory(path)
        if not data or len(zipfile.ZipFile(io.BytesIO(data)).namelist()) == 0:
            raise ValueError(f"function code directory {path} holds no files")
        return data
    if path.is_file():
        if not zipfile.is_zipfile(path):
            raise ValueError(f"function code {path} is neither a directory nor a .zip file")
        return path.read_bytes()
    raise FileNotFoundError(f"function code {path} does not exist")


def code_path_of(reference: str) -> tuple[Path, str] | None:
    """(path, sha256) of a ``${zip:...}`` / ``${file:...}`` code reference, or None."""
    for kind in ("zip", "file"):
        prefix = f"${{{kind}:"
        if reference.startswith(prefix) and reference.endswith("}") and "#sha256=" in reference:
            body = reference[len(prefix):-1]
            path, _, digest = body.rpartition("#sha256=")
            return Path(path), digest
    return None


# --- resolving (when a step runs) ------------------------------------------------------------------------------

def resolve(value: Any, plan: DeploymentPlan, *, keep_code: bool, account_id: Callable[[], str]) -> Any:
    """``value`` (a step's parameters) with every reference replaced from ``plan``'s recorded outputs.

    ``keep_code`` leaves code references as their text (what is recorded as sent) instead of the zip bytes;
    ``account_id`` answers ``${aws:account-id}`` (the runner asks STS once). Raises :class:`Unresolved`.
    """
    if isinstance(value, dict):
        return {k: resolve(v, plan, keep_code=keep_code, account_id=account_id) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, plan, keep_code=keep_code, account_id=account_id) for v in value]
    if not isinstance(value, str) or "${" not in value:
        return value
    whole = REFERENCE.fullmatch(value)
    if whole:
        return _lookup(whole.group(1), whole.group(2), value, plan, keep_code=keep_code, account_id=account_id)
    return REFERENCE.sub(lambda m: str(_lookup(m.group(1), m.group(2), m.group(0), plan, keep_code=True,
                                               account_id=account_id)), value)


def _lookup(kind: str, body: str, text: str, plan: DeploymentPlan, *, keep_code: bool,
            account_id: Callable[[], str]) -> Any:
    if kind == "step":
        step_id, _, path = body.partition(".")
        try:
            source = plan.step(step_id)
        except KeyError:
            raise Unresolved(f"{text} names a step that is not in the plan") from None
        value = dig(source.outputs, path) if source.status is StepStatus.DONE else None
        if value is None:
            raise Unresolved(f"{text}: step {step_id} has not recorded {path}")
        return value
    if kind == "aws" and body == "account-id":
        return account_id()
    if kind in ("zip", "file"):
        if keep_code:
            return text
        found = code_path_of(text)
        if found is None:
            raise Unresolved(f"{text} is not a code reference")
        code_path, digest = found
        try:
            data = read_code(code_path)
        except (OSError, ValueError) as error:
            raise Unresolved(f"the function code {code_path} cannot be read ({error})") from None
        if hashlib.sha256(data).hexdigest() != digest:
            raise Unresolved(f"the function code in {code_path} changed since the plan was made (SHA-256 differs)")
        return data
    raise Unresolved(f"{text} has no value (the plan was made without it)")


__all__ = ["ACCOUNT_REF", "CODE_PLACEHOLDER", "REFERENCE", "Unresolved", "code_path_of", "read_code", "ref",
           "resolve", "zip_directory"]
