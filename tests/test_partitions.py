"""Tests for kg.partitions: ``kg extract -o DIR`` writes whole parts of JSON Lines in order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.model import Article, Extraction
from kg.partitions import part_paths, write_partitions


def _records(count: int) -> list[Extraction]:
    return [Extraction(article=Article(f"a{i}", f"Title {i}", f"Text {i}.")) for i in range(count)]


def _ids(path: Path) -> list[str]:
    return [json.loads(line)["article"]["id"] for line in path.read_text().splitlines()]


@pytest.mark.parametrize("count, size, parts", [(5, 2, [["a0", "a1"], ["a2", "a3"], ["a4"]]),
                                                (4, 4, [["a0", "a1", "a2", "a3"]]),
                                                (0, 3, [])])
def test_records_are_written_in_parts_of_the_given_size_in_order(tmp_path, count, size, parts):
    assert write_partitions(_records(count), tmp_path / "out", size) == (count, len(parts))
    written = part_paths(tmp_path / "out")
    assert [p.name for p in written] == [f"part-{i:05d}.jsonl" for i in range(len(parts))]
    assert [_ids(p) for p in written] == parts


def test_parts_of_an_earlier_longer_run_are_removed(tmp_path):
    write_partitions(_records(6), tmp_path, 2)
    write_partitions(_records(3), tmp_path, 2)
    assert [_ids(p) for p in part_paths(tmp_path)] == [["a0", "a1"], ["a2"]]
    assert not list(tmp_path.glob("*.tmp"))


def test_an_error_in_the_input_keeps_the_records_before_it(tmp_path):
    def records():
        yield from _records(3)
        raise ValueError("bad input")

    with pytest.raises(ValueError):
        write_partitions(records(), tmp_path, 2)
    assert [_ids(p) for p in part_paths(tmp_path)] == [["a0", "a1"], ["a2"]]
    assert not list(tmp_path.glob("*.tmp"))


@pytest.mark.slow
def test_kg_extract_output_folder_holds_the_stdout_records(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in {"a.txt": "Bridge opens\n\nMayor Ines Okafor opened a bridge in Lagos.\n",
                       "b.txt": "Vote held\n\nThe council of Accra approved a budget on Monday.\n",
                       "c.txt": "School visit\n\nMinister Dara Quist visited a school in Oslo.\n"
                       }.items():
        (folder / name).write_text(text, encoding="utf-8")
    stdout = CliRunner().invoke(main, ["extract", str(folder), "--workers", "1"])
    assert stdout.exit_code == 0, stdout.output
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", str(folder), "-o", str(out), "--part-size", "2"])
    assert result.exit_code == 0, result.output
    assert f"{out}: 3 articles in 2 parts" in result.output
    lines = [line for p in part_paths(out) for line in p.read_text().splitlines()]
    assert lines == stdout.output.splitlines()


def test_kg_extract_output_is_json_only(tmp_path):
    result = CliRunner().invoke(main, ["extract", str(tmp_path), "-o", str(tmp_path / "o"),
                                       "--format", "text"])
    assert result.exit_code == 2 and "--output writes JSON Lines" in result.output
