"""What a complaint says, read from its own words: numbers, households, people, amounts, flags, industry."""

from __future__ import annotations

import pytest

from advisor.guidance.facts import Quantity, QueryFacts, extract_facts, parse_cn_number

# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("30", 30),
        ("2.5", 2.5),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("三十", 30),
        ("一百二", 120),
        ("一千零五", 1005),
        ("一千五", 1500),
        ("两万", 20000),
        ("三万五", 35000),
        ("五十", 50),
        ("两百", 200),
    ],
)
def test_parse_cn_number(token: str, value: float) -> None:
    assert parse_cn_number(token) == Quantity(value, False)


def test_parse_cn_number_vague_and_invalid() -> None:
    assert parse_cn_number("几十") == Quantity(20, True)
    assert parse_cn_number("两三") == Quantity(2, True)
    assert parse_cn_number("三五") is None


@pytest.mark.parametrize(
    ("query", "households"),
    [
        ("30户业主投诉", Quantity(30, False)),
        ("30 多户业主拉横幅", Quantity(30, True)),
        ("三十多户业主", Quantity(30, True)),
        ("二十余户", Quantity(20, True)),
        ("50户以上业主", Quantity(50, True)),
        ("超过20户", Quantity(20, True)),
        ("十几户", Quantity(10, True)),
        ("３０户", Quantity(30, False)),
        ("業主三十多戶", Quantity(30, True)),
    ],
)
def test_households(query: str, households: Quantity) -> None:
    assert extract_facts(query).households == households


@pytest.mark.parametrize(
    ("query", "people"),
    [
        ("12名业主来访", Quantity(12, False)),
        ("三位客户", Quantity(3, False)),
        ("十几个人围在门口", Quantity(10, True)),
        ("10人以上", Quantity(10, True)),
        ("一位业主投诉", Quantity(1, False)),
        ("同一批买车的12个车主一起来店里", Quantity(12, False)),
        ("三十多名乘客被困在车厢里", Quantity(30, True)),
    ],
)
def test_people(query: str, people: Quantity) -> None:
    assert extract_facts(query).people == people


@pytest.mark.parametrize(
    ("query", "amount"),
    [
        ("赔偿要求5万元", 50_000),
        ("要求赔偿2.5万", 25_000),
        ("五万元", 50_000),
        ("赔两万", 20_000),
        ("维修费3000元", 3_000),
        ("赔三千块", 3_000),
        ("要赔500块钱", 500),
        ("￥8000", 8_000),
        ("房款100万，要求赔偿5万", 50_000),
    ],
)
def test_amount(query: str, amount: float) -> None:
    got = extract_facts(query).amount
    assert got is not None and got.value == amount


def test_amount_lower_bound_and_non_money() -> None:
    assert extract_facts("赔偿5万多元").amount == Quantity(50_000, True)
    for query in (
        "小区3万平米",
        "十万火急",
        "千万不要拉横幅",
        "三块玻璃碎了",
        "精装修标准5500元/㎡",
        "等了24小时",
    ):
        assert extract_facts(query).amount is None, query


@pytest.mark.parametrize(
    ("query", "days"),
    [
        ("投诉一个月了还没解决", Quantity(30, False)),
        ("投诉一个多月仍未解决", Quantity(30, True)),
        ("半个月未解决", Quantity(15, False)),
        ("两周都没人处理", Quantity(14, False)),
        ("拖了三个月", Quantity(90, False)),
    ],
)
def test_unresolved_duration(query: str, days: Quantity) -> None:
    assert extract_facts(query).unresolved_days == days


def test_duration_without_unresolved_cue_is_ignored() -> None:
    assert extract_facts("一个月内三次投诉，三天内已修好").unresolved_days is None


def test_flags() -> None:
    facts = extract_facts("业主找了记者在微博曝光，还说要去法院起诉，另有老人摔伤骨折，要求退房")
    assert facts.media == ("记者", "曝光", "微博")
    assert set(facts.litigation) == {"起诉", "法院"}
    assert facts.injury == ("摔伤", "骨折")
    assert facts.return_or_huge_claim == ("要求退房",)
    protest = extract_facts("业主集体拉条幅、静坐、上访")
    assert protest.protest == ("条幅", "静坐", "上访")
    assert set(protest.collective) == {"集体", "条幅", "静坐", "上访"}


