"""Persistence: the only package that imports SQLAlchemy and Alembic.

``Session`` is the type of what ``Database.read()`` and ``Database.write()`` yield; services
annotate the sessions they are handed with it (importing it from here, never from SQLAlchemy).
"""

from sqlalchemy.orm import Session

__all__ = ["Session"]
