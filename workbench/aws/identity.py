"""Who the workbench is acting as: the caller's ARN and account, asked of STS before any change is confirmed.

``sts:GetCallerIdentity`` needs no permission (AWS STS API Reference, "GetCallerIdentity": "No permissions are
required to perform this operation"), so it answers for any valid credentials; its Account, Arn and UserId are
shown in every confirmation of a mutating plan and recorded with it in the audit log, so nobody applies a
deployment to the wrong account without seeing which one it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.aws.session import AwsSession


@dataclass(frozen=True)
class CallerIdentity:
    account: str
    arn: str
    user_id: str
    region: str

    def describe(self) -> str:
        """One line for a confirmation and the audit log."""
        return f"{self.arn} (account {self.account}) in {self.region}"


def caller_identity(session: AwsSession, region: str | None = None) -> CallerIdentity:
    """The identity behind the session's credentials, asked once per session and Region (AwsProblem on failure)."""
    name = session.resolve_region(region)
    cache: dict[str, CallerIdentity] = session.__dict__.setdefault("_identities", {})
    found = cache.get(name)
    if found is None:
        answer = session.call("sts", "GetCallerIdentity", region=name)
        found = CallerIdentity(account=str(answer.get("Account", "")), arn=str(answer.get("Arn", "")),
                               user_id=str(answer.get("UserId", "")), region=name)
        cache[name] = found
    return found


__all__ = ["CallerIdentity", "caller_identity"]
