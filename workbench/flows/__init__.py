"""User actions without a screen: one typed function per user intent, used by the TUI and the CLI alike."""
