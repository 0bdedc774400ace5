"""The workbench's themes (Textual Theme objects) and its stylesheet.

- workbench-dark: the default.
- workbench-light: for bright terminals and projectors in review meetings.
- workbench-high-contrast: pure black and white with saturated accents; every state also has a text marker,
  so nothing depends on colour alone.
- workbench-ansi: the terminal's own 16 ANSI colours (follows the user's terminal palette).
"""

from __future__ import annotations

from pathlib import Path

from textual.theme import Theme

STYLESHEET = Path(__file__).with_name("workbench.tcss")

DARK = Theme(
    name="workbench-dark",
    primary="#4EA1D3",
    secondary="#8E7CC3",
    accent="#F0A04B",
    warning="#E5C07B",
    error="#E06C75",
    success="#98C379",
    foreground="#D8DEE9",
    background="#15191E",
    surface="#1D232A",
    panel="#252D36",
    dark=True,
)

LIGHT = Theme(
    name="workbench-light",
    primary="#1F6FA8",
    secondary="#6A4FB0",
    accent="#B35C00",
    warning="#8A6A00",
    error="#B3261E",
    success="#2E7D32",
    foreground="#1B1F24",
    background="#F7F7F5",
    surface="#ECEDEA",
    panel="#DFE2E6",
    dark=False,
)

HIGH_CONTRAST = Theme(
    name="workbench-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FF00FF",
    warning="#FFFF00",
    error="#FF5555",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#333333",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "border": "#FFFFFF",
        "border-blurred": "#BBBBBB",
        "footer-key-foreground": "#FFFF00",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "input-selection-background": "#FFFF00 50%",
    },
)

ANSI = Theme(
    name="workbench-ansi",
    primary="ansi_bright_blue",
    secondary="ansi_magenta",
    accent="ansi_yellow",
    warning="ansi_yellow",
    error="ansi_red",
    success="ansi_green",
    foreground="ansi_default",
    background="ansi_default",
    surface="ansi_default",
    panel="ansi_default",
    boost="ansi_default",
    dark=True,
    ansi=True,
    variables={
        # Textual's ANSI colour system leaves these out, yet its own Screen CSS uses $ansi-background: without
        # them the theme fails to load ("reference to undefined variable '$ansi-background'").
        "ansi-background": "ansi_default",
        "ansi-foreground": "ansi_default",
        "block-cursor-background": "ansi_blue",
        "block-cursor-foreground": "ansi_bright_white",
        "footer-key-foreground": "ansi_bright_yellow",
        "footer-background": "ansi_default",
        "input-selection-background": "ansi_blue",
        "border": "ansi_blue",
        "border-blurred": "ansi_bright_black",
    },
)

THEMES: tuple[Theme, ...] = (DARK, LIGHT, HIGH_CONTRAST, ANSI)
THEME_NAMES: tuple[str, ...] = tuple(theme.name for theme in THEMES)
DEFAULT_THEME = DARK.name
