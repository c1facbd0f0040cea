"""Review: the reviewer's workbook as a contract (`form`), read back (`read`), its verdicts placed on
this run's measures by their keys (`identity`) and applied to a result (`apply`)."""
from compare.review.apply import apply_review
from compare.review.identity import Reviewed, place
from compare.review.read import read_review, read_workbook

__all__ = ["Reviewed", "apply_review", "place", "read_review", "read_workbook"]
