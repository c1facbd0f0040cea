"""Word segmentation: jieba, behind `cut(text)`, and the tables of jieba's the lexicon reads.

Everything that knows jieba's internals lives here, because start-up is what a short run pays
for: jieba's 350,000-word prefix dictionary takes ~1 s to load whole, so it is read from a
sharded cache built once in ~/.cache/policy-compare/ (only the entries the text being cut can
look up are unpacked), and jieba is imported without pkg_resources (~0.2 s). Segmentation is
jieba's own code on the same frequencies, so `cut` gives exactly the words of full jieba
(`cut_with_full_dictionary` is that reference; a property test holds them equal).

Interface: `cut`, `jieba_idf` (jieba's general-Chinese IDF table, cached the same way),
`jieba_tags` (the part-of-speech tags the lexicon reads), `clear_cache` (for benchmarks that time
segmentation from scratch). Which words count, and how, is `text.lexicon`'s business.
"""
from __future__ import annotations

import array
import contextlib
import hashlib
import logging
import marshal
import mmap
import os
import sys
from functools import lru_cache
from pathlib import Path

from compare.cache import cache_dirs, cached_table, prune, write_atomic

_SHARDS_VERSION = 7
_IDF_VERSION = 1
_TAGS_VERSION = 7           # 5: measure words (q) tagged too; 6: position words (f); 7: verbs (v)


def cut(text: str) -> list[str]:
    """jieba's words of `text` (HMM off), single characters and punctuation included, so the
    pieces join back to the text — the same list as `jieba.lcut(text, HMM=False)`. jieba cuts each run of Chinese characters, letters and digits on its own, so
    runs are cut once each and remembered: a clause, its sentence and its measure share them."""
    split = _jieba().re_han_default.split
    out: list[str] = []
    for block in split(text):
        if block:
            out.extend(_block(block))
    return out


@lru_cache(maxsize=1 << 17)
def _block(block: str) -> tuple[str, ...]:
    return tuple(_tokenizer().cut(block, HMM=False))


@lru_cache(maxsize=1 << 14)
def unknown_words(chars: str) -> tuple[str, ...]:
    """Words in a run of characters jieba's dictionary knows only one by one (门诊/慢/特/病 →
    慢特病, 中/度/失/能 → 中度 失能), found by jieba's own HMM of unknown words (`jieba.finalseg`,
    trained by jieba's authors on the People's Daily corpus)."""
    _jieba()
    import jieba.finalseg  # loaded with jieba already; named here as the source of the rule
    return tuple(jieba.finalseg.cut(chars))


def known_parts(word: str) -> list[str]:
    """How jieba would cut `word` if it were not a word itself: its parts of two or more
    characters (职业技能 → 职业, 技能; 应急救援 → 应急, 救援; 社保卡 → 社保)."""
    tk = _tokenizer()
    dag = {k: [e for e in ends if (k, e) != (0, len(word) - 1)] or [k] for k, ends in tk.get_DAG(word).items()}
    route: dict = {}
    tk.calc(word, dag, route)
    parts, k = [], 0
    while k < len(word):
        e = route[k][1]
        if e > k:
            parts.append(word[k:e + 1])
        k = e + 1
    return parts


def cut_with_full_dictionary(text: str) -> list[str]:
    """The reference `cut` must equal: jieba's own tokenizer on its whole dictionary (slow to
    load; for tests and checks)."""
    return _full_tokenizer().lcut(text, HMM=False)


def clear_cache() -> None:
    """Forget the words of every text cut so far (the dictionary stays loaded)."""
    _block.cache_clear()
    unknown_words.cache_clear()


# --- loading jieba ------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _jieba():
    """Import jieba without pkg_resources (~0.2 s): jieba._compat then falls back to plain open().
    The block is undone at once, so nothing else in the process is affected."""
    blocked = "pkg_resources" not in sys.modules and "jieba" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None        # makes `import pkg_resources` raise ImportError
    try:
        import jieba  # lazy: its dictionary takes ~0.6 s; text already cut is served from the shards
    finally:
        if blocked and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


@contextlib.contextmanager
def _quiet(jieba):
    """jieba logs every dictionary load at DEBUG level to stderr: silenced while we load one,
    and its logger's level restored after (a program that uses jieba itself keeps its setting)."""
    logger = logging.getLogger("jieba")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


@lru_cache(maxsize=1)
def _tokenizer():
    """jieba with the domain terms, on the sharded cache (built on first use); jieba's full
    dictionary when no cache can be read or written."""
    jieba = _jieba()
    try:
        shards = _load_shards(jieba)
    except Exception:  # noqa: BLE001 -- no usable cache: the full dictionary is just slower
        shards = None
    if shards is not None:
        return _lazy_class(jieba)(*shards)
    return _full_tokenizer()


