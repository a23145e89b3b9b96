"""Segmentation of layouts first met in the external development splits (dev3–dev5): replies to a complaint,
news pages with bylines and subheads, mediation write-ups, commentary in its many forms. Texts written for the
tests after the patterns of those documents."""

from __future__ import annotations

from helpers import seg


def test_a_complaint_and_the_bodys_reply_make_one_case_with_the_reply_as_handling():
    out = seg("【投诉内容】我于12月31日晚上17点50分左右,在香江大市场车站,242路公交车女司机到站没有等乘客上完,就将公交车开走了,"
              "希望有关部门能够对此事进行处理。\n【反馈部门】市交通局\n【反馈时间】2011年1月11日\n"
              "【反馈内容】您好!接到您的诉求,我局高度重视,立即责成调度中心进行调查处理,现做如下答复:\n"
              "一、要求公司对驾驶员进行批评教育,做以停勤培训一天、罚款50元的处罚;\n二、要求公司以此事教育全体驾驶员。\n")
    (case,) = out.cases
    assert any("罚款50元" in s for s in case.handling_steps)
    assert "242路公交车女司机到站没有等乘客上完" in case.title  # not "我于12月31日晚上…"


def test_a_netizens_message_and_the_bureaus_reply_is_a_case():
    out = seg("自从附近快递驿站开张以后,几家快递相继自行把快递直接丢驿站,跟快递员打电话沟通也没用。老人们不方便,还得再次跑去驿站取货。"
              "现在的需求就是:只需要快递正常派送,不要丢快递驿站。\n网友“被快递遗忘的村子”:\n您好!\n"
              "收到您反映的情况后,我局立即安排市邮政业发展中心调查核实。为此,我局已督促邮政企业对该片区派件员进行培训。\n")
    (case,) = out.cases
    assert case.steps_origin == "story" and any("调查核实" in s for s in case.handling_steps)


def test_another_story_in_the_same_section_is_another_case():
    out = seg("## 支付正品价,买了山寨货\n赵先生收到货后发现,此款热水器根本不是承诺的品牌热水器。赵先生和商家联系后,商家竟直接将赵先生拉黑。"
              "后在警方介入下商家才退还280元钱。\n无独有偶,去年市民王女士在一装饰城购买了一台品牌热水器,使用半年间经常出现异响,"
              "才发现这是一台山寨货。王女士向消协投诉。\n", "a.md")
    assert len(out.cases) == 2


def test_a_byline_and_cms_field_names_are_page_furniture():
    out = seg("本报及时向运营商反映民声 这里的手机信号通畅了\n■ 本报星级记者胡明兵\n字数 1209阅读时长 4 分钟\nsummary\ntags\n"
              "老杜是谢炉村农民,他的手机用的是中国移动号码,以前信号一直很好,最近信号变差,在家里根本打不出去,他向本报投诉。"
              "记者立即将情况反映给移动公司,移动公司派人调整了信号塔,现在手机信号好了。\n")
    (case,) = out.cases
    assert "记者胡明兵" not in case.text and "summary" not in case.text and "阅读时长" not in case.text


def test_a_bare_number_before_a_label_is_no_heading_of_its_own():
    out = seg("## 一、【案例简介】\n客户卢女士投保多年且已交完保费,多次投诉要求全额退保。客服人员立即致电与其沟通,得知客户已预付3万元给中介。"
              "客服人员协助客户追回了手续费。\n## 二、【案例分析】\n本案中,卢女士因不熟悉退保规则,受网络“全额退保”诱导。\n", "a.md")
    (case,) = out.cases
    assert any("不熟悉退保规则" in t for t in case.management_thinking)


