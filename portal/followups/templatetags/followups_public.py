"""The summary section of the public interview page, as one tag the interview template includes."""

from django import template

from portal.followups.charts import render_svg
from portal.followups.export import fact_rows
from portal.followups.models import RectificationItem
from portal.followups.queries import published_summary

register = template.Library()


@register.inclusion_tag("website/followups/summary_section.html")
def summary_section(interview):
    """Nothing until 数字治理中心 has published the summary; then facts, charts, text and opinion points."""
    view = published_summary(interview)
    has_items = RectificationItem.objects.filter(interview=interview).exists()
    if view is None:
        return {"view": None, "interview": interview, "has_items": has_items}
    return {
        "view": view,
        "interview": interview,
        "rows": fact_rows(view.facts),
        "charts": [(chart, render_svg(chart)) for chart in view.charts],
        "has_items": has_items,
    }
