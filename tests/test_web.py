"""The web UI in process (FastAPI's TestClient): every route and its JSON twin, 404s, bad parameters,
search, sort and pages, the security headers, escaping of hostile article content, and corrections.

The store is built from records through the store's own API (no model needed): seven stories, one of
them holding an article whose every field is hostile markup.
"""

from __future__ import annotations

import re
import sqlite3
from html.parser import HTMLParser

import numpy as np
import pytest

from wirecheck.config import ServeConfig
from wirecheck.records import (
    Article, ArticleClaims, ArticleFeatures, ArticleProvenance, Assignment, BriefSentence, Claim, Derivation,
    Discrepancy, Rejected, Removed, RoleGroup, Sentence, SpanPair, StoryAnalysis, StoryEntity, Support, Variant,
)
from fastapi.testclient import TestClient

from wirecheck.report.contract import validate
from wirecheck.store import Store
from wirecheck.web import create_app

LOCAL = "http://127.0.0.1:8000"  # TestClient names its host "testserver", which the UI refuses (DNS rebinding)
EVIL_TITLE = '<script>alert("title")</script>"\'><img src=x onerror=alert(1)>'
EVIL_TEXT = ('Officials said 40 people were hurt <script>alert("body")</script> in the blast. '
             '<img src=x onerror="alert(2)"> The mayor said "<a href=\'javascript:alert(3)\'>click</a>" was broken '
             '<div onmouseover=alert(4)> markup </b></i></td></table>. Twelve ships were damaged.')
EVIL_URL = "javascript:alert(5)"
EVIL_OUTLET = '"><svg onload=alert(6)>'
EVIL_ENTITY = "<b onclick=alert(7)>Evil Corp</b>"
FLOOD = ("Floods in the Sarandi valley killed 14 people on Monday. Rescue teams reached the villages by boat. "
         "Officials said thousands left their homes.")


def _sentences(text: str) -> list[Sentence]:
    return [Sentence(i, m.start(), m.end()) for i, m in enumerate(re.finditer(r"[^.]+\.", text))]


def _add(store: Store, run: int, aid: str, text: str, **fields) -> Article:
    article = Article(aid, f"{aid}.txt", text, seq=store.next_seq(), **fields)
    sentences = _sentences(text)
    features = ArticleFeatures(aid, sentences, [], [], [], np.zeros(384, np.float32),
                               np.zeros((len(sentences), 384), np.float32))
    store.add_article(article, features, ArticleClaims(aid, [], []), run)
    return article


def _support(article: Article, phrase: str, origin: int) -> Support:
    start = article.text.index(phrase)
    return Support(article.id, start, start + len(phrase), phrase, "attributed", "officials", "said",
                   label_start=start, label_end=start + len(phrase), origin=origin)


