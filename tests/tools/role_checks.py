#!/usr/bin/env python3
"""Fails if code outside the permission table compares against a role (issue 14, point 9).

Every access rule is a name in the one permission table (core/auth/permissions.cc), asked
with IsAllowed. This scans core/, sync-server/, wasm/ and web/src/ for comparisons with a
role (`== Role::kTechnician`, `role != "admin"`, `=== 'manager'`, `case Role::kAdmin:` ...)
and fails on any outside the files below, which name roles as content, not access.

Usage: role_checks.py [REPO_ROOT]   (default: two folders above this script)
Exit 0 when clean; 1 and one line per comparison found (file:line: text) otherwise.
Python 3 standard library only.
"""

import os
import re
import sys

ROLES = r"(?:admin|manager|technician|consultant)"
ROLE_ENUM = r"Role::k(?:Admin|Manager|Technician|Consultant)"
PATTERNS = [
    re.compile(r"[=!]==?\s*" + ROLE_ENUM),
    re.compile(ROLE_ENUM + r"\s*[=!]==?"),
    re.compile(r"case\s+" + ROLE_ENUM),
    re.compile(r"[=!]==?\s*[\"']" + ROLES + r"[\"']"),
    re.compile(r"[\"']" + ROLES + r"[\"']\s*[=!]==?"),
]
ALLOWED = {
    # The table itself, and the role names it parses.
    "core/auth/permissions.cc",
    # The default dashboard layout of each role: what a new user sees first, not what they may do.
    "core/dashboard/widgets.cc",
    # The demo company's accounts (seed-demo): who plays which part in the demo data.
    "sync-server/cli_seed_demo.cc",
}
FOLDERS = ["core", "sync-server", "wasm", os.path.join("web", "src")]
EXTENSIONS = (".cc", ".h", ".ts", ".tsx")


def main(argv):
    root = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    found = []
    for folder in FOLDERS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, folder)):
            dirnames[:] = [d for d in dirnames if d not in ("node_modules", "dist")]
            for name in sorted(filenames):
                if not name.endswith(EXTENSIONS):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root).replace(os.sep, "/")
                if rel in ALLOWED:
                    continue
                with open(path, encoding="utf-8") as f:
                    for number, line in enumerate(f, 1):
                        if any(p.search(line) for p in PATTERNS):
                            found.append(f"{rel}:{number}: {line.strip()}")
    if found:
        print("role comparisons outside the permission table (make them capabilities in "
              "core/auth/permissions.cc and ask IsAllowed):")
        print("\n".join(found))
        return 1
    print("no role comparison outside the permission table")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
