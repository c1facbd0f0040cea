"""Tokens for matching: jieba words (with a domain dictionary) and character bigrams.

Words catch shared concepts (门诊慢特病, 住房公积金 kept whole); bigrams catch rewordings that
split words differently. Words nearly every measure uses (推进, 实现, 两省市…) are damped here
and, per comparison, by IDF in `similarity`.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib import resources

_KEEP = re.compile(r"[\u4e00-\u9fff]|[a-z0-9]")

# Vocabulary of every plan: verbs of intent, places, boilerplate. Weighted low, never dropped.
GENERIC = frozenset("""
推进 推动 实现 加强 深化 促进 持续 逐步 进一步 完善 健全 建立 建设 开展 提升 优化 支持 鼓励 探索 强化
加快 加大 积极 有序 稳妥 不断 全面 深入 大力 统筹 协调 协同 联合 共同 共建 共享 共建共享 联动 合作 互认 互通
两省市 川渝 两地 成渝 重庆 四川 成都 省 市 重庆市 四川省 成都市 区县 各地 地区 区域 跨区域 跨省 跨省市 异地
服务 工作 机制 体系 平台 有关 相关 各类 一批 一体化 便利化 便捷 水平 能力 质量 范围 领域 方面 事项 业务
政策 制度 标准 信息 资源 管理 发展 群众 人员 单位 部门 政府 办理 提供 实施 落实 依托 围绕 聚焦 通过
建立健全 数字化 信息化 智能化 标准化 规范化 网络化 资源共享 信息共享 互联互通 提质扩面 提质 扩面 高质量 现代化
拓展 扩大 增加 形成 打造 构建 创新 改革 试点 示范 保障 应用 场景 功能 渠道 流程 手续 效率 作用 条件 需求
""".split())


@lru_cache(maxsize=1)
def domain_terms() -> frozenset[str]:
    """Terms of public-service policy (data/terms.txt): kept whole and weighted up."""
    text = resources.files("compare").joinpath("data/terms.txt").read_text(encoding="utf-8")
    return frozenset(t.strip() for t in text.splitlines() if t.strip() and not t.startswith("#"))


TERM_FREQ = 2_000_000      # jieba frequency given to each domain term: kept whole


@lru_cache(maxsize=1)
def _jieba():
    """jieba with the domain terms added; loaded once, and only when a comparison needs it.

    Start-up is what a short run pays for, so the prefix dictionary (jieba's 350,000 words, and
    the domain terms) is not loaded whole: `_LazyTokenizer` reads from a sharded cache only the
    entries that the text being cut can ever look up. Segmentation is jieba's own code on the
    same frequencies, so the words are the same as with the full dictionary.
    """
    jieba = _import_jieba()
    try:
        shards = _load_shards(jieba)
    except Exception:  # noqa: BLE001 -- no usable cache: the full dictionary is just slower
        shards = None
    if shards is not None:
        return _lazy_class(jieba)(*shards)
    return _full_tokenizer(jieba)


def _import_jieba():
    """Import jieba without pkg_resources (~0.2 s): jieba._compat falls back to plain open()."""
    import logging
    import sys

    blocked = "pkg_resources" not in sys.modules and "jieba" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None        # makes `import pkg_resources` raise ImportError
    try:
        import jieba
    finally:
        if blocked and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(logging.WARNING)
    return jieba


def _full_tokenizer(jieba):
    tk = jieba.Tokenizer()
    for term in sorted(domain_terms()):
        tk.add_word(term, freq=TERM_FREQ)
    return tk


# --- the sharded prefix-dictionary cache ------------------------------------------------------------
# One file: marshal of (version, key, total, singles, index). `singles` maps every one-character
# entry to its frequency; `index[c]` is a marshal blob of {d: blob}, and that blob a marshal of
# every entry (word or prefix) that starts with c + d. jieba only ever looks up substrings of the
# text it cuts, so the entries of the text's character bigrams answer every lookup exactly.

_SHARDS_VERSION = 1


def _shards_key(jieba) -> str:
    import hashlib
    import os
    dict_path = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    st = os.stat(dict_path)
    terms = "\n".join(sorted(domain_terms()))
    import sys
    raw = (f"{_SHARDS_VERSION}|{sys.version_info[:2]}|{jieba.__version__}|{dict_path}|{st.st_size}|"
           f"{st.st_mtime_ns}|{TERM_FREQ}|{terms}")            # marshal's format follows Python's
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()


def _cache_dirs() -> list:
    import os
    import tempfile
    from pathlib import Path
    dirs = []
    if os.environ.get("COMPARE_CACHE_DIR"):
        dirs.append(Path(os.environ["COMPARE_CACHE_DIR"]))
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    dirs.append(Path(base) / "policy-compare")
    dirs.append(Path(tempfile.gettempdir()) / f"policy-compare-{os.getuid() if hasattr(os, 'getuid') else 0}")
    return dirs


def _load_shards(jieba):
    """(total, singles, index) from the cache, building the cache first if there is none."""
    import marshal
    key = _shards_key(jieba)
    name = f"jieba-shards-{key[:16]}.marshal"
    for d in _cache_dirs():
        try:
            data = (d / name).read_bytes()
            version, k, total, singles, index = marshal.loads(data)
            if version == _SHARDS_VERSION and k == key:
                return total, singles, index
        except Exception:  # noqa: BLE001 -- missing, unreadable or stale: try the next, then build
            continue
    total, singles, index = _build_shards(jieba)
    payload = marshal.dumps((_SHARDS_VERSION, key, total, singles, index))
    for d in _cache_dirs():
        if _write_atomic(d / name, payload):
            _prune(d, keep=4)
            break
    return total, singles, index


def _prune(folder, keep: int) -> None:
    """Caches of other dictionaries (terms.txt edited, other checkouts): keep the newest few."""
    try:
        old = sorted(folder.glob("jieba-shards-*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
        for p in old[keep:]:
            p.unlink()
    except OSError:
        pass


def _build_shards(jieba):
    import marshal
    tk = _full_tokenizer(jieba)
    singles: dict[str, int] = {}
    nested: dict[str, dict[str, dict[str, int]]] = {}
    for w, f in tk.FREQ.items():
        if len(w) == 1:
            singles[w] = f
        else:
            nested.setdefault(w[0], {}).setdefault(w[1], {})[w] = f
    index = {c: marshal.dumps({d: marshal.dumps(entries) for d, entries in sub.items()})
             for c, sub in nested.items()}
    return tk.total, singles, index


def _write_atomic(path, payload: bytes) -> bool:
    import os
    import tempfile
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".part", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        return True
    except OSError:
        return False


@lru_cache(maxsize=1)
def _lazy_class(jieba):
    import marshal

    class _LazyTokenizer(jieba.Tokenizer):
        """A jieba.Tokenizer whose FREQ holds the one-character entries and, before each cut,
        the entries starting with a character bigram of the text being cut: every lookup jieba
        makes (DAG, route, HMM buffer, search grams) is a substring of that text, so it is
        answered as the full dictionary would answer it."""

        def __init__(self, total, singles, index):
            super().__init__()
            self.FREQ = dict(singles)
            self.total = total
            self.initialized = True
            self._index = index
            self._second: dict[str, dict] = {}
            self._loaded: set[str] = set()

        def _ensure(self, sentence: str) -> None:
            grams = {sentence[k:k + 2] for k in range(len(sentence) - 1)}
            grams -= self._loaded
            if not grams:
                return
            freq, second, index = self.FREQ, self._second, self._index
            for g in grams:
                sub = second.get(g[0])
                if sub is None:
                    blob = index.get(g[0])
                    sub = second[g[0]] = marshal.loads(blob) if blob else {}
                blob = sub.get(g[1])
                if blob:
                    for w, f in marshal.loads(blob).items():
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


def words(norm: str) -> list[str]:
    """jieba words of a normalised text, punctuation and single function characters dropped."""
    return list(_words(norm))


@lru_cache(maxsize=1 << 16)
def _words(norm: str) -> tuple[str, ...]:
    out = []
    for w in _jieba().lcut(norm, HMM=False):
        if len(w) > 1 and _KEEP.match(w):
            out.append(w)
    return tuple(out)


# --- how specific a word is, against a broad background ----------------------------------------------
# Rarity inside the two compared documents says little: two plans on one subject both use 联动机制 once,
# yet it is a phrase of every plan. So a word's specificity is also judged against (1) general Chinese —
# jieba's IDF table, built by jieba's authors on a large general corpus — and (2) policy text — document
# frequencies over the measures of Chinese public-service plans (data/background.tsv, made by
# scripts/make_background.py). Each gives a share in 0..1 on a log scale; specificity is their product.

GENERAL_COMMON = 5.0      # jieba IDF at or below which a word is everyday Chinese (服务 5.3, 建设 4.9)
GENERAL_RARE = 10.0       # jieba IDF at or above which a word is rare in general text (unknown words too)
_QUOTED = re.compile(r'["“”「」『』]([^"“”「」『』]{2,16})["“”「」『』]')


def is_generic(w: str) -> bool:
    """A GENERIC word, or a compound made of two GENERIC words (联动机制 = 联动 + 机制, 办理事项)."""
    if w in GENERIC:
        return True
    return any(w[:k] in GENERIC and w[k:] in GENERIC for k in range(2, len(w) - 1))


@lru_cache(maxsize=1 << 16)
def specificity(w: str) -> float:
    """0 for boilerplate, up to 1 for a word rare both in general Chinese and in policy plans:
    the product of the two rarities, each on a log scale (jieba IDF between GENERAL_COMMON and
    GENERAL_RARE; the share of plan measures using the word, from all of them to one)."""
    if is_generic(w):
        return 0.0
    idf = _general_idf().get(w, GENERAL_RARE)
    general = min(1.0, max(0.0, (idf - GENERAL_COMMON) / (GENERAL_RARE - GENERAL_COMMON)))
    n, df = _domain_df()
    domain = min(1.0, math.log((n + 1) / (df.get(w, 0) + 1)) / math.log(n + 1)) if n else 1.0
    return general * domain


def quoted_names(norm: str) -> list[str]:
    """Names in quotation marks ("巴蜀工匠", "一卡通"): a programme's name is one thing, and two
    names that share a word (巴蜀工匠 / 巴渝工匠) are still two programmes."""
    return [m.group(1) for m in _QUOTED.finditer(norm)]


@lru_cache(maxsize=1)
def _domain_df() -> tuple[int, dict[str, int]]:
    """(number of background measures, {word: how many of them use it}) from data/background.tsv."""
    try:
        text = resources.files("compare").joinpath("data/background.tsv").read_text(encoding="utf-8")
    except OSError:
        return 0, {}
    n, df = 0, {}
    for line in text.splitlines():
        if line.startswith("#"):
            if line.startswith("# measures:"):
                n = int(line.split(":", 1)[1])
            continue
        w, _, c = line.partition("\t")
        if c:
            df[w] = int(c)
    return n, df


_IDF_VERSION = 1


@lru_cache(maxsize=1)
def _general_idf() -> dict[str, float]:
    """jieba's IDF of the words that are not rare in general text (IDF < GENERAL_RARE; the others
    all count as rare). Parsing jieba/analyse/idf.txt takes ~0.4 s, so the table is cached next to
    the tokenizer's dictionary cache, keyed by the file, and only when some text needs it."""
    import hashlib
    import marshal
    import os
    jieba = _import_jieba()
    path = os.path.join(os.path.dirname(jieba.__file__), "analyse", "idf.txt")
    try:
        st = os.stat(path)
    except OSError:
        return {}                   # a jieba without the table: only the policy background is used
    key = hashlib.sha1(f"{_IDF_VERSION}|{path}|{st.st_size}|{st.st_mtime_ns}|{GENERAL_RARE}".encode()).hexdigest()
    name = f"jieba-idf-{key[:16]}.marshal"
    for d in _cache_dirs():
        try:
            k, table = marshal.loads((d / name).read_bytes())
            if k == key:
                return table
        except Exception:  # noqa: BLE001 -- missing or unreadable: try the next, then build
            continue
    table = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            w, _, v = line.rstrip("\n").partition(" ")
            try:
                x = float(v)
            except ValueError:
                continue
            if x < GENERAL_RARE:
                table[w] = x
    payload = marshal.dumps((key, table))
    for d in _cache_dirs():
        if _write_atomic(d / name, payload):
            break
    return table


def bigrams(norm: str) -> list[str]:
    """Character bigrams within runs of Chinese characters or digits/letters."""
    out = []
    for run in re.findall(r"[\u4e00-\u9fff]+|[a-z0-9]+", norm):
        out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return out