def build_store(path) -> dict[str, str]:
    """A store of seven analysed stories (one with hostile content) and a rejected input; their ids."""
    store = Store(path)
    run = store.begin_run(["tests"], {}, {})
    flood = [_add(store, run, f"f{i}", FLOOD + f" Report {i}.", title=f"Floods kill 14 ({i})", outlet=f"Outlet {i}",
                  published=f"2026-11-1{i}T08:00:00+00:00", url=f"https://news{i}.example/flood") for i in range(3)]
    evil = _add(store, run, "evil", EVIL_TEXT, title=EVIL_TITLE, outlet=EVIL_OUTLET, url=EVIL_URL,
                published="2026-11-14T09:00:00+00:00",
                removed=[Removed("share", "<script>alert(8)</script>")])
    plain = _add(store, run, "calm", "Twelve ships were damaged in the port. Officials said 40 people were hurt.",
                 title="Port blast damages ships", outlet="Harbour News", published="2026-11-13T09:00:00+00:00")
    others = [_add(store, run, f"o{i}", f"Story number {i} is about topic {i} and nothing else at all.",
                   title=f"Other story {i}", outlet="Small Paper", published=f"2026-10-0{i}T00:00:00+00:00")
              for i in range(1, 6)]
    store.add_rejected(run, Rejected("<script>bad</script>.bin", "unsupported file type <b>.bin</b>"))
    stories = {"flood": "s-flood", "evil": "s-evil", **{f"o{i}": f"s-other{i}" for i in range(1, 6)}}
    members = {"s-flood": flood, "s-evil": [plain, evil], **{f"s-other{i}": [others[i - 1]] for i in range(1, 6)}}
    assignments = [Assignment(a.id, sid, 0.5, k == 0, {"embedding": 0.5}, "joined by test")
                   for sid, arts in members.items() for k, a in enumerate(arts)]
    store.save_assignments(assignments, [], [], [], {}, run)
    for sid, arts in members.items():
        ids = [a.id for a in arts]
        store.save_analysis(StoryAnalysis(sid, arts[0].title or "", ids, origins=[[a] for a in ids],
                                          provenance=[ArticleProvenance(a, 0.0) for a in ids]), run)
    # the flood story: a copy edge with aligned passages, a corroborated fact, a brief, an entity with a title
    f0, f1, f2 = flood
    killed = "Floods in the Sarandi valley killed 14 people on Monday."
    store.save_analysis(StoryAnalysis(
        "s-flood", "Floods kill 14", [a.id for a in flood],
        derivations=[Derivation("f1", "f0", "copy", 0.97, True, [SpanPair(0, len(killed), 0, len(killed), 1.0)],
                                "shares most sentences verbatim")],
        origins=[["f0", "f1"], ["f2"]],
        provenance=[ArticleProvenance("f0", 0.0), ArticleProvenance("f1", 1.0, likely_rewrite=True,
                                                                    reason="adds nothing"),
                    ArticleProvenance("f2", 0.0, adds=["c-1"])],
        claims=[Claim("c-1", "statement", killed, None, None, [_support(f0, killed, 0), _support(f1, killed, 0),
                                                              _support(f2, killed, 1)], 2, "corroborated",
                      label="floods killed 14 people")],
        brief=[BriefSentence(killed, ["f0", "f2"], "f0", 0, len(killed))],
        entities=[StoryEntity("Sarandi", "GPE", ["f0", "f1", "f2"], [RoleGroup("valley", ["f0"])])],
    ), run)
    # the hostile story: the fact, the discrepancy, the brief and the entity all carry hostile text
    hurt = "Officials said 40 people were hurt <script>alert(\"body\")</script> in the blast."
    store.save_analysis(StoryAnalysis(
        "s-evil", EVIL_TITLE, ["calm", "evil"],
        derivations=[Derivation("evil", "calm", "rewrite", 0.6, False, [SpanPair(0, 20, 0, 20, 0.8)], EVIL_TITLE)],
        origins=[["calm"], ["evil"]],
        provenance=[ArticleProvenance("calm", 0.0), ArticleProvenance("evil", 0.2, reason=EVIL_TITLE)],
        claims=[Claim("c-evil", "statement", hurt, None, None, [_support(evil, hurt, 1)], 1, "single_source",
                      label=EVIL_TITLE)],
        discrepancies=[Discrepancy("d-evil", "value", EVIL_TITLE, ["c-evil"], ["calm", "evil"],
                                   [Variant("calm", "40 people", "40", 0), Variant("evil", EVIL_TEXT[:80], EVIL_TITLE, 1)])],
        brief=[BriefSentence(hurt, ["evil"], "evil", 0, len(hurt))],
        entities=[StoryEntity(EVIL_ENTITY, "ORG", ["evil"], [RoleGroup(EVIL_TITLE, ["evil"])])],
    ), run)
    store.finish_run(run, {})
    store.close()
    return stories


@pytest.fixture
def web_store(tmp_path):
    path = tmp_path / "web.db"
    return path, build_store(path)


@pytest.fixture
def client(web_store):
    path, _ = web_store
    return TestClient(create_app(path, ServeConfig(page_size=3)), base_url=LOCAL)


@pytest.fixture
def editor(web_store):
    path, _ = web_store
    app = create_app(path, ServeConfig(allow_edits=True), token="s3cret-token")
    return TestClient(app, base_url=LOCAL)


# ---------------------------------------------------------------- pages and their twins


