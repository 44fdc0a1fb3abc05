"""The user's words in a draft's answers, kept per language.

A draft stores each free-text answer as an object keyed by language code, so that switching the notice
language never reinterprets what was typed; what the notice's language still lacks is asked for side by side
with the originals.
"""

from composer.answers import KEEP, LANGUAGES
from composer.languages import detect

# Where the free-text answers sit in a case; "*" stands for every row of a list.
TEXT_PATHS = (
    ("commitment", "title"),
    ("commitment", "needed_for"),
    ("cause", "explanation"),
    ("plan", "measures"),
    ("plan", "milestones", "*", "description"),
    ("remedies", "*", "description"),
)
# Job titles come from the profile and the client; their versions in other languages are kept in the draft.
TITLES = {"sender.title": "sender", "recipient.title": "recipient"}


def _walk(node, path, prefix=()):
    """(path, parent, key) of every text at `path` in `node`."""
    head, rest = path[0], path[1:]
    if head == "*":
        items = node if isinstance(node, list) else []
        for i, item in enumerate(items):
            yield from _walk(item, rest, (*prefix, i))
        return
    if not isinstance(node, dict) or head not in node:
        return
    if not rest:
        yield (*prefix, head), node, head
    else:
        yield from _walk(node[head], rest, (*prefix, head))


def texts(answers):
    """(path, parent, key) of every free-text answer present."""
    for path in TEXT_PATHS:
        yield from _walk(answers, path)


def versions(value, language):
    """A stored text as {language: text}; a plain string is in `language` (or the one it is clearly written in)."""
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if v}
    if isinstance(value, str) and value.strip():
        return {detect(value, language) or language: value}
    return {}


def text_in(value, language):
    """The text of a stored answer in `language` ("" when it has none yet)."""
    found = versions(value, language)
    return found.get(language) or found.get(KEEP) or ""


def merge(old_answers, new_answers, language):
    """New step answers (plain strings typed in `language`) merged into the stored per-language texts.

    A text typed unchanged keeps its other languages; a changed one starts afresh in `language`, since its
    other versions no longer say the same thing.
    """
    for path, parent, key in list(texts(new_answers)):
        typed = parent[key]
        if not isinstance(typed, str):
            continue
        old = _get(old_answers, path)
        stored = versions(old, language)
        if not typed.strip():
            parent[key] = ""
        elif text_in(old, language) == typed:
            parent[key] = stored
        else:
            parent[key] = {language: typed}
    return new_answers


def _get(node, path):
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def pin(answers, language):
    """Every plain-string text turned into {language: text}, before the notice changes language."""
    for _path, parent, key in list(texts(answers)):
        parent[key] = versions(parent[key], language) or ""
    return answers


def set_text(answers, path, language, text, keep=False):
    """Store the `language` version of the text at `path` (a dotted path as problems name it)."""
    if path in TITLES:
        if text:
            answers.setdefault("titles", {}).setdefault(TITLES[path], {})[language] = text
        return bool(text)
    parts = _parse(path)
    if parts is None:
        return False
    parent = _get(answers, parts[:-1])
    key = parts[-1]
    if not isinstance(parent, dict) or key not in parent:
        return False
    current = versions(parent[key], answers.get("language", language))
    if keep:
        original = next(iter(v for k, v in current.items() if k != KEEP), "")
        current = {KEEP: original}
    else:
        current[language] = text
    parent[key] = current
    return True


def _parse(path):
    parts = []
    for piece in path.split("."):
        name, _, index = piece.partition("[")
        parts.append(name)
        if index:
            if not index.rstrip("]").isdecimal():
                return None
            parts.append(int(index.rstrip("]")))
    allowed = {tuple("*" if isinstance(p, int) else p for p in parts)}
    return parts if allowed & set(TEXT_PATHS) else None


def missing(problems, case, language):
    """The answers the notice's language lacks: (path, originals {language: text}) per field of the full case."""
    found = []
    for problem in problems:
        if problem.code != "missing_text":
            continue
        parts = problem.path.split(".") if problem.path in TITLES else _parse(problem.path)
        value = _get(case, parts or ())
        originals = {k: v for k, v in versions(value, case.get("language", language)).items() if k in LANGUAGES}
        found.append((problem.path, originals))
    return found


def localized(answers, language):
    """A copy of the answers with every text in `language` (as the wizard's forms show them)."""
    import copy

    answers = copy.deepcopy(answers)
    for _path, parent, key in list(texts(answers)):
        parent[key] = text_in(parent[key], language)
    return answers
