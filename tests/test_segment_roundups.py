"""News round-ups that tell several complainants' stories and comment on them together, the forms first met in
the external development splits dev7 and dev8: a new complainant in the middle of a paragraph, a linking sentence
before a person described but not named, a closing comment that judges every story, a warning section after a
numbered list. Texts written for the tests after those patterns."""

from __future__ import annotations

import pytest
from helpers import cleaned, seg

from advisor.corpus.classify import is_essay_title
from advisor.corpus.stories import story_cuts
from advisor.corpus.titles import title_from_facts

ROUNDUP = (
    "近日,杭州市民赵先生在一家家电卖场购买了一台冰箱,送货上门后发现压缩机噪音很大,卖场以“正常现象”为由拒绝退换。"
    "赵先生多次交涉无果,只得向市场监管部门投诉,至今已经过去两个多月,冰箱仍然放在他家的厨房里嗡嗡作响。\n"
    "赵先生的遭遇并非个例。2024年6月,宁波的钱女士在同一品牌专卖店买的洗衣机用了一周就漏水,门店要求她先付上门检测费。"
    "更早的2023年,温州孙先生买的空调安装后不制冷,售后三次上门都没有修好,最后只同意换一台样机。\n"
    "这些案例暴露出部分商家售后推诿的问题:把检测费、样机当作拖延的手段,消费者维权成本居高不下。\n"
)


def test_a_new_complainant_inside_a_paragraph_starts_a_new_story():
    out = seg(ROUNDUP)
    assert len(out.cases) == 3
    texts = [c.facts for c in out.cases]
    assert "赵先生在一家家电卖场" in texts[0]
    assert "钱女士" in texts[1] and "孙先生" not in texts[1]
    assert texts[2].startswith("更早的2023年") and "孙先生" in texts[2]


def test_a_closing_comment_on_several_stories_is_the_thinking_of_each():
    out = seg(ROUNDUP)
    for case in out.cases:
        assert any("售后推诿" in t for t in case.management_thinking), case.title
        assert "暴露出" not in case.facts


def test_a_dated_sentence_about_someone_already_named_does_not_cut():
    paragraph = ("王女士在商场买了一双皮鞋,穿了三天鞋底就开胶,商场让她找厂家。王女士不服,又找到商场经理交涉多次。"
                 "2024年5月,王女士再次来到商场,经理终于同意给她退货。")
    assert story_cuts(paragraph, "") == []


def test_another_customer_announced_inside_a_paragraph_is_cut_without_a_name():
    paragraph = ("有车主反映,他在4S店买的延保服务条款含糊,电瓶坏了却被告知不在保修范围内,只能自己花钱更换。"
                 "同样,另一位车主在店里更换轮胎后发现,新轮胎的生产日期竟是三年前,店家却拒绝更换。")
    (cut,) = story_cuts(paragraph, "")
    assert paragraph[cut:].startswith("同样,另一位车主")


def test_a_linking_sentence_then_a_described_person_starts_a_new_story():
    out = seg("一名旅客在火车上拿着“5车厢20排”的车票,却发现这节车厢只有18排座位,只好在过道站了三个小时,"
              "他向列车员反映,列车员说只能自己找空位,下车后他打电话投诉,得到的答复是车底临时更换,座位号作废。\n"
              "类似遭遇并非个例:广州一乘客买到的座位号在车厢里根本不存在,被安排到餐车坐了一路,下车后向客服投诉没有回音。\n")
    assert len(out.cases) == 2
    assert out.cases[1].facts.startswith("类似遭遇并非个例")


def test_an_institutions_appeal_is_a_comment_and_is_shared_by_the_stories_above():
    out = seg("某市消委会通报美容消费纠纷\n"
              "办卡时承诺随时退款,办完就变卦。消费者周女士在一家美容院充值5000元,办卡时店员口头承诺不满意随时可以退,"
              "后来周女士因搬家想退卡,店家却称充值卡一律不退不换,只能转让给他人使用。\n"
              "疗程效果与宣传不符,要求退款被拒。消费者吴女士花8000元做了一个祛斑疗程,斑点没有任何变化,美容院拒绝退款。\n"
              "市消委会提醒消费者,办理预付卡前应查看经营者资质,签订书面合同,保留好付款凭证。\n")
    assert len(out.cases) == 2
    for case in out.cases:
        assert any("保留好付款凭证" in t for t in case.management_thinking)


