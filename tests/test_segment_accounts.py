"""Forms first met in the external development splits dev28 and dev30–dev32: first-person accounts and news
told of a group, a city's 民众 or a Hong Kong 袁女; someone else to whom the like happened; an analysis section
after the cases; a Markdown heading run into the sentence before it; a court case's [分歧]; numbered points of an
analysis; a list item that starts like a label; story steps that only tell a refusal; titles that begin with a
period or 例如; a story sentence that mentions 进行举报. Texts written for the tests after those patterns."""

from __future__ import annotations

import pytest
from helpers import cleaned, seg

from advisor.corpus.classify import industry_of
from advisor.corpus.handling import told_actions
from advisor.corpus.people import people_named
from advisor.corpus.runin import prefix_label
from advisor.corpus.stories import is_story
from advisor.corpus.titles import title_from_facts
from advisor.text.terms import GENERAL


@pytest.mark.parametrize("story", [
    "一群大学生到一家火锅店聚餐,吃到一半发现锅底里有一只蟑螂,跟服务员反映后,店长只同意打九折,学生们拒绝买单并报警处理。",
    "投诉民众指出,家中上期电费是两千多元,这一期却涨到一万多元,向电力公司反映后才知道是抄表人员把度数看错了,多收了七千多元。",
    "袁女向美容店投诉,纹眉后双眉又粗又黑,双方协商后美容店只退回一半费用,她又花了三万多元把眉毛洗掉,至今仍在追讨。",
    "我去工商银行取款4000元,离开柜台后数钱时发现少了一张,找到大堂经理调取监控,对方态度冷淡,说离柜概不负责。",
])
def test_groups_citizens_hong_kong_names_and_first_person_accounts_are_stories(story):
    assert is_story(story)
    out = seg(story + "\n")
    assert len(out.cases) == 1 and not out.guidelines


def test_a_quoted_i_is_no_narrator_and_no_new_person():
    quoted = "那天母女俩走进酒店大堂,经理坐在沙发上头也不抬:“我在培训员工呢,不能让座。”母女俩只好站着等了半个小时。"
    assert not is_story(quoted)  # nobody particular, no dates: the quoted 我 is the manager speaking


def test_words_before_an_honorific_that_are_no_surname():
    assert people_named("在女士的强烈投诉下,酒店给她们升级了套房。当时女士觉得可以翻篇了。") == set()
    assert people_named("胡女士在网上订了两张火车票。") == {"胡女士"}


def test_someone_else_to_whom_the_like_happened_starts_another_story():
    text = (
        "谁动了老人的手机套餐。姚远的父亲参加“0元购机”活动,被办理了五年合约套餐,每月话费从38元涨到了199元,"
        "还背上了两千多元的预授权冻结额度。姚远为父亲维权一年半,先后打了几十次客服电话,最后向工信部投诉,运营商才同意解约。\n"
        "李玲的爷爷也遇到了类似的问题。从去年底开始,爷爷的套餐从每月48元涨到了109元,还开通了多项增值业务,"
        "李玲打了十几次客服电话才退回部分费用。\n"
    )
    out = seg(text)
    assert len(out.cases) == 2
    assert "李玲" not in out.cases[0].facts and "李玲" in out.cases[1].facts


def test_an_analysis_section_after_the_cases_is_the_thinking_of_each():
    text = (
        "一、扣费争议典型案例\n"
        "2024年7月至10月期间,某县一位用户发现保号套餐连续产生小额流量扣费,营业厅以金额太小为由推诿处理。\n"
        "另有用户反映办理129元套餐后,实际每月扣除169元,多次投诉后客服仍坚持原处理方案,未提供有效凭证。\n"
        "二、争议频发的核心原因\n"
        "运营机制缺陷:\n"
        "- 系统自动扣费缺乏透明记录,用户无法追溯具体扣费项目\n"
        "服务流程问题:\n"
        "- 小额扣费维权成本过高,用户常被迫放弃申诉\n"
    )
    out = seg(text)
    assert len(out.cases) == 2
    for case in out.cases:
        assert any("维权成本过高" in t for t in case.management_thinking), case.title
        assert not any("推诿" in s or "仍坚持" in s for s in case.handling_steps)  # a refusal is no step
    assert out.cases[0].title.startswith("某县一位用户")  # not "至10月期间…"


