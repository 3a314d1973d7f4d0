"""Report pages (yearly summary); filled in by the reports work."""

app_name = "reports"

urlpatterns: list = []
