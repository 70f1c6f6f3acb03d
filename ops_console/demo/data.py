"""Where the demo's shipped data lies and the report its loader fills: shared by ``loader`` and the
area steps (``areas``, ``health_history``), which ``loader`` imports, so none imports back."""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..paths import resources_dir
from ..polling.credentials import SnmpCredential

log = logging.getLogger("ops_console.demo.loader")


@dataclass
class DemoReport:
    """What the demo loader did, step by step."""

    steps: list[tuple[str, str]] = field(default_factory=list)

    def add(self, step: str, detail: str) -> None:
        self.steps.append((step, detail))
        log.info("demo: %s: %s", step, detail)


def demo_dir() -> Path:
    return resources_dir() / "demo"


def demo_credentials() -> dict[str, SnmpCredential]:
    """The demo's SNMP credentials by name (resources/demo/credentials.toml)."""
    with open(demo_dir() / "credentials.toml", "rb") as fh:
        data = tomllib.load(fh)
    return {name: SnmpCredential(**fields) for name, fields in data["credential"].items()}
