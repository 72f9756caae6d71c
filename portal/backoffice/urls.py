from django.urls import path

from portal.backoffice.views import auth, calendar, contacts, dashboard, inbox, interviews, oversight, plans
from portal.backoffice.views import questions as q
from portal.backoffice.views import videos as v

app_name = "backoffice"

urlpatterns = [
    # Sign-in, second factor
    path("login/", auth.login_view, name="login"),
    path("login/verify/", auth.login_verify, name="login-verify"),
    path("logout/", auth.logout_view, name="logout"),
    path("security/totp/", auth.totp_setup, name="totp-setup"),
    # Work
    path("", dashboard.dashboard, name="dashboard"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("interviews/", interviews.interview_list, name="interview-list"),
    path("interviews/<int:pk>/", interviews.interview_detail, name="interview-detail"),
    path("interviews/<int:pk>/edit/", interviews.interview_edit, name="interview-edit"),
    path("interviews/<int:pk>/transition/", interviews.interview_transition, name="interview-transition"),
    path("interviews/<int:pk>/recording/", interviews.recording_set, name="recording-set"),
    path("interviews/<int:pk>/recording/confirm/", interviews.recording_confirm, name="recording-confirm"),
    path("interviews/<int:pk>/host/", interviews.host_set, name="host-set"),
    path("interviews/<int:pk>/guests/add/", interviews.guest_add, name="guest-add"),
    path("interviews/<int:pk>/guests/<int:guest_pk>/edit/", interviews.guest_edit, name="guest-edit"),
    path("interviews/<int:pk>/guests/<int:guest_pk>/remove/", interviews.guest_remove, name="guest-remove"),
    path("interviews/<int:pk>/steps/<int:step_pk>/", interviews.step_status, name="step-status"),
    path("oversight/", oversight.oversight, name="oversight"),
    path("contacts/", contacts.contact_list, name="contacts"),
    path("units/<int:pk>/edit/", contacts.unit_edit, name="unit-edit"),
    path("plans/", plans.plan_list, name="plan-list"),
    path("plans/new/", plans.plan_create, name="plan-create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan-edit"),
    path("plans/<int:pk>/approve/", plans.plan_approve, name="plan-approve"),
    path("plans/<int:pk>/rows/add/", plans.row_add, name="row-add"),
    path("plans/<int:pk>/rows/<int:row_pk>/edit/", plans.row_edit, name="row-edit"),
    path("plans/<int:pk>/rows/<int:row_pk>/remove/", plans.row_remove, name="row-remove"),
    path("plans/<int:pk>/docx/", plans.plan_docx_download, name="plan-docx"),
    path("calendar/", calendar.calendar_days, name="calendar"),
    path("calendar/<int:pk>/remove/", calendar.calendar_day_remove, name="calendar-remove"),
    # Netizen questions: introduction and preview
    path("interviews/<int:pk>/introduction/", q.introduction, name="introduction"),
    path("interviews/<int:pk>/introduction/images/", q.introduction_image_add, name="introduction-image-add"),
    path(
        "interviews/<int:pk>/introduction/images/<int:image_pk>/remove/",
        q.introduction_image_remove,
        name="introduction-image-remove",
    ),
    path("interviews/<int:pk>/introduction/materials/", q.material_add, name="material-add"),
    path(
        "interviews/<int:pk>/introduction/materials/<int:material_pk>/remove/",
        q.material_remove,
        name="material-remove",
    ),
    path("interviews/<int:pk>/preview/publish/", q.preview_publish, name="preview-publish"),
    # Moderation
    path("questions/", q.question_queue_all, name="question-queue-all"),
    path("questions/bulk/", q.question_bulk, name="question-bulk"),
    path("interviews/<int:pk>/questions/", q.question_queue, name="question-queue"),
    path("questions/<int:qpk>/", q.question_detail, name="question-detail"),
    path("questions/<int:qpk>/approve/", q.question_approve, name="question-approve"),
    path("questions/<int:qpk>/reject/", q.question_reject, name="question-reject"),
    path("questions/<int:qpk>/merge/", q.question_merge, name="question-merge"),
    path("questions/<int:qpk>/forward/", q.question_forward, name="question-forward"),
    path("questions/<int:qpk>/split/", q.question_split, name="question-split"),
    path("questions/<int:qpk>/group/", q.question_move, name="question-move"),
    path("questions/<int:qpk>/category/", q.question_category, name="question-category"),
    path("questions/<int:qpk>/tags/", q.question_tags, name="question-tags"),
    path("questions/<int:qpk>/unit/", q.question_unit, name="question-unit"),
    # Lists and topic tags
    path("questions/lists/", q.question_lists, name="question-lists"),
    path("questions/lists/words/add/", q.sensitive_words_add, name="sensitive-words-add"),
    path("questions/lists/words/remove/", q.sensitive_words_remove, name="sensitive-words-remove"),
    path("questions/lists/categories/retrain/", q.categories_retrain, name="categories-retrain"),
    path("questions/lists/categories/bootstrap/", q.categories_bootstrap, name="categories-bootstrap"),
    path("questions/lists/<str:kind>/add/", q.list_entry_add, name="list-entry-add"),
    path("questions/lists/<str:kind>/<int:epk>/edit/", q.list_entry_edit, name="list-entry-edit"),
    path("interviews/<int:pk>/topic-tags/", q.topic_tags, name="topic-tags"),
    path("interviews/<int:pk>/topic-tags/<int:tag_pk>/remove/", q.topic_tag_remove, name="topic-tag-remove"),
    # Representative questions
    path("interviews/<int:pk>/representatives/", q.representatives, name="representatives"),
    path("interviews/<int:pk>/representatives/<int:rpk>/edit/", q.representative_edit, name="representative-edit"),
    path("interviews/<int:pk>/representatives/<int:rpk>/move/", q.representative_move, name="representative-move"),
    path(
        "interviews/<int:pk>/representatives/<int:rpk>/remove/", q.representative_remove, name="representative-remove"
    ),
    # Answers and 督办
    path("answers/", q.answer_list, name="answer-list"),
    path("answers/check/", q.answer_check_list, name="answer-check-list"),
    path("answers/<int:qpk>/", q.answer_edit, name="answer-edit"),
    path("answers/<int:qpk>/check/", q.answer_check, name="answer-check"),
    path("supervision/", q.supervision_list, name="supervision-list"),
    path("supervision/<int:npk>/acknowledge/", q.supervision_acknowledge, name="supervision-acknowledge"),
    path("oversight/supervise/", q.supervision_send, name="supervision-send"),
    # Post-produced video
    path("interviews/<int:pk>/video/", v.video_page, name="video-page"),
    path("interviews/<int:pk>/video/uploads/", v.upload_create, name="video-upload-create"),
    path("interviews/<int:pk>/video/uploads/<uuid:upload>/", v.upload_chunk, name="video-upload"),
    path("interviews/<int:pk>/video/uploads/<uuid:upload>/finish/", v.upload_finish, name="video-upload-finish"),
    path("interviews/<int:pk>/video/upload-form/", v.upload_form, name="video-upload-form"),
    path("interviews/<int:pk>/video/<int:vid>/status/", v.video_status, name="video-status"),
    path("interviews/<int:pk>/video/<int:vid>/file/<str:kind>/", v.video_file, name="video-file"),
    path("interviews/<int:pk>/video/<int:vid>/publish/", v.video_publish, name="video-publish"),
    path("interviews/<int:pk>/video/<int:vid>/unpublish/", v.video_unpublish, name="video-unpublish"),
    path("interviews/<int:pk>/video/<int:vid>/remove/", v.video_remove, name="video-remove"),
    path("interviews/<int:pk>/video/<int:vid>/retry/", v.video_retry, name="video-retry"),
    path("interviews/<int:pk>/video/<int:vid>/captions/", v.captions_upload, name="video-captions-upload"),
    path("interviews/<int:pk>/video/<int:vid>/captions/edit/", v.captions_edit, name="video-captions-edit"),
    path("interviews/<int:pk>/video/<int:vid>/captions/draft/", v.captions_draft, name="video-captions-draft"),
    path("interviews/<int:pk>/video/<int:vid>/chapters/", v.chapter_offset, name="video-chapter-offset"),
]
