"""The corpus's tasks: the functions the scheduler runs in worker processes or on Dask workers.
Each takes one item and the object every task of its step shares, and returns a plain result.

    read_task((path, hash), None) -> read.FileRead
    nearest_task((start, end), retrieve.Index) -> the index's candidate keys for those rows
    decide_task((start, end), decide.DecideInput) -> decide.Decisions
    classify_task(lineage.Job, every document's measures) -> (list[Link], the links packed for the store)
"""
from __future__ import annotations

from compare.corpus.decide import DecideInput, Decisions, decide_chunk
from compare.corpus.lineage import Job, classify_job
from compare.corpus.read import FileRead, read_file
from compare.corpus.retrieve import Index, nearest_block
from compare.corpus.store import pack_links


def read_task(item: tuple[str, str], _shared=None) -> FileRead:
    path, file_hash = item
    return read_file(path, file_hash)


def nearest_task(item: tuple[int, int], shared: Index):
    start, end = item
    return nearest_block(shared, start, end)


def decide_task(item: tuple[int, int], shared: DecideInput) -> Decisions:
    start, end = item
    return decide_chunk(shared, start, end)


def classify_task(job: Job, measures_of: list) -> tuple[list, bytes]:
    job.a, job.b = measures_of[job.doc_a], measures_of[job.doc_b]
    links = classify_job(job)
    return links, pack_links(links)
