from portal.questions.models.answers import Answer, AskerMessage, RepresentativeQuestion, SupervisionNotice
from portal.questions.models.identity import PhoneVerification, VerifiedIdentity
from portal.questions.models.introduction import Introduction, IntroductionImage, IntroductionRevision, RelatedMaterial
from portal.questions.models.lists import (
    Category,
    CategoryModel,
    CategorySample,
    ForwardChannel,
    RejectionReason,
    SensitiveWord,
    TopicTag,
)
from portal.questions.models.questions import AskerContact, Question, QuestionEvent, QuestionGroup, Support

__all__ = [
    "Answer",
    "AskerContact",
    "AskerMessage",
    "Category",
    "CategoryModel",
    "CategorySample",
    "ForwardChannel",
    "Introduction",
    "IntroductionImage",
    "IntroductionRevision",
    "PhoneVerification",
    "Question",
    "QuestionEvent",
    "QuestionGroup",
    "RejectionReason",
    "RelatedMaterial",
    "RepresentativeQuestion",
    "SensitiveWord",
    "SupervisionNotice",
    "Support",
    "TopicTag",
    "VerifiedIdentity",
]
