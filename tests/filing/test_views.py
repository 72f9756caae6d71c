"""The 备案 screens: filing, download, verification, manifest, addenda and redaction; who may do what."""

import io
import zipfile

import pytest
from django.urls import reverse

from portal.audit.models import AuditEntry
from portal.filing.models import FilingRecord
from portal.filing.services import file_interview
from portal.interviews.enums import InterviewState
from tests.factories import InterviewFactory

pytestmark = [pytest.mark.integration]


def url(name: str, interview) -> str:
    return reverse(f"backoffice:{name}", args=[interview.pk])


@pytest.fixture
def filed(held, operator):
    return file_interview(held, actor=operator)


def test_the_operator_sees_the_sections_and_files_the_interview(client, held, operator):
    client.force_login(operator)
    page = client.get(url("filing", held)).content.decode()
    assert "访谈预告：有内容" in page
    assert '访谈定稿：<strong class="warn">暂无内容</strong>' in page
    assert "备案本期访谈" in page

    response = client.post(url("filing-file", held))

    assert response.status_code == 302
    held.refresh_from_db()
    assert held.state == InterviewState.FILED
    page = client.get(url("filing", held)).content.decode()
    assert "备案记录" in page
    assert "访谈定稿" in page  # listed among the empty parts
    detail = client.get(url("interview-detail", held)).content.decode()
    assert "查看备案记录、下载备案文件包、校验和补充说明" in detail


def test_a_refused_filing_says_why(client, units, operator):
    interview = InterviewFactory(lead_unit=units["lead"], state=InterviewState.ENDED, steps=["topic"])
    client.force_login(operator)

    response = client.post(url("filing-file", interview))

    assert response.status_code == 400
    assert "以下步骤尚未完成，不能备案" in response.content.decode()
    assert not FilingRecord.objects.exists()


def test_download_verify_and_manifest(client, filed, held, editor):
    client.force_login(editor)  # the lead unit sees its interview's filed record

    response = client.get(url("filing-download", held))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "manifest.json" in archive.namelist()
    assert AuditEntry.objects.filter(action="filing.archive.downloaded", actor=editor).exists()

    response = client.post(url("filing-verify", held))
    assert response.status_code == 200
    assert "校验通过" in response.content.decode()

    manifest = client.get(url("filing-manifest", held)).json()
    assert manifest["interview"]["id"] == held.pk


def test_an_addendum_through_the_form(client, filed, held, operator):
    client.force_login(operator)

    refused = client.post(url("filing-addendum", held), {"kind": "note", "reason": ""})
    assert refused.status_code == 400
    assert "这个字段是必填项。" in refused.content.decode()

    response = client.post(
        url("filing-addendum", held),
        {"kind": "correction", "reason": "嘉宾职务更正为副局长", "corrects": "preview/preview.json"},
    )
    assert response.status_code == 302
    addendum = filed.addenda.get()
    assert addendum.changes[0]["file"] == "preview/preview.json"
    assert "嘉宾职务更正为副局长" in client.get(url("filing", held)).content.decode()


def test_a_redaction_through_the_form_keeps_what_was_typed_when_refused(client, filed, held, operator):
    client.force_login(operator)
    question = held.question

    refused = client.post(url("filing-redact", held), {"question": question.pk, "reference": "", "reason": "本人申请"})
    assert refused.status_code == 400
    assert "本人申请" in refused.content.decode()

    response = client.post(
        url("filing-redact", held), {"question": question.pk, "reference": "PIPL-9", "reason": "本人申请"}
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.nickname == "网友"


@pytest.mark.parametrize("name", ["filing", "filing-download", "filing-manifest"])
def test_an_outsider_gets_404(client, filed, held, outsider, name):
    client.force_login(outsider)
    assert client.get(url(name, held)).status_code == 404


@pytest.mark.parametrize("name", ["filing-verify", "filing-addendum", "filing-redact"])
def test_an_outsider_cannot_post(client, filed, held, outsider, name):
    client.force_login(outsider)
    assert client.post(url(name, held), {"kind": "note", "reason": "x"}).status_code == 404


def test_the_wrong_role_gets_403(client, held, editor, producer, operator):
    client.force_login(editor)
    assert client.post(url("filing-file", held)).status_code == 403
    file_interview(held, actor=operator)
    client.force_login(producer)
    assert client.post(url("filing-addendum", held), {"kind": "note", "reason": "说明"}).status_code == 403
    assert client.post(url("filing-redact", held), {"reference": "1", "reason": "x"}).status_code == 403
    page = client.get(url("filing", held)).content.decode()
    assert "添加补充说明" not in page
    assert "删除个人信息（网友申请）" not in page
