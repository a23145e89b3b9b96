"""Segmentation of analysis and handling parts in the forms first met in the external development split dev6:
labels known by their head word, glued labels without colon, training cases with 答案, court cases that put
their key point first, lists and tables inside an analysis. Texts written for the tests after those patterns."""

from __future__ import annotations

import pytest
from helpers import seg

from advisor.corpus.roles import headed_label, label_roles


@pytest.mark.parametrize(("label", "roles"), [
    ("敲诈可能性分析", ("thinking",)),
    ("单方处理行为的合规性分析", ("thinking",)),
    ("场景还原", ("facts",)),
    ("解决策略", ("steps",)),
    ("紧急措施", ("steps",)),
    ("处理步骤", ("steps",)),
    ("答案", ("steps",)),
    ("裁判要点", ("thinking",)),
    ("裁判结果", ("outcome",)),
    ("改进建议与行业启示", ("thinking", "improvements")),
    ("整改措施", ("improvements",)),
    ("法律依据", ("thinking",)),  # the law a consumer-rights article applies to the case is its analysis
    ("商品问题显现", ("facts",)),
    ("维护消费者权益行动", ("steps",)),
    ("整改举措", ("improvements",)),
    ("本会跟进", ("steps",)),  # what the consumer council did
    ("破局", ("steps",)),  # a news story's kickers: ## 焦点:… / ## 破局:三步调解… / ## 成效:…
    ("成效", ("outcome",)),
])
def test_labels_are_read_by_their_words_and_their_head_word(label, roles):
    assert label_roles(label) == roles


@pytest.mark.parametrize("text", ["房地产客户投诉案例分析", "家长策略", "车辆保险定损争议", "用户权益保障机制缺陷",
                                  "消费者权益保护", "产品质量问题"])
def test_titles_and_sides_of_a_story_are_no_labels(text):
    assert label_roles(text) == ()


def test_a_head_word_label_needs_words_before_it_and_is_not_a_collection_title():
    assert headed_label("核心分析") and not headed_label("分析") and not headed_label("投诉案例分析")


def test_an_analysis_article_about_one_incident_is_one_case_with_its_analysis():
    out = seg("一、事件背景与争议焦点\n2021年市民刘女士的手机号码被运营商以“存在骚扰电话举报”为由停机,事先没有任何通知,"
              "刘女士多次投诉未果。\n- 投诉核查流程缺乏用户参与\n- 处理决定未设置申诉缓冲期\n"
              "二、单方停机行为的合规性分析\n运营商应在采取限制措施前履行告知义务。本次停机违反了以下规范:\n"
              "- 未落实补救措施:停机后未提供任何替代方案\n三、用户权益保障机制缺陷\n现行处理体系存在保障缺失。\n"
              "四、改进建议与行业启示\n建议建立分级响应体系。单方停机折射出服务流程与监管要求的脱节。\n")
    (case,) = out.cases
    assert not out.guidelines
    thinking = "\n".join(case.management_thinking)
    assert "告知义务" in thinking and "保障缺失" in thinking and "监管要求的脱节" in thinking
    assert any("分级响应" in x for x in case.improvements)
    assert not any("替代方案" in s for s in case.handling_steps)  # a list item's run-in term heads no section


def test_a_numbered_case_without_complaint_words_is_still_kept_as_a_case():
    out = seg("案例一:重疾险理赔争议——条款定义与病理分期的博弈案例背景2022年,陈女士为自己投保某款重疾险,保额50万元,"
              "两年后确诊甲状腺乳头状癌,遂向保险公司申请重疾理赔。保险公司认为属于轻症,只赔付30%。"
              "核心分析1.条款版本差异:陈女士的保单为旧条款,需按投保时条款执行。2.病理报告细节:肿瘤未转移。\n")
    (case,) = out.cases
    assert case.title.startswith("重疾险理赔争议") and "案例背景" not in case.title
    assert "陈女士为自己投保" in case.facts
    assert any("旧条款" in x for x in case.management_thinking)


