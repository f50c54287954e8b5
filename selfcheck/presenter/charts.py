"""SVG charts as plain strings, for the PDF report and the web results page.

Plain SVG (no script, no external references) so the same markup works inline in HTML
and in WeasyPrint. Meaning never depends on colour alone: every bar carries its score and
level as text, and a dimension without a score is drawn as a dashed outline with a label.
"""

from __future__ import annotations

from html import escape

from selfcheck.engine.model import Blend, RuleSet
from selfcheck.engine.scoring import Result
from selfcheck.texts import translator

_INK = "#1f2a33"
_MUTED = "#5b6770"
_BAR = "#2f5d7c"
_TRACK = "#e8ecef"
_FONT = "font-family=\"'Source Sans 3', 'Source Sans Pro', Arial, sans-serif\""


def _s(lang: str) -> dict[str, str]:
    _ = translator(lang)
    return {
        "title": _("Ergebnis je Thema"),
        "desc": _("Balkendiagramm: Punktzahl von 0 bis 100 für jedes Thema."),
        "no_score": _("keine Bewertung"),
        "quadrant_title": _("Blended-Profil"),
        "you": _("Sie"),
        "no_type": _("Profil noch offen: zu wenige Antworten."),
        "low": _("niedrig"),
        "high": _("hoch"),
    }


def _x(text: object) -> str:
    return escape(str(text), quote=True)


def _rows(ruleset: RuleSet, result: Result, lang: str) -> list[tuple[str, int | None, str, str]]:
    """Per theme: its title, score, the label beside its bar and its line of the text alternative."""
    no_score = _s(lang)["no_score"]
    rows = []
    for row in result.dimensions:
        title = ruleset.dimension(row.id).title.get(lang)
        level = ruleset.level(row.id, row.level).label.get(lang) if row.score is not None and row.level else ""
        if row.score is None:
            label, desc = no_score, f"{title}: {no_score}"
        else:
            label = f"{row.score} · {level}" if level else str(row.score)
            desc = f"{title}: {row.score} ({level})" if level else f"{title}: {row.score}"
        rows.append((title, row.score, label, desc))
    return rows


