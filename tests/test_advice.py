"""The action plan: steps merged from matching precedents and rules, extractive, relevant, of the right industry."""

from __future__ import annotations

import pytest

from advisor.guidance.advice import MAX_STEPS, bigram_rarity, build_advice, matching_cases
from advisor.guidance.clauses import is_stage
from advisor.guidance.plan import plan_markdown, plan_text
from advisor.models import Citation, GuidanceItem, Hit, SearchResult, SourceSpan
from advisor.text.markdown import escape_md


def case(cid: str, title: str, steps: list[str], *, industry: str = "汽车", confidence: str = "高",
         score: float = 3.0, facts: str = "", terms: list[str] | None = None) -> Hit:
    return Hit(kind="case", id=cid, title=title, score=score, industry=industry, handling_steps=steps,
               steps_origin="section", facts=facts or title, text=facts or title, confidence=confidence,
               matched_terms=terms or [], sources=[SourceSpan(file="a.txt", start=0, end=10)])


def rule(gid: str, text: str, *, industry: str = "通用", kind: str = "procedure") -> Hit:
    return Hit(kind="guideline", id=gid, title=f"规程{gid}", score=1.0, industry=industry, guideline_kind=kind,
               record_type="rules", text=text, confidence="中")


def deadline(label: str, primary: bool = True) -> GuidanceItem:
    return GuidanceItem(category="deadline", standard="某制度", label=label, detail=label, matched=["汽车一般时限"],
                        citation=Citation(title="某制度", file="r.txt", start=0, end=5), industry="汽车", primary=primary)


BRAKE = "客户说新买的车刹车有异响修了三次还没好要退车"


def test_steps_are_merged_across_precedents_and_ordered_by_support():
    hits = [
        case("c1", "刹车异响反复维修", ["向客户致歉并安排技术经理复检", "提供代步车"], facts="刹车异响修了三次"),
        case("c2", "刹车片异响投诉", ["向客户致歉，并安排技术经理复检", "按三包规定协商退换"], score=2.8),
    ]
    advice = build_advice(BRAKE, hits, [deadline("24小时内回复客户")], "汽车")
    assert 3 <= len(advice.steps) <= MAX_STEPS
    first = advice.steps[0]
    assert first.sources == ["c1", "c2"]  # the near-duplicate of two precedents, merged, comes first
    assert advice.deadlines[0].label == "24小时内回复客户"


def test_a_step_repeated_within_a_longer_one_is_merged_into_it():
    hits = [
        case("c1", "刹车异响反复维修", ["问题一旦出现,4S店应及时拟定处理方案,争取把损失降至最低。另一方面,积极坦诚面对客户,获取客户的理解与支持。"],
             facts="刹车异响修了三次"),
        case("c2", "刹车片异响投诉", ["4S店应及时拟定处理方案,争取把损失降至最低。", "按三包规定协商退换"], score=2.8),
    ]
    steps = build_advice(BRAKE, hits, [], "汽车").steps
    repeated = [s for s in steps if "拟定处理方案" in s.text]
    assert len(repeated) == 1 and repeated[0].sources == ["c1", "c2"]
    assert any("三包" in s.text for s in steps)  # a step of its own stays


def test_every_step_is_a_passage_of_a_document_it_cites():
    hits = [case("c1", "刹车异响反复维修", ["1、向客户致歉并安排技术经理复检；", "(2)提供代步车"])]
    steps = build_advice(BRAKE, hits, [], "汽车").steps
    texts = {h.id: " ".join(h.handling_steps) for h in hits}
    for step in steps:
        assert any(step.text in texts[s] for s in step.sources)


def test_a_step_carrying_another_incidents_details_is_left_out():
    blower = case("c9", "检修空调异响", ["对鼓风机损坏与保养是否存在必然联系作出合理的技术解释", "在维修收费上适当给予优惠"],
                  confidence="中", facts="客户保养后发现空调异响，鼓风机损坏，维修站要求收费")
    rarity = bigram_rarity(["鼓风机损坏", "维修收费优惠", "维修收费上的说明", "收费标准与优惠"])
    texts = [s.text for s in build_advice(BRAKE, [blower], [], "汽车", rarity=rarity).steps]
    assert not any("鼓风机" in t for t in texts)
    assert "在维修收费上适当给予优惠" in texts


def test_the_best_precedents_own_remedy_stays_however_particular():
    story = case("c7", "菜里吃出钢丝", ["李女士立即将此情况反映给了餐厅值班的王经理,王经理先给李女士一家赔礼道歉,"
                                       "然后提出带李女士前往医院治疗,并且免除当晚的所有餐费。",
                                       "王经理检查后告知鼓风机损坏,维修费用约200元,但在更换前发现报错了零件。"],
                 industry="餐饮", confidence="中", facts="李女士一家聚餐,菜里吃出钢丝,王经理赔礼道歉,免除当晚餐费,"
                                                        "鼓风机损坏,报错了零件")
    rarity = bigram_rarity(["菜里吃出钢丝"])  # every other bigram of the story is found in no other record
    texts = [s.text for s in build_advice("菜里吃出钢丝球", [story], [], "餐饮", rarity=rarity).steps]
    assert "王经理先给李女士一家赔礼道歉,然后提出带李女士前往医院治疗,并且免除当晚的所有餐费。" in texts
    assert not any("鼓风机" in t for t in texts)  # a finding told by the company side is no remedy


