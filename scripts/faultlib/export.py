"""Fault cases (export): personal data where text leaves the app (feedback DB, action plan, cards)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from helpers import FakeEncoder

from advisor import Advisor
from advisor.retrieval.index import build_index

from .common import CASES, LAB, Case, Result, case

# --------------------------------------------------------------------------- export: where text leaves the app

PHONE, ID18, CARD = "13812345678", "110101199003071234", "6222021234567890"
PII_STORY = (f"银行客户投诉问题处理典型案例9\n客户信息泄露投诉\n【事件经过】2024年3月5日客户王女士（手机{PHONE}，身份证{ID18}）"
             f"到支行办理业务，要求把5000元退款打到卡号{CARD}，柜员办理超时引发投诉。\n"
             "【案例点评】柜员应耐心解释办理时限。\n【经验启示】一是要耐心安抚客户情绪。\n二是要及时向上级报告。\n")
RAW = (PHONE, ID18, CARD)


@contextlib.contextmanager
def _pii_advisor() -> Iterator[Advisor]:
    settings = LAB.fresh("bank_case.txt", "guideline.txt")
    (settings.corpus_dir / "pii_case.txt").write_text(PII_STORY, encoding="utf-8")
    build_index(settings, FakeEncoder(), progress=False)
    yield Advisor.load(settings, FakeEncoder())


def _leaks(text: str) -> list[str]:
    return [raw for raw in RAW if raw in text]


@case("export", "feedback DB stores the masked query")
def _export_feedback() -> Result:
    import sqlite3

    from advisor.feedback.store import record_feedback

    db = LAB.root / "fb-mask" / "feedback.sqlite3"
    record_feedback(db, f"客户{PHONE}身份证{ID18}卡{CARD}投诉", "c-1", 1, True)
    stored = sqlite3.connect(db).execute("SELECT query FROM feedback").fetchone()[0]
    return not _leaks(stored), stored


@case("export", "action plan (Markdown and text) masks the query and escapes Markdown/HTML")
def _export_plan() -> Result:
    from advisor.guidance.plan import plan_markdown, plan_text

    with _pii_advisor() as advisor:
        result = advisor.search(f"<script>alert(1)</script> **客户** [点我](javascript:x) 手机{PHONE} 投诉柜员超时")
    md, text = plan_markdown(result), plan_text(result)
    ok = not _leaks(md + text) and "<script>" not in md and "](javascript:" not in md
    return ok, md.splitlines()[2][:120]


def _card_export(fmt: str) -> Result:
    from advisor.training import card_to_docx, card_to_json, card_to_markdown

    with _pii_advisor() as advisor:
        case_id = next(c.id for c in advisor.cases if PHONE in c.text)
        card = advisor.card(case_id)
    if fmt == "docx":
        import io
        import zipfile

        data = zipfile.ZipFile(io.BytesIO(card_to_docx(card))).read("word/document.xml").decode("utf-8")
    else:
        data = card_to_markdown(card) if fmt == "md" else card_to_json(card)
    leaks = _leaks(data)
    return not leaks, f"unmasked in the {fmt} card: {leaks}" if leaks else f"{fmt} card masked"


for _fmt in ("md", "json", "docx"):
    CASES.append(Case("export", f"trainer card ({_fmt}) masks personal data from the case text",
                      lambda fmt=_fmt: _card_export(fmt)))
