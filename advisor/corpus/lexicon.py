"""Section labels, industries, complaint types and guideline kinds: the data segmentation relies on.

Extend these tables when new documents use new headings; the code reads them, it does not
hard-code any document.
"""

from __future__ import annotations

# Section label → Case field. "处理结果" is both what was done and how it ended.
SECTION_FIELDS: dict[str, tuple[str, ...]] = {
    "投诉概述": ("facts",),
    "案例说明": ("facts",),
    "情况说明": ("facts",),
    "事件经过": ("facts",),
    "情景回放": ("facts",),
    "案情简介": ("facts",),
    "案例简介": ("facts",),
    "查证情况": ("facts",),
    "案例背景": ("facts",),
    "投诉问题": ("facts",),
    "背景": ("facts",),
    "管理思考": ("management_thinking",),
    "案例点评": ("management_thinking",),
    "经验启示": ("management_thinking",),
    "案例分析": ("management_thinking",),
    "原因分析": ("management_thinking",),
    "分析原因": ("management_thinking",),
    "该类项目存在的风险": ("management_thinking",),
    "经验总结": ("management_thinking",),
    "影响分析": ("management_thinking",),
    "分析": ("management_thinking",),
    "解决方案和建议": ("handling_steps",),
    "关于客户投诉的处理": ("handling_steps",),
    "解决方案": ("handling_steps",),
    "解决方法": ("handling_steps",),
    "正确做法": ("handling_steps",),
    "处理方式": ("handling_steps",),
    "处理措施": ("handling_steps",),
    "处理过程": ("handling_steps",),
    "处理结果": ("handling_steps", "outcome"),
    "内部改进措施": ("improvements",),
    "预防/解决措施": ("improvements",),
    "预防措施": ("improvements",),
    "改进措施": ("improvements",),
    "法院判决": ("outcome",),
    "判决结果": ("outcome",),
}

# Thinking sections written as numbered imperatives: when a case has no handling section,
# these points are what the document tells staff to do (flagged `steps_derived`).
PRESCRIPTIVE_LABELS = ("管理思考", "经验启示", "经验总结")

# Labels that may stand without brackets/numbering only when followed by a colon.
COLON_ONLY_LABELS = ("分析", "背景", "处理方式", "处理过程", "解决方案", "解决方法", "处理结果")

INDUSTRY_TERMS: dict[str, tuple[str, ...]] = {
    "房地产": ("开发商", "楼盘", "交付", "交房", "购房", "售楼", "样板房", "红线", "办证", "精装修", "项目公司",
               "商品房", "代建", "营造", "房地产", "车位", "储藏室", "经纪人"),
    "物业": ("物业", "管理处", "小区", "保洁", "保安", "物业费", "装修", "楼道", "业委会", "业主委员会"),
    "银行": ("银行", "支行", "网点", "理财", "贷款", "信用卡", "存款", "柜员", "大堂经理", "我行", "罚息", "保险产品"),
    "汽车": ("维修站", "4S", "车辆", "汽车", "保养", "气囊", "电瓶", "三包", "轿车", "服务顾问", "上海大众", "车主"),
    "电信": ("话费", "短信", "10086", "SP", "停机", "信誉额度", "梦网", "营帐", "网络信号", "电信"),
    "电商": ("电商", "平台", "网购", "订单", "快递", "物流", "配送", "包裹"),
    "零售": ("超市", "商场", "服装店", "门店", "电子产品店", "牛奶"),
    "酒店": ("酒店", "入住", "房间", "客房"),
    "餐饮": ("餐厅", "菜品", "用餐", "食物", "饭店"),
    "电力": ("停电", "电表", "电能表", "变压器", "抢修", "用电", "计量装置", "台区"),
    "法律": ("法院", "原告", "判决", "诉至"),
}

COMPLAINT_TYPES: dict[str, tuple[str, ...]] = {
    "销售承诺": ("承诺", "宣传", "销售说辞", "欺诈", "告知", "不利因素", "公示"),
    "交付延期": ("延期", "逾期", "延迟", "按时交付", "办证"),
    "工程质量": ("工程质量", "空鼓", "开裂", "渗漏", "漏水", "质量通病", "红线", "保温", "冻裂"),
    "产品质量": ("质量问题", "故障", "损坏", "缺陷", "过期", "不符", "自燃"),
    "维修服务": ("维修", "报修", "返修", "保修", "维保", "重复维修"),
    "服务态度": ("态度", "不耐烦", "谩骂", "辩解", "生硬", "冷漠"),
    "收费争议": ("收费", "扣费", "罚息", "费用", "价格", "退费", "退还"),
    "物流配送": ("物流", "配送", "快递", "包裹"),
    "理财保险": ("理财", "保险", "收益", "退保"),
    "群体投诉": ("群诉", "集体", "群体性"),
    "邻里与公共区域": ("公共区域", "占用", "楼道", "大堂", "邻居"),
    "等候时间": ("等待", "排队", "等候"),
}

GUIDELINE_KIND_TERMS: dict[str, tuple[str, ...]] = {
    "grading": ("分级", "等级", "界定", "定性", "一般群诉", "重大群诉", "危机群诉", "重大投诉", "一级投诉", "二级",
                "三级", "重要问题", "严重投诉", "较大"),
    "deadline": ("小时内", "工作日", "时限", "天内", "分钟内", "不超过", "不晚于"),
    "procedure": ("程序", "流程", "步骤", "受理", "阶段", "职责", "渠道", "上报", "记录", "小组"),
    "principle": ("原则", "宗旨", "技巧", "心态", "类型", "理念", "沟通", "倾听", "换位思考", "动机"),
    "script": ("话术", "用语", "禁止使用", "说辞", "口径", "回答要点", "售楼人员:", "客户:"),
}

# Words that make a record about complaints at all; a "case" without any is unrelated prose.
CORE_COMPLAINT_TERMS = (
    "投诉", "客户", "顾客", "业主", "消费者", "用户", "住户", "客人", "购房者", "抱怨", "不满", "纠纷", "维权",
    "群诉", "客诉", "业户",
)


def best_label(text: str, table: dict[str, tuple[str, ...]], default: str) -> str:
    """The key of `table` whose terms occur most often in `text` (ties: first in table order)."""
    best, best_score = default, 0
    for key, terms in table.items():
        score = sum(text.count(term) for term in terms)
        if score > best_score:
            best, best_score = key, score
    return best
