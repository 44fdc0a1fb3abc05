import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in the default language; a request's LocaleMiddleware must not leak into the next test."""
    translation.activate("en")
    yield
    translation.activate("en")