def test_only_matching_cases_of_a_compatible_industry_give_steps():
    hits = [case("c1", "银行排队", ["开通绿色通道"], industry="银行", confidence="高"),
            case("c2", "车辆维修", ["安排复检"], confidence="低", score=0.1),
            case("c3", "车辆保养", ["退还费用"], confidence="中", score=2.9)]
    assert [h.id for h in matching_cases(hits, "汽车")] == ["c3"]
    assert [h.id for h in matching_cases(hits, "银行")] == ["c1"]


def test_rule_clauses_fill_in_when_precedents_give_too_few():
    hits = [case("c1", "刹车异响", ["安排技术经理复检"])]
    procedures = [rule("g1", "1.接到投诉后应在24小时内联系客户。2.应耐心倾听客户陈述，不得推诿。3.本案中原告胜诉。")]
    steps = build_advice(BRAKE, hits, [], "汽车", procedures=procedures).steps
    texts = [s.text for s in steps]
    assert "安排技术经理复检" in texts
    assert any(t.startswith("接到投诉后应在24小时内联系客户") for t in texts)
    assert not any("本案" in t for t in texts)  # a legal analysis is no step
    assert all(s.origin == "rule" for s in steps if s.sources == ["g1"])


def test_another_industrys_procedure_gives_no_steps_but_a_related_industrys_principles_do():
    procedures = [rule("g1", "1.应立即通知管理处派保安到场。2.接待人员应奉上茶水并请客户填写投诉单。", industry="物业"),
                  rule("g2", "1.应向客户道歉并说明处理时限。2.应通知物业管理处跟进。", industry="物业", kind="principle")]
    query = "业主说交房晚了三个月要求赔偿违约金"  # real estate: 物业 is a related industry
    assert [s.text for s in build_advice(query, [], [], "房地产", procedures=procedures).steps] == ["应向客户道歉并说明处理时限。"]
    # a car dealer's staff take no principle of a property company's rulebook (judged a platitude of another trade)
    assert build_advice(BRAKE, [], [], "汽车", procedures=procedures).steps == []


def test_what_someone_told_the_reporter_is_no_step():
    hits = [case("c1", "楼上漏水物业不管", ["物业客户服务总监郭先生表示,初步确定漏水水源为楼上住户", "物业立即派人到现场查看漏水原因并做好记录"],
                 industry="物业", terms=["漏水", "楼上"])]
    texts = [s.text for s in build_advice("楼上漏水 物业不管", hits, [], "物业").steps]
    assert texts == ["物业立即派人到现场查看漏水原因并做好记录"]


def test_when_the_industry_is_unknown_only_a_general_procedure_gives_steps():
    procedures = [rule("g1", "1.保险消费投诉应当由投保人本人提出。2.应核对保单号码并登记。", industry="保险"),
                  rule("g2", "1.应记录客户诉求并在当天回复处理进度。", industry="通用")]
    texts = [s.text for s in build_advice("退款15天了还没到账,一直说在处理", [], [], None, procedures=procedures).steps]
    assert texts == ["应记录客户诉求并在当天回复处理进度。"]


def test_situational_steps_need_the_situation_and_topics_must_match():
    procedures = [rule("g1", "1.应由媒介负责人统一接受媒体采访。2.应耐心倾听客户陈述。"),
                  rule("g2", "1、质量问题:应给予及时维修。2、合同问题:延期交房的,应按合同约定赔偿。")]
    texts = [s.text for s in build_advice("业主说交房晚了三个月要求赔偿", [], [], "房地产", procedures=procedures).steps]
    assert "应耐心倾听客户陈述。" in texts and not any("媒体" in t for t in texts)
    assert any(t.startswith("合同问题:延期交房的,应按合同约定赔偿") for t in texts)  # its condition kept
    assert not any("维修" in t for t in texts)  # the rule for quality complaints is not for a late handover
    media = build_advice("业主说交房晚了三个月，要找电视台曝光", [], [], "房地产", procedures=procedures).steps
    assert any("媒体" in s.text for s in media)


def test_preventive_measures_of_a_precedent_are_not_steps():
    hits = [case("c1", "延期交房", ["问题一旦出现,应及时拟定处理方案", "集团职能部门务必严格把控项目进度节点"],
                 industry="房地产", confidence="高")]
    texts = [s.text for s in build_advice("业主说交房晚了", hits, [], "房地产").steps]
    assert "问题一旦出现,应及时拟定处理方案" in texts
    assert not any("集团" in t for t in texts)