def test_every_page_has_a_json_twin_built_by_the_same_view(client):
    listing = client.get("/index.json").json()
    assert listing["total"] == 7 and listing["pages"] == 3 and len(listing["stories"]) == 3
    for path in ("/", "/story/s-flood", "/article/f1", "/entity/Sarandi", "/rejected", "/corrections"):
        html, twin = client.get(path), client.get("/index.json" if path == "/" else path + ".json")
        assert html.status_code == 200 and html.headers["content-type"].startswith("text/html"), path
        assert twin.status_code == 200 and twin.headers["content-type"] == "application/json", path
    story = client.get("/story/s-flood.json").json()
    validate({k: v for k, v in story.items() if k not in ("corrections", "analysed")}, "StoryDetail")
    assert story["independent_sources"] == 2 and story["analysed"] is True
    assert [a["id"] for a in story["articles_detail"]] == ["f0", "f1", "f2"]
    article = client.get("/article/f1.json").json()
    assert article["story"]["id"] == "s-flood" and article["provenance"]["likely_rewrite"] is True
    assert article["article"]["source_name"] == "Outlet 1"
    assert [d["kind"] for d in article["derivations"]] == ["copy"]
    assert [(c["claim"], c["status"]) for c in article["claims"]] == [("c-1", "corroborated")]
    entity = client.get("/entity/sarandi.json").json()  # names match without regard to case
    assert [s["id"] for s in entity["stories"]] == ["s-flood"] and entity["stories"][0]["entity"]["roles"]
    rejected = client.get("/rejected.json").json()["rejected"]
    assert rejected[0]["kind"] == "rejected" and rejected[0]["reason"].startswith("unsupported")


def test_story_page_shows_facts_graph_discrepancies_and_citations(client):
    page = client.get("/story/s-flood").text
    assert 'id="claim-c-1"' in page and "corroborated" in page
    assert page.count('<circle class="node') == 3  # one node per article
    assert 'href="#edge-0"' in page and 'id="edge-0"' in page  # the edge links to its aligned passages
    assert 'class="edge copy"' in page
    assert "/article/f0?hl=0-56#hl" in page  # the brief cites the sentence it comes from
    assert 'class="bar"' in page and "likely rewrite" in page
    evil = client.get("/story/s-evil").text
    assert 'id="disc-d-evil"' in evil and evil.count('class="variant g') == 2


def test_article_page_highlights_claim_spans_by_offset_and_marks_the_cited_passage(client):
    text = client.get("/article/f2.json").json()["article"]["text"]
    page = client.get("/article/f2?hl=0-12").text
    body = page.split('<div class="article-text">', 1)[1].split("</div>", 1)[0]
    assert '<mark class="target" id="hl">' in body and 'href="/story/s-flood#claim-c-1"' in body
    assert re.sub(r"<[^>]+>", "", body).replace("&#34;", '"').replace("&#39;", "'") == text  # nothing lost or added
    removed = client.get("/article/evil").text
    assert "Removed furniture" in removed and '<h3 class="kind">share</h3>' in removed


def test_unknown_ids_give_404_as_a_page_and_as_json(client):
    for path in ("/story/s-none", "/article/nothing", "/entity/Nobody"):
        assert client.get(path).status_code == 404
        twin = client.get(path + ".json")
        assert twin.status_code == 404 and "no " in twin.json()["error"]
    assert client.get("/static/../store.py").status_code == 404
    assert client.get("/static/app.js").status_code == 200


@pytest.mark.parametrize("query, status, words", [
    ("sort=loudest", 422, "sort"), ("page=0", 422, "page"), ("page=x", 422, "page"), ("per_page=1000", 422, "per_page"),
    ("page=9", 400, "past the last page"), ("q=" + "x" * 201, 422, "q"),
])
def test_bad_query_parameters_are_refused_with_a_clear_message(client, query, status, words):
    r = client.get("/index.json?" + query)
    assert r.status_code == status and words in r.json()["error"]
    assert client.get("/?" + query).status_code == status
    assert client.get("/article/f0?hl=5-999999").status_code == 400
    assert client.get("/article/f0?hl=abc").status_code == 422


def test_search_by_text_entity_and_outlet_sort_and_pages(client):
    def ids(query):
        return [s["id"] for s in client.get("/index.json?" + query).json()["stories"]]
    assert ids("q=sarandi") == ["s-flood"]
    assert ids("q=twelve+ships") == ["s-evil"]
    assert ids("entity=evil+corp") == ["s-evil"]
    assert ids("outlet=outlet+2") == ["s-flood"]
    assert ids("outlet=news1.example") == ["s-flood"]  # the URL's host counts as the outlet too
    assert ids("q=100%25") == [] and ids("q=_") == []  # LIKE wildcards are literal
    assert ids("sort=size&per_page=2") == ["s-flood", "s-evil"]
    assert ids("sort=recent&per_page=2") == ["s-evil", "s-flood"]
    pages = [ids(f"sort=size&page={p}") for p in (1, 2, 3)]
    assert sum(pages, []) == ids("per_page=10") and len(set(sum(pages, []))) == 7
    page = client.get("/?sort=size&page=2").text
    assert 'rel="prev"' in page and 'rel="next"' in page


