"""Segmentation of layouts first met in the development splits dev41–dev43: a letter answered under a reply
label, a ledger whose rows a page glued together, a feature whose subheadings go on with one unnamed
customer, a hotline's calls one after another, a kind of complaint and its example, a regulator reporting
one case. Texts written for the tests after the patterns of those documents."""

from __future__ import annotations

from helpers import seg


def test_a_letter_that_names_nobody_and_its_reply_make_one_case():
    out = seg("当前位置: 首页 > 互动交流 > 咨询投诉 > 信件查看\n浏览量:5339次\n城东新车站周边屡遭停电\n"
              "城东新车站周边最近每天晚上都停电,有时停电1个多小时。现在是严冬,一停电就不能取暖,突然停电还损坏了正在使用的各种电器。"
              "问什么原因,说是线路检修。检修为什么专挑严冬进行?\n写 信 人:李平\n写信时间:2012-12-22 00:35:21\n信件回复:\n"
              "李平网友:\n您好!您反映的问题我们非常理解。经与县电力公司联系,停电原因是新建变电站需要安装出线,现工程基本完工,"
              "停电现象即可解决,请您放心。\n")
    (case,) = out.cases
    assert not out.guidelines
    assert case.title == "城东新车站周边屡遭停电" and "浏览量" not in case.text
    assert "每天晚上都停电" in case.facts and any("工程基本完工" in s for s in case.handling_steps)


def test_rows_a_page_glued_into_one_line_are_cases_each():
    out = seg("二、真实案例汇总表\n| 案例编号 | 消费者描述 | 问题类型 | 处理结果 |\n"
              "| 001 | 提车时被要求购买高价保险,否则不给钥匙 | 强制消费 | 后经投诉,4S店退还部分费用 |\n"
              "| 002 | 车辆配置比宣传少,如无倒车影像 | 配置不符 | 品牌方介入后补装设备 |\n"
              "| 003 | 试驾后想退订,4S店拒绝 | 退订困难 | 消费者向12315投诉后成功退款 || 004 | 收到高额金融服务费,不知用途 "
              "| 隐性收费 | 经核实后退还 |\n")
    assert {c.title for c in out.cases} == {"提车时被要求购买高价保险", "收到高额金融服务费", "车辆配置比宣传少", "试驾后想退订"}
    assert all(c.outcome or c.handling_steps for c in out.cases)


def test_a_features_subheadings_go_on_with_its_unnamed_customer():
    out = seg("一案四调,化干戈为玉帛\n\n2020-09-14 17:25:43来源:保险报网\n\n近日,一起历时4个多月、经历过多次协商沟通的保险纠纷"
              "案件,经市银行保险业纠纷调解服务中心多达4次的调解,最终保险公司和保险消费者握手言和,达成一致。"
              "双方对调解服务中心耐心细致、专业高效的办事风格高度称赞。\n\n退保应否补偿起争议\n\n"
              "此次保险公司与客户的纠纷案件还得从9年前说起。2011年,客户因做生意赚了一些钱,保险公司业务员便向其推销保险产品。"
              "几年间,客户累计投保了10余份保险。2018年,客户到保险公司柜面将部分大额保单办理了退保。2020年年初,客户以业务员在营销时"
              "有销售误导等理由,要求保险公司进行补偿。保险公司认为投保及退保过程基本按照规定程序进行,未能同意客户的全部诉求。\n"
              "受理纠纷调解\n客户向银保监分局投诉后,分局要求保险公司及时上报情况说明及电话回访录音。客户与保险公司进行过多次协商,"
              "没有达成一致。工作人员第一时间联系客户本人,引导客户来协会进行调解,逐渐消除了客户的误解。\n")
    (case,) = out.cases
    assert "累计投保了10余份保险" in case.text and "引导客户来协会进行调解" in case.text


