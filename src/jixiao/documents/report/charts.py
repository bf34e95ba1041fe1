"""Charts of the report drawn with matplotlib (Agg, no display) in the bundled Chinese font.

``render_chart(chart, "svg")`` for PDF and HTML, ``render_chart(chart, "png")`` for docx. SVG text
stays text (selectable, and cheap for WeasyPrint, which draws glyph outlines slowly) in the bundled
family first, then the usual Chinese system fonts; the PDF has the bundled family by ``@font-face``.
Values are Decimal in the report's data; they become floats here only to place bars, labels are
written from the Decimals.
"""

from __future__ import annotations

import io
from decimal import Decimal

from jixiao.domain.numbers import format_amount, format_number
from jixiao.fonts import register_with_matplotlib
from jixiao.narrative.model import Chart

# Colours: budget in grey-blue, executed / score in the official red, met green, unmet red.
SERIES_COLOURS = {
    "全年预算数": "#9db4cf", "执行数": "#b03a2e", "分值": "#c9d3df", "得分": "#b03a2e",
    "已达到目标值": "#2e7d32", "未达到目标值": "#c62828", "无法判断": "#9e9e9e",
}
FALLBACK_COLOURS = ("#4e79a7", "#e15759", "#76b7b2", "#f28e2b", "#59a14f")
WIDTH_INCHES = 6.3  # 16 cm: the text width of an A4 page with GB/T 9704 margins
LABEL_WIDTH = 14  # characters per line of a category label
# Fallbacks named in SVG text for viewers that lack the bundled family (browsers showing the HTML).
SYSTEM_SANS = ("Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "SimHei", "黑体", "DejaVu Sans")


def _label(value: Decimal, value_format: str) -> str:
    if value_format == "amount":
        return format_amount(value)
    if value_format == "score":
        return format_number(value.quantize(Decimal("0.01")) if value != value.to_integral() else value)
    return format_number(value)


def _colour(name: str, index: int) -> str:
    return SERIES_COLOURS.get(name, FALLBACK_COLOURS[index % len(FALLBACK_COLOURS)])


def _figure(chart: Chart):
    """A figure with fixed margins computed from the labels (no layout engine: it would draw the
    figure twice, which is most of the cost of a chart)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rows = len(chart.categories)
    horizontal = chart.kind in ("barh", "stacked_barh")
    if horizontal:
        bars_per_row = 1 if chart.kind == "stacked_barh" else len(chart.series)
        plot_height = max(0.8, 0.42 * rows * bars_per_row + 0.15 * rows)
        label_lines = max((len(_wrap(c, LABEL_WIDTH).splitlines()) for c in chart.categories), default=1)
        longest = max((len(line) for c in chart.categories for line in _wrap(c, LABEL_WIDTH).splitlines()),
                      default=4)
        left = 0.2 + longest * 9 / 72  # 9 pt labels, one em per character
        plot_height = max(plot_height, 0.3 * label_lines * rows)
    else:
        plot_height = 2.0
        left = 0.75
    top, bottom = 0.4, 0.8  # title above; axis labels and the legend below
    height = plot_height + top + bottom
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((left / WIDTH_INCHES, bottom / height, (WIDTH_INCHES - left - 0.5) / WIDTH_INCHES,
                            plot_height / height))
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.set_title(chart.title, fontsize=11)
    return figure, axes


def _draw_bar(chart: Chart, axes) -> None:
    count = len(chart.series)
    width = 0.8 / max(count, 1)
    positions = range(len(chart.categories))
    top = max((float(v) for series in chart.series for v in series.values), default=0.0)
    for index, series in enumerate(chart.series):
        offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
        bars = axes.bar(offsets, [float(v) for v in series.values], width * 0.92, label=series.name,
                        color=_colour(series.name, index))
        for bar, value in zip(bars, series.values):
            axes.annotate(_label(value, chart.value_format), (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                          xytext=(0, 2), textcoords="offset points", ha="center", va="bottom", fontsize=8)
    axes.set_xticks(list(positions))
    axes.set_xticklabels(_wrap_all(chart.categories, 12), fontsize=9)
    axes.set_ylim(0, top * 1.18 if top > 0 else 1)
    if chart.unit:
        axes.set_ylabel(chart.unit, fontsize=9)
    axes.tick_params(axis="y", labelsize=8)
    _legend(axes, count)


def _draw_barh(chart: Chart, axes) -> None:
    count = len(chart.series)
    height = 0.8 / max(count, 1)
    positions = list(range(len(chart.categories)))[::-1]
    top = max((float(v) for series in chart.series for v in series.values), default=0.0)
    for index, series in enumerate(chart.series):
        offsets = [p + 0.4 - height * (index + 0.5) for p in positions]
        bars = axes.barh(offsets, [float(v) for v in series.values], height * 0.92, label=series.name,
                         color=_colour(series.name, index))
        for bar, value in zip(bars, series.values):
            axes.annotate(_label(value, chart.value_format), (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                          xytext=(3, 0), textcoords="offset points", ha="left", va="center", fontsize=8)
    axes.set_yticks(positions)
    axes.set_yticklabels(_wrap_all(chart.categories, LABEL_WIDTH), fontsize=9)
    axes.set_xlim(0, top * 1.15 if top > 0 else 1)
    if chart.unit:
        axes.set_xlabel(chart.unit, fontsize=9, loc="right")
    axes.tick_params(axis="x", labelsize=8)
    _legend(axes, count)


def _draw_stacked_barh(chart: Chart, axes) -> None:
    positions = list(range(len(chart.categories)))[::-1]
    left = [0.0] * len(chart.categories)
    for index, series in enumerate(chart.series):
        values = [float(v) for v in series.values]
        bars = axes.barh(positions, values, 0.6, left=left, label=series.name, color=_colour(series.name, index))
        for bar, value in zip(bars, series.values):
            if value:
                axes.annotate(_label(value, chart.value_format),
                              (bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2),
                              ha="center", va="center", fontsize=8, color="white")
        left = [a + b for a, b in zip(left, values)]
    axes.set_yticks(positions)
    axes.set_yticklabels(_wrap_all(chart.categories, LABEL_WIDTH), fontsize=9)
    axes.set_xlim(0, max(left, default=0) * 1.08 or 1)
    axes.xaxis.get_major_locator().set_params(integer=True)
    if chart.unit:
        axes.set_xlabel(f"指标数（{chart.unit}）", fontsize=9, loc="right")
    axes.tick_params(axis="x", labelsize=8)
    _legend(axes, len(chart.series))


def _legend(axes, count: int) -> None:
    axes.get_figure().legend(fontsize=8, frameon=False, loc="lower center", ncols=count, bbox_to_anchor=(0.5, 0.0))


def _wrap(text: str, width: int) -> str:
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


def _wrap_all(texts, width: int) -> list[str]:
    return [_wrap(text, width) for text in texts]


DRAWERS = {"bar": _draw_bar, "barh": _draw_barh, "stacked_barh": _draw_stacked_barh}


def render_chart(chart: Chart, fmt: str = "svg", dpi: int = 200) -> bytes:
    """The chart as SVG or PNG bytes."""
    import matplotlib

    sans, _ = register_with_matplotlib()
    settings = {
        "font.family": "sans-serif", "font.sans-serif": [sans, *SYSTEM_SANS], "axes.unicode_minus": False,
        "svg.fonttype": "none", "svg.hashsalt": "jixiao", "axes.edgecolor": "#555555",
    }
    with matplotlib.rc_context(settings):
        figure, axes = _figure(chart)
        try:
            DRAWERS[chart.kind](chart, axes)
        except KeyError:
            raise ValueError(f"图表“{chart.title}”的类型“{chart.kind}”无法绘制") from None
        buffer = io.BytesIO()
        if fmt == "svg":
            figure.savefig(buffer, format="svg", metadata={"Date": None})
        else:
            # Fast zlib level: the PNG is a little larger, written several times faster.
            figure.savefig(buffer, format=fmt, dpi=dpi, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def svg_markup(chart: Chart) -> str:
    """The chart as inline ``<svg>`` markup (the XML declaration and doctype removed)."""
    text = render_chart(chart, "svg").decode("utf-8")
    start = text.find("<svg")
    return text[start:] if start >= 0 else text


def svg_image(chart: Chart) -> str:
    """The chart as an ``<img>`` with a data URI: WeasyPrint lays it out without running the
    document's CSS over every SVG node (half the cost of an inline SVG)."""
    import base64
    from html import escape

    data = base64.b64encode(render_chart(chart, "svg")).decode("ascii")
    return f'<img class="chart" alt="{escape(chart.title)}" src="data:image/svg+xml;base64,{data}">'
