"""AWS errors in words a person can act on: every botocore failure becomes one :class:`AwsProblem`.

An ``AwsProblem`` has a ``kind`` the UI can branch on (offer to continue offline, show a retry button, name the
IAM action to ask for) and a ``message`` to show as is. Credentials are never part of a message: at most the
profile name and the principal ARN AWS itself reported.

This module imports botocore only inside :func:`translate`, so the UI can import it without loading boto3.
"""

from __future__ import annotations

import difflib
import re
from enum import StrEnum
from typing import TypedDict


class ProblemKind(StrEnum):
    NO_CREDENTIALS = "no-credentials"
    EXPIRED = "expired"
    INVALID_CREDENTIALS = "invalid-credentials"
    DENIED = "denied"
    THROTTLED = "throttled"
    UNREACHABLE = "unreachable"
    NOT_FOUND = "not-found"
    UNKNOWN_REGION = "unknown-region"
    LMI_UNAVAILABLE = "lmi-unavailable"   # a real Region where Lambda Managed Instances is not offered
    NO_REGION = "no-region"
    NO_PROFILE = "no-profile"
    OFFLINE = "offline"
    SERVICE_ERROR = "service-error"
    INVALID_REQUEST = "invalid-request"
    CANCELLED = "cancelled"
    NOT_AWS = "not-aws"  # the endpoint answered, but not in AWS's protocol (an HTML page, a bare 404)


# Kinds after which it makes sense to offer "continue offline" rather than "try again".
OFFLINE_KINDS = frozenset({ProblemKind.NO_CREDENTIALS, ProblemKind.EXPIRED, ProblemKind.INVALID_CREDENTIALS,
                           ProblemKind.UNREACHABLE, ProblemKind.NO_PROFILE, ProblemKind.OFFLINE,
                           ProblemKind.NOT_AWS})


class AwsProblem(Exception):
    """A failed AWS call (or one that cannot be made), explained.

    ``action`` is the IAM action involved (``cloudwatch:GetMetricData``), ``code`` the AWS error code when AWS
    answered, ``attempts`` how many HTTP attempts were made (retries included).
    """

    def __init__(self, kind: ProblemKind, message: str, *, action: str | None = None, code: str | None = None,
                 region: str | None = None, attempts: int | None = None) -> None:
        super().__init__(message)
        self.kind = ProblemKind(kind)
        self.message = message
        self.action = action
        self.code = code
        self.region = region
        self.attempts = attempts

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"AwsProblem({self.kind.value!r}, {self.message!r})"

    @property
    def offer_offline(self) -> bool:
        """True when retrying will not help until the user fixes their setup: continue offline meanwhile."""
        return self.kind in OFFLINE_KINDS

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind.value, "message": self.message, "action": self.action, "code": self.code,
                "region": self.region, "attempts": self.attempts}


class Cancelled(AwsProblem):
    """The user cancelled; raised between calls, never in the middle of one."""

    def __init__(self, message: str = "Cancelled; nothing was changed.") -> None:
        super().__init__(ProblemKind.CANCELLED, message)


# --- error codes, as AWS spells them across protocols ------------------------------------------------------------
EXPIRED_CODES = frozenset({"ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired"})
INVALID_CREDENTIAL_CODES = frozenset({
    "InvalidClientTokenId", "UnrecognizedClientException", "InvalidAccessKeyId", "SignatureDoesNotMatch",
    "IncompleteSignature", "AuthFailure", "InvalidSignatureException", "MissingAuthenticationToken",
    "MissingAuthenticationTokenException", "InvalidToken",
})
DENIED_CODES = frozenset({"AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError",
                          "UnauthorizedException", "Forbidden"})
THROTTLE_CODES = frozenset({
    "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
    "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottled", "SlowDown",
    "ProvisionedThroughputExceededException", "BandwidthLimitExceeded", "LimitExceededException",
})
NOT_FOUND_CODES = frozenset({"ResourceNotFoundException", "ResourceNotFound", "NotFound", "NoSuchEntity",
                             "NoSuchEntityException"})
INVALID_REQUEST_CODES = frozenset({"ValidationError", "ValidationException", "InvalidParameterValue",
                                   "InvalidParameterValueException", "InvalidParameterCombination",
                                   "InvalidParameterException", "InvalidRequestContentException"})

# botocore service name → IAM service prefix where they differ (CloudWatch's endpoint prefix is "monitoring").
IAM_PREFIX = {"monitoring": "cloudwatch"}

_ACTION_IN_MESSAGE = re.compile(r"perform:\s*([A-Za-z0-9-]+:[A-Za-z0-9*]+)")
_PRINCIPAL_IN_MESSAGE = re.compile(r"(arn:aws[a-z-]*:(?:iam|sts)::\d{12}:[^\s]+?)\s+is not authorized")
_XML_CODE = re.compile(r"<Code>([^<]+)</Code>")
_XML_MESSAGE = re.compile(r"<Message>([^<]*)</Message>", re.S)