def test_negated_flags_are_ignored() -> None:
    facts = extract_facts("业主没有找记者，也不会起诉")
    assert facts.media == () and facts.litigation == ()
    assert extract_facts("业主很不满，准备起诉").litigation == ("起诉",)


def test_traditional_query_is_converted() -> None:
    facts = extract_facts("業主拉橫幅，記者到場，賠償五萬元")
    assert facts.protest == ("横幅",) and facts.media == ("记者",)
    assert facts.amount == Quantity(50_000, False)


def test_empty_query_has_no_facts() -> None:
    assert extract_facts("业主投诉电梯噪音太大").is_empty()
    assert not extract_facts("3户业主").is_empty()


def test_household_count_serves_as_headcount() -> None:
    assert QueryFacts(households=Quantity(30, True)).headcount == Quantity(30, True)
    assert QueryFacts(households=Quantity(3), people=Quantity(8)).headcount == Quantity(8)


# --------------------------------------------------------------------------- industry


@pytest.mark.parametrize(("query", "industry"), [
    ("双十一预售付了定金 尾款付完又说没货了 只退尾款不退定金", "电商"),  # 预售 alone would read as real estate
    ("期房预售证没下来就收定金", "房地产"),
    ("装修尾款付完发现墙面开裂", "家装"),
    ("业主说交房晚了三个月要求赔偿违约金", "房地产"),
    ("客户说新买的车刹车有异响修了三次还没好要退车", "汽车"),
    ("柜台办业务排队两小时", "银行"),
    ("我的快递丢了", "快递"),
    ("老小区燃气管道改造每户收两千多,业主说不合理", "燃气"),  # 小区 is where, not whom
    ("孩子报了一年的英语课才上了10节,要求退剩下的费用,合同写扣20%手续费,家长要去教育局投诉", "教育"),  # no bank
    ("小区停水两天了也没通知", "供水"),
    ("顾客说收银多扣了钱 监控看不清", "零售"),  # cameras are everywhere: 监控 names no industry
    ("车行处理完投诉多久要回访客人", "汽车"),  # 客人 leans to hotels, 车行 names the business
    ("客人说房间有床虱,要求退款和赔医药费", "酒店"),
    ("健身中心推销私教课,会籍退不了", "健身美容"),
    ("公交卡刷了两次被扣两次钱", "公共交通"),
    ("家里暖气不热,供暖公司一直不来", "供暖"),
    ("小区电梯一个月坏了三次", "物业"),
    # staff set 10: buying a car on credit, a hotel's left-luggage, a school's parents (家长 leans to education)
    ("客户贷款买车时被收了4000块金融服务费和2000上牌费", "汽车"),
    ("客人行李寄存后不见了", "酒店"),
    ("我们分校突然停课,三十多个家长来前台要退剩下的课时费", "教育"),
    ("家长说贷款报课被骗了要退", "教育"),
    ("家长投诉孩子在医院输液时护士态度差", "医疗"),
    ("股民投诉证券公司营业部擅自替他买卖股票", "证券"),  # a brokerage is no bank
    ("住院医疗险报销被拒,说是既往症,客户说投保时体检正常,住院花了两万", "保险"),
    ("客人退房后说房间保险柜里的现金少了,要求酒店赔偿", "酒店"),  # a safe (保险柜) is no insurance
    ("邮政管理局转过来的申诉,网点被判定有责怎么办", "快递"),
    ("客户寄一幅字画保价两千,到了画框碎了,理赔等了半个月", "快递"),  # 理赔 of a parcel
    ("车子买了延保,电池坏了店里说不在延保范围,拒赔", "汽车"),  # an extended warranty is no insurance policy
    # staff naming their own business: a tour group's complaint to the hotel it stayed in
    ("一个旅行团住我们酒店两晚,第一晚整层没有热水,导游带着团员到大堂要求减免房费", "酒店"),
    ("旅游团住的快捷酒店不干净,游客要求退团费", "旅游"),  # a tour's hotel is part of the tour
    ("游客回国一个多月才来投诉酒店星级跟合同不符,还受理吗", "旅游"),
    ("客户说我们小区停水三天了没人管", "供水"),  # 我们小区 is a place, not the business
    ("顾客说货架价签写的9.9,结账扫出来12.9,要求按规定赔", "零售"),
    ("这事怎么处理", None),
])
def test_the_industry_of_a_complaint_comes_from_its_own_words(query, industry):
    from advisor.text.industry import infer_industry

    assert infer_industry(query) == industry


