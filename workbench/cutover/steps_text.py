"""The cutover steps as people type them: ``10/30, 50/60, 100/60`` (traffic % / bake minutes per step)."""

from __future__ import annotations


def parse_steps(text: str) -> list[tuple[float, int]]:
    """'10/30, 50/60, 100/60' (traffic % / bake minutes per step) → [(10, 30), (50, 60), (100, 60)].

    A step without '/minutes' is refused rather than guessed. Raises ValueError naming the step and the value.
    """
    steps: list[tuple[float, int]] = []
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    if not parts:
        raise ValueError("steps: give at least one step as traffic%/bake-minutes, e.g. 10/30, 50/60, 100/60")
    for n, part in enumerate(parts, start=1):
        pct_text, sep, bake_text = part.partition("/")
        if not sep:
            raise ValueError(f"step {n} ({part!r}): write it as traffic%/bake-minutes, e.g. 50/60")
        try:
            pct = float(pct_text.strip().rstrip("%").strip())
        except ValueError:
            raise ValueError(f"step {n}: traffic {pct_text.strip()!r} is not a number") from None
        try:
            bake = int(bake_text.strip().removesuffix("min").removesuffix("m").strip())
        except ValueError:
            raise ValueError(f"step {n}: bake time {bake_text.strip()!r} is not a whole number of minutes") from None
        steps.append((pct, bake))
    return steps
