from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComposerConfig(AppConfig):
    name = "composer"
    verbose_name = _("Delaynote")
