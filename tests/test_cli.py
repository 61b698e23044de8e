"""The kg command line, driven as a user would (click's CliRunner), on small articles."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import main

ARTICLE_ONE = """Harbour Talks Open in Lisbon
Published: 2025-11-25

Portuguese Prime Minister Rui Tavares met Spanish Foreign Minister Jose Manuel Albares in Lisbon on Monday.
"We have agreed to share the port data," Tavares said.
Albares criticized Morocco over fishing quotas.
"""

ARTICLE_TWO = """Port Deal Signed
Published: 2025-11-27

Prime Minister Rui Tavares signed the harbour agreement in Porto on Wednesday.
"This is a good day for both countries," he said.
"""


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.txt").write_text(ARTICLE_ONE, encoding="utf-8")
    (folder / "two.txt").write_text(ARTICLE_TWO, encoding="utf-8")
    return folder


@pytest.fixture()
def built(corpus, tmp_path):
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["build", str(corpus), "--store", str(store), "-q"])
    assert result.exit_code == 0, result.output
    return store


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_build_reports_and_is_idempotent(corpus, built):
    stats = json.loads(run("stats", "--store", str(built), "--json").output)
    assert stats["articles"] == 2
    again = run("build", str(corpus), "--store", str(built), "-q")
    assert "0 added, 0 replaced, 2 unchanged" in again.output
    assert json.loads(run("stats", "--store", str(built), "--json").output)["triples"] == (
        stats["triples"])


def test_person_is_one_node_across_articles(built):
    result = run("query", "SELECT DISTINCT ?n WHERE { ?a a kg:Person ; kg:name ?n } ORDER BY ?n",
                 "--store", str(built), "--format", "csv")
    names = result.output.splitlines()[1:]
    assert names == ["Jose Manuel Albares", "Rui Tavares"]


def test_statement_speaker_resolved_through_pronoun_across_articles(built):
    q = ("SELECT ?q WHERE { ?s a kg:Statement ; kg:quote ?q ; kg:speaker/kg:refersTo ?p . "
         "?p kg:name 'Rui Tavares' } ORDER BY ?q")
    result = run("query", q, "--store", str(built), "--format", "json")
    quotes = [row["q"]["value"] for row in json.loads(result.output)["results"]["bindings"]]
    assert any("port data" in q for q in quotes)
    assert any("good day" in q for q in quotes)


def test_extract_json_contract(corpus):
    result = run("extract", str(corpus / "one.txt"), "--format", "json")
    assert result.exit_code == 0, result.output
    obj = json.loads(result.output.splitlines()[0])
    assert set(obj) >= {"article", "entities", "statements", "events"}
    assert set(obj["article"]) >= {"id", "title", "published", "source"}
    entity = obj["entities"][0]
    assert set(entity) >= {"id", "name", "type", "aliases", "mentions"}
    assert {e["type"] for e in obj["entities"]} <= {"Person", "Country", "Place",
                                                    "Organization", "Plan", "Group"}
    statement = obj["statements"][0]
    assert set(statement) >= {"id", "quote", "speaker", "kind", "date", "about"}
    assert statement["speaker"] == "Rui Tavares"
    assert statement["kind"] == "direct"
    assert obj["article"]["published"] == "2025-11-25"
    for event in obj["events"]:
        assert set(event) >= {"id", "date", "date_precision", "type", "label", "participants",
                              "places"}
        assert event["date_basis"] in ("text", "context", "publication")
        assert event["modality"] in ("asserted", "negated", "planned", "hypothetical",
                                     "reported")
        assert 0 <= event["confidence"] <= 1
    assert sum(event["main"] for event in obj["events"]) == 1
    assert statement["modality"] in ("asserted", "negated", "planned", "hypothetical")


def test_query_from_file_and_formats(built, tmp_path):
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Article }", encoding="utf-8")
    tsv = run("query", str(rq), "--store", str(built), "--format", "tsv").output
    assert tsv == '?n\n"2"^^<http://www.w3.org/2001/XMLSchema#integer>\n'
    table = run("query", str(rq), "--store", str(built)).output
    assert "1 rows" in table


DATED = "SELECT ?a ?when WHERE { ?a a kg:Article ; schema:datePublished ?when } ORDER BY ?when"


def _read_with_rdflib(fmt: str, text: str) -> list[tuple]:
    import io as _io

    from rdflib.plugins.sparql.results.csvresults import CSVResultParser
    from rdflib.plugins.sparql.results.jsonresults import JSONResultParser
    from rdflib.plugins.sparql.results.tsvresults import TSVResultParser
    from rdflib.plugins.sparql.results.xmlresults import XMLResultParser
    parser = {"json": JSONResultParser, "xml": XMLResultParser, "csv": CSVResultParser,
              "tsv": TSVResultParser}[fmt]()
    source = _io.StringIO(text) if fmt in ("csv", "tsv") else _io.BytesIO(text.encode())
    return [tuple(row) for row in parser.parse(source)]


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_query_writes_w3c_results_formats(built, fmt):
    from rdflib import XSD, Literal, URIRef

    result = run("query", DATED, "--store", str(built), "--format", fmt)
    assert result.exit_code == 0, result.output
    rows = _read_with_rdflib(fmt, result.output)
    assert len(rows) == 2
    article, when = rows[0]
    assert str(article).startswith("https://w3id.org/kg/id/article/")
    if fmt == "csv":  # CSV carries values only
        assert str(when) == "2025-11-25"
    else:
        assert isinstance(article, URIRef)
        assert when == Literal("2025-11-25", datatype=XSD.date)


def test_query_json_is_the_sparql_results_document(built):
    doc = json.loads(run("query", DATED, "--store", str(built), "--format", "json").output)
    assert doc["head"]["vars"] == ["a", "when"]
    when = doc["results"]["bindings"][0]["when"]
    assert when == {"type": "literal", "value": "2025-11-25",
                    "datatype": "http://www.w3.org/2001/XMLSchema#date"}


@pytest.mark.parametrize(("fmt", "expected"), [("table", "true\n"), ("json", '"boolean":true')])
def test_query_ask(built, fmt, expected):
    output = run("query", "ASK { ?a a kg:Article }", "--store", str(built), "--format", fmt).output
    assert expected in output


def test_bad_query_is_one_line_error(built):
    result = run("query", "SELECT WHERE {", "--store", str(built))
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "trig", "nq", "graphml", "gexf"])
def test_export_formats(built, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = run("export", "--store", str(built), "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Tavares" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exports_stay_xml_with_control_characters_in_the_input(tmp_path, fmt):
    import xml.etree.ElementTree as ET

    folder = tmp_path / "articles"
    folder.mkdir()
    padding = "Harbour cranes stood idle in Lisbon all week.\n" * 200  # past the 8 KiB sniff
    text = ARTICLE_ONE + padding + '"The port\x00 is\x1b open\x07 again," Tavares\x0b said.\n'
    (folder / "one.txt").write_text(text, encoding="utf-8")
    store, out = tmp_path / "store", tmp_path / f"out.{fmt}"
    assert run("build", str(folder), "--store", str(store), "-q").exit_code == 0
    result = run("export", "--store", str(store), "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    root = ET.parse(out).getroot()  # raises on characters XML does not allow
    values = [el.text or "" for el in root.iter()] + [
        v for el in root.iter() for v in el.attrib.values()]
    assert any("The port is open again" in v for v in values)


def test_viz_and_timeline_pages(built, tmp_path):
    page = tmp_path / "g.html"
    assert run("viz", "--store", str(built), "-o", str(page)).exit_code == 0
    assert "Rui Tavares" in page.read_text(encoding="utf-8")
    assert '"view":"actors"' in page.read_text(encoding="utf-8")
    timeline = tmp_path / "t.html"
    assert run("viz", "--store", str(built), "--timeline", "-o", str(timeline)).exit_code == 0
    assert '"view":"timeline"' in timeline.read_text(encoding="utf-8")
    facts = tmp_path / "f.html"
    assert run("viz", "--store", str(built), "--view", "facts", "-o", str(facts)).exit_code == 0
    assert '"max_nodes":1500' in facts.read_text(encoding="utf-8")
    unknown = run("viz", "--store", str(built), "--focus", "Nobody Known", "-o", str(page))
    assert unknown.exit_code != 0 and "Traceback" not in unknown.output


def test_viz_map_page(built, tmp_path):
    page = tmp_path / "m.html"
    result = run("viz", "--store", str(built), "--map", "-o", str(page))
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    island = text.split('id="kg-map-data">', 1)[1].split("</script>", 1)[0]
    labels = {m["label"] for m in json.loads(island)["markers"]}
    assert {"Lisbon", "Porto", "Morocco"} <= labels


BAD_INPUTS = {
    "empty.txt": b"",
    "binary.txt": b"\x00\x01\x02\x03PK\x00\x00",
    "latin1.txt": "Caf\xe9 news".encode("latin-1"),
    "broken.jsonl": b'{"title": "ok", "text": "A fine text about Lisbon."}\n{not json\n',
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_error_and_store_survives(built, tmp_path, name):
    before = json.loads(run("stats", "--store", str(built), "--json").output)
    bad = tmp_path / name
    bad.write_bytes(BAD_INPUTS[name])
    result = run("build", str(bad), "--store", str(built), "-q")
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and "Traceback" not in result.output
    after = json.loads(run("stats", "--store", str(built), "--json").output)
    if name == "broken.jsonl":  # the article on the line before the bad one is stored
        assert after["articles"] == before["articles"] + 1
        assert "line 2" in lines[0] and "1 article before it stored" in lines[0]
    else:
        assert after["triples"] == before["triples"]


def test_keep_going_skips_bad_files(corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    store = tmp_path / "s2"
    result = run("build", str(corpus), "--store", str(store), "--keep-going", "-q")
    assert result.exit_code == 0
    assert "2 added" in result.output and "1 skipped" in result.output


def test_remove_article(built):
    ids = run("query", "SELECT ?id WHERE { ?a a kg:Article ; kg:articleId ?id }",
              "--store", str(built), "--format", "csv").output.split()[1:]
    if not ids:  # fall back to the article IRIs
        ids = [r.rsplit("/", 1)[-1] for r in run(
            "query", "SELECT ?a WHERE { ?a a kg:Article }", "--store", str(built),
            "--format", "csv").output.split()[1:]]
    assert run("remove", ids[0], "--store", str(built)).exit_code == 0
    assert json.loads(run("stats", "--store", str(built), "--json").output)["articles"] == 1
    assert run("remove", ids[0], "--store", str(built)).exit_code != 0


def test_remove_takes_the_iri_as_query_lists_it(built):
    """An article IRI from `kg query --format csv` (CRLF rows) removes that article."""
    rows = run("query", "SELECT ?a WHERE { ?a a kg:Article }", "--store", str(built),
               "--format", "csv").output.split("\n")[1:]
    result = run("remove", rows[0], "--store", str(built))
    assert result.exit_code == 0, result.output
    assert json.loads(run("stats", "--store", str(built), "--json").output)["articles"] == 1


def test_missing_store_is_clear_error(tmp_path):
    result = run("stats", "--store", str(tmp_path / "nope"))
    assert result.exit_code != 0 and "no store here" in result.output


def test_bad_published_date(corpus, tmp_path):
    result = run("build", str(corpus), "--store", str(tmp_path / "s"), "--published", "soon")
    assert result.exit_code != 0 and "YYYY-MM-DD" in result.output


def test_full_name_replaces_a_stored_bare_surname(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Vote Count Ends\nPublished: 2025-11-20\n\n"
                                  "Prime Minister Tavares said, \"We will win.\"\n", encoding="utf-8")
    store = tmp_path / "s"
    assert run("build", str(folder / "a.txt"), "--store", str(store), "-q").exit_code == 0
    (folder / "b.txt").write_text("Harbour Deal Signed\nPublished: 2025-11-21\n\n"
                                  "Prime Minister Rui Tavares signed the harbour deal.\n", encoding="utf-8")
    assert run("build", str(folder / "b.txt"), "--store", str(store), "-q").exit_code == 0
    names = run("query", "SELECT DISTINCT ?a ?n WHERE { ?a a kg:Person ; kg:name ?n }",
                "--store", str(store), "--format", "csv").output.splitlines()[1:]
    assert [n.split(",", 1)[1] for n in names] == ["Rui Tavares"]


def test_the_extract_path_leaves_the_store_server_and_graph_libraries_unloaded():
    """`kg extract` starts as fast as plain spaCy: the commands and modules it runs through
    do not import rdflib, pyoxigraph, networkx or the server."""
    import subprocess
    import sys

    code = ("import sys, kg.cli, kg.build, kg.parallel, kg.partitions; "
            "kg.cli.main.get_command(None, 'extract'); "
            "print(sorted(m for m in ('rdflib', 'pyoxigraph', 'networkx', 'pyvis', 'kg.serve', "
            "'starlette', 'pandas', 'kg.evaluate') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_extract_path_defers_web_fetching_and_the_version_lookup():
    """Reading article files needs neither the web fetcher nor kg's version: both load on
    first use, and then answer as before."""
    import subprocess
    import sys
    from importlib.metadata import version

    code = ("import sys, kg, kg.cli, kg.extract_files; "
            "kg.cli.main.get_command(None, 'extract'); "
            "print('kg.ingest.urls' in sys.modules, '__version__' in vars(kg)); "
            "from kg.ingest import FetchSettings; import kg.ingest as i; "
            "print(FetchSettings is i.urls.FetchSettings, kg.__version__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "True", version("kg")]


def test_ingest_names_no_attribute_it_lacks():
    import kg.ingest

    with pytest.raises(AttributeError, match="no attribute 'fetch_everything'"):
        kg.ingest.fetch_everything  # noqa: B018


def test_help_lists_the_commands_loaded_on_first_use():
    result = run("--help")
    assert result.exit_code == 0
    assert all(f"  {name} " in result.output for name in ("eval", "serve", "push", "extract"))
    assert run("eval", "--help").exit_code == 0


def test_extract_leaves_its_objects_to_the_system_at_exit_and_loses_no_output(corpus):
    """`kg extract` freezes the objects alive at exit (no collector walk over the model)
    only then, not while it runs, however often it runs in one process; the output of the
    command run on its own is all there."""
    import subprocess
    import sys

    article = str(corpus / "one.txt")
    code = ("import atexit, gc, sys; from click.testing import CliRunner; from kg.cli import main; "
            "atexit.register(lambda: print('at exit', gc.get_freeze_count() > 0)); "
            f"runs = [CliRunner().invoke(main, ['extract', {article!r}, '-j', '1']) "
            "for _ in range(2)]; "
            "print('exit codes', *[r.exit_code for r in runs]); "
            "print('while running', gc.get_freeze_count() > 0); "
            "sys.stdout.write(runs[0].output)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    assert lines[:2] == ["exit codes 0 0", "while running False"]
    assert lines[-1] == "at exit True"
    alone = subprocess.run([sys.executable, "-m", "kg.cli", "extract", article, "-j", "1"],
                           capture_output=True, text=True, check=True)
    assert alone.stdout.splitlines() == lines[2:-1]
    assert json.loads(alone.stdout)["article"]["title"] == "Harbour Talks Open in Lisbon"


def _rows(store, sparql: str) -> set[tuple]:
    from kg.store import KGStore

    with KGStore.open(store) as kg_store:
        return {tuple(map(str, r.values())) for r in kg_store.query(sparql)}


SPEAKERS = "SELECT ?s ?a WHERE { ?s kg:speaker/kg:refersTo ?a }"


@pytest.mark.parametrize("fmt", ["nq", "trig", "nt"])
def test_export_resolve_actors_names_each_actor_in_place_of_its_references(built, tmp_path,
                                                                           fmt):
    import pyoxigraph as ox

    from kg.store.files import EXPORT_FORMATS

    out = tmp_path / f"resolved.{fmt}"
    result = run("export", "--store", str(built), "--format", fmt, "--resolve-actors",
                 "-o", str(out))
    assert result.exit_code == 0, result.output
    found = list(ox.parse(path=str(out), format=EXPORT_FORMATS[fmt]))
    terms = {t.value for q in found for t in (q.subject, q.object)
             if isinstance(t, ox.NamedNode)}
    assert not [t for t in terms if "/id/ref/" in t]
    assert not [q for q in found if q.predicate.value.endswith("#refersTo")]
    speakers = {(q.subject.value, q.object.value) for q in found
                if q.predicate.value.endswith("#speaker")}
    assert speakers == _rows(built, SPEAKERS) and speakers


def test_a_resolved_export_names_actors_and_events_not_references(built, tmp_path):
    """``--resolve-actors`` writes each actor and event reference as what it refers to (for
    tools that should not read through kg:refersTo); kg cannot load it back as a store (the
    events' own ids are not in it) and says so in one line."""
    out = tmp_path / "dump.nq"
    assert run("export", "--store", str(built), "--format", "nq", "--resolve-actors",
               "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "/id/eref/" not in text and "/id/ref/" not in text and "/id/event/" in text
    assert "refersTo" not in text and "EventReference" not in text
    result = run("import", str(out), "--store", str(tmp_path / "copy"))
    if result.exit_code == 0:
        result = run("stats", "--store", str(tmp_path / "copy"))
    assert result.exit_code != 0 and "rebuild" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("resolve", [False])
def test_an_export_loads_back_with_the_same_answers(built, tmp_path, resolve):
    """The stored layout loads back as it is: the same answers, and the shapes hold."""
    from kg.ontology_files import example_queries

    out = tmp_path / "dump.nq"
    flags = ["--resolve-actors"] if resolve else []
    assert run("export", "--store", str(built), "--format", "nq", *flags,
               "-o", str(out)).exit_code == 0
    copy = tmp_path / "copy"
    result = run("import", str(out), "--store", str(copy))
    assert result.exit_code == 0, result.output
    for q in [SPEAKERS, *(q["sparql"] for q in example_queries())]:
        assert _rows(copy, q) == _rows(built, q), q
    result = run("validate", "--store", str(copy))
    assert result.exit_code == 0, result.output