def test_an_officials_view_quoted_after_the_story_is_its_thinking():
    out = seg("8日,李女士网购的一箱橙子在路上走了十天,到手时已经烂了一半,她拒签后快递员却出言不逊。"
              "李女士向快递公司投诉,公司只答应赔偿运费。\n"
              "市邮政管理局局长张某认为,末端派送是快递服务的薄弱环节,企业应当加强快递员的服务培训和考核。\n")
    (case,) = out.cases
    assert any("末端派送" in t for t in case.management_thinking)


def test_the_warning_after_a_numbered_list_goes_to_the_cases_it_names():
    out = seg("案例一:培训贷陷阱 王先生报名编程培训,被销售诱导办理了培训贷,课程上了一个月机构就停课了,贷款却还要继续还。\n"
              "案例二:会员卡过期作废 李女士在游泳馆办了年卡,因工作调动三个月没去,馆方称卡已过期不能延期也不能退费。\n"
              "【风险警示】1.警惕培训贷:签约前看清是否捆绑贷款,不要轻信“先学后付”。2.会员卡要问清有效期和延期规则。\n")
    first, second = sorted(out.cases, key=lambda c: c.sources[0].start)
    assert any("警惕培训贷" in t for t in second.management_thinking)
    assert any("警惕培训贷" in t for t in first.management_thinking)


def test_a_numbered_cases_own_analysis_is_not_shared_with_another_case():
    out = seg("案例1:电梯广告噪音 业主张先生反映电梯里的广告屏声音太大,孩子每天被吵得睡不好午觉,他找了物业三次,物业一直没有处理。\n"
              "案例2:车位被占 业主陈女士买的车位经常被外来车辆占用,她下班回来只能把车停在路边,找保安反映,保安说管不了。\n"
              "案例分析:外来车辆进出小区应当登记,车位管理是物业服务合同约定的内容,保安应及时劝离占位车辆。\n")
    first, second = sorted(out.cases, key=lambda c: c.sources[0].start)
    assert second.management_thinking and not first.management_thinking


def test_a_collection_of_case_write_ups_is_no_essay():
    assert is_essay_title("投诉案例分析范文") and is_essay_title("客服工作心得体会")
    assert not is_essay_title("医患纠纷调解典型案例范文推荐7篇")


def test_linking_and_dated_openings_are_no_titles():
    assert title_from_facts("更早的2019年,温州林先生花费116万元购买的越野车在提车时就出现故障提醒。").startswith("温州林先生")
    title = title_from_facts("老刘的遭遇并非个案。最近,全国多个地方接连曝出类似事件。相比之下,更加郁闷的是市民盛某。")
    assert "类似事件" not in title and title != "相比之下"


def _cleaned_lines(lines: list[str]) -> list[str]:
    return [line for line in cleaned("\n\n".join(lines)).text.split("\n") if line.strip()]


def test_captions_site_names_datelines_and_spam_after_a_title_are_dropped():
    kept = _cleaned_lines([
        "4S店维修保养让人不省心|人妻丰满精品一区二区A片",
        "315投诉-某某旗下消费者服务平台",
        "法治日报2025.07.23 09:41",
        "王先生投诉的服装。资料图片",
        "图为调解现场",
        "王先生在直播间买了一件羽绒服,收到后发现含绒量远低于宣传。",
    ])
    assert kept == ["4S店维修保养让人不省心", "王先生在直播间买了一件羽绒服,收到后发现含绒量远低于宣传。"]


def test_advice_after_the_result_is_the_cases_thinking_not_its_handling():
    out = seg("【投诉由来】市民孙先生反映,他母亲在一家店里听了“健康讲座”后花6000元买了一箱保健品,家人劝她退掉,店家不同意。\n"
              "【处理过程及结果】消协工作人员联系了店家,讲明保健食品不能替代药品,宣传治疗效果涉嫌虚假宣传,最终店家退还了全部货款。\n"
              "身体不适要就医。保健品不是药品,老人身体不适时一定要到正规医院检查,切记保健品不能治疗疾病。\n")
    (case,) = out.cases
    assert any("最终店家退还了全部货款" in s for s in [*case.handling_steps, case.outcome])
    assert any("切记保健品不能治疗疾病" in t for t in case.management_thinking)
    assert not any("切记" in s for s in case.handling_steps) and "切记" not in case.outcome


