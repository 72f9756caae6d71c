"""Every staff write shows on the page of the object it concerns, with who, what, when — and where, for auditors."""

import pytest
from django.urls import reverse

from portal.accounts.services import update_unit
from portal.interviews.lifecycle import transition_interview
from portal.planning.services import update_row

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_plan_page_shows_revision_in_its_log_with_the_reason(client, coordinator, approved_plan, units):
    row = approved_plan.rows.get()
    update_row(row, actor=coordinator, month=6, topic=row.topic, lead_unit=units["lead"], note="因场地调整改期")
    client.force_login(coordinator)

    page = client.get(reverse("backoffice:plan-detail", args=[approved_plan.pk])).content.decode()

    assert "修订年度计划" in page
    assert "说明：因场地调整改期" in page


def test_unit_page_log_shows_the_change_to_its_unit_admin_without_addresses(client, units, unit_admin, auditor):
    update_unit(units["lead"], actor=unit_admin, contact_name="王五")
    client.force_login(unit_admin)

    page = client.get(reverse("backoffice:unit-edit", args=[units["lead"].pk])).content.decode()

    assert "修改单位信息" in page
    assert "来源地址" not in page


def test_interview_log_names_states_in_words_and_shows_addresses_to_the_auditor(
    client, interview, coordinator, auditor
):
    transition_interview(interview, "cancelled", actor=coordinator, reason="主要嘉宾临时公务")
    client.force_login(auditor)

    page = client.get(reverse("backoffice:interview-detail", args=[interview.pk])).content.decode()

    assert "原为：筹备中；改为：已取消；原因：主要嘉宾临时公务" in page
    assert "来源地址" in page
