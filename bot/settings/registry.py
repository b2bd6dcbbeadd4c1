"""The machinery behind :mod:`bot.settings`: how one environment variable is declared,
parsed and reported.

A setting is a field of a frozen dataclass declared with :func:`setting` (variable name,
kind, default, one-line description, secret or not). :class:`Reader` turns the raw strings
of an environment mapping into typed values, collecting every problem instead of stopping
at the first, so that a process refuses to start with one message naming every bad
variable. Nothing here knows the variables themselves; they are declared in
:mod:`bot.settings.schema`.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Type, TypeVar, Union
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

G = TypeVar("G")

# Process names a production-only requirement can apply to; "*" is every process.
EVERY_PROCESS = "*"


class ConfigError(RuntimeError, ValueError):
    """The environment is not fit to start: each problem names its variable.

    A ValueError too, so callers that refused a bad value with ValueError before keep
    working."""

    def __init__(self, problems: Union[str, Sequence[str]]) -> None:
        self.problems: List[str] = [problems] if isinstance(problems, str) else list(problems)
        if len(self.problems) == 1:
            message = self.problems[0]
        else:
            message = f"{len(self.problems)} settings are invalid:\n" + "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(message)


# --------------------------------------------------------------------------- kinds


@dataclass(frozen=True)
class Kind:
    """How the raw text of a variable becomes a value.

    ``convert`` raises ValueError when the text is not acceptable (reported as "NAME must
    be <expected>, got <value>") or a ConfigError whose message already names the variable
    (used as it is)."""

    label: str  # the type column of the table
    expected: str  # what the value must be, after "must be"
    convert: Callable[[str], Any]


def _bounds(lo: Optional[float], hi: Optional[float], lo_open: bool = False) -> str:
    if lo is not None and hi is not None and not lo_open:
        return f" from {lo:g} to {hi:g}"
    parts = []
    if lo is not None:
        parts.append(f"{'>' if lo_open else '>='} {lo:g}")
    if hi is not None:
        parts.append(f"<= {hi:g}")
    return (" " + " and ".join(parts)) if parts else ""


def Int(lo: Optional[int] = None, hi: Optional[int] = None, what: str = "integer") -> Kind:
    bounds = _bounds(lo, hi)

    def convert(text: str) -> int:
        if not re.fullmatch(r"[+-]?\d{1,18}", text):
            raise ValueError(text)
        value = int(text)
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise ValueError(text)
        return value

    return Kind(f"{what}{bounds}", f"an {what}{bounds}" if what[0] in "aeiou" else f"a {what}{bounds}", convert)


def Float(
    lo: Optional[float] = None,
    hi: Optional[float] = None,
    *,
    lo_open: bool = False,
    unit: str = "number",
    note: str = "",
) -> Kind:
    bounds = _bounds(lo, hi, lo_open) + note

    def convert(text: str) -> float:
        value = float(text)  # ValueError for text
        if not math.isfinite(value):
            raise ValueError(text)
        if lo is not None and (value < lo or (lo_open and value == lo)):
            raise ValueError(text)
        if hi is not None and value > hi:
            raise ValueError(text)
        return value

    return Kind(f"{unit}{bounds}", f"a {unit}{bounds}", convert)


_TRUE = ("1", "true", "yes")
_FALSE = ("0", "false", "no")


def Bool() -> Kind:
    def convert(text: str) -> bool:
        lowered = text.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError(text)

    return Kind("boolean (1/0, true/false, yes/no)", "one of 1, 0, true, false, yes, no", convert)


def Switch(expected: str = "1 or 0") -> Kind:
    """A strict on/off switch: only ``1`` and ``0`` (where a typo must not count as either)."""

    def convert(text: str) -> bool:
        if text in ("1", "0"):
            return text == "1"
        raise ValueError(text)

    return Kind("switch: 1 or 0", expected, convert)


def Choice(*values: str, case: Callable[[str], str] = str.lower) -> Kind:
    def convert(text: str) -> str:
        value = case(text)
        if value not in values:
            raise ValueError(text)
        return value

    return Kind("one of " + ", ".join(values), "one of " + ", ".join(values), convert)


def Names(*values: str) -> Kind:
    """A comma-separated list of names out of ``values`` (a tuple, in the order given)."""

    def convert(text: str) -> Tuple[str, ...]:
        names = tuple(n.strip() for n in text.split(",") if n.strip())
        if any(n not in values for n in names):
            raise ValueError(text)
        return names

    return Kind("comma-separated: " + ", ".join(values), "a comma-separated list of " + ", ".join(values), convert)


_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://\S*$")


def Url(*schemes: str, what: str = "URL") -> Kind:
    """``scheme://...`` without spaces; with ``schemes`` also one of those and a host."""

    def convert(text: str) -> str:
        if not _URL.match(text):
            raise ValueError(text)
        scheme, _, rest = text.partition("://")
        if schemes and (scheme.lower() not in schemes or not rest or rest.startswith("/")):
            raise ValueError(text)
        return text

    label = f"{what} ({', '.join(s + '://' for s in schemes)})" if schemes else what
    return Kind(label, f"a {label}", convert)


def PathKind() -> Kind:
    def convert(text: str) -> Path:
        if "\x00" in text:
            raise ValueError(text)
        return Path(text).expanduser()

    return Kind("path", "a file system path", convert)


def Zone() -> Kind:
    def convert(text: str) -> str:
        try:
            ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):
            raise ValueError(text) from None
        return text

    return Kind("IANA time zone", "an IANA time zone such as Europe/London", convert)


