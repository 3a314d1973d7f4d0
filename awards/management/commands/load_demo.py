"""Load the demo data: the generated history, then the seed article through the importer."""

from pathlib import Path

from django.core.management.base import BaseCommand

from awards.demo import load_history

SEED_ARTICLE = (
    Path(__file__).resolve().parents[2] / "demo_data" / ("bac-ninh-khoi-kinh-te-ky-thuat-2019.txt")
)


class Command(BaseCommand):
    help = "Load the demo history and import the seed article (idempotent)."

    def handle(self, *args, **options):
        counts = load_history()
        self.stdout.write("Demo history: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        from awards.importer import import_article_text

        result = import_article_text(SEED_ARTICLE.read_text(encoding="utf-8"))
        self.stdout.write(f"Seed article: {result}")