@pytest.mark.parametrize(("record", "query", "ok"), [
    ("电商", "餐饮", True),  # food delivery (外卖) is both
    ("快递", "电商", True),
    ("通用", "银行", True),
    ("房地产", "电商", False),
    ("银行", "餐饮", False),
    ("汽车", None, True),
])
def test_a_precedent_of_a_related_industry_suits_the_complaint(record, query, ok):
    from advisor.text.industry import compatible

    assert compatible(record, query) is ok


def test_industry_words_are_read_as_words_not_overlapping_substrings():
    from advisor.text.terms import INDUSTRY_TERMS, label_scores

    assert "电商" not in label_scores("市民刘先生在一家电商场购买了一台热水器", INDUSTRY_TERMS)  # 家电 + 商场
    assert label_scores("银行卡被盗刷", INDUSTRY_TERMS) == {"银行": 2}  # 银行卡 once, 盗刷 once


@pytest.mark.parametrize(("text", "misread"), [
    ("对窗口工作人员造成服务对象一定损失的行为可以投诉", "保险"),  # 定损
    ("请电梯维保单位到场检修", "保险"),  # 保单
    ("小区里电动车充电起火", "铁路"), ("机动车停放占用消防通道", "铁路"),  # 动车
    ("向国家电力监管部门反映", "家电"), ("遭遇电信诈骗被骗走5万元", "电信"),
    ("尽管家里没人,快递员还是说已经送到", "物业"),  # 管家
    ("五一黄金周的客房价格翻倍", "零售"),  # 黄金
])
def test_everyday_words_that_straddle_an_industry_term_name_no_industry(text, misread):
    from advisor.text.terms import INDUSTRY_TERMS, industry_scores, label_scores

    assert misread in label_scores(text, INDUSTRY_TERMS)  # the term, found inside an everyday word
    assert misread not in industry_scores(text)


def test_an_everyday_look_alike_does_not_decide_a_complaints_industry():
    from advisor.text.industry import infer_industry

    assert infer_industry("电动车充电桩收费太贵") != "铁路"  # 动车


@pytest.mark.parametrize(("query", "industry"), [
    ("顾客 预售付了定金 说好的优惠券没给 要退款", "电商"),
    ("家长要退课,机构说要扣30%违约金", "教育"),
])
def test_contract_words_shared_by_many_industries_point_to_none_of_them(query, industry):
    from advisor.text.industry import infer_industry

    assert infer_industry(query) == industry


def test_the_rules_that_apply_follow_the_best_precedent_when_one_word_alone_named_another_industry():
    from advisor.facade import read_industry
    from advisor.models import Hit

    def lead(industry: str, confidence: str = "高") -> list[Hit]:
        return [Hit(kind="case", id="c1", title="t", score=3.0, industry=industry, text="t", confidence=confidence)]

    # One word (违约金) said 房地产, yet an education case leads although it was ranked against that guess.
    assert read_industry("报班退费要扣违约金", None, "房地产", lead("教育")) == "教育"
    # Two words of the industry, or a precedent that fits, keep the guess; the filter always decides.
    assert read_industry("交房晚了三个月,开发商不赔", None, "房地产", lead("教育")) == "房地产"
    assert read_industry("报班退费要扣违约金", None, "房地产", lead("物业")) == "房地产"
    assert read_industry("报班退费要扣违约金", "银行", "房地产", lead("教育")) == "银行"
    # A weak precedent lends nothing; without industry words a good one does.
    assert read_industry("报班退费要扣违约金", None, "房地产", lead("教育", "低")) == "房地产"
    assert read_industry("收银多收了钱", None, "零售", lead("汽车", "中")) == "零售"
    agreeing = lead("酒店") + [Hit(kind="case", id="c2", title="t", score=2.0, industry="餐饮", text="t", confidence="中")]
    assert read_industry("这事怎么处理", None, None, agreeing) == "酒店"


