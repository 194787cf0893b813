#!/usr/bin/env python3
"""Fails if the modules of core/ include each other in a cycle.

A module is the first folder under core/ (stock, maintenance, people, db, base, ...). The
facade (core/core.h, core/core.cc at the root) may include any module, but it is itself a
node named "core": a module that includes core/core.h depends on everything the facade
includes, so doing that shows up as a cycle too.

Usage: core_layers.py [REPO_ROOT]   (default: two folders above this script)
Exit 0 and prints the module order when the graph is acyclic; otherwise exit 1 and, for
each group of modules that include each other (a strongly connected component), one cycle
as a path a -> b -> ... -> a and every include edge inside the group with an example file;
exit 2 if core/ is missing. Python 3 standard library only.
"""

import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"core/([^"]+)"', re.MULTILINE)
FACADE = "core"


def module_of(rel_path):
    """Module of a path relative to core/: its first folder, or the facade for root files."""
    parts = rel_path.split("/")
    return parts[0] if len(parts) > 1 else FACADE


def build_graph(core_dir):
    """{module: {dependency: [example 'file -> include', ...]}} for every core/**/*.{h,cc}."""
    graph = {}
    for dirpath, _, files in os.walk(core_dir):
        for name in sorted(files):
            if not name.endswith((".h", ".cc")):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, core_dir).replace(os.sep, "/")
            src = module_of(rel)
            graph.setdefault(src, {})
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for target in INCLUDE.findall(text):
                dst = module_of(target)
                if dst == src:
                    continue
                graph.setdefault(dst, {})
                graph[src].setdefault(dst, []).append(f"core/{rel} -> core/{target}")
    return graph


def strongly_connected(graph):
    """Tarjan's algorithm (iterative): the components with more than one module."""
    index, low, on_stack, stack, out = {}, {}, set(), [], []
    counter = [0]

    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    comp.append(top)
                    if top == node:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


def cycle_in(graph, comp):
    """One cycle through the first module of a strongly connected component (BFS back)."""
    members = set(comp)
    start = comp[0]
    prev = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node]):
            if child not in members:
                continue
            if child == start:
                path = [node]
                while prev[path[-1]] is not None:
                    path.append(prev[path[-1]])
                path.reverse()
                return path + [start]
            if child not in prev:
                prev[child] = node
                queue.append(child)
    return comp + [start]


def topo_order(graph):
    """Modules from the lowest layer up (only meaningful for an acyclic graph)."""
    order, done = [], set()

    def visit(node):
        if node in done:
            return
        done.add(node)
        for child in sorted(graph[node]):
            visit(child)
        order.append(node)

    for node in sorted(graph):
        visit(node)
    return order


def main(argv):
    root = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    core_dir = os.path.join(root, "core")
    if not os.path.isdir(core_dir):
        print(f"core_layers: no core/ folder under {root}", file=sys.stderr)
        return 2
    graph = build_graph(core_dir)
    comps = strongly_connected(graph)
    if not comps:
        print("core_layers: no cycle between core modules; order from the bottom:")
        print("  " + " < ".join(topo_order(graph)))
        return 0
    print(f"core_layers: {len(comps)} group(s) of core modules include each other in a cycle:")
    for comp in comps:
        cycle = cycle_in(graph, comp)
        print("  modules: " + ", ".join(comp))
        print("  cycle: " + " -> ".join(cycle))
        print("  includes between these modules (each edge once, with one example):")
        members = set(comp)
        for a in comp:
            for b in sorted(graph[a]):
                if b not in members:
                    continue
                examples = graph[a][b]
                more = f" (+{len(examples) - 1} more)" if len(examples) > 1 else ""
                print(f"    {a} -> {b}: {examples[0]}{more}")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
