import json
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from composer.portability import export_user


class Command(BaseCommand):
    help = "Write all of a user's data (profile, clients, notices, logs, progress updates) as one JSON file."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="the username whose data to export")
        parser.add_argument("--output", required=True, help="the file to write (- for standard output)")

    def handle(self, *args, user, output, **options):
        account = get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: user}).first()
        if account is None:
            raise CommandError(f"No user named {user!r}.", returncode=2)
        data = export_user(account)
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if output == "-":
            sys.stdout.write(text)
            sys.stdout.flush()
            return
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}", returncode=2) from error
        self.stderr.write(
            f"Wrote {output}: {len(data['notices'])} notice(s), {len(data['clients'])} client(s) of {user}."
        )
