"""Reading what units write in Word or WPS: a script (主持人：… / 嘉宾：… paragraphs) or an introduction.

The script layout this understands is the one units send in by e-mail today::

    城镇燃气“安心用气工程”在线访谈稿          (title: the first paragraph)
    时间：2025年3月18日 14:30                 (header lines, in any order, before the dialogue)
    地点：区融媒体中心演播室
    嘉宾：区城建局局长 张三                    (further guests on the lines below, or split by ；)
    主持人：李明
    主持人：各位网友，大家好……                (the dialogue: host paragraphs, guest paragraphs)
    张三：谢谢主持人……                        (a guest speaks as 嘉宾, 嘉宾张三 or simply 张三)
    这是接着上一段说的。                        (no label: the previous speaker goes on)

Host paragraphs before the first question are the opening, a host paragraph (or several in a row) and the
guest's reply are an item, host paragraphs after the last reply are the closing. Colons may be full- or
half-width, with spaces around them. Everything else (tables, images, comments) is left out.
"""

import html
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from docx import Document

from portal.questions.services.introduction import sanitise_body
from portal.scripts.document import GUEST_LABEL, HOST_LABEL, Paragraph, ScriptDocument, ScriptHeader, ScriptItem

MAX_DOCX_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024  # all parts together once unzipped: a zip bomb is refused before parsing
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, and also what Office makes of a password-protected .docx
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

HEADER_KEYS = {
    "时间": "time",
    "访谈时间": "time",
    "日期": "time",
    "地点": "place",
    "访谈地点": "place",
    "嘉宾": "guests",
    "访谈嘉宾": "guests",
    "主持人": "host",
    "主持": "host",
}
HOST_LABELS = {HOST_LABEL, "主持", "问"}
GUEST_LABELS = {GUEST_LABEL, "答"}
# Words that end in a colon inside an answer ("一是：…") and must not be taken for a guest's name.
NOT_NAMES = {
    "一是", "二是", "三是", "四是", "五是", "首先", "其次", "再次", "最后", "第一", "第二", "第三", "第四", "第五",
    "比如", "例如", "总之", "目前", "同时", "另外", "此外", "注意", "备注", "说明", "附件", "网友", "提问", "回答",
    "一方面", "另一方面", "具体来说", "总的来说", "简单来说",
}  # fmt: skip
LABELLED = re.compile(r"^\s*(?P<label>[^：:\s]{1,20}(?:\s?[^：:\s]{1,10})?)\s*[：:]\s*(?P<text>.*)$", re.S)
NAME = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")
BRACKETED = re.compile(r"^(?P<role>.+?)\s*[（(](?P<name>[^）)]+)[）)]$")
SENTENCE = re.compile(r"[，。！？；,.!?;]")


class DocxImportError(Exception):
    """The file cannot be read as a script or introduction; ``message`` says why, in Chinese, for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# Opening the file -----------------------------------------------------------------------------------------


def _read(fileobj) -> bytes:
    if hasattr(fileobj, "seek"):
        fileobj.seek(0)
    data = fileobj.read(MAX_DOCX_BYTES + 1)
    if len(data) > MAX_DOCX_BYTES:
        raise DocxImportError(_("文件不能超过%(mb)sMB。") % {"mb": MAX_DOCX_BYTES // (1024 * 1024)})
    return data


def open_docx(fileobj):
    """The python-docx Document of an upload, or DocxImportError saying in Chinese what is wrong with it."""
    data = _read(fileobj)
    not_docx = _("文件不是有效的 Word（.docx）文档，请在 Word 或 WPS 中另存为 .docx 后再上传。")
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_STREAM in data:
            raise DocxImportError(_("文件设置了打开密码，请在 Word 或 WPS 中取消密码后再上传。"))
        raise DocxImportError(not_docx)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if "word/document.xml" not in {member.filename for member in members}:
                raise DocxImportError(not_docx)
            if sum(member.file_size for member in members) > MAX_UNZIPPED_BYTES:
                raise DocxImportError(_("文件解压后过大，无法读取。请删除其中的大图片后再上传。"))
    except zipfile.BadZipFile as exc:
        raise DocxImportError(not_docx) from exc
    try:
        return Document(io.BytesIO(data))
    except Exception as exc:  # python-docx and lxml raise many kinds for a damaged package
        raise DocxImportError(_("文件已损坏，无法读取。请在 Word 或 WPS 中打开后重新保存为 .docx 再上传。")) from exc


def _texts(document) -> list[str]:
    """The body's paragraphs as text, blank ones left out; soft line breaks stay as newlines."""
    return [text for paragraph in document.paragraphs if (text := paragraph.text.strip())]


