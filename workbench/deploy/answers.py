"""AWS answers as the deployment records them: JSON-safe data, a value at a dotted path, a one-line outcome.

The runner stores each step's answer in the plan (:attr:`DeploymentStep.outputs`); later steps read values out of
it through ``${step:ID.Path}`` references (:mod:`workbench.deploy.plan_refs`), and the Deploy pane shows the
outcome line.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any


def json_safe(value: Any) -> Any:
    """An AWS answer as JSON-safe data (times as ISO text, bytes as a length), without ResponseMetadata."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return f"<{len(value)} bytes>"
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def dig(data: Any, path: str) -> Any:
    """``data`` at a dotted path (list items by number); None when any part is missing."""
    for part in path.split(".") if path else []:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


def outcome_of(answer: dict[str, Any]) -> str:
    """The line recorded as a step's outcome: the ARN the answer names (and the version published), else "done"."""
    for path in ("Role.Arn", "CapacityProvider.CapacityProviderArn", "AliasArn", "ScheduleArn", "FunctionArn"):
        found = dig(answer, path)
        if found:
            version = answer.get("Version")
            return f"{found}" + (f" (version {version})" if version and version != "$LATEST" else "")
    if answer.get("FunctionState"):
        return f"function state {answer['FunctionState']}"
    return "done"


__all__ = ["dig", "json_safe", "outcome_of"]