def test_a_councils_report_tells_each_case_it_cites():
    out = seg("消委会今年上半年接获近600宗有关电脑维修的投诉,较去年同期上升三成。\n"
              "消费者普遍不满维修中心的处理手法,其中有个案的买家,新电脑用了两星期就黑屏,维修中心只肯维修,不肯换机,她收回的电脑仍然时常黑屏。"
              "亦有投诉表示,电脑送修后一个月仍未修好,职员其后要求他另付500元检测费,否则不予退回。\n")
    texts = sorted((c.facts for c in out.cases), key=len)
    assert len(out.cases) == 2
    assert any("亦有投诉表示" in t and "黑屏" not in t for t in texts)


def test_testimonials_of_people_from_different_places_are_separate_stories():
    out = seg("搬家公司坐地起价,已经成为不少租房人共同的烦恼,记者采访了几位最近刚搬过家的年轻人,他们讲述了各自遇到的情况,"
              "有的人多付了几百元,有的人干脆被扣下了行李。\n"
              "来自北京的刘女士表示,“司机把东西装上车以后,说楼层太高要多收300元,不给就不卸货,我们只好给了。”\n"
              "来自上海的张先生说,“我在平台上约了三次搬家,有两次司机到了以后都要加钱,说是东西比订单上的多。”\n")
    assert sum(1 for c in out.cases if "刘女士" in c.facts and "张先生" not in c.facts) == 1
    assert sum(1 for c in out.cases if "张先生" in c.facts and "刘女士" not in c.facts) == 1


def test_a_features_subheadings_go_on_with_the_same_persons_story():
    out = seg("市民陈红(化名)最近很烦恼。她在一家健身房办了两年的年卡,才去了三个月健身房就说要装修停业,至今没有重新开门。\n"
              "课时少?\n"
              "私教课只上了一半\n"
              "昨天,陈红拿着和健身房签订的合同来到记者面前,合同上写明私教课共24节,她只上了12节。\n"
              "健身房回应:\n"
              "装修完会照常营业\n"
              "记者联系上健身房负责人赵先生,他说装修完成后会照常营业,会员卡的有效期会顺延。\n")
    (case,) = out.cases
    assert "只上了12节" in case.facts and not out.guidelines


def test_a_letter_and_its_reply_under_two_headings_are_one_case():
    out = seg("# 小区路灯坏了半年没人修\n## 信件信息\n信件名称: | 小区路灯坏了半年没人修 |\n信件内容: | 小区路灯坏了半年,晚上出行很不方便,多次反映没人处理 |\n"
              "## 回复信息\n回复内容: |\n李先生您好: 针对您反映的问题,街道办已联系物业公司,将于本周内更换损坏的路灯,感谢您的监督。 |\n",
              name="letter.md")
    (case,) = out.cases
    assert "多次反映没人处理" in case.text and any("更换损坏的路灯" in s for s in case.handling_steps)


def test_a_consumer_councils_view_is_the_cases_thinking():
    out = seg("外卖“5斤装”只有2斤\n2024年8月,消费者孙先生通过外卖平台买了一份标注“5斤装”的小龙虾,到货后称重只有2斤,商家拒绝退款。"
              "经调解,商家同意全额退款。\n"
              "消委会表示,经营者应当如实标注商品重量,消费者有权知悉所购商品的真实情况。\n")
    (case,) = out.cases
    assert any("如实标注商品重量" in t for t in case.management_thinking)


def test_a_run_in_title_or_a_date_alone_is_not_cut_into_a_fragment():
    assert title_from_facts("身体原因不宜健身,仍被告知“不退不转”。成都消费者张女士在健身房上私教课…") == "身体原因不宜健身,仍被告知“不退不转”"
    assert title_from_facts("2001年2月17日。吴某某因感冒前往某区级医院就诊,医生建议其进行B超检查。") != "未命名案例"


