import json
import sys
from dataclasses import replace
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from composer.answers import LANGUAGES, CaseError, parse_case
from composer.coach import check
from composer.exports import FORMAT_CHANNEL, RENDERERS, UncoveredCharacters
from composer.letters import compose

MAX_CASE_BYTES = 256 * 1024


class Command(BaseCommand):
    help = "Render a delay notice from a JSON case, without touching the database."

    def add_arguments(self, parser):
        parser.add_argument("case", help="the JSON case file (- for standard input)")
        parser.add_argument("--format", required=True, choices=sorted(RENDERERS))
        parser.add_argument("--output", required=True, help="the file to write (- for standard output)")
        parser.add_argument("--language", choices=LANGUAGES, help="the notice language (default: the case's)")

    def handle(self, *args, case, format, output, language, **options):
        answers = self.read_case(case, language)
        if format in FORMAT_CHANNEL:
            answers = replace(answers, channel=FORMAT_CHANNEL[format])
        letter = compose(answers)
        try:
            data = RENDERERS[format](letter)
        except UncoveredCharacters as error:
            raise CommandError(str(error), returncode=2) from error
        for finding in check(answers, letter):
            if finding.status != "ok":
                self.stderr.write(f"{finding.rule} {finding.status}: {finding.message}")
        if output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        try:
            Path(output).write_bytes(data)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}", returncode=2) from error
        self.stderr.write(f"Wrote {output} ({len(data):,} bytes, {format}, {letter.language}).")

    def read_case(self, case, language):
        try:
            raw = sys.stdin.buffer.read(MAX_CASE_BYTES + 1) if case == "-" else Path(case).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {case}: {error.strerror}", returncode=2) from error
        if len(raw) > MAX_CASE_BYTES:
            raise CommandError(f"{case}: a case is at most {MAX_CASE_BYTES // 1024} KB.", returncode=2)
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise CommandError(f"{case}: not UTF-8 text.", returncode=2) from None
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{case}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}).", returncode=2
            ) from None
        try:
            return parse_case(data, language=language)
        except CaseError as error:
            lines = "\n".join(f"  {p}" for p in error.problems)
            raise CommandError(f"{case}: the case has problems:\n{lines}", returncode=2) from None
