from django import template

from composer.letters.formats import list_marker

register = template.Library()


@register.filter
def marker(index, language):
    """The marker of the `index`-th (0-based) list item in a letter of `language`."""
    return list_marker(language, index)
