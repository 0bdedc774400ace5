"""Prices fetched from the AWS Price List API, kept as an override of the snapshot with their fetch date.

The override uses the snapshot's block shapes, so one parser reads both; it is JSON, to be cached in the store
or in a file (``lmi-workbench cost --prices FILE``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class PriceOverride:
    """Prices fetched from the AWS Price List API, in the snapshot's block shapes, with their fetch date."""

    fetched_on: str
    source: str
    ec2: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # region -> type -> row
    lambda_: dict[str, dict[str, Any]] = field(default_factory=dict)  # region -> lambda region block

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "lmi-workbench price override",
            "fetched_on": self.fetched_on,
            "source": self.source,
            "ec2_on_demand_linux": {r: {"instances": rows} for r, rows in self.ec2.items()},
            "lambda_standard": self.lambda_,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "PriceOverride":
        if not isinstance(data, dict) or "fetched_on" not in data:
            raise ValueError("not a price override: expected an object with 'fetched_on'")
        ec2 = {r: dict(block.get("instances", {})) for r, block in data.get("ec2_on_demand_linux", {}).items()}
        return cls(fetched_on=str(data["fetched_on"]), source=str(data.get("source", "AWS Price List API")),
                   ec2=ec2, lambda_=dict(data.get("lambda_standard", {})))

    def merged_with(self, newer: "PriceOverride") -> "PriceOverride":
        """This override with ``newer``'s regions laid over it (a later refresh of some regions)."""
        ec2 = {**self.ec2, **newer.ec2}
        lam = {**self.lambda_, **newer.lambda_}
        return PriceOverride(fetched_on=newer.fetched_on, source=newer.source, ec2=ec2, lambda_=lam)


def load_override(path: Path) -> PriceOverride:
    """Read a price override written by :func:`save_override` (or the store's cached copy)."""
    return PriceOverride.from_json(json.loads(Path(path).read_text("utf-8")))


def save_override(override: PriceOverride, path: Path) -> None:
    Path(path).write_text(json.dumps(override.to_json(), indent=1, sort_keys=True) + "\n", "utf-8")
