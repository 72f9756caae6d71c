"""Input of the video screens. Forms validate shapes; portal.videos decides and writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.backoffice.forms import BackofficeForm

CAPTION_TYPES = ".srt,.vtt,text/vtt,application/x-subrip"


class VideoFileForm(BackofficeForm):
    file = forms.FileField(
        label=_("视频文件"),
        widget=forms.FileInput(attrs={"accept": "video/*,.mp4,.mov,.mkv,.m4v,.avi,.mxf,.ts"}),
        help_text=_(
            "后期制作完成的视频，常见格式均可（MP4、MOV、MKV 等）。页面分片上传，中断后重新选择同一文件即从断点继续；"
            "浏览器未启用脚本时整体上传，只适合较小的文件。"
        ),
    )


class CaptionFileForm(BackofficeForm):
    file = forms.FileField(
        label=_("字幕文件"),
        widget=forms.FileInput(attrs={"accept": CAPTION_TYPES}),
        help_text=_("SRT 或 WebVTT，UTF-8 或 GB18030 编码；保存为 WebVTT，替换现有字幕。"),
    )


class CaptionTextForm(BackofficeForm):
    text = forms.CharField(
        label=_("字幕（WebVTT）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "class": "mono", "spellcheck": "false"}),
        help_text=_(
            "每条字幕一行时间（如 00:01:02.500 --> 00:01:05.000）、下一行文字，条与条之间空一行。清空后保存即删除字幕。"
        ),
    )


class ChapterOffsetForm(BackofficeForm):
    offset = forms.FloatField(
        label=_("章节时间偏移（秒）"),
        min_value=-21600,
        max_value=21600,
        help_text=_(
            "实录条目在视频中的时间 = 条目发布时间距直播开始的秒数 + 偏移。视频剪去了开头几分钟时填负数，如 -120。"
        ),
        error_messages={"invalid": _("请输入秒数，如 -120 或 35.5。")},
    )


class UnpublishForm(BackofficeForm):
    reason = forms.CharField(label=_("撤下原因"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