def test_themed_case_titles_glued_to_the_text_each_head_a_case():
    out = seg("前厅部案例分析(两个案例)礼貌篇——客人被前台冷落2019年5月3日XX分店,一客人在前台等候办理入住二十分钟,"
              "前台员工一直在打电话,客人非常生气,要求见经理并投诉。值班经理向客人道歉并赠送了果盘。"
              "效率篇——退房排长队X年XX月X日,一客人退房时前台只开了一个窗口,排队半小时,客人误了高铁,要求酒店赔偿车票。"
              "大堂经理安排专车送客人去车站并改签了车票。\n")
    titles = sorted(c.title for c in out.cases)
    assert titles == ["效率篇——退房排长队", "礼貌篇——客人被前台冷落"]


def test_a_case_marker_glued_after_the_tag_of_the_case_before_starts_a_case():
    out = seg("案例一:某日,张先生在酒店餐厅用餐,结账时发现账单上多了两道没点过的菜,服务员坚称没有算错,张先生非常气愤。"
              "经理核对点菜单后向他道歉并免去了多收的菜款。\n"
              "案例启示:结账前应与客人核对菜单,发生投诉时不能推卸责任。(结错帐)案例二:某日中午,李女士一家在餐厅用餐,"
              "等了四十分钟还有三道菜没上,服务员只说马上就来,李女士要求退菜并投诉。领班向她道歉并赠送了甜品。\n")
    assert len(out.cases) == 2
    assert all(("张先生" in c.facts) != ("李女士" in c.facts) for c in out.cases)


def test_a_training_question_and_its_answer_are_the_analysis():
    out = seg("某日,一客人投诉房间的马桶有人用过,要求酒店给出解释并免除房费。店长调查后发现是维修人员使用了房间的卫生间。\n"
              "试分析在此案例中问题主要出在哪些方面……可以看出:酒店员工不能使用客房设施,维修后要通知服务员跟房检查。\n")
    (case,) = out.cases
    assert any("不能使用客房设施" in t for t in case.management_thinking)


def test_training_cases_with_questions_and_answers_are_cases_with_their_analysis():
    out = seg("物业管理案例分析\n某小区一户空置房漏水,把楼下业主家的木地板泡坏了。楼下业主据此要求物业公司赔偿地板损失一万元。"
              "1.物业公司应不应该承担赔偿责任?2.我们应如何处理该业主的诉求?1.漏水房屋的业主是责任人,物业公司应协助查明原因。"
              "2.物业公司应先组织维修止漏,再协调双方协商赔偿。某物业公司向业主老黄收取物业费时,老黄拿出保洁不到位的照片,"
              "要求物业费减半。1.老黄的要求是否合理?2.物业公司应如何回应?1.服务未达标应整改。2.应与老黄沟通整改计划。\n")
    first, second = sorted(out.cases, key=lambda c: c.sources[0].start)
    assert "木地板泡坏了" in first.facts and "老黄" not in first.text
    assert any("协调双方协商赔偿" in t for t in first.management_thinking)
    assert "老黄" in second.facts


def test_a_forum_post_about_a_named_elder_is_a_case_without_the_sign_up_prompts():
    out = seg("马上注册,结交更多好友,享用更多功能,让你轻松玩转社区。\n您需要 登录 才可以下载或查看,没有帐号?加入论坛\n"
              "近日,市民费老伯来到市工商局,声称自己的老人机只用来接打电话,却连续几个月被多扣话费,此前打运营商热线投诉没有解决。\n"
              "工商部门受理后协调运营商核实,原来每月被扣了增值服务费,合计29元,运营商退还了这笔话费。\n")
    (case,) = out.cases
    assert "费老伯" in case.facts and "马上注册" not in case.text


def test_a_petition_and_the_offices_reply_are_one_case():
    out = seg("自去年大雨以来,小区大量房屋外墙渗漏,屋内墙壁发霉,多次向物业反映,物业一直推诿,至今没有组织维修,恳请贵局督促物业整修!\n"
              "网友您好:\n经查,该小区外墙已过质保期,需申请动用维修基金,我单位已要求物业企业做好解释沟通工作。感谢您的关注与支持!\n")
    (case,) = out.cases
    assert "外墙渗漏" in case.text and "维修基金" in case.text


