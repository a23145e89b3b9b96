"""Segmentation of forms first met in the external development splits dev15 and dev16: Q&A pages with an
office's answer, letter-spaced headings, headings that name one case, tallies of complaints, a news page's lead
above its only story, complaint forms, bylines. Texts written for the tests after those patterns."""

from __future__ import annotations

from helpers import seg

from advisor.corpus.classify import industry_of


def test_a_similar_story_inside_a_paragraph_is_cut_and_titled_without_the_link():
    out = seg("二、消费者典型案例\n"
              "蒋先生在2021年办理了5年宽带套餐,2024年又被电话诱导续费5年,付款2400元后才发现有效期已叠加到2031年。"
              "类似地,滕女士家的宽带被连续续费三次,累计未使用时长超过十年,申请退款一直没有结果。\n")
    titles = [c.title for c in out.cases]
    assert len(out.cases) == 2, titles
    assert "滕女士" in out.cases[1].facts and not titles[1].startswith("类似")


def test_an_offices_answer_on_a_qa_page_is_the_handling():
    out = seg("Q 网友留言:\n投诉:城南花园5栋电梯三天两头困人\n"
              "A 市市场监督管理局回应:\n"
              "执法人员现场查看了维保记录,电梯困人后物业公司在20分钟内将被困人员救出,经检测是电压过低造成故障。\n"
              "我局对使用单位和维保单位提出以下要求:1、维保单位加强监控并公示维保信息;2、物业公司加强巡查,"
              "跟电力公司做好对接;3、物业公司张贴通知,做好解释工作。\n")
    (case,) = out.cases
    assert "电梯三天两头困人" in case.title
    assert any("维保单位加强监控" in s for s in case.handling_steps)
    assert case.industry == "物业"


def test_a_two_line_headline_above_a_labelled_case_is_its_title_and_a_bare_byline_is_dropped():
    out = seg("## 交房面积缩了一截怎么办\n## 关键看误差有没有超过三个百分点\n■柏林\n"
              "童某购买了一套新房,办理房产证时才发现建筑面积少了5平方米,按售价计算多付了一万多元,于是向消保委投诉。\n"
              "老王点评:\n购房者在签订合同前,应详细了解公摊面积的标准,面积误差超过3%时有权退房。\n", "doc.md")
    (case,) = out.cases
    assert case.title == "交房面积缩了一截怎么办：关键看误差有没有超过三个百分点"
    assert "柏林" not in case.text and case.management_thinking


def test_headings_that_name_one_case_give_unnamed_complainants_a_case_each():
    out = seg("现选取最新办理的部分投诉案例予以公布。\n"
              "“某超市社区团购”投诉处置案例\n"
              "区市场监督管理局收到消费者反映某超市出售变质西红柿的投诉。执法人员立即到该超市调查,经调解,超市同意补偿。\n"
              "“某电商平台水果礼盒”投诉处置案例\n"
              "区市场监督管理局收到市民投诉,反映其在某电商平台订购的128元水果礼盒部分腐烂,执法人员联系平台后平台同意退款。\n")
    assert [c.title for c in out.cases] == ["“某超市社区团购”投诉处置案例", "“某电商平台水果礼盒”投诉处置案例"]


def test_a_letter_spaced_heading_is_a_heading_and_a_tally_of_complaints_is_no_case():
    out = seg("3月份投诉情况\n共接到投诉41件(含职业索赔3起)。其中涉及商品类15件;服务类22件;其他4件。\n"
              "服 务 消 费 投 诉 案 例\n"
              "元旦前,严先生在一家酒楼充值了5000元并预定了两桌年夜饭,因故取消后酒楼拒绝退款,"
              "中心工作人员多次协商,酒楼最终同意全额退还。\n")
    (case,) = out.cases
    assert case.title == "服务消费投诉案例" and case.facts.startswith("元旦前") and case.industry == "餐饮"


