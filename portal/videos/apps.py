from django.apps import AppConfig


class VideosConfig(AppConfig):
    name = "portal.videos"
    verbose_name = "后期视频"