def test_only_primary_guidance_and_document_deadlines_when_the_rulebook_has_none():
    from advisor.models import Guideline

    folded = deadline("别家时限", primary=False)
    assert build_advice(BRAKE, [], [folded], "汽车").deadlines == []
    water = Guideline(id="g-w", title="供水服务规范·6、投诉处理", kind="deadline", industry="供水",
                      text="6、投诉处理。对客户反映的投诉应予以及时处理。一般情况3个工作日内答复处理结果，特殊情况不超过15个工作日。",
                      sources=[SourceSpan(file="w.txt", start=5, end=80)])
    advice = build_advice("家里停水三天了报修没人管", [], [], "供水", rules=[water])
    assert advice.deadlines and "3个工作日内" in advice.deadlines[0].detail
    assert advice.deadlines[0].citation.file == "w.txt"
    assert [c.id for c in advice.cited] == ["g-w"]


def test_document_deadlines_come_from_one_standard():
    from advisor.models import Guideline

    one = Guideline(id="g-1", title="投诉处理流程·一般投诉", kind="deadline", industry="银行",
                    text="一般投诉银行会在接到投诉后的5个工作日内给予回复。复杂投诉在接到投诉后的10个工作日内给予回复。",
                    sources=[SourceSpan(file="a.txt", start=0, end=40)])
    other = Guideline(id="g-2", title="投诉归档", kind="deadline", industry="银行",
                      text="处理时限方面,银行通常规定在3个工作日内完成投诉处理。", sources=[SourceSpan(file="b.txt", start=0, end=30)])
    advice = build_advice("监管转办过来的投诉件,我们行规定多少个工作日内要给客户答复", [], [], "银行", rules=[other, one])
    assert len({d.citation.file for d in advice.deadlines}) == 1 and len(advice.cited) == 1
    # the other document's best time limit is folded, not shown as the plan's, and not part of the plan's JSON
    assert [f.citation.file for f in advice.folded] == list({"a.txt", "b.txt"} - {advice.deadlines[0].citation.file})
    assert not any(f.primary for f in advice.folded) and "folded" not in advice.model_dump()


def test_a_general_rules_time_limit_when_the_complaints_own_industry_has_none():
    from advisor.models import Guideline

    general = Guideline(id="g-g", title="客户投诉管理制度", kind="deadline", industry="通用",
                        text="客服人员接到客户投诉后做好记录，一般投诉24小时内答复客户。", sources=[SourceSpan(file="g.txt", start=0, end=30)])
    shop = Guideline(id="g-s", title="门店投诉规范", kind="deadline", industry="零售",
                     text="门店接到投诉后3个工作日内答复顾客。", sources=[SourceSpan(file="s.txt", start=0, end=20)])
    query = "外卖平台转来的差评投诉，我们要在多久内处理完"
    # the complaint's own industry first; only without a time limit there, the fallback
    advice = build_advice(query, [], [], "电商", rules=[shop], fallback_rules=[general])
    assert [d.standard for d in advice.deadlines] == ["门店投诉规范"]
    advice = build_advice(query, [], [], "电商", rules=[], fallback_rules=[general])
    assert [d.standard for d in advice.deadlines] == ["客户投诉管理制度"] and [c.id for c in advice.cited] == ["g-g"]


def result_with(advice_query: str = BRAKE) -> SearchResult:
    hits = [case("c1", "刹车异响反复<script>维修", ["向客户致歉并安排技术经理复检", "提供代步车", "按三包规定协商退换"])]
    advice = build_advice(advice_query, hits, [deadline("=24小时内回复")], "汽车")
    return SearchResult(query=advice_query, no_close_precedent=False, took_ms=1.0, hits=hits, advice=advice,
                        industry="汽车")


def test_plan_markdown_cites_titles_escapes_and_masks():
    text = plan_markdown(result_with(BRAKE + "，客户电话13812345678"))
    assert "13812345678" not in text and "138" in text
    assert escape_md("刹车异响反复<script>维修") in text and "<script>" not in text
    assert "1. 向客户致歉并安排技术经理复检" in text and "来源：" in text
    assert text.index("处理时限") < text.index("建议步骤")


def test_plan_text_is_plain_and_numbered():
    text = plan_text(result_with())
    assert "1. 向客户致歉并安排技术经理复检（来源：刹车异响反复<script>维修）" in text
    assert "**" not in text


@pytest.mark.parametrize("text", ["# 标题", "- 列表", "1. 编号", "[链接](http://x)", "`代码`", "| 表 |", ":red[红]", "$x$"])
def test_escape_md_makes_markup_literal(text):
    escaped = escape_md(text)
    assert escaped != text and "\n" not in escaped


