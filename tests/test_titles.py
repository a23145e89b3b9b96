"""Case titles from headings and facts: page chrome, news sources, background openings and times are no title.
Texts written for the tests after forms met in public pages."""

from __future__ import annotations

import pytest

from advisor.corpus.furniture import line_noise
from advisor.corpus.titles import case_title, clean_heading, is_generic_heading, title_from_facts


@pytest.mark.parametrize(("heading", "title"), [
    ("返回 首页 搜索 分类：小狗洗澡后猝死 主人欲告宠物店", "小狗洗澡后猝死 主人欲告宠物店"),
    ("面包过期还摆在货架上 超市还有多少临期食品阅读()", "面包过期还摆在货架上 超市还有多少临期食品"),
    ("坐动车被强制换座 乘务员:不想坐就站着0阅读某某在线", "坐动车被强制换座 乘务员:不想坐就站着"),
    ("以案释法:代办取款未果引发投诉案 二维码", "以案释法:代办取款未果引发投诉案"),
    ("当前信息:投诉某燃气公司预收气费不退", "投诉某燃气公司预收气费不退"),
    # a title that only mentions reading keeps its words
    ("合同条款没让客户阅读就签字", "合同条款没让客户阅读就签字"),
    # Markdown emphasis, rules, bullets and a reader's position around a headline
    ("**典型案例解析:错送与失联的连锁反应**", "典型案例解析:错送与失联的连锁反应"),
    ("**责任归属困境", "责任归属困境"),
    ("━━━━业主报修2000多个项目", "业主报修2000多个项目"),
    ("• 某州发布年度十大消费维权典型案例", "某州发布年度十大消费维权典型案例"),
    ("×，自来水停水一星期 谁负责?", "自来水停水一星期 谁负责?"),
    ("正在阅读:隔壁是“凶宅”,要不要告诉买房人?", "隔壁是“凶宅”,要不要告诉买房人?"),
    ("——物业费一年涨了两次", "物业费一年涨了两次"),
    # words inside the headline stay
    ("宽带又断网了——客户第三次报修", "宽带又断网了——客户第三次报修"),
    ("3号楼漏水×3户", "3号楼漏水×3户"),
])
def test_a_headings_buttons_and_counters_are_not_part_of_its_title(heading, title):
    assert clean_heading(heading) == title


def test_a_collection_of_cases_shared_is_a_generic_heading():
    assert is_generic_heading("个案分享")
    assert is_generic_heading("中国酒业新闻网")  # a site's name
    assert not is_generic_heading("宽带安装后频繁断网")
    assert not is_generic_heading("经验分享会上客户大闹会场")


@pytest.mark.parametrize("line", ["分享到微信", "分享到: 微信 微博 QQ空间", "新闻中心", "正文"])
def test_share_buttons_and_a_sites_section_name_are_furniture(line):
    assert line_noise(line, set())


@pytest.mark.parametrize("line", [
    # bylines under a publication's name
    "某某晚报·某某客户端记者 王小明", "某市网讯 (某市晚报)记者 李华 通讯员 张三 李四", "■赵一 本报记者 钱二",
    "某某报／ 记者孙三／台中即时报导", "某某新闻记者周小五报道",
    # a site's menu, banners and notices
    "首页| 本地| 时政| 民生| 县区| 视频", "某某日报官方网站 | 某某网首页 今天是", "2021/05/06 < 上一版 下一版 > 返回首页",
    "点击右上角微信好友", "分享好友 某某导购网站首页 频道列表", "欢迎来到某某文库", "文档名称:", "点击阅读下一则新闻",
    "声明敬告: 本站所有内容均由网友上传,本站不对其真实性负责", "如果您已付费下载过本站文档,您可以点这里二次下载",
    "请使用浏览器分享功能进行分享", "跟帖评论自律管理承诺书 不良信息举报电话:某某网(010-12345678)",
    # an e-paper's page and a document site's particulars of the file
    "第05版:民生", "第B03版:城事 上一版 下一版", "ID:1234567", "页数:12页", "时间:2019-04-01",
    # a site's section names, welcome line, home-page menu, search prompt, video credits and spam titles
    "实时滚动新闻", "关于我们", "扫一扫加入微信公众号", "您可能感兴趣的试卷", "欢迎访问某某法院网,今天是 2025年01月02日 星期四",
    "网站首页 新闻 国内 国际 本地 时政", "0000-1234567热门搜索:", "视频剪辑/策划:王一、李二", "毛片-黄频免费观看-在线观看视频",
    # a page template's unfilled placeholders
    "_NEWSDATE: 2024-01-02 | News by: 某某周刊 | 有0人参与评论 | _FONTSIZE: _FONT_SMALL _FONT_LARGE",
    # a font-size switch
    "A+ A-", "A- A+", "A＋ A－",
])
def test_a_sites_bylines_menus_and_notices_are_furniture(line):
    assert line_noise(line, set())


