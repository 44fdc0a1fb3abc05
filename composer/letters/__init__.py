"""Composing notices: `compose(answers, language) -> Letter`."""

from .compose import compose
from .letter import Block, Letter, OfficialHeader

__all__ = ["Block", "Letter", "OfficialHeader", "compose"]
