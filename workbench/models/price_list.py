"""Prices fetched from the AWS Price List API, cached in the session's store with their fetch date."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from pydantic import Field

from workbench.models._base import Doc, UtcDateTime, utc_now


class PriceListCache(Doc):
    """The latest Price List refresh, laid over the shipped snapshot by every cost comparison in the session."""

    KIND: ClassVar[str] = "price-list"
    MERGE_BY_FIELD: ClassVar[bool] = False  # computed as one whole: a stale save is a conflict

    fetched_on: date = Field(description="Date the prices were fetched")
    fetched_at: UtcDateTime = Field(default_factory=utc_now, description="When they were fetched (UTC)")
    regions: list[str] = Field(default_factory=list, description="Regions whose prices were fetched")
    override: dict[str, Any] = Field(description="The fetched prices in the snapshot's block shapes")
