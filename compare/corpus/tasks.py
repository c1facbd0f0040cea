"""The corpus's tasks: the functions the scheduler runs in worker processes or on Dask workers.
Each takes one item and the object every task of its step shares, and returns a plain result.

    read_task((path, hash), None) -> read.FileRead
    signals_task((start, end), SignalsInput) -> dict of arrays
    classify_task(lineage.Job, every document's measures) -> list[Link]
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from compare.corpus.decide import CorpusState, signals
from compare.corpus.lineage import Job, classify_job
from compare.corpus.read import FileRead, read_file


@dataclass
class SignalsInput:
    """What every signals task reads: the corpus and the candidate pairs to decide."""
    state: CorpusState
    ii: np.ndarray
    jj: np.ndarray


def read_task(item: tuple[str, str], _shared=None) -> FileRead:
    path, file_hash = item
    return read_file(path, file_hash)


def signals_task(item: tuple[int, int], shared: SignalsInput) -> dict:
    start, end = item
    return signals(shared.state, shared.ii[start:end], shared.jj[start:end])


def classify_task(job: Job, measures_of: list) -> list:
    job.a, job.b = measures_of[job.doc_a], measures_of[job.doc_b]
    return classify_job(job)