def test_without_industry_words_one_precedent_alone_does_not_decide_the_rules():
    from advisor.facade import read_industry
    from advisor.models import Hit

    def hits(*industries: str) -> list[Hit]:
        return [Hit(kind="case", id=f"c{i}", title="t", score=3.0 - i, industry=ind, text="t", confidence="高")
                for i, ind in enumerate(industries)]

    query = "申请退款15天了还没到账,一直说在处理"
    assert read_industry(query, None, None, hits("银行")) is None
    assert read_industry(query, None, None, hits("银行", "电商", "快递")) is None
    assert read_industry(query, None, None, hits("银行", "通用", "电商")) is None  # general records lend nothing
    assert read_industry(query, None, None, hits("银行", "电商", "保险")) == "银行"
    # A precedent read as 低 matches too loosely to vouch for the complaint's industry.
    loose = hits("酒店", "保险", "酒店")
    loose[2] = loose[2].model_copy(update={"confidence": "低"})
    assert read_industry("客户要求退一赔三 客服能不能直接答应", None, None, loose) is None
    assert read_industry("客户要求退一赔三 客服能不能直接答应", None, None, hits("酒店", "保险", "酒店")) == "酒店"
    # A hotline that takes no bank complaints (12315) keeps the bank precedents' rules away.
    assert read_industry(query + ",要去12315投诉", None, None, hits("银行", "电商", "保险")) is None
    assert read_industry(query + ",要去12315投诉", None, None, hits("电商", "零售", "银行")) == "电商"
    # A tie of the query's words (客人 酒店, 包裹 快递): the lead breaks it only when it is one of them.
    assert read_industry("客人说包裹被放在管理室被别人拿走了", None, None, hits("餐饮", "餐饮")) is None
    assert read_industry("客人说包裹被放在管理室被别人拿走了", None, None, hits("快递")) == "快递"


@pytest.mark.parametrize(("query", "industry"), [
    ("车子送去修了一个月还在等配件,也不给代步车", "汽车"),
    ("我们小区网络断了两天,好多人要销户", "电信"),
    ("用户说要去工信部申诉 处理时限多少天", "电信"),
    ("车主在店门口拉横幅发视频,这种网络舆情的投诉多久上报", "汽车"),  # 网络舆情 is no carrier's network
    ("家里装了光伏,并网申请交了一个月没人来验收", "电力"),
    ("客户家装了光伏板,并网后电表不走字", "电力"),  # 家装了 is no home renovation
    ("小区停水两天没通知,几百户居民用水困难,业委会要去信访", "供水"),
    # the provider over a part of what it provides
    ("跟团游合同写的四星酒店,实际住的快捷酒店,还少去一个景点", "旅游"),
    # a tour's leader and members (领队, 团友) name a tour
    ("出境团回程航班没了,领队让老人自己买票回来,团友嫌补偿太少", "旅游"),
    ("云南团 团友之间报价不一样 投诉乱收费", "旅游"),
    ("旅行团入住后热水一直没有,领队要求全团退一晚房费", "酒店"),  # a hotel's guests who came as a tour
    ("交房时发现卧室墙面空鼓开裂,要求重做墙面并赔偿延误装修的房租", "房地产"),  # 延误装修 is no flight's delay
    ("昨晚停电6个小时,冰箱里的东西全坏了,要求赔偿", "电力"),
    ("这个月停电5次,好几户冰箱里的东西坏了,电脑也烧了一台,居民一起来要赔偿", "电力"),
    ("合同写的是地暖,交房变成了暖气片,要求每户赔偿", "房地产"),
    ("合同里写的是中央空调,交房发现装的是分体机,要求重新装", "房地产"),  # a fitted appliance of a new house
    ("新买的中央空调装好不制冷,售后一直不来", "家电"),
    # goods sold before they are made (预售商品) are a shop's; flats sold before they are built (预售商品房) a developer's
    ("顾客预售商品付了定金,到期发不了货,要求按定金双倍赔", "电商"),
    ("开发商预售商品房没拿到预售许可证,要求退定金", "房地产"),
    # the media threatened names no business: 电视台 is no television set
    ("业主集体投诉交房延期半年,要求付违约金,还要找电视台曝光", "房地产"),
    ("电视买回来三天就没图像,售后不上门", "家电"),
    ("村里电压不稳,晚上空调开不起来", "电力"),
    ("冰箱买了一个月就不制冷,售后一直不上门", "家电"),
    ("酒店房间有蟑螂,客人要求退房费", "酒店"),
    # a restaurant an outage kept from trading is the customer; a guest's complaint to a restaurant is not
    ("停水没提前通知,饭店一中午没法营业,老板要求赔损失", "供水"),
    ("突然停电,超市冰柜里的冻品全化了,门店没法营业要求供电公司赔偿", "电力"),
    ("饭店菜里有虫子,客人要求免单", "餐饮"),
    # a bank's head office, the utilities' hotlines, a tour's visa, a hotel's online travel agency
    ("监管转过来的投诉件,我们行规定几天答复,要不要报总行", "银行"),
    ("95598转来的工单回复时限是几天", "电力"),
    # the postal complaint line names the courier, though a branch (网点) leans to a bank
    ("我们网点件积压了,好几个客户说五天没收到,有人打了12305", "快递"),
    ("客人报的出境游因为签证没办下来取消了,要退全款", "旅游"),
    ("OTA平台转过来的差评投诉,客人要求补偿,前台能给多少", "酒店"),
    # a parcel's delay is no flight's (冷链, 生鲜件)
    ("冷链的生鲜件延误了两天,水果全坏了", "快递"),
    # after checking out of a hotel (a cleaner named does not make it the property company's)
    ("客人退房后说房间里的耳机不见了,怀疑保洁拿的", "酒店"),
    # a dish served (上桌, 整桌) is a restaurant's though its guest is a 客人; a certificate course's attendance
    ("客人说点的鱼上桌是凉的,要求整桌免单", "餐饮"),
    ("学员说考证班没过要退费,我们说出勤率不够不退", "教育"),
])
def test_everyday_words_of_an_industry(query, industry):
    from advisor.text.industry import infer_industry

    assert infer_industry(query) == industry


