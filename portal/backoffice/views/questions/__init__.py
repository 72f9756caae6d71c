"""The netizen-question screens: introduction and preview, moderation, lists, representatives, answers, 督办."""

from portal.backoffice.views.questions.answers import answer_check, answer_check_list, answer_edit, answer_list
from portal.backoffice.views.questions.bulk import question_bulk
from portal.backoffice.views.questions.detail import question_detail
from portal.backoffice.views.questions.introduction import (
    introduction,
    introduction_image_add,
    introduction_image_remove,
    material_add,
    material_remove,
    preview_publish,
)
from portal.backoffice.views.questions.lists import (
    categories_bootstrap,
    categories_retrain,
    list_entry_add,
    list_entry_edit,
    question_lists,
    sensitive_words_add,
    sensitive_words_remove,
)
from portal.backoffice.views.questions.moderation import (
    question_approve,
    question_category,
    question_forward,
    question_merge,
    question_move,
    question_reject,
    question_split,
    question_tags,
    question_unit,
)
from portal.backoffice.views.questions.queue import question_queue, question_queue_all
from portal.backoffice.views.questions.representatives import (
    representative_edit,
    representative_move,
    representative_remove,
    representatives,
)
from portal.backoffice.views.questions.supervision import supervision_acknowledge, supervision_list, supervision_send
from portal.backoffice.views.questions.tags import topic_tag_remove, topic_tags

__all__ = [
    "answer_check",
    "answer_check_list",
    "answer_edit",
    "answer_list",
    "categories_bootstrap",
    "categories_retrain",
    "introduction",
    "introduction_image_add",
    "introduction_image_remove",
    "list_entry_add",
    "list_entry_edit",
    "material_add",
    "material_remove",
    "preview_publish",
    "question_approve",
    "question_bulk",
    "question_category",
    "question_detail",
    "question_forward",
    "question_lists",
    "question_merge",
    "question_move",
    "question_queue",
    "question_queue_all",
    "question_reject",
    "question_split",
    "question_tags",
    "question_unit",
    "representative_edit",
    "representative_move",
    "representative_remove",
    "representatives",
    "sensitive_words_add",
    "sensitive_words_remove",
    "supervision_acknowledge",
    "supervision_list",
    "supervision_send",
    "topic_tag_remove",
    "topic_tags",
]
