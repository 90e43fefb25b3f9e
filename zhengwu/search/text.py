"""Chinese text helpers shared by indexing, querying and result display.

normalize(): 繁→简 (OpenCC t2s), NFKC (full-width → half-width), lower case.
index_tokens(): rjieba search mode (the full word plus its dictionary sub-words), used at index time.
query_terms(): rjieba precise mode, used at query time: a query word matches because search-mode
indexing emitted it.  compact(): the text stripped to letters and digits, used to verify phrases.
highlight(): an escaped excerpt with the matched terms wrapped in <mark>.
"""

import functools
import re
import unicodedata

import opencc
import rjieba
from django.utils.html import escape

_WORD = re.compile(r"[^\W_]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
MAX_TOKEN_LENGTH = 60


@functools.lru_cache(maxsize=1)
def _t2s():
    return opencc.OpenCC("t2s")


def normalize(text):
    """Simplified, NFKC-folded, lower-cased text (same length rules for index and query)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    return _t2s().convert(text).lower()


def _clean(words):
    for word in words:
        for part in _WORD.findall(word):
            if len(part) <= MAX_TOKEN_LENGTH:
                yield part


def index_tokens(text):
    """Tokens to index, in text order: jieba search mode over the normalised text."""
    text = normalize(text)
    return list(_clean(rjieba.cut_for_search(text))) if text else []


def query_terms(q):
    """Distinct terms of a query string in order: jieba precise mode over the normalised query."""
    q = normalize(q)
    seen = []
    for term in _clean(rjieba.cut(q)) if q else []:
        if term not in seen:
            seen.append(term)
    return seen


def compact(text, normalized=False):
    """Letters and digits only: phrase verification compares compact strings (adjacency ignoring spaces)."""
    return "".join(_WORD.findall(text if normalized else normalize(text)))


def split_query(q):
    """Split a raw query string into (plain text, [phrases]) on double quotes (ASCII or “”)."""
    q = (q or "").replace("“", '"').replace("”", '"').replace("＂", '"')
    parts = q.split('"')
    plain = " ".join(parts[0::2]).strip()
    phrases = [p.strip() for p in parts[1::2] if p.strip()]
    return plain, phrases


def _normalized_with_offsets(text):
    """(normalised text, offsets) where offsets[i] is the index in `text` of normalised char i."""
    chars, offsets = [], []
    for i, ch in enumerate(text):
        folded = unicodedata.normalize("NFKC", ch).lower()
        chars.append(folded)
        offsets.extend([i] * len(folded))
    folded = "".join(chars)
    converted = _t2s().convert(folded)
    if len(converted) != len(folded):  # rare: fall back to per-character conversion
        converted = "".join(c if len(_t2s().convert(c)) != 1 else _t2s().convert(c) for c in folded)
    return converted, offsets


def highlight(text, query, length=160):
    """An HTML-safe excerpt of `text` of about `length` characters around the best match of `query`,
    with every matched term wrapped in <mark>. Returns "" for empty text."""
    text = re.sub(r"\s+", " ", str(text or "")).strip()
    if not text:
        return ""
    plain, phrases = split_query(query if isinstance(query, str) else getattr(query, "query_string", ""))
    terms = set(query_terms(plain))
    for phrase in phrases:
        terms.update(query_terms(phrase))
        terms.add(normalize(phrase))
    terms = sorted((t for t in terms if t), key=len, reverse=True)
    folded, offsets = _normalized_with_offsets(text)
    spans = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            spans.append((offsets[start], offsets[start + len(term) - 1] + 1))
            start = folded.find(term, start + len(term))
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    # Window: the one holding the most matches, starting a little before its first match.
    window_start = 0
    if merged and len(text) > length:
        best, best_count = merged[0][0], 0
        for i, (start, _end) in enumerate(merged):
            count = sum(1 for s, e in merged[i:] if e <= start + length)
            if count > best_count:
                best, best_count = start, count
        window_start = max(0, min(best - length // 5, len(text) - length))
        # Never cut a highlighted word in two at the window's edge.
        window_start = next((start for start, end in merged if start < window_start < end), window_start)
    window_end = min(len(text), window_start + length)
    out, pos = [], window_start
    for start, end in merged:
        if end <= window_start or start >= window_end:
            continue
        start, end = max(start, window_start), min(end, window_end)
        out.append(escape(text[pos:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        pos = end
    out.append(escape(text[pos:window_end]))
    return ("…" if window_start > 0 else "") + "".join(out) + ("…" if window_end < len(text) else "")
