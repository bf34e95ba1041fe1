"""Charts of the report, drawn in the bundled Chinese font without a plotting library.

A chart is laid out once as a scene (rectangles, lines and texts in points, 1/72 inch, y downward)
and written from it as SVG (``render_chart(chart, "svg")``, for PDF and HTML) or as PNG (``"png"``,
for docx, drawn with Pillow). The two say the same thing in the same places. SVG text stays text
(selectable) in the bundled family first, then the usual Chinese system fonts; the PDF has the
bundled family by ``@font-face``. Text is measured with the bundled face (Pillow/FreeType), which is
the face both outputs use.

matplotlib drew these charts before: 40–65 ms a chart, most of a report's docx time, for bars,
labels and a legend; this scene takes a few milliseconds. Values are Decimal in the report's data;
they become floats here only to place bars, labels are written from the Decimals.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from xml.sax.saxutils import escape, quoteattr

from jixiao.domain.numbers import format_amount, format_number
from jixiao.fonts import SANS_FAMILY, SANS_REGULAR
from jixiao.narrative.model import Chart

# Colours: budget in grey-blue, executed / score in the official red, met green, unmet red.
SERIES_COLOURS = {
    "全年预算数": "#9db4cf", "执行数": "#b03a2e", "分值": "#c9d3df", "得分": "#b03a2e",
    "已达到目标值": "#2e7d32", "未达到目标值": "#c62828", "无法判断": "#9e9e9e",
}
FALLBACK_COLOURS = ("#4e79a7", "#e15759", "#76b7b2", "#f28e2b", "#59a14f")
AXIS_COLOUR = "#555555"
TEXT_COLOUR = "#000000"
WIDTH_INCHES = 6.3  # 16 cm: the text width of an A4 page with GB/T 9704 margins
LABEL_WIDTH = 14  # characters per line of a category label
# Fallbacks named in SVG text for viewers that lack the bundled family (browsers showing the HTML).
SYSTEM_SANS = ("Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "SimHei", "黑体", "DejaVu Sans")
FONT_STACK = ", ".join(f"'{name}'" for name in (SANS_FAMILY, *SYSTEM_SANS))

# Sizes in points.
PT = 72  # points per inch
TITLE_SIZE, LABEL_SIZE, SMALL_SIZE = 11, 9, 8
TICK_LENGTH, TICK_PAD, AXIS_WIDTH = 3.5, 3.5, 0.8
LINE_SPACING = 1.2  # of the font size, between the lines of a wrapped label
ASCENT, DESCENT = 0.88, 0.12  # of the font size (Noto Sans CJK): where a line's box lies around its baseline


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    colour: str


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str = AXIS_COLOUR
    width: float = AXIS_WIDTH


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    size: float
    anchor: str = "start"  # start | middle | end
    colour: str = TEXT_COLOUR


@dataclass(frozen=True)
class Scene:
    width: float
    height: float
    items: tuple


@lru_cache(maxsize=64)
def _font(pixels: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(SANS_REGULAR), pixels)


MEASURE_PIXELS = 100


@lru_cache(maxsize=4096)
def text_width(text: str, size: float) -> float:
    """Advance width of ``text`` in points at ``size`` points, in the bundled sans face."""
    return _font(MEASURE_PIXELS).getlength(text) * size / MEASURE_PIXELS


def _label(value: Decimal, value_format: str) -> str:
    if value_format == "amount":
        return format_amount(value)
    if value_format == "score":
        return format_number(value.quantize(Decimal("0.01")) if value != value.to_integral() else value)
    return format_number(value)


def _colour(name: str, index: int) -> str:
    return SERIES_COLOURS.get(name, FALLBACK_COLOURS[index % len(FALLBACK_COLOURS)])


def _wrap(text: str, width: int) -> str:
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


def _wrap_all(texts, width: int) -> list[str]:
    return [_wrap(text, width) for text in texts]


def nice_ticks(top: float, length: float, integer: bool = False) -> list[float]:
    """Tick values from 0 to ``top`` at a round step (1, 2, 2.5 or 5 × 10ⁿ), about one per 30 pt of
    an axis ``length`` points long (at most 9 intervals)."""
    if top <= 0:
        return [0.0, 1.0]
    intervals = max(3, min(9, int(length / 30)))
    exponent = math.floor(math.log10(top / intervals))
    for power in (exponent, exponent + 1, exponent + 2):
        for mantissa in (1, 2, 2.5, 5):
            step = mantissa * 10 ** power
            if integer and (step < 1 or step != int(step)):
                continue
            if top / step <= intervals + 1e-9:
                return [round(i * step, 10) for i in range(int(top / step + 1e-9) + 1)]
    return [0.0, top]


def _tick_text(value: float, ticks: list[float]) -> str:
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1
    decimals = 0
    while decimals < 6 and abs(round(step, decimals) - step) > 1e-9:
        decimals += 1
    return f"{value:.{decimals}f}"


def _lines_of(label: str, x: float, centre: float, size: float, anchor: str, colour: str = TEXT_COLOUR):
    """The lines of a (wrapped) label centred vertically on ``centre``."""
    lines = label.split("\n")
    step = size * LINE_SPACING
    first = centre - step * (len(lines) - 1) / 2 + size * (ASCENT - DESCENT) / 2
    return [Text(x, first + i * step, line, size, anchor, colour) for i, line in enumerate(lines)]


def _legend(chart: Chart, width: float, height: float) -> list:
    handle, gap, spacing = 2.0 * SMALL_SIZE, 0.8 * SMALL_SIZE, 2.0 * SMALL_SIZE
    entries = [(series.name, _colour(series.name, index)) for index, series in enumerate(chart.series)]
    total = sum(handle + gap + text_width(name, SMALL_SIZE) for name, _ in entries) + spacing * (len(entries) - 1)
    x = (width - total) / 2
    centre = height - 0.2 * PT
    items = []
    for name, colour in entries:
        items.append(Rect(x, centre - 0.35 * SMALL_SIZE, handle, 0.7 * SMALL_SIZE, colour))
        items += _lines_of(name, x + handle + gap, centre, SMALL_SIZE, "start")
        x += handle + gap + text_width(name, SMALL_SIZE) + spacing
    return items


def layout(chart: Chart) -> Scene:
    """The chart as a scene. Horizontal kinds (``barh``, ``stacked_barh``) put categories down the
    left side, first at the top; ``bar`` puts them along the bottom."""
    if chart.kind not in ("bar", "barh", "stacked_barh"):
        raise ValueError(f"图表“{chart.title}”的类型“{chart.kind}”无法绘制")
    rows = len(chart.categories)
    horizontal = chart.kind != "bar"
    wrap = LABEL_WIDTH if horizontal else 12
    labels = _wrap_all(chart.categories, wrap)
    if horizontal:
        bars_per_row = 1 if chart.kind == "stacked_barh" else len(chart.series)
        plot_height = max(0.8, 0.42 * rows * bars_per_row + 0.15 * rows)
        label_lines = max((len(label.split("\n")) for label in labels), default=1)
        longest = max((text_width(line, LABEL_SIZE) for label in labels for line in label.split("\n")), default=0)
        left = 0.2 + max(longest, 4 * LABEL_SIZE) / PT
        plot_height = max(plot_height, 0.3 * label_lines * rows)
    else:
        plot_height, left = 2.0, 0.75
    top, bottom = 0.4, 0.8  # title above; axis labels and the legend below
    width, height = WIDTH_INCHES * PT, (plot_height + top + bottom) * PT
    x0, x1 = left * PT, (WIDTH_INCHES - 0.5) * PT
    y0, y1 = top * PT, (top + plot_height) * PT
    items: list = [Text((x0 + x1) / 2, y0 - 6, chart.title, TITLE_SIZE, "middle")]

    count = max(len(chart.series), 1)
    values = [[float(v) for v in series.values] for series in chart.series]
    if chart.kind == "stacked_barh":
        totals = [sum(column) for column in zip(*values)] or [0.0]
        top_value = max(totals, default=0.0) * 1.08
    else:
        top_value = max((v for column in values for v in column), default=0.0) * (1.15 if horizontal else 1.18)
    value_length = (x1 - x0) if horizontal else (y1 - y0)
    ticks = nice_ticks(top_value, value_length, integer=chart.kind == "stacked_barh")
    limit = max(top_value, ticks[-1]) if top_value > 0 else ticks[-1]
    # Category positions 0 … rows−1 with bars ±0.4 around them and a 5 % margin, as plotting libraries do.
    low, high = -0.4, rows - 1 + 0.4
    margin = 0.05 * (high - low)
    low, high = low - margin, high + margin

    if horizontal:
        def value_at(v: float) -> float:
            return x0 + (x1 - x0) * v / limit

        def row_at(p: float) -> float:  # first category at the top
            return y0 + (y1 - y0) * (p - low) / (high - low)
    else:
        def value_at(v: float) -> float:
            return y1 - (y1 - y0) * v / limit

        def row_at(p: float) -> float:
            return x0 + (x1 - x0) * (p - low) / (high - low)

    bars: list = []
    notes: list = []
    if chart.kind == "stacked_barh":
        thickness = 0.6 * (y1 - y0) / (high - low)
        start = [0.0] * rows
        for index, series in enumerate(chart.series):
            colour = _colour(series.name, index)
            for r, (number, value) in enumerate(zip(values[index], series.values)):
                centre = row_at(r)
                a, b = value_at(start[r]), value_at(start[r] + number)
                bars.append(Rect(a, centre - thickness / 2, b - a, thickness, colour))
                if value:
                    notes += _lines_of(_label(value, chart.value_format), (a + b) / 2, centre, SMALL_SIZE, "middle",
                                       "#ffffff")
                start[r] += number
    else:
        span = 0.8 / count
        scale = ((y1 - y0) if horizontal else (x1 - x0)) / (high - low)
        for index, series in enumerate(chart.series):
            colour = _colour(series.name, index)
            for r, (number, value) in enumerate(zip(values[index], series.values)):
                offset = r - 0.4 + span * (index + 0.5)
                centre = row_at(offset)
                thickness = span * 0.92 * scale
                text = _label(value, chart.value_format)
                if horizontal:
                    end = value_at(number)
                    bars.append(Rect(x0, centre - thickness / 2, end - x0, thickness, colour))
                    notes += _lines_of(text, end + 3, centre, SMALL_SIZE, "start")
                else:
                    end = value_at(number)
                    bars.append(Rect(centre - thickness / 2, end, thickness, y1 - end, colour))
                    notes.append(Text(centre, end - 2 - DESCENT * SMALL_SIZE, text, SMALL_SIZE, "middle"))
    items += bars

    # Axes: the value axis with its ticks, the category axis with its labels; no top or right line.
    items.append(Line(x0, y0, x0, y1))
    items.append(Line(x0, y1, x1, y1))
    reach = TICK_LENGTH + TICK_PAD
    for tick in ticks:
        position = value_at(tick)
        text = _tick_text(tick, ticks)
        if horizontal:
            items.append(Line(position, y1, position, y1 + TICK_LENGTH))
            items.append(Text(position, y1 + reach + ASCENT * SMALL_SIZE, text, SMALL_SIZE, "middle"))
        else:
            items.append(Line(x0 - TICK_LENGTH, position, x0, position))
            items += _lines_of(text, x0 - reach, position, SMALL_SIZE, "end")
    for r, label in enumerate(labels):
        position = row_at(r)
        if horizontal:
            items.append(Line(x0 - TICK_LENGTH, position, x0, position))
            items += _lines_of(label, x0 - reach, position, LABEL_SIZE, "end")
        else:
            items.append(Line(position, y1, position, y1 + TICK_LENGTH))
            for i, line in enumerate(label.split("\n")):
                items.append(Text(position, y1 + reach + ASCENT * LABEL_SIZE + i * LABEL_SIZE * LINE_SPACING, line,
                                  LABEL_SIZE, "middle"))
    if chart.unit:
        unit = f"指标数（{chart.unit}）" if chart.kind == "stacked_barh" else chart.unit
        if horizontal:
            items.append(Text(x1, y1 + reach + SMALL_SIZE + 4 + ASCENT * LABEL_SIZE, unit, LABEL_SIZE, "end"))
        else:  # above the value axis, as Chinese statistical charts write it
            items.append(Text(x0, y0 - 4 - DESCENT * LABEL_SIZE, unit, LABEL_SIZE, "end"))
    items += notes
    items += _legend(chart, width, height)
    return Scene(width, height, tuple(items))


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def scene_svg(scene: Scene) -> str:
    out = ['<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
           f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(scene.width)}pt" height="{_n(scene.height)}pt" '
           f'viewBox="0 0 {_n(scene.width)} {_n(scene.height)}" version="1.1">'
           f'<rect x="0" y="0" width="{_n(scene.width)}" height="{_n(scene.height)}" fill="#ffffff"/>']
    for item in scene.items:
        if isinstance(item, Rect):
            out.append(f'<rect x="{_n(item.x)}" y="{_n(item.y)}" width="{_n(item.width)}" height="{_n(item.height)}" '
                       f'fill="{item.colour}"/>')
        elif isinstance(item, Line):
            out.append(f'<line x1="{_n(item.x1)}" y1="{_n(item.y1)}" x2="{_n(item.x2)}" y2="{_n(item.y2)}" '
                       f'stroke="{item.colour}" stroke-width="{_n(item.width)}" stroke-linecap="square"/>')
        else:
            style = f"font-family:{FONT_STACK};font-size:{_n(item.size)}px;fill:{item.colour}"
            out.append(f'<text x="{_n(item.x)}" y="{_n(item.y)}" text-anchor="{item.anchor}" style={quoteattr(style)}>'
                       f"{escape(item.text)}</text>")
    out.append("</svg>\n")
    return "".join(out)


_PIL_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


def scene_png(scene: Scene, dpi: int) -> bytes:
    from PIL import Image, ImageDraw

    k = dpi / PT
    image = Image.new("RGB", (round(scene.width * k), round(scene.height * k)), "#ffffff")
    draw = ImageDraw.Draw(image)
    for item in scene.items:
        if isinstance(item, Rect):
            if item.width > 0 and item.height > 0:
                left, top = round(item.x * k), round(item.y * k)
                right = max(left, round((item.x + item.width) * k) - 1)
                bottom = max(top, round((item.y + item.height) * k) - 1)
                draw.rectangle((left, top, right, bottom), fill=item.colour)
        elif isinstance(item, Line):
            draw.line((round(item.x1 * k), round(item.y1 * k), round(item.x2 * k), round(item.y2 * k)),
                      fill=item.colour, width=max(1, round(item.width * k)))
        else:
            draw.text((item.x * k, item.y * k), item.text, fill=item.colour, font=_font(max(1, round(item.size * k))),
                      anchor=_PIL_ANCHORS[item.anchor])
    buffer = io.BytesIO()
    # Fast zlib level: the PNG is a little larger, written several times faster.
    image.save(buffer, format="png", compress_level=1, dpi=(dpi, dpi))
    return buffer.getvalue()


def render_chart(chart: Chart, fmt: str = "svg", dpi: int = 200) -> bytes:
    """The chart as SVG or PNG bytes."""
    scene = layout(chart)
    if fmt == "svg":
        return scene_svg(scene).encode("utf-8")
    if fmt == "png":
        return scene_png(scene, dpi)
    raise ValueError(f"不支持的图表格式“{fmt}”（可选：svg、png）")


def svg_markup(chart: Chart) -> str:
    """The chart as inline ``<svg>`` markup (no XML declaration)."""
    text = render_chart(chart, "svg").decode("utf-8")
    start = text.find("<svg")
    return text[start:] if start >= 0 else text


def svg_image(chart: Chart) -> str:
    """The chart as an ``<img>`` with a data URI: WeasyPrint lays it out without running the
    document's CSS over every SVG node (half the cost of an inline SVG)."""
    import base64
    from html import escape as escape_html

    data = base64.b64encode(render_chart(chart, "svg")).decode("ascii")
    return f'<img class="chart" alt="{escape_html(chart.title)}" src="data:image/svg+xml;base64,{data}">'
