"""Which industry a complaint is about, from its own words (for ranking and for the rules that apply)."""

from __future__ import annotations

import re
from functools import lru_cache

from advisor.text.terms import GENERAL, INDUSTRY_TERMS, NOT_INDUSTRY_TERMS, label_scores

# Everyday words staff use that point to an industry without its formal vocabulary.
QUERY_CUES: dict[str, tuple[str, ...]] = {
    "房地产": ("交房", "收房", "房子", "楼盘", "售楼", "开发商", "精装", "样板间", "购房合同", "房本", "房产证", "产权证", "不动产证", "办证", "过户", "首付", "按揭", "网签", "认购", "车位", "学区", "烂尾", "延期交付", "预售商品房"),
    "物业": ("物业", "小区", "保安", "保洁", "电梯", "停车位", "楼上", "楼下", "邻居", "装修噪音", "物业费", "管理处", "业委会", "门禁", "漏水", "垃圾", "绿化", "停车费"),
    "银行": ("银行", "信用卡", "储蓄卡", "柜台", "网点", "转账", "取钱", "存钱", "贷款", "理财", "银行卡", "年费", "柜员", "存款", "取款", "ATM", "利息", "手续费", "盗刷", "还款", "分期", "网银", "手机银行", "银保监", "金融监管", "总行", "分行", "我们行"),
    "保险": ("保险", "理赔", "保单", "车险", "拒赔", "退保", "保费", "投保", "保险公司", "重疾", "医疗险", "车损", "既往症",
             "健康告知", "等待期", "报销被拒", "拒绝报销", "不予报销", "保险金", "团险", "报销比例", "赔付比例"),
    "汽车": ("4S", "4s", "刹车", "发动机", "变速箱", "修车", "提车", "新车", "车主", "异响", "保养", "车子", "4S店", "维修站", "漆面", "补漆", "钣金", "轮胎", "空调异响", "烧机油", "召回", "送修", "代步车", "零件", "配件", "车辆",
             "车行", "买车", "购车", "上牌", "车贷", "提车时", "延保", "质保期"),
    "电信": ("话费", "流量", "宽带", "信号", "停机", "套餐", "手机卡", "营业厅", "网速", "掉线", "手机号", "号码", "携号转网", "合约", "扣费", "短信", "5G", "网络断", "断网", "路由器", "光猫", "网络", "销户", "工信部", "12300", "通管局",
             "月租费", "小额付费", "NCC", "电信业者"),  # (a plan's monthly fee; Taiwan: micro-payments on the bill, the regulator)
    "电商": ("网购", "网店", "淘宝", "京东", "拼多多", "外卖", "骑手", "平台", "退货退款", "下单", "卖家", "买家", "翻新机", "差评", "客服说", "七天无理由",
             "双十一", "双11", "大促", "秒杀", "发货", "没货", "缺货", "包邮", "仅退款", "预售", "优惠券",
             "预售商品", "发不了货", "发不出货"),
    "快递": ("快递", "包裹", "物流", "丢件", "驿站", "签收", "快递员", "寄件", "揽收", "派送", "运单", "件丢了", "寄的", "保价",
             "邮政管理局", "邮管局", "邮政局", "判定有责", "寄了", "寄一", "寄到", "寄回", "寄过去", "冷链", "生鲜件", "快件",
             "12305"),
    "零售": ("超市", "商场", "专柜", "门店", "金店", "首饰", "化妆品", "过期", "收银", "小票", "促销", "金项链", "含金量", "会员卡", "专卖店",
             "货架", "价签", "标价签"),
    "酒店": ("酒店", "宾馆", "客房", "入住", "前台", "房卡", "民宿", "房费", "订房", "大床房", "标间", "住宿", "满房", "退房时", "退房后", "押金", "早餐券", "客人", "房间", "床虱", "臭虫", "行李寄存", "寄存行李", "OTA"),
    "餐饮": ("餐厅", "饭店", "菜里", "菜品", "吃饭", "用餐", "服务员", "火锅", "食物中毒", "饭菜", "外卖", "吃出", "苍蝇", "头发", "拉肚子", "上吐下泻", "聚餐", "包间", "后厨", "吃完", "店里吃",
             "上桌", "整桌", "点菜", "点的菜"),
    "电力": ("停电", "电费", "电表", "跳闸", "供电", "电压", "断电", "电力公司", "供电局", "光伏", "并网", "95598", "12398"),
    "供水": ("停水", "水费", "水表", "自来水", "水质", "水压", "用水"),
    "燃气": ("燃气", "天然气", "煤气", "燃气表", "灶具", "燃气费", "燃气公司", "漏气", "燃气管道", "管道改造", "燃气改造", "报警器",
             "点火", "通气", "上门安检", "入户安检", "软管", "波纹管"),
    "航空": ("航班", "机票", "登机", "行李", "延误", "航空公司", "机场", "改签", "乘客", "地服", "托运", "旅客", "经停", "备降"),
    "铁路": ("火车", "高铁", "动车", "车票", "12306", "列车"),
    "旅游": ("旅行社", "导游", "旅游团", "跟团", "景区", "景点", "取消行程", "出发前", "退团", "团费", "出境游", "境外游", "报团", "签证",
             "领队", "带团", "地接", "组团", "团友", "海岛游", "自由行", "跟团游", "周边游", "日游"),
    "医疗": ("医院", "医生", "护士", "病人", "患者", "手术", "挂号", "看病", "住院", "门诊", "科室", "病房", "医药费", "药费", "开药", "检查费", "医嘱", "病历", "植牙",
             "种牙", "拔牙", "补牙", "牙医"),
    "教育": ("培训班", "培训机构", "课时", "退学费", "补习", "网课", "退课", "课程", "学费", "上课", "辅导班", "早教", "教育局",
             "英语课", "数学课", "舞蹈课", "兴趣班", "报班", "节课", "老师", "校区", "托管班", "停课", "分校",
             "课时费", "报课", "退课费", "家长", "考证", "出勤率"),
    "家装": ("装修公司", "装修队", "家装", "瓷砖", "墙面开裂"),
    "家电": ("空调", "冰箱", "洗衣机", "热水器", "净水器", "电视", "延保"),
    "数码": ("修手机", "手机坏", "手机维修", "换屏幕", "翻新机", "原装屏", "副厂屏", "笔记本", "黑屏", "死机"),
}
# Both tables per industry; a word in both counts once (退房 must not weigh double). A query's 手机 names no
# industry: the line (上网断断续续, 收不到验证码) as often as the device.
_QUERY_TERMS = {key: tuple(t for t in dict.fromkeys((*INDUSTRY_TERMS.get(key, ()), *QUERY_CUES.get(key, ()))) if t != "手机")
                for key in (*INDUSTRY_TERMS, *QUERY_CUES)}
