"""Server-rendered SVG bar charts: geometry computed here, drawn by a template with its table.

No JavaScript and no CDN, so every chart prints and works offline; the data
table beside each chart is what screen readers and the print-out rely on.
"""

import math
from dataclasses import dataclass, field

WIDTH = 480
HEIGHT = 200
MARGIN_LEFT = 36
MARGIN_RIGHT = 8
MARGIN_TOP = 12
MARGIN_BOTTOM = 28


@dataclass
class Segment:
    series: int
    value: int
    y: float
    height: float


@dataclass
class Bar:
    label: str
    values: list[int]
    x: float
    width: float
    label_x: float
    segments: list[Segment] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.values)


@dataclass
class BarChart:
    """A stacked bar chart; ``series`` names the stacked parts (proposed, awarded…)."""

    title: str
    series: list[str]
    bars: list[Bar]
    ticks: list[tuple[float, int]]
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - MARGIN_BOTTOM
    plot_left: int = MARGIN_LEFT
    plot_right: int = WIDTH - MARGIN_RIGHT
    show_every: int = 1

    @property
    def empty(self) -> bool:
        return not self.bars

    @property
    def totals(self) -> list[int]:
        return [sum(bar.values[i] for bar in self.bars) for i in range(len(self.series))]


def nice_step(maximum: int, target_ticks: int = 4) -> int:
    """A 1-2-5 step so that axis labels are round numbers."""
    if maximum <= 0:
        return 1
    raw = maximum / target_ticks
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for multiple in (1, 2, 5, 10):
        if multiple * magnitude >= raw:
            return int(multiple * magnitude)
    return int(10 * magnitude)


def bar_chart(title: str, series: list[str], rows: list[tuple[object, list[int]]]) -> BarChart:
    """Lay out ``rows`` of (label, [value per series]) as stacked bars in a fixed viewBox."""
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    maximum = max((sum(values) for _label, values in rows), default=0)
    step = nice_step(maximum)
    top = max(step, math.ceil(maximum / step) * step)
    scale = plot_height / top
    slot = plot_width / max(len(rows), 1)
    bar_width = min(slot * 0.7, 48)
    baseline = HEIGHT - MARGIN_BOTTOM
    bars = []
    for index, (label, values) in enumerate(rows):
        x = MARGIN_LEFT + index * slot + (slot - bar_width) / 2
        bar = Bar(
            str(label), list(values), round(x, 1), round(bar_width, 1), round(x + bar_width / 2, 1)
        )
        y = baseline
        for series_index, value in enumerate(values):
            height = value * scale
            y -= height
            if value:
                bar.segments.append(Segment(series_index, value, round(y, 1), round(height, 1)))
        bars.append(bar)
    ticks = [(round(baseline - v * scale, 1), v) for v in range(0, top + 1, step)]
    # Labels about 34 units wide; skip some when the bars are narrower than that.
    show_every = max(1, math.ceil(34 / slot)) if rows else 1
    return BarChart(title, series, bars, ticks, show_every=show_every)
