"""Broad vocabularies shared by the corpus and query stages: industries, complaint types, complaint words.

These lists describe the domain (what a bank, a hotel or a water utility talks about), never a
particular document; extending them to a new industry is a one-line change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

GENERAL = "通用"

INDUSTRY_TERMS: dict[str, tuple[str, ...]] = {
    "房地产": ("开发商", "楼盘", "交房", "交付", "购房", "售楼", "样板房", "红线", "办证", "房产证", "精装修", "商品房",
               "期房", "置业顾问", "认购", "车位", "储藏室", "项目公司", "代建", "房地产", "地产", "收房", "验房",
               "经纪人", "群诉", "案场", "地块", "分期开发", "楼书", "户型", "容积率", "公摊", "毛坯", "预售", "网签",
               "开盘", "售楼处", "新房", "二手房", "房价"),
    "物业": ("物业", "管理处", "小区", "保洁", "停车场", "物业费", "业委会", "业主委员会", "楼道", "公共区域", "绿化",
             "管家", "门禁", "装修押金", "楼上住户"),
    "银行": ("银行", "支行", "网点", "柜员", "理财", "贷款", "信用卡", "储蓄", "存款", "取款", "ATM", "转账",
             "账户", "银行卡", "罚息", "盗刷", "网银", "手机银行", "我行"),
    "保险": ("保险公司", "保单", "理赔", "投保", "被保险人", "保费", "拒赔", "定损", "重疾", "车险", "退保", "寿险"),
    "汽车": ("4S店", "4s店", "维修站", "车辆", "汽车", "轿车", "保养", "刹车", "发动机", "变速箱", "车主", "故障灯",
             "三包", "试驾", "提车", "气囊", "轮胎", "钣金", "服务顾问", "烧机油", "水箱", "底盘", "新车", "二手车",
             "里程表", "表显里程", "车况", "事故车", "泡水车", "调表",
             # a dealer's own words and the makes it sells (an Audi dealer's complaint procedure is a car dealer's)
             "工时费", "奥迪", "大众", "宝马", "奔驰", "丰田", "本田", "别克", "日产", "吉利", "比亚迪"),
    "电信": ("话费", "流量", "套餐", "宽带", "手机卡", "停机", "基站", "信号", "10086", "10010", "运营商", "移动公司",
             "电讯营办商", "通讯局", "宽频", "电讯商",  # Hong Kong's carriers and their regulator
             "联通", "电信", "增值业务", "营业厅", "携号转网", "光猫", "SP", "梦网", "信誉额度", "漫游", "通话费", "话单"),
    "电商": ("网购", "电商", "网店", "淘宝", "京东", "拼多多", "订单", "卖家", "店铺", "直播间", "外卖", "骑手",
             "电商平台", "网上购买", "网上下单", "购物平台", "旗舰店", "网购平台", "团购"),
    "健身美容": ("健身房", "健身卡", "健身中心", "健身会所", "会籍", "瑜伽", "私教", "美容院", "美容店", "美发", "理发店",
                 "美甲", "美睫", "美体", "纹绣", "美容师", "染发", "烫发", "发廊", "医美", "植发", "舞蹈", "游泳馆", "美容消费", "美容项目", "美容套餐", "美容服务", "美容机构", "美容产品"),
    "快递": ("快递", "包裹", "物流", "寄件", "收件", "派送", "快递员", "丢件", "签收", "运单", "揽件", "驿站", "快件",
             "揽件网点", "投递网点", "派件网点", "快递网点",
             "搬家公司", "搬家师傅", "搬运工"),  # a moving company carries and delivers goods too
    "零售": ("超市", "商场", "专柜", "门店", "导购", "店员", "黄金", "首饰", "珠宝", "化妆品", "服装", "收银", "金店",
             "戒指", "购物中心", "菜市场", "菜场", "农贸市场", "摊位"),
    "酒店": ("酒店", "宾馆", "客房", "入住", "前台", "房卡", "总台", "民宿", "住店", "叫醒", "订房", "房费", "大床房", "标准间",
             "房型", "续住", "钟点房",
             # a star-rated 饭店 is a hotel (五星级饭店, 5星饭店); a 饭店 alone is as often a restaurant
             "星级饭店", "星饭店"),
    "餐饮": ("餐厅", "饭店", "菜品", "用餐", "就餐", "服务员", "后厨", "饭菜", "餐馆", "火锅", "食物", "点菜", "上菜",
             "菜里", "川菜", "酒楼", "酒席", "宴席", "年夜饭", "婚宴"),
    "电力": ("供电", "停电", "电表", "电能表", "电费", "变压器", "抢修", "用电", "台区", "供电局", "电力公司", "跳闸",
             "国家电网", "电网"),
    "供水": ("自来水", "供水", "停水", "水费", "水表", "水压", "水质", "水务", "自来水公司"),
    "燃气": ("燃气", "天然气", "煤气", "燃气表", "灶具", "气费", "燃气公司", "通气", "供气", "停气", "用气", "购气", "输气",
             "液化气"),
    "供暖": ("暖气", "供暖", "采暖", "供热", "热力公司", "散热器", "暖气片", "室温"),
    "航空": ("航班", "航空公司", "机票", "登机", "行李", "机场", "值机", "改签", "超售", "航司", "空乘"),
    "公共交通": ("公交车", "公交卡", "公交公司", "公交站", "地铁", "出租车", "网约车", "的士"),
    "铁路": ("火车", "列车", "高铁", "动车", "车票", "铁路", "乘务员", "12306", "车厢", "卧铺"),
    "旅游": ("旅行社", "导游", "旅游团", "跟团", "景区", "游客", "地接", "邮轮", "组团社"),
    "医疗": ("医院", "患者", "病人", "医生", "护士", "手术", "门诊", "住院", "挂号", "诊疗", "病房", "医疗", "输液",
             "医患", "医调委", "牙科", "口腔", "诊所", "牙套"),
    "教育": ("培训机构", "培训班", "课程", "课时", "补习", "早教", "网课", "报读", "学费", "教育机构", "琴行", "驾校", "幼儿园",
             "教育局", "兴趣班", "培训学校", "教学", "教师", "补课", "教务", "校长"),  # (not 学校: a developer's promised school is a real-estate complaint)
    "家装": ("装修公司", "装饰公司", "家装", "施工队", "瓷砖", "吊顶", "墙面", "翘起", "装修服务", "装饰工程", "装修工程",
             "装修合同", "橱柜", "板材", "木工", "全屋定制", "定制家具", "水电改造", "装修材料"),
    "证券": ("证券公司", "证券", "券商", "股票", "炒股", "股民", "期货", "开户营业部", "证券营业部", "基金公司"),
    # a government office's service centre (its complaint rules are no company's general rules)
    "政务": ("政务服务", "政务中心", "政务大厅", "行政审批", "审批办法", "审批事项", "办事大厅", "办事窗口", "窗口工作人员",
             "行政服务中心", "督查科", "监察投诉",
             # a government hotline's transferred work orders (12345 转办件, 诉求人, 督查中心, 承办部门)
             "转办件", "诉求人", "督查中心", "承办部门"),
    "家电": ("空调", "冰箱", "洗衣机", "热水器", "净水器", "电视机", "家电", "电吹风", "吹风机", "冷气机", "雪种"),
    # phones and computers bought and repaired (手提电话 in Hong Kong); 手机号, 手机卡, 手机银行 are longer words
    "数码": ("手机", "手提电话", "智能手机", "手机屏", "屏幕", "换屏", "碎屏", "主板", "底板", "平板电脑", "笔记本电脑", "电脑",
             "耳机", "数码", "相机", "维修中心"),
}

COMPLAINT_TYPES: dict[str, tuple[str, ...]] = {
    "销售承诺": ("承诺", "宣传", "销售说辞", "欺诈", "告知", "不利因素", "公示", "虚假宣传", "误导"),
    "交付延期": ("延期", "逾期", "延迟", "按时交付", "办证", "延误"),
    "工程质量": ("工程质量", "空鼓", "开裂", "渗漏", "漏水", "质量通病", "红线", "保温", "冻裂", "裂痕"),
    "产品质量": ("质量问题", "故障", "损坏", "缺陷", "过期", "不符", "自燃", "变色", "过敏", "异物", "不合格"),
    "维修服务": ("维修", "报修", "返修", "保修", "维保", "重复维修", "修理"),
    "服务态度": ("态度", "不耐烦", "谩骂", "辩解", "生硬", "冷漠", "推诿", "不理睬"),
    "收费争议": ("收费", "扣费", "罚息", "费用", "价格", "退费", "退还", "退款", "多收", "乱收费", "账单"),
    "物流配送": ("物流", "配送", "快递", "包裹", "丢件", "丢失"),
    "理财保险": ("理财", "保险", "收益", "退保", "理赔", "拒赔"),
    "群体投诉": ("群诉", "集体", "群体性"),
    "邻里与公共区域": ("公共区域", "占用", "楼道", "大堂", "邻居"),
    "等候时间": ("等待", "排队", "等候"),
    "卫生安全": ("卫生", "不干净", "头发", "蟑螂", "老鼠", "异味", "臭虫", "食品安全"),
    "停供故障": ("停电", "停水", "停气", "断网", "停机", "信号差"),
    "信息安全": ("盗刷", "泄露", "冒用", "诈骗", "被骗"),
}

# Words that mark a *query* as a complaint by its wording alone: people, acts and faults of a
# complaint. Industry nouns are left out: they also occur in everyday questions
# (银行周六几点开门, 附近有什么好吃的餐厅).
COMPLAINT_TERMS = (
    "投诉", "顾客", "业主", "业户", "住户", "消费者", "客人", "购房", "维修", "赔偿", "补偿", "退款", "退货",
    "物业", "交付", "交房", "质量", "开发商", "售后", "商家", "维修站", "道歉", "致歉", "满意", "抱怨", "纠纷",
    "客服", "接待", "收费", "管理处", "报修", "停电", "电表", "群诉", "回访", "承诺", "门窗", "漏水",
)
# Words that show a corpus line is about complaints / customer service; runs of lines without any
# of them (an essay, statistics, a course blurb) are unrelated prose.
DOMAIN_TERMS = COMPLAINT_TERMS + (
    "客户", "用户", "服务", "处理", "银行", "保险", "合同", "公司", "企业", "产品", "员工", "网点", "解决",
    "沟通", "业务", "费用", "酒店", "房间", "餐厅", "前台", "问题", "项目", "案例", "管理", "工程", "施工",
    "房屋", "小区", "装修", "设施", "设备", "患者", "旅客", "乘客", "游客", "医院", "快递", "包裹", "调解",
    "消委", "消协", "维权", "诉求", "供水", "燃气", "航班",
    # Consumer disputes told in everyday words (a training school closing, a shop refusing a refund).
    "家长", "学员", "培训", "商家", "店家", "老板", "卖家", "买家", "消费", "购买", "退钱", "退费", "退款", "讨说法",
    "跑路", "押金", "预付", "充值", "会员卡", "工商", "12315", "市场监管",
)
# Words that make a passage about complaints at all; a "case" without any is unrelated prose.
CORE_COMPLAINT_TERMS = (
    "投诉", "客户", "顾客", "业主", "消费者", "用户", "住户", "客人", "购房者", "抱怨", "不满", "纠纷", "维权",
    "群诉", "客诉", "业户", "患者", "旅客", "乘客", "游客", "车主", "居民", "申诉", "调解", "索赔", "赔偿", "家属",
)


# Everyday words that contain or straddle an industry term without meaning it: read as words, they count for nothing
# (一定损失 is no 定损, 维保单位 no 保单, 电动车 and 机动车 no 动车, 误导购房者 no 导购, 国家电网 no 家电,
# 尽管家里 no 管家, 使用电脑 no 用电, 挂号信 no 挂号, 黄金周 no 黄金, 换了新房间 no 新房, 电信诈骗 no telecom,
# 网络舆情 no carrier's network, 家装了光伏 no home renovation).
NOT_INDUSTRY_TERMS: tuple[str, ...] = (
    "一定", "维保", "电动车", "机动车", "发动", "误导", "国家", "尽管", "使用", "挂号信", "黄金周", "新房间",
    "电信诈骗", "电信网络诈骗", "假期", "保险柜", "保险箱", "保险丝", "保险杠",
    # 网络舆情 and 网络平台 are no carrier's network; "客户家装了光伏" is no home renovation
    "网络舆情", "网络平台", "网络曝光", "家装了",
    # a delay of the works or of the handover is no flight's (延误装修的房租)
    "延误装修", "延误工期", "延误交房", "延误交付", "延误入住",
    # how the customer paid a shop, or got the money back, is no bank's business ("以信用卡付款", "退回信用卡")
    "信用卡付款", "信用卡支付", "信用卡付费", "信用卡结账", "刷信用卡", "退回信用卡", "退回到信用卡", "退至信用卡", "退款至信用卡",
    "银行转账付款", "刷卡付款", "刷卡支付", "银行办理争议款", "向银行申请争议款", "信用卡争议款",
)


def best_label(text: str, table: Mapping[str, tuple[str, ...]], default: str) -> str:
    """The key of `table` whose terms occur most often in `text` (ties: first in table order)."""
    scores = label_scores(text, table)
    best, best_score = default, 0
    for key in table:
        if scores.get(key, 0) > best_score:
            best, best_score = key, scores[key]
    return best


def label_scores(text: str, table: Mapping[str, tuple[str, ...]], ignore: tuple[str, ...] = ()) -> dict[str, int]:
    """How often the terms of each key occur in `text` (keys with no occurrence left out).

    Terms are read as words are: left to right, the longest term first, no overlaps, so that 家电商场 is
    家电 + 商场 and not also 电商, and 银行卡 counts once. The words of `ignore` are read too and count for
    nothing (`NOT_INDUSTRY_TERMS`: 一定损失 is no 定损).
    """
    pattern, keys_of = _matcher(table, ignore)
    scores: dict[str, int] = {}
    for m in pattern.finditer(text):
        for key in keys_of[m.group(0)]:
            scores[key] = scores.get(key, 0) + 1
    return scores


def industry_scores(text: str) -> dict[str, int]:
    """`label_scores` of the industries' vocabulary, everyday look-alikes ignored."""
    return label_scores(text, INDUSTRY_TERMS, NOT_INDUSTRY_TERMS)