# The script ---------------------------------------------------------------------------------------------------


@dataclass
class _Said:
    is_host: bool
    speaker: str  # as it will be exported: 主持人, 嘉宾 or the guest's name
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class _Header:
    title: str = ""
    time: str = ""
    place: str = ""
    host: str = ""
    guests: list[str] = field(default_factory=list)


def _split_label(text: str) -> tuple[str, str] | None:
    match = LABELLED.match(text)
    if not match:
        return None
    return re.sub(r"\s+", "", match["label"]), match["text"].strip()


def _is_guest_name(label: str, guests: tuple[str, ...]) -> bool:
    """张三 or 张局长 for a guest listed as 区城建局局长 张三; any short name when the header lists no guests."""
    if len(label) >= 2 and any(line.endswith(label) for line in guests):
        return True
    if not NAME.match(label) or label in NOT_NAMES:
        return False
    return not guests or any(label[0] == line.split()[-1][0] for line in guests if line.split())


def _speaker(label: str, guests: tuple[str, ...]) -> tuple[bool, str] | None:
    """(is_host, speaker as exported) for a label that names who speaks, else None."""
    role, name = label, ""
    if bracketed := BRACKETED.match(label):
        role, name = bracketed["role"], bracketed["name"].strip()
    if role in HOST_LABELS:
        return True, HOST_LABEL
    if role in GUEST_LABELS:
        return False, name or GUEST_LABEL
    if role.startswith(GUEST_LABEL) and NAME.match(role[len(GUEST_LABEL) :] or "-"):
        return False, role[len(GUEST_LABEL) :]
    if not name and _is_guest_name(role, guests):
        return False, role
    return None


def _header_line(label: str, text: str) -> str | None:
    """The header field a labelled line fills ("时间", "地点", …), or None when it is dialogue."""
    key = HEADER_KEYS.get(label)
    if key in {"host", "guests"} and (len(text) > 40 or (key == "host" and SENTENCE.search(text))):
        return None  # 主持人：各位网友，大家好…… is the host speaking, not the host's name
    return key


def _read_header(texts: list[str]) -> tuple[_Header, int]:
    """The title and header lines, and the index of the first dialogue paragraph."""
    header, last_key = _Header(), None
    for index, text in enumerate(texts):
        labelled = _split_label(text)
        key = _header_line(*labelled) if labelled else None
        if key:
            value = labelled[1]
            if key == "guests":
                header.guests.extend(part.strip() for part in re.split(r"[；;\n]", value) if part.strip())
            else:
                setattr(header, key, value)
            last_key = key
        elif labelled and _speaker(labelled[0], tuple(header.guests)):
            return header, index
        elif last_key == "guests":
            header.guests.append(text)  # the next guest, on a line of its own under 嘉宾：
        elif not header.title and last_key is None:
            header.title = text
        # any other unlabelled line before the dialogue (a subtitle, 访谈稿 …) is left out
    return header, len(texts)


def _dialogue(texts: list[str], guests: tuple[str, ...]) -> list[_Said]:
    said: list[_Said] = []
    for text in texts:
        labelled = _split_label(text)
        who = _speaker(labelled[0], guests) if labelled else None
        if who:
            said.append(_Said(who[0], who[1], [labelled[1]] if labelled[1] else []))
        elif said:
            said[-1].lines.append(text)
    return [entry for entry in said if entry.lines]


def _item(questions: list[_Said], answers: list[_Said]) -> ScriptItem:
    guest = answers[0].speaker
    lines = []
    for answer in answers:
        # A second guest answering the same question keeps their name in front of what they say.
        prefix = f"{answer.speaker}：" if answer.speaker != guest else ""
        lines.append(prefix + answer.text)
    return ScriptItem(
        question="\n".join(question.text for question in questions),
        answer="\n".join(lines),
        guest_name="" if guest == GUEST_LABEL else guest,
    )


