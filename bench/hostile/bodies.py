#!/usr/bin/env python3
"""Hostile request bodies for bench/hostile/run.sh, one per endpoint and size step (each step doubles the input).

Usage: bodies.py OUT_DIR STEPS
Writes OUT_DIR/<endpoint>-<step>.body (and .gz for the npm endpoints, gzip'd as npm sends them) and prints
one line per body: endpoint step file content-encoding bytes-on-the-wire decompressed-bytes.
Every body stays within the default caps of Vigil:Limits, so each one is answered: what is measured is the
cost of the worst input the server accepts, not of a refusal.
"""
import gzip
import json
import sys

out, steps = sys.argv[1], int(sys.argv[2])


def chain_with_siblings(siblings, depth=100, chain_chars=100, sibling_chars=200):
    """The finding's shape: a deep chain of long names, then many siblings with long names at the bottom."""
    bottom = {f"{i:06d}" + "s" * (sibling_chars - 6): {"version": "0.0.8"} for i in range(siblings)}
    bottom["minimist"] = {"version": "0.0.8"}
    node = {"version": "0.0.8", "dependencies": bottom}
    for level in range(depth - 1):
        node = {"version": "0.0.8", "dependencies": {f"{level:04d}" + "c" * (chain_chars - 4): node}}
    return {"name": "app", "version": "1.0.0", "requires": {"minimist": "^0.0.8"}, "dependencies": {"top": node}}


def v6_audit(n):
    """Many root requirements with long ranges (npm 10's v3-lockfile fallback sends only these) and flat nodes."""
    ranges = " || ".join(f"^{i}.0.0" for i in range(20))[:250]
    return {"name": "app", "version": "1.0.0",
            "requires": {f"r{i:07d}": ranges for i in range(n)} | {"minimist": ranges},
            "dependencies": {f"d{i:07d}": {"version": f"1.0.{i % 100}"} for i in range(n)}}


def bulk(packages):
    """The finding's shape: as many versions per package as allowed (1,000), over many packages."""
    versions = [f"0.{i // 100}.{i % 100}" for i in range(1000)]
    return {("minimist" if p == 0 else f"p{p:06d}"): versions for p in range(packages)}


def querybatch(queries):
    names = ["minimist" + "x" * 504, "minimist"]
    return {"queries": [{"package": {"ecosystem": "npm", "name": names[i % 2]}, "version": "0.0.8-" + "a" * 250}
                        for i in range(queries)]}


def report(chars):
    return {"packages": [{"ecosystem": "npm", "name": f"pkg-{i}", "affectedVersions": "<=1.0.0 || >=2.0.0 <2.3.0"} for i in range(20)],
            "title": "t" * 200, "description": "d" * chars, "proofOfConcept": "p" * chars,
            "cvssVector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "cwe": "CWE-79"}


# endpoint: (first size, generator, gzip'd as npm sends it); each step doubles the size.
bodies = {
    "quick": (95, chain_with_siblings, True),
    "v6audit": (1500, v6_audit, True),
    "bulk": (5, bulk, True),
    "querybatch": (62, querybatch, False),
    "intake": (6250, report, False),
}
for endpoint, (first, make, gzipped) in bodies.items():
    for step in range(steps):
        size = first * 2 ** step
        raw = json.dumps(make(size), separators=(",", ":")).encode()
        path = f"{out}/{endpoint}-{step}.body"
        data = gzip.compress(raw, 6) if gzipped else raw
        with open(path, "wb") as f:
            f.write(data)
        print(endpoint, step, size, path, "gzip" if gzipped else "identity", len(data), len(raw))
