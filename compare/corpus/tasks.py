"""The corpus's tasks: the functions the scheduler runs in worker processes or on Dask workers.
Each takes one item and the object every task of its step shares, and returns a plain result.

    read_task((path, hash), None) -> read.FileRead
    decide_task((start, end), decide.DecideInput) -> decide.Decisions
    classify_task(lineage.Job, every document's measures) -> list[Link]
"""
from __future__ import annotations

from compare.corpus.decide import DecideInput, Decisions, decide_chunk
from compare.corpus.lineage import Job, classify_job
from compare.corpus.read import FileRead, read_file


def read_task(item: tuple[str, str], _shared=None) -> FileRead:
    path, file_hash = item
    return read_file(path, file_hash)


def decide_task(item: tuple[int, int], shared: DecideInput) -> Decisions:
    start, end = item
    return decide_chunk(shared, start, end)


def classify_task(job: Job, measures_of: list) -> list:
    job.a, job.b = measures_of[job.doc_a], measures_of[job.doc_b]
    return classify_job(job)