def test_a_described_person_carries_a_feature_through_its_numbered_parts():
    out = seg("最近,上海一位女士带着60多岁的母亲住进一家豪华酒店,花了一万多元,结果从进门起就受了一肚子气,酒店的后续处理也让她很不满。\n"
              "## 一、经理占座,客人站着等\n那天,母女俩走进酒店大堂,唯一的沙发却被一位经理占着,女士请求让座,经理头也不抬。\n"
              "## 二、升级套房,问题照旧\n在女士的投诉下,酒店给她们升级了套房,可毛巾半天没人送,餐厅预约总是出错。\n", name="suite.md")
    (case,) = out.cases
    assert "毛巾半天没人送" in case.text and not out.guidelines


def test_a_training_cases_reference_answer_is_its_handling():
    out = seg("案例一:转错电话\n深夜一点,有一位女士来电要求转3115房间,话务员直接转了进去,第二天原住该房间的刘先生打来投诉电话,"
              "说他太太因此和他吵架,要求酒店给个说法。\n问题:请问大堂经理该怎么办?参考做法:向刘先生深表歉意,征得他的同意后向刘太太解释事情的来龙去脉。\n")
    (case,) = out.cases
    assert any("向刘太太解释" in s for s in case.handling_steps)


def test_a_hotline_record_with_its_times_and_reply_is_one_case():
    out = seg("受理时间:2024-06-29\n群众反映,其孩子在某幼儿园上学,放学到家发现孩子脸上有伤痕,幼儿园没有摄像头,说不清是怎么回事,希望相关部门调查处理。\n"
              "答复时间:2024-07-06\n答复:\n接到群众反映后,市教育局立即调查。经查,孩子是和同学打闹时抓伤的。建议该园立即安装监控设备,反映人表示满意。\n")
    (case,) = out.cases
    assert "脸上有伤痕" in case.facts and any("安装监控设备" in s for s in case.handling_steps)


def test_another_resident_inside_a_paragraph_is_another_story():
    out = seg("近期不少居民反映燃气费异常上涨。例如,某网友称其家里换了新燃气表后,一年的用气量从287立方米涨到445立方米,燃气公司的解释让他无法信服。"
              "另一居民则称燃气费在换表后直接翻倍,家里人口和用气习惯都没有变,打了三次客服电话都没有结果。\n")
    assert len(out.cases) == 2


def test_a_story_that_trails_off_is_no_teaser_and_keeps_its_place():
    out = seg("今年6月,上海乔先生的父亲去营业厅办理携号转网,却被告知他的套餐签了五年合约,转网要先交1000多元违约金。"
              "乔先生找营业厅理论,营业员只说系统里有记录,但他的父亲对这个合约并不知情......\n"
              "乔先生父亲的经历并非孤例。在陕西工作的刘先生此前也遇到了这类问题,他想把联通号码转到移动,却被提示办理了共享业务,无法转网。\n")
    assert len(out.cases) == 2 and any("1000多元违约金" in c.facts for c in out.cases)


def test_numbered_cases_of_an_exam_paper_glued_together_are_cut_apart():
    out = seg("银行客户投诉处理案例分析测试试卷试卷内容案例一某日,一位老年客户张先生来到营业厅投诉,说手机银行上买的理财产品净值下跌,"
              "客服解释含糊其辞,他要求退还本金。请分析该案例中存在的主要问题。案例二客户李女士通过网上银行给自己另一张卡转账,"
              "结果钱转到了陌生人名下,客服说是她自己操作失误,银行不承担损失。请提出处理建议。\n")
    assert len(out.cases) == 2


def test_a_residents_letter_to_an_official_and_the_bureaus_reply_are_a_case():
    out = seg("尊敬的区长:\n我们是城东环卫公寓的业主,全市大多数业主都拿到了产权证,而我们200户左右业主的产权证至今没有任何进展,"
              "还请区政府为民做主,帮我们尽快办好房产证。\n去年7月,我局专门成立工作小组,配合开发商办理此事,目前已完成房屋实测,正在督促开发商提交资料。\n")
    (case,) = out.cases
    assert "产权证" in case.facts


