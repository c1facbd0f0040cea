"""Words: jieba segmentation behind `segment.cut` (the lazily loaded dictionary cuts exactly as
the full one) and the tokens matching counts (`tokens.words`, specificity)."""
import logging
import subprocess
import sys

from conftest import INPUTS, ROOT

from compare.api import load_all
from compare.cache import cache_dirs, cached_table
from compare.text import words as segment
from compare.text.lexicon import bigrams, words


def _bundled_texts() -> list[str]:
    return [m.text_norm for path in sorted(INPUTS.glob("*.txt")) for d in load_all(path) for m in d.measures]


def test_cut_gives_full_jiebas_words_on_every_bundled_measure():
    texts = _bundled_texts()
    assert len(texts) > 100
    assert segment._tokenizer() is not segment._full_tokenizer()     # the cached one is under test
    for t in texts:
        assert segment.cut(t) == segment.cut_with_full_dictionary(t)


def test_cut_pieces_join_back_to_the_text_and_do_not_depend_on_what_was_cut_before():
    text = "推进高铁公交化。推广跨省市公交地铁“一卡通”服务模式，持续增加毗邻地区跨省城际公交线路 2条。"
    first = segment.cut(text)
    assert "".join(first) == text
    segment.clear_cache()
    for clause in text.split("，"):
        segment.cut(clause)                    # runs remembered from other texts
    assert segment.cut(text) == first


def test_runs_of_characters_jieba_does_not_know_are_one_word():
    """慢/特/病, 失/能, 互/认: jieba knows them only character by character; joined, they meet
    their other occurrences. Function characters (等, 的, 和) never join."""
    assert "慢特病" in words("简化高血压、糖尿病等门诊慢特病跨省异地就医直接结算程序")
    assert {"失能", "互认"} <= set(words("推动长期护理保险失能等级评估结果互认"))
    assert words("甲的乙和丙") == []


def test_place_names_are_left_out_by_rule_so_regions_read_alike():
    """A place (ns), the stem of one (合肥 of 合肥市), a run of one-character place abbreviations
    (川渝, 苏皖) and what stands before 地区 / 两地 … are left out: plans of two regions read alike."""
    pairs = [("实现川渝通办", "实现苏皖通办"), ("重庆市教委、成都市教育局", "南京市教委、合肥市教育局"),
             ("推动成渝地区双城经济圈建设", "推动宁合地区双城经济圈建设"), ("四川省人力资源", "安徽省人力资源")]
    for a, b in pairs:
        assert words(a) == words(b), (a, b)
    assert words("实现川渝通办") == ["实现", "通办"]
    assert "毗邻" in words("推进毗邻地区公交")          # a word of the language before 地区 stays


def test_words_drop_punctuation_and_single_characters():
    ws = words("推进高铁公交化,在毗邻地区开行10条线路。")
    assert "高铁" in ws and "10" in ws
    assert not [w for w in ws if len(w) < 2 or w in ",。"]


def test_bigrams_stay_inside_runs_of_one_script():
    assert bigrams("e卡通,12345") == ["卡通", "12", "23", "34", "45"]


def test_loading_the_dictionary_leaves_no_process_wide_setting_behind():
    code = ("import logging, sys; from compare.text import words as segment; "
            "logging.getLogger('jieba').setLevel(logging.DEBUG); segment.cut('推进'); "
            "segment.cut_with_full_dictionary('推进'); "
            "print(logging.getLogger('jieba').level, sys.modules.get('pkg_resources', 0) is not None)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == [str(logging.DEBUG), "True"]
    assert "Building prefix dict" not in out.stderr          # jieba's loading chatter is silenced


def test_a_cut_short_or_foreign_dictionary_cache_is_not_used():
    jieba = segment._jieba()
    key = segment._shards_key(jieba)
    segment._tokenizer()                                  # a cache exists after this
    path = next(p for d in cache_dirs() if (p := d / f"jieba-shards-{key[:16]}.bin").is_file())
    data = path.read_bytes()
    total, singles, shards = segment._read_header(data, key)
    assert "推进" in shards.entries(shards.table("推"), "进") and not shards.entries(shards.table("推"), "\0")
    assert segment._read_header(data[:-1], key) is None and segment._read_header(data, "0" * 40) is None


def test_cached_tables_of_other_keys_do_not_pile_up(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPARE_CACHE_DIR", str(tmp_path))
    for k in range(7):
        assert cached_table(f"probe-table-{k:016x}.marshal", f"key{k}", lambda k=k: {"k": k})== {"k": k}
    assert len(list(tmp_path.glob("probe-table-*.marshal"))) == 4
    assert cached_table("probe-table-0000000000000006.marshal", "key6", lambda: 1 / 0) == {"k": 6}

