"""The web UI's request checks (issue #14): the Host header (DNS rebinding), same-origin writes, the body
size cap, and pages read consistently while a run writes the store (WAL; the run holds the writer lock).
The store is test_web's, built through the store's API (no model)."""

from __future__ import annotations

import sqlite3

import pytest
from fastapi.testclient import TestClient
from test_web import build_store

from wirecheck.config import ServeConfig
from wirecheck.store import writer_lock
from wirecheck.web import create_app
from wirecheck.web.guard import MAX_BODY_BYTES, allowed_host, host_name

TOKEN = "s3cret-token"
MERGE = {"kind": "merge", "target": ["s-other1", "s-other2"], "note": "same event"}


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "w.db"
    build_store(path)
    return path


def _corrections(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM corrections").fetchone()[0]


@pytest.mark.parametrize("host, ok", [
    ("127.0.0.1:8000", True), ("localhost:8000", True), ("[::1]:8000", True), ("10.0.0.7", True),
    ("LOCALHOST", True), ("attacker.example:8000", False), ("testserver", False), ("", False),
    ("127.0.0.1.attacker.example", False), ("localhost.attacker.example:8000", False),
])
def test_only_localhost_an_ip_or_the_bound_name_may_be_the_host(db, host, ok):
    client = TestClient(create_app(db), base_url="http://127.0.0.1:8000")
    r = client.get("/", headers={"host": host})
    assert (r.status_code == 200) is ok, (host, r.status_code)
    if not ok:
        assert r.status_code == 400 and "unknown host" in r.json()["error"]
        assert "Floods kill" not in r.text  # nothing of the store is shown to the other name


def test_the_bound_name_is_accepted():
    assert allowed_host("news.local:8000", "news.local") and not allowed_host("news.local:8000", "127.0.0.1")
    assert host_name("[::1]:80") == "::1" and host_name("Example.ORG:8080") == "example.org"


def test_writes_need_the_token_and_the_same_origin(db):
    client = TestClient(create_app(db, ServeConfig(allow_edits=True), token=TOKEN), base_url="http://127.0.0.1:8000")
    key = {"X-Wirecheck-Token": TOKEN}
    for other in ({"origin": "http://attacker.example"}, {"referer": "http://attacker.example/page"},
                  {"origin": "null"}, {"origin": "http://127.0.0.1:9999"}, {"sec-fetch-site": "cross-site"}):
        r = client.post("/corrections.json", data=MERGE, headers=key | other)
        assert r.status_code == 403 and "must come from this site" in r.json()["error"], other
    assert client.post("/corrections.json", data=MERGE).status_code == 403  # no token
    assert _corrections(db) == 0
    same = client.post("/corrections.json", data=MERGE, headers=key | {"origin": "http://127.0.0.1:8000"})
    assert same.status_code == 201
    assert client.post("/corrections.json", data=MERGE | {"token": TOKEN},
                       headers={"referer": "http://127.0.0.1:8000/story/s-other1"}).status_code in (201, 400)
    assert _corrections(db) >= 1


def test_large_bodies_are_refused_before_they_are_read(db):
    client = TestClient(create_app(db, ServeConfig(allow_edits=True), token=TOKEN), base_url="http://127.0.0.1:8000")
    key = {"X-Wirecheck-Token": TOKEN}
    big = MERGE | {"note": "x" * (MAX_BODY_BYTES + 10)}
    r = client.post("/corrections.json", data=big, headers=key)
    assert r.status_code == 413 and "over the 65,536-byte limit" in r.json()["error"]

    def chunks():  # no Content-Length: counted as it arrives
        yield b"kind=merge&note="
        for _ in range(MAX_BODY_BYTES // 1024 + 2):
            yield b"y" * 1024

    r = client.post("/corrections.json", content=chunks(),
                    headers=key | {"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413
    assert _corrections(db) == 0
    assert client.get("/").status_code == 200  # the server goes on


def test_pages_render_whole_while_a_run_writes_the_store(db):
    client = TestClient(create_app(db, ServeConfig(allow_edits=True), token=TOKEN), base_url="http://127.0.0.1:8000")
    before = client.get("/article/f0").text
    with writer_lock(db):  # as a run holds it from start to end
        writer = sqlite3.connect(db, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE articles SET title = 'HALF-WRITTEN' WHERE id = 'f0'")
        writer.execute("DELETE FROM assignments WHERE article_id = 'f1'")
        for path in ("/", "/story/s-flood", "/article/f0", "/rejected"):
            r = client.get(path)
            assert r.status_code == 200, path
            assert "HALF-WRITTEN" not in r.text, path  # the reader sees the last commit, whole
        assert client.get("/article/f0").text == before
        assert [a["id"] for a in client.get("/story/s-flood.json").json()["articles_detail"]] == ["f0", "f1", "f2"]
        busy = client.post("/corrections.json", data=MERGE, headers={"X-Wirecheck-Token": TOKEN})
        assert busy.status_code == 409  # a write waits for no run: try again later
        writer.execute("COMMIT")
        writer.close()
    assert "HALF-WRITTEN" in client.get("/article/f0").text  # committed: seen at once
