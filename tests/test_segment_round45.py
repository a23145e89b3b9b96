"""Segmentation of layouts first met in the development splits dev44–dev45. Texts written for the tests after
the patterns of those documents."""

from __future__ import annotations

from helpers import seg


def test_an_incident_of_many_customers_and_nobody_named_is_a_case():
    out = seg("水费账单翻倍事件引发居民不满\n"
              "城南片区水费账单翻倍的事件引发广泛关注。不少居民发现本月水费比上月多出一倍,致电自来水公司后被告知一切正常。"
              "督导组介入调查后,自来水公司承认抄表系统升级出错,同意退还多收的水费并公开致歉。"
              "居民认为此次事件暴露出企业自查不及时,仅退款不足以挽回信任。\n")
    (case,) = out.cases
    assert not out.guidelines and "水费" in case.title


def test_a_review_of_one_outage_told_without_a_customer_is_a_case():
    out = seg("近日,供电公司营销部会同检修部对线路故障停电引发多起意见工单进行复盘。本次故障主干线路停电3小时,"
              "分支停电9小时,找到故障点用了近9个小时。故障发生后,台区经理只在微信群发布信息,未能安抚客户情绪,导致诉求外溢。"
              "针对本次停电涉及的冷库、大棚等用户,会上要求建立联络名单,故障时优先上门服务。\n")
    assert len(out.cases) == 1 and not out.guidelines


def test_an_article_on_a_kind_of_complaint_stays_an_article():
    out = seg("燃气投诉为何居高不下\n近年来燃气投诉增多,主要集中在计量收费、安全检查和服务态度等方面。"
              "燃气企业应当完善计量管理制度,规范收费流程,确保用户知情;同时要加强入户安检人员培训,杜绝强制推销。\n")
    assert not out.cases


def test_another_complaint_counted_by_zong_starts_its_own_case_and_its_lead_is_no_title():
    out = seg("酒店预订投诉一年多了一倍\n消委会公布,今年首10个月共收到800宗关于酒店预订的投诉,比去年同期增加一倍。\n"
              "有一宗投诉中,投诉人指入住当晚酒店称房间已满,要求其改住另一间较远的酒店,投诉人要求赔偿车费遭拒,后经消委会调解获退款。\n"
              "另外,还有一宗投诉案例中,投诉人指网上订的海景房被擅自改成城景房,酒店拒绝退还差价。"
              "投诉人向消委会求助后,酒店最终同意退还差价并致歉。\n")
    titles = [c.title for c in out.cases]
    assert len(titles) == 2 and any("投诉人指网上订的海景房被擅自改成城景房" in t for t in titles), titles
    assert not any("还有一宗" in t for t in titles)


def test_security_staff_name_no_property_company():
    out = seg("客人丢失物品处理标准\n一、接到客人反映丢失物品,应向客人表示歉意,记录丢失地点和物品。\n"
              "二、应通知保安部,与保安人员共同到达现场查找;保安人员应做好记录。\n"
              "三、未能找到的,应请客人填写丢失报告,复印件送客务总监和保卫部门。\n"
              "四、客人离店前案件未查明而要求赔偿的,应向客人说明登记入住时已告知的赔偿政策。\n")
    assert out.guidelines and {g.industry for g in out.guidelines} == {"酒店"}


def test_a_papers_hotline_column_is_one_case_in_sections():
    out = seg("【市民反映】昨日市民陈先生拨打本报热线反映:他家小区的燃气管道漏气,燃气公司来了两次都没修好,家里一直不敢开火。\n"
              "【马上核实】记者来到该小区,闻到楼道里有明显的燃气味,物业工作人员说受影响的有三栋楼五十多户。\n"
              "【记者连线】燃气公司客服中心工作人员说,抢修部门已经受理,将在今天下午更换漏气的阀门,并逐户上门检查。\n")
    (case,) = out.cases
    assert "燃气管道漏气" in case.facts and "楼道里有明显的燃气味" in case.facts
    assert any("更换漏气的阀门" in s for s in case.handling_steps)


def test_a_dealers_procedure_naming_its_make_and_a_carriers_regulator_name_their_industries():
    from advisor.corpus.classify import industry_of

    dealer = ("宝马经销商如何处理客户投诉?接待员要诚挚接待客户,确属己方问题,除道歉外马上安排返修并承担费用;"
              "非己方问题耐心解释,可建议免费检查,收费适当减免工时费。")
    assert industry_of(dealer, "宝马经销商如何处理客户投诉") == "汽车"
    regulator = ("如果投诉人要投诉的是电讯营办商的服务,须首先向该营办商作出投诉。通讯局会在收到投诉后10个工作天内"
                 "给予投诉人初步回复。")
    assert industry_of(regulator, "通讯局如何处理消费者投诉") == "电信"
