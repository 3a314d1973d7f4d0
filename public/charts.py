"""Server-rendered SVG bar charts: geometry computed here, drawn by a template with its table.

No JavaScript and no CDN, so every chart prints and works offline; the data
table beside each chart is what screen readers and the print-out rely on.

Charts over years put every year of the range on the axis: a year without records
is an empty slot, where a journalist looks for the gap, not a bar left out. Labels
are drawn large enough for a phone (the viewBox shrinks to ~0.75 there), and only
every ``label_step``-th year is labelled (on phones every ``phone_step``-th), on round
years, so that they never overlap.
"""

import math
from dataclasses import dataclass, field

WIDTH = 480
HEIGHT = 200
MARGIN_LEFT = 44  # room for a four-digit axis value at the phone font size
MARGIN_RIGHT = 8
MARGIN_TOP = 12
MARGIN_BOTTOM = 28
# A four-digit label is about this wide (in viewBox units) at the desktop and phone font sizes
# of static/css/site.css (12 and 16 units), with a little room between labels.
LABEL_WIDTH = 34
PHONE_LABEL_WIDTH = 46
STEPS = (1, 2, 5, 10, 20, 50, 100)


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
    # "" (no label), "label" (labelled everywhere), "label minor" (not on phones) or
    # "label phone-only".
    label_class: str = ""

    @property
    def total(self) -> int:
        return sum(self.values)

    @property
    def right(self) -> float:
        return round(self.x + self.width, 1)


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


def every_year(rows: list[tuple[object, list[int]]]) -> list[tuple[object, list[int]]]:
    """Rows keyed by year with the missing years of their range added as zeros."""
    if not rows or not all(isinstance(label, int) for label, _values in rows):
        return rows
    by_year = dict(rows)
    width = len(rows[0][1])
    first, last = min(by_year), max(by_year)
    return [(year, list(by_year.get(year, [0] * width))) for year in range(first, last + 1)]


def label_steps(slot: float) -> tuple[int, int]:
    """The label step on a wide screen and on a phone."""
    step = next((s for s in STEPS if s * slot >= LABEL_WIDTH), STEPS[-1])
    phone = next((s for s in STEPS if s * slot >= PHONE_LABEL_WIDTH), STEPS[-1])
    return step, phone


def bar_chart(title: str, series: list[str], rows: list[tuple[object, list[int]]]) -> BarChart:
    """Lay out ``rows`` of (label, [value per series]) as stacked bars in a fixed viewBox;
    rows keyed by year get every year of their range (see ``every_year``)."""
    rows = every_year(rows)
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    maximum = max((sum(values) for _label, values in rows), default=0)
    step = nice_step(maximum)
    top = max(step, math.ceil(maximum / step) * step)
    scale = plot_height / top
    slot = plot_width / max(len(rows), 1)
    bar_width = min(slot * 0.7, 48)
    baseline = HEIGHT - MARGIN_BOTTOM
    label_step, phone_step = label_steps(slot)
    bars = []
    for index, (label, values) in enumerate(rows):
        x = MARGIN_LEFT + index * slot + (slot - bar_width) / 2
        bar = Bar(
            str(label), list(values), round(x, 1), round(bar_width, 1), round(x + bar_width / 2, 1)
        )
        # Round years carry the labels (2010, 2015…); other labels go by position.
        position = label if isinstance(label, int) else index
        wide, phone = position % label_step == 0, position % phone_step == 0
        if wide or phone:
            shown_on = ("" if phone else " minor") + ("" if wide else " phone-only")
            bar.label_class = "label" + shown_on
        y = baseline
        for series_index, value in enumerate(values):
            height = value * scale
            y -= height
            if value:
                bar.segments.append(Segment(series_index, value, round(y, 1), round(height, 1)))
        bars.append(bar)
    ticks = [(round(baseline - v * scale, 1), v) for v in range(0, top + 1, step)]
    return BarChart(title, series, bars, ticks)
