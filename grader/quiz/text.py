"""Reading an answer's words the way a TA does: notation spelled out, words stemmed, ideas per clause.

A TA reads "LR ↓ → slow", "$\\eta$ too small: slow convergence" and "training crawls if the learning
rate is tiny" as one idea. This module turns an answer into clauses of stemmed words after spelling
out the notation the quiz file declares (``η`` → learning rate, ``∇`` → gradient, ``LR`` → learning
rate, LaTeX commands as their names), and matches the quiz file's phrases against it:

- ``"step size"``: the words together, anywhere;
- ``"too small ... slow"``: each part somewhere in the *same clause*, in any order ("slow if too
  small" is the same idea). Where a part names one side of a declared pair of opposites (small /
  large), the other parts must be nearer to it than to a word of the other side, so "too small:
  slow, too large: diverges" pairs small with slow and large with diverges, never small with
  diverges;
- ``"input >> output"``: like ``...``, but in this order ("from the input to the output" is not
  "from the output back to the input");
- ``"initiali*"``: any word starting so.

Stemming is Snowball's English stemmer (``converges``, ``converging`` → ``converg``), after British
spellings are folded into American ones (``initialise`` → ``initialize``); a slip of the keyboard in
a long word is forgiven (Damerau–Levenshtein distance, rapidfuzz).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from rapidfuzz.distance import DamerauLevenshtein

_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_STARRED = re.compile(r"[^\W_]+(?:['’][^\W_]+)?\*?")  # a phrase's words, "initiali*" kept whole
#: Sentence ends (not the point of "0.01" or "e.g."), semicolons, line breaks and arrows' neighbours
#: stay in one clause; a new conditional or contrast after a comma starts another.
_SENTENCE = re.compile(r"(?<![0-9a-z]\.[a-z])(?<!\d)[.!?](?!\d)|[;\n]|\s\|\s")
_CLAUSE = re.compile(r",\s*(?=(?:and\s+|but\s+)?(?:if|when|whereas|while|otherwise|on the other hand)\b)", re.I)
_LATEX_COMMAND = re.compile(r"\\([a-zA-Z]+)")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_BRITISH = re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|er|ers)$")


@dataclass(frozen=True, slots=True)
class Token:
    word: str
    stem: str
    clause: int  # index of the clause the word is in


@dataclass(frozen=True, slots=True)
class Text:
    """An answer as the matcher sees it: its tokens and the text of each clause."""

    tokens: tuple[Token, ...]
    clauses: tuple[str, ...]
    #: word → where it occurs; patterns are tried once per distinct word, not per token
    by_word: dict[str, list[int]] = field(default_factory=dict, compare=False, hash=False)
    by_stem: dict[str, list[int]] = field(default_factory=dict, compare=False, hash=False)
    sorted_words: list[str] = field(default_factory=list, compare=False, hash=False)
    matches: dict[str, frozenset[int]] = field(default_factory=dict, compare=False, hash=False)

    @property
    def words(self) -> list[str]:
        return [token.word for token in self.tokens]


@dataclass(frozen=True, slots=True, eq=False)
class Vocabulary:
    """What the quiz file declares about words: notation to spell out and pairs of opposites."""

    symbols: dict[str, str]  # lower-cased form that is not one word → term
    symbol_pattern: re.Pattern[str] | None  # all of them, longest first
    words: dict[str, str]  # lower-cased alphanumeric form → term
    word_pattern: re.Pattern[str] | None
    sides: dict[str, int]  # stem → its side of the declared opposites: 2·pair, or 2·pair + 1

    def side(self, stem: str) -> int | None:
        """Which declared side a word is on (sides 2k and 2k + 1 are the two of pair k), else None."""
        return self.sides.get(stem)


def vocabulary(
    notation: Iterable[tuple[str, Sequence[str]]], opposites: Iterable[Sequence[Sequence[str]]]
) -> Vocabulary:
    sides = {
        stem(word): 2 * pair + which
        for pair, both in enumerate(opposites)
        for which, words in enumerate(both)
        for word in words
    }
    forms = [(form, term) for term, variants in notation for form in variants]
    symbols = {form.lower(): term for form, term in forms if not _is_word(form)}
    alternatives = [
        # several words (or a dotted abbreviation) match whole; a symbol or Chinese term anywhere
        rf"(?<![\w]){re.escape(form)}(?![\w])"
        if re.fullmatch(r"[\w ./'-]+", form) and not _CJK.search(form)
        else re.escape(form)
        for form in sorted(symbols, key=len, reverse=True)
    ]
    words = {form.lower(): term for form, term in forms if _is_word(form)}
    pattern = (
        re.compile(r"(?<![\w])(" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")(?![\w])", re.I)
        if words
        else None
    )
    return Vocabulary(
        symbols=symbols,
        symbol_pattern=re.compile("|".join(alternatives), re.I) if alternatives else None,
        words=words,
        word_pattern=pattern,
        sides=sides,
    )


def _is_word(form: str) -> bool:
    """One word of a language that separates its words (Chinese doesn't: its forms are replaced anywhere)."""
    return form.isalnum() and not _CJK.search(form)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    word = word.lower().replace("’", "'")
    return str(_STEMMER.stemWord(_BRITISH.sub(r"iz\1", word)))


@lru_cache(maxsize=2048)
def spell_out(text: str, vocabulary: Vocabulary) -> str:
    """The answer with notation replaced by the words it stands for (``η`` → ``learning rate``).

    Kept per text: scoring one answer asks for it several times (concepts, meaning), and the symbol
    pattern is an alternation of every notation the quiz declares, tried at each character."""
    text = text.replace("’", "'")
    if vocabulary.symbol_pattern is not None:  # before LaTeX commands lose their backslash: "\ll" is a symbol
        symbols = vocabulary.symbols
        text = vocabulary.symbol_pattern.sub(lambda match: f" {symbols[match.group(0).lower()]} ", text)
    text = _LATEX_COMMAND.sub(r" \1 ", text).replace("$", " ")
    if vocabulary.word_pattern is not None:
        words = vocabulary.words
        text = vocabulary.word_pattern.sub(lambda match: words[match.group(1).lower()], text)
    return text


def read(text: str, vocabulary: Vocabulary) -> Text:
    """Tokens and clauses of an answer, notation spelled out."""
    tokens: list[Token] = []
    clauses: list[str] = []
    for sentence in _SENTENCE.split(spell_out(text, vocabulary)):
        for clause in _CLAUSE.split(sentence):
            words = [word.lower() for word in _WORD.findall(clause)]
            if not words:
                continue
            number = len(clauses)
            clauses.append(clause.strip())
            tokens.extend(Token(word, stem(word), number) for word in words)
    by_word: dict[str, list[int]] = {}
    by_stem: dict[str, list[int]] = {}
    for index, token in enumerate(tokens):
        by_word.setdefault(token.word, []).append(index)
        by_stem.setdefault(token.stem, []).append(index)
    return Text(
        tokens=tuple(tokens), clauses=tuple(clauses), by_word=by_word, by_stem=by_stem, sorted_words=sorted(by_word)
    )


@dataclass(frozen=True, slots=True)
class Match:
    phrase: str
    clause: int
    start: int  # index of the first token of the match
    end: int  # one past the last token


def find(text: Text, phrase: str, vocabulary: Vocabulary) -> Match | None:
    """The first place where ``phrase`` (syntax in the module docstring) is expressed, if any."""
    parts = _parts(phrase, vocabulary)
    occurrences = [_occurrences(text, part, vocabulary) for part in parts]
    if not all(occurrences):
        return None
    if len(parts) == 1:
        start = occurrences[0][0]
        return Match(phrase, text.tokens[start].clause, start, start + len(parts[0]))
    for clause in sorted({text.tokens[start].clause for start in occurrences[0]}):
        chosen = []
        for part, starts in zip(parts, occurrences, strict=False):
            here = [start for start in starts if text.tokens[start].clause == clause]
            if not here:
                break
            chosen.append([(start, start + len(part)) for start in here])
        else:
            ordered = ">>" in phrase
            for combination in _combinations(chosen):
                if ordered and any(later[0] < earlier[1] for earlier, later in itertools.pairwise(combination)):
                    continue
                if _paired(text, combination, vocabulary):
                    return Match(phrase, clause, min(s for s, _ in combination), max(e for _, e in combination))
    return None


@lru_cache(maxsize=4096)
def _parts(phrase: str, vocabulary: Vocabulary) -> list[tuple[str, ...]]:
    """A phrase's parts as the answer's tokens would read them (notation spelled out, ``*`` kept)."""
    parts = []
    for part in re.split(r"\.\.\.|>>", phrase):
        tokens = [word.lower() for word in _STARRED.findall(spell_out(part, vocabulary))]
        if tokens:
            parts.append(tuple(tokens))
    return parts


def _occurrences(text: Text, part: tuple[str, ...], vocabulary: Vocabulary) -> list[int]:
    """Where the part's words occur in a row."""
    sets = [_positions(text, pattern, vocabulary) for pattern in part]
    return sorted(start for start in sets[0] if all(start + k in sets[k] for k in range(1, len(part))))


def _positions(text: Text, pattern: str, vocabulary: Vocabulary) -> frozenset[int]:
    """Where a phrase's word matches: the same word or stem, a ``prefix*``, the same side of a pair of
    opposites (big = large), or a misspelling of a long word ("derivitive", "oposite")."""
    found = text.matches.get(pattern)
    if found is not None:
        return found
    hits: set[int] = set()
    if pattern.endswith("*"):
        prefix = pattern[:-1]
        for word in _starting(text, prefix[:2]):  # a slip is forgiven after the first two letters
            if word.startswith(prefix) or (len(word) > len(prefix) and _misspelt(word[: len(prefix)], prefix)):
                hits.update(text.by_word[word])
    else:
        root = stem(pattern)
        side = vocabulary.side(root)
        if side is not None:
            for token_stem, indexes in text.by_stem.items():
                if vocabulary.side(token_stem) == side:
                    hits.update(indexes)
        else:
            hits.update(text.by_word.get(pattern, ()))
            hits.update(text.by_stem.get(root, ()))
            if len(pattern) >= 6:
                for word in _starting(text, pattern[:2]):
                    if abs(len(word) - len(pattern)) <= 2 and _misspelt(word, pattern):
                        hits.update(text.by_word[word])
    found = frozenset(hits)
    text.matches[pattern] = found
    return found


def _starting(text: Text, prefix: str) -> list[str]:
    """The answer's distinct words that start with ``prefix``."""
    words = text.sorted_words
    start = bisect.bisect_left(words, prefix)
    end = bisect.bisect_left(words, prefix + "\U0010ffff", start)
    return words[start:end]


@lru_cache(maxsize=262144)
def _misspelt(word: str, intended: str) -> bool:
    """One slip (two in words of nine letters or more) in a word of six letters or more."""
    if len(intended) < 6 or abs(len(word) - len(intended)) > 2 or word[:1] != intended[:1]:
        return False
    return bool(
        DamerauLevenshtein.distance(word, intended, score_cutoff=2 if len(intended) >= 9 else 1)
        <= (2 if len(intended) >= 9 else 1)
    )


def _combinations(chosen: list[list[tuple[int, int]]], limit: int = 256) -> Iterable[list[tuple[int, int]]]:
    """Every way of picking one occurrence per part (bounded: a clause is short)."""
    combos: list[list[tuple[int, int]]] = [[]]
    for options in chosen:
        combos = [[*combo, option] for combo in combos for option in options][:limit]
    return combos


def _paired(text: Text, spans: list[tuple[int, int]], vocabulary: Vocabulary) -> bool:
    """Parts that name a side of a pair of opposites are the nearest such word to every other part."""
    if len({span for span in spans}) < len(spans) or _overlap(spans):
        return False
    clause = text.tokens[spans[0][0]].clause
    sided = [
        index
        for index, token in enumerate(text.tokens)
        if token.clause == clause and vocabulary.side(token.stem) is not None
    ]
    for span in spans:
        for position in range(*span):
            side = vocabulary.side(text.tokens[position].stem)
            if side is None:
                continue
            pair = side // 2
            rivals = [index for index in sided if (vocabulary.side(text.tokens[index].stem) or 0) // 2 == pair]
            for other in spans:
                if other == span:
                    continue
                nearest = _cause_of(rivals, other)
                if vocabulary.side(text.tokens[nearest].stem) != side:
                    return False
    return True


def _cause_of(sided: list[int], span: tuple[int, int]) -> int:
    """The side word a part belongs to: the nearest one before it ("too small: slow, too large:
    diverges"), or, with none before it, the nearest after it ("slow when it is too small")."""
    inside = [index for index in sided if span[0] <= index < span[1]]
    before = [index for index in sided if index < span[0]]
    return inside[0] if inside else max(before) if before else min(sided)


def _overlap(spans: list[tuple[int, int]]) -> bool:
    ordered = sorted(spans)
    return any(later[0] < earlier[1] for earlier, later in itertools.pairwise(ordered))
