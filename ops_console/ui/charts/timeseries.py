"""Time-series charts: a daily trend and a metric history with downsampling and a crosshair."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QSize, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from shiboken6 import isValid

from .. import style
from ..widgets import LOCAL_TZ

pg.setConfigOptions(antialias=True)


def series_colour(i: int) -> str:
    """The colour of the i-th series in the current theme."""
    colours = style.current().chart_series
    return colours[i % len(colours)]


def themed(plot: Any) -> Any:
    """Paint a pyqtgraph PlotWidget in the current theme: background, axes, their labels and
    tick texts, the legend's text (pyqtgraph's defaults are black on white in every theme)."""
    theme = style.current()
    plot.setBackground(theme.panel)
    item = plot.getPlotItem()
    for name in ("left", "bottom", "right", "top"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen(theme.text))
        axis.setTextPen(pg.mkPen(theme.text))
        axis.label.setDefaultTextColor(style.fg("text"))
    if item.legend is not None:
        item.legend.setLabelTextColor(theme.text)
        item.legend.setBrush(pg.mkBrush(theme.panel))
        item.legend.setPen(pg.mkPen(theme.border))
    return plot


# pyqtgraph labels days and months with English names ("Sun 29", "Nov"): numeric formats
# read the same in every UI language
_NUMERIC_FORMATS = {"%a %d": "%m-%d", "%b": "%Y-%m"}


def utc_offset_west(at: float | None = None) -> int:
    """Seconds west of UTC of the console's time zone (pyqtgraph's convention), at ``at``."""
    when = datetime.now(LOCAL_TZ) if at is None else datetime.fromtimestamp(at, LOCAL_TZ)
    offset = when.utcoffset()
    return -int(offset.total_seconds()) if offset is not None else 0


def date_axis() -> pg.DateAxisItem:
    """A date axis in the console's time zone (not the computer's, which may be UTC on a
    server) whose tick labels carry no English day or month names."""
    axis = pg.DateAxisItem(utcOffset=utc_offset_west())
    for level in axis.zoomLevels.values():
        specs = []
        for spec in level.tickSpecs:
            if spec.format in _NUMERIC_FORMATS:
                spec = copy.copy(spec)
                spec.format = _NUMERIC_FORMATS[spec.format]
            specs.append(spec)
        level.tickSpecs = specs
    return axis


def _ts(values: Sequence[datetime]) -> list[float]:
    return [v.timestamp() for v in values]


class TrendChart(QWidget):
    """Counts per day of several series (alarms, work orders), on a date axis.

    A widget around the pyqtgraph plot (``plot``, untyped: pyqtgraph has no type hints);
    ``size_hint`` replaces the plot's own preferred size (600 × 480) when given.

    The plot is made only once the chart is shown, in an event of its own after the window's
    paint (a zero timer), and the series are drawn in a further one: making the plot and its
    first paint cost the GUI thread 60-150 ms, which on top of the dashboard's own building
    and first paint was the longest stall of the window's start. ``plot`` is None until then;
    ``set_series`` before keeps the series for it.
    """

    def __init__(self, size_hint: QSize | None = None) -> None:
        super().__init__()
        self._size_hint = size_hint
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setMinimumHeight(180)
        self.setAccessibleName("trend chart")
        self.plot: Any = None
        self.legend: Any = None
        self._series: dict[str, tuple[list[datetime], list[int]]] | None = None
        self._making = False

    def sizeHint(self) -> QSize:
        return self._size_hint if self._size_hint is not None else super().sizeHint()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.plot is None and not self._making:
            self._making = True
            QTimer.singleShot(0, self._make_plot)

    def _make_plot(self) -> None:
        if not isValid(self):  # closed meanwhile
            return
        self.plot = pg.PlotWidget(axisItems={"bottom": date_axis()})
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.legend = self.plot.addLegend(offset=(10, 5))
        themed(self.plot)
        self.plot.setMouseEnabled(x=False, y=False)
        self._layout.addWidget(self.plot)
        if self._series is not None:  # drawn after the empty plot's first paint
            QTimer.singleShot(0, self._draw)

    def set_series(self, series: dict[str, tuple[list[datetime], list[int]]]) -> None:
        self._series = series
        if self.plot is not None:
            self._draw()

    def _draw(self) -> None:
        if not isValid(self) or self.plot is None or self._series is None:
            return
        self.plot.clear()
        for i, (name, (days, counts)) in enumerate(self._series.items()):
            self.plot.plot(
                _ts(days),
                counts,
                name=name,
                pen=pg.mkPen(series_colour(i), width=2),
                symbol="o",
                symbolSize=4,
                symbolBrush=series_colour(i),
            )


class HistoryChart(QWidget):
    """One metric over time: peak downsampling, clip to view, a crosshair with units."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.readout = QLabel(" ")
        self.readout.setAccessibleName("chart read-out")
        self.plot = pg.PlotWidget(axisItems={"bottom": date_axis()})
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.setMinimumHeight(240)
        themed(self.plot)
        self.curve = self.plot.plot(pen=pg.mkPen(series_colour(0), width=1))
        self.curve.setDownsampling(auto=True, method="peak")
        self.curve.setClipToView(True)
        self.plot.setDownsampling(auto=True, mode="peak")
        self.plot.setClipToView(True)
        self.vline = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen(style.current().chart_grid)
        )
        self.hline = pg.InfiniteLine(
            angle=0, movable=False, pen=pg.mkPen(style.current().chart_grid)
        )
        self.plot.addItem(self.vline, ignoreBounds=True)
        self.plot.addItem(self.hline, ignoreBounds=True)
        self.unit = ""
        self.xs: list[float] = []
        self.ys: list[float] = []
        self.plot.scene().sigMouseMoved.connect(self._moved)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.readout)

    def set_data(self, xs: Sequence[float], ys: Sequence[float], unit: str, label: str) -> None:
        """Plot (x = epoch seconds, y) points; the axis shows ``label (unit)``."""
        self.xs, self.ys, self.unit = list(xs), list(ys), unit
        self.curve.setData(self.xs, self.ys)
        self.plot.setLabel("left", label, units=unit or None)
        self.plot.enableAutoRange()

    def set_range(self, start: float, end: float) -> None:
        self.plot.setXRange(start, end, padding=0)

    def readout_at(self, x: float) -> str:
        """The read-out for the point nearest x: ``2026-11-28 14:05  23.4 °C``."""
        if not self.xs:
            return " "
        import bisect

        i = min(max(bisect.bisect_left(self.xs, x), 0), len(self.xs) - 1)
        when = datetime.fromtimestamp(self.xs[i], LOCAL_TZ).strftime("%Y-%m-%d %H:%M")
        return f"{when}   {self.ys[i]:.4g} {self.unit}".rstrip()

    def _moved(self, pos: QPointF) -> None:
        vb = self.plot.getPlotItem().vb
        if not self.plot.sceneBoundingRect().contains(pos):
            return
        p = vb.mapSceneToView(pos)
        self.vline.setPos(p.x())
        self.hline.setPos(p.y())
        self.readout.setText(self.readout_at(p.x()))


def align_center(label: QLabel) -> None:
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
