from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComposerConfig(AppConfig):
    name = "composer"
    verbose_name = _("Delaynote")

    def ready(self):
        from django.db.models.signals import post_delete

        from .exports.stored import forget
        from .models import Notice

        def forget_files(sender, instance, **kwargs):
            forget(instance.pk)

        post_delete.connect(forget_files, sender=Notice, weak=False, dispatch_uid="composer.forget_stored_downloads")