def dimension_chart_svg(
    ruleset: RuleSet, result: Result, lang: str, *, id_prefix: str = "dimchart"
) -> str:
    """A horizontal bar chart of the dimension scores (0-100) with level boundaries.

    ``id_prefix`` keeps element ids unique when a page shows more than one chart.
    """
    s = _s(lang)
    rows = result.dimensions
    width, left, right = 640, 8, 140
    bar_w = width - left - right
    # One row: title (baseline at +13), bar (+18 .. +31), score label beside the bar.
    row_h, top, bar_top, bar_h = 36, 8, 18, 13
    axis_y = top + row_h * len(rows) + 2
    height = axis_y + 36
    boundaries = sorted({lv.min for lv in ruleset.levels if 0 < lv.min < 100})

    def px(score: float) -> float:
        return left + bar_w * max(0.0, min(100.0, score)) / 100

    # Shapes of one kind share one <path> and texts of one kind share their attributes in a
    # <g>: the picture is the same, with a third of the nodes (each node costs time in the PDF).
    descs = []
    titles: list[str] = []
    labels: list[str] = []
    tracks: list[str] = []
    bars: list[str] = []
    ticks: list[str] = []
    outlines: list[str] = []
    for i, (title, score, label, desc) in enumerate(_rows(ruleset, result, lang)):
        y = top + i * row_h
        bar_y = y + bar_top
        descs.append(desc)
        titles.append(f'<text x="{left}" y="{y + 13}">{_x(title)}</text>')
        tracks.append(f"M{left} {bar_y}h{bar_w}v{bar_h}h-{bar_w}z")
        if score is None:
            outlines.append(
                f'<rect x="{left + 0.5}" y="{bar_y + 0.5}" width="{bar_w - 1}" height="{bar_h - 1}" fill="none" '
                f'stroke="{_MUTED}" stroke-dasharray="4 3" />'
            )
        else:
            bar = f"{px(score) - left:.1f}"
            bars.append(f"M{left} {bar_y}h{bar}v{bar_h}h-{bar}z")
        # level boundaries as ticks across the bar, visible on and off the bar
        ticks.extend(f"M{px(b):.1f} {bar_y - 2}V{bar_y + bar_h + 2}" for b in boundaries)
        labels.append(f'<text x="{width - right + 8}" y="{bar_y + 11}">{_x(label)}</text>')
    parts = _bar_layers(tracks, bars, outlines, ticks, titles, labels, title_size=13)
    parts.append(f'<line x1="{left}" y1="{axis_y}" x2="{left + bar_w}" y2="{axis_y}" stroke="{_INK}" />')
    scale = []
    for tick in [0, *boundaries, 100]:
        anchor = "start" if tick == 0 else "end" if tick == 100 else "middle"
        scale.append(f'<text x="{px(tick):.1f}" y="{axis_y + 14}" text-anchor="{anchor}">{tick}</text>')
    edges = [0, *boundaries, 101]
    for lv, lo, hi in zip(sorted(ruleset.levels, key=lambda lv: lv.min), edges, edges[1:], strict=False):
        scale.append(
            f'<text x="{(px(lo) + px(min(hi, 100))) / 2:.1f}" y="{axis_y + 29}" '
            f'text-anchor="middle">{_x(lv.label.get(lang))}</text>'
        )
    parts.append(f'<g font-size="11" fill="{_MUTED}">{"".join(scale)}</g>')
    desc = s["desc"] + " " + "; ".join(descs) + "."
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="dimension-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" {_FONT}>'
        f'<title id="{id_prefix}-title">{_x(s["title"])}</title>'
        f'<desc id="{id_prefix}-desc">{_x(desc)}</desc>' + "".join(parts) + "</svg>"
    )


def dimension_chart_compact_svg(
    ruleset: RuleSet, result: Result, lang: str, *, id_prefix: str = "dimchart-compact"
) -> str:
    """The dimension chart for a phone: a narrow picture whose text stays readable at 320-400 px.

    Each theme gets its title on its own line(s) and its bar below, with score and level beside
    the bar; the level names under the axis are left out (each bar names its level). The PDF and
    wide screens keep ``dimension_chart_svg``.
    """
    s = _s(lang)
    width, left = 300, 4
    title_size, label_size, scale_size = 14, 14, 13  # about 15-16 px on a 375 px phone
    rows = _rows(ruleset, result, lang)
    # the widest label decides where the bars end (about 0.55 em per character, semi-bold)
    label_w = max((len(label) for *_, label, _desc in rows), default=4) * label_size * 0.55 + 8
    bar_w = width - left - label_w
    bar_h, line_h = 14, title_size + 3
    boundaries = sorted({lv.min for lv in ruleset.levels if 0 < lv.min < 100})

    def px(score: float) -> float:
        return left + bar_w * max(0.0, min(100.0, score)) / 100

    titles: list[str] = []
    labels: list[str] = []
    tracks: list[str] = []
    bars: list[str] = []
    ticks: list[str] = []
    outlines: list[str] = []
    y = 0.0
    for title, score, label, _desc in rows:
        for line in _wrap(title, int((width - left) / (title_size * 0.5))):
            y += line_h
            titles.append(f'<text x="{left}" y="{y:.0f}">{_x(line)}</text>')
        bar_y = y + 5
        tracks.append(f"M{left} {bar_y:.0f}h{bar_w:.1f}v{bar_h}h-{bar_w:.1f}z")
        if score is None:
            outlines.append(
                f'<rect x="{left + 0.5}" y="{bar_y + 0.5:.1f}" width="{bar_w - 1:.1f}" height="{bar_h - 1}" '
                f'fill="none" stroke="{_MUTED}" stroke-dasharray="4 3" />'
            )
        else:
            bar = f"{px(score) - left:.1f}"
            bars.append(f"M{left} {bar_y:.0f}h{bar}v{bar_h}h-{bar}z")
        ticks.extend(f"M{px(b):.1f} {bar_y - 2:.0f}V{bar_y + bar_h + 2:.0f}" for b in boundaries)
        labels.append(f'<text x="{left + bar_w + 6:.1f}" y="{bar_y + bar_h - 2:.0f}">{_x(label)}</text>')
        y = bar_y + bar_h + 8
    axis_y = y
    height = axis_y + scale_size + 8
    parts = _bar_layers(tracks, bars, outlines, ticks, titles, labels, title_size=title_size, label_size=label_size)
    parts.append(f'<line x1="{left}" y1="{axis_y:.0f}" x2="{left + bar_w:.1f}" y2="{axis_y:.0f}" stroke="{_INK}" />')
    scale = []
    for tick in [0, *boundaries, 100]:
        anchor = "start" if tick == 0 else "end" if tick == 100 else "middle"
        scale.append(f'<text x="{px(tick):.1f}" y="{axis_y + scale_size + 2:.0f}" text-anchor="{anchor}">{tick}</text>')
    parts.append(f'<g font-size="{scale_size}" fill="{_MUTED}">{"".join(scale)}</g>')
    desc = s["desc"] + " " + "; ".join(d for *_, d in rows) + "."
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="dimension-chart dimension-chart--compact" role="img" '
        f'viewBox="0 0 {width} {height:.0f}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" {_FONT}>'
        f'<title id="{id_prefix}-title">{_x(s["title"])}</title>'
        f'<desc id="{id_prefix}-desc">{_x(desc)}</desc>' + "".join(parts) + "</svg>"
    )