def test_a_label_on_its_own_line_is_not_joined_to_the_line_above():
    text = cleaned("二、争议频发的核心原因\n运营机制缺陷:\n- 系统自动扣费缺乏透明记录\n服务流程问题:\n- 维权成本过高\n").text
    assert "核心原因运营" not in text and "记录服务流程" not in text


def test_a_markdown_heading_run_into_the_sentence_before_it_starts_a_case():
    text = (
        "## 以案说险\n"
        "保险是重要的风险管理工具,但理赔纠纷时有发生,了解条款才能做出明智的决策。### 案例一:意外险中的“意外”定义\n"
        "事件:\n"
        "小王在公司年会上参加抽奖,被掉落的奖品砸伤头部,向保险公司报案要求赔偿医疗费,保险公司以不属于意外拒赔。\n"
        "分析:\n"
        "意外险通常对意外有明确界定,本案中小王受伤属于外来、突发的事件。\n"
        "### 案例二:重疾险的“疾病”认定\n"
        "事件:\n"
        "小李患上甲状腺结节后手术切除,向保险公司申请重疾理赔,被以不符合合同定义为由拒绝。\n"
        "分析:\n"
        "重疾险对重大疾病有严格定义,甲状腺结节未必在保障范围内。\n"
    )
    out = seg(text, "doc.md")
    titles = [c.title for c in out.cases]
    assert titles == ["意外险中的“意外”定义", "重疾险的“疾病”认定"]
    assert all(c.management_thinking for c in out.cases)


def test_a_court_cases_differing_opinions_and_numbered_points_belong_to_its_analysis():
    text = (
        "[案情]\n"
        "2010年5月原告王某在某小区购买商品房并交纳物业管理费,2011年3月原告停放在小区楼梯口的摩托车被盗,原告要求物业公司赔偿6000元。\n"
        "[分歧]\n"
        "意见一:物业公司应当承担与其履约瑕疵相应的赔偿责任。\n"
        "意见二:物业公司不承担赔偿责任。\n"
        "[评析]\n"
        "笔者同意第一种意见,理由如下:\n"
        "一、原、被告双方签订的物业管理服务协议合法有效。\n"
        "双方的协议是真实意思表示,物业公司负有小区秩序维护的义务。\n"
        "二、物业公司未尽到巡查义务,应承担相应的赔偿责任。\n"
        "监控显示案发时段无人巡逻。\n"
    )
    out = seg(text)
    assert len(out.cases) == 1 and not out.guidelines
    thinking = "\n".join(out.cases[0].management_thinking)
    assert "意见一" in thinking and "笔者同意" in thinking and "无人巡逻" in thinking


def test_a_list_item_that_starts_like_a_label_is_no_label():
    assert prefix_label("投诉事由、时间、地点;") is None
    assert prefix_label("处理过程") is not None
    text = (
        "第六条 游客投诉应当提供以下材料:\n(一)投诉人姓名和联系方式;\n(二)投诉事由、时间、地点;\n(三)相关证据材料。\n"
        "第七条 景区投诉接待处收到游客投诉后,应立即登记,并在2个工作日内答复。\n"
    )
    assert not seg(text).cases


def test_a_section_that_names_someone_new_under_a_heading_is_another_story():
    text = (
        "接到举报后,省消协对该案件进行调查,消费者7月10日签订合同,7月29日缴纳全部团费,旅行社因签证未办好取消了出境游,"
        "经调解旅行社全额退还参团费用并支付违约金。\n"
        "(二)出行购票“陷阱”多\n"
        "消费者出门旅行,一般都会购买火车票、飞机票。\n"
        "例如,2019年8月29日,消费者胡女士在某网络平台购买火车票,需要额外收取优惠券费用10元和20元,"
        "消费者认为属于捆绑销售,遂向当地消委会进行举报。\n"
        "经调解,经营者原路退回消费者支付的30元优惠券费用。\n"
    )
    out = seg(text)
    assert len(out.cases) == 2
    assert "胡女士" in out.cases[1].facts and "胡女士" not in out.cases[0].facts  # and 进行举报 is no boilerplate


