"""The errors the cost engine raises. The UI catches :class:`CostError` and keeps the last good comparison.

Every message names what is wrong in words a user can act on: the field and its allowed range for bad input,
the instance type, region and snapshot date for a price the catalog does not have.
"""

from __future__ import annotations


class CostError(Exception):
    """Base of every error a cost computation can raise on bad input or missing data."""


class CostInputError(CostError, ValueError):
    """An input value is missing, not a number, or outside its allowed range.

    ``field`` is the input's name (as the intake form and the workload file spell it), ``allowed`` says what
    would be accepted ("128–10,240 MB").
    """

    def __init__(self, field: str, message: str, *, value: object = None, allowed: str = "") -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        text = f"{field}: {message}"
        if allowed:
            text += f" (allowed: {allowed})"
        super().__init__(text)


class MissingPrice(CostError, LookupError):
    """The catalog has no price for what was asked; the engine never guesses one."""

    def __init__(self, message: str, *, region: str | None = None, item: str | None = None,
                 field: str = "region") -> None:
        self.region = region
        self.item = item
        self.field = field  # the input a form should mark: "region", "instance_type", ...
        super().__init__(message)

    def __str__(self) -> str:  # LookupError would quote the message like a dict key
        return str(self.args[0]) if self.args else ""


class InstanceTooSmall(CostInputError):
    """The instance type cannot hold even one execution environment after the system's share."""
