from django.urls import path

from portal.backoffice.views import auth, calendar, contacts, dashboard, inbox, interviews, oversight, plans

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
]
