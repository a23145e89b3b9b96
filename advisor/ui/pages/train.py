"""培训情景: a role-play card from any precedent — options, edits, exports, packs and practice."""

from __future__ import annotations

import hashlib

import streamlit as st
from pydantic import ValidationError

from advisor import Advisor, AdvisorError
from advisor.auth.users import can
from advisor.training import (
    DIFFICULTY_LABELS,
    Card,
    CardOptions,
    PracticeResult,
    apply_edits,
    card_to_docx,
    card_to_json,
    card_to_markdown,
    pack_to_docx,
    pack_to_json,
    pack_to_markdown,
)
from advisor.ui import auth, state
from advisor.ui.cardview import edit_errors, edit_form, render_card
from advisor.ui.components import fail, valid_choice
from advisor.ui.practice import practice

RANDOM = "按案情选择"
AUTO = "按案例难度"
ALL = "全部"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def pick_case(advisor: Advisor) -> str | None:
    """A search box and a select box over the library's cases."""
    left, right = st.columns([1, 2])
    find = left.text_input("查找案例", key="tr_find", placeholder="输入关键词，如：漏水、退款")
    cases = [r for r in advisor.records(kind="case", text=find) if r.record_type == "case"]
    if not cases:
        right.info("没有匹配的案例，请换个关键词。")
        return None
    titles = {c.id: f"{c.title}（{c.industry}）" for c in cases}
    if st.session_state.get("tr_case") not in titles:
        st.session_state["tr_case"] = next(iter(titles))
    return right.selectbox("案例", list(titles), key="tr_case", format_func=titles.__getitem__)


def card_options(advisor: Advisor) -> CardOptions:
    """难度, 性格, 心态 and the random seed."""
    personas = advisor.personas()
    st.session_state.setdefault("tr_difficulty", "medium")  # defaults via state: the values are kept across pages
    cols = st.columns(4)
    difficulty = cols[0].selectbox("难度", list(DIFFICULTY_LABELS), key="tr_difficulty",
                                   format_func=DIFFICULTY_LABELS.__getitem__)
    personality = cols[1].selectbox("性格", [RANDOM, *personas.personalities], key="tr_personality")
    motive = cols[2].selectbox("心态", [RANDOM, *personas.motives], key="tr_motive")
    seed = cols[3].number_input("随机种子", 0, 9999, key="tr_seed")
    return CardOptions(difficulty=difficulty, seed=int(seed), personality=None if personality == RANDOM else personality,
                       motive=None if motive == RANDOM else motive)


def signature(case_id: str, options: CardOptions) -> str:
    """Identifies a generated card (edits and practice belong to it)."""
    return hashlib.sha1(f"{case_id}|{options.model_dump_json()}".encode()).hexdigest()[:10]


def edit_tab(card: Card, sig: str) -> None:
    """The edit form; valid edits replace the card shown, invalid ones are listed in Chinese."""
    edits = edit_form(card, sig)
    if edits is not None:
        try:
            st.session_state.setdefault("tr_edited", {})[sig] = apply_edits(card, edits)
        except ValidationError as exc:
            st.error("修改未应用：" + "；".join(edit_errors(exc)))
            return
        st.success("修改已应用。")
        st.rerun()
    if sig in st.session_state.get("tr_edited", {}):
        st.button("恢复自动生成的情景卡", key="tr_reset", on_click=reset_edits, args=(sig,))


def reset_edits(sig: str) -> None:
    """Drop the edited card and the form's values, so the form shows the generated card again."""
    st.session_state.get("tr_edited", {}).pop(sig, None)
    for key in [k for k in st.session_state if str(k).startswith("ed_") and str(k).endswith(sig)]:
        del st.session_state[key]


def card_tab(card: Card) -> None:
    render_card(card)
    exports(card)


def exports(card: Card) -> None:
    downloads("下载", "培训情景", "tr", card_to_markdown(card), card_to_json(card), card_to_docx(card))


def downloads(label: str, name: str, key: str, markdown: str, json_text: str, docx: bytes) -> None:
    """Markdown, JSON and Word downloads side by side (keys `{key}_md`, `{key}_json`, `{key}_docx`)."""
    files = (("Markdown", "md", markdown.encode("utf-8"), "text/markdown"),
             ("JSON", "json", json_text.encode("utf-8"), "application/json"), ("Word", "docx", docx, DOCX))
    with st.container(horizontal=True, gap="small"):
        for kind, ext, data, mime in files:
            st.download_button(f"{label} {kind}", data, file_name=f"{name}.{ext}", mime=mime, key=f"{key}_{ext}",
                               icon=":material/download:")


def pack_section(advisor: Advisor) -> None:
    """A balanced pack of cards for a class, downloadable as Markdown, JSON or Word."""
    st.session_state.setdefault("pk_count", 5)
    cols = st.columns(4)
    industries = [ALL, *advisor.industries()]
    valid_choice("pk_industry", industries)
    industry = cols[0].selectbox("行业", industries, key="pk_industry")
    count = cols[1].number_input("数量", 1, 30, key="pk_count")
    difficulty = cols[2].selectbox("难度", [AUTO, *DIFFICULTY_LABELS], key="pk_difficulty",
                                   format_func=lambda d: DIFFICULTY_LABELS.get(d, d))
    seed = cols[3].number_input("随机种子", 0, 9999, key="pk_seed")
    if st.button("生成情景包", key="pk_build", type="primary"):
        st.session_state["pack"] = advisor.pack(None if industry == ALL else industry, int(count),
                                                None if difficulty == AUTO else difficulty, int(seed))
    cards: list[Card] | None = st.session_state.get("pack")
    if cards is None:
        return
    if not cards:
        st.info("该行业没有可用的案例。")
        return
    st.caption(f"共 {len(cards)} 个情景：" + "、".join(c.title for c in cards[:10]) + ("…" if len(cards) > 10 else ""))
    downloads("下载情景包", "情景包", "pk", pack_to_markdown(cards), pack_to_json(cards), pack_to_docx(cards))


def scorer(advisor: Advisor, case_id: str, options: CardOptions, card: Card, edited: bool):
    """Score against the card on screen: the facade's for a generated card, the edited card's otherwise."""
    def score(reply: str) -> PracticeResult:
        # An edited rubric must count: the card on screen is scored, not a regenerated one.
        return advisor.practice(case_id, reply, options, card=card if edited else None)
    return score


def main() -> None:
    role, _ = auth.require_role(state.settings())
    if not can(role, "train"):
        st.error("你的账号没有使用培训情景的权限。")
        st.stop()
    advisor = state.current()
    case_id = pick_case(advisor)
    if case_id is None:
        return
    options = card_options(advisor)
    sig = signature(case_id, options)
    try:
        generated = advisor.card(case_id, options)
    except AdvisorError as exc:
        fail(f"无法生成情景卡：{exc}")
        return
    card = st.session_state.get("tr_edited", {}).get(sig, generated)
    views = {
        "情景卡": lambda: card_tab(card),
        "编辑": lambda: edit_tab(card, sig),
        "练习": lambda: practice(card, sig, scorer(advisor, case_id, options, card, card is not generated)),
        "情景包": lambda: pack_section(advisor),
    }
    # Stateful tabs: only the open one runs (no Word export built while practising), reruns stay on it.
    for tab, view in zip(st.tabs(list(views), key="tr_tab", on_change="rerun"), views.values(), strict=True):
        if tab.open is not False:
            with tab:
                view()


main()
