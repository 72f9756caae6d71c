app_name = "website"
urlpatterns: list = []
