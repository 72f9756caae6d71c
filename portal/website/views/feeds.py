"""RSS 2.0 and Atom feeds of an interview's 图文直播 / 图文实录 (django.contrib.syndication).

Items are the public entries, newest first: published ones with their text, corrected ones marked “已更正”
(with the time), withdrawn ones only as “已撤回” without their text. GUIDs are tag URIs
(``tag:<domain>,<year>:live-entry-<id>``) that never change, whatever happens to the entry.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.template.defaultfilters import linebreaks_filter
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from portal.live.plain import STATE_CORRECTED, STATE_WITHDRAWN, absolute, entry_state, entry_url
from portal.live.queries import public_entries
from portal.website.views.interviews import public_interview_or_404

ITEMS_MAX = 500
TITLE_CHARS = 40


def tag_domain() -> str:
    return urlsplit(settings.PORTAL_PUBLIC_URL).hostname or "portal.invalid"


def _at(value) -> str:
    return localtime(value).strftime("%H:%M") if value else ""


class LiveRssFeed(Feed):
    description_template = None

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=2)
        return response

    def get_object(self, request, pk: int):
        return public_interview_or_404(pk)

    def title(self, interview):
        return _("%(title)s · 图文直播") % {"title": interview.title}

    def link(self, interview):
        return reverse("website:interview-detail", args=[interview.pk]) + "#live"

    def description(self, interview):
        return _("“%(title)s”的图文直播与图文实录：发布、更正和撤回，最新的在前。") % {"title": interview.title}

    def items(self, interview):
        return public_entries(interview)[:ITEMS_MAX]

    def item_title(self, entry):
        speaker = entry.speaker_name or str(entry.get_speaker_display())
        state = entry_state(entry)
        if state == STATE_WITHDRAWN:
            return _("[已撤回] %(speaker)s的发言") % {"speaker": speaker}
        text = " ".join((entry.text or "").split())
        if not text and entry.question_id:
            text = entry.question.public_text
        text = text[:TITLE_CHARS] + ("…" if len(text) > TITLE_CHARS else "")
        title = f"{speaker}：{text}" if text else speaker
        return (_("[已更正] %(title)s") % {"title": title}) if state == STATE_CORRECTED else title

    def item_description(self, entry):
        state = entry_state(entry)
        if state == STATE_WITHDRAWN:
            return escape(_("已撤回（%(at)s）：此条内容已由发布者撤回。") % {"at": _at(entry.withdrawn_at)})
        parts = []
        if state == STATE_CORRECTED:
            parts.append(f"<p>{escape(_('已更正（%(at)s）') % {'at': _at(entry.corrected_at)})}</p>")
        if entry.question_id:
            parts.append(
                "<blockquote><p>"
                + escape(_("网友“%(nickname)s”提问：") % {"nickname": entry.question.nickname})
                + escape(entry.question.public_text)
                + "</p></blockquote>"
            )
        if entry.text:
            parts.append(linebreaks_filter(entry.text, autoescape=True))
        for photo in entry.photos.all():
            alt = escape(photo.caption or _("现场照片"))
            parts.append(f'<p><img src="{escape(absolute(photo.image.url))}" alt="{alt}"></p>')
        return "".join(parts)

    def item_link(self, entry):
        return entry_url(entry)

    def item_guid(self, entry):
        year = (entry.published_at or entry.created_at).year
        return f"tag:{tag_domain()},{year}:live-entry-{entry.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return entry.published_at

    def item_updateddate(self, entry):
        return max(filter(None, [entry.published_at, entry.corrected_at, entry.withdrawn_at]))

    def item_author_name(self, entry):
        return entry.speaker_name or str(entry.get_speaker_display())


class LiveAtomFeed(LiveRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, interview):
        return self.description(interview)
