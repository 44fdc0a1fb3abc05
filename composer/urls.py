from django.contrib.auth import views as auth
from django.urls import path

from .views import accounts, clients, exports, followup, library, wizard

urlpatterns = [
    path("", accounts.home, name="home"),
    path("accounts/signup/", accounts.signup, name="signup"),
    path("accounts/login/", auth.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("profile/", accounts.profile, name="profile"),
    path("clients/", clients.client_list, name="clients"),
    path("clients/new/", clients.client_edit, name="client_new"),
    path("clients/<int:pk>/", clients.client_detail, name="client"),
    path("clients/<int:pk>/edit/", clients.client_edit, name="client_edit"),
    path("clients/<int:pk>/delete/", clients.client_delete, name="client_delete"),
    path("notices/new/", wizard.new_notice, name="notice_new"),
    path("notices/<int:pk>/", exports.notice_page, name="notice"),
    path("notices/<int:pk>/step/<str:name>/", wizard.step, name="step"),
    path("notices/<int:pk>/edit/", wizard.save_edit, name="notice_edit"),
    path("notices/<int:pk>/finalise/", wizard.finalise, name="notice_finalise"),
    path("notices/<int:pk>/preview/", exports.preview, name="notice_preview"),
    path("notices/<int:pk>/download/<str:fmt>/", exports.download, name="notice_download"),
    path("notices/<int:pk>/send/", exports.send, name="notice_send"),
    path("notices/<int:pk>/log/", library.add_log, name="notice_log"),
    path("notices/<int:pk>/status/<str:action>/", library.change_status, name="notice_status"),
    path("notices/<int:pk>/duplicate/", library.duplicate, name="notice_duplicate"),
    path("notices/<int:pk>/revise/", library.revise, name="notice_revise"),
    path("notices/<int:pk>/delete/", library.delete, name="notice_delete"),
    path("notices/<int:pk>/follow-up/<str:letter_type>/", followup.draft_followup, name="notice_followup"),
    path("notices/<int:pk>/updates/<int:update>/", followup.update_state, name="notice_update"),
    path("notices/<int:pk>/schedule.ics", followup.calendar, name="notice_calendar"),
]
