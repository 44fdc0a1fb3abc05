from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Every field in a wrapper, so layouts can place label, input, help and errors together."""

    field_template_name = "includes/field.html"
