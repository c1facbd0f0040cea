"""Word specificity against a broad background, clauses, and the evidence similarity gives."""
import numpy as np

from compare.align.clause_match import clause_match, title_cover, title_words
from compare.align.features import clauses, cosine, featurize
from compare.model import Measure
from compare.text.lexicon import is_generic, quoted_names
from compare.text.normalize import normalize
from compare.text.specificity import SPECIFIC, specificity


def test_boilerplate_of_every_plan_is_not_specific():
    """联动机制 looks rare inside two documents, but it is a phrase every plan uses; 品牌 is everyday
    Chinese (jieba's general IDF)."""
    for w in ("联动机制", "办理事项", "推进", "机制", "品牌"):
        assert specificity(w) < SPECIFIC, w
    assert is_generic("联动机制") and is_generic("办理事项")


def test_named_services_are_specific():
    for w in ("住房公积金", "公积金", "慢特病", "随迁子女", "出入境", "户口迁移", "社保卡"):
        assert specificity(w) >= SPECIFIC, w


def test_a_number_names_no_subject():
    """A year or a target two measures share (2025年底前实现全覆盖 appended to unrelated measures)
    says nothing of what they are about; absent from jieba's IDF table, a number used to read as
    rare as 慢特病."""
    for w in ("2025", "80", "110"):
        assert specificity(w) == 0.0, w


def test_a_compound_of_everyday_words_is_everyday():
    """专业设置 and 公共文化 are absent from jieba's IDF table, yet made of everyday words: as specific
    as their parts, not as rare as an unknown word (慢特病)."""
    assert specificity("专业设置") < SPECIFIC < specificity("慢特病") == 1.0


def test_everyday_words_count_less_than_named_services():
    """城市 and 住房 are everyday Chinese (jieba's general IDF); 住房公积金 names a service."""
    assert specificity("城市") < specificity("住房") < specificity("住房公积金")


def test_quoted_names_are_whole():
    assert quoted_names(normalize("持续打造“巴蜀工匠”职业技能大赛品牌")) == ["巴蜀工匠"]


def test_clauses_start_with_the_title_and_keep_sentences():
    text = "推进学生信息共享。实现学籍、毕业生就业信息共享，推进教师资格证书查询互认。"
    m = Measure(id="m1", label="（一）", path=[], chapter="", title="推进学生信息共享", text=text,
                body=text)
    parts = clauses(m)
    assert parts[0] == "推进学生信息共享"
    assert "实现学籍、毕业生就业信息共享" in parts
    assert "实现学籍、毕业生就业信息共享,推进教师资格证书查询互认" in parts      # the sentence
    assert "推进学生信息共享" not in parts[1:]


def test_an_opening_that_names_the_means_is_no_clause_of_its_own():
    """依托…平台 names the means: two plans relying on one platform commit to nothing in common, so
    the opening is quoted only with the clause it opens."""
    text = "推行养老服务事项网上办理。依托全国一体化政务服务平台，推行老年人能力评估网上办理。"
    parts = clauses(Measure(id="m1", label="（一）", path=[], chapter="", title="推行养老服务事项网上办理",
                            text=text, body=text))
    assert "依托全国一体化政务服务平台" not in parts
    assert "依托全国一体化政务服务平台推行老年人能力评估网上办理" in parts


# --- features and clause matching --------------------------------------------------------------------

def measure(k, text):
    return Measure(id=f"m{k}", label=f"（{k}）", path=[], chapter="", title=text.split("。")[0], text=text,
                   body=text)


A = [measure(1, "推进住房公积金互认互贷。深入推进住房公积金跨省域转移接续和互认互贷，实现异地贷款缴存证明无纸化。"),
     measure(2, "推进跨省异地就医直接结算。拓展门诊慢特病结算范围，将恶性肿瘤放化疗、尿毒症透析纳入直接结算。"),
     measure(3, "推动体育资源互惠共享。联合打造品牌赛事，共同申办国际国内大型体育赛事。")]
B = [measure(1, "推进跨区域就医便利化。统筹推进跨省异地就医直接结算，持续拓展门诊慢特病结算范围。"),
     measure(2, "推动住房政策协同共享。支持灵活就业人员参加住房公积金制度试点，深入推进住房公积金互认互贷。")]