def test_training_cases_take_their_answer_and_sub_numbered_steps_as_handling():
    out = seg("## 案例一:业主投诉噪音问题\n背景:某小区居民反映隔壁邻居经常在深夜播放音乐,多次沟通无果后向物业投诉。\n"
              "分析:\n1. 法律依据:业主应当遵守管理规约,不得损害其他业主的合法权益。\n2. 处理步骤:\n"
              "- 首先,物业工作人员应上门核实噪音来源。\n- 若属实,物业应与噪音制造者沟通。\n"
              "答案:物业需积极介入调解,必要时协助业主寻求法律支持。\n", "t.md")
    (case,) = out.cases
    steps = "\n".join(case.handling_steps)
    assert "上门核实噪音来源" in steps and "积极介入调解" in steps
    assert any("管理规约" in x for x in case.management_thinking)


def test_headings_named_by_their_head_word_split_a_case_into_its_fields():
    out = seg("# 酒店投诉处理实践\n## 案例一:设施故障致无房可住\n## 场景还原\n王先生深夜抵店,预订的大床房因浴室管道爆裂无法入住,"
              "且当日酒店满房。\n## 敲诈可能性分析\n低概率敲诈:故障客观可见,客人诉求以解决住宿为主。\n## 解决策略\n"
              "前台经理带客人查看漏水现场并致歉,联系周边合作酒店安排同等级房间。\n", "h.md")
    (case,) = out.cases
    assert "浴室管道爆裂" in case.facts
    assert any("故障客观可见" in x for x in case.management_thinking)
    assert any("合作酒店" in x for x in case.handling_steps)


def test_a_key_point_published_before_the_facts_is_the_cases_thinking():
    out = seg("裁判要点\n销售奢侈品的经营者只在商品详情页标注不支持七日无理由退货,并不能自动排除该规则的约束,能否退货取决于商品本身的性质。\n"
              "基本案情\n胡先生在网店购买了一款女包,收到后七日内申请无理由退货,被店主韩某拒绝,胡先生诉至法院。\n"
              "裁判结果\n法院判决韩某为胡先生办理退货并退还货款。\n")
    (case,) = out.cases
    assert any("商品本身的性质" in x for x in case.management_thinking)
    assert "胡先生在网店购买" in case.facts and "退还货款" in case.outcome


def test_a_colon_inside_a_quotation_is_no_label():
    out = seg("基本案情\n胡先生从一家网店购买了一款女包。商品详情界面显示“温馨提示:该商品不支持7天无理由退货”。"
              "胡先生收货后申请退货被拒,投诉到平台。\n处理结果\n平台判定商家退货退款。\n")
    (case,) = out.cases
    assert "温馨提示:该商品不支持7天无理由退货" in case.facts and not case.management_thinking


def test_a_story_of_people_described_not_named_is_a_case():
    out = seg("某天上午办公室来了一男一女,男的进门就说医院拍片还带拍一个送一个的吗?原来,这一男一女同时去拍颈椎片,"
              "技术员为了节省胶片,就把两个人的片子放在一起了,没有剪开就发了下来,于是就有了他们的投诉。\n"
              "最后影像科主任出面,承认工作的失误,片子剪开分装给两个人才告终。\n")
    (case,) = out.cases
    assert "一男一女" in case.facts


def test_an_editorial_paragraph_after_a_news_story_is_its_thinking():
    out = seg("郭女士是一位普通家庭主妇,近日收到了高达18万元的6个月水费账单。自来水公司直接摘走了她家的水表,断掉了生活用水,"
              "并声称不交钱就不供水。\n"
              "面对用户的疑虑,自来水公司本应积极应对,查明真相。智能水表提高了计量的准确性,但自来水公司不能仅仅依赖智能水表,"
              "而忽视了日常的维护与检查。\n")
    (case,) = out.cases
    assert "18万元" in case.facts and "不能仅仅依赖" not in case.facts
    assert any("不能仅仅依赖智能水表" in x for x in case.management_thinking)


