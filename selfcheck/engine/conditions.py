"""The safe condition language of visibility rules and recommendations.

A condition is parsed once into a small tree and evaluated against facts; nothing is
ever executed as code. See docs/rules.md, section "Conditions".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, Required, TypedDict

from .model import NOT_APPLICABLE, SPECIAL_ANSWERS, UNKNOWN

if TYPE_CHECKING:
    from .model import RuleSet

Literal = str | int
REF_PREFIXES = ("points", "score", "level")
IS_STATES = (UNKNOWN, NOT_APPLICABLE, "answered", "unanswered")
ORDER_OPS = ("<", "<=", ">", ">=")


class ConditionError(ValueError):
    """A condition could not be parsed; ``column`` is 1-based."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(f"{message} (column {column})")
        self.column = column


class Facts(Protocol):
    """What a condition can look at."""

    def answer(self, question_id: str) -> Any: ...
    def points(self, question_id: str) -> int | None: ...
    def score(self, dimension_id: str) -> int | None: ...
    def level(self, dimension_id: str) -> str | None: ...
    def profile(self) -> str | None: ...
    def gaps(self) -> int: ...


@dataclass(frozen=True)
class Ref:
    """What a comparison looks at: kind is answer, points, score, level, profile or gaps."""

    kind: str
    name: str | None

    def __str__(self) -> str:
        if self.kind in ("profile", "gaps"):
            return self.kind
        return (self.name or "") if self.kind == "answer" else f"{self.kind}.{self.name}"

    def resolve(self, facts: Facts) -> Any:
        if self.kind == "answer":
            return facts.answer(self.name or "")
        if self.kind == "points":
            return facts.points(self.name or "")
        if self.kind == "score":
            return facts.score(self.name or "")
        if self.kind == "level":
            return facts.level(self.name or "")
        if self.kind == "gaps":
            return facts.gaps()
        return facts.profile()


@dataclass(frozen=True)
class Compare:
    ref: Ref
    op: str
    value: Literal | tuple[Literal, ...]
    text: str

    def evaluate(self, facts: Facts) -> bool:
        return _compare(self.ref.resolve(facts), self.op, self.value)

    def leaves(self) -> Iterator[Compare]:
        yield self


@dataclass(frozen=True)
class AllOf:
    """``a and b and ...``"""

    items: tuple[Condition, ...]

    def evaluate(self, facts: Facts) -> bool:
        return all(item.evaluate(facts) for item in self.items)

    def leaves(self) -> Iterator[Compare]:
        for item in self.items:
            yield from item.leaves()


@dataclass(frozen=True)
class AnyOf:
    """``a or b or ...``"""

    items: tuple[Condition, ...]

    def evaluate(self, facts: Facts) -> bool:
        return any(item.evaluate(facts) for item in self.items)

    def leaves(self) -> Iterator[Compare]:
        for item in self.items:
            yield from item.leaves()


@dataclass(frozen=True)
class Not:
    item: Condition

    def evaluate(self, facts: Facts) -> bool:
        return not self.item.evaluate(facts)

    def leaves(self) -> Iterator[Compare]:
        yield from self.item.leaves()


Condition = Compare | AllOf | AnyOf | Not


def _compare(actual: Any, op: str, value: Literal | tuple[Literal, ...]) -> bool:
    if op == "is":
        if value == "answered":
            return actual is not None and actual not in SPECIAL_ANSWERS
        if value == "unanswered":
            return actual is None
        return bool(actual == value)
    # A comparison with no real answer is false, whatever the operator.
    if actual is None or (isinstance(actual, str) and actual in SPECIAL_ANSWERS):
        return False
    if op == "contains":
        return isinstance(actual, list | tuple) and value in actual
    if op in ("in", "not in"):
        found = actual in value if isinstance(value, tuple) else False
        return found if op == "in" else not found
    if op == "==":
        return bool(actual == value)
    if op == "!=":
        return bool(actual != value)
    if not (isinstance(actual, int) and isinstance(value, int)):
        return False
    return {"<": actual < value, "<=": actual <= value, ">": actual > value, ">=": actual >= value}[op]