# Industries close enough that a precedent of one is useful for the other.
RELATED: tuple[frozenset[str], ...] = (
    frozenset({"房地产", "物业", "家装"}), frozenset({"银行", "保险", "证券"}), frozenset({"电商", "快递", "零售", "家电", "数码"}),
    frozenset({"酒店", "餐饮", "旅游"}), frozenset({"电力", "供水", "燃气", "供暖"}), frozenset({"航空", "铁路", "旅游"}),
    frozenset({"铁路", "公共交通"}),
    frozenset({"餐饮", "电商"}),  # food delivery (外卖) is both
)


def infer_industry(simple_query: str) -> str | None:
    """The industry a (simplified) query is about, or None when its words point to none or to several equally."""
    return industry_guess(simple_query)[0]


def top_industries(simple_query: str) -> set[str]:
    """The industries the query's words point to most (several on a tie; empty when none)."""
    scores = _scores(simple_query)
    best = max((v for _, v in scores), default=0)
    return {k for k, v in scores if v == best and best}


def industry_guess(simple_query: str) -> tuple[str | None, float]:
    """The industry a query's words point to and how many of its words do (0 when none or a tie)."""
    ranked = sorted(_scores(simple_query), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None, 0
    return ranked[0][0], ranked[0][1]


# Words that lean to an industry count half: where it happened ("老小区燃气管道改造收费" is a gas complaint,
# "小区停水了" a water one, while "小区电梯坏了" stays with the property company) and who or what is
# everywhere ("客人", "房间": hotels say them most, restaurants, gyms and landlords too; "家长": schools and
# training centres most, a parent complains of a toy shop or a hospital too; "网点": a bank's most, a courier's
# or a carrier's too).
_WEAK = {"小区": "物业", "客人": "酒店", "房间": "酒店", "家长": "教育", "网点": "银行"}
# The party a complaint blames is the agent of a passive: "快递被物业前台弄丢了" is about the property desk.
_AGENT = re.compile(r"被([\u4e00-\u9fffA-Za-z0-9]{2,8})")
# Staff speak of their own business: "住我们酒店两晚", "本院". Only nouns that name a kind of business count:
# 网点 is a bank's or a courier's, 前台 any reception desk, 我们小区 a place.
_BUSINESSES = {"酒店": "酒店", "宾馆": "酒店", "民宿": "酒店", "银行": "银行", "支行": "银行", "医院": "医疗", "诊所": "医疗",
               "超市": "零售", "商场": "零售", "餐厅": "餐饮", "饭店": "餐饮", "物业": "物业", "4S店": "汽车", "营业厅": "电信",
               "驿站": "快递", "旅行社": "旅游", "培训机构": "教育", "学校": "教育", "保险公司": "保险", "燃气公司": "燃气",
               "自来水公司": "供水", "水务": "供水", "供电": "电力", "航空公司": "航空", "航司": "航空"}
_OWN = re.compile(r"(?:我们|咱们|我司|本)(?:的|这个|这家|这边的?)?([\u4e00-\u9fffA-Za-z0-9]{2,8})")


# What befell the customer and the damages claimed name no business: "2个去医院挂水", "要求赔医药费和误工费"
# after a restaurant meal, a fall in a shop or a car accident; nor does the doctor's note a customer shows
# ("有医院证明还照扣退订费").
_CONSEQUENCE = re.compile(r"住院(?:费用?|期间|的)?(?=理赔|报销|赔付)|医院(?:开具|出具)?的?(?:证明|病历)|(?:去|到|送|上|进|跑)了?(?:趟)?医院|(?:赔|赔偿|报销|承担|支付|垫付|补偿|交|缴|付)了?(?:全部|所有)?(?:的)?(?:医药费|医疗费|药费)")


# How the company told the customer (or failed to) names no business either: "没有单独发短信通知", "短信提醒"
# (a carrier's own SMS complaints say 垃圾短信, 短信费, 短信业务).
_CHANNEL = re.compile(r"(?:发|收到|接到)了?(?:一条|条|个)?短信(?:通知|提醒|告知)?|短信(?:通知|提醒|告知)")


# Nor does the media the customer threatens with: "找电视台曝光" is no complaint about a television set.
_MEDIA = re.compile(r"电视台|电视新闻|电视节目|上电视|电视上")


@lru_cache(maxsize=1024)
def _scores(simple_query: str) -> tuple[tuple[str, float], ...]:
    """How many of the query's words point to each industry, the blamed party's own word counting once more
    (read once per query: ranking, rules and plan all ask)."""
    neutral = _MEDIA.sub("，", _CHANNEL.sub("，", _CONSEQUENCE.sub("，", simple_query)))
    scores: dict[str, float] = dict(label_scores(neutral, _QUERY_TERMS, NOT_INDUSTRY_TERMS))
    for m in _AGENT.finditer(simple_query):
        for industry in {k for k, words in _QUERY_TERMS.items() if m.group(1).startswith(words)}:
            scores[industry] = scores.get(industry, 0) + 1
    own = {industry for m in _OWN.finditer(simple_query) for noun, industry in _BUSINESSES.items()
           if m.group(1).startswith(noun)}
    for industry in own:  # staff naming their own business ("住我们酒店两晚"): the party complained of
        scores[industry] = scores.get(industry, 0) + 1
    for word, industry in _WEAK.items():
        if word in simple_query and scores.get(industry, 0) > 0:
            scores[industry] -= 0.5
    for provider, (cue, parts) in _PACKAGE.items():
        if cue.search(simple_query) and scores.get(provider, 0) > 0:
            for part in parts:
                if part not in own:
                    scores.pop(part, None)
    for utility, cue in _OUTAGE.items():
        if cue.search(simple_query) and _STOPPED_TRADE.search(simple_query) and scores.get(utility, 0) > 0:
            for trade in _TRADES:
                scores.pop(trade, None)
    return tuple(scores.items())


# A provider named with a part of what it provides is the party complained of: a tour's hotel (旅游团…四星酒店…快捷酒店)
# and its flight or train (海岛游遇上台风航班取消; 航班取消…地接不管: the tour's local agent; a 领队 may
# complain to a hotel for the group, so that word alone names no tour),
# a new house's walls, heating or fitted appliances at handover (交房时发现墙面空鼓开裂, 合同写的是地暖,交房变成了暖气片,
# 合同写中央空调,交房装的是分体机), the fridge an outage spoiled (停电…冰箱里的东西全坏了),
# the computer it burnt (停电5次…电脑也烧了一台), the air conditioner a low voltage stops (电压不稳,空调开不起来), the car an insurer's adjuster priced (定损员只给核了7800).
_PACKAGE = {
    "旅游": (re.compile(r"旅行社|旅游团|跟团|导游|团费|游客|日游|海岛游|自由行|地接|组团社"), ("酒店", "航空", "铁路")),
    "房地产": (re.compile(r"交房|收房|验房|开发商|延期交付"), ("家装", "供暖", "家电")),
    "电力": (re.compile(r"停电|断电|电压|跳闸|供电"), ("家电", "数码")),
    # a car insurer's loss adjustment (车险, 定损): the repair shop's quote is part of the claim
    "保险": (re.compile(r"车险|定损"), ("汽车",)),
}


# A shop or restaurant that an outage kept from trading is the customer, the utility the party complained of:
# "停水没提前通知，饭店一中午没法营业，老板要求赔损失" is a water complaint.
_OUTAGE = {"供水": re.compile(r"停水|断水|没水"), "电力": re.compile(r"停电|断电|没电"), "燃气": re.compile(r"停气|断气|没气")}
_STOPPED_TRADE = re.compile(r"(?:没法|无法|不能|没办法|停止)(?:正常)?(?:营业|开门|做生意)|停业|营业损失|耽误(?:了)?生意")
_TRADES = ("餐饮", "酒店", "零售", "电商")


def compatible(record_industry: str, query_industry: str | None) -> bool:
    """True when a record of `record_industry` suits a query about `query_industry` (general rules suit all)."""
    if query_industry is None or record_industry in (GENERAL, query_industry):
        return True
    return any(record_industry in group and query_industry in group for group in RELATED)
