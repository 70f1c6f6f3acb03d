"""Packaging glue: ship the top-level resources/ folder inside the wheel.

The source tree keeps device knowledge, translations, fonts and the demo data in
``resources/`` (outside the code); an installed wheel carries the same files as
``ops_console/resources/``, where :func:`ops_console.paths.resources_dir` finds them.
Everything else is declared in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["ops_console", "ops_console.*"]), "ops_console.resources"],
    package_dir={"ops_console.resources": "resources"},
    package_data={
        "ops_console.resources": ["**/*"],
        "ops_console.db": ["migrations/*.mako", "migrations/*.ini"],
    },
    include_package_data=False,
)
