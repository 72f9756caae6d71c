"""What every public page carries: titles and landmarks, the footer, 长者模式, and embedding in the portal."""

import gzip
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from portal.core.context_processors import ELDER_COOKIE
from portal.core.models import SiteSettings
from portal.interviews.enums import InterviewState
from tests.factories import InterviewFactory
from tests.website.conftest import meta, parse, text

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def pages(plan_2025):
    held = InterviewFactory(title="全民消防安全宣传教育", year=2024, lead_unit=None, state=InterviewState.FILED)
    return {
        reverse("website:home"): "首页",
        reverse("website:plan-detail", args=[2025]): "2025年访谈计划",
        reverse("website:archive"): "往期回顾",
        held.get_absolute_url(): "全民消防安全宣传教育",
    }


def test_every_page_has_its_title_language_landmarks_and_one_h1(client, pages):
    for url, page in pages.items():
        tree = parse(client.get(url))
        assert text(tree.xpath("//title")[0]) == f"{page} - 在线访谈 - 南京市浦口区人民政府", url
        assert tree.get("lang") == "zh-CN"
        assert len(tree.xpath("//h1")) == 1, url
        assert len(tree.xpath("//main[@id='main']")) == 1
        assert tree.xpath("//body/a[1]/@href") == ["#main"], "the skip link comes first"
        for landmark in ("//header", "//nav[@aria-label]", "//footer"):
            assert tree.xpath(landmark), (url, landmark)
        assert meta(tree, "ColumnType") == "在线访谈"
        assert not tree.xpath("//script[not(@src)]"), "CSP forbids inline scripts"
        assert all(src.startswith("/static/") for src in tree.xpath("//script/@src | //link/@href")), url


def test_footer_shows_configured_numbers_and_omits_unset_ones(client, pages):
    tree = parse(client.get(reverse("website:home")))
    footer = text(tree.xpath("//footer")[0])
    assert "主办单位：南京市浦口区人民政府办公室" in footer
    for unset in ("网站标识码", "ICP", "公网安备"):
        assert unset not in footer
    assert meta(tree, "SiteIDCode") is None
    assert tree.xpath('//footer//a[@href="https://zfwzzc.www.gov.cn/"]')

    site = SiteSettings.current()
    site.site_id_code = "3201110001"
    site.icp_number = "苏ICP备05005409号"
    site.police_number = "苏公网安备32011102010000号"
    site.police_number_url = "https://beian.mps.gov.cn/#/query/webSearch?code=32011102010000"
    site.save()

    tree = parse(client.get(reverse("website:archive")))
    footer = text(tree.xpath("//footer")[0])
    assert "网站标识码：3201110001" in footer
    assert text(tree.xpath('//footer//a[@href="https://beian.miit.gov.cn/"]')[0]) == "苏ICP备05005409号"
    assert text(tree.xpath(f'//footer//a[@href="{site.police_number_url}"]')[0]) == "苏公网安备32011102010000号"
    assert meta(tree, "SiteIDCode") == "3201110001"


def test_elder_mode_is_a_cookie_set_by_a_plain_form(client, plan_2025):
    url = reverse("website:elder-mode")
    assert client.get(url).status_code == 405

    response = client.post(url, {"on": "1", "next": "/archive/"})
    assert response.status_code == 302
    assert response["Location"] == "/archive/"
    cookie = response.cookies[ELDER_COOKIE]
    assert cookie.value == "1"
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    tree = parse(client.get("/archive/"))
    assert "elder" in tree.get("class").split()
    button = tree.xpath('//form[contains(@class, "elder-toggle")]//button')[0]
    assert button.get("aria-pressed") == "true"

    response = client.post(url, {"on": "0", "next": "/plan/2025/"})
    assert response["Location"] == "/plan/2025/"
    tree = parse(client.get("/plan/2025/"))
    assert "elder" not in (tree.get("class") or "").split()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", ""])
def test_elder_mode_refuses_an_unsafe_next(client, target):
    response = client.post(reverse("website:elder-mode"), {"on": "1", "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("website:home")


def test_public_pages_may_be_framed_by_configured_origins_only(client, pages):
    response = client.get(reverse("website:home"))
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"

    site = SiteSettings.current()
    site.embed_origins = "https://www.pukou.gov.cn\nhttps://zwgk.pukou.gov.cn"
    site.save()
    for url in pages:
        response = client.get(url)
        assert (
            "frame-ancestors 'self' https://www.pukou.gov.cn https://zwgk.pukou.gov.cn"
            in (response["Content-Security-Policy"])
        ), url
        assert "X-Frame-Options" not in response, url

    staff_page = client.get(reverse("backoffice:login"))
    assert staff_page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in staff_page["Content-Security-Policy"]


def test_pages_are_light(client, pages):
    """HTML + CSS + JS of a page under 100 KB compressed (product.md §11), photos and video aside."""
    for url in pages:
        response = client.get(url)
        tree = parse(response)
        assets = tree.xpath("//script/@src | //link[@rel='stylesheet']/@href")
        paths = [finders.find(asset.removeprefix(settings.STATIC_URL)) for asset in assets]
        total = len(gzip.compress(response.content)) + sum(len(gzip.compress(Path(p).read_bytes())) for p in paths)
        assert total < 100 * 1024, (url, total)