def test_a_complainants_duties_and_another_customers_story_are_not_steps():
    procedures = [rule("g1", "1.投诉人应为消费者本人，并提供身份证明。2.应在受理后24小时内联系投诉人。", kind="principle")]
    hits = [case("c1", "包裹丢失", ["张先生一直关注物流信息，最终收到了包裹", "快递公司安排专人跟进并道歉"],
                 industry="快递", confidence="高")]
    hits[0] = hits[0].model_copy(update={"steps_origin": "story"})
    texts = [s.text for s in build_advice("包裹显示签收但客户没收到", hits, [], "快递", procedures=procedures).steps]
    assert "快递公司安排专人跟进并道歉" in texts
    assert not any("张先生" in t or "投诉人应为" in t for t in texts)


def test_what_the_customer_did_and_notices_for_complainants_are_not_steps():
    hits = [case("c1", "包裹未更新", ["张先生持续关注物流信息", "快递公司客服主动致歉并核查包裹位置"], industry="快递",
                 confidence="高"),
            rule("g1", "1.投诉人应当为消费者本人。2.被委托人应当出示书面委托证明。", kind="principle")]
    hits[1] = hits[1].model_copy(update={"title": "旅客须知·二、投诉应符合的条件"})
    texts = [s.text for s in build_advice("包裹显示签收 客户没收到", hits, [], "快递").steps]
    assert "快递公司客服主动致歉并核查包裹位置" in texts
    assert not any("张先生" in t or "委托" in t for t in texts)


def test_what_a_guest_did_and_a_headline_are_not_steps():
    hits = [case("c1", "海景房投诉", ["初次投诉处理:客人入住当天对房间不满意,表示景色不好看不到海,要求换房",
                                       "酒店道歉,官方回应来了!", "大堂经理当面致歉并为客人更换同价位房间"],
                 industry="酒店", confidence="高")]
    texts = [s.text for s in build_advice("客人说订的海景房看不到海 要求换房", hits, [], "酒店").steps]
    assert "大堂经理当面致歉并为客人更换同价位房间" in texts
    assert not any("不满意" in t or "回应来了" in t for t in texts)
    # A rule may end with an exclamation mark for emphasis: it still instructs.
    ruled = build_advice("客人说订的海景房看不到海 要求换房", [rule("g1", "接到客人投诉后必须在30分钟内到场处理！", industry="酒店")],
                         [], "酒店").steps
    assert any("30分钟内到场处理" in s.text for s in ruled)


def test_advice_to_consumers_a_mediators_outcome_and_an_appeal_centres_duty_are_not_steps():
    hits = [case("c1", "退保纠纷", ["了解保险条款与退保规则:消费者投保时应仔细阅读保险条款等重要信息。",
                                     "经工作人员协调,该保险公司最终为消费者全额退保。",
                                     "柜面经理当面向客户解释现金价值的计算方式并致歉。"], industry="保险", confidence="高"),
            rule("g1", "1.邮政业消费者申诉中心应当自接到消费者申诉之日起三十日内向消费者作出答复。\n"
                       "2.保险公司应当在接到投诉之日起7个工作日内将处理结果答复客户。", industry="保险")]
    texts = [s.text for s in build_advice("退保只退了一半 客户说被业务员骗了", hits, [], "保险").steps]
    assert "柜面经理当面向客户解释现金价值的计算方式并致歉。" in texts
    assert not any("仔细阅读" in t or "经工作人员协调" in t or "申诉中心" in t for t in texts)


def test_a_step_cut_where_the_page_excerpt_ends_or_going_on_with_the_story_is_left_out():
    story = case("c8", "医疗纠纷调解", ["2020年11月某日,调解小组在调解室对此次纠纷进行第一次调解。",
                                   "院方向家属致歉,承担部分医疗费用", "医院立即安排专家会诊,我们应首先道歉并立即更换房"],
                 industry="医疗", facts="患者术后出现并发症,家属要求赔偿")
    story = story.model_copy(update={"text": "患者术后出现并发症,家属要求赔偿。医院立即安排专家会诊,我们应首先道歉并立即更换房"})
    procedures = [rule("g2", "一、接到投诉后应及时调整方案\n二、15分钟内初步响应业主,确认投")]
    texts = [s.text for s in build_advice("病人手术后出现并发症,家属要求医院赔偿", [story], [], "医疗",
                                          procedures=procedures).steps]
    assert "院方向家属致歉,承担部分医疗费用" in texts
    assert not any(t.startswith("2020年") or t.endswith(("确认投", "更换房")) for t in texts), texts


def test_a_sentence_of_clauses_that_never_ends_where_the_excerpt_does_is_no_step():
    ending = "王先生怀疑自家燃气表计量不准,但找不到第三方检测机构,燃气公司提供的检测"
    hit = case("c1", "燃气表计量争议", ["派人上门校验燃气表。", ending], industry="燃气", facts=ending)
    hit = hit.model_copy(update={"text": "用户怀疑燃气表走快。派人上门校验燃气表。" + ending})
    texts = [s.text for s in build_advice("用户说燃气表走得快,怀疑计量不准", [hit], [], "燃气").steps]
    assert "派人上门校验燃气表。" in texts
    assert not any("提供的检测" in t for t in texts), texts


