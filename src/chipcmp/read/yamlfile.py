"""Safe YAML reading that can say where every value came from.

The data is built straight from libyaml's event stream (CSafeLoader's parser, written in
C), in one pass, without PyYAML's node tree: the tree is the biggest thing a load would
hold, and PyYAML's C composer recurses once a nesting level (a few hundred thousand
brackets crash it). The pass refuses what PyYAML would accept silently: duplicate mapping
keys (PyYAML keeps the last), tags beyond the YAML core schema (no Python objects), merge
keys, nesting deeper than MAX_DEPTH, and aliases that expand to far more data than the
text holds (a "billion laughs" document).

Positions are not stored: when a problem needs one, `Document.locate` composes the text
into a node tree (once) and follows the path, such as ("products", 3, "power", 0).
Problems are rare, so a clean load never pays for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml import events
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from chipcmp.model.problems import Problem, error

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _CORE + "str", _CORE + "map", _CORE + "seq"
_constructor = yaml.constructor.SafeConstructor()
_SCALAR_TAGS = {
    _CORE + "int": _constructor.construct_yaml_int,
    _CORE + "float": _constructor.construct_yaml_float,
    _CORE + "bool": _constructor.construct_yaml_bool,
    _CORE + "null": _constructor.construct_yaml_null,
    _CORE + "timestamp": _constructor.construct_yaml_timestamp,
}
MAX_DEPTH = 64  # a catalog nests five or six levels; deeper is a mistake or an attack
_TOO_DEEP = f"nesting deeper than {MAX_DEPTH} levels; refused"
Path = tuple[Any, ...]


class Lines:
    """1-based line and column of a character index, as an editor counts them: lines end
    at \n, \r\n or \r only (YAML also breaks lines at NEL, LS and PS, which editors show
    inside a line), and the index past the end is the end of the last line."""

    def __init__(self, text: str):
        import re

        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
        self.length = len(text)

    def position(self, index: int) -> tuple[int, int]:
        from bisect import bisect_right

        index = max(0, min(index, self.length))
        line = bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1

    def of(self, mark: Any) -> tuple[int, int]:
        """The position of a PyYAML mark (its `index` counts characters)."""
        index = getattr(mark, "index", None)
        if index is None:
            return mark.line + 1, mark.column + 1
        return self.position(index)


class _Refused(Exception):
    def __init__(self, mark: Any, code: str, message: str):
        self.mark, self.code, self.message = mark, code, message


@dataclass
class Document:
    """A parsed YAML file: its plain data, and the means to locate any value in it."""

    path: str
    data: Any
    text: str
    _root: Node | None = None
    # The file's bytes, where its data may be kept in the cache (read/cache.py) once it
    # validated; whether the data came from there; and whether it is known to validate
    # (a bundled file's cached data that did: its models are built without validating).
    raw: bytes | None = None
    from_cache: bool = False
    checked: bool = False
    _lines: Lines | None = None

    def release(self) -> None:
        """Drop the data once the caller has built what it needs from it."""
        self.data = None

    def locate(self, path: Path, key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the value at `path`, or of its key when `key` is set.
        A path that goes where the file does not (a missing field) stops at the deepest
        node that exists, which is where the fix goes."""
        if self._root is None:
            self._root = _compose(self.text)
        node, key_node = self._root, None
        for step in path:
            child = _child(node, step)
            if child is None:
                break
            key_node, node = child
        target = key_node if key and key_node is not None else node
        if self._lines is None:
            self._lines = Lines(self.text)
        return self._lines.of(target.start_mark)


def _compose(text: str) -> Node:
    """The node tree, for locating. Only texts that parse() accepted come here, so the
    nesting is shallow enough for PyYAML's recursive composer."""
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _child(node: Node, step: Any) -> tuple[Node | None, Node] | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == str(step):
                return key_node, value_node
    elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return None, node.value[step]
    return None


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text (a BOM is dropped) or a located problem at the first bad byte."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [error(path, line, col, "not-utf8",
                            f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8")]