def test_a_complainants_own_view_stays_in_the_story():
    out = seg("2024年3月5日,张先生在4S店做完保养,次日发动机故障灯就亮了。张先生向4S店投诉,要求免费检修并赔偿误工费,"
              "4S店称故障与保养无关,拒绝赔偿。\n"
              "张先生认为,4S店本应在交车前检查,必须承担责任,希望厂家给个说法。\n")
    (case,) = out.cases
    assert "必须承担责任" in case.facts and not case.management_thinking


def test_a_typical_case_release_keeps_its_significance_first_and_its_facts_after():
    out = seg("## 案例一 满期保险金应按合同约定领取\n典型意义:满期保险金是在保险期限届满时由保险公司支付给被保险人的一笔金钱。\n"
              "案情简介:刘某为儿子购买了一份人身保险。合同满期时,刘某委托女儿申请领取满期保险金,保险公司以其女儿不是被保险人为由拒付,"
              "引发争议。\n调解经过及结果:调解员解释了合同条款,最终刘某的儿子授权父亲代为领取,双方协商一致。\n"
              "案例提示:投保人需要谨慎确定被保险人。\n", "r.md")
    (case,) = out.cases
    assert case.title.startswith("满期保险金") and "刘某为儿子购买" in case.facts
    thinking = "\n".join(case.management_thinking)
    assert "一笔金钱" in thinking and "谨慎确定被保险人" in thinking
    assert any("授权父亲代为领取" in x for x in case.handling_steps)


def test_a_news_story_told_first_and_discussed_after_is_one_case_with_its_discussion_as_thinking():
    out = seg("一名乘客在G1246次高铁上手持“3车厢19F座”车票,却发现该车厢实际仅有17排座位,他拖着行李箱来回寻找三趟无果,"
              "最终只能站在过道。\n"
              "12306客服对此回应称,此类问题多因列车临时更换车底所致,按流程铁路部门应通过短信提前通知乘客新座位号。\n"
              "尽管铁路部门强调提前通知,但实际执行中存在明显漏洞:通知渠道单一,应急方案粗糙,系统更新滞后。\n"
              "此次“幽灵座位”事件折射出高铁服务的深层问题:超员隐患、调度随意、标注歧义。\n")
    (case,) = out.cases
    assert "19F座" in case.facts
    assert any("折射出高铁服务的深层问题" in x for x in case.management_thinking)


def test_a_comment_after_a_sentence_of_story_and_the_law_the_case_is_judged_by_are_thinking():
    out = seg("投诉人李女士于2022年10月12日在一家烤肉餐馆就餐,发现所点的生菜里有一条大虫子,当即向商家反映,商家只愿打五折。"
              "李女士随即要求消保委介入,最终商家赔偿李女士1600元。这些案例暴露出餐饮行业食材清洗的普遍问题。\n"
              "根据《消费者权益保护法》第七条规定,消费者享有人身、财产安全不受损害的权利。本案中商家理应承担赔偿责任。\n")
    (case,) = out.cases
    assert "大虫子" in case.facts and "暴露出" not in case.facts and "第七条" not in case.facts
    thinking = "\n".join(case.management_thinking)
    assert "食材清洗的普遍问题" in thinking and "理应承担赔偿责任" in thinking


@pytest.mark.parametrize("text", [
    "近日,湖南一小区多名群众通过12398能源监管热线反映小区接连发生停电事件,对日常生活造成极大影响。接诉后,监管办立即开展现场调查,"
    "督促供电企业尽快抢修恢复供电,群众回访表示满意。",
    "某物业公司与街道签订了物业服务合同。一业主经物业公司多次催缴仍不缴纳物业费,物业公司将业主起诉至法院,法院委派调解员主持调解,"
    "最终业主支付了欠缴的物业费。",
])
def test_stories_of_people_described_as_a_group_or_as_one_owner_are_cases(text):
    assert len(seg(text + "\n").cases) == 1


