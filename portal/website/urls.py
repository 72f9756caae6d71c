from django.urls import path

from portal.website.views import (
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
)

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
