from django_tasks import task


@task()
def make_rendition_task(*, video_id: int) -> str:
    from portal.videos.processing import make_rendition  # noqa: PLC0415 -- keep the task module light

    return str(make_rendition(video_id))