_MATCHERS: dict[tuple[int, tuple[str, ...]], tuple[Mapping, re.Pattern[str], dict[str, tuple[str, ...]]]] = {}


def _matcher(table: Mapping[str, tuple[str, ...]],
             ignore: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """One alternation of all the terms of a table and the words to ignore, longest first, and the keys each
    term belongs to (none for an ignored word)."""
    cached = _MATCHERS.get((id(table), ignore))
    if cached is not None and cached[0] is table:
        return cached[1], cached[2]
    keys_of: dict[str, tuple[str, ...]] = {word: () for word in ignore}
    for key, terms in table.items():
        for term in terms:
            if key not in keys_of.get(term, ()):
                keys_of[term] = (*keys_of.get(term, ()), key)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(keys_of, key=len, reverse=True)))
    _MATCHERS[(id(table), ignore)] = (table, pattern, keys_of)
    return pattern, keys_of


def has_complaint_vocabulary(text: str) -> bool:
    """True when a (simplified) query uses a word that marks it as a complaint (`COMPLAINT_TERMS`)."""
    return any(term in text for term in COMPLAINT_TERMS)


def is_domain_relevant(text: str) -> bool:
    """True when the text mentions any complaint-handling term (`DOMAIN_TERMS`)."""
    return any(term in text for term in DOMAIN_TERMS)


# Words that end the title of a document rather than of a case (…处理制度, …案例汇编, …有哪些).
DOC_TITLE_WORDS: tuple[str, ...] = (
    "案例", "汇编", "大全", "分析", "指引", "指南", "制度", "规定", "程序", "流程", "办法", "细则", "规范", "标准", "章程",
    "规程", "须知", "机制", "攻略", "功略", "技巧", "方案", "要点", "话术", "范文", "总结", "风险", "有哪些", "完整版",
)
DOC_TITLE_ALTERNATION = "|".join(DOC_TITLE_WORDS)