def test_a_list_of_complaints_of_several_industries_is_of_none():
    from advisor.corpus.classify import industry_of

    text = ("以下是一些典型的客户投诉案例。1.餐饮服务质量问题:消费者在餐厅用餐时遇到食物变质,餐厅服务员态度差,餐厅不予理睬。"
            "2.汽车质量问题:车主购买汽车后发现发动机故障,多次找4S店维修无果,车主联合其他车主向厂家索赔。"
            "3.房屋交付问题:购房者发现开发商延期交房,精装修不合格,业主联合向开发商投诉。")
    assert industry_of(text) == "通用"
    assert industry_of("业主反映小区电梯经常停运,物业维修不及时,开发商交房时承诺的电梯品牌也被更换,业主要求物业和开发商赔偿。") != "通用"


def test_a_complainant_of_a_rare_surname_makes_a_case():
    out = seg("# 空调漏水惹人烦\n晚报讯 高温酷暑,空调故障不少,空调投诉量一涨再涨。\n## ■案例一“孤儿”空调无人管\n"
              "高先生家中的两台空调坏了,联系厂家要求维修时,却被告知生产厂家已破产,不再予以保修。\n## ■案例二“聒噪”空调惹人恼\n"
              "糜小姐来电反映,今年4月购买的空调刚安装完毕就发现风扇摆动时有吱吱的响声,半小时内还是不时发出响声。"
              "报修后厂方以热胀冷缩为由拒绝维修。\n", "doc.md")
    assert [c.title for c in out.cases] == ["案例一“孤儿”空调无人管", "案例二“聒噪”空调惹人恼"]


def test_a_paragraph_that_goes_on_with_the_story_names_no_new_complainant():
    out = seg("句容市某小区的业主向记者反映,他们2015年就拿到了新房,五年过去了,房产证却一直办不下来。业主万先生说,"
              "开发商从来不说原因。房产证迟迟办不下来,业主们的贷款申请也无法通过。\n"
              "更让业主糟心的是,新房的质量也让人担忧。一些房屋经常渗水,墙体也出现了开裂。业主强女士家的卧室出现了一道裂缝,"
              "找了开发商两趟,没人过来看。\n")
    assert len(out.cases) == 1


def test_a_story_under_a_rules_like_headline_is_a_case_when_it_introduces_someone_by_name():
    out = seg("教培机构跑路后家长维权路在何方 专家建议完善责任追究机制\n"
              "北京市丰台区居民范若(化名)是被这家少儿游泳培训机构卷钱的家长之一。自2019年起,她先后在这家培训机构为"
              "6岁的儿子购买过一个120节的大课包,费用14400元,直到机构关门,还剩下20多节课没上完。"
              "她和其他几位家长一起联系了政府有关部门,但均未能得到有效推进。\n")
    assert len(out.cases) == 1 and "范若" in out.cases[0].facts


def test_a_news_lead_naming_someone_new_starts_another_story():
    out = seg("外卖吃出异物的投诉越来越多,有的消费者借机敲诈商家。\n"
              "近日,深圳市民李小姐反映,她在平台上点了一份23元的炸鸡爪外卖,当天下午吃了大部分后,竟发现剩下的鸡爪中有白虫。"
              "她联系商家要求赔偿,商家只同意退款,平台客服也一直推诿。\n"
              "据当事人杨女士讲述得知,事发当天她通过某平台给孩子买了一份汉堡套餐,在汉堡上发现了许多虫子,"
              "她第一时间将问题反馈给相关部门,相关部门已介入调查。\n")
    assert len(out.cases) == 2
    assert "李小姐" in out.cases[0].facts and "杨女士" not in out.cases[0].facts
    assert "杨女士" in out.cases[1].facts and not out.cases[1].title.startswith("据")


def test_a_bullet_telling_another_consumers_report_is_another_story_under_its_own_heading():
    out = seg("一、菜品质量:口味失衡\n"
              "· 味精炸弹式体验:有消费者在2022年5月的评论中指出,该餐厅厨师放大量味精,吃完口干了一整天,"
              "向店长投诉后,店长只说口味因人而异,没有任何补偿。\n"
              "· 高价与体验不匹配:另有消费者在2024年2月的消费中提及,餐厅在点菜环节诱导多点菜,结账时账单比预想高出一倍,"
              "要求退掉没动过的菜被拒绝。\n")
    assert len(out.cases) == 2
    assert "味精" in out.cases[0].facts and "账单" not in out.cases[0].facts
    assert out.cases[1].title.endswith("高价与体验不匹配")


