"""Numbers in words for recommendation lines and reports: dollars, volumes, percentages."""

from __future__ import annotations


def usd(amount: float, *, cents: bool = True) -> str:
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount):,.2f}" if cents else f"{sign}${abs(amount):,.0f}"


def volume(requests: float) -> str:
    """52,300,000 → "52.3M"; 1.5e9 → "1.5B"; small numbers in full."""
    for div, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(requests) >= div:
            value = requests / div
            text = f"{value:.1f}" if value < 100 else f"{value:.0f}"
            return text.removesuffix(".0") + suffix
    return f"{requests:,.0f}"


def percent(fraction: float) -> str:
    return f"{fraction * 100:.0f}%"


def signed_percent(fraction: float) -> str:
    return f"{fraction * 100:+.0f}%"
