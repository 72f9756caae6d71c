"""The 文字简介 filled from a Word document: imported for review, saved only when the lead unit saves."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.audit.models import AuditEntry
from portal.questions.models import Introduction
from tests.factories import InterviewFactory, at
from tests.scripts.support import docx_file

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def planned(units):
    return InterviewFactory(
        title="城镇燃气“安心用气工程”", lead_unit=units["lead"], recording_at=at(2031, 6, 10), confirmed=True
    )


def _upload(*paragraphs, name="简介.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, docx_file(*paragraphs).getvalue())


def _url(interview):
    return reverse("backoffice:introduction", args=[interview.pk])


def test_an_imported_document_fills_the_form_and_saves_nothing(client, editor, planned):
    client.force_login(editor)

    response = client.post(
        _url(planned), {"body": "", "import": "1", "docx": _upload(("Heading 1", "工程概况"), "全区改造燃气管网。")}
    )

    assert response.status_code == 200
    assert "已从“简介.docx”导入正文，请检查后保存或提交。" in response.text
    assert response.context["form"].initial["body"] == "<h3>工程概况</h3>\n<p>全区改造燃气管网。</p>"
    assert not Introduction.objects.filter(interview=planned).exists()
    assert not AuditEntry.objects.filter(action__startswith="questions.introduction").exists()


def test_a_file_chosen_with_the_save_button_is_imported_for_review_not_saved(client, editor, planned):
    client.force_login(editor)

    response = client.post(_url(planned), {"body": "<p>旧文字</p>", "draft": "1", "docx": _upload("新文字。")})

    assert response.status_code == 200
    assert response.context["form"].initial["body"] == "<p>新文字。</p>"
    assert not Introduction.objects.filter(interview=planned).exists()


def test_a_bad_file_is_refused_on_its_field_and_the_typed_text_is_kept(client, editor, planned):
    client.force_login(editor)

    old_word = SimpleUploadedFile("简介.doc", b"\xd0\xcf\x11\xe0old")

    response = client.post(_url(planned), {"body": "<p>已经写好的一段</p>", "import": "1", "docx": old_word})

    assert response.status_code == 400
    assert "文件不是有效的 Word（.docx）文档" in response.text
    assert 'aria-describedby="id_docx_helptext id_docx_error"' in response.text
    assert "已经写好的一段" in response.text


def test_the_import_button_without_a_file_asks_for_one(client, editor, planned):
    client.force_login(editor)

    response = client.post(_url(planned), {"body": "<p>草稿</p>", "import": "1"})

    assert response.status_code == 400
    assert "请选择要导入的 Word（.docx）文件。" in response.text
    assert "草稿" in response.text


def test_readers_and_outsiders_cannot_import(client, operator, outsider, planned):
    client.force_login(operator)
    assert client.post(_url(planned), {"import": "1", "docx": _upload("文字。")}).status_code == 403

    client.force_login(outsider)
    assert client.post(_url(planned), {"import": "1", "docx": _upload("文字。")}).status_code == 404
