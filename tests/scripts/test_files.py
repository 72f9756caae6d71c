"""Script screens over files and comparisons: DOCX import, DOCX and PDF export, comparing two revisions."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.scripts.document import Paragraph, ScriptDocument, ScriptHeader, ScriptItem
from portal.scripts.export import script_docx
from portal.scripts.services.review import submit_script
from tests.factories import ScriptItemFactory, script_of_length

pytestmark = [pytest.mark.integration]

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def url(name, interview, *args):
    return reverse(f"backoffice:{name}", args=[interview.pk, *args])


def _docx_upload():
    doc = ScriptDocument(
        header=ScriptHeader(title="城镇燃气“安心用气工程”", host="王芳"),
        opening=(Paragraph("主持人", "各位网友，大家好！"),),
        items=(ScriptItem(question="燃气管道何时改造？", answer="年底前完成。", guest_name="张三"),),
        closing=(Paragraph("主持人", "感谢收看。"),),
    )
    return SimpleUploadedFile("访谈稿.docx", script_docx(doc), content_type=DOCX)


def test_a_docx_fills_an_empty_working_copy(client, editor, recorded):
    client.force_login(editor)

    response = client.post(url("script-import", recorded), {"file": _docx_upload()})

    assert response.status_code == 302
    assert [i.question for i in recorded.script.items.all()] == ["燃气管道何时改造？"]


def test_replacing_content_needs_the_confirmation(client, editor, recorded):
    script_of_length(recorded, 100)
    client.force_login(editor)

    refused = client.post(url("script-import", recorded), {"file": _docx_upload()})
    confirmed = client.post(url("script-import", recorded), {"file": _docx_upload(), "confirm": "on"})

    assert refused.status_code == 400
    assert "请勾选确认" in refused.text
    assert confirmed.status_code == 302
    assert [i.question for i in recorded.script.items.all()] == ["燃气管道何时改造？"]


def test_a_file_that_is_not_a_docx_is_refused_in_chinese(client, editor, recorded):
    script = script_of_length(recorded, 100)
    client.force_login(editor)
    upload = SimpleUploadedFile("访谈稿.docx", b"not a zip at all", content_type=DOCX)

    response = client.post(url("script-import", recorded), {"file": upload, "confirm": "on"})

    assert response.status_code == 400
    assert "errorlist" in response.text
    assert script.items.count() == 1


def test_a_revision_exports_as_docx_and_pdf(client, editor, recorded, settings):
    script_of_length(recorded, settings.PORTAL_SCRIPT_MIN_CHARS)
    submit_script(recorded, actor=editor)
    client.force_login(editor)

    docx = client.get(url("script-export", recorded, 1, "docx"))
    pdf = client.get(url("script-export", recorded, 1, "pdf"))

    assert docx.status_code == 200
    assert docx["Content-Type"] == DOCX
    assert io.BytesIO(docx.content).read(2) == b"PK"
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


def test_two_revisions_are_compared(client, editor, recorded, settings):
    script = script_of_length(recorded, settings.PORTAL_SCRIPT_MIN_CHARS)
    submit_script(recorded, actor=editor)
    ScriptItemFactory(script=script, order=2, question="新增的问题？", answer="新增的回答。")
    submit_script(recorded, actor=editor)
    client.force_login(editor)

    response = client.get(url("script-compare", recorded) + "?old=1&new=2")

    assert response.status_code == 200
    assert "新增的问题" in response.text
