"""An outside authority's view inside a news story (a consumer official, a regulator's staff, a lawyer), told after
a clause of the story rather than at a paragraph's start: the view is the case's thinking, the story around it
stays the story. Texts written for the tests after patterns of news reports in the development splits."""

from __future__ import annotations

import pytest

from advisor.corpus.fields import story_part


@pytest.mark.parametrize(("text", "view", "story"), [
    # after a clause of the story, the one sentence of the view; the story goes on after it
    ("酒店称已打过两遍叫醒电话,在调查过程中,工商人员指出,叫醒服务属于住宿服务的附随义务。最终酒店赔偿300元。",
     "叫醒服务属于住宿服务的附随义务", "最终酒店赔偿300元"),
    ("饭店回应,电话中已告知不可取消,不过消保官说,就算电话有告知,也得遵守定型化契约。",
     "也得遵守定型化契约", "饭店回应"),
    ("此案受理调解中,消保官认为,变更契约本应双方合意。远传截稿前尚无回应。",
     "变更契约本应双方合意", "远传截稿前尚无回应"),
])
def test_an_authoritys_view_after_a_clause_is_the_thinking(text, view, story):
    kept = story_part(text)
    assert view not in kept
    assert story in kept


@pytest.mark.parametrize("text", [
    # the council telling a case is the story ("消委会指,有投诉人…", "消委会表示,投诉人陈小姐…")
    "消委会指,有投诉人于网购平台订购货品,须额外支付运费,其后货件被人取走。",
    "消委会表示,投诉人陈小姐入住海景套房,发现景观被大厦遮挡,酒店最后退回一半房费。",
    # news the authority reports, no judgement of the case
    "今年投诉量上升,中消协表示,随着出境游市场火热,预订境外酒店的需求持续增长。",
    # someone speaking to the authority is a party of the story, not the authority
    "公司今年4月向消委会表示,已与事主达成共识换机,预计4月中旬安排。",
    "他对法官诉说:饭店乘他不在之机擅自搬走了全部物品,应当赔偿。",
    # a quoted opinion inside someone's words stays in the quote
    "顾客说:“我找了律师,律师认为,商家应当赔偿。”店长没有回应。",
])
def test_what_is_no_outside_view_stays_the_story(text):
    assert story_part(text) == text


def test_a_company_staff_members_words_tell_the_story():
    text = "记者联系了物业,物业经理表示,电梯配件已经到货,应该这两天能修好。"
    assert story_part(text) == text