def test_a_subheading_then_a_new_person_is_another_story():
    out = seg("吴小姐的孩子报了钢琴培训课,9月初交了4880元培训费,才上了几节课培训机构就关门了,老板路先生电话关机,家长们四处讨说法。\n"
              "关门2 培训学校停课 家长自认倒霉\n10月13日,一家舞蹈培训机构突然宣布停课。学生家长陈女士对此毫无准备,她召集家长一起找负责人讨说法,"
              "要求退还剩余学费。\n")
    assert len(out.cases) == 2  # the paragraphs name no complaint word, yet are kept: 培训, 家长, 讨说法


def test_a_news_lead_told_yesterday_is_a_story_and_the_author_line_is_furniture():
    out = seg("眼巴巴看着飞机飞走\n来源:成都商报 作者:许甲猛 2010-02-22\n"
              "眼看儿子明天就开学了,如果不赶回去,儿子学习就要被耽误。昨日,家住成都的张女士就遇到了这样的郁闷事:她和儿子买了两张机票,"
              "去机场换登机牌时却被告知因为客满,他们必须改乘另外一班飞机。\n")
    (case,) = out.cases
    assert "许甲猛" not in case.text


def test_a_mediation_story_naming_residents_in_full_is_a_case():
    out = seg("2022年8月23日,社区居民李学方与唐桂莲就楼道堆放垃圾一事发生了矛盾纠纷,双方互不相让,李学方向社区人民调解委员会反映了这一情况,"
              "请求调委会进行调解。调解员详细了解了双方矛盾的具体情况,及时赶到了事发现场,组织双方协商,唐桂莲同意不再在楼道堆放垃圾。\n")
    assert len(out.cases) == 1


def test_a_timestamp_line_and_a_font_size_switch_are_furniture():
    out = seg("充值容易退款难\n商界 | 2026-03-13 15:46:52 原创\n小字号\n"
              "近期,多位市民拨打本报维权热线反映,张女士在一家瑜伽馆办了年卡,受伤后要求退还剩余费用,瑜伽馆拒绝退款。"
              "经消协调解,瑜伽馆同意退还部分费用。\n")
    (case,) = out.cases
    assert "15:46" not in case.text and "小字号" not in case.text
    assert case.industry == "健身美容"  # 商家 or 瑜伽 is no e-commerce


def test_a_gbk_table_flattened_with_cyrillic_separators_is_read():
    from advisor.corpus.read import decode_bytes

    text = "投诉处理程序:Р次序Р部门Р期限Р处理方法Р受理Р监察部Р接受投诉三日内Р与有关部门联系,分析原因、分清责任。" * 3
    decoded, encoding = decode_bytes(text.encode("gbk"))
    assert decoded == text and encoding == "gb18030"


def test_case_labels_with_dispute_and_mediation_words_and_a_legal_links_section():
    out = seg("案件基本情况\n某日,一位女士来我行办理现金存取业务,错过了自己的VIP号,要求立即办理业务,并指责我们叫号系统跳号。\n"
              "双方争议焦点\n这位客户在大堂内争吵,要求我行赔偿其误工费5000元。\n"
              "调解分析过程\n事情本身的对错已不重要。我们安排了当天两位当事员工对这个客户进行了口头道歉。\n")
    (case,) = out.cases
    assert any("口头道歉" in s for s in case.handling_steps) and any("对错" in t for t in case.management_thinking)
    out = seg("因业务咨询遭柜员粗暴对待投诉案\n一、案例简介\n客户李某投诉柜员王某在解答贷款问题时十分不耐烦,多次打断他的提问。\n"
              "二、处理过程\n消保中心及时与李某取得联系,向其表达歉意。银行对王某作出停岗培训一周的决定。\n"
              "三、法律法规链接\n1. 《消费者权益保护法》第十四条规定:消费者享有人格尊严得到尊重的权利。\n"
              "2. 《银行业文明服务公约》第六条规定:银行员工应使用礼貌亲切的工作用语。\n"
              "四、案例启示\n柜员王某未履行耐心解答的义务。\n")
    (case,) = out.cases
    assert any("停岗培训一周" in s for s in case.handling_steps)
    assert not any("第十四条" in s for s in case.handling_steps)  # the law citations are background, not steps


