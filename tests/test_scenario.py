"""Tests for trainer role-play scenario building (advisor.scenario) and the persona typology data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from advisor.models import Case, Citation, GuidanceItem, Guideline, SourceSpan
from advisor.training.scenario import (
    GENERIC_ACTIONS,
    MOTIVES,
    PERSONALITIES,
    PERSONAS_PATH,
    Scenario,
    ScenarioOptions,
    apply_edits,
    build_scenario,
    load_personas,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent

AUTO_STEPS = [
    "就维修技术及质量问题与客户沟通、致歉",
    "采取补救措施解决用户车辆故障问题必要时上门服务",
    "减免本次维修费用",
    "对维修当事人内部教育处理",
]


@pytest.fixture
def auto_case() -> Case:
    return Case(
        id="case-auto-airbag",
        title="更换安全气囊后报警灯亮并收取抢修费引发投诉",
        industry="汽车",
        complaint_type="维修质量",
        format="labelled",
        facts=(
            "某客户车辆发生事故后,在维修站更换了主、副安全气囊;使用一段时间后发现安全气囊灯报警;"
            "维修站接客户反映后赶到当地,检测后发现是由于之前更换副气囊时,发生器连接线接线方式错误所致;"
            "于是维修站更换副气囊连接线,之后安全气囊灯报警现象未再出现;并要求用户支付抢修费用; "
            "但是客户认为发生安全气囊灯报警与维修站没有为其更换连接线有关,因此拒绝支付抢修费用等,并向上海大众投诉;"
        ),
        management_thinking=[
            "维修质量保证问题:由于维修站采取非规范的维修操作方式,造成车辆故障隐患,是客户对维修质量产生质疑抱怨的第一因素",
            "客户反映车辆问题后,维修站没有首先核实自身问题而向客户收取费用,这是客户抱怨升级导致投诉的触发点",
        ],
        handling_steps=list(AUTO_STEPS),
        improvements=["加强当事人维修技能专业培训", "加强员工维修、服务规范的培训"],
        sources=[SourceSpan(file="001_6b8e38dafb8a237f.txt", start=9100, end=9650)],
    )


@pytest.fixture
def property_case() -> Case:
    return Case(
        id="case-prop-lobby",
        title="装修材料堆放大堂引发冲突",
        industry="物业",
        facts=(
            "我们小区规定,为了保持大堂整洁,运送所有装修材料和装修垃圾都要走二层电梯厅。"
            "某业主在装修时无视物业规定,硬把水泥、灰渣等材料堆放在一层大堂的门边,"
            "管理处大堂保安上前制止时,与装修工发生了冲突。双方在推搡时,业主的老母亲不慎摔倒,该业主报了警。"
            "我到达现场时,看到该业主情绪激动,我马上意识到应该立刻控制事态。"
        ),
        sources=[SourceSpan(file="001_6b8e38dafb8a237f.txt", start=20100, end=20600)],
    )


@pytest.fixture
def principle() -> Guideline:
    return Guideline(
        id="g-skills",
        title="丰富处理技巧",
        kind="principle",
        industry="物业",
        text=(
            "1.倾听,不与争辩。一定要以平静关切的心态,认真耐心地听取业户的投诉,让业户清楚地将投诉的问题表述完整。"
            "2.记录投诉内容。对业户的遭遇或不幸表示歉意、理解或同情,让业户心态得以平衡。"
            "5.明确回复时限,按时处理完毕。"
        ),
    )


@pytest.fixture
def guidance() -> list[GuidanceItem]:
    cite = Citation(title="功略之六:丰富处理技巧", file="002_a17a0dff6b6ac628.txt", start=100, end=300)
    return [
        GuidanceItem(
            category="deadline",
            standard="物业投诉处理时限",
            label="24小时内回复",
            detail="一般属业户对管理处的投诉,务必在24小时内予以处理并回复业户",
            citation=cite,
        ),
        GuidanceItem(
            category="grading",
            standard="重大投诉认定",
            label="重大/严重投诉",
            detail="对同一事项投诉的业户达到10户以上",
            citation=cite,
        ),
    ]


def _build(case: Case, **options: object) -> Scenario:
    return build_scenario(case, ScenarioOptions(**options))


# ---------------------------------------------------------------- determinism and options


def test_same_seed_gives_identical_json(auto_case: Case, guidance: list[GuidanceItem]) -> None:
    first = build_scenario(auto_case, ScenarioOptions(seed=7), guidance)
    second = build_scenario(auto_case, ScenarioOptions(seed=7), guidance)
    assert first.model_dump_json() == second.model_dump_json()


def test_different_seeds_vary_persona_or_opening(auto_case: Case) -> None:
    cards = [_build(auto_case, seed=seed) for seed in range(12)]
    variants = {(c.persona.personality, c.persona.motive, c.opening) for c in cards}
    assert len(variants) > 1
    assert {c.seed for c in cards} == set(range(12))


def test_build_does_not_touch_global_random(auto_case: Case) -> None:
    import random

    random.seed(123)
    expected = random.random()
    random.seed(123)
    _build(auto_case, seed=5)
    assert random.random() == expected


def test_fixed_personality_and_motive_are_used(auto_case: Case) -> None:
    s = _build(auto_case, personality="暴跳如雷型", motive="求补偿", seed=3)
    assert (s.persona.personality, s.persona.motive) == ("暴跳如雷型", "求补偿")
    lib = load_personas()
    assert any(s.opening.startswith(lead) for lead in lib.personalities["暴跳如雷型"].lead_ins["medium"])
    assert any(demand in s.opening for demand in lib.motives["求补偿"].demands)


def test_options_reject_unknown_values() -> None:
    with pytest.raises(ValidationError):
        ScenarioOptions(difficulty="extreme")
    with pytest.raises(ValidationError):
        ScenarioOptions(personality="愤怒型")
    with pytest.raises(ValidationError):
        ScenarioOptions(motive="求关注")


# ---------------------------------------------------------------- difficulty


def test_difficulty_raises_intensity_and_active_triggers(auto_case: Case) -> None:
    cards = {
        d: _build(auto_case, difficulty=d, personality="情绪型", motive="求尊重", seed=2)
        for d in ("easy", "medium", "hard")
    }
    levels = [cards[d].persona.intensity for d in ("easy", "medium", "hard")]
    assert levels[0] < levels[1] < levels[2]
    assert len({cards[d].persona.intensity_note for d in cards}) == 3

    active = {d: {t.text for t in cards[d].triggers if t.active} for d in cards}
    assert all(t.active for t in cards["hard"].triggers)
    assert 0 < len(active["easy"]) < len(active["hard"])
    assert active["easy"] <= active["medium"] <= active["hard"]
    # The same triggers are listed at every difficulty; only which are active changes.
    assert [t.text for t in cards["easy"].triggers] == [t.text for t in cards["hard"].triggers]


def test_triggers_come_from_precedent_faults_and_persona(auto_case: Case) -> None:
    s = _build(auto_case, personality="理性型", motive="求补偿", difficulty="hard")
    precedent = [t.text for t in s.triggers if t.origin == "precedent"]
    assert any("没有首先核实自身问题" in t for t in precedent)
    assert any("非规范的维修操作方式" in t for t in precedent)
    lib = load_personas()
    persona_texts = {t.text for t in s.triggers if t.origin == "persona"}
    assert set(lib.personalities["理性型"].triggers) <= persona_texts
    assert set(lib.motives["求补偿"].triggers) <= persona_texts


def test_facts_triggers_skip_the_customers_own_claims(auto_case: Case) -> None:
    auto_case.management_thinking = []
    auto_case.facts += "维修站没有及时通知客户取车;"
    s = _build(auto_case, difficulty="hard")
    precedent = [t.text for t in s.triggers if t.origin == "precedent"]
    assert any("维修站没有及时通知客户取车" in t for t in precedent)
    assert not any("认为" in t for t in precedent)


def test_narrative_case_still_gets_persona_triggers(property_case: Case) -> None:
    s = _build(property_case, difficulty="easy")
    assert s.triggers
    assert any(t.active for t in s.triggers)


# ---------------------------------------------------------------- opening


def test_opening_is_first_person_from_facts(auto_case: Case) -> None:
    for seed in range(6):
        opening = _build(auto_case, seed=seed).opening
        assert "我" in opening
        assert "某客户" not in opening
        assert "客户" not in opening
        assert "安全气囊" in opening
    # The grievance at the end of the facts (refusing the repair fee) is kept.
    assert "拒绝支付抢修费用" in _build(auto_case).opening


def test_opening_stops_where_staff_narrator_takes_over(property_case: Case) -> None:
    opening = _build(property_case, personality="理性型", motive="求解决").opening
    assert "某业主" not in opening and "该业主" not in opening
    assert "我的老母亲" in opening
    assert "你们小区规定" in opening
    # "我到达现场" is the property manager speaking, not the owner.
    assert "到达现场" not in opening


def test_opening_rewrites_named_customers_and_staff_we() -> None:
    bank = Case(
        id="bank-queue",
        title="客户要求插队办理业务",
        industry="银行",
        facts=(
            "客户赵女士在XX支行办理业务,称自己身体不好不能等待,大堂经理耐心对其安抚,让其稍等几分钟。"
            "赵女士坚决要求加塞,之后投诉到我行客户服务中心。"
        ),
    )
    opening = _build(bank).opening
    assert "赵女士" not in opening
    assert "对我安抚" in opening and "让我稍等" in opening
    assert "投诉到你们银行客户服务中心" in opening


def test_opening_for_case_without_facts_is_still_first_person() -> None:
    bare = Case(id="bare", title="停车位收费争议")
    opening = _build(bare).opening
    assert "我" in opening and "停车位收费争议" in opening


# ---------------------------------------------------------------- objectives and rubric


def test_labelled_case_objectives_come_from_steps(auto_case: Case) -> None:
    s = _build(auto_case)
    assert [o.text for o in s.objectives] == AUTO_STEPS
    assert not any(o.from_general_principles for o in s.objectives)
    assert all(o.check for o in s.objectives)
    checks = {o.text: o.check for o in s.objectives}
    assert "致歉" in checks["就维修技术及质量问题与客户沟通、致歉"]
    assert "费用" in checks["减免本次维修费用"]


def test_narrative_case_objectives_from_principles(property_case: Case, principle: Guideline) -> None:
    s = build_scenario(property_case, ScenarioOptions(), principles=[principle])
    assert s.objectives
    assert all(o.from_general_principles for o in s.objectives)
    from_passage = [o for o in s.objectives if o.source == principle.title]
    assert from_passage
    assert all(o.text in principle.text for o in from_passage)
    assert all(c.from_general_principles for c in s.rubric if c.basis == "general_principles")
    assert any(c.basis == "general_principles" for c in s.rubric)
    assert "通用处理原则" in s.reference.note


def test_narrative_case_without_principles_uses_builtin_actions(property_case: Case) -> None:
    s = _build(property_case)
    assert len(s.objectives) >= 3
    assert all(o.from_general_principles and o.text in GENERIC_ACTIONS for o in s.objectives)


def test_steps_that_are_only_numbering_still_give_objectives() -> None:
    odd = Case(id="odd", title="空步骤", handling_steps=["1、", " (2) "])
    s = _build(odd)
    assert s.objectives and s.rubric


@pytest.mark.parametrize("difficulty", ["easy", "medium", "hard"])
@pytest.mark.parametrize("seed", [0, 1, 9])
def test_rubric_weights_sum_to_100_with_descriptors(
    auto_case: Case, property_case: Case, guidance: list[GuidanceItem], difficulty: str, seed: int
) -> None:
    for case in (auto_case, property_case):
        s = build_scenario(case, ScenarioOptions(difficulty=difficulty, seed=seed), guidance)
        assert sum(c.weight for c in s.rubric) == 100
        assert all(c.weight > 0 for c in s.rubric)
        assert all(c.excellent and c.good and c.poor for c in s.rubric)


def test_rubric_derived_from_steps_thinking_and_deadlines(
    auto_case: Case, guidance: list[GuidanceItem]
) -> None:
    s = build_scenario(auto_case, ScenarioOptions(), guidance)
    names = [c.name for c in s.rubric]
    assert set(AUTO_STEPS) <= set(names)
    bases = {c.basis for c in s.rubric}
    assert {"handling_step", "management_thinking", "deadline"} <= bases
    deadline_row = next(c for c in s.rubric if c.basis == "deadline")
    assert "24小时内回复" in deadline_row.excellent
    # Steps are what the precedent actually did, so they weigh more than any generic line.
    step_weights = [c.weight for c in s.rubric if c.basis == "handling_step"]
    assert min(step_weights) > deadline_row.weight


def test_guidance_split_into_deadlines_and_grading(auto_case: Case, guidance: list[GuidanceItem]) -> None:
    s = build_scenario(auto_case, ScenarioOptions(), guidance)
    assert len(s.deadlines) == 1 and "24小时内回复" in s.deadlines[0]
    assert len(s.grading) == 1 and "10户以上" in s.grading[0]
    assert not _build(auto_case).deadlines


def test_background_and_reference_carry_the_precedent(auto_case: Case) -> None:
    s = _build(auto_case)
    assert "安全气囊灯报警" in s.background.facts
    assert "001_6b8e38dafb8a237f.txt" in s.background.source
    assert s.background.files == ["001_6b8e38dafb8a237f.txt"]
    assert s.reference.handling_steps == AUTO_STEPS
    assert len(s.reference.management_thinking) == 2
    assert s.reference.improvements[0] == "加强当事人维修技能专业培训"


# ---------------------------------------------------------------- personas.json


def test_personas_cover_the_corpus_typology() -> None:
    lib = load_personas()
    assert tuple(lib.personalities) == PERSONALITIES
    assert tuple(lib.motives) == MOTIVES
    for profile in lib.personalities.values():
        assert set(profile.intensity) == {"easy", "medium", "hard"}
        assert profile.behaviours and profile.description
        assert all("我" in lead for leads in profile.lead_ins.values() for lead in leads)


def test_persona_quotes_are_verbatim_in_their_source_files() -> None:
    raw = json.loads(PERSONAS_PATH.read_text(encoding="utf-8"))
    entries = [*raw["personalities"].items(), *raw["motives"].items()]
    assert len(entries) == 8
    for name, entry in entries:
        text = (PROJECT_ROOT / entry["source_file"]).read_text(encoding="utf-8")
        assert entry["quote"] in text, name
    # The motive typology is quoted in the traditional script of its source.
    assert "心態之一:求尊重" in raw["motives"]["求尊重"]["quote"]
    assert raw["personalities"]["暴跳如雷型"]["quote"].startswith("四、暴跳如雷型")


def test_persona_carries_its_sources(auto_case: Case) -> None:
    s = _build(auto_case, personality="忧郁型", motive="求发泄")
    files = [src.source_file for src in s.persona.sources]
    assert files == ["corpus/001_6b8e38dafb8a237f.txt", "corpus/002_a17a0dff6b6ac628.txt"]
    assert "忧郁型" in s.persona.sources[0].quote


# ---------------------------------------------------------------- editing


def test_apply_edits_validates_and_merges(auto_case: Case) -> None:
    s = _build(auto_case, difficulty="easy")
    edited = apply_edits(s, {"opening": "我就想问问,这钱凭什么让我出?", "persona": {"intensity": 5}})
    assert edited.opening == "我就想问问,这钱凭什么让我出?"
    assert edited.persona.intensity == 5
    assert edited.persona.personality == s.persona.personality
    assert s.persona.intensity != 5  # the original card is unchanged


@pytest.mark.parametrize(
    "edits",
    [
        {"persona": {"personality": "愤怒型"}},
        {"persona": {"intensity": 9}},
        {"difficulty": "impossible"},
        {"opening": ""},
        {"objectives": []},
        {"unknown_field": 1},
        {"triggers": [{"text": "x", "origin": "precedent", "active": "maybe"}]},
    ],
)
def test_apply_edits_rejects_invalid_values(auto_case: Case, edits: dict) -> None:
    with pytest.raises(ValidationError):
        apply_edits(_build(auto_case), edits)


def test_apply_edits_rejects_rubric_weights_not_summing_to_100(auto_case: Case) -> None:
    s = _build(auto_case)
    rubric = [c.model_dump() for c in s.rubric]
    rubric[0]["weight"] += 5
    with pytest.raises(ValidationError, match="100"):
        apply_edits(s, {"rubric": rubric})
    rubric[1]["weight"] -= 5
    assert sum(c.weight for c in apply_edits(s, {"rubric": rubric}).rubric) == 100