@pytest.mark.parametrize("line", [
    "分享到朋友圈后才发现被收费", "新闻中心的工作人员接到了投诉", "李先生告诉晚报记者", "首页显示的价格和结算时不一样",
    "今天是我第三次去营业厅", "网友在首页看到广告后下单", "案例编号 | 学员情况 | 投诉内容 | 处理结果 |",
    "时间:2019年4月1日上午,王先生到店投诉", "关于我们的投诉处理", "首页显示 价格 和 结算 不一样", "策划组织了调解会议",
    "客户的两个账号 user_ABC 和 user_DEF 都被冻结",
])
def test_a_sentence_that_mentions_them_is_no_furniture(line):
    assert not line_noise(line, set())


@pytest.mark.parametrize(("facts", "expected", "not_expected"), [
    # the newspaper before the story
    ("某某日报:宽带套餐换档难 客服一拖再拖。记者调查发现…", "宽带套餐换档难", "日报"),
    # a period up to now
    ("今年以来,家电以旧换新中的纠纷增多,李先生买的冰箱三天就坏了。", "家电以旧换新中的纠纷增多", "今年以来"),
    # the times the story is set in, naming no one
    ("随着网络购物的普及,网购已成为生活的一部分。消费者曹女士在某平台买的羽绒服跑绒严重,商家拒绝退货。",
     "曹女士", "随着"),
    ("当今社会,消费者维权意识逐渐提高。然而,王先生在某4S店修车后发现配件被调包。", "王先生", "当今社会"),
    ("随着出境游市场火热,王女士报名的海岛游被取消,旅行社只退一半团费。", "王女士", "随着"),
    # a paragraph of background before the story, its "we" meaning everyone
    ("随着网络购物的普及,网购已成为生活的一部分。它在为我们带来便利的同时,也伴随着风险。\n消费者曹女士在某平台买的羽绒服跑绒严重。",
     "曹女士", "为我们带来"),
    # a case introduced as one of a kind
    ("近期发生的一起典型案例中,消费者孙女士在某美容店做祛斑,花了3万元没有效果。", "孙女士", "典型案例"),
    # an example an excerpt opens with, then the story
    ("比如2024年起施行的《快递市场管理办法》,已明确规定:快递要送货上门。\n此后,张生开始了漫长的投诉和维权。", "张生", "管理办法"),
    # what came before, said after who told the reporter
    ("近日,市民王某(化名)向本报记者反映:此前,他在某超市办了会员卡,超市突然关门。", "会员卡", "此前"),
    # when, who said it: neither is the problem
    ("2020年6月,市民徐先生向市消协投诉称:当日上午,他父亲在某生活馆参加“保健讲座”,被推销了三千元的保健品。",
     "他父亲", "当日上午"),
])
def test_a_title_from_the_facts_names_the_story_not_its_setting(facts, expected, not_expected):
    title = title_from_facts(facts)
    assert expected in title and not_expected not in title, title


@pytest.mark.parametrize(("facts", "title"), [
    # a headline glued to its story names the problem already: no clause of the story is appended
    ("下单成功迟迟不发货,商家称误操作今年8月,消费者夏先生向消委会投诉称,商家无法发货。", "下单成功迟迟不发货"),
    ("“空包裹”诱导确认收货,商家失联今年9月,消费者王先生投诉称,几天后商家要求他先确认收货。", "“空包裹”诱导确认收货"),
])
def test_a_glued_headline_that_names_the_problem_is_the_title(facts, title):
    assert title_from_facts(facts) == title


def test_a_headline_that_only_sets_the_scene_gets_the_problem_from_its_story():
    title = case_title("", "一女子带着母亲入住酒店,办理入住时,经理坐在沙发上,竟不给她母亲让座。")
    assert title.startswith("一女子带着母亲入住酒店") and "不给她母亲让座" in title, title


@pytest.mark.parametrize(("facts", "title"), [
    # a clause that only says when is followed by what happened
    ("接到举报后,省消协对该案进行调查,组织双方调解。", "接到举报后，省消协对该案进行调查"),
    ("市民和家人到景区游玩时,观光车撞到该市民车辆。", "市民和家人到景区游玩时，观光车撞到该市民车辆"),
    # ... or by the problem, when a later clause names one
    ("李女士在一家装修公司装修新房,合同约定使用环保材料。李女士发现后,要求装修公司更换材料。",
     "李女士在一家装修公司装修新房，要求装修公司更换材料"),
    # 售后 and 3小时 end no clause of when
    ("王先生找到4S店售后,店员在整理单据。", "王先生找到4S店售后"),
    ("客户等了3小时,大堂经理去了别处。", "客户等了3小时"),
])
def test_a_clause_of_when_is_no_title_of_its_own(facts, title):
    assert title_from_facts(facts) == title


def test_a_title_that_ends_on_what_someone_found_goes_on_to_what_it_was():
    title = title_from_facts("王先生要卖房了,这才发现房子早被开发商抵押了。他找到售楼处讨说法。")
    assert title.endswith("这才发现房子早被开发商抵押了"), title


@pytest.mark.parametrize("byline", ["东湖网友", "一名网友", "市民"])
def test_a_forum_byline_over_a_post_is_no_title(byline):
    facts = "近日,新洲区蔡濠里的不少居民都收到了供电所的“欠费通知”,这两个月的电费高得出奇。"
    assert case_title(byline, facts).startswith("新洲区蔡濠里的不少居民都收到了供电所")
    assert case_title("东湖游船", "游客说船票涨价了。") == "东湖游船"  # a place's name stays a title