def _bar_layers(tracks: list[str], bars: list[str], outlines: list[str], ticks: list[str], titles: list[str],
                labels: list[str], *, title_size: int, label_size: int | None = None) -> list[str]:
    """What both theme charts draw, back to front: tracks, bars, outlines, level ticks, texts."""
    parts = [f'<path d="{"".join(tracks)}" fill="{_TRACK}" />']
    if bars:
        parts.append(f'<path d="{"".join(bars)}" fill="{_BAR}" />')
    parts.extend(outlines)
    if ticks:
        parts.append(
            f'<path d="{"".join(ticks)}" fill="none" stroke="{_INK}" stroke-opacity="0.55" stroke-width="1" '
            f'stroke-dasharray="2 2" />'
        )
    size = f' font-size="{label_size}"' if label_size is not None else ""
    parts.append(f'<g font-size="{title_size}" fill="{_INK}">{"".join(titles)}'
                 f'<g{size} font-weight="600">{"".join(labels)}</g></g>')
    return parts


def quadrant_label(blend: Blend, x_high: bool, y_high: bool, chosen: str | None, lang: str) -> tuple[str, bool] | None:
    """A grid cell's label and whether it is the organisation's: its own type, else the types
    that share the cell; None for a cell no type covers."""
    here = blend.quadrant(x_high, y_high)
    if not here:
        return None
    mine = [t for t in here if t.id == chosen]
    if mine or len(here) == 1:
        return (mine or here)[0].label.get(lang), bool(mine)
    return " / ".join(t.label.get(lang) for t in here), False


