"""Public URLs of an interview never change or disappear after publication: not on filing, not on cancellation."""

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.filing.services import file_interview
from portal.interviews.enums import InterviewState, StepKind, StepStatus
from portal.interviews.lifecycle import transition_interview
from portal.interviews.models import Interview, InterviewStep
from portal.videos.models import Video
from tests.questions.factories import open_interview

pytestmark = [pytest.mark.integration]


def public_urls(interview: Interview) -> list[str]:
    urls = [
        reverse("website:interview-detail", args=[interview.pk]),
        reverse("website:interview-ics", args=[interview.pk]),
        reverse("website:live-entries", args=[interview.pk]),
    ]
    for video in Video.objects.filter(interview=interview, published_at__isnull=False):
        urls += [video.public_url("mp4"), video.public_url("poster"), video.public_url("vtt")]
    return urls


def answers(client, url: str) -> tuple[int, str]:
    response = client.get(url)
    return response.status_code, response.request["PATH_INFO"]


def test_every_public_url_answers_the_same_before_and_after_filing(client, published_video, operator):
    interview = published_video.interview
    Interview.objects.filter(pk=interview.pk).update(recording_at=timezone.now())
    InterviewStep.objects.filter(interview=interview).exclude(kind=StepKind.FILING).update(status=StepStatus.DONE)
    Video.objects.filter(pk=published_video.pk).update(captions_vtt="WEBVTT\n\n00:00.000 --> 00:01.000\n各位网友\n")
    urls = public_urls(interview)
    assert len(urls) == 6
    before = {url: answers(client, url) for url in urls}
    assert before == {url: (200, url) for url in urls}
    archive = client.get(reverse("website:archive")).content.decode()
    assert f'href="{interview.get_absolute_url()}"' in archive

    file_interview(interview, actor=operator)

    assert public_urls(interview) == urls
    after = {url: answers(client, url) for url in urls}
    assert after == before  # 200 at the same path, no redirect to a new one
    assert f'href="{interview.get_absolute_url()}"' in client.get(reverse("website:archive")).content.decode()


def test_a_cancelled_published_interview_keeps_its_page_with_the_cancelled_phase(client, units, coordinator):
    interview = open_interview(lead_unit=units["lead"], title="体育赛事赋能旅游消费")
    url = reverse("website:interview-detail", args=[interview.pk])
    assert client.get(url).status_code == 200

    transition_interview(interview, InterviewState.CANCELLED, actor=coordinator, reason="主办单位调整计划")

    response = client.get(url)
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == url
    assert "已取消" in response.content.decode()
