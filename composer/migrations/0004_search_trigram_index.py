"""On PostgreSQL, a trigram index lets the library's substring search (Chinese included) use an index."""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS composer_notice_search_trgm ON composer_notice USING gin (search_text gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS composer_notice_search_trgm"]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("composer", "0003_followup")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