def test_a_paragraph_commenting_on_the_story_is_its_analysis():
    out = seg("## 问题呈现\n林先生在大堂情绪失控,大声吵闹,坚持要见酒店总经理,要求赔偿房费。\n"
              "这一事件暴露出两个核心问题:一是跨酒店沟通协调机制缺失;二是本酒店服务质量确实存在明显缺陷。\n"
              "## 处理过程\n值班经理保持冷静和耐心,为客人赠送4人份BBQ套餐作为安抚。\n", "a.md")
    (case,) = out.cases
    assert any("暴露出两个核心问题" in t for t in case.management_thinking)
    assert "暴露出" not in case.facts


def test_dev5_forms_handler_labels_commentary_headings_and_dated_new_stories():
    from advisor.corpus.roles import label_roles

    assert label_roles("物业处理过程") == ("steps",) and label_roles("投诉由来") == ("facts",)
    assert label_roles("银行消费者投诉案例") == ()  # a collection's title, no section
    out = seg("“下单全额返”纠纷\n去年12月28日,项女士参与了某电商平台的“下单全额返”促销活动,没有享受到免单的优惠,向平台投诉。"
              "经市场监管部门调查,平台需对客服团队进行整改,并退还了项女士的货款。\n"
              "专家点评欺诈乱象\n律师提出,监管部门应当加强对于平台、经营者和主播的审查和监管工作。\n")
    (case,) = out.cases
    assert any("加强对于平台" in t for t in case.management_thinking)
    out = seg("8月,消费者张先生投诉,他在机场购买了一张钻石卡,费用为2900元,今年发现不能抵扣卡内费用,客服说系统在维护,"
              "之后就再也拨不通电话。市消协多次协商,对方才答应扣除基建费后退还剩余款项。\n"
              "2017年12月,D女士和B女士到市消协投诉:她们在某品牌专柜存入的预付款没用完就遇撤柜,余额无法消费,商场拒绝赔付。\n")
    assert len(out.cases) == 2


def test_an_experts_view_sought_by_the_reporter_is_the_cases_analysis():
    out = seg("王女士9月在一家商场以249元购买了一款早教智能熊,回家后发现内存不足2G,要求退货,商家以超过1个月期限为由不予退货。"
              "王女士已投诉到12315,往返的交通费已经花了100多元。\n"
              "记者向福建省消协投诉部有关人士了解到,如果消费者能拿出明确证据,异地维权中产生的费用,可要求商家承担。\n")
    (case,) = out.cases
    assert any("可要求商家承担" in t for t in case.management_thinking) and "可要求商家承担" not in case.facts


def test_a_news_story_of_a_buildings_households_keeps_its_subheaded_parts_and_its_headline_line():
    # Pattern of an external dev page: a headline glued to no dateline, a group of households (no one named),
    # subheadings that go back to the place the story named.
    text = ("热线追踪:物业与居民僵持不下,断了十天的热水终于恢复\n"
            "11月2日,合肥市蜀山区桂香村6号楼六十余户居民致电本报热线,称热水管道破裂,物业要求每户交200元维修费,"
            "居民拒交后物业停了热水,至今已十天。\n"
            "管道老化导致破裂\n"
            "接到电话后,记者当天赶到桂香村。在6号楼楼下,记者看到热水管道锈迹斑斑,多处用胶带缠着,地面上还有积水。\n"
            "维修费用由谁承担\n"
            "6号楼居民认为,管道属于公共设施,维修费应从物业费中支出。物业负责人则表示,管道已过保修期,费用应由业主分摊。\n")
    out = seg(text, "news.txt")
    (case,) = out.cases
    assert "记者当天赶到桂香村" in case.text and "维修费应从物业费中支出" in case.text
    assert not out.guidelines
    assert "11月2日" not in case.title
