"""Safe YAML reading that remembers where every value came from.

libyaml (CSafeLoader) composes the node tree in C; one walk in Python then builds
plain dicts and lists, refusing what PyYAML would accept silently: duplicate
mapping keys (PyYAML keeps the last), tags beyond the YAML core schema (no
Python objects), merge keys, and alias expansions that grow beyond the size of
the text (a "billion laughs" document is refused, not expanded). The node tree
is kept so that a path such as ("products", 3, "power", 0, "value") can be
turned into a line and column when, and only when, a problem needs one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem, error

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"
_constructor = yaml.constructor.SafeConstructor()
_SCALAR_TAGS = {
    _CORE + "str": None,  # fast path: the text itself
    _CORE + "int": _constructor.construct_yaml_int,
    _CORE + "float": _constructor.construct_yaml_float,
    _CORE + "bool": _constructor.construct_yaml_bool,
    _CORE + "null": _constructor.construct_yaml_null,
    _CORE + "timestamp": _constructor.construct_yaml_timestamp,
}
MAX_DEPTH = 64  # a catalog nests five or six levels; deeper is a mistake or an attack
Path = tuple[Any, ...]


class _Refused(Exception):
    def __init__(self, node: Node, code: str, message: str):
        self.node, self.code, self.message = node, code, message


@dataclass
class Document:
    """A parsed YAML file: its plain data, and the means to locate any value in it.

    The node tree is what locates values, and it is the largest thing a load holds (about
    half the memory at 100,000 products). `release()` drops it, and the data, once the
    caller is done with them; a later `locate()` composes the text again, once. Problems
    are rare, so a clean load never pays for that."""

    path: str
    data: Any
    root: Node | None
    text: str

    def release(self) -> None:
        self.root = None
        self.data = None

    def locate(self, path: Path, key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the value at `path`, or of its key when `key` is set.
        A path that goes where the file does not (a missing field) stops at the deepest
        node that exists, which is where the fix goes."""
        if self.root is None:
            self.root = _compose(self.text)
        node, key_node = self.root, None
        for step in path:
            child = _child(node, step)
            if child is None:
                break
            key_node, node = child
        target = key_node if key and key_node is not None else node
        return target.start_mark.line + 1, target.start_mark.column + 1


def _first_too_deep(text: str) -> Any:
    """The mark where nesting first exceeds MAX_DEPTH, or None.

    libyaml's parser is a loop, but PyYAML's C composer recurses once a nesting level, so
    a few hundred thousand brackets overflow the C stack (a crash, not an exception) and
    fifty thousand take seconds. The events are counted first, at about the cost of a
    second parse; the composer then only ever sees shallow documents."""
    loader = _Loader(text)
    try:
        depth = 0
        check, get = loader.check_event, loader.get_event
        while check():
            event = get()
            if isinstance(event, _OPENS):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif isinstance(event, _CLOSES):
                depth -= 1
        return None
    finally:
        loader.dispose()


_OPENS = (yaml.events.MappingStartEvent, yaml.events.SequenceStartEvent)
_CLOSES = (yaml.events.MappingEndEvent, yaml.events.SequenceEndEvent)


def _compose(text: str) -> Node:
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
    try:
        too_deep = _first_too_deep(text)
        if too_deep is not None:
            return None, [error(path, too_deep.line + 1, too_deep.column + 1, "yaml-too-deep",
                                f"nesting deeper than {MAX_DEPTH} levels; refused")]
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        return None, [error(path, line, col, "yaml-syntax", message or "invalid YAML")]
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        position = getattr(exc, "position", 0) or 0
        line = text.count("\n", 0, position) + 1
        col = position - (text.rfind("\n", 0, position) + 1) + 1
        reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
        return None, [error(path, line, col, "yaml-syntax", str(reason))]
    if root is None:
        return None, [error(path, 1, 1, "empty-file", "the file holds no YAML document")]
    walker = _Walker(path, budget=10 * len(text) + 10_000)
    try:
        data = walker.build(root, 0)
    except _Refused as refused:
        mark = refused.node.start_mark
        walker.problems.append(error(path, mark.line + 1, mark.column + 1, refused.code,
                                     refused.message))
        return None, walker.problems
    return Document(path, data, root, text), walker.problems


def _unsafe(node: Node) -> _Refused:
    tag = node.tag.replace(_CORE, "!!")
    return _Refused(node, "unsafe-tag",
                    f"tag {tag!r} is not allowed: a catalog is plain YAML data (no Python objects)")


class _Walker:
    """Builds plain Python data from nodes, collecting duplicate keys as it goes."""

    def __init__(self, path: str, budget: int):
        self.path = path
        self.budget = budget
        self.problems: list[Problem] = []

    def build(self, node: Node, depth: int) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _Refused(node, "yaml-too-large",
                           "aliases expand to far more data than the file holds "
                           "(a 'billion laughs' document?); refused")
        if depth > MAX_DEPTH:
            raise _Refused(node, "yaml-too-deep", f"nesting deeper than {MAX_DEPTH} levels")
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode):
            if node.tag != _CORE + "seq":
                raise _unsafe(node)
            return [self.build(item, depth + 1) for item in node.value]
        if node.tag != _CORE + "map":
            raise _unsafe(node)
        return self._mapping(node, depth)

    def _scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        if tag == _CORE + "str":
            return node.value
        construct = _SCALAR_TAGS.get(tag)
        if construct is None:
            if tag == _CORE + "merge":
                raise _Refused(node, "unsupported-yaml", "merge keys ('<<') are not supported; "
                                                         "write the keys out")
            raise _unsafe(node)
        try:
            return construct(node)
        except (ValueError, OverflowError, yaml.constructor.ConstructorError) as exc:
            raise _Refused(node, "bad-value", f"cannot read {node.value!r}: {exc}") from None

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _Refused(key_node, "bad-key", "a mapping key must be plain text")
            self._scalar(key_node)  # refuses unsafe tags on keys too
            key = key_node.value  # keys are names: keep the text ("2021", not 2021)
            if key in first_seen:
                before = first_seen[key].start_mark
                mark = key_node.start_mark
                self.problems.append(error(
                    self.path, mark.line + 1, mark.column + 1, "duplicate-key",
                    f"key {key_node.value!r} appears again (first at line {before.line + 1}); "
                    "YAML would silently keep only the last one"))
                continue
            first_seen[key] = key_node
            result[key] = self.build(value_node, depth + 1)
        return result
