"""Ops Console: operations and maintenance for smart residential communities."""

__version__ = "0.1.0"
