"""Persona typology: the company's file (quotes verbatim in its sources), simplified for display; built-in default."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError
from test_training_fixtures import PERSONAS_FILE, ROOT, auto_case, traditional_in

from advisor.training import CardOptions, build_card, load_personas


def test_file_typology_has_complete_types() -> None:
    lib = load_personas(PERSONAS_FILE)
    assert len(lib.personalities) >= 2 and len(lib.motives) >= 2
    for profile in lib.personalities.values():
        assert set(profile.intensity) == set(profile.lead_ins) == {"easy", "medium", "hard"}
        assert all("我" in lead for leads in profile.lead_ins.values() for lead in leads)
    for profile in [*lib.personalities.values(), *lib.motives.values()]:
        for t in profile.triggers:
            assert t.behaviour.startswith("学员") and t.line.endswith(("。", "？", "！"))


def test_quotes_are_verbatim_in_their_sources_and_simplified_when_loaded() -> None:
    raw = json.loads(PERSONAS_FILE.read_text(encoding="utf-8"))
    entries = [*raw["personalities"].values(), *raw["motives"].values()]
    sources = [e for e in entries if e.get("source_file")]
    assert sources
    for entry in sources:
        path = ROOT / entry["source_file"]
        if path.exists():  # the corpus is the company's; the quote must be its own text
            assert entry["quote"] in path.read_text(encoding="utf-8")
    assert traditional_in([e["quote"] for e in sources])  # some sources are in traditional script
    lib = load_personas(PERSONAS_FILE)
    loaded = [p.quote for p in [*lib.personalities.values(), *lib.motives.values()]]
    assert traditional_in(loaded) == []


def test_builtin_default_when_no_file(tmp_path) -> None:
    for path in (None, tmp_path / "missing.json"):
        lib = load_personas(path)
        assert lib.personalities and lib.motives
        card = build_card(auto_case(), CardOptions(seed=1), personas=lib)
        assert card.persona.sources == [] and "我" in card.opening


def test_invalid_file_is_rejected(tmp_path) -> None:
    bad = tmp_path / "personas.json"
    bad.write_text(json.dumps({"personalities": {}, "motives": {}}), encoding="utf-8")
    with pytest.raises(ValidationError):
        load_personas(bad)


def test_traditional_file_is_converted(tmp_path) -> None:
    raw = json.loads(PERSONAS_FILE.read_text(encoding="utf-8"))
    raw["motives"]["求补偿"]["demands"] = ["該賠的你們得賠。"]
    path = tmp_path / "personas.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    lib = load_personas(path)
    assert lib.motives["求补偿"].demands == ["该赔的你们得赔。"]
