"""The registry of what a filed archive holds: one Section per kind of content, in archive order.

Each Section names a key (the folder in the archive), a title (the Chinese name shown to staff and
written in the manifest), a provider ``(interview) -> list[ArchiveFile]`` and, optionally, a cheap
``has_content(interview) -> bool`` the 备案 panel uses to warn about empty sections before filing.
To add a section, write a provider (see portal/filing/providers/) and append one line below;
docs/developer/filing.md shows the whole change.
"""

from django.utils.translation import gettext_lazy as _

from portal.filing.base import Section
from portal.filing.providers import audit, live, preview, questions, rectification, script, summary, video

SECTIONS: list[Section] = [
    Section("preview", _("访谈预告"), preview.files, preview.has_content),
    Section("questions", _("网友提问与答复"), questions.files, questions.has_content),
    Section("script", _("访谈定稿"), script.files, script.has_content),
    Section("live", _("图文实录"), live.files, live.has_content),
    Section("video", _("后期视频数据"), video.files, video.has_content),
    Section("summary", _("总结"), summary.files, summary.has_content),
    Section("rectification", _("整改"), rectification.files, rectification.has_content),
    Section("audit", _("操作记录"), audit.files, audit.has_content),
]


def section_by_key(key: str) -> Section | None:
    return next((section for section in SECTIONS if section.key == key), None)