def test_features_share_one_vocabulary_and_idf_and_rows_are_unit_length():
    fa, fb = featurize([A, B])
    assert fa.vocab is fb.vocab and fa.idf is fb.idf
    norms = np.sqrt(np.asarray(fa.weights.multiply(fa.weights).sum(axis=1)).ravel())
    assert np.allclose(norms, 1.0)
    sim = cosine(fa, fb)
    assert sim.shape == (3, 2)
    assert sim[0].argmax() == 1 and sim[1].argmax() == 0       # each finds its own subject
    assert sim[2].max() < min(sim[0, 1], sim[1, 0])           # the unrelated one scores low


def test_idf_counts_every_measure_of_both_documents():
    """A word in every measure counts least: the IDF is over all measures of both groups."""
    fa, _ = featurize([A, B])
    col = fa.vocab
    assert fa.idf[col["w:公积金"]] < fa.idf[col["w:尿毒症"]]


def test_a_subset_of_features_is_those_rows_on_the_same_scale():
    fa, fb = featurize([A, B])
    sub = fa.subset([2, 0])
    assert np.allclose(cosine(sub, fb), cosine(fa, fb)[[2, 0]])
    assert sub.units.texts[: sub.units.offsets[1]] == fa.units.texts[fa.units.offsets[2]:fa.units.offsets[3]]


def test_clause_match_finds_the_restated_commitment():
    fa, fb = featurize([A, B])
    ii, jj = np.array([0, 1, 2]), np.array([1, 0, 0])
    best, pa, pb, shared = clause_match(fa.units, fb.units, ii, jj)
    assert fa.units.texts[pa[0]] == "推进住房公积金互认互贷"
    assert fb.units.texts[pb[0]] == "深入推进住房公积金互认互贷"
    assert best[0] > 0.9 and best[1] > 0.5
    assert pa[2] == -1 and best[2] == 0.0                      # 体育 vs 就医: no clause shares a specific word
    assert shared[0] > shared[2]


def test_clauses_equal_but_for_rounding_tie_and_the_first_is_cited():
    """Two clauses both shared word for word score 1.0 apart only by the order a sparse product
    summed in: a tie, and the first clause is the one cited, however the sums rounded."""
    from compare.align.clause_match import _best_clauses
    one, nearly = 1.0, 1.0 - 2 ** -52
    block = np.array([[nearly], [one],         # cosines of A's two clauses with B's one clause
                      [1.0], [1.0],            # both share a specific token
                      [0.5], [0.5]])           # shared specific mass
    out = (np.zeros(1), np.full(1, -1), np.full(1, -1), np.zeros(1))
    _best_clauses(block, 0, 10, np.array([1]), np.array([7]), out)
    assert out[1][0] == 10 and out[2][0] == 7 and out[0][0] == 1.0


def test_tf_idf_rows_are_scaled_as_a_diagonal_product_would():
    """The column scaling the features make themselves (no `sparse.diags`, which imports numpy.ma):
    the same numbers and zeros dropped."""
    from scipy import sparse

    from compare.align.features import _scale_columns
    m = sparse.csr_matrix(np.array([[1.0, 2.0, 0.0], [0.0, 3.0, 4.0]]))
    factor = np.array([2.0, 0.0, 0.5])
    got = _scale_columns(m, factor)
    assert np.array_equal(got.toarray(), (m @ sparse.diags(factor)).toarray())
    assert got.nnz == 2 and np.array_equal(m.toarray(), [[1.0, 2.0, 0.0], [0.0, 3.0, 4.0]])


def test_a_quoted_scheme_covers_a_title_only_with_what_it_is_applied_to():
    """推进社保卡"一卡通" is about 社保卡: 电子健康卡一卡通 runs the same scheme for another card, so
    the name found there does not cover the title; where 社保卡 is said too, it does."""
    a = [measure(1, "推进社保卡“一卡通”。推动社会保障卡在交通出行、文化体验等领域一卡通用。")]
    b = [measure(1, "推进电子健康档案共享。推动居民电子健康档案跨区域调阅，实现电子健康卡“一卡通”。"),
         measure(2, "拓展社保卡应用。推动社保卡“一卡通”在就医购药中应用。")]
    fa, fb = featurize([a, b])
    ii, jj = np.array([0, 0]), np.array([0, 1])
    cover = title_cover(a, b, title_words(a, fa), title_words(b, fb), ii, jj)
    assert cover[0] < 0.6 <= cover[1]
