"""Typed records of the training subpackage: card options, the trainer card and practice results."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")
DIFFICULTY_LABELS: dict[str, str] = {"easy": "简单", "medium": "中等", "hard": "困难"}
ObjectiveKind = Literal["acknowledge", "listen", "verify", "explain", "remedy", "follow_up", "escalate", "internal"]
KIND_LABELS: dict[str, str] = {
    "acknowledge": "致歉认责", "listen": "倾听安抚", "verify": "核实情况", "explain": "解释说明",
    "remedy": "解决方案", "follow_up": "时限与跟进", "escalate": "升级上报", "internal": "内部处理",
}
CriterionBasis = Literal["objective", "communication", "conduct", "persona"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CardOptions(_Model):
    """What the trainer chooses; None lets the seed (weighted by the case text) pick the persona."""

    difficulty: Difficulty = "medium"
    personality: str | None = None
    motive: str | None = None
    seed: int = 0


class PersonaSource(_Model):
    """The passage a persona type is taken from: file and quote, the quote in simplified script."""

    source_file: str
    quote: str


class Persona(_Model):
    """Who the role-player plays: personality × motive, behaviours and how hard to push."""

    personality: str = Field(min_length=1)
    motive: str = Field(min_length=1)
    description: str
    behaviours: list[str]
    intensity: int = Field(ge=1, le=5)
    intensity_note: str
    tip: str = ""
    sources: list[PersonaSource] = Field(default_factory=list)


class Background(_Model):
    """What the trainer reads first: the precedent's facts and where they come from."""

    facts: str
    context: str = ""
    source: str
    files: list[str] = Field(default_factory=list)


class Trigger(_Model):
    """Something the trainee may do that makes the customer angrier, and what the customer then says."""

    text: str = Field(min_length=1)
    customer_line: str = ""
    origin: Literal["precedent", "persona", "case"]
    active: bool


class Objective(_Model):
    """One observable action the trainee must take in this case."""

    kind: ObjectiveKind
    text: str = Field(min_length=1)
    check: str = ""
    example: str = ""
    source: str = ""
    from_case: bool = True


class RubricCriterion(_Model):
    """One weighted scoring line with 优/良/差 behaviour descriptors specific to it.

    Objective criteria point at their objective (`objective` index) and are matched against its
    text and example; the other criteria are matched against `references`.
    """

    name: str = Field(min_length=1)
    weight: int = Field(ge=0, le=100)
    excellent: str = Field(min_length=1)
    good: str = Field(min_length=1)
    poor: str = Field(min_length=1)
    basis: CriterionBasis
    objective: int | None = None
    references: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _levels_distinct(self) -> RubricCriterion:
        if len({self.excellent, self.good, self.poor}) < 3:
            raise ValueError(f"评分项“{self.name}”的优/良/差描述必须各不相同")
        return self


class Reference(_Model):
    """What the precedent actually did (shown after practice), its outcome and where it comes from."""

    handling: list[str] = Field(default_factory=list)
    outcome: str = ""
    analysis: list[str] = Field(default_factory=list)
    note: str = ""


class Card(_Model):
    """A trainer card built from one precedent: what the 培训情景 page shows, edits, exports and scores."""

    case_id: str
    title: str = Field(min_length=1)
    case_title: str
    industry: str
    complaint_type: str = ""
    difficulty: Difficulty
    seed: int
    background: Background
    persona: Persona
    opening: str = Field(min_length=1)
    triggers: list[Trigger]
    objectives: list[Objective] = Field(min_length=1)
    rubric: list[RubricCriterion] = Field(min_length=1)
    management_points: list[str] = Field(default_factory=list)
    deadlines: list[str] = Field(default_factory=list)
    grading: list[str] = Field(default_factory=list)
    avoid_phrases: list[str] = Field(default_factory=list)
    reference: Reference

    @model_validator(mode="after")
    def _consistent(self) -> Card:
        total = sum(c.weight for c in self.rubric)
        if total != 100:
            raise ValueError(f"评分权重合计必须为 100，当前为 {total}")
        for c in self.rubric:
            if c.objective is not None and not 0 <= c.objective < len(self.objectives):
                raise ValueError(f"评分项“{c.name}”指向不存在的学员目标 {c.objective + 1}")
        return self


class CriterionResult(_Model):
    """How one rubric criterion fared in a practice reply."""

    name: str
    met: bool
    evidence: str = ""


class PracticeResult(_Model):
    """A scored practice reply: 0–100, per-criterion verdicts, phrases to avoid it used, the precedent."""

    score: int = Field(ge=0, le=100)
    criteria: list[CriterionResult]
    avoid_hits: list[str] = Field(default_factory=list)
    precedent_handling: list[str] = Field(default_factory=list)