@lru_cache(maxsize=1)
def _full_tokenizer():
    jieba = _jieba()
    tk = jieba.Tokenizer()
    with _quiet(jieba):
        tk.initialize()
    return tk


# --- the sharded prefix-dictionary cache ------------------------------------------------------------
# jieba only ever looks up substrings of the text it cuts, so the dictionary entries (words and
# prefixes) that start with the text's character bigrams answer every lookup exactly. The cache
# holds them grouped by their first two characters; a run unpacks the groups its texts need.
# File layout: _MAGIC, the header's length (8 bytes, little-endian), the header — marshal of
# (version, key, total, singles, chars, size) — then `size` bytes of data. `singles` maps every
# one-character entry to its frequency; chars[c] = (offset, length) in the data of a marshal
# (seconds, spans): the k-th character d of `seconds` has its group — a marshal {entry:
# frequency} of the entries starting with c + d — at offset spans[2k], length spans[2k + 1] of the
# data (64-bit integers, this machine's order). Only the groups a text needs are unpacked: a
# string and a byte string load far faster than a dict of the same offsets.

def _dictionary_path(jieba) -> str:
    return os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)


def _shards_key(jieba) -> str:
    dict_path = _dictionary_path(jieba)
    st = os.stat(dict_path)
    raw = (f"{_SHARDS_VERSION}|{sys.version_info[:2]}|{jieba.__version__}|{dict_path}|{st.st_size}|"
           f"{st.st_mtime_ns}")                                # marshal's format follows Python's
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()


def _load_shards(jieba):
    """(total, singles, shards) from the cache, building the cache first if there is none."""
    key = _shards_key(jieba)
    name = f"jieba-shards-{key[:16]}.bin"
    for d in cache_dirs():
        try:
            found = _open_shards(d / name, key)
        except Exception:  # noqa: BLE001 -- unreadable or damaged: try the next, then build
            found = None
        if found is not None:
            return found
    payload = _shards_file(key)
    for d in cache_dirs():
        if write_atomic(d / name, payload):
            prune(d, "jieba-shards-*", keep=4)
            found = _open_shards(d / name, key)
            if found is not None:
                return found
    return _read_header(payload, key)


_MAGIC = b"compare-jieba-shards\n"


def _shards_file(key: str) -> bytes:
    tk = _full_tokenizer()
    singles: dict[str, int] = {}
    nested: dict[str, dict[str, dict[str, int]]] = {}
    for w, f in tk.FREQ.items():
        if len(w) == 1:
            singles[w] = f
        else:
            nested.setdefault(w[0], {}).setdefault(w[1], {})[w] = f
    data: list[bytes] = []
    at = 0
    chars = {}

    def put(blob: bytes) -> tuple[int, int]:
        nonlocal at
        data.append(blob)
        at += len(blob)
        return at - len(blob), len(blob)

    for c, sub in nested.items():
        seconds = "".join(sub)
        spans = array.array("q", [x for d in seconds for x in put(marshal.dumps(sub[d]))])
        chars[c] = put(marshal.dumps((seconds, spans.tobytes())))
    header = marshal.dumps((_SHARDS_VERSION, key, tk.total, singles, chars, at))
    return b"".join([_MAGIC, len(header).to_bytes(8, "little"), header, *data])


def _open_shards(path: Path, key: str):
    """(total, singles, shards) of a cache file made for `key`, or None (missing or stale). The
    file is mapped, not read: only the header and the groups texts need are ever touched."""
    try:
        with open(path, "rb") as fh:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    found = _read_header(data, key)
    if found is None:
        data.close()
    return found


def _read_header(data, key: str):
    """(total, singles, shards) from the cache's bytes (or mapped file), or None."""
    n = len(_MAGIC)
    if data[:n] != _MAGIC:
        return None
    size = int.from_bytes(data[n:n + 8], "little")
    header = marshal.loads(data[n + 8:n + 8 + size])
    if len(header) != 6 or header[0] != _SHARDS_VERSION or header[1] != key:
        return None                 # another version's or another dictionary's cache
    _, _, total, singles, chars, data_size = header
    base = n + 8 + size
    if len(data) != base + data_size:
        return None                 # a file cut short
    return total, singles, _Shards(data, base, chars)


