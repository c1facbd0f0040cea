"""Review: the reviewer's workbook as a contract (`form`), read back (`read`) and applied to a
result (`apply`)."""
from compare.review.apply import apply_review
from compare.review.read import read_review

__all__ = ["apply_review", "read_review"]
