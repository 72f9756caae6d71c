from django.urls import path

from portal.website.views import (
    api,
    calendar,
    column,
    followups,
    interviews,
    live,
    oidc,
    plans,
    preferences,
    questions,
    receipts,
    record,
    videos,
)
from portal.website.views.feeds import LiveAtomFeed, LiveRssFeed

app_name = "website"

urlpatterns = [
    path("", column.home, name="home"),
    path("archive/", column.archive, name="archive"),
    path("plan/", plans.plan_index, name="plan-index"),
    path("plan/<int:year>/", plans.plan_detail, name="plan-detail"),
    path("plan/<int:year>/docx/", plans.plan_docx_download, name="plan-docx"),
    path("interviews/<int:pk>/", interviews.interview_detail, name="interview-detail"),
    path("interviews/<int:pk>/rectification/", followups.rectification, name="rectification"),
    path("rectification/<int:year>/", followups.rectification_year, name="rectification-year"),
    path("interviews/<int:pk>/recording.ics", calendar.interview_ics, name="interview-ics"),
    path("live/<int:pk>/entries.json", live.entries_json, name="live-entries"),
    path("live/<int:pk>/events", live.events_unavailable, name="live-events"),
    path("interviews/<int:pk>/video/<int:vid>.mp4", videos.video_file, name="video-file"),
    path("interviews/<int:pk>/video/<int:vid>/poster.jpg", videos.video_poster, name="video-poster"),
    path("interviews/<int:pk>/video/<int:vid>/captions.vtt", videos.video_captions, name="video-captions"),
    path("interviews/<int:pk>/live.rss", LiveRssFeed(), name="live-rss"),
    path("interviews/<int:pk>/live.atom", LiveAtomFeed(), name="live-atom"),
    # The public JSON API of the live record (read-only; schema at /api/v1/openapi.json)
    path("api/v1/openapi.json", api.openapi, name="api-openapi"),
    path("api/v1/interviews/", api.interviews, name="api-interviews"),
    path("api/v1/interviews/<int:pk>/entries", api.entries, name="api-entries"),
    path("api/v1/interviews/<int:pk>/events", api.events, name="api-events"),
    path("interviews/<int:pk>/record.docx", record.record_docx_download, name="live-record-docx"),
    path("interviews/<int:pk>/record.pdf", record.record_pdf_download, name="live-record-pdf"),
    path("interviews/<int:pk>/ask/", questions.ask, name="question-ask"),
    path("interviews/<int:pk>/verify/", questions.verify, name="question-verify"),
    path("interviews/<int:pk>/login/", oidc.start, name="oidc-start"),
    path("identity/oidc/callback/", oidc.callback, name="oidc-callback"),
    path("questions/<int:pk>/support/", questions.support, name="question-support"),
    path("questions/lookup/", receipts.lookup, name="question-lookup"),
    path("questions/receipt/<str:code>/", receipts.receipt, name="question-receipt"),
    path("privacy/", receipts.privacy, name="privacy"),
    path("elder-mode/", preferences.elder_mode, name="elder-mode"),
]