def test_a_hotlines_calls_one_after_another_are_cases_each():
    out = seg("“我住的小区电压长期维持在257伏,对家用电器的使用寿命和居民安全存在影响。”3月9日上午9时许,市民李先生拨通了市长热线,"
              "向接听电话的副市长反映。\n在询问基本情况后,副市长拨通供电公司负责人的电话,要求到现场核实情况、尽快解决李先生的诉求。\n"
              "9时40分,市民林先生打进电话:“我的车出了交通事故被拖到停车场,停车场却要我缴纳6920元的停车费才给取车,这是违规收费。”\n"
              "随后,副市长向交警部门负责人进行了交办,要求核实相关问题,严格按照规定处理。\n")
    assert len(out.cases) == 2
    assert "257伏" in out.cases[0].text and "6920元" in out.cases[1].text


def test_a_kind_of_complaint_then_its_example_and_another_customer_are_cases_each():
    out = seg("1月29日,市民李女士通过某外卖平台点了一份香辣鸡翅和原味鸡,共支付了30.5元,收到外卖食用时发现该食品已经变凉且发硬,"
              "市民和商家反映无果,最后在市场监管局工作人员的帮助下成功退款。\n"
              "投诉中还有不少是商家未兑现承诺。例如去年12月24日,一位市民在某外卖平台购买了一份套餐券,元旦去店里使用时商家说当天"
              "不能使用。最后在工作人员调解下双方自行和解。\n"
              "还有市民潘先生在某外卖平台购买了车厘子,花费242.2元,商家承诺1月15日发货,配送当天商家却表示没有货,让他申请退款。\n")
    assert len(out.cases) == 3


def test_a_regulator_that_reports_one_case_tells_a_case():
    out = seg("《燃气管理条例》明确规定了,燃气表的更换、维护费用应该由燃气经营企业承担。然而某天然气公司却违规收取换表费和材料费。\n"
              "日前,省市场监管局通报了这样一起违规收取燃气表费的典型案例。\n"
              "在用户的燃气表出现故障后,该公司未经鉴定便告知用户必须购买新表,收取200、400、600不等的费用。"
              "市场监管局依法对该公司作出罚款的处罚。\n")
    assert len(out.cases) == 1 and not out.guidelines


def test_a_bride_named_by_her_surname_tells_a_story():
    out = seg("为一个婚宴发型,一位新娘与为她设计发型的美容院发生纠纷。新娘姓廖,她选中了一家美容院,将化妆、设计婚宴发型等事宜"
              "全盘托付给这家美容院,共支付了200元费用。婚宴上宾客都在笑话她的发型,廖向美容院讨说法,美容院却表示发型并无不妥。\n")
    assert len(out.cases) == 1


def test_a_conclusion_under_the_cases_own_lessons_label_is_its_thinking():
    out = seg("1. 问题背景\n用户小张发现自己的信用卡账单上出现了一笔他没有消费过的交易,金额为2000元。\n"
              "2. 申诉的过程\n小张立刻联系了信用卡客服中心。银行接到申诉后调取了交易记录,确认这是一笔错误交易。\n"
              "3. 申诉的结果\n银行为小张重新生成了账单,并向他道歉。\n"
              "4. 总结与建议\n以上是小张遇到问题后申诉并得到处理的过程。用户在发现问题之后应及时联系银行进行申诉。\n")
    (case,) = out.cases
    assert case.management_thinking and "以上是小张" in case.management_thinking[0]
    assert any("调取了交易记录" in s for s in case.handling_steps)


def test_a_numbered_section_of_advice_after_a_section_of_causes_opens_no_case():
    out = seg("一、扣费争议典型案例\n2024年7月至10月期间,某用户发现保号套餐连续产生小额流量扣费,累计被扣86元,多次联系客服未获解决,"
              "最后向通管局申诉后才退还。\n二、争议频发的核心原因\n运营机制缺陷:\n- 套餐变更存在双向标准:升档可自助办理,降档则强制到营业厅\n"
              "- 系统自动扣费缺乏透明记录,用户无法追溯具体扣费项目\n三、消费者应对策略\n建议用户每月导出电子账单,重点核查套餐外流量扣费。\n")
    assert len(out.cases) == 1 and "核心原因" not in out.cases[0].title