def test_titles_skip_a_period_an_example_word_and_a_greeting():
    assert title_from_facts("2024年7月至10月期间,沈丘某用户发现保号套餐连续产生小额流量扣费。") == "沈丘某用户发现保号套餐连续产生小额流量扣费"
    assert title_from_facts("由2020年至2025年3月,消委会共接获4,849宗外卖平台投诉。").startswith("消委会共接获4,849宗")
    assert title_from_facts("又如,消费者崔女士在某网络平台预订了两张机票。").startswith("消费者崔女士")
    assert not title_from_facts("大家好,我是一名理赔调查员,从业十年,今天讲讲两起拒赔的案子。").startswith("大家好")


def test_story_steps_leave_out_what_only_tells_a_refusal():
    story = (
        "营业厅以金额太小为由推诿处理,用户往返40公里仍未能解决争议。"
        "商家起初拒绝退款,经调解后商家同意退还全款。"
        "银行柜员察觉异常,三次劝阻并报警,客户仍坚持转账5万元。"
        "客服部向商家强调了平台的规定,即商品出现质量问题可以退货退款,商家不得随意拒绝。"
    )
    steps = told_actions(story)
    assert not any("推诿" in s for s in steps)
    assert any("同意退还全款" in s for s in steps)
    assert any("三次劝阻并报警" in s for s in steps)  # the customer's insisting is no refusal of the bank's
    assert any("不得随意拒绝" in s for s in steps)  # a refusal forbidden is none


def test_one_industry_word_is_too_little_to_label_a_case():
    one = "宝妈在一家健康管理店充值7万元,店铺换了老板后不认旧卡,套餐剩余的保养次数无法使用。"
    assert industry_of(one, "", 2) == GENERAL  # 保养 once, 套餐 once, 店铺 once: no industry
    assert industry_of("车主在4S店保养后发现发动机漏油,4S店拒绝承担维修费用。", "", 2) == "汽车"


@pytest.mark.parametrize("line", ["微信登陆", "QQ登录", "生活中心/综合报导", "(即时新闻中心/综合报导)", "1234人参与 评论",
                                  "实习生 彭艺航", "|阅读模式", "_NEWSDATE", "打开网易新闻 查看精彩图片"])
def test_sign_in_buttons_desk_bylines_and_counters_are_furniture(line):
    kept = cleaned(f"餐厅顾客投诉菜里有虫\n{line}\n顾客向店长反映后,店长同意免单并道歉。\n").text
    assert line not in kept and "同意免单" in kept


def test_an_offices_reply_is_the_handling_of_a_netizens_complaint():
    text = (
        "网友诉求:某县某小区供暖不热\n"
        "我是某县某小区业主,自打供热起就不曾热过,室温不到十八度,找到供热公司测了两三次温度就走了,问题一直没解决。\n"
        "某县城管局回复:\n"
        "2019年12月23日,我局工作人员同该用热户取得联系,并督促供热公司对管网进行排查,室温已达到18℃以上。\n"
    )
    out = seg(text)
    assert len(out.cases) == 1
    assert any("督促供热公司" in s for s in out.cases[0].handling_steps)


@pytest.mark.parametrize(("label", "roles"), [("处理及点评", ("steps", "thinking")), ("原因分析与改进", ("thinking", "improvements")),
                                              ("维权过程与结果", ("steps", "outcome"))])
def test_two_labels_joined_fill_both_fields(label, roles):
    from advisor.corpus.roles import label_roles

    assert label_roles(label) == roles


def test_a_markdown_heading_glued_to_a_heading_starts_a_case():
    text = (
        "从问题到教训#### 案例一:“网红基金”销售误导\n"
        "案情回顾:2021年,投资者李女士在某银行理财经理推荐下购买了一款号称保本的基金,一年后亏损30万元。\n"
        "维权过程与结果:李女士向当地金融监管部门投诉,监管部门调查后认定理财经理存在误导性陈述,银行赔偿损失的40%。\n"
    )
    out = seg(text)
    assert out.cases[0].title.startswith("“网红基金”销售误导")
    assert any("向当地金融监管部门投诉" in s for s in out.cases[0].handling_steps)


