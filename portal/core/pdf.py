"""PDF exports (script, later summary and 实录): a Django template rendered by WeasyPrint.

Templates name their fonts by family ("Noto Serif CJK SC", "Noto Sans CJK SC" from Debian's fonts-noto-cjk);
WeasyPrint finds them through fontconfig and embeds the subset a document uses, so the PDF reads the same on
a machine without them. Nothing outside the document is fetched: no network, no local files, only data: URLs.
"""

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher


def render_pdf(template_name: str, context: dict) -> bytes:
    """The template rendered with ``context`` as PDF bytes."""
    html = render_to_string(template_name, context)
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()