def Text(
    min_len: int = 0,
    max_len: Optional[int] = None,
    pattern: Optional[str] = None,
    what: str = "text",
    expected: str = "",
) -> Kind:
    sizes = []
    if min_len:
        sizes.append(f"at least {min_len} characters")
    if max_len:
        sizes.append(f"at most {max_len} characters")
    label = ", ".join([what, *sizes])

    def convert(text: str) -> str:
        if len(text) < min_len or (max_len is not None and len(text) > max_len):
            raise ValueError(text)
        if pattern is not None and not re.fullmatch(pattern, text):
            raise ValueError(text)
        return text

    return Kind(label, expected or " and ".join(sizes) or what, convert)


def Custom(label: str, expected: str, convert: Callable[[str], Any]) -> Kind:
    return Kind(label, expected, convert)


# --------------------------------------------------------------------------- variables


@dataclass(frozen=True)
class Var:
    """One environment variable: declared once, as a field of a settings dataclass."""

    name: str
    kind: Kind
    default: Any
    doc: str
    secret: bool = False
    # How the default reads in the table (default: the default value itself).
    default_doc: Optional[str] = None
    # A default computed from other settings: ``derive(reader)``.
    derive: Optional[Callable[["Reader"], Any]] = None
    # Strip surrounding white space first. Secrets keep theirs (only "" counts as unset).
    strip: bool = True
    # Processes that refuse to start without it in production (COMPANION_ENV=production).
    production: Tuple[str, ...] = ()

    def default_text(self) -> str:
        if self.default_doc is not None:
            return self.default_doc
        if self.default is None or self.default == "" or self.default == ():
            return "unset"
        if isinstance(self.default, bool):
            return "`1`" if self.default else "`0`"
        if isinstance(self.default, float) and self.default.is_integer():
            return f"`{int(self.default)}`"
        return f"`{self.default}`"


def setting(
    name: str,
    kind: Kind,
    default: Any,
    doc: str,
    *,
    secret: bool = False,
    default_doc: Optional[str] = None,
    derive: Optional[Callable[["Reader"], Any]] = None,
    strip: Optional[bool] = None,
    production: Tuple[str, ...] = (),
) -> Any:
    """A dataclass field read from the environment variable ``name`` (see :class:`Var`)."""
    var = Var(
        name=name,
        kind=kind,
        default=default,
        doc=doc,
        secret=secret,
        default_doc=default_doc,
        derive=derive,
        strip=(not secret) if strip is None else strip,
        production=production,
    )
    return field(metadata={"var": var})


