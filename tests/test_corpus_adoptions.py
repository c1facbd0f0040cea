"""compare.corpus adoptions: a jurisdiction's course through its editions, a family left out of
an edition and taken up again included."""
import compare

MEASURES = {1: "（一）推进义务教育学籍档案跨省互认，实现随迁子女入学材料一次提交，简化转学手续。",
            2: "（二）推进养老保险关系转移接续网上办理，压缩办理时限至十个工作日，实现全程网办。",
            3: "（三）建设区域公共图书馆通借通还平台，实现读者证一证通用，推动数字资源共享。"}


def test_an_edition_that_leaves_a_family_out_reads_dropped_in_its_course(tmp_path):
    editions = {2023: (1, 2, 3), 2024: (1, 2), 2025: (1, 2, 3)}
    for year, kept in editions.items():
        body = "\n".join(MEASURES[k] for k in kept)
        (tmp_path / f"{year}.txt").write_text(f"某市{year}年公共服务工作要点\n{body}\n", encoding="utf-8")
    (tmp_path / "meta.csv").write_text("file,jurisdiction,date\n" + "".join(
        f"{y}.txt,某市,{y}-03-01\n" for y in editions), encoding="utf-8")
    r = compare.corpus([tmp_path / f"{y}.txt" for y in editions], meta=tmp_path / "meta.csv", workers=1)
    a = r.adoptions.set_index("family")
    library = r.measures[r.measures.label == "（三）"].family.unique()
    assert len(library) == 1 and len(a) == 3
    row = a.loc[library[0]]
    assert row.editions == 2 and row.course.startswith("2023 new; 2024 dropped; 2025 ")
    assert all("dropped" not in a.loc[f].course for f in a.index if f != library[0])