def test_a_precedent_below_the_first_hit_sharing_only_the_setting_gives_no_steps_off_the_complaint():
    query = "小区停车费涨价业主群里联名投诉要告到住建局"
    hits = [case("c1", "停车场地纠纷", ["重新划定停车位"], industry="房地产", confidence="中", score=1.9),
            case("c2", "业主投诉噪音问题", ["物业工作人员上门核实噪音来源", "与噪音制造者沟通,要求降低音量"],
                 industry="物业", confidence="中", score=1.2, terms=["投诉", "小区", "业主"])]
    advice = build_advice(query, hits, [], "物业")
    assert not any("噪音" in s.text for s in advice.steps)
    # the same precedent matching the problem itself (停车费) keeps its steps
    hits[1] = case("c2", "停车费上涨引发投诉", ["召开业主座谈会说明停车费调整依据"], industry="物业", confidence="中",
                   score=1.2, terms=["停车费", "业主"])
    assert any("停车费调整依据" in s.text for s in build_advice(query, hits, [], "物业").steps)


def test_a_number_shared_with_the_complaint_does_not_make_a_lower_precedents_step_about_it():
    query = "客人在房间被床上的虫子咬了,要求赔医药费和房费共3400元"
    hits = [case("c1", "臭虫问题引发的投诉", ["为客人更换房间并彻底消杀"], industry="酒店", confidence="中", score=1.9),
            case("c2", "客房噪音扰民", ["向客人解释噪音来源,并联系12345寻求帮助"], industry="酒店", confidence="中", score=1.5)]
    texts = [s.text for s in build_advice(query, hits, [], "酒店").steps]
    assert not any("噪音" in t for t in texts), texts
    # a word of the complaint still makes it about the complaint ("ATM" is a word, not a number)
    hits[1] = case("c2", "取款机故障", ["立即安排技术人员检查ATM机"], industry="银行", confidence="中", score=1.5)
    texts = [s.text for s in build_advice("客户说ATM吞卡了", [hits[0].model_copy(update={"industry": "银行"}), hits[1]],
                                          [], "银行").steps]
    assert any("检查ATM机" in t for t in texts), texts


def test_a_story_sentence_about_a_customer_by_nickname_or_in_mojibake_is_no_step():
    hits = [case("c1", "银行存款变保单", ["经协调,保险公司全额退还了老刘的本金。", "网点负责人上门向客户致歉并说明产品性质"],
                 industry="银行", facts="老刘到银行存钱被推销成保险"),
            case("c2", "增值业务扣费", ["爸劣诶钕壬趺礇]有发送也订制了,我们将进行调查!", "营业厅核查扣费记录后全额退费"],
                 industry="电信")]
    for hit in hits:
        texts = [s.text for s in build_advice("客户说存款被换成了保险要求退本金", [hit.model_copy(update={"steps_origin": "story"})],
                                              [], hit.industry).steps]
        assert texts and not any("老刘" in t or "钕" in t for t in texts), texts


def test_what_staff_did_after_a_run_in_label_and_the_customers_choice_stays():
    hit = case("c1", "菜品异物", ["后续动作:顾客选择更换菜品并接受折扣,经理全程跟进新菜上桌,用餐结束后再次赠送果盘致歉。"],
               industry="餐饮", facts="顾客在菜里吃出头发")
    texts = [s.text for s in build_advice("顾客说菜里有头发", [hit], [], "餐饮").steps]
    assert texts == ["经理全程跟进新菜上桌,用餐结束后再次赠送果盘致歉。"]


@pytest.mark.parametrize(("title", "text"), [
    ("旅游投诉暂行规定·(七)投诉处理", "旅游行政主管部门应当制作笔录。应当在5日内作出是否受理的决定,并通知投诉者和被投诉者。"),
    ("投诉供电局的基本流程详解·投诉前的准备工作", "了解供电局的联系方式和服务时间也是必要的准备工作,应保留好电费单据。"),
    # an appeals centre's own time limits between the user (申诉人) and the carrier (被申诉人)
    ("电信用户申诉·申诉处理时限", "申诉受理机构应当自收到申诉材料之日起5个工作日内作出受理决定。应当在30日内向申诉人作出答复。"),
])
def test_a_regulators_procedure_and_a_guide_for_complainants_give_no_steps(title, text):
    guide = rule("g1", text).model_copy(update={"title": title})
    assert build_advice("游客投诉导游强迫购物要求退钱", [guide], [], None).steps == []