def test_a_case_number_with_a_bare_mark_takes_the_heading_after_it_as_title():
    text = (
        "案例一>>>\n\n微信收费有玄机 多多询问莫上当\n\n"
        "2020年初,客户林先生反映其在车行办理信用卡分期购车时,被以银行名义用微信收取300元手续费,要求退还。\n\n"
        "分析:\n\n经查,收费的系第三方车行人员,银行已协助客户追回费用。\n\n"
        "案例二>>>\n\n电话营销须提防 实地办理方稳妥\n\n"
        "2019年底,客户陈女士接到自称银行员工的电话,被推销一款高收益理财,转账后发现对方并非银行员工,要求银行赔偿。\n\n"
        "分析:\n\n经核实,银行从未开展此类电话营销,已协助客户报警。\n"
    )
    assert [c.title for c in seg(text).cases] == ["微信收费有玄机 多多询问莫上当", "电话营销须提防 实地办理方稳妥"]


def test_a_complaint_forms_subject_row_is_the_title_of_its_case():
    text = (
        "标题: | 17路公交车什么时候恢复 |\n来信人: | 盼望 |\n内容: |\n"
        "尊敬的领导!17路公交车停开好久了,32路延伸到湖滨路途长,好久才能等到车,请问还能恢复17路公交车吗? |\n"
        "回复部门: | 市交通运输局 |\n回复时间: | 2015-03-10 21:19:36 |\n"
        "回复内容: | 您好,来信已转到市交通运输局。市公交总公司已安排32路公交车延伸至湖滨镇,近期17路将恢复运营。 |\n"
    )
    out = seg(text)
    assert [c.title for c in out.cases] == ["17路公交车什么时候恢复"]


def test_someone_else_by_role_and_name_after_a_storys_transition_starts_another_story():
    text = (
        "## “星期宠”大肆售卖\n"
        "今年2月初,江苏南京的林女士在网络平台找到一家本地宠物店,花费1600元购买了一只比熊幼犬,第3天就开始生病,"
        "送到宠物医院后不久死亡,商家拒绝退款。\n"
        "按照林女士提供的线索,记者又联系了该店的另外几名顾客。南京居民王先生说自己去年在这家店买了一只金毛幼犬,"
        "带回家还没一周就死了,在宠物医院检测出犬瘟热,商家只同意换一只。\n"
    )
    out = seg(text, "doc.md")
    assert len(out.cases) == 2
    assert "王先生" not in out.cases[0].facts and out.cases[1].facts.startswith("南京居民王先生")


def test_a_short_lead_that_names_nobody_stays_with_the_story_it_introduces():
    text = (
        "春节长假期间,市民张先生在一家酒楼订了年夜饭,到店后被告知包间已满,只能坐大厅,一家老小等了一个多小时才上菜,"
        "张先生提出退还订金,酒楼以节日特殊为由拒绝退还订金500元,张先生随后向消委会投诉。\n"
        "由于节日期间家家酒楼爆满,就餐服务投诉升级。市民李先生年初三在一家酒楼吃饭,叫服务员倒茶迟迟不见人,"
        "埋怨了几句后服务员出言不逊,李先生要求酒楼道歉。\n"
    )
    out = seg(text)
    assert len(out.cases) == 2 and out.cases[1].facts.startswith("由于节日期间")


@pytest.mark.parametrize("line", ["■本报记者 吴采平 文/摄", "图:健身器材被丢弃在会所门外。"])
def test_a_byline_with_its_credit_and_a_photo_caption_are_furniture(line):
    kept = cleaned(f"健身会所突然关门\n{line}\n会员黄女士告诉记者,她刚交了5000元私教费,会所就关门了,老板联系不上。\n").text
    assert line not in kept and "会员黄女士" in kept


def test_a_forums_anti_copy_salt_goes_and_the_story_between_its_lines_stays():
    text = (
        "单位的宿舍里报装了一条移动宽带,对中国移动的印象不好,因为服务不佳,宽带会怎样呢?\n"
        "& Y( H' O& @! P3 w; P1 u\" K* G\n"
        "+ Y# W8 V# G+ E* b) u* ]9 o; x 晚饭后打开电脑,按说明书拨号上网。发现打开网页的速度非常之慢。\n"
        "打开邮箱,发现也是半天进不去。十分钟也没把邮件收下来。\n"
        "在论坛上灌水,根本就发不上去。\n"
        "查找相关信息,给出的页面是大段空白。\n"
        "网易这样的大网站的首页也开了很多天窗。\n"
        "于是,打用户手册上的报障电话,但他却说你打另一个电话,他不负责这个事。问我明天什么时间有人?我说晚六点半后有人。\n"
    )
    kept = cleaned(text).text
    assert "Y#" not in kept and "P3" not in kept
    assert "发现打开网页的速度非常之慢" in kept and "大段空白" in kept  # between two lines of the complaint