def parse(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document. Returns the document, or None and the problems."""
    builder = _Builder(path, budget=10 * len(text) + 10_000)
    try:
        data, documents = builder.run(text)
    except _Refused as refused:
        return None, builder.problems + [error(path, *builder.lines.of(refused.mark),
                                               refused.code, refused.message)]
    except yaml.YAMLError as exc:
        return None, builder.problems + [_syntax_problem(exc, text, path)]
    if documents == 0:
        return None, [error(path, 1, 1, "empty-file", "the file holds no YAML document")]
    return Document(path, data, text), builder.problems


def _syntax_problem(exc: yaml.YAMLError, text: str, path: str) -> Problem:
    """The problem behind a YAML library error: `yaml-too-deep` when the text nests
    deeper than MAX_DEPTH before the place of the error (libyaml has limits of its own,
    which it may meet first while it reads ahead), else `yaml-syntax` there."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    end = getattr(mark, "index", None)
    if end is None:
        end = getattr(exc, "position", None)
    too_deep = _too_deep(text[:(end or 0) + 1]) if end is not None else None
    if too_deep is not None:
        return error(path, *Lines(text).of(too_deep), "yaml-too-deep", _TOO_DEEP)
    return _syntax_error(exc, text, path)


def _too_deep(text: str) -> Any:
    """The mark where `text` first nests deeper than MAX_DEPTH, read with PyYAML's pure
    Python parser (which has no depth limit and does not recurse), or None."""
    try:
        loader = yaml.SafeLoader(text)  # its reader checks the characters at once
    except yaml.YAMLError:
        return None
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, events.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif isinstance(event, events.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # the prefix ends where the real error is: not deeper before it
    finally:
        loader.dispose()
    return None


def _syntax_error(exc: yaml.YAMLError, text: str, path: str) -> Problem:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, col = Lines(text).of(mark) if mark else (1, 1)
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        return error(path, line, col, "yaml-syntax", message or "invalid YAML")
    # reader errors: control characters and the like
    line, col = Lines(text).position(getattr(exc, "position", 0) or 0)
    reason = getattr(exc, "reason", None) or (str(exc).splitlines() or ["invalid YAML"])[0]
    return error(path, line, col, "yaml-syntax", str(reason))


def _unsafe(mark: Any, tag: str) -> _Refused:
    return _Refused(mark, "unsafe-tag",
                    f"tag {tag.replace(_CORE, '!!')!r} is not allowed: a catalog is plain YAML "
                    "data (no Python objects)")


_MISSING = None  # what a value that could not be read stands as, once reported


class _Frame:
    """A mapping or sequence being built: its container, the pending key of a mapping,
    and how many values it holds (charged again whenever an alias repeats it)."""

    __slots__ = ("container", "is_mapping", "key", "key_mark", "seen", "size", "anchor")

    def __init__(self, container: Any, is_mapping: bool, anchor: str | None):
        self.container = container
        self.is_mapping = is_mapping
        self.key: Any = _NO_KEY
        self.key_mark: Any = None
        self.seen: dict[str, Any] = {}
        self.size = 1
        self.anchor = anchor


_NO_KEY = object()
_SKIP = object()  # the value of a duplicate key: reported, not stored


class _Builder:
    """Builds plain Python data from libyaml events."""

    def __init__(self, path: str, budget: int):
        self.path = path
        self.budget = budget
        self.problems: list[Problem] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.text = ""
        self._lines: Lines | None = None

    @property
    def lines(self) -> Lines:
        """Positions in the text, made on the first problem (a clean parse needs none)."""
        if self._lines is None:
            self._lines = Lines(self.text)
        return self._lines

    def run(self, text: str) -> tuple[Any, int]:
        self.text = text
        loader = _Loader(text)
        try:
            return self._events(loader)
        finally:
            loader.dispose()

    def _events(self, loader: Any) -> tuple[Any, int]:
        stack: list[_Frame] = []
        root: Any = None
        documents = 0
        resolve = loader.resolve
        check, get = loader.check_event, loader.get_event
        scalar_event, alias_event = events.ScalarEvent, events.AliasEvent
        map_start, seq_start = events.MappingStartEvent, events.SequenceStartEvent
        map_end, seq_end = events.MappingEndEvent, events.SequenceEndEvent
        while check():
            event = get()
            kind = type(event)
            if kind is scalar_event:
                value, size = self._scalar(event, resolve), 1
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
            elif kind is map_start or kind is seq_start:
                tag = event.tag
                if tag is not None and tag != "!" and tag != (_MAP if kind is map_start
                                                              else _SEQ):
                    self._report(_unsafe(event.start_mark, tag))  # read as plain data
                if len(stack) >= MAX_DEPTH:
                    raise _Refused(event.start_mark, "yaml-too-deep", _TOO_DEEP)
                if stack and stack[-1].is_mapping and stack[-1].key is _NO_KEY:
                    raise _Refused(event.start_mark, "bad-key",
                                   "a mapping key must be plain text")
                is_mapping = kind is map_start
                stack.append(_Frame({} if is_mapping else [], is_mapping, event.anchor))
                continue
            elif kind is map_end or kind is seq_end:
                frame = stack.pop()
                value, size = frame.container, frame.size
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (value, size)
            elif kind is alias_event:
                found = self.anchors.get(event.anchor)
                if found is None:
                    self._report(_Refused(
                        event.start_mark, "unsupported-yaml",
                        f"alias *{event.anchor} names no anchor defined before it "
                        "(recursive structures are not supported)"))
                    found = (_MISSING, 1)
                value, size = found
            else:
                if kind is events.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise _Refused(event.start_mark, "yaml-syntax",
                                       "expected a single document, found a second one")
                continue
            self.budget -= size
            if self.budget < 0:
                raise _Refused(event.start_mark, "yaml-too-large",
                               "aliases expand to far more data than the file holds "
                               "(a 'billion laughs' document?); refused")
            if not stack:
                root = value
                continue
            frame = stack[-1]
            frame.size += size
            if not frame.is_mapping:
                frame.container.append(value)
            elif frame.key is _NO_KEY:
                frame.key, frame.key_mark = self._key(event, value, frame)
            else:
                if frame.key is not _SKIP:
                    frame.container[frame.key] = value
                frame.key = _NO_KEY
        return root, documents

    def _scalar(self, event: Any, resolve: Any) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            if tag == "!" or not event.implicit[0]:
                return event.value  # quoted, or the non-specific "!": text
            tag = resolve(ScalarNode, event.value, event.implicit)
        if tag == _STR:
            return event.value
        construct = _SCALAR_TAGS.get(tag)
        if construct is None:
            if tag == _CORE + "merge":
                raise _Refused(event.start_mark, "unsupported-yaml",
                               "merge keys ('<<') are not supported; write the keys out")
            self._report(_unsafe(event.start_mark, tag))
            return event.value  # its text, so that no second problem is found at its place
        try:
            return construct(ScalarNode(tag, event.value, event.start_mark, event.end_mark))
        except (ValueError, OverflowError, yaml.constructor.ConstructorError):
            # Shaped like a value of its type but not one (2023-02-30 is no day): kept as
            # text, so the model reports it where it is, and the rest of the file is read.
            return event.value

    def _report(self, refused: _Refused) -> None:
        """A value that cannot be read: reported, and the rest of the file still read."""
        self.problems.append(error(self.path, *self.lines.of(refused.mark), refused.code,
                                   refused.message))

    def _key(self, event: Any, value: Any, frame: _Frame) -> tuple[Any, Any]:
        """A mapping key is its text ("2021", not 2021); a repeated one is reported."""
        if type(event) is not events.ScalarEvent:
            raise _Refused(event.start_mark, "bad-key", "a mapping key must be plain text")
        key = event.value
        first = frame.seen.get(key)
        if first is not None:
            mark = event.start_mark
            self.problems.append(error(
                self.path, *self.lines.of(mark), "duplicate-key",
                f"key {key!r} appears again (first at line {self.lines.of(first)[0]}); "
                "YAML would silently keep only the last one"))
            return _SKIP, mark
        frame.seen[key] = event.start_mark
        return key, event.start_mark
