"""Print the import graph of the `compare` package and its cycles: `python scripts/import_graph.py`.

Every `import` / `from … import` inside compare/ counts, at module top or inside a function, so a
lazy import cannot hide a cycle. Modules are grouped by package (the pipeline's stages); the last
lines say how many cycles there are and exit 1 when there is one. `--modules` prints the graph
module by module instead of package by package.
"""
from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "compare"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def graph() -> dict[str, set[str]]:
    """module -> the modules of compare/ it imports (a package's __init__ counts as the package)."""
    paths = {module_name(p): p for p in ROOT.rglob("*.py")}
    out: dict[str, set[str]] = {}
    for mod, path in paths.items():
        package = mod.split(".") if path.name == "__init__.py" else mod.split(".")[:-1]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package[: len(package) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                for alias in node.names:
                    for cand in (f"{target}.{alias.name}", target):
                        if cand in paths:
                            deps.add(cand)
                            break
            elif isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name in paths}
        deps.discard(mod)
        out[mod] = deps
    return out


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(g.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    sys.setrecursionlimit(10_000)
    for v in sorted(g):
        if v not in index:
            visit(v)
    return found


def package_of(mod: str) -> str:
    parts = mod.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else mod


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--modules", action="store_true", help="module by module")
    args = ap.parse_args()
    g = graph()
    if args.modules:
        for mod in sorted(g):
            print(f"{mod} -> {', '.join(sorted(g[mod])) or '-'}")
    else:
        packages: dict[str, set[str]] = {}
        for mod, deps in g.items():
            packages.setdefault(package_of(mod), set()).update(
                package_of(d) for d in deps if package_of(d) != package_of(mod))
        for pkg in sorted(packages):
            print(f"{pkg} -> {', '.join(sorted(packages[pkg])) or '-'}")
    found = cycles(g)
    for comp in found:
        print("cycle: " + " <-> ".join(comp))
    print(f"{len(g)} modules, {sum(map(len, g.values()))} imports, {len(found)} cycles")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