def blend_quadrant_svg(
    ruleset: RuleSet, result: Result, lang: str, *, id_prefix: str = "blendchart"
) -> str:
    """The blend profile as a 2x2 grid; the organisation's quadrant is marked by text and hatching.

    Axis 1 runs left to right, axis 2 bottom to top; each quadrant names its blend type.
    """
    s = _s(lang)
    blend = ruleset.blend.for_audience(result.organisation_type)
    axes = blend.axes
    chosen = result.blend.type
    size, pad_l, pad_b, pad_t = 330, 76, 46, 8  # fonts sized for a chart about 50 mm wide
    cell = (size - pad_l - 8) / 2
    width, height = size, pad_t + 2 * cell + pad_b
    parts = [
        f'<defs><pattern id="{id_prefix}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="8" stroke="{_BAR}" '
        f'stroke-width="3" /></pattern></defs>'
    ]
    desc = ""
    if len(axes) >= 2:
        x_axis, y_axis = axes[0], axes[1]  # a third axis (linkage) splits a quadrant: its types share it
        for col, row in ((0, 1), (1, 1), (0, 0), (1, 0)):
            found = quadrant_label(blend, col == 1, row == 0, chosen, lang)
            if found is None:
                continue
            label, is_you = found
            x, y = pad_l + col * cell, pad_t + row * cell
            fill = f"url(#{id_prefix}-hatch)" if is_you else "#ffffff"
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{cell:.1f}" height="{cell:.1f}" fill="{fill}" '
                f'fill-opacity="{0.35 if is_you else 1}" stroke="{_INK}" '
                f'stroke-width="{3 if is_you else 1}" />'
            )
            cx, cy = x + cell / 2, y + cell / 2
            weight = "700" if is_you else "400"
            for j, line in enumerate(_wrap(label, 13)):
                parts.append(
                    f'<text x="{cx:.1f}" y="{cy - 2 + j * 18:.1f}" font-size="16" font-weight="{weight}" '
                    f'fill="{_INK}" text-anchor="middle">{_x(line)}</text>'
                )
            if is_you:
                parts.append(
                    f'<rect x="{cx - 26:.1f}" y="{y + 10:.1f}" width="52" height="22" rx="11" '
                    f'fill="{_INK}" />'
                    f'<text x="{cx:.1f}" y="{y + 26:.1f}" font-size="15" font-weight="700" fill="#ffffff" '
                    f'text-anchor="middle">{_x(s["you"])}</text>'
                )
                desc = f"{s['you']}: {label}."
        ax_y = pad_t + 2 * cell
        parts.append(
            f'<text x="{pad_l + cell / 2:.1f}" y="{ax_y + 17:.1f}" font-size="14" fill="{_MUTED}" '
            f'text-anchor="middle">{_x(s["low"])}</text>'
            f'<text x="{pad_l + 1.5 * cell:.1f}" y="{ax_y + 17:.1f}" font-size="14" fill="{_MUTED}" '
            f'text-anchor="middle">{_x(s["high"])}</text>'
            f'<text x="{pad_l + cell:.1f}" y="{ax_y + 38:.1f}" font-size="15" font-weight="600" '
            f'fill="{_INK}" text-anchor="middle">{_x(x_axis.label.get(lang))}</text>'
        )
        mid_y = pad_t + cell
        parts.append(
            f'<text x="{pad_l - 6}" y="{pad_t + cell / 2:.1f}" font-size="14" fill="{_MUTED}" '
            f'text-anchor="end">{_x(s["high"])}</text>'
            f'<text x="{pad_l - 6}" y="{pad_t + 1.5 * cell:.1f}" font-size="14" fill="{_MUTED}" '
            f'text-anchor="end">{_x(s["low"])}</text>'
            f'<text transform="translate(14 {mid_y:.1f}) rotate(-90)" font-size="15" font-weight="600" '
            f'fill="{_INK}" text-anchor="middle">{_x(y_axis.label.get(lang))}</text>'
        )
    if not desc:
        desc = s["no_type"]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="blend-chart" role="img" '
        f'viewBox="0 0 {width} {height:.0f}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" {_FONT}>'
        f'<title id="{id_prefix}-title">{_x(s["quadrant_title"])}</title>'
        f'<desc id="{id_prefix}-desc">{_x(desc)}</desc>' + "".join(parts) + "</svg>"
    )


def _wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap; SVG text does not wrap by itself."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]
