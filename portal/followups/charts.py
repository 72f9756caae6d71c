"""Charts drawn on the server: the same data as SVG (pages, PDF) and PNG (DOCX), no JavaScript, no fonts sent.

A chart is a title, a description and bars (label, value). Horizontal bars suit long Chinese labels; a
stacked chart is one bar cut into parts with a legend. Every SVG is ``role="img"`` labelled by its
<title> and <desc>, carries its numbers as text, and the pages put the same numbers in a table beside
it, so colour never carries anything alone. Fonts are named by family ("Noto Sans CJK SC"); the PNG
is drawn with Pillow from the font file fontconfig finds for that family.
"""

import functools
import io
import subprocess
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

FONT_FAMILY = "Noto Sans CJK SC"
FONT_STACK = "'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"
BAR_COLOUR = "#1f5f99"
# Distinct in hue and lightness (also in grey scale); each segment is named in the legend with its number.
SEGMENT_COLOURS = ("#1f5f99", "#2e7d32", "#8d6e00", "#b3261e", "#6b6b6b")
TEXT_COLOUR = "#1a1a1a"
GRID_COLOUR = "#c8c8c8"

WIDTH = 640
LABEL_WIDTH = 200
VALUE_WIDTH = 56
ROW = 30
BAR = 18
TOP = 12
FONT_SIZE = 14
LEGEND_ROW = 24


@dataclass(frozen=True)
class Chart:
    key: str  # unique on the page: the ids of <title> and <desc> derive from it
    title: str
    description: str
    bars: list[tuple[str, int]] = field(default_factory=list)
    stacked: bool = False

    @property
    def total(self) -> int:
        return sum(value for _label, value in self.bars)

    @property
    def height(self) -> int:
        if self.stacked:
            return TOP + BAR + 16 + LEGEND_ROW * max(len(self.bars), 1) + 8
        return TOP + ROW * max(len(self.bars), 1) + 8


def _bar_area() -> int:
    return WIDTH - LABEL_WIDTH - VALUE_WIDTH - 8


def _bar_length(value: int, biggest: int) -> int:
    if biggest <= 0 or value <= 0:
        return 0
    return max(2, round(_bar_area() * value / biggest))


def _clip(label: str, limit: int = 13) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _segments(chart: Chart) -> list[tuple[str, int, int, int, str]]:
    """(label, value, x, width, colour) of each part of a stacked bar; the parts fill the whole width."""
    total, x, parts = chart.total, 0, []
    full = WIDTH - 16
    for index, (label, value) in enumerate(chart.bars):
        width = round(full * value / total) if total else 0
        parts.append((label, value, 8 + x, width, SEGMENT_COLOURS[index % len(SEGMENT_COLOURS)]))
        x += width
    return parts


def render_svg(chart: Chart) -> SafeString:
    """The chart as inline SVG markup, every text escaped."""
    title_id, desc_id = f"chart-{chart.key}-title", f"chart-{chart.key}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{WIDTH}" height="{chart.height}" '
        f'viewBox="0 0 {WIDTH} {chart.height}" aria-labelledby="{title_id} {desc_id}" '
        f'font-family="{FONT_STACK}" font-size="{FONT_SIZE}">',
        f'<title id="{title_id}">{escape(chart.title)}</title>',
        f'<desc id="{desc_id}">{escape(chart.description)}</desc>',
    ]
    if chart.stacked:
        out.extend(_stacked_svg(chart))
    else:
        out.extend(_bars_svg(chart))
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 -- built here, every text escaped above


def _bars_svg(chart: Chart) -> list[str]:
    biggest = max((value for _label, value in chart.bars), default=0)
    out = []
    for index, (label, value) in enumerate(chart.bars):
        y = TOP + index * ROW
        length = _bar_length(value, biggest)
        out.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR - 4}" text-anchor="end" fill="{TEXT_COLOUR}">'
            f"{escape(_clip(label))}</text>"
        )
        out.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR}" fill="{BAR_COLOUR}"/>')
        out.append(f'<text x="{LABEL_WIDTH + length + 6}" y="{y + BAR - 4}" fill="{TEXT_COLOUR}">{value}</text>')
    if not chart.bars:
        out.append(f'<text x="8" y="{TOP + BAR - 4}" fill="{TEXT_COLOUR}">{escape(_("无"))}</text>')
    return out


def _stacked_svg(chart: Chart) -> list[str]:
    out = [f'<rect x="8" y="{TOP}" width="{WIDTH - 16}" height="{BAR}" fill="none" stroke="{GRID_COLOUR}"/>']
    for index, (label, value, x, width, colour) in enumerate(_segments(chart)):
        if width:
            out.append(f'<rect x="{x}" y="{TOP}" width="{width}" height="{BAR}" fill="{colour}"/>')
        y = TOP + BAR + 16 + index * LEGEND_ROW
        out.append(f'<rect x="8" y="{y}" width="14" height="14" fill="{colour}"/>')
        out.append(f'<text x="30" y="{y + 12}" fill="{TEXT_COLOUR}">{escape(label)}：{value}</text>')
    return out


@functools.cache
def font_file() -> tuple[str, int] | None:
    """The file (and face index in a .ttc) of FONT_FAMILY: PORTAL_CHART_FONT, else what fontconfig matches."""
    configured = getattr(settings, "PORTAL_CHART_FONT", "")
    if configured:
        return configured, 0
    try:
        found = subprocess.run(  # noqa: S603 -- fixed arguments, no shell
            ["fc-match", FONT_FAMILY, "-f", "%{file}\n%{index}"],  # noqa: S607 -- fontconfig's tool on PATH
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.split("\n")
    except (OSError, subprocess.SubprocessError):
        return None
    if not found or not found[0]:
        return None
    return found[0], int(found[1]) if len(found) > 1 and found[1].isdigit() else 0


def _font(size: int):
    located = font_file()
    if located is not None:
        try:
            return ImageFont.truetype(located[0], size, index=located[1])
        except OSError:
            pass
    return ImageFont.load_default(size)


def render_png(chart: Chart, scale: int = 2) -> bytes:
    """The same chart drawn with Pillow, ``scale`` times the SVG's size (sharp when printed)."""
    width, height = WIDTH * scale, chart.height * scale
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = _font(FONT_SIZE * scale)

    def box(x, y, w, h, colour, outline=None):
        draw.rectangle([x * scale, y * scale, (x + w) * scale - 1, (y + h) * scale - 1], fill=colour, outline=outline)

    def text(x, y, value, anchor="ls"):
        draw.text((x * scale, y * scale), value, fill=TEXT_COLOUR, font=font, anchor=anchor)

    if chart.stacked:
        box(8, TOP, WIDTH - 16, BAR, None, GRID_COLOUR)
        for index, (label, value, x, seg_width, colour) in enumerate(_segments(chart)):
            if seg_width:
                box(x, TOP, seg_width, BAR, colour)
            y = TOP + BAR + 16 + index * LEGEND_ROW
            box(8, y, 14, 14, colour)
            text(30, y + 12, f"{label}：{value}")
    else:
        biggest = max((value for _label, value in chart.bars), default=0)
        for index, (label, value) in enumerate(chart.bars):
            y = TOP + index * ROW
            length = _bar_length(value, biggest)
            text(LABEL_WIDTH - 8, y + BAR - 4, _clip(label), anchor="rs")
            if length:
                box(LABEL_WIDTH, y, length, BAR, BAR_COLOUR)
            text(LABEL_WIDTH + length + 6, y + BAR - 4, str(value))
        if not chart.bars:
            text(8, TOP + BAR - 4, _("无"))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
