"""The corpus's tables as pandas DataFrames (`compare.corpus(...)`'s result): the rows of
`tables` (measures, families, documents) and of `adoptions` (adopters, years, jurisdictions),
over both of them."""
from __future__ import annotations

from compare.corpus.adoptions import (
    ADOPTION_COLUMNS,
    JURISDICTION_COLUMNS,
    YEAR_COLUMNS,
    adoption_rows,
    jurisdiction_rows,
    year_rows,
)
from compare.corpus.tables import (
    DOCUMENT_COLUMNS,
    FAMILY_COLUMNS,
    MEASURE_COLUMNS,
    document_rows,
    family_rows,
    measure_rows,
)


def frames(c) -> dict:
    """measures, families, documents (and skipped: the files not read, with why) as DataFrames."""
    import pandas as pd
    measures = pd.DataFrame(measure_rows(c), columns=MEASURE_COLUMNS)
    measures["year"] = measures["year"].astype("Int64")     # 2024, not 2024.0, where a year is unknown
    adoptions = adoption_rows(c)
    adopted = pd.DataFrame(adoptions, columns=ADOPTION_COLUMNS)
    adopted["year"] = adopted["year"].astype("Int64")
    return {"measures": measures,
            "families": pd.DataFrame(family_rows(c), columns=FAMILY_COLUMNS),
            "documents": pd.DataFrame(document_rows(c), columns=DOCUMENT_COLUMNS),
            "skipped": pd.DataFrame({"problem": list(c.skipped)}),
            "adoptions": adopted, "years": pd.DataFrame(year_rows(c, adoptions), columns=YEAR_COLUMNS),
            "jurisdictions": pd.DataFrame(jurisdiction_rows(c, adoptions), columns=JURISDICTION_COLUMNS)
            .astype({"first_year": "Int64", "last_year": "Int64"})}