def _structure(said: list[_Said]) -> tuple[list[Paragraph], list[ScriptItem], list[Paragraph]]:
    runs: list[tuple[bool, list[_Said]]] = []  # alternating runs of host and guest paragraphs
    for entry in said:
        if runs and runs[-1][0] == entry.is_host:
            runs[-1][1].append(entry)
        else:
            runs.append((entry.is_host, [entry]))
    opening: list[Paragraph] = []
    items: list[ScriptItem] = []
    closing: list[Paragraph] = []
    pending: list[_Said] = []  # host paragraphs waiting for a reply
    for position, (is_host, run) in enumerate(runs):
        if is_host:
            if position == len(runs) - 1 and items:
                closing = [Paragraph(HOST_LABEL, entry.text) for entry in run]
            elif not items:
                *before, question = run  # the last host paragraph before the first reply is the first question
                opening = [Paragraph(HOST_LABEL, entry.text) for entry in before]
                pending = [question]
                if position == len(runs) - 1:  # no reply at all: everything the host says is the opening
                    opening, pending = [*opening, Paragraph(HOST_LABEL, question.text)], []
            else:
                pending = run
        elif pending:
            items.append(_item(pending, run))
            pending = []
        else:
            opening.extend(Paragraph(entry.speaker, entry.text) for entry in run)  # a guest before any question
    return opening, items, closing


def parse_script_docx(fileobj) -> ScriptDocument:
    """A script from a DOCX written as 主持人：… / 嘉宾：… paragraphs, or DocxImportError."""
    texts = _texts(open_docx(fileobj))
    header, start = _read_header(texts)
    said = _dialogue(texts[start:], tuple(header.guests))
    if not any(entry.is_host for entry in said):
        raise DocxImportError(
            _("文档中没有找到以“主持人：”开头的段落。请按“主持人：……”“嘉宾：……”分段书写访谈稿后再导入。")
        )
    opening, items, closing = _structure(said)
    return ScriptDocument(
        header=ScriptHeader(
            title=header.title, time=header.time, place=header.place, guests=tuple(header.guests), host=header.host
        ),
        opening=tuple(opening),
        items=tuple(items),
        closing=tuple(closing),
    )


# The introduction ------------------------------------------------------------------------------------------


def _inline_html(paragraph) -> str:
    parts = []
    for run in paragraph.runs:
        text = html.escape(run.text).replace("\n", "<br>")
        if not text:
            continue
        if run.bold:
            text = f"<strong>{text}</strong>"
        if run.italic:
            text = f"<em>{text}</em>"
        parts.append(text)
    return "".join(parts).strip()


def _heading_level(paragraph) -> int:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    if name == "Title":
        return 1
    match = re.match(r"Heading (\d)", name)
    return int(match[1]) if match else 0


def introduction_html(document) -> str:
    """Paragraphs as <p>, Word headings as <h3>/<h4>, list paragraphs as <ul>; bold and italic kept."""
    blocks: list[str] = []
    in_list = False
    for paragraph in document.paragraphs:
        content = _inline_html(paragraph)
        if not content:
            continue
        is_item = "List" in ((paragraph.style.name if paragraph.style is not None else "") or "")
        if in_list and not is_item:
            blocks.append("</ul>")
        if is_item and not in_list:
            blocks.append("<ul>")
        in_list = is_item
        level = _heading_level(paragraph)
        if is_item:
            blocks.append(f"<li>{content}</li>")
        elif level:
            tag = "h3" if level <= 2 else "h4"
            blocks.append(f"<{tag}>{re.sub(r'</?strong>', '', content)}</{tag}>")
        else:
            blocks.append(f"<p>{content}</p>")
    if in_list:
        blocks.append("</ul>")
    return "\n".join(blocks)


def parse_introduction_docx(fileobj) -> str:
    """The introduction's text as safe HTML (the introduction's own sanitiser), or DocxImportError."""
    body = sanitise_body(introduction_html(open_docx(fileobj)))
    if not re.sub(r"<[^>]+>|\s", "", body):
        raise DocxImportError(_("文档中没有文字。"))
    return body
