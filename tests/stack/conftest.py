import pytest

from tests.stack import Stack


@pytest.fixture
def stack(tmp_path):
    """A database of its own, with app servers and workers started by the test; all stopped after it."""
    stack = Stack(tmp_path)
    yield stack
    stack.close()