def test_a_list_cut_after_its_first_item_is_no_step_but_a_clause_ending_in_a_response_time_is():
    guide = rule("g1", "1.应根据其投诉性质的不同采取相应的处理方式:a.普通投诉。\n2.重大投诉应在12小时内响应。\n"
                       "3.受理部门接待投诉者要礼貌、热情、诚 恳,认真做好登记。")
    texts = [s.text for s in build_advice("客户投诉服务态度差", [guide], [], None).steps]
    assert "重大投诉应在12小时内响应。" in texts
    assert "受理部门接待投诉者要礼貌、热情、诚恳,认真做好登记。" in texts  # a PDF's space inside a word
    assert not any("普通投诉" in t for t in texts)


def test_a_regulators_time_limits_are_no_deadline_of_the_company():
    from advisor.models import Guideline

    regulator = Guideline(id="g-t", title="旅游投诉处理办法·第十条", kind="deadline", industry="旅游",
                          text="旅游行政主管部门应在接到投诉之日起5日内作出是否受理的决定。被投诉者应在接到通知之日起10日内作出书面答复。",
                          sources=[SourceSpan(file="t.txt", start=0, end=60)])
    agency = regulator.model_copy(update={"id": "g-a", "title": "旅行社服务规范·投诉处理",
                                          "text": "对游客的投诉,门店应在24小时内联系游客,3个工作日内答复处理结果。"})
    assert build_advice("游客投诉导游强迫购物", [], [], "旅游", rules=[regulator]).deadlines == []
    shown = build_advice("游客投诉导游强迫购物", [], [], "旅游", rules=[regulator, agency]).deadlines
    assert [d.citation.file for d in shown] == ["t.txt"] and "24小时内" in shown[0].detail


def test_a_short_condition_stays_with_its_rule_and_a_clause_cut_before_its_verb_is_no_step():
    guide = rule("g1", "1.人员权限等当场无法答复的,应履行告之义务并约定下一个回复时间。\n"
                       "2.当投诉的问题得到解决后,物业部所属小组应根据业主/用户的投诉")
    texts = [s.text for s in build_advice("业主投诉物业维修一直拖着", [guide], [], None).steps]
    assert "人员权限等当场无法答复的,应履行告之义务并约定下一个回复时间。" in texts
    assert not any(t.endswith("的投诉") for t in texts)


@pytest.mark.parametrize("told", [
    "接到投诉后,某区市场监管局工作人员与投诉人联系了解情况,随后与4S店负责人沟通调解。",  # a regulator's deed
    "经调解员多次沟通和调解,维修店决定再次免费维修,双方终于达成一致。",  # a mediator's
    "应保留好维修合同、发票、配件清单等凭证,以便日后维权。",  # advice to the complainant
    "然而,等待了一段时间后,他们接到的回复却是维修站正忙,无法安排检修。",  # the story going on
    "行政",  # where a page's excerpt ends
    "该投诉的核心问题在于:客户认为维修价格偏高,并且维修站没有尽告知义务。",  # the analysis
    "退款数额的争议。",  # an issue named, no action
    "这类渠道的优势是有第三方组织介入,能够在消费者与商家之间推动协商。",  # a comment on a kind of thing
    "接到投诉后,工作人员调查发现被投诉方已告知消费者产品实物的材质及含量。",  # a regulator's view of the two sides
])
def test_what_a_regulator_a_mediator_or_the_complainant_did_is_no_step(told):
    hits = [case("c1", "刹车异响反复维修", [told, "向客户致歉并安排技术经理复检"], facts="刹车异响修了三次")]
    texts = [s.text for s in build_advice(BRAKE, hits, [], "汽车").steps]
    assert told not in texts and "向客户致歉并安排技术经理复检" in texts


def test_how_to_turn_down_extortion_is_a_step_only_when_the_complaint_is_one():
    refuse = "如果投诉人敲诈金额远超可接受的额度,或是无理取闹,应坚持原则,该回绝的一定要坚决回绝"
    hits = [case("c1", "客户投诉理财亏损", [refuse, "向客户致歉并核实销售过程"], industry="银行", facts="理财亏损投诉")]
    plain = [s.text for s in build_advice("客户说理财亏了要求银行赔偿", hits, [], "银行").steps]
    extortion = [s.text for s in build_advice("客户理财亏了狮子大开口要赔二十万,不给就闹", hits, [], "银行").steps]
    assert refuse not in plain and refuse in extortion


def test_an_unreasonable_customers_case_gives_no_steps_to_a_complaint_that_shows_none():
    hits = [case("c1", "有礼有节,严守底线,客户无理取闹无疾而终", ["对这类客户应通过沟通表明立场,使其问题通过内部渠道解决"],
                 industry="银行", facts="客户无理取闹要求赔偿")]
    assert not build_advice("客户说理财亏了要求银行赔偿", hits, [], "银行").steps
    assert build_advice("客户理财亏了狮子大开口要赔二十万", hits, [], "银行").steps