def test_one_of_the_complainants_of_a_round_up_starts_a_story():
    out = seg("2021年5月,殷女士到消保委反映,她儿子在一家健身房充值近8000元,一次没去锻炼,说好的退款等了一年还没到。"
              "消保委工作人员联系健身房,店长只同意退1000元。几天后,消保委又接到其他几位消费者的投诉。\n"
              "其中一位消费者小余,2019年开始在该健身房锻炼,教练以朋友的名义要他买课完成业绩,他先后花了两万多元。\n")
    assert len(out.cases) == 2 and out.cases[1].facts.startswith("其中一位消费者小余")


def test_a_news_pages_lead_opens_its_only_story_but_an_industry_intro_does_not():
    story = ("## 房女士:未发通知就断电 索赔两万元\n"
             "“他们没有任何通知就断电。”房女士说,她存在冰箱里的母乳全部变质,供电局不承认工作失误。\n")
    lead = seg("# 一妈妈冰箱存母乳因停电变质\n"
               "近日,有市民在留言板上投诉区供电局,在未发送通知的情况下停电,导致她冰箱内储存的大量母乳变质。\n"
               + story, "doc.md")
    assert len(lead.cases) == 1 and lead.cases[0].facts.startswith("近日,有市民") and not lead.guidelines
    intro = seg("# 宠物店售卖病犬调查\n"
                "宠物行业蓬勃发展,相关投诉也越来越多,行业规范亟待完善。\n" + story, "doc.md")
    assert intro.cases[0].facts.startswith("“他们没有任何通知")


def test_a_complaint_forms_subject_field_is_the_title():
    out = seg("投诉主题:某燃气公司违法收取燃气损耗费 | |投诉目标:某燃气公司 | 投 诉 人:王先生 |投诉时间:2013-05-20 |\n"
              "某燃气公司向全县用户收取10%的燃气损耗费,用户多次反映无果,要求退还多收的费用。\n")
    assert out.cases[0].title == "某燃气公司违法收取燃气损耗费"


def test_a_courts_review_is_the_thinking():
    out = seg("## 基本案情\n"
              "葛某某于2023年3月向某健身馆转账7600元购买私教课48节,上了10节后健身馆关门,经营者注销了登记。\n"
              "## 法院审理\n"
              "法院审理认为,依法成立的合同受法律保护,经营者注销前未清算,应退还剩余课时费用。\n", "doc.md")
    assert any("依法成立的合同" in t for t in out.cases[0].management_thinking)


def test_an_industry_that_outweighs_the_others_is_kept_three_about_equal_are_general():
    property_words = "物业 小区 物业费 保洁 业委会 管理处 门禁 楼道 绿化 "
    assert industry_of(property_words + "供电 停电 电表 跳闸 保单 理赔 投保") == "物业"
    assert industry_of("开发商 交房 楼盘 餐厅 饭店 菜品 4S店 刹车 车主") == "通用"


def test_a_rulebooks_sections_take_the_industry_of_the_page_title_above_its_own():
    out = seg("视频1 视频21 视频41 视频61 推荐1 推荐3 推荐5 推荐7 关键词1 关键词101 标签1\n"
              "超市投诉处理制度\n文档\n投诉处理制度\n"
              "一、受理内容\n消费者对我店销售过期食品、假冒商品和服务质量等方面问题的投诉。\n"
              "二、处理要求\n受理人员能当场答复的当场答复;不能马上答复的,应在受理之日起五个工作日内向投诉人作出答复。\n")
    assert out.guidelines and all(g.industry == "零售" for g in out.guidelines)
    assert not any("视频21" in g.text or g.title.startswith("视频") for g in out.guidelines)


def test_a_hotline_record_with_the_reply_inside_its_paragraph_has_handling():
    out = seg("二、典型案例\n1.小区消防通道被堵\n"
              "市民反映:其为某小区9号楼业主,该楼的消防通道南出口被堵死,消防电梯一直关闭,希望相关部门解决。"
              "市长热线转区房管局调查落实,后回复:经落实,物业已将消防电梯恢复送电,并对应急灯全面排查。再次联系反映人,表示满意。\n")
    (case,) = out.cases
    assert "消防通道南出口被堵死" in case.facts and "恢复送电" not in case.facts
    assert any("恢复送电" in s for s in case.handling_steps)


