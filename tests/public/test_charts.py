"""The SVG bar chart's geometry and its rendering with its data table."""

import re

from django.template.loader import render_to_string
from django.utils import translation

from public.charts import bar_chart, nice_step


def test_bars_stack_and_fit_the_plot():
    chart = bar_chart("t", ["awarded", "proposed"], [(2019, [3, 1]), (2020, [0, 5])])
    assert [b.total for b in chart.bars] == [4, 5]
    for bar in chart.bars:
        for segment in bar.segments:
            assert segment.y >= 0 and segment.y + segment.height <= chart.baseline + 0.1
    assert chart.totals == [3, 6]
    assert not bar_chart("t", ["a"], []).bars


def test_round_axis_steps():
    assert [nice_step(n) for n in (0, 3, 9, 40, 130, 5200)] == [1, 1, 5, 10, 50, 2000]


def test_rendered_with_table_and_dot_decimals_in_vietnamese():
    chart = bar_chart("t", ["awarded", "proposed"], [(y, [y % 7, 1]) for y in range(2006, 2026)])
    with translation.override("vi"):
        html = render_to_string(
            "awards/_bar_chart.html", {"chart": chart, "chart_id": "c", "caption": "Số"}
        )
    assert "<svg" in html and "<table" in html and 'aria-labelledby="c-caption"' in html
    # Coordinates stay machine numbers even where the locale writes 12,5.
    assert not any("," in v for v in re.findall(r'(?:x|y|width|height)="([^"]*)"', html))
    assert html.count("<tr>") == 1 + 20
