"""Start-up of a pairwise run: numpy submodules nobody uses, deferred until something does.

scipy's array-API layer (scipy ≥ 1.15, imported by scipy.sparse) copies numpy's namespace by
reading each of numpy's attributes, and numpy loads its submodules on first access, so importing
scipy.sparse executes numpy.testing (with unittest and importlib.metadata), numpy.f2py (with
charset_normalizer and argparse), numpy.polynomial, numpy.ma and a few more that a comparison never
calls: ~0.09 s of a ~0.6 s seed-pair run, measured with `python -X importtime`. (numpy.ma stays
unloaded only as long as nothing calls np.unique without return_index/inverse — scipy's `diags`
does, which is why align/features.py scales columns itself. numpy.random, fft and linalg the
array-API layer reads through, so deferring them gains nothing.) Registered
first as lazy modules (the standard library's `importlib.util.LazyLoader`), they cost nothing until
an attribute of one is read, and then load as usual.

Used by the `compare A B` command only, before it imports the pipeline: a single-threaded process
where start-up is most of the time. (A lazy module is not thread-safe before Python 3.12; library
users and the corpus, which may run threads, import numpy as it comes.)
"""
from __future__ import annotations

import importlib.util
import sys

# numpy submodules the array-API layer reads and the pipeline never uses
DEFERRED = ("testing", "f2py", "polynomial", "ctypeslib", "rec", "char", "strings", "ma")


def defer_unused_numpy_modules() -> list[str]:
    """Register numpy's unused submodules as lazy modules; returns the names registered (none
    once scipy is imported: it has read them already; a submodule numpy has loaded, or this numpy
    does not have, is skipped)."""
    if "scipy" in sys.modules:
        return []
    import numpy
    done = []
    for name in DEFERRED:
        full = f"numpy.{name}"
        if full in sys.modules or name in vars(numpy):
            continue
        spec = importlib.util.find_spec(full)
        if spec is None or spec.loader is None:
            continue
        spec.loader = importlib.util.LazyLoader(spec.loader)
        module = importlib.util.module_from_spec(spec)
        sys.modules[full] = module
        spec.loader.exec_module(module)
        setattr(numpy, name, module)
        done.append(full)
    return done