def test_a_numbered_case_with_a_reminder_keeps_its_title_and_a_subtitle_joins_the_title_above():
    out = seg("案例 3\n商家跑路 预付款付之东流\n"
              "去年1月,钟小姐在网上以18元团购了一套原价168元的艺术照,付款后发现影楼电话一直无人接听,门口也已关门。\n"
              "提醒:\n如果在有效期内商家无法兑现服务,团购网站也应该退款或协商补偿。\n")
    (case,) = out.cases
    assert case.title == "商家跑路 预付款付之东流" and case.management_thinking
    out = seg("# 巧借行业协会力量,合力化解保险纠纷\n## ——某律所与某保险公司责任保险合同纠纷案\n"
              "## 【基本案情】\n2021年,某保险公司与律师协会签订保险合同,某律所向保险公司申请理赔被拒绝,诉至法院。\n"
              "## 【调解结果】\n法院联动律师协会开展调解,最终促成双方达成调解协议。\n", "doc.md")
    assert out.cases[0].title == "巧借行业协会力量,合力化解保险纠纷——某律所与某保险公司责任保险合同纠纷案"


def test_numbered_complaints_each_with_its_reply_are_cases_but_a_procedures_steps_are_not():
    out = seg("以下就近几个月病人及家属反映的事情及科室落实情况予以公开:\n"
              "1.病人有时要写信与家里联系,出现购邮票难、寄信难等问题。\n"
              "反馈意见:医院已要求小卖部代售邮票,总务科还将尽快与邮电局联系设置邮筒。\n"
              "2.医院食堂的饭菜总体感觉较贵,而蔬菜的种类又偏少。\n"
              "反馈情况:总务科已要求食堂管理人员落实改进,粗细搭配,让病人自主选择。\n")
    assert [c.facts for c in out.cases] == ["1.病人有时要写信与家里联系,出现购邮票难、寄信难等问题。",
                                            "2.医院食堂的饭菜总体感觉较贵,而蔬菜的种类又偏少。"]
    assert all(c.handling_steps for c in out.cases)
    rules = seg("银行客户投诉处理流程如下:\n1. 投诉接收:银行应设立专门的投诉渠道。\n2. 投诉分类:银行对收到的投诉进行分类。\n"
                "3. 调查处理:\n银行对投诉事项进行核实,查找原因,并采取相应的措施。\n")
    assert not rules.cases


def test_step_labels_are_handling_and_a_numbered_point_of_a_labelled_case_is_no_document_title():
    out = seg("# 客房物品遗失事件处置\n## 案例背景\n"
              "2023年4月15日,某酒店总机接到客人柴先生投诉,称退房后发现放在行李箱夹层的钱包不见了,怀疑客房服务员拿走。\n"
              "## 关键争议点\n1. 客人坚称钱包在退房时还在\n2. 现场监控与门禁记录显示清洁人员操作规范\n"
              "## 处理过程\nStep1:调取监控\n逐帧分析清洁时段的监控视频,确认无其他员工进入。\n"
              "Step2:沟通协商\n陪同客人重新清点行李箱夹层,客人撤回指控。\n", "doc.md")
    (case,) = out.cases
    assert any("逐帧分析" in s for s in case.handling_steps) and case.industry == "酒店"


def test_further_reading_glued_to_an_article_starts_another_document():
    text = ("5月1日,游客周先生一家在平台预订了海边民宿两晚,到店后房东称房间已被他人入住,拒绝退还房款1200元,"
            "周先生向市场监管局投诉,执法人员当晚约谈房东,房东退还了全部房款。\n"
            "市场监管局情况通报截图延伸阅读:\n"
            "这个假期,住宿纠纷频频登上热搜。可惜,马亮(化名)预订的酒店被平台取消订单,后来也没找到别的酒店,"
            "只能在车里过夜,他向平台投诉后只拿到了50元优惠券。\n")
    out = seg(text, "news.txt")
    assert len(out.cases) == 2
    assert not any("周先生" in c.text and "马亮" in c.text for c in out.cases)
    assert not any(c.title.startswith("延伸阅读") for c in out.cases)