_DECLARED: Dict[type, Tuple[Tuple[str, Var], ...]] = {}


def variables_of(cls: type) -> Tuple[Tuple[str, Var], ...]:
    """(attribute, Var) of a settings dataclass, in declaration order."""
    if cls not in _DECLARED:
        _DECLARED[cls] = tuple((f.name, f.metadata["var"]) for f in fields(cls) if "var" in f.metadata)
    return _DECLARED[cls]


# --------------------------------------------------------------------------- reading


def shown(var: Var, raw: str) -> str:
    """A bad value as an error message may show it (never a secret's text)."""
    if var.secret:
        return f"a value of {len(raw)} characters"
    return repr(raw[:40] + ("..." if len(raw) > 40 else ""))


class Reader:
    """Typed values from one environment mapping, each parsed once; problems are collected
    (the default stands in for a bad value so reading can go on)."""

    def __init__(self, registry: Mapping[str, Var], env: Optional[Mapping[str, str]] = None) -> None:
        self.registry = registry
        self.env: Mapping[str, str] = os.environ if env is None else env
        self.values: Dict[str, Any] = {}
        self.problems: Dict[str, str] = {}

    def text(self, name: str) -> Optional[str]:
        """The raw text of our variable ``name`` as its declaration reads it; None when unset."""
        var = self.registry[name]
        raw = self.env.get(name)
        if raw is None:
            return None
        text = raw.strip() if var.strip else raw
        return text or None

    def is_set(self, name: str) -> bool:
        return self.text(name) is not None

    def value(self, name: str) -> Any:
        if name in self.values:
            return self.values[name]
        var = self.registry[name]
        text = self.text(name)
        value: Any = None
        if text is not None:
            try:
                value = var.kind.convert(text)
            except ConfigError as exc:
                self.problem(name, str(exc))
                text = None
            except (ValueError, TypeError, OverflowError):
                self.problem(name, f"{name} must be {var.kind.expected}, got {shown(var, text)}")
                text = None
        if text is None:
            value = var.derive(self) if var.derive is not None else var.default
        self.values[name] = value
        return value

    def problem(self, name: str, message: str) -> None:
        self.problems.setdefault(name, message)

    def build(self, cls: Type[G], **extra: Any) -> G:
        """An instance of the settings dataclass ``cls`` (problems collected, not raised)."""
        values = {attr: self.value(var.name) for attr, var in variables_of(cls)}
        return cls(**values, **extra)

    def require_in_production(self, names: Iterable[str]) -> None:
        """A problem for each of ``names`` that is unset while COMPANION_ENV=production."""
        if self.value("COMPANION_ENV") != "production":
            return
        for name in names:
            if not self.is_set(name):
                self.problem(name, f"{name} must be set in production mode (COMPANION_ENV=production)")

    def raise_problems(self) -> None:
        if self.problems:
            raise ConfigError(list(self.problems.values()))


# --------------------------------------------------------------------------- documentation


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def markdown_table(groups: Sequence[Tuple[str, type]]) -> str:
    """One Markdown table of every variable: a bold row per group, then its variables."""
    lines = ["| variable | type | default | description | secret |", "|---|---|---|---|---|"]
    for title, cls in groups:
        lines.append(f"| **{_cell(title)}** | | | | |")
        for _, var in variables_of(cls):
            default = var.default_text()
            if var.production:
                where = "every process" if EVERY_PROCESS in var.production else ", ".join(var.production)
                default += f"; required in production ({where})"
            lines.append(
                "| "
                + " | ".join(
                    (
                        f"`{var.name}`",
                        _cell(var.kind.label),
                        _cell(default),
                        _cell(var.doc),
                        "yes" if var.secret else "",
                    )
                )
                + " |"
            )
    return "\n".join(lines) + "\n"
