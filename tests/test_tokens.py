"""Words: jieba segmentation behind `segment.cut` (the lazily loaded dictionary cuts exactly as
the full one) and the tokens matching counts (`tokens.words`, specificity)."""
import logging
import subprocess
import sys

from conftest import INPUTS, ROOT

from compare.api import load_all
from compare.text import words as segment
from compare.text.lexicon import bigrams
from compare.text.words import words


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


def test_domain_terms_are_kept_whole():
    assert "门诊慢特病" in segment.domain_terms()
    assert "门诊慢特病" in segment.cut("简化高血压、糖尿病等门诊慢特病跨省异地就医直接结算程序")


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
