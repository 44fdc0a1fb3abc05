from django.core.management.base import BaseCommand

from composer import jobs


class Command(BaseCommand):
    help = (
        "Clean up: retry or fail jobs whose worker died, delete expired ZIP exports, orphaned partial "
        "files, finished imports' uploaded data, old jobs and task results, and expired sessions."
    )

    def handle(self, *args, **options):
        done = jobs.prune()
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in done.items() if count is not None))