def iam_action(service: str, operation: str) -> str:
    return f"{IAM_PREFIX.get(service, service)}:{operation}"


def _who(profile: str | None) -> str:
    return f"profile {profile!r}" if profile else "the default credential chain"


def _edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1."""
    rows = [list(range(len(b) + 1))] + [[i + 1] + [0] * len(b) for i in range(len(a))]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, rows[i - 2][j - 2] + 1)
            rows[i][j] = best
    return rows[len(a)][len(b)]


def suggest_region(region: str, known: list[str]) -> str | None:
    """The known Region closest to a mistyped one (``us-esat-1`` → ``us-east-1``), if any is close."""
    typed = region.strip().lower()
    if not known or not typed:
        return None
    best = min(known, key=lambda r: (_edit_distance(typed, r), r))
    if _edit_distance(typed, best) <= 3:
        return best
    close = difflib.get_close_matches(typed, known, n=1, cutoff=0.6)
    return close[0] if close else None


def unknown_region(region: str, known: list[str]) -> AwsProblem:
    hint = suggest_region(region, known)
    tail = f" Did you mean {hint}?" if hint else " Use a Region code such as us-east-1."
    return AwsProblem(ProblemKind.UNKNOWN_REGION, f"{region!r} is not an AWS Region.{tail}", region=region)


def no_region() -> AwsProblem:
    return AwsProblem(ProblemKind.NO_REGION, "No AWS Region chosen: pick one (e.g. --region us-east-1), or set "
                                             "AWS_REGION or a region in your AWS profile.")


def _error_fields(response: dict) -> tuple[str, str]:
    """(code, message) from a parsed error, also when the body was not in the protocol botocore expected
    (some endpoints answer any protocol with an XML ``<ErrorResponse>``: the code is then a bare status)."""
    err = response.get("Error") or {}
    code = str(err.get("Code") or "")
    message = str(err.get("Message") or err.get("message") or "")
    if (not code or code.isdigit()) and "<Code>" in message:
        found = _XML_CODE.search(message)
        code = found.group(1).strip() if found else code
        said = _XML_MESSAGE.search(message)
        message = said.group(1).strip() if said else ""
    return code, message


def translate(error: BaseException, *, service: str, operation: str, region: str | None = None,
              profile: str | None = None, endpoint_url: str | None = None) -> AwsProblem:
    """The AwsProblem for a botocore exception raised by ``service``'s ``operation`` (e.g. "lambda",
    "ListFunctions"). Anything that is not a botocore error is returned as a SERVICE_ERROR with its text."""
    from botocore import exceptions as bx

    action = iam_action(service, operation)
    where = f" in {region}" if region else ""
    if isinstance(error, AwsProblem):
        return error
    if isinstance(error, bx.NoCredentialsError):
        return AwsProblem(ProblemKind.NO_CREDENTIALS,
                          f"No AWS credentials found ({_who(profile)}). Sign in first (`aws configure`, or "
                          "`aws sso login --profile NAME`) or set AWS_PROFILE; you can keep working offline meanwhile.",
                          action=action, region=region)
    if isinstance(error, bx.PartialCredentialsError):
        return AwsProblem(ProblemKind.NO_CREDENTIALS,
                          f"The AWS credentials from {_who(profile)} are incomplete ({error.kwargs.get('cred_var')} "
                          "is missing). Fix the profile or environment; you can keep working offline meanwhile.",
                          action=action, region=region)
    if isinstance(error, (bx.TokenRetrievalError, bx.SSOTokenLoadError, bx.UnauthorizedSSOTokenError)):
        login = f"aws sso login --profile {profile}" if profile else "aws sso login"
        return AwsProblem(ProblemKind.EXPIRED,
                          f"Your AWS sign-in session has expired ({_who(profile)}). Run `{login}` and try again; "
                          "you can keep working offline meanwhile.", action=action, region=region)
    if isinstance(error, bx.CredentialRetrievalError):
        return AwsProblem(ProblemKind.NO_CREDENTIALS,
                          f"Could not obtain AWS credentials from {_who(profile)}: {error.kwargs.get('error_msg', '')}"
                          .rstrip(": ") + ".", action=action, region=region)
    if isinstance(error, bx.ProfileNotFound):
        return AwsProblem(ProblemKind.NO_PROFILE,
                          f"AWS profile {error.kwargs.get('profile')!r} is not in your AWS config "
                          "(~/.aws/config). Check the name with `aws configure list-profiles`.")
    if isinstance(error, bx.NoRegionError):
        return no_region()
    if isinstance(error, (bx.InvalidRegionError, bx.UnknownRegionError)):
        return AwsProblem(ProblemKind.UNKNOWN_REGION, f"{region!r} is not a valid AWS Region name.", region=region)
    if isinstance(error, (bx.EndpointConnectionError, bx.ConnectTimeoutError, bx.ReadTimeoutError,
                          bx.ConnectionClosedError, bx.ProxyConnectionError, bx.SSLError, bx.ConnectionError,
                          bx.HTTPClientError)):
        target = endpoint_url or f"the {IAM_PREFIX.get(service, service)} endpoint{where}"
        reason = {bx.ConnectTimeoutError: "the connection timed out", bx.ReadTimeoutError: "it stopped answering",
                  bx.SSLError: "the TLS handshake failed", bx.ProxyConnectionError: "the proxy refused the connection",
                  }.get(type(error), "the connection failed")
        return AwsProblem(ProblemKind.UNREACHABLE,
                          f"Cannot reach {target} ({reason}) after retrying. Check the network, VPN or proxy; "
                          "you can keep working offline meanwhile.", action=action, region=region)
    if isinstance(error, bx.ParamValidationError):
        return AwsProblem(ProblemKind.INVALID_REQUEST, f"The workbench built an invalid {action} request: {error}",
                          action=action, region=region)
    if isinstance(error, bx.ClientError):
        return _client_error(error, service=service, operation=operation, action=action, region=region,
                             profile=profile)
    return AwsProblem(ProblemKind.SERVICE_ERROR, f"{action}{where} failed: {error}", action=action, region=region)


class _Common(TypedDict):
    """What every problem from one AWS answer says besides its kind, message and action."""

    code: str | None
    region: str | None
    attempts: int


def _client_error(error, *, service: str, operation: str, action: str, region: str | None,
                  profile: str | None) -> AwsProblem:
    response = getattr(error, "response", None) or {}
    meta = response.get("ResponseMetadata") or {}
    status = int(meta.get("HTTPStatusCode") or 0)
    attempts = int(meta.get("RetryAttempts") or 0) + 1
    code, said = _error_fields(response)
    if "<html" in said.lower() or "<!doctype" in said.lower():
        said = ""  # never print the page itself: the messages below fall back to the code or the HTTP status
    where = f" in {region}" if region else ""
    common = _Common(code=code or None, region=region, attempts=attempts)
    if code in EXPIRED_CODES:
        return AwsProblem(ProblemKind.EXPIRED,
                          f"Your AWS credentials have expired ({_who(profile)}). Refresh them (for SSO: "
                          f"`aws sso login{' --profile ' + profile if profile else ''}`) and try again; you can keep "
                          "working offline meanwhile.", action=action, **common)
    if code in INVALID_CREDENTIAL_CODES:
        return AwsProblem(ProblemKind.INVALID_CREDENTIALS,
                          f"AWS did not accept the credentials from {_who(profile)} ({code}). Check the access key "
                          "or sign in again; you can keep working offline meanwhile.", action=action, **common)
    if code in DENIED_CODES or (status == 403 and not code):
        named = _ACTION_IN_MESSAGE.search(said)
        if named:
            prefix, _, op = named.group(1).partition(":")
            action = f"{IAM_PREFIX.get(prefix, prefix)}:{op}"
        principal = _PRINCIPAL_IN_MESSAGE.search(said)
        who = f"{principal.group(1)}" if principal else f"the identity from {_who(profile)}"
        return AwsProblem(ProblemKind.DENIED,
                          f"Not permitted: {who} may not call {action}{where}. Ask for the read-only permission "
                          f"{action}, or continue without it.", action=action, **common)
    if code in THROTTLE_CODES or status == 429:
        return AwsProblem(ProblemKind.THROTTLED,
                          f"AWS kept throttling {action}{where} ({code or status}) after {attempts} attempts with "
                          "backoff. Wait a minute and try again, or import fewer functions or Regions at once.",
                          action=action, **common)
    if status == 404 and (not code or code.isdigit()) and not operation.startswith("Head"):
        # AWS's own 404s carry an error code (x-amzn-ErrorType, <Code>); a bare one comes from an endpoint that does
        # not know the operation (an emulator, a proxy). Reading it as "does not exist" would let a deployment
        # create or adopt something on a wrong answer. (S3's HEAD answers have no body by design.)
        return AwsProblem(ProblemKind.NOT_AWS,
                          f"{action}{where} answered HTTP 404 without an AWS error code: this endpoint does not seem "
                          "to offer the operation (an emulator, a proxy or an older endpoint), so nothing was "
                          "found or changed.", action=action, **common)
    if code in NOT_FOUND_CODES or status == 404:
        return AwsProblem(ProblemKind.NOT_FOUND, f"Not found{where}: {said or code or 'no such resource'} "
                                                 f"({action}).", action=action, **common)
    if code in INVALID_REQUEST_CODES or (400 <= status < 500):
        return AwsProblem(ProblemKind.INVALID_REQUEST, f"AWS refused {action}{where}: {said or code} ({code}).",
                          action=action, **common)
    detail = said if said and "<html" not in said.lower() else f"HTTP {status}"
    return AwsProblem(ProblemKind.SERVICE_ERROR,
                      f"AWS returned an error for {action}{where} after {attempts} attempts: {detail}. Try again "
                      "later.", action=action, **common)