@pytest.mark.parametrize("line", ["on.cc东网专讯", "查看: 77|回复: 4", "找回密码"])
def test_a_news_services_dateline_and_a_forums_counters_are_furniture(line):
    kept = cleaned(f"餐厅顾客投诉菜里有虫\n{line}\n顾客向店长反映后,店长同意免单并道歉。\n").text
    assert line not in kept


def test_a_numbered_topic_whose_title_a_space_ends_and_its_numbered_complaints():
    text = (
        "快递服务典型消费维权案例公布\n"
        "一、关于保价 1、消费者于2016年5月1日通过快递公司寄工艺品“玉白菜”到南宁,保价8000元,送达后发现碎了,对方承认此事,"
        "但不同意赔偿。 2、2016年1月份,青岛消费者吴女士通过某快递公司寄一块价值6200欧元的手表发往成都,12月1日快递公司告知"
        "快递已经丢失,因未保价只能赔付邮费的3倍,吴女士不能接受。\n"
        "二、关于内件短少 深圳消费者张小姐7月份在某快递公司寄四包海参到香港,收件人收到时只剩三包,快递公司拒绝赔偿。\n"
    )
    titles = [c.title for c in seg(text).cases]
    assert len(titles) == 3 and titles[0].startswith("关于保价") and titles[2] == "关于内件短少"
    assert "吴女士" in titles[1] and not titles[1].startswith("份")


@pytest.mark.parametrize("opening", ["另一宗个案,有投诉人与家人光顾C火锅店,", "亦有投诉人与朋友光顾B餐厅,",
                                     "在海南省海口市,市民王先生也遇到了类似烦恼。他", "举一个近期的例子:一名患者"])
def test_another_case_in_the_words_of_hong_kong_a_place_or_an_example(opening):
    text = (
        "消委会今年首三个月收到135宗有关食肆的投诉。投诉人一家光顾A酒楼选定上汤龙虾,获回复指只需付198港元便可任叫任食,"
        "结账时却被收取5份龙虾的费用,投诉人表示不满并要求退款。\n"
        f"{opening}点了9款食品,结账时发现一碟216港元的肥牛被收了两次钱,投诉人表示店方拒绝退还多收的费用。\n"
    )
    assert len(seg(text).cases) == 2


def test_a_columns_paired_heading_after_its_cases_is_their_thinking():
    text = (
        "病例>>>\n"
        "今年2月,乐先生去某特约售后服务点维修空调,修了三次仍不制冷,服务点一再拖延更换配件。\n"
        "无独有偶。消费者沈小姐去年4月购买的轿车怠速时空调不制冷,随后维修达20多次,依然不能解决故障。\n"
        "开方>>>\n"
        "车坏了,维修是理所应当的事情。可如果屡次都修不好、配件不过关、维修周期拖了又拖,维修就成了灾难。特约服务站理应在维修技能上过关。\n"
    )
    out = seg(text)
    assert len(out.cases) == 2
    assert all(any("维修就成了灾难" in t for t in c.management_thinking) for c in out.cases)


@pytest.mark.parametrize("line", ["21世纪经济报道记者 唐曜华 深圳报道", "N见习记者 徐丰", "中国消费者协会主办"])
def test_a_papers_byline_with_its_number_and_a_sites_sponsor_are_furniture(line):
    kept = cleaned(f"银行卡被偷偷扣费\n{line}\n沈女士发现一张不用的银行卡每年被扣小额账户管理费,银行同意退还。\n").text
    assert line not in kept and "银行同意退还" in kept


def test_a_news_apps_picture_prompt_goes_from_inside_a_line():
    text = cleaned("幼儿园突然停办\n打开网易新闻 查看精彩图片：家长与涉事幼儿园签订的协议,家长要求退还学费。\n").text
    assert "查看精彩图片" not in text and "网易新闻" not in text and "家长要求退还学费" in text