def test_a_story_step_naming_a_particular_person_by_letter_is_left_out():
    story = case("c1", "理赔争议", ["保险公司立即更换专员Y先生对接,耐心解释条款依据"], industry="保险", facts="理赔争议")
    story = story.model_copy(update={"steps_origin": "story"})
    assert not build_advice("车险定损金额太低客户不满", [story], [], "保险").steps


def test_a_step_naming_someone_of_its_incident_by_letter_needs_a_close_match():
    step = "保险公司立即更换非属地专员Y先生对接,耐心解释条款依据"
    hits = [case("c1", "理赔争议产生", [step, "向客户致歉并重新核定损失"], industry="保险", confidence="中", facts="理赔争议")]
    texts = [s.text for s in build_advice("车险定损金额太低客户不满", hits, [], "保险").steps]
    assert step not in texts and "向客户致歉并重新核定损失" in texts


def test_what_a_newspaper_did_in_a_precedent_is_no_step():
    hit = case("c1", "理财当存款卖", ["记者通过多次电话联系,将黄先生和该银行分行相关人员约至本报读者接待室,当面调解。",
                                   "银行当天联系客户,当面道歉并为客户办理了全额赎回。"],
               industry="银行", facts="客户在网点买理财被说成存款")
    texts = [s.text for s in build_advice("客户说理财经理把理财当存款卖给他", [hit], [], "银行").steps]
    assert texts == ["银行当天联系客户,当面道歉并为客户办理了全额赎回。"]


def test_the_complaint_arriving_is_no_step_of_its_own():
    hit = case("c1", "导游强制购物", ["接到投诉", "旅行社当天联系游客致歉,并退还购物店的全部货款。"], industry="旅游",
               facts="游客投诉导游强制购物")
    texts = [s.text for s in build_advice("游客投诉导游带进店强制购物", [hit], [], "旅游").steps]
    assert texts == ["旅行社当天联系游客致歉,并退还购物店的全部货款。"]


def test_a_procedure_for_another_kind_of_problem_gives_no_step():
    creep = rule("g-creep", "(1)电能表潜动首先应帮助客户分析是不是存在电能表潜动的情况,并引导客户正确检查。\n"
                            "座席人员应告知客户断开电能表负荷端总开关,确认表盘是否连续转动。", industry="电力")
    outage = rule("g-out", "(2)单户停电报修回答要点首先应询问客户是否属于欠费停电,再请客户检查表后开关。", industry="电力")
    water = rule("g-w", "水质问题应立即派人上门取样检测,并告知客户检测结果。", industry="电力")
    steps = build_advice("客户家里突然停电,说没收到停电通知,冰箱里的东西坏了要求赔偿", [creep, outage, water], [], "电力").steps
    assert [s.sources for s in steps] == [["g-out"]]  # neither the meter-creep item nor the water-quality clause
    steps = build_advice("客户说家里没用电电能表还在转,怀疑电表潜动多收电费", [creep], [], "电力").steps
    assert steps and all(s.sources == ["g-creep"] for s in steps)


def test_a_stage_of_the_procedure_holds_for_every_complaint_but_a_kind_of_problem_does_not():
    procedures = [rule("g1", "1. 投诉接收\n渠道:电话、邮箱、前台登记。\n要求:\n记录投诉人姓名、联系方式、投诉对象、具体内容。\n"
                             "2. 投诉分类与确认\n分类:\n教学类:课程质量、教师态度。\n要求:\n2小时内初步判断投诉类型及紧急程度。\n"
                             "3. 质量问题:应安排技术人员上门检测。", industry="教育")]
    texts = [s.text for s in build_advice("家长投诉外教一对一换成了中教,要求退剩下的课时费", [], [], "教育",
                                          procedures=procedures).steps]
    assert "记录投诉人姓名、联系方式、投诉对象、具体内容。" in texts  # the stage's "要求:" label dropped
    assert "2小时内初步判断投诉类型及紧急程度。" in texts
    assert not any("检测" in t for t in texts)  # the rule for quality complaints is not for a change of teacher


@pytest.mark.parametrize(("topic", "stage"), [("投诉接收\n渠道:", True), ("投诉分类与确认", True), ("回访要求:", True),
                                              ("质量问题:", False), ("重大投诉:", False), ("收费争议:", False)])
def test_a_stage_label_is_told_from_a_kind_of_problem(topic, stage):
    assert is_stage(topic) is stage


def test_a_precedents_own_sums_a_cut_time_and_a_finding_are_no_steps():
    hit = case("c1", "旅行团被强制购物", ["旅行社全额退还消费者参团费用43,597元。", "00,导游与领队前往游客房间核对购物单据。",
                                      "进一步调查显示,该导游已于当日离团。", "旅行社与购物店再次核查,但仍无所获。"], industry="旅游")
    assert build_advice("旅行团被导游拉去购物店强制消费,游客要求退款", [hit], [], "旅游").steps == []
    # a sum the complaint names is its own
    paid = case("c2", "盗刷", ["银行冻结账户并退还了被盗刷的500元。"], industry="银行")
    assert build_advice("信用卡被盗刷500元,客户要求银行退还", [paid], [], "银行").steps