def test_a_round_up_of_complaints_cuts_where_a_run_in_title_or_not_alone_introduces_someone_new():
    out = seg("## 健身消费常见三类纠纷\n"
              "教练私下口头承诺,健身房不认账。李女士在一家健身房办了会员卡并购买40节私教课,教练承诺只买10节也行,"
              "但协议仍然写的20节课。出于信任,李女士签了协议并支付10节课费用。之后教练突然更换,李女士提出退掉剩余课程被拒。\n"
              "身体原因不宜健身,仍被告知不退不转。成都消费者张女士上私教课不久后发现自己已经怀孕,医生建议不宜继续健身,"
              "张女士遂向健身房提出退费或转让,健身房称课程一经售出不退不转,双方协商未果。\n"
              "这不是个别现象。王先生在另一家健身房办卡后,健身房突然关门,王先生投诉到消委会要求退还余款。\n", "g.md")
    facts = sorted(c.facts[:4] for c in out.cases)
    assert len(out.cases) == 3, [c.facts[:20] for c in out.cases]
    assert any("李女士" in c.facts and "张女士" not in c.facts for c in out.cases)
    assert any("张女士" in c.facts and "王先生" not in c.facts for c in out.cases), facts


def test_a_story_that_is_not_alone_starts_a_case_titled_by_its_own_events():
    out = seg("7日,全小姐在经过12天之后才收到她母亲寄来的腊肉,快递的拖延导致腊肉变质,全小姐和快递员理论并拒签,"
              "快递员在争论几句后竟拿锁车的U形锁打人,全小姐随后向快递公司投诉,要求赔偿腊肉损失并处理打人的快递员。\n"
              "这不是偶然事件。同一天,另外一个女士也遭受快递员的殴打。陈女士因为听不清多问了几句,竟遭快递员破口大骂,"
              "陈女士要去投诉,快递员竟然威胁并拿拳头打她。\n")
    assert len(out.cases) == 2
    second = next(c for c in out.cases if "陈女士" in c.facts)
    assert "全小姐" not in second.facts and second.title.startswith("另外一个女士也遭受快递员的殴打")


def test_a_conclusion_label_heads_the_analysis_but_a_medical_conclusion_is_the_story():
    from advisor.corpus.roles import colon_label_roles

    assert colon_label_roles("结论") == ("thinking",)
    out = seg("吴某某因上感前往某区级医院就诊,接诊医生建议其进行b超检查,结论为:肝内未见占位,印象为脂肪肝。"
              "半年后复查发现肝内有4.7厘米的占位,家属认为医院漏诊,向法院起诉要求赔偿。\n")
    assert out.cases and not out.cases[0].management_thinking


def test_subheadings_of_a_markdown_section_stay_in_the_case_that_section_belongs_to():
    # Found in an external dev split: "## 二、法律依据" with "###" law articles under it. The numbering (一、)
    # alone ranks like "###"; the Markdown levels tell the subheadings apart.
    text = ("# 家电维权指南\n## 一、典型案例:空调安装三天就漏水\n"
            "2023年7月,消费者赵先生在某电器城购买了一台空调,安装三天后室内机持续漏水,商家以安装工人操作为由拒绝更换。\n"
            "## 二、法律依据:安装不当同样属于经营者的责任\n### 《消费者权益保护法》的相关规定\n"
            "经营者提供的商品不符合质量要求的,消费者可以要求退货、更换或者修理。\n"
            "本案中,安装服务由商家提供,漏水属于商家的责任。\n"
            "## 三、维权建议\n保留购物凭证和聊天记录,必要时拨打12315。\n")
    out = seg(text, "guide.md")
    (case,) = out.cases
    assert case.title.endswith("空调安装三天就漏水")
    assert any("漏水属于商家的责任" in t for t in case.management_thinking)
    assert "维权建议" not in case.text  # the next "##" section is no part of it


def test_numbered_markdown_cases_end_at_a_higher_markdown_section():
    text = ("# 一、投诉案例\n## 1. 案例一:退票手续费\n案例描述:旅客甲退票时被收取了高额手续费。\n"
            "分析:此案例中,车站及时核实并退还了多收的费用。\n"
            "## 2. 案例二:车厢卫生\n案例描述:旅客乙发现车厢卫生间长时间无人清理。\n"
            "分析:此案例中,列车长立即安排保洁并致歉。\n"
            "# 二、如何让投诉处理公平公正\n## 1. 畅通渠道\n- 建立健全投诉渠道,方便旅客投诉。\n")
    out = seg(text, "cases.md")
    assert len(out.cases) == 2
    assert all("畅通渠道" not in c.text and "公平公正" not in " ".join(c.management_thinking) for c in out.cases)


