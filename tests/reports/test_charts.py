"""SVG charts: well-formed, accessible, and readable without colour."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from selfcheck.presenter.charts import blend_quadrant_svg, dimension_chart_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_dimension_chart_labels_every_bar(minimal_ruleset, minimal_result):
    data = minimal_result.to_dict()
    svg = ET.fromstring(dimension_chart_svg(minimal_ruleset, minimal_result, "de"))
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text == "Ergebnis je Thema"
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    desc = svg.find(f"{SVG}desc").text
    for row in data["dimensions"]:
        title = minimal_ruleset.dimension(row["id"]).title.de
        level = minimal_ruleset.level(row["id"], row["level"]).label.de
        assert title in texts
        assert f"{row['score']} · {level}" in texts
        assert f"{title}: {row['score']} ({level})" in desc


def test_dimension_without_score_is_marked_in_words(minimal_ruleset, minimal_result):
    from dataclasses import replace

    first = replace(minimal_result.dimensions[0], score=None, level=None)
    data = replace(minimal_result, dimensions=(first, *minimal_result.dimensions[1:]))
    svg = dimension_chart_svg(minimal_ruleset, data, "en")
    assert "no score" in svg
    assert 'stroke-dasharray="4 3"' in svg


def test_blend_quadrant_marks_the_organisation(minimal_ruleset, minimal_result):
    data = minimal_result.to_dict()
    chosen = minimal_ruleset.blend_type(data["blend"]["type"]).label.de
    svg = ET.fromstring(blend_quadrant_svg(minimal_ruleset, minimal_result, "de"))
    assert svg.find(f"{SVG}desc").text == f"Sie: {chosen}."
    assert len([r for r in svg.iter(f"{SVG}rect") if (r.get("fill") or "").startswith("url(#")]) == 1


def test_chart_text_is_escaped(minimal_ruleset, minimal_result):
    from dataclasses import replace

    from selfcheck.engine import Text

    dimension = minimal_ruleset.dimensions[0]
    hostile = replace(dimension, title=Text("<script>x</script> & Co"))
    ruleset = replace(minimal_ruleset, dimensions=(hostile, *minimal_ruleset.dimensions[1:]), _index={})
    svg = dimension_chart_svg(ruleset, minimal_result, "de")
    assert "<script>" not in svg
    assert "&lt;script&gt;x&lt;/script&gt; &amp; Co" in svg
    ET.fromstring(svg)


def test_a_third_axis_shares_a_quadrant_and_names_the_chosen_type(real_ruleset):
    from selfcheck.engine import evaluate

    side_by_side = evaluate(real_ruleset, {"org_type": "wohlfahrt"})  # no profile: every quadrant unmarked
    svg = blend_quadrant_svg(real_ruleset, side_by_side, "de")
    words = " ".join(t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text"))
    assert "Nebeneinander: beides da, noch nicht verbunden / Blended" in words
    nebeneinander = real_ruleset.blend_type("nebeneinander")
    assert nebeneinander.fits("linkage", False)
    assert not nebeneinander.fits("linkage", True)
    assert real_ruleset.blend_type("am_anfang").fits("linkage", True)
    assert real_ruleset.blend_type("am_anfang").fits("linkage", False)