def test_a_precedent_of_an_industry_the_words_did_not_name_does_not_decide_a_tie():
    from advisor.facade import read_industry
    from advisor.models import Hit

    # 吃完 + 上吐下泻 (餐饮) against 医院 + 医药费 (医疗): a tie; a property case leading lends nothing.
    query = "在店里吃完回去上吐下泻,去医院花了800多,要赔医药费"
    lead = [Hit(kind="case", id="c1", title="t", score=3.0, industry="物业", text="t", confidence="高")]
    assert read_industry(query, None, None, lead) is None
    lead[0].industry = "餐饮"
    assert read_industry(query, None, None, lead) == "餐饮"


def test_the_party_a_complaint_blames_decides_its_industry():
    from advisor.text.industry import infer_industry

    assert infer_industry("客户说快递被物业前台弄丢了") == "物业"
    assert infer_industry("寄的件丢了,客户要赔") == "快递"
    assert infer_industry("行李箱被航空公司摔坏了") == "航空"


def test_the_market_regulator_is_no_bank_word():
    from advisor.text.industry import infer_industry

    assert infer_industry("会员说充值的卡在分店关门后用不了，要去市场监管局投诉") != "银行"
    assert infer_industry("寄的水果到了烂了一半，客户要赔") == "快递"


@pytest.mark.parametrize("query", ["顾客的储值卡卡里还有两千,分店关了不给退", "买完就降价 要退差价", "大堂经理态度很差"])
def test_words_many_industries_use_name_none(query):
    from advisor.text.industry import infer_industry

    assert infer_industry(query) is None


@pytest.mark.parametrize(("query", "industry"), [
    ("一桌客人聚餐后有人拉肚子,两个去医院挂水,要求赔医药费和误工费", "餐饮"),  # what befell the customer
    ("孩子在培训班上课受伤送医院了,家长要求机构赔医药费", "教育"),
    ("患者去医院看病被多收了药费", "医疗"),  # the hospital itself is complained about
    ("客人有医院证明还照扣退订费,订的是不可退房型", "酒店"),  # the doctor's note the customer shows
    ("医生开的药吃了过敏,病人要求医院赔偿", "医疗"),
    ("客户父亲住院来不了网点,儿子想取定期交医药费,柜员按规定没给办", "银行"),  # what the money is for
    ("客户住院理赔资料交齐一个月了还没赔,这种几天内要回复", "保险"),  # the stay is what the claim is for
    ("住院费报销被拒,业务员说有既往症", "保险"),
    ("患者住院期间护士态度差", "医疗"),  # the stay itself is complained of
])
def test_going_to_hospital_and_claiming_medical_costs_name_no_business(query, industry):
    from advisor.text.industry import infer_industry

    assert infer_industry(query) == industry