def test_a_sites_menu_and_a_tags_attributes_left_in_a_line_go():
    text = cleaned('×网站支持IPV6  丨     丨   繁体  丨   RSS订阅 自来水停水一星期 谁负责?\n'
                   'cription="编辑提供的本地文件" sourcename="本地文件"/> 去年环翠区消协接受多起与住宿有关的消费纠纷。\n').text
    assert "IPV6" not in text and "sourcename" not in text
    assert "自来水停水一星期" in text and "环翠区消协" in text


def test_a_markdown_case_study_with_loosely_named_sections_and_plain_sublabels_is_one_case():
    text = (
        "# 物业管理客服案例分析\n"
        "## 案例背景\n- 业主: 王女士,居住在5楼\n- 邻居: 李先生,居住在4楼\n- 核心问题: 李先生家晚上经常有规律的敲击声\n"
        "## 问题发生与初步处理\n"
        "业主投诉:\n王女士通过物业APP提交了投诉,说4楼李先生家晚上10点以后总有敲击地板的声音,影响孩子休息。\n"
        "客服小李接到投诉后,立即拨通了李先生的电话,直接转述了投诉内容。\n"
        "结果:\n- 沟通不欢而散,李先生感到被冤枉,双方都向物业表达了强烈不满。\n"
        "## 案例分析与问题诊断\n"
        "客服小李的初次处理失败,暴露了几个典型问题:信息不完整,判断草率,未做现场核实。\n"
    )
    out = seg(text, "doc.md")
    assert len(out.cases) == 1
    assert any("判断草率" in t for t in out.cases[0].management_thinking)


def test_a_bare_case_label_between_markdown_cases_still_starts_the_next_one():
    text = (
        "# 典型案例\n案例\n## 赫山区调处某儿童摄影机构不及时退款案\n### 案例基本情况\n"
        "2025年7月16日,赫山区市场监管局接到何女士投诉,反映其购买摄影套餐后因异地定居无法享受服务,要求退款遭拒。经调解,机构退还全部费用。\n"
        "### 案例评析\n经营者收取预付款后,需保障消费者在无法消费时的退款权利。\n"
        "案例\n## 大通湖区调处某鞋店充值赠品质量消费纠纷案\n### 案例基本情况\n"
        "2025年8月27日,大通湖区消委接到孙女士投诉,反映其充值500元后获赠的拖鞋严重掉色,商家拒绝处理。经现场调解,商家同意退货退款。\n"
        "### 案例评析\n赠品并非无偿赠与,经营者需对赠品承担同等的质量保障义务。\n"
    )
    assert [c.title for c in seg(text, "doc.md").cases] == ["赫山区调处某儿童摄影机构不及时退款案", "大通湖区调处某鞋店充值赠品质量消费纠纷案"]


def test_a_round_ups_example_after_its_statistics_is_a_case_of_its_own():
    text = (
        "卫生安全问题投诉占约17%\n"
        "据市消委会介绍,在996宗餐饮行业消费投诉中,涉及卫生安全相关问题的投诉有169宗,投诉主要反映食物中有异物、食物变质等问题。"
        "比如,一名消费者投诉称,其于今年4月20日晚在某餐馆订了包间,晚餐快结束时发现一碟青菜里有一支圆珠笔芯,消费者诉求商家赔偿。\n"
    )
    cases = seg(text).cases
    assert len(cases) == 1 and cases[0].facts.startswith("比如,一名消费者投诉称") and "996宗" not in cases[0].facts
    assert not cases[0].title.endswith("一名消费者投诉称")


def test_a_bulleted_comment_label_is_no_authors_name():
    text = (
        "去年9月,周先生在网上预订了某酒店的房间并提前付了房费,入住时酒店称房价上涨,要求每间补交60元,周先生投诉到消协。\n"
        "■消协点评\n"
        "消费者在网上预订酒店时,一旦房费支付完成,双方已形成协议关系,酒店这时要求涨价就是一种违约行为。\n"
    )
    assert any("违约行为" in t for t in seg(text).cases[0].management_thinking)


def test_story_steps_leave_out_the_customer_complaining_and_keep_what_the_company_conceded():
    steps = told_actions("客人其后向消委会投诉,不满餐厅仅以细小字体写上两位起,而没有说明是以每位计算。"
                         "B餐厅回复指并非有心误导顾客,承诺该客人下次光顾可减收988港元及10%服务费。")
    assert steps == ["承诺该客人下次光顾可减收988港元及10%服务费。"]
