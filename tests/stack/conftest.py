import pytest

from tests.stack import Stack


@pytest.fixture
def stack(tmp_path):
    """A database of its own, with app servers and workers started by the test; all stopped after it."""
    stack = Stack(tmp_path)
    yield stack
    stack.close()


@pytest.fixture(scope="module")
def module_stack(tmp_path_factory):
    """One stack shared by the tests of a module (each test makes its own users and notices in it)."""
    stack = Stack(tmp_path_factory.mktemp("stack"))
    yield stack
    stack.close()