@pytest.mark.parametrize(("query", "industry"), [
    ("我们网点这周好多件积压没派,客户投诉说快递一直不动", "快递"),  # a courier's 网点: 快递 says so
    ("客户在网点排队两个小时没人管", "银行"),  # 网点 alone still leans to a bank
    ("车险理赔:客户追尾,4S店报价12400,我们定损员只给核了7800,车在4S店放了23天", "保险"),  # the adjuster's claim
    ("4S店保养后发动机异响,客户要求退车", "汽车"),
    ("会员积分清零没有单独发短信通知,十几个会员来投诉", None),  # how the customers were told names no business
    ("手机每天收到垃圾短信,运营商不处理", "电信"),
])
def test_a_word_several_industries_share_leans_only_half(query, industry):
    from advisor.text.industry import infer_industry

    assert infer_industry(query) == industry


def test_a_tie_of_the_querys_industry_words_goes_to_the_industry_two_precedents_share():
    from advisor.facade import read_industry
    from advisor.models import Hit

    def hit(industry: str) -> Hit:
        return Hit(kind="case", id=industry + "x", title="t", score=1.0, industry=industry, confidence="高")

    query = "营业厅代收的快递一直没人派,几十个客户投诉"  # 营业厅 says telecom, 快递 courier
    assert read_industry(query, None, None, [hit("电信"), hit("快递"), hit("快递")]) == "快递"
    assert read_industry(query, None, None, [hit("电信"), hit("餐饮"), hit("酒店")]) == "电信"  # the lead breaks it
    loose = [h.model_copy(update={"confidence": "低"}) for h in (hit("电信"), hit("快递"), hit("快递"))]
    assert read_industry(query, None, None, loose) is None  # precedents that match loosely break no tie


@pytest.mark.parametrize(("query", "industry"), [
    ("手机屏幕碎了去维修点换屏被坑", "数码"),
    ("新买的手机三天就黑屏要求换新", "数码"),
    ("手机没信号", "电信"),  # 手机 alone names no industry: the carrier's words decide
    ("家里手机上网老是断断续续,要求派人来解决", None),  # (no phone: the line or the device, unknown)
    ("手机欠费停机了", "电信"),
    ("用手机银行转账失败", "银行"),
])
def test_a_phone_bought_or_repaired_is_no_car_and_its_line_stays_with_the_carrier(query, industry):
    from advisor.corpus.classify import industry_of
    from advisor.text.industry import infer_industry

    assert infer_industry(query) == industry
    # (a Hong Kong page's 保养 of a phone is its warranty: 手提电话 outweighs it)
    assert industry_of("钱先生于B电讯公司购买手提电话,使用约三个月后出现故障,于是将手机送到维修中心保养维修。") == "数码"


def test_where_guests_stay_a_fandian_is_a_hotel():
    from advisor.corpus.classify import industry_of

    story = ("投诉人的母亲透过电话向饭店订了一晚的四人房,柜台要求全额付款,之后无法入住,要退款饭店却推托。"
             "饭店公关:我们的早鸟优惠价不得取消。")
    assert industry_of(story) == "酒店"
    assert industry_of("饭店的菜里吃出头发,饭店经理只肯打八折,客人要求免单。") == "餐饮"


@pytest.mark.parametrize("query", [
    "客戶說上個月續約時門市人員講月租599吃到飽，結果這期帳單變成999，還多扣了小額付費300多，要求退差額",
    "用户说月租费被多扣了两个月",
])
def test_a_phone_plans_monthly_rental_names_the_carrier(query):
    from advisor.text.industry import infer_industry
    from advisor.text.normalize import to_simplified

    assert infer_industry(to_simplified(query)) == "电信"
    assert infer_industry("车位月租300 物业说要涨到400") != "电信"  # a parking space's monthly rent is no phone plan
    assert infer_industry("自助餐吃到饱 结果菜上得很慢") != "电信"