def test_every_response_forbids_inline_script_and_sniffing(client):
    for path in ("/", "/index.json", "/story/s-evil", "/story/none", "/?sort=x", "/static/app.css"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"


class _Markup(HTMLParser):
    """Every tag and attribute of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_hostile_article_content_is_escaped_on_every_page(client):
    paths = ["/", "/?q=script", "/story/s-evil", "/article/evil", "/article/calm", "/rejected",
             "/entity/" + EVIL_ENTITY.replace("/", "%2F"), "/story/s-evil?x=<script>"]
    for path in paths:
        r = client.get(path)
        assert r.status_code == 200, path
        parser = _Markup()
        parser.feed(r.text)
        scripts = [a for t, a in parser.tags if t == "script"]
        assert scripts == [{"src": "/static/app.js", "defer": None}], path
        for tag, attrs in parser.tags:
            assert not [k for k in attrs if k.startswith("on")], (path, tag, attrs)
            for key in ("href", "src", "action"):
                assert not (attrs.get(key) or "").strip().lower().startswith("javascript:"), (path, tag, attrs)
            assert tag not in ("img", "div") or "onerror" not in str(attrs), path
        assert r.text.count("<script") == 1, path  # the page's own script file, nothing else
        assert "&lt;script&gt;" in r.text or path == "/article/calm", path  # the hostile text is there, escaped
    article = client.get("/article/evil").text
    assert EVIL_URL in article and f'href="{EVIL_URL}"' not in article  # shown, never linked


# ---------------------------------------------------------------- read-only store, corrections


def test_the_store_is_opened_read_only_unless_edits_are_allowed(web_store, client):
    path, _ = web_store
    with Store(path, read_only=True) as store:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.db.execute("DELETE FROM articles")
    assert client.post("/corrections", data={"kind": "merge"}).status_code in (404, 405)


def test_corrections_need_the_token(editor):
    data = {"kind": "merge", "target": ["s-other1", "s-other2"], "note": "same event"}
    assert editor.post("/corrections.json", data=data).status_code == 403
    assert editor.post("/corrections.json", data=data | {"token": "wrong"}).status_code == 403
    r = editor.post("/corrections.json", data=data, headers={"X-Wirecheck-Token": "s3cret-token"})
    assert r.status_code == 201 and r.json()["kind"] == "merge" and r.json()["note"] == "same event"


def test_merge_move_mark_and_undo_through_the_ui(editor):
    token = {"token": "s3cret-token"}
    r = editor.post("/corrections", data={"kind": "merge", "target": ["s-other1", "s-other2"], "note": "one event",
                                          "next": "/story/s-other2", **token}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/story/s-other2"
    story = editor.get("/story/s-other1.json").json()  # the merged-away id leads to the story that absorbed it
    assert story["id"] == "s-other2" and sorted(story["articles"]) == ["o1", "o2"] and story["analysed"] is False
    assert "merge" in editor.get("/story/s-other2").text and "waits for the next" in editor.get("/").text
    assert editor.get("/index.json").json()["total"] == 6
    moved = editor.post("/corrections.json", data={"kind": "move", "target": ["o3", "s-flood"], **token}).json()
    assert "o3" in editor.get("/story/s-flood.json").json()["articles"]
    mark = editor.post("/corrections.json", data={"kind": "discrepancy_wrong", "target": ["s-evil", "d-evil"],
                                                  "note": "same figure", **token}).json()
    assert "discrepancy wrong: same figure" in editor.get("/story/s-evil").text
    assert editor.post("/corrections.json", data={"kind": "confirm_edge", "target": ["f1", "f0"], **token}).status_code == 201
    assert editor.post("/corrections.json", data={"kind": "reject_edge", "target": ["f0", "f2"], **token}).status_code == 400
    assert editor.post("/corrections.json", data={"kind": "merge", "target": ["s-flood", "nope"], **token}).status_code == 400
    assert editor.post("/corrections.json", data={"kind": "explode", "target": ["s-flood"], **token}).status_code == 400
    for c in (moved, mark):
        assert editor.post(f"/corrections/{c['id']}/undo.json", data=token).json()["undone"] is True
    assert "o3" not in editor.get("/story/s-flood.json").json()["articles"]
    first = editor.get("/corrections.json").json()["corrections"][0]
    assert editor.post(f"/corrections/{first['id']}/undo", data=token, follow_redirects=False).status_code == 303
    assert editor.get("/index.json").json()["total"] == 7
    assert editor.get("/story/s-other1.json").json()["articles"] == ["o1"]
    assert editor.post("/corrections/999/undo.json", data=token).status_code == 404
    r = editor.post("/corrections", data={"kind": "move", "target": ["o4", "s-flood"], "next": "//evil.example", **token},
                    follow_redirects=False)
    assert r.headers["location"] == "/corrections"  # never redirected to another site


def test_split_and_edge_marks_show_in_the_ui_and_in_report_json(web_store, editor):
    from wirecheck.report.contract import build_report

    path, _ = web_store
    token = {"X-Wirecheck-Token": "s3cret-token"}
    split = editor.post("/corrections.json", data={"kind": "split", "target": ["s-flood", "f2"], "note": "other flood"},
                        headers=token).json()
    assert editor.post("/corrections.json", data={"kind": "split", "target": ["s-flood", "f0", "f1"]},
                       headers=token).status_code == 400  # a split leaves at least one article behind
    flood = editor.get("/story/s-flood.json").json()
    assert flood["articles"] == ["f0", "f1"]
    new = editor.get("/article/f2.json").json()["story"]["id"]
    assert new != "s-flood" and editor.get(f"/story/{new}.json").json()["articles"] == ["f2"]
    edge = editor.post("/corrections.json", data={"kind": "reject_edge", "target": ["f1", "f0"], "note": "no copy"},
                       headers=token).json()
    assert "reject edge: no copy" in editor.get("/story/s-flood").text
    assert [c["id"] for c in editor.get("/article/f1.json").json()["corrections"]] == [edge["id"]]
    with Store(path) as store:
        report = build_report(store)
    validate(report)
    assert [(c["kind"], c["note"]) for c in report["corrections"]] == [("split", "other flood"), ("reject_edge", "no copy")]
    editor.post(f"/corrections/{split['id']}/undo.json", headers=token)
    assert editor.get("/story/s-flood.json").json()["articles"] == ["f0", "f1", "f2"]
    assert new not in [s["id"] for s in editor.get("/index.json?per_page=20").json()["stories"]]


def test_serve_refuses_a_missing_or_foreign_store_with_a_clear_error(tmp_path):
    from typer.testing import CliRunner

    from wirecheck.cli import app

    runner = CliRunner()
    missing = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "no store at" in missing.output
    foreign = tmp_path / "other.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.commit()
    result = runner.invoke(app, ["serve", "--db", str(foreign)])
    assert result.exit_code == 2 and "not a wirecheck store" in result.output
    port = runner.invoke(app, ["serve", "--db", str(foreign), "--port", "70000"])
    assert port.exit_code == 2 and "serve.port" in port.output


def test_wirecheck_serve_prints_its_address_and_token_and_serves_the_store(web_store):
    import os
    import socket
    import subprocess
    import sys
    import time

    import httpx

    path, _ = web_store
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    server = subprocess.Popen([sys.executable, "-m", "wirecheck", "serve", "--db", str(path), "--port", str(port),
                               "--allow-edits"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        address = server.stdout.readline()
        token = server.stdout.readline().rsplit(" ", 1)[-1].strip()
        assert f"http://127.0.0.1:{port}/" in address and len(token) >= 24
        deadline = time.monotonic() + 20
        while True:
            try:
                listing = httpx.get(f"http://127.0.0.1:{port}/index.json", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        assert listing.json()["total"] == 7
        url = f"http://127.0.0.1:{port}/corrections.json"
        data = {"kind": "discrepancy_resolved", "target": ["s-evil", "d-evil"]}
        assert httpx.post(url, data=data, headers={"X-Wirecheck-Token": token + "x"}).status_code == 403
        assert httpx.post(url, data=data, headers={"X-Wirecheck-Token": token}).status_code == 201
    finally:
        server.terminate()
        server.wait(10)
