"""Undo the disguises people type crisis words in: leetspeak ("k1ll"), spaced letters ("k m s"),
"*" for a letter ("s**cide") and one- or two-letter typos of key words ("sucide", "myslef").

Used on the crisis view of a message only (see :func:`bot.safety.text.clean_text`)."""

from __future__ import annotations

import re
from typing import List

# Words whose typos we correct (crisis text only). Real English words that sit within
# the edit distance of a key word are protected.
FUZZY_KEYS = (
    "suicide",
    "suicidal",
    "suicides",
    "myself",
    "herself",
    "himself",
    "yourself",
    "themselves",
    "overdose",
    "overdosed",
    "overdosing",
    "goodbye",
    "goodbyes",
    "lethal",
    "stockpiling",
    "stockpile",
    "unalive",
    "hanging",
)


FUZZY_PROTECT = frozenset(
    {
        "overdone",
        "overdue",
        "overlord",
        "overrode",
        "overdo",
        "suicides",
        "myself",
        "herself",
        "himself",
        "itself",
        "yourself",
        "ourself",
        "themself",
        "goodbye",
        "goodbyes",
        "good bye",
        "mysore",
        "lethal",
        "petal",
        "metal",
        "legal",
        "hanging",
        "banging",
        "changing",
        "ranging",
        "hinging",
        "having",
        "stockpile",
        "unalike",
        "aerosol",
        "suite",
        "outside",
        "inside",
        "subside",
        "himselfs",
        "thyself",
        "overdrive",
        "overdose",
        "overdosed",
        "overdosing",
    }
)


LEET = {"1": "i", "3": "e", "0": "o", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}


LEET_TOKEN = re.compile(r"[a-z0-9@$!*]+")


SPACED_LETTERS = re.compile(r"\b(?:[a-z][ .]){2,}[a-z]\b")


SPACED_KEYS = frozenset({"kms", "kys", "ctb", "suicide", "suicidal", "die", "kill", "killmyself", "sh"})


def damerau_leq(a: str, b: str, limit: int) -> bool:
    """True when the optimal-string-alignment distance of a and b is <= limit ('*' in a matches anything)."""
    la, lb = len(a), len(b)
    if abs(la - lb) > limit:
        return False
    prev2: List[int] = []
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        row_min = cur[0]
        for j in range(1, lb + 1):
            cost = 0 if (a[i - 1] == b[j - 1] or a[i - 1] == "*") else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            if v < row_min:
                row_min = v
        if row_min > limit:
            return False
        prev2, prev = prev, cur
    return prev[lb] <= limit


def fuzzy_token(tok: str) -> str:
    n = len(tok)
    if n < 5 or n > 13 or tok in FUZZY_PROTECT:
        return tok
    for key in FUZZY_KEYS:
        if tok == key:
            return tok
        limit = 1 if len(key) <= 7 else 2
        if abs(len(key) - n) > limit:
            continue
        if tok[0] != key[0] and tok[0] != "*" and tok[1:3] != key[1:3]:
            continue
        if damerau_leq(tok, key, limit):
            return key
    return tok


def deleet(text: str) -> str:
    def fix(m: "re.Match[str]") -> str:
        tok = m.group(0)
        if not any(c.isalpha() for c in tok) or tok.isalpha():
            return tok
        if any(c.isdigit() for c in tok) and sum(c.isalpha() for c in tok) < 2:
            return tok  # "38c", "b4", "2nite" and numbers stay
        if re.search(r"\d\d$", tok) or re.match(r"^\d\d", tok):
            return tok  # "ld50", "b12", "covid19", "5fu"
        chars = list(tok)
        for i, c in enumerate(chars):
            if c in LEET:
                left = i > 0 and chars[i - 1].isalpha()
                right = i + 1 < len(chars) and (chars[i + 1].isalpha() or chars[i + 1] in LEET)
                if (left and right) or (i == 0 and right and c in "$@"):
                    chars[i] = LEET[c]
                elif left and i + 1 < len(chars) and chars[i + 1] == "*":
                    chars[i] = LEET[c]
        return "".join(chars)

    return LEET_TOKEN.sub(fix, text)


def join_spaced(text: str) -> str:
    def fix(m: "re.Match[str]") -> str:
        joined = re.sub(r"[ .]", "", m.group(0))
        return joined if joined in SPACED_KEYS else m.group(0)

    return SPACED_LETTERS.sub(fix, text)