@pytest.mark.parametrize(("text", "industry"), [
    ("女星花4000元住进一家5星饭店,发现浴室有霉斑,要求饭店退房费", "酒店"),
    ("他入住的五星级饭店客房里有烟味,前台不给换房", "酒店"),
    ("顾客在饭店用餐时吃出一根头发,要求饭店免单", "餐饮"),  # a 饭店 alone is a restaurant
    ("接受投诉三日内由主管副校长在投诉记录上详细登记,对于情况严重的,由校长召开会议研究处理", "教育"),  # a school's head
])
def test_a_star_rated_fandian_is_a_hotel_and_a_schools_head_is_educations(text, industry):
    from advisor.corpus.classify import industry_of
    from advisor.text.industry import infer_industry

    assert industry_of(text) == industry
    assert infer_industry(text) == industry


@pytest.mark.parametrize(("query", "industry"), [
    ("团险单位11个员工一起投诉门诊报销比例跟宣传的不一样", "保险"),  # (门诊 alone would say a hospital)
    ("客户出发前3天取消行程，说是因为住院有证明，要求全退团费", "旅游"),
])
def test_an_insurers_or_a_travel_agencys_words_outweigh_the_hospital_they_mention(query, industry):
    from advisor.text.industry import infer_industry

    assert infer_industry(query) == industry


def test_a_government_hotlines_transfer_rules_are_no_companys():
    from advisor.text.terms import industry_scores

    text = ("局各部门对应急类事项,应在收到转办件工单的当日及时答复诉求人;投诉举报类事项,应在收到转办件工单的次日起13个工作日内"
            "办结和答复诉求人;不能办结的,承办部门应及时通报12345督查中心。")
    scores = industry_scores(text)
    assert max(scores, key=scores.get) == "政务"


def test_hong_kong_words_for_an_air_conditioner_and_its_refrigerant_are_appliance_words():
    from advisor.text.terms import industry_scores

    scores = industry_scores("投诉人因为冷气机漏水,预约上门维修,技工补充雪种及更换零件后两个月又失灵。")
    assert max(scores, key=scores.get) == "家电"


@pytest.mark.parametrize(("query", "industry"), [
    ("客户报的云南六日游,临时把酒店从四星换成快捷,要求退差价", "旅游"),  # a tour's hotel is the tour's
    ("报了个一日游,到集合点车开走了,要退款", "旅游"),
    ("上门安检的人说要换管子收了280,客户说是骗钱", "燃气"),  # a home safety check is the gas company's
])
def test_a_tour_by_its_days_and_a_home_safety_check_name_their_industry(query, industry):
    from advisor.text.industry import infer_industry

    assert infer_industry(query) == industry


@pytest.mark.parametrize(("query", "injury"), [
    ("客户住院花了三万多,理赔被拒,说是既往症", ()),  # the stay is what the claim is for
    ("住院五万保险一分不赔 客人很激动", ()),
    ("骨折住院一个多月申请理赔,意外医疗险早过期了", ("骨折",)),  # the injury itself still counts
    ("患者手术后伤口感染又住院了一次,家属要求退费", ("住院",)),  # a hospital's own complaint: the stay counts
    ("阿姨说是我们网点害她住院,要报销医药费", ("住院",)),  # a claim against the bank, no insurance
])
def test_a_hospital_stay_in_an_insurance_claim_is_no_injury(query, injury):
    assert extract_facts(query).injury == injury


@pytest.mark.parametrize(("query", "injury"), [
    ("小区电梯一个月坏了三次,昨天有老人被困二十分钟,业主要求赔偿", ("被困",)),  # trapped: a safety incident
    ("吃了店里的凉菜全家食物中毒,要求赔医药费", ("中毒",)),
    ("电梯停了半天,还好没有困人,业主要求减免物业费", ()),  # negated in its clause
])
def test_someone_trapped_or_poisoned_is_a_safety_incident(query, injury):
    assert extract_facts(query).injury == injury


@pytest.mark.parametrize(("query", "industry"), [
    ("客人报的海岛游遇上台风航班取消,行程走不了,机票酒店退不了的那部分费用该谁出?", "旅游"),  # the tour's flight
    ("报了旅行团,航班取消了,旅行社不退钱", "旅游"),
    ("团里32个人航班取消 滞留机场一晚上 地接不管 客人集体要退费加赔偿", "旅游"),  # the tour's local agent
    ("航班取消了,航空公司不给改签", "航空"),
    ("我们航空公司的旅客是旅游团的,航班延误要求赔偿", "航空"),  # staff naming their own airline
])
def test_a_tours_flight_is_part_of_the_tour(query, industry):
    from advisor.text.industry import infer_industry

    assert infer_industry(query) == industry