_TOKEN = re.compile(
    r"""\s*(?:
      (?P<number>-?\d+)
    | (?P<string>"[^"]*"|'[^']*')
    | (?P<op>==|!=|<=|>=|<|>)
    | (?P<punct>[\[\](),])
    | (?P<word>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)
    )""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int
    end: int


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(source):
        if source[position:].strip() == "":
            break
        match = _TOKEN.match(source, position)
        if not match or match.end() == position:
            column = position + len(source[position:]) - len(source[position:].lstrip()) + 1
            raise ConditionError(f"unexpected character {source[column - 1]!r}", column)
        kind = match.lastgroup or ""
        tokens.append(_Token(kind, match.group(kind), match.start(kind), match.end(kind)))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = _tokenize(source)
        self.index = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def column(self) -> int:
        token = self.peek()
        return token.start + 1 if token else len(self.source) + 1

    def take(self, text: str | None = None, kind: str | None = None) -> _Token:
        token = self.peek()
        if token is None or (text is not None and token.text != text) or (kind and token.kind != kind):
            wanted = repr(text) if text else {"word": "a name"}.get(kind or "", "more")
            found = repr(token.text) if token else "the end"
            raise ConditionError(f"expected {wanted}, found {found}", self.column())
        self.index += 1
        return token

    def at(self, text: str) -> bool:
        token = self.peek()
        return token is not None and token.text == text and token.kind in ("word", "punct")

    def parse(self) -> Condition:
        if not self.tokens:
            raise ConditionError("the condition is empty", 1)
        condition = self.parse_or()
        rest = self.peek()
        if rest is not None:
            raise ConditionError(f"unexpected {rest.text!r}", self.column())
        return condition

    def parse_or(self) -> Condition:
        items = [self.parse_and()]
        while self.at("or"):
            self.take()
            items.append(self.parse_and())
        return items[0] if len(items) == 1 else AnyOf(tuple(items))

    def parse_and(self) -> Condition:
        items = [self.parse_not()]
        while self.at("and"):
            self.take()
            items.append(self.parse_not())
        return items[0] if len(items) == 1 else AllOf(tuple(items))

    def parse_not(self) -> Condition:
        if self.at("not"):
            self.take()
            return Not(self.parse_not())
        if self.at("("):
            self.take("(")
            inner = self.parse_or()
            self.take(")")
            return inner
        return self.parse_comparison()

    def parse_ref(self) -> Ref:
        token = self.take(kind="word")
        if token.text in ("and", "or", "not", "in", "is", "contains"):
            raise ConditionError(f"expected a question, score, level or profile, found {token.text!r}", token.start + 1)
        if "." in token.text:
            prefix, name = token.text.split(".", 1)
            if prefix not in REF_PREFIXES:
                raise ConditionError(
                    f"unknown prefix {prefix!r}; use points., score. or level.", token.start + 1
                )
            return Ref(prefix, name)
        if token.text in ("profile", "gaps"):
            return Ref(token.text, None)
        return Ref("answer", token.text)

    def parse_literal(self) -> Literal:
        token = self.peek()
        if token is None or token.kind not in ("number", "string", "word"):
            raise ConditionError("expected a value (an id, a number or quoted text)", self.column())
        self.index += 1
        if token.kind == "number":
            return int(token.text)
        if token.kind == "string":
            return token.text[1:-1]
        return token.text

    def parse_list(self) -> tuple[Literal, ...]:
        self.take("[")
        values = [self.parse_literal()]
        while self.at(","):
            self.take(",")
            values.append(self.parse_literal())
        self.take("]")
        return tuple(values)

    def parse_comparison(self) -> Condition:
        start = self.column() - 1
        ref = self.parse_ref()
        token = self.peek()
        value: Literal | tuple[Literal, ...]
        if token is None:
            raise ConditionError(f"expected an operator after {ref}", self.column())
        if token.kind == "op":
            op = self.take().text
            value = self.parse_literal()
        elif token.text == "in":
            op = self.take().text
            value = self.parse_list()
        elif token.text == "not":
            self.take()
            self.take("in")
            op, value = "not in", self.parse_list()
        elif token.text == "contains":
            op = self.take().text
            value = self.parse_literal()
        elif token.text == "is":
            op = self.take().text
            state = self.take(kind="word")
            if state.text not in IS_STATES:
                raise ConditionError(f"after 'is' use one of {', '.join(IS_STATES)}", state.start + 1)
            value = state.text
        else:
            raise ConditionError(f"expected an operator after {ref}, found {token.text!r}", token.start + 1)
        end = self.tokens[self.index - 1].end
        return Compare(ref, op, value, self.source[start:end].strip())


def parse_condition(source: str) -> Condition:
    """Parse a condition; raises ConditionError with the column of the problem."""
    return _Parser(source).parse()


class AnswerFacts:
    """Facts from answers alone, as used by visibility rules."""

    def __init__(self, ruleset: RuleSet, answers: Mapping[str, Any]) -> None:
        self.ruleset = ruleset
        self.answers = answers

    def answer(self, question_id: str) -> Any:
        return self.answers.get(question_id)

    def points(self, question_id: str) -> int | None:
        try:
            question = self.ruleset.question(question_id)
        except KeyError:
            return None
        return question.points_for(self.answers.get(question_id))

    def score(self, dimension_id: str) -> int | None:
        return None

    def level(self, dimension_id: str) -> str | None:
        return None

    def profile(self) -> str | None:
        return None

    def gaps(self) -> int:
        return 0


# -- conditions for the browser ------------------------------------------------------------------
# A questionnaire page shows and hides its questions in the browser while people answer. The
# browser gets each visibility rule as a small JSON tree that it evaluates with the same meaning
# as ``_compare``; nothing in it is ever run as code. Comparisons on answers the page cannot
# change are decided here, from the facts, and become constants.

CLIENT_OPS = ("==", "!=", "in", "not in", "contains", "is")
CLIENT_TYPES = ("single", "multi")  # answers the browser reads exactly as the server does


class ClientCondition(TypedDict, total=False):
    """One node: ``op`` is "all", "any", "not" (``items``), "const" (``value``: bool) or a
    comparison in CLIENT_OPS on an answer of the page (``question`` and ``value``)."""

    op: Required[str]
    items: list[ClientCondition]
    question: str
    value: bool | Literal | list[Literal]


TRUE: ClientCondition = {"op": "const", "value": True}
FALSE: ClientCondition = {"op": "const", "value": False}


def client_condition(condition: Condition, *, page: Mapping[str, str], facts: Facts) -> ClientCondition | None:
    """``condition`` for a browser that knows the answers to the ``page`` questions (id -> type).

    Comparisons on other answers are evaluated against ``facts`` now. Returns None when the
    condition cannot be expressed exactly (points of a page question, or a number or text
    question of the page): then the server alone decides, after the page is sent.
    """
    if isinstance(condition, Not):
        inner = client_condition(condition.item, page=page, facts=facts)
        if inner is None:
            return None
        if inner["op"] == "const":
            return FALSE if inner["value"] else TRUE
        return {"op": "not", "items": [inner]}
    if isinstance(condition, AllOf | AnyOf):
        return _client_group(condition, page, facts)
    return _client_compare(condition, page, facts)


def _client_group(condition: AllOf | AnyOf, page: Mapping[str, str], facts: Facts) -> ClientCondition | None:
    """``all``/``any`` with constants folded in: one deciding constant decides the whole."""
    deciding, neutral = (FALSE, TRUE) if isinstance(condition, AllOf) else (TRUE, FALSE)
    items: list[ClientCondition] = []
    for item in condition.items:
        node = client_condition(item, page=page, facts=facts)
        if node is None:
            return None
        if node == deciding:
            return deciding
        if node != neutral:
            items.append(node)
    if not items:
        return neutral
    if len(items) == 1:
        return items[0]
    return {"op": "all" if isinstance(condition, AllOf) else "any", "items": items}


def _client_compare(leaf: Compare, page: Mapping[str, str], facts: Facts) -> ClientCondition | None:
    name = leaf.ref.name or ""
    if leaf.ref.kind not in ("answer", "points") or name not in page:
        return TRUE if leaf.evaluate(facts) else FALSE
    if leaf.ref.kind == "points" or page[name] not in CLIENT_TYPES:
        return None
    if leaf.op not in CLIENT_OPS:
        return FALSE  # <, <= ... need a number; choice answers never are one
    value = list(leaf.value) if isinstance(leaf.value, tuple) else leaf.value
    return {"op": leaf.op, "question": name, "value": value}
