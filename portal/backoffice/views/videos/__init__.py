from portal.backoffice.views.videos.captions import captions_draft, captions_edit, captions_upload, chapter_offset
from portal.backoffice.views.videos.pages import (
    video_file,
    video_page,
    video_publish,
    video_remove,
    video_retry,
    video_status,
    video_unpublish,
)
from portal.backoffice.views.videos.uploads import upload_chunk, upload_create, upload_finish, upload_form

__all__ = [
    "captions_draft",
    "captions_edit",
    "captions_upload",
    "chapter_offset",
    "upload_chunk",
    "upload_create",
    "upload_finish",
    "upload_form",
    "video_file",
    "video_page",
    "video_publish",
    "video_remove",
    "video_retry",
    "video_status",
    "video_unpublish",
]