def test_lines_run_together_without_punctuation_are_no_step():
    procedures = [rule("g1", "1.管理处应尽快实施维修方案维修方案执行的过程中要及时与业主进行沟通了解业主的意见。"
                             "2.应及时回访业主,了解处理结果是否满意。", industry="物业")]
    texts = [s.text for s in build_advice("业主投诉楼道灯坏了一个月没人修", [], [], "物业", procedures=procedures).steps]
    assert texts == ["应及时回访业主,了解处理结果是否满意。"]


def test_a_rulebook_for_one_problem_instructs_only_a_complaint_of_that_problem():
    lost = rule("g1", "1.记录事件整个过程。2.通知保安部并与保安人员共同到达现场。", industry="酒店")
    lost = lost.model_copy(update={"title": "客人丢失物品处理标准"})
    cleared = "客人订了两晚,第二天回来发现房间被清了,行李被挪到前台"
    assert build_advice(cleared, [], [], "酒店", procedures=[lost]).steps == []
    stolen = "客人说房间里的手表丢失了,怀疑被人拿走,要求酒店调查"
    assert build_advice(stolen, [], [], "酒店", procedures=[lost]).steps


def test_a_precedents_grievance_is_no_step():
    hits = [case("c1", "快递不送上门", ["快递员不送件上门,只是发个短信了事。", "快递公司向客户致歉并安排重新派送上门。"],
                 industry="快递")]
    texts = [s.text for s in build_advice("快递员不送上门直接放驿站", hits, [], "快递").steps]
    assert texts == ["快递公司向客户致歉并安排重新派送上门。"]


def test_what_falls_to_the_authorities_is_no_step():
    quiz = rule("g1", "用户用电不得危害供电安全。对危害供电安全的,应由相关执法部门进行处理,供电企业无权制止。"
                "受理客户投诉时,如不能当即处理的,应留下客户联系方式,承诺在规定时间内答复客户。", industry="电力")
    texts = [s.text for s in build_advice("停电好几个小时,用户要求赔偿冰箱里的食物", [], [], "电力", procedures=[quiz]).steps]
    assert not any("执法部门" in t or "无权" in t for t in texts)
    assert any("留下客户联系方式" in t for t in texts)


def test_a_timelines_cut_times_and_a_lead_into_a_list_are_no_steps_but_the_action_before_the_lead_is():
    watch = case("c7", "贵重物品遗失", ["为尽快查明事实,酒店调取了当天的监控录像进行对比分析,形成了详细的时间线:",
                                        "08李女士佩戴手表回到房间", "24小时内向客人反馈调查结果"],
                 industry="酒店", facts="客人在酒店遗失了一块手表")
    steps = build_advice("客人退房后说房间里丢了一块手表,说是保洁拿的", [watch], [], "酒店").steps
    texts = [s.text for s in steps]
    assert "为尽快查明事实,酒店调取了当天的监控录像进行对比分析" in texts  # the words stay the document's
    assert not any(t.startswith("08") or t.endswith((":", "：")) for t in texts)
    assert "24小时内向客人反馈调查结果" in texts  # a time limit is no cut time
    for step in steps:
        assert step.text in " ".join(watch.handling_steps)


def test_a_lists_lead_in_glued_before_its_first_point_is_left_out_of_a_rule_step():
    book = rule("r1", "⑴ 重要问题的界定:a.发生费用在3000元以上的;b.一般问题超过二周未解决妥的。\n"
                "⑵ 处理过程中,除按照一般问题处理步骤进行外,还需进行下列步骤:\na、 由受理部门经理指定专门人员负责全过程跟踪;\n"
                "b、 征求客户意见,进行协调,最终确定方案。", industry="房地产")
    texts = [s.text for s in build_advice("业主投诉房本拖了一年半没办下来", [], [], "房地产", procedures=[book]).steps]
    assert any(t.startswith("由受理部门经理指定专门人员负责全过程跟踪") for t in texts), texts
    assert not any("下列步骤" in t for t in texts)


def test_a_precedent_step_told_with_its_debrief_keeps_only_the_handling():
    hit = case("c1", "估超电量出差错被投诉", ["事件发生后,该供电公司立即派人上门核实现场情况,主动道歉,按实际电量重新计算电费,"
                                        "并对责任人进行考核。"], industry="电力", facts="供电所估超电量,客户电费翻倍")
    texts = [s.text for s in build_advice("客户说这个月电费翻倍了怀疑抄表估错", [hit], [], "电力").steps]
    assert "事件发生后,该供电公司立即派人上门核实现场情况,主动道歉,按实际电量重新计算电费" in texts
    assert not any("考核" in t for t in texts)
