#!/usr/bin/env python3
"""Every repository file a comment or document names exists (issue 19: "files cited in
comments exist").

Scans the tracked sources and docs for paths that start with one of the repository's top
folders (core/, sync-server/, wasm/, web/, schema/, bench/, tests/, docs/, scripts/, cmake/)
and end in a file name with an extension, and fails listing every one that is not in the
tree. A path with a wildcard or a placeholder (`*`, `<`, `{`) is a pattern, not a citation.
Generated or fetched locations (build trees, dist, node_modules, third_party) are skipped.

Usage: python3 tests/tools/cited_files.py [repo root]  (exit 0: all exist; 1: list printed)
A path is looked up from the root and from the citing file's folder and each folder above it
(web/src's comments say `core/contract.ts` for web/src/core/contract.ts). Only prose is read:
whole documents, and the comments of source files.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..'))
TOP = ('core', 'sync-server', 'wasm', 'web', 'schema', 'bench', 'tests', 'docs', 'scripts', 'cmake')
EXTENSIONS = r'(?:h|cc|cpp|c|ts|tsx|mjs|js|json|css|sql|md|py|sh|cmake|txt|html|svg)'


def citation_pattern(folders):
    # A path starting with a top folder or with any folder name of the tree (a path written
    # from core/ or web/src/), ending in a file name with an extension.
    names = set(TOP) | {part for f in folders for part in f.split('/') if part}
    names = sorted(names, key=len, reverse=True)
    return re.compile(r'(?<![\w./@-])((?:' + '|'.join(re.escape(n) for n in names) + r')/[\w./-]*\w\.' + EXTENSIONS + r')(?![\w/-])')
GENERATED = ('build', 'dist', 'node_modules', 'third_party', 'artifacts')
SCANNED = ('.h', '.cc', '.cpp', '.ts', '.tsx', '.mjs', '.js', '.css', '.sql', '.md', '.py', '.sh', '.txt', '.cmake')


def commented(name, line):
    """The part of a line that is prose: all of a document, the comment of a source line."""
    if name.endswith(('.md', '.txt')) and not name.endswith('CMakeLists.txt'):
        return line
    stripped = line.lstrip()
    if name.endswith(('.h', '.cc', '.cpp', '.c', '.ts', '.tsx', '.mjs', '.js', '.css', '.sql')):
        if stripped.startswith(('*', '/*', '//', '--')):
            return line
        for marker in ('// ', '/* ', '-- '):
            if marker in line:
                return line[line.index(marker):]
        return ''
    if stripped.startswith('#'):
        return line
    return line[line.index(' # '):] if ' # ' in line else ''


def exists(path, citing, present, folders):
    """A path as written from the root, or from the citing file's folder or one above it."""
    base = os.path.dirname(citing)
    while True:
        candidate = os.path.normpath(os.path.join(base, path))
        if candidate in present or candidate in folders:
            return True
        if base == '':
            return False
        base = os.path.dirname(base)


def git_files(*args):
    return subprocess.run(['git', '-C', ROOT, 'ls-files', *args], check=True, capture_output=True, text=True).stdout.splitlines()


def main():
    present = set(git_files()) | set(git_files('--others', '--exclude-standard'))
    files = sorted(f for f in present if f.endswith(SCANNED) or f.endswith('CMakeLists.txt'))
    folders = {os.path.dirname(f) for f in present}
    folders |= {os.path.dirname(f) for f in folders}
    cited = citation_pattern(folders)
    missing = []
    for name in files:
        if '/package-lock.json' in name or name.startswith('third_party/'):
            continue
        try:
            text = open(os.path.join(ROOT, name), encoding='utf-8').read()
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        for lineno, line in enumerate(text.splitlines(), 1):
            for match in cited.finditer(commented(name, line)):
                path = match.group(1).rstrip('.')
                parts = path.split('/')
                if any(p in GENERATED or p.startswith('build-') for p in parts):
                    continue
                if 'NNNN' in path or exists(path, name, present, folders):
                    continue
                missing.append(f'{name}:{lineno}: {path}')
    if missing:
        print(f'{len(missing)} cited file(s) do not exist:')
        print('\n'.join(missing))
        return 1
    print(f'cited files: every path named in {len(files)} tracked files exists')
    return 0


if __name__ == '__main__':
    sys.exit(main())
