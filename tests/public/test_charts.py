"""The SVG bar chart's geometry and its rendering with its data table."""

import re
from itertools import pairwise

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


def test_every_year_of_the_range_is_on_the_axis_and_evenly_spaced():
    chart = bar_chart(
        "t", ["awarded", "proposed"], [(2016, [2, 1]), (2019, [1, 0]), (2020, [0, 4])]
    )
    assert [b.label for b in chart.bars] == ["2016", "2017", "2018", "2019", "2020"]
    assert [b.total for b in chart.bars] == [3, 0, 0, 1, 4]
    assert not chart.bars[1].segments and not chart.bars[2].segments
    # One slot per year: the gap between 2016 and 2019 is three slots, not one.
    gaps = {round(b.x - a.x, 1) for a, b in pairwise(chart.bars)}
    assert len(gaps) == 1


def test_labels_that_are_not_years_are_kept_as_they_are():
    chart = bar_chart("t", ["a"], [("Sở A", [1]), ("Sở B", [2])])
    assert [b.label for b in chart.bars] == ["Sở A", "Sở B"]


def test_empty_years_render_as_marked_gaps():
    chart = bar_chart("t", ["awarded", "proposed"], [(2018, [1, 0]), (2020, [2, 0])])
    html = render_to_string(
        "awards/_bar_chart.html", {"chart": chart, "chart_id": "c", "caption": "Số"}
    )
    assert html.count('class="bar empty"') == 1
    assert html.count('class="gap"') == 1
    assert "<title>2019: 0</title>" in html
    assert html.count("<tr>") == 1 + 3  # the data table lists the empty year too


def test_labels_on_round_years_fewer_on_phones():
    rows = [(y, [1, 0]) for y in range(2001, 2026)]  # 25 years: slots of ~17 units
    chart = bar_chart("t", ["a", "b"], rows)
    labelled = {b.label: b.label_class for b in chart.bars if b.label_class}
    assert labelled == {
        "2002": "label minor",
        "2004": "label minor",
        "2005": "label phone-only",
        "2006": "label minor",
        "2008": "label minor",
        "2010": "label",
        "2012": "label minor",
        "2014": "label minor",
        "2015": "label phone-only",
        "2016": "label minor",
        "2018": "label minor",
        "2020": "label",
        "2022": "label minor",
        "2024": "label minor",
        "2025": "label phone-only",
    }
    few = bar_chart("t", ["a"], [(2019, [1]), (2020, [2])])
    assert [b.label_class for b in few.bars] == ["label", "label"]
