"""Shared by the browser tests: where Chromium and axe-core are, axe and layout checks, the public data."""

import datetime as dt
import io
import os
from pathlib import Path

from django.core.files.base import ContentFile
from PIL import Image

from portal.interviews.enums import InterviewState
from portal.interviews.models import Interview
from tests.factories import GuestFactory, InterviewFactory
from tests.website.data import build_plan_2025, publish_preview, row_interview

CHROMIUM = Path(os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium"))
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

RUN_AXE = """async (options) => {
  const result = await axe.run(document, options);
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + n.failureSummary.replace(/\\s+/g, ' ')),
  }));
}"""


def axe_violations(page, *, tags=WCAG_AA, rules=None) -> list[dict]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    options = {"runOnly": {"type": "rule", "values": rules}} if rules else {"runOnly": {"type": "tag", "values": tags}}
    return page.evaluate(RUN_AXE, options)


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.extend(f"    {node}" for node in violation["nodes"])
    return "\n".join(lines)


def assert_accessible(page, *, label: str = "", **options) -> None:
    violations = axe_violations(page, **options)
    assert not violations, f"axe found {len(violations)} violation(s) on {label or page.url}:\n" + format_violations(
        violations
    )


def assert_no_horizontal_scroll(page, *, label: str = "") -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1] + 1, (
        f"horizontal scroll on {label or page.url}: scrollWidth {widths[0]} > {widths[1]}"
    )


def jpeg(width: int = 96, height: int = 128) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 210, 220)).save(out, "JPEG")
    return out.getvalue()


def build_public_site(coordinator, now) -> dict[str, Interview]:
    """The 2025 plan approved, one interview in each phase, and a 2024 one with only a title."""
    plan = build_plan_2025(coordinator)
    preview = publish_preview(row_interview(plan, 8), at=now)
    Interview.objects.filter(pk=preview.pk).update(
        recording_at=now.replace(hour=9, minute=30) + dt.timedelta(days=30),
        recording_confirmed_at=now,
        host_name="王芳",
        outline="一、燃气安全检查\n二、老旧管网改造",
    )
    guest = GuestFactory(interview=preview, name="张三", post="局长", unit_name="城建局")
    guest.photo.save("zhang.jpg", ContentFile(jpeg()), save=True)
    GuestFactory(interview=preview, name="李四", post="副主任", unit_name="桥林街道")
    live = row_interview(plan, 7)
    Interview.objects.filter(pk=live.pk).update(state=InterviewState.LIVE, recording_at=now)
    ended = row_interview(plan, 1)
    Interview.objects.filter(pk=ended.pk).update(state=InterviewState.ENDED, recording_at=now - dt.timedelta(days=60))
    old = InterviewFactory(title="全民消防安全宣传教育", year=2024, lead_unit=None, state=InterviewState.FILED)
    return {"preview": Interview.objects.get(pk=preview.pk), "live": live, "ended": ended, "old": old}
