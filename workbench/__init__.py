"""LMI Workbench: the product without a screen (models, store, engines, AWS adapters, CLI)."""

__version__ = "0.1.0"
