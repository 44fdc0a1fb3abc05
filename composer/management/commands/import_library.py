import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from composer.portability import PortabilityError, import_user, loads


class Command(BaseCommand):
    help = "Add the data of a JSON file made by export_library (or the web export) to a user's account."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the JSON file to read (- for standard input)")
        parser.add_argument("--user", required=True, help="the username whose account receives the data")

    def handle(self, *args, file, user, **options):
        account = get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: user}).first()
        if account is None:
            raise CommandError(f"No user named {user!r}.", returncode=2)
        try:
            raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}", returncode=2) from error
        try:
            result = import_user(account, loads(raw))
        except PortabilityError as error:
            raise CommandError(f"{file}: nothing was imported. {error}", returncode=2) from error
        profile = "profile restored" if result["profile"] else "profile kept as it was"
        self.stderr.write(
            f"Imported {result['notices']} notice(s) and {result['clients']} client(s) into {user}'s account; {profile}."
        )
