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


# --- handling told in a story: more of the company side's acts, none of the grievance ---

from advisor.corpus.handling import told_actions  # noqa: E402


@pytest.mark.parametrize("sentence", [
    "此案经协商后,业者同意减免月租费,双方和解。",  # the trader, in a consumer official's words
    "经过沟通,医方承诺为王女士重新出一个新方案。",
    "鉴于客户年龄偏大,网点迅速启动了服务应急预案,向支行办公室进行了报告。",  # an emergency plan started
    "考虑到客户工作繁忙,工作人员与其约好周末前往家中面谈。",
    "对此,本公司已教导有关车长须礼待乘客,做好情绪管理。",  # staff instructed
    "对此,县教育局回应,已责成该幼儿园按要求退费。",  # a subordinate ordered to act
    "热力公司已安装新的热泵机组保障供热达标。",
])
def test_the_company_sides_acts_are_told_steps(sentence):
    assert told_actions(sentence) == [sentence]


@pytest.mark.parametrize("sentence", [
    "7月9日,陈女士在百货大楼购买了一台空调,当时店方口头承诺会在11日当天帮她安装。",  # the sale, no handling
    "顾客到派出所报了案,店方称监控坏了。",  # 派出所 is no help sent
    "车子送到4S店后仍无法启动,经理说要等配件。",  # a car that will not start
    "她与厂家联系要求解决,厂方却久拖不决。",  # the maker dragging on
    "厂家只保维护,不能退货。",
])
def test_the_grievance_is_no_told_step(sentence):
    assert told_actions(sentence) == []


@pytest.mark.parametrize("sentence", [
    "另查明,某健身馆于2019年8月办理注册登记,登记的经营者为王某某。",  # a finding
    "王女士质疑,面诊医生和治疗医生给出的方案不一样,医方前端承诺和后端服务不一致。",  # the customer's claim
    "园方此前曾宣传,一次性交3年的学费,读满3年后可以全额退款。",  # what was promised before
])
def test_findings_claims_and_past_promises_are_no_told_step(sentence):
    assert told_actions(sentence) == []


def test_the_writers_own_view_is_the_thinking():
    text = "业主反映小区垃圾一个月没人清理,物业说人手不够。\n对此,大家怎么看?笔者认为物业既然收了物业费,就应当负起责任来。"
    kept = story_part(text)
    assert "笔者认为" not in kept and "业主反映" in kept
