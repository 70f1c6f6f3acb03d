"""Time series: metric names by id, the open window's append table and sealed chunks."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class MetricName(Base):
    """A metric's stored name (``fill_level``, ``bands.battery[2]``) and the id samples use."""

    __tablename__ = "metric_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)


class OpenSample(Base):
    """A sample of the window not sealed yet: the writer appends here, the sealer turns the
    rows of a finished window into a chunk and deletes them. One row per device, metric and
    instant (integer epoch seconds): a batch stored twice fails instead of doubling history."""

    __tablename__ = "samples_open"
    __table_args__ = {"sqlite_with_rowid": False}

    device_id: Mapped[int] = mapped_column(
        ForeignKey("devices.id", ondelete="CASCADE"), primary_key=True
    )
    metric_id: Mapped[int] = mapped_column(
        ForeignKey("metric_names.id", ondelete="CASCADE"), primary_key=True
    )
    ts: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    value: Mapped[float | None]
    text: Mapped[str | None] = mapped_column(String(200))


class SeriesChunk(Base):
    """One series over one window, encoded by ``db.chunk_codec``.

    ``resolution_s`` 0 is raw samples (window 1 hour; columns: value, and texts), 300 the
    5-minute rollups (window 1 day) and 3600 the hourly ones (window 30 days); a rollup's
    columns are count, min, max and sum. ``start`` is the window's start (epoch seconds),
    ``n`` the points in it.
    """

    __tablename__ = "series_chunks"
    __table_args__ = {"sqlite_with_rowid": False}

    device_id: Mapped[int] = mapped_column(
        ForeignKey("devices.id", ondelete="CASCADE"), primary_key=True
    )
    resolution_s: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    metric_id: Mapped[int] = mapped_column(
        ForeignKey("metric_names.id", ondelete="CASCADE"), primary_key=True
    )
    start: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    n: Mapped[int]
    data: Mapped[bytes] = mapped_column(LargeBinary)


class SeriesMark(Base):
    """How far an upkeep step got (epoch seconds): ``sealed`` (raw windows before it are
    chunks), ``rollup_300`` and ``rollup_3600`` (windows before it are rolled up)."""

    __tablename__ = "series_marks"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    upto: Mapped[int] = mapped_column(BigInteger)