class _Shards:
    """The cache's groups of entries, unpacked on first use."""

    def __init__(self, data, base: int, chars: dict[str, tuple[int, int]]):
        self._data, self._base, self._chars = data, base, chars

    def table(self, c: str) -> tuple[str, array.array]:
        """(the characters d that follow c in some entry, where each group c + d lies)."""
        span = self._chars.get(c)
        if not span:
            return "", array.array("q")
        seconds, raw = marshal.loads(self._read(span[0], span[1]))
        spans = array.array("q")
        spans.frombytes(raw)
        return seconds, spans

    def entries(self, table: tuple[str, array.array], d: str) -> dict[str, int]:
        """{entry: frequency} of the entries starting with c + d ({} when there is none)."""
        k = table[0].find(d)
        if k < 0:
            return {}
        return marshal.loads(self._read(table[1][2 * k], table[1][2 * k + 1]))

    def _read(self, offset: int, length: int) -> bytes:
        at = self._base + offset
        return self._data[at:at + length]


@lru_cache(maxsize=1)
def _lazy_class(jieba):
    class _LazyTokenizer(jieba.Tokenizer):
        """A jieba.Tokenizer whose FREQ holds the one-character entries and, before each cut,
        the entries starting with a character bigram of the text being cut: every lookup jieba
        makes (DAG, route, HMM buffer, search grams) is a substring of that text, so it is
        answered as the full dictionary would answer it."""

        def __init__(self, total, singles, shards):
            super().__init__()
            self.FREQ = dict(singles)
            self.total = total
            self.initialized = True
            self._shards = shards
            self._second: dict[str, tuple[str, array.array]] = {}
            self._loaded: set[str] = set()

        def _ensure(self, sentence: str) -> None:
            grams = {sentence[k:k + 2] for k in range(len(sentence) - 1)}
            grams -= self._loaded
            if not grams:
                return
            freq, second, shards = self.FREQ, self._second, self._shards
            for g in grams:
                sub = second.get(g[0])
                if sub is None:
                    sub = second[g[0]] = shards.table(g[0])
                for w, f in shards.entries(sub, g[1]).items():
                        freq.setdefault(w, f)     # never undo an add_word made since
            self._loaded |= grams

        def get_DAG(self, sentence):
            self._ensure(sentence)
            return super().get_DAG(sentence)

        def add_word(self, word, freq=None, tag=None):
            self._ensure(word)
            return super().add_word(word, freq, tag)

        def initialize(self, dictionary=None):
            if dictionary is None and self.initialized:
                return
            super().initialize(dictionary)

    return _LazyTokenizer


# --- jieba's IDF table --------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def jieba_idf(below: float) -> dict[str, float]:
    """jieba's IDF (general Chinese, from jieba/analyse/idf.txt) of the words whose IDF is under
    `below`; {} when this jieba has no table. Parsing the file takes ~0.4 s, so the table is cached
    next to the dictionary cache, keyed by the file and `below`."""
    path = os.path.join(os.path.dirname(_jieba().__file__), "analyse", "idf.txt")
    key = _file_key(path, f"idf|{_IDF_VERSION}|{below}")
    if key is None:
        return {}

    def build() -> dict[str, float]:
        table = {}
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                w, _, v = line.rstrip("\n").partition(" ")
                try:
                    x = float(v)
                except ValueError:
                    continue
                if x < below:
                    table[w] = x
        return table
    return cached_table(f"jieba-idf-{key[:16]}.marshal", key, build)


# Tags the lexicon reads (jieba's dict.txt, from the People's Daily corpus): every one-character
# word's tag (its function characters: 的 u, 和 c, 在 p …; its one-character abbreviations of
# places: 沪 j, 渝 j …; its measure words: 户 q, 张 q …), and the place names (ns), abbreviations
# (j), measure words (q: 平方米, 公顷), position words (f: 中游, 中部, 沿海 — in a region's name
# before 城市群) and two-character person-name entries (nr, where jieba files some place
# abbreviations) among longer words.
_TAGGED = ("ns", "j", "q", "f", "v")


@lru_cache(maxsize=1)
def jieba_tags() -> dict[str, str]:
    """{word: jieba's part-of-speech tag} for the words the lexicon asks about (see above)."""
    path = _dictionary_path(_jieba())
    key = _file_key(path, f"tags|{_TAGS_VERSION}")
    if key is None:
        return {}

    def build() -> dict[str, str]:
        table = {}
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) == 3:
                    w, _, tag = parts
                    if len(w) == 1 or tag in _TAGGED or (tag == "nr" and len(w) == 2):
                        table[w] = tag
        return table
    return cached_table(f"jieba-tags-{key[:16]}.marshal", key, build)


def _file_key(path: str, what: str) -> str | None:
    """A cache key for a table made from the file at `path` (None when there is no such file)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return hashlib.sha1(f"{what}|{path}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()
