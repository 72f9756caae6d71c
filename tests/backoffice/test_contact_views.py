import pytest
from django.urls import reverse

from portal.audit.models import AuditEntry

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def filled_in(units):
    lead = units["lead"]
    lead.leader_name, lead.leader_post, lead.section = "陈立", "副局长", "办公室"
    lead.contact_name, lead.contact_phone, lead.contact_email = "周敏", "025-58000001", "zhoumin@example.org"
    lead.save()
    return lead


def test_contacts_list_every_unit_by_kind_with_leader_section_and_contact(client, editor, filled_in):
    client.force_login(editor)

    html = client.get(reverse("backoffice:contacts")).text

    headings = [
        kind for kind in ("区政府办", "区城市数字治理中心", "区融媒体中心", "责任单位") if f">{kind}</h2>" in html
    ]
    assert headings == ["区政府办", "区城市数字治理中心", "区融媒体中心", "责任单位"]
    assert "陈立" in html
    assert "副局长" in html
    assert "办公室" in html
    assert "周敏" in html
    assert "025-58000001" in html
    assert "zhoumin@example.org" in html
    assert "文旅局" in html


def test_edit_link_only_where_the_user_may_edit(client, unit_admin, units):
    client.force_login(unit_admin)

    html = client.get(reverse("backoffice:contacts")).text

    assert reverse("backoffice:unit-edit", args=[units["lead"].pk]) in html
    assert reverse("backoffice:unit-edit", args=[units["co"].pk]) not in html


def test_a_units_administrator_updates_its_contacts_and_it_is_audited(client, unit_admin, units):
    client.force_login(unit_admin)
    url = reverse("backoffice:unit-edit", args=[units["lead"].pk])
    data = {
        "leader_name": "陈立",
        "leader_post": "副局长",
        "section": "办公室",
        "contact_name": "周敏",
        "contact_phone": "025-58000001",
        "contact_email": "zhoumin@example.org",
    }

    form = client.get(url)
    response = client.post(url, data)

    assert "分管领导" in form.text
    assert "责任科室" in form.text
    assert response.status_code == 302
    lead = units["lead"]
    lead.refresh_from_db()
    assert (lead.leader_name, lead.section, lead.contact_email) == ("陈立", "办公室", "zhoumin@example.org")
    entry = AuditEntry.objects.get(action="accounts.unit.updated")
    assert entry.actor == unit_admin
    assert entry.data["contact_name"] == {"from": "", "to": "周敏"}


def test_a_bad_email_is_refused_and_the_input_kept(client, coordinator, units):
    client.force_login(coordinator)

    response = client.post(
        reverse("backoffice:unit-edit", args=[units["co"].pk]),
        {"leader_name": "刘洋", "contact_email": "not-an-email"},
    )

    assert response.status_code == 400
    assert "输入一个有效的 Email 地址。" in response.text
    assert 'value="刘洋"' in response.text
    units["co"].refresh_from_db()
    assert units["co"].leader_name == ""


def test_an_editor_may_not_edit_a_unit(client, editor, units):
    client.force_login(editor)

    response = client.post(reverse("backoffice:unit-edit", args=[units["lead"].pk]), {"leader_name": "某人"})

    assert response.status_code == 403
    units["lead"].refresh_from_db()
    assert units["lead"].leader_name == ""
