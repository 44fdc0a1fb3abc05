"""The search text of every notice, folded (no diacritics, case-folded, full-width forms made plain);
and the notice a duplicate was copied from.

The stored text was the notice's searchable text lowercased; folding it gives exactly what
`Notice.sync()` now stores, without composing every letter again.
"""

import django.db.models.deletion
from django.db import migrations, models

from composer.search import fold

BATCH = 500


def fold_search_text(apps, schema_editor):
    Notice = apps.get_model("composer", "Notice")
    notices = Notice.objects.using(schema_editor.connection.alias).only("pk", "search_text").order_by("pk")
    changed = []
    for notice in notices.iterator(chunk_size=BATCH):
        folded = fold(notice.search_text)
        if folded != notice.search_text:
            notice.search_text = folded
            changed.append(notice)
        if len(changed) >= BATCH:
            Notice.objects.using(schema_editor.connection.alias).bulk_update(changed, ["search_text"])
            changed = []
    if changed:
        Notice.objects.using(schema_editor.connection.alias).bulk_update(changed, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("composer", "0008_client_country")]

    operations = [
        migrations.AddField(
            model_name="notice",
            name="copy_of",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="copies",
                to="composer.notice",
            ),
        ),
        migrations.RunPython(fold_search_text, migrations.RunPython.noop, elidable=True),
    ]