def test_a_case_told_in_list_items_under_colon_labels_is_a_case_titled_from_its_story():
    text = ("直播带货中的消费者权益案例\n以下是一个直播间退换货的案例。\n案例背景:\n- 2022年,某主播在直播间推广一款保温杯。\n"
            "商品问题显现:\n- 多位观众反馈收到的保温杯不保温,与直播中的演示不一致。\n维护消费者权益行动:\n"
            "- 主播公开道歉,主动联系已下单的消费者,提供退货退款。\n- 平台对该直播间进行了处罚。\n")
    (case,) = seg(text).cases
    assert case.title.startswith("某主播在直播间推广一款保温杯")  # no list mark, no date
    assert any("主动联系已下单的消费者" in s for s in case.handling_steps)


def test_a_dispute_focus_is_the_analysis_unless_it_tells_who_said_what():
    court = ("案件背景\n业主赵某与某装修公司签订装修合同,装修公司未按约定使用指定品牌的瓷砖,赵某拒付中期工程款,装修公司随即停工。\n"
             "争议焦点\n业主能否因质量瑕疵拒付全部中期工程款?装修公司单方停工是否构成违约?\n"
             "法院判决\n法院判决装修公司更换瓷砖,业主支付剩余工程款。\n")
    (case,) = seg(court).cases
    assert any("拒付全部中期工程款" in t for t in case.management_thinking)
    bank = ("案件基本情况\n某日,一位客户来网点办理业务,因叫号顺序与柜员发生争执。\n"
            "双方争议焦点\n这位客户在大堂内争吵,指责员工耽误了她的时间,要求赔偿误工费500元,值班经理见此情况,及时安抚客户,"
            "但该客户回家后仍然拨打热线投诉柜员。\n"
            "调解分析过程\n接到投诉后,网点安排当事员工向客户口头道歉,客户表示接受。\n")
    (case,) = seg(bank).cases
    assert "要求赔偿误工费" in case.facts and not any("误工费" in t for t in case.management_thinking)


def test_zero_padded_section_numbers_of_a_feature_are_labels():
    text = ("# 买房送车位的承诺落空怎么办\n## 01 问题引入\n买房时售楼处承诺赠送车位,交房后却不认账,这类纠纷并不少见。\n"
            "## 02 基本案情\n2021年3月,钱某在某楼盘购房,售楼人员口头承诺赠送地下车位一个。交房时开发商称车位需另行购买。\n"
            "## 03 争议焦点\n售楼人员的口头承诺能否约束开发商?\n## 04 法院判决\n法院判决开发商按承诺交付车位。\n")
    (case,) = seg(text, "feature.md").cases
    assert "钱某在某楼盘购房" in case.facts
    assert any("口头承诺能否约束开发商" in t for t in case.management_thinking)
    assert "开发商按承诺交付车位" in case.outcome


def test_after_a_training_cases_question_every_paragraph_is_its_answer():
    text = ("供电服务案例\n"
            "一用户打95598报修,称家里没电,要求派抢修人员上门。用户等了2小时,抢修人员才到,检查后发现是用户内部线路故障,"
            "用户愿意承担费用请其修理,抢修人员拒绝,用户遂投诉。请针对该起抢修全过程对该供电所的抢修行为进行分析。\n"
            "座席人员接到报修电话后,应询问用户附近是否有电、漏电保护器是否跳闸,帮助抢修人员判断故障点。\n"
            "抢修人员超时到达且未说明原因,为投诉埋下隐患;用户愿意承担费用时,应在条件允许的情况下进行修理。\n")
    case = seg(text).cases[0]
    assert "漏电保护器" not in case.facts and "超时到达" not in case.facts
    assert any("漏电保护器" in t for t in case.management_thinking)
    assert any("超时到达" in t for t in case.management_thinking)