_FRIENDS = ("都说买二手车要找熟人,可真找了熟人,麻烦一点也不少,听听朋友们怎么说。\n"
            "“熟人的车最靠不住。”说起这事,小李就一肚子气。他从同事介绍的车商那里买了一辆二手车,对方拍胸脯说没出过事故,"
            "结果开了不到一个月,修理厂就查出车子大修过,车商却说当初没写进合同,拒绝退车,小李只好自认倒霉。\n"
            "朋友小赵的遭遇也差不多。他托亲戚买了一辆七成新的面包车,说好一口价三万元,提车时却被加收了五千元的手续费,"
            "亲戚说这是行规,小赵碍于情面只好付了钱,事后一打听,别人家根本不收这笔钱。\n")
_LEAD_CASE = ("消委会上半年录得120宗与家居维修相关的投诉。该会昨日分享一宗个案,投诉人在网上请维修公司修理漏水的水龙头,"
              "维修公司却游说其更换整套水管,收费8000元,完工后仍然漏水,她追讨退款不果,转介消委会跟进后获退一半费用。\n"
              "维修变大工程 消委介入\n"
              "另一个案涉及空调清洗,投诉人经网上平台预约清洗服务,师傅上门后声称冷气机需要加雪种,另收费600元,"
              "投诉人事后发现冷气机根本无需加雪种,向平台投诉,平台最终全额退回加雪种费用。\n")


@pytest.mark.parametrize(("text", "first", "second"), [
    (_FRIENDS, "小李只好自认倒霉", "小赵"),  # a friend told of by nickname starts a column's next story
    (_LEAD_CASE, "水龙头", "空调"),  # a lead that tells a case stays apart from the other case under the headline
])
def test_two_stories_told_one_after_another_make_two_cases(text, first, second):
    out = seg(text, "news.txt")
    assert len(out.cases) == 2
    assert any(first in c.text and second not in c.text for c in out.cases)


@pytest.mark.parametrize("opening", ["不仅是孙先生,另一位消费者王女士也遇到了类似的问题", "医疗纠纷并不罕见。三年前,王女士的母亲"])
def test_a_sentence_saying_the_story_is_not_alone_then_someone_new_starts_another_case(opening):
    text = ("消费者孙先生告诉记者,他本月初在家电卖场购买了一台空调,安装工人上门后称他家住11楼,要另收高空作业费300元,"
            "孙先生认为商家承诺免费安装,拒绝付款,双方僵持不下,孙先生随后拨打了消协热线投诉。\n"
            f"{opening},她在医院做完手术后出现并发症,家属认为院方护理不当,多次找院方协商,要求赔偿医疗费和误工费,院方一直没有答复。\n")
    out = seg(text, "news.txt")
    assert len(out.cases) == 2


def test_people_introduced_by_who_they_are_start_new_stories_and_a_name_in_full_of_someone_told_of_does_not():
    text = ("近日,家住通州的王芳(化名)告诉记者,自己的账户莫名其妙被某APP扣了90元会员费,她从来没有开通过自动续费,"
            "联系客服后对方只答应退一半。\n"
            "西安市民小李最近在某视频APP上领了3天免费会员,试用结束后平台每月自动扣费25元,他找了好几次客服都没有退款。\n"
            "上海市民赵建国告诉记者,他订阅某办公软件时,页面用浅色小字标注了自动续费,几个月被扣了上百元,平台拒绝退还。\n")
    assert len(seg(text, "news.txt").cases) == 3
    same = ("吴小姐的孩子在一家琴行报了钢琴课,交了一年学费一万二,上了不到两个月琴行就关门了,老板电话也打不通。\n"
            "家长吴小平说,琴行老板不接电话后,她和几位家长建了一个微信群,现在群里已经有一百多位家长,大家一起去市场监管局投诉。\n")
    assert len(seg(same, "news.txt").cases) == 1


