"""Charts drawn in the bundled font: SVG with text as outlines (no font needed), PNG for Word."""

from __future__ import annotations

from decimal import Decimal
from xml.etree import ElementTree

import pytest

from jixiao.documents.report.charts import render_chart, svg_image, svg_markup
from jixiao.narrative import draft_report
from jixiao.narrative.model import Chart, Series


@pytest.fixture(scope="module")
def charts(reference_document):
    return {c.key: c for c in draft_report(reference_document).charts()}


def test_every_chart_of_the_report_draws_as_svg_and_png(charts):
    assert set(charts) == {"funds_by_source", "funds_by_nature", "score_by_level1", "completion_by_task"}
    for chart in charts.values():
        svg = render_chart(chart, "svg")
        root = ElementTree.fromstring(svg)
        assert root.tag.endswith("svg")
        # Text stays text, in the bundled family first (the PDF declares it by @font-face).
        texts = [el for el in root.iter() if el.tag.endswith("}text")]
        assert texts and all("Noto Sans CJK SC GB" in el.get("style", "").split("font-family:")[1] for el in texts)
        assert chart.title in "".join("".join(el.itertext()) for el in texts)
        png = render_chart(chart, "png", dpi=72)
        assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_svg_is_reproducible(charts):
    chart = charts["funds_by_nature"]
    assert render_chart(chart, "svg") == render_chart(chart, "svg")


def test_inline_markup_has_no_xml_declaration(charts):
    assert svg_markup(charts["score_by_level1"]).startswith("<svg")


def test_image_form_is_a_data_uri(charts):
    markup = svg_image(charts["score_by_level1"])
    assert markup.startswith('<img class="chart" alt="自评得分构成（按一级指标）" src="data:image/svg+xml;base64,')


def test_png_has_ink_where_the_bars_are(charts):
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(render_chart(charts["completion_by_task"], "png", dpi=72))).convert("RGB")
    colours = image.getcolors(maxcolors=image.width * image.height)
    greens = sum(n for n, (r, g, b) in colours if g > 100 and r < 80 and b < 80)
    reds = sum(n for n, (r, g, b) in colours if r > 150 and g < 80 and b < 80)
    assert greens > reds > 0  # 18 indicators met, 1 missed


def test_unknown_chart_kind_is_refused():
    chart = Chart("x", "饼图", "pie", ("甲",), (Series("数", (Decimal(1),)),))
    with pytest.raises(ValueError, match="饼图.*无法绘制"):
        render_chart(chart)


def test_vertical_bars_and_bars_thinner_than_a_pixel_draw():
    chart = Chart("x", "各年度预算执行", "bar", ("2021年", "2022年"),
                  (Series("全年预算数", (Decimal("300"), Decimal("0.25"))), Series("执行数", (Decimal("280.75"), Decimal(0)))),
                  unit="万元")
    assert render_chart(chart, "png", dpi=72).startswith(b"\x89PNG")
    texts = "".join(ElementTree.fromstring(render_chart(chart, "svg")).itertext())
    assert "280.75" in texts and "0.25" in texts and "万元" in texts


def test_value_axis_ticks_are_round_and_cover_the_bars():
    from jixiao.documents.report.charts import nice_ticks

    assert nice_ticks(937.3, 300) == [0, 200, 400, 600, 800]
    assert nice_ticks(8.64, 300, integer=True) == [0, 1, 2, 3, 4, 5, 6, 7, 8]
    assert nice_ticks(0.9, 300) == [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
    assert nice_ticks(0, 300) == [0.0, 1.0]
