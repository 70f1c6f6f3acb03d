"""First start: the database and the first administrator, nothing else unless asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from ops_console.app import needs_setup, set_up
from ops_console.db.engine import Database
from ops_console.domain.errors import Conflict, ValidationError
from ops_console.services.container import Services
from ops_console.services.setup import admin_problems


def test_a_new_file_is_created_with_its_administrator_and_no_demo(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    assert needs_setup(Database(url))
    steps: list[float] = []
    result = set_up(url, "root.admin", "long-enough-pw", progress=steps.append)
    assert (result.created, result.admin, result.demo_loaded) == (True, "root.admin", False)
    assert steps[-1] == 1.0 and steps == sorted(steps)
    services = Services(Database(url))
    actor = services.accounts.authenticate("root.admin", "long-enough-pw")
    assert actor.role == "admin"
    assert services.accounts.list_communities(actor) == []  # no demo unless chosen
    assert not needs_setup(services.db)
    services.close()


def test_the_demo_loader_it_is_given_runs_once_after_the_administrator(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    seen: list[bool] = []

    def load(services: Services) -> None:  # what ops_console.demo.loader.load is called with
        seen.append(services.accounts.has_users())

    result = set_up(url, "root.admin", "long-enough-pw", demo=load)
    assert seen == [True] and result.demo_loaded is True


def test_a_set_up_database_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.db'}"
    set_up(url, "admin", "long-enough-pw")
    with pytest.raises(Conflict, match="already set up: sign in instead"):
        set_up(url, "intruder", "another-password")


def test_bad_name_or_password_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "untouched.db"
    with pytest.raises(ValidationError) as caught:
        set_up(f"sqlite:///{target}", "bad name!", "short")
    assert any("user name 'bad name!'" in p for p in caught.value.problems)
    assert any("at least 8 characters" in p for p in caught.value.problems)
    assert not target.exists()


def test_admin_problems_catch_a_mistyped_repeat() -> None:
    assert admin_problems("admin", "long-enough-pw", "long-enough-pw") == []
    assert admin_problems("admin", "long-enough-pw", "long-enough-pX") == [
        "password: the two entries differ"
    ]