def test_a_paragraph_that_says_it_tells_a_case_is_a_story_without_a_named_person():
    text = ("# 保险消费者权益保护的思考\n## (一)条款歧义让消费者有理说不清\n"
            "有这么一个案例,一家物流公司投保了货物运输保险,合同条款规定运输车辆发生倾覆时保险公司赔偿。"
            "一次运货途中车辆颠簸倾斜,货物掉落受损,车辆却没有倾覆,物流公司索赔时保险公司以车辆未倾覆为由拒绝赔偿。\n"
            "## (二)理赔手续繁琐\n保险公司应当简化理赔手续,提高理赔效率。\n")
    (case,) = seg(text, "paper.md").cases
    assert "物流公司" in case.facts


def test_a_rules_section_without_industry_words_of_its_own_is_of_its_rulebooks_industry():
    text = ("客户服务热线服务规范\n"
            "一、供电服务热线24小时受理客户的停电报修、电费查询和用电咨询,供电所接单后30分钟内联系客户,"
            "抢修人员到达现场后应向客户说明故障原因和预计恢复时间,恢复后当日回访。"
            "遇大面积停电时,值班长应立即启动应急预案,通过短信和公告告知受影响的客户,并安排专人解答询问。"
            "夜间接到的报修同样按上述时限处理,不得以人员不足为由拖延。\n"
            "二、接听电话时,应做到语言亲切、语气诚恳,电话铃响4声内接听,不得与客户争执,不得推诿。"
            "客户情绪激动时,应耐心倾听,待客户说完后再作解释,解释时不使用客户听不懂的专业术语。"
            "通话结束前应复述客户的诉求并确认联系方式,待客户挂机后再挂断电话,并在系统中如实记录通话内容。"
            "对同一客户一周内三次以上来电的,应报班长跟进。\n"
            "三、受理投诉后应在1个工作日内答复客户,不能当即答复的,应向客户致歉并约定回复时间。"
            "投诉处理完毕后3个工作日内应回访客户,了解其对处理结果是否满意,并将回访情况录入系统。"
            "客户不满意的,应报部门负责人重新处理,并在5个工作日内再次答复。"
            "涉及赔偿的,由部门负责人审批后执行,处理结果应书面告知客户。\n")
    guidelines = seg(text).guidelines
    assert len(guidelines) >= 2
    assert {g.industry for g in guidelines} == {"电力"}


def test_a_paragraph_opening_with_where_someone_new_lives_starts_another_story():
    text = ("陕西工作的安女士在一家瑜伽馆购买了30节普拉提小班课,因工作调动离开,尚余30多节课。她联系馆方协商退费,"
            "馆方以合同规定为由拒绝,要求其自行转让课程。多次投诉无果后,安女士决定起诉维权。\n"
            "广东深圳的王女士在当地一家声乐教育机构购买了38节声乐课程。正式开课前,王女士被告知试课老师无法上课,"
            "机构只同意换老师或自行转卡。王女士起诉后,经法官调解,机构退还11800元。\n")
    cases = seg(text).cases
    assert len(cases) == 2 and "王女士" not in cases[0].text


def test_the_company_side_named_where_it_works_goes_on_with_the_story():
    text = ("陕西工作的安女士在一家瑜伽馆购买了30节普拉提小班课,因工作调动离开,尚余30多节课。她联系馆方协商退费,"
            "馆方以合同规定为由拒绝,要求其自行转让课程。多次投诉无果后,安女士决定起诉维权。\n"
            "瑜伽会所的李先生表示,合同写明课程不退不转,馆方愿意为安女士延长有效期一年。\n")
    assert len(seg(text).cases) == 1


def test_a_story_that_moves_from_the_shop_to_the_courier_is_not_two_documents():
    text = ("快递首饰丢了怎么办\n"
            "李阿姨在网店买了五件首饰,收到后不满意,联系卖家退货,卖家同意在收到退货后退还全部货款。李阿姨把首饰拿到小区附近的"
            "驿站寄回,支付了15元运费。几天后卖家说没收到退货,首饰专柜价值两万多元,李阿姨很着急。\n"
            "李阿姨拨通了快递公司总部客服电话,得知丢失的快件将由揽件网点和投递网点处理赔偿。投递网点确认快件丢失,却认为应由"
            "揽件网点赔偿,揽件网点只愿意赔1000元,李阿姨拒绝后起诉到法院。\n")
    assert len(seg(text).cases) == 1
