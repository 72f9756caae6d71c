"""年度数据: the 在线访谈 rows of the 政府网站工作年度报表, the plan against what happened, units' punctuality."""

from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from portal.backoffice.decorators import staff_required
from portal.backoffice.views.common import int_param
from portal.figures.export import XLSX_TYPE, year_figures_xlsx
from portal.figures.queries import Outcome, figure_years, year_figures

MIN_YEAR, MAX_YEAR = 2000, 2100


def _year(request) -> int:
    if not request.user.has_perm("figures.view_year_figures"):
        raise PermissionDenied
    year = int_param(request.GET.get("year"))
    return year if year is not None and MIN_YEAR <= year <= MAX_YEAR else timezone.localdate().year


@staff_required
def year_figures_page(request):
    year = _year(request)
    figures = year_figures(year)
    counts = figures.outcome_counts()
    context = {
        "nav": "figures",
        "year": year,
        "years": sorted({*figure_years(), year}, reverse=True),
        "figures": figures,
        "outcome_counts": [(outcome.label, counts[outcome]) for outcome in Outcome],
    }
    return TemplateResponse(request, "backoffice/figures/year.html", context)


@staff_required
def year_figures_download(request):
    year = _year(request)
    today = timezone.localdate()
    response = HttpResponse(year_figures_xlsx(year_figures(year, today), today), content_type=XLSX_TYPE)
    chinese = quote(f"{year}年在线访谈年度数据.xlsx")
    response["Content-Disposition"] = f"attachment; filename=\"figures-{year}.xlsx\"; filename*=UTF-8''{chinese}"
    return response
