#!/usr/bin/env python3
"""Serves a generated OSV bucket on loopback for the sync benchmark.

Usage: serve_bucket.py ROOT PORT
ROOT holds v1/ and v2/ (see Vigil.Bench.AuditData's `bucket` mode) and a file `current` naming the
one to serve, read on every request, so the benchmark switches versions behind one unchanging URL.
GET /{eco}/all.zip and /{eco}/modified_id.csv come from disk (with ETag and Last-Modified, 304 to
If-None-Match); /{eco}/{ID}.json is read out of that version's all.zip.
"""
import hashlib
import os
import sys
import zipfile
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
from urllib.parse import unquote

ROOT = sys.argv[1]
PORT = int(sys.argv[2])
ZIPS = {}


def version():
    with open(os.path.join(ROOT, "current")) as f:
        return f.read().strip()


def open_zip(path):
    key = (path, os.path.getmtime(path))
    if key not in ZIPS:
        ZIPS[key] = zipfile.ZipFile(path)
    return ZIPS[key]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", headers=None):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self):
        parts = unquote(self.path).lstrip("/").split("/")
        if len(parts) != 2:
            return self.send(404)
        eco, name = parts
        base = os.path.join(ROOT, version(), eco)
        if name in ("all.zip", "modified_id.csv"):
            path = os.path.join(base, name)
            if not os.path.exists(path):
                return self.send(404)
            stat = os.stat(path)
            etag = '"%s"' % hashlib.sha1(f"{path}{stat.st_mtime_ns}{stat.st_size}".encode()).hexdigest()[:16]
            if self.headers.get("If-None-Match") == etag:
                return self.send(304, headers={"ETag": etag})
            self.send_response(200)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(stat.st_size))
            self.end_headers()
            with open(path, "rb") as f:
                while chunk := f.read(1 << 20):
                    self.wfile.write(chunk)
            return
        if name.endswith(".json"):
            try:
                body = open_zip(os.path.join(base, "all.zip")).read(name)
            except KeyError:
                return self.send(404)
            return self.send(200, body, {"Content-Type": "application/json"})
        return self.send(404)


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
