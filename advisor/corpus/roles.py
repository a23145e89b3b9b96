"""Section labels → the case field they fill (facts, thinking, steps, outcome, improvements).

Documents name their sections in many ways (事件经过, 案情简介, 申诉内容, 调查情况 … for what happened;
案例点评, 评析, 启示与建议 … for the lessons). A label is classified by the words it is made of, most
specific first, and, when none is known, by its character-bigram similarity to a broad list of
labels of each role — so an unseen label of the same meaning lands in the right field.
"""

from __future__ import annotations

import re
from functools import lru_cache

Role = str  # "facts" | "thinking" | "steps" | "outcome" | "improvements"
ROLES: tuple[Role, ...] = ("facts", "thinking", "steps", "outcome", "improvements")

# Word → roles, checked in this order; the first rule whose word occurs in the label decides.
_RULES: tuple[tuple[str, tuple[Role, ...]], ...] = (
    ("调解分析", ("steps", "thinking")), ("处理分析", ("steps", "thinking")),
    # a hotline office's report of what was put right for the caller (整改回复情况:) is its handling
    ("整改回复", ("steps",)), ("整改情况", ("steps",)),
    ("改进", ("improvements",)), ("整改", ("improvements",)), ("预防", ("improvements",)),
    ("防范", ("improvements",)), ("防止", ("improvements",)),
    ("判决", ("outcome",)), ("裁决", ("outcome",)), ("裁定", ("outcome",)), ("调解结果", ("outcome",)),
    ("处理结果", ("steps", "outcome")), ("维权过程", ("steps", "outcome")), ("处理过程及结果", ("steps", "outcome")), ("结案", ("outcome",)),
    ("结局", ("outcome",)), ("最终结果", ("outcome",)),
    ("分析", ("thinking",)), ("问题诊断", ("thinking",)), ("点评", ("thinking",)), ("评析", ("thinking",)), ("评论", ("thinking",)),
    ("启示", ("thinking",)), ("思考", ("thinking",)), ("总结", ("thinking",)), ("经验", ("thinking",)),
    ("教训", ("thinking",)), ("反思", ("thinking",)), ("提示", ("thinking",)), ("提醒", ("thinking",)), ("说法", ("thinking",)),
    ("解读", ("thinking",)), ("心得", ("thinking",)), ("风险", ("thinking",)), ("体会", ("thinking",)),
    ("专家", ("thinking",)), ("律师", ("thinking",)), ("评价", ("thinking",)), ("感悟", ("thinking",)),
    ("支招", ("thinking",)), ("警示", ("thinking",)), ("原因", ("thinking",)), ("解析", ("thinking",)), ("剖析", ("thinking",)),
    ("贴士", ("thinking",)),
    ("法律依据", ("thinking",)), ("法律分析", ("thinking",)), ("法律链接", ("thinking",)), ("法条", ("thinking",)),
    ("根源", ("thinking",)), ("成因", ("thinking",)), ("违规", ("thinking",)), ("违反", ("thinking",)),
    ("暴露问题", ("thinking",)), ("存在问题", ("thinking",)), ("存在的问题", ("thinking",)),
    ("办理结果", ("steps", "outcome")), ("温馨", ("thinking",)), ("要旨", ("thinking",)), ("意义", ("thinking",)),
    ("投诉过程", ("steps",)), ("申诉过程", ("steps",)), ("申诉的过程", ("steps",)), ("投诉的过程", ("steps",)), ("回应", ("steps",)), ("答复", ("steps",)), ("回复", ("steps",)), ("反馈", ("steps",)),
    ("办理", ("steps",)), ("公司", ("steps",)), ("商家", ("steps",)),
    ("店方", ("steps",)), ("院方", ("steps",)), ("厂家", ("steps",)),
    ("处理", ("steps",)), ("解决", ("steps",)), ("做法", ("steps",)), ("应对", ("steps",)), ("对策", ("steps",)),
    ("处置", ("steps",)), ("调解", ("steps",)), ("调处", ("steps",)), ("跟进", ("steps",)), ("补救", ("steps",)),
    ("方案", ("steps",)), ("办法", ("steps",)), ("方法", ("steps",)), ("方式", ("steps",)), ("措施", ("steps",)),
    ("步骤", ("steps",)), ("举措", ("steps",)),
    # a news story's kickers: ## 焦点:… / ## 破局:… / ## 成效:…
    ("破局", ("steps",)), ("破题", ("steps",)), ("解法", ("steps",)), ("成效", ("outcome",)),
    ("行动", ("steps",)),
    ("答案", ("steps",)), ("建议", ("thinking",)),
    ("结果", ("outcome",)), ("要点", ("thinking",)),
    ("概述", ("facts",)), ("经过", ("facts",)), ("简介", ("facts",)), ("背景", ("facts",)), ("情况", ("facts",)),
    ("回放", ("facts",)), ("重播", ("facts",)), ("重现", ("facts",)), ("回顾", ("facts",)), ("回溯", ("facts",)), ("内容", ("facts",)), ("案情", ("facts",)), ("事件", ("facts",)),
    ("事由", ("facts",)), ("起因", ("facts",)), ("呈现", ("facts",)), ("显现", ("facts",)), ("暴露", ("facts",)), ("描述", ("facts",)), ("说明", ("facts",)),
    ("过程", ("facts",)), ("现象", ("facts",)), ("情景", ("facts",)), ("诉求", ("facts",)), ("争议焦点", ("thinking",)), ("争议点", ("thinking",)),
    ("焦点", ("thinking",)), ("分歧", ("thinking",)), ("争议", ("facts",)),
    ("事实", ("facts",)), ("申诉", ("facts",)), ("问题", ("facts",)), ("留言", ("facts",)), ("来信", ("facts",)), ("信件", ("facts",)),
    ("由来", ("facts",)), ("还原", ("facts",)), ("再现", ("facts",)), ("调查", ("facts",)), ("核查", ("facts",)), ("审理", ("thinking",)), ("本院认为", ("thinking",)),
    # a paper's hotline column: 【市民反映】 / 【马上核实】 / 【记者连线】 (the company's answer) / 【追踪】 / 【进展】
    ("反映", ("facts",)), ("核实", ("facts",)), ("来电", ("facts",)), ("连线", ("steps",)), ("追踪", ("steps",)),
    ("进展", ("outcome",)),
    # a reporter's follow-up (调查附记) and a council's record of the complaint (投诉实录) tell the story on
    ("附记", ("facts",)), ("实录", ("facts",)),
)
# Labels seen in complaint documents, for the similarity fallback (and as documentation).
PROTOTYPES: dict[Role, tuple[str, ...]] = {
    "facts": ("投诉概述", "案例说明", "事件经过", "情景回放", "案情简介", "查证情况", "案例背景", "申诉内容",
              "调查情况", "问题呈现", "场景还原", "基本情况", "事情经过", "案例描述", "客户诉求", "案例基本情况", "案例简介", "案情回顾", "业主投诉", "顾客投诉", "消费者投诉", "用户投诉", "客户投诉",
              "投诉内容", "投诉问题", "案例介绍", "案情介绍", "事件介绍", "情况介绍", "来电显示", "读者来信"),
    "thinking": ("管理思考", "案例点评", "经验启示", "案例分析", "原因分析", "经验总结", "案例评析", "启示与建议",
                 "专家点评", "律师说法", "消费提示", "风险提示", "心得体会", "该类项目存在的风险", "影响分析", "典型意义",
                 "法律依据"),
    "steps": ("解决方案", "处理措施", "正确做法", "处理方式", "处理过程", "解决方法", "应对措施", "调解过程", "解决策略",
              "处理经过", "服务补救", "投诉过程", "商家回应", "关于客户投诉的处理", "反馈内容", "回复内容", "答复意见",
              "处理意见", "办理情况", "反馈意见", "反馈情况", "落实情况"),
    "outcome": ("处理结果", "调解结果", "法院判决", "判决结果", "最终结果"),
    "improvements": ("内部改进措施", "预防措施", "改进措施", "整改措施", "防范措施"),
}
# A numbered step of the handling: "Step1", "第二步".
_STEP_NUMBER = re.compile(r"(?:[Ss]tep|STEP)\d{1,2}|第[一二三四五六七八九十\d]{1,2}步")
# A record's particulars (【反馈部门】市交通局, 【反馈时间】…) head no section of the story.
# (a news page's lead — 核心提示, 导读, 编者按, 内容提要 — sums the page up: no section of one case)
_METADATA = re.compile(r"部门|时间|日期|编号|单位|来源|网址|电话|邮箱|地址|作者|编辑|核心提示|内容提示|导读|编者按|提要|摘要")
# A label whose head word is a reply is the reply, whatever names its sender ("部门反馈", but "反馈部门" is a particular).
_REPLY_HEAD = re.compile(r"(?:反馈|回复|答复|回应)$")
# Words that make a "label:" prefix a speaker or a sentence, not a section heading.
_NOT_LABEL = re.compile(r"认为|表示|告诉|指出|坦言|透露|说道|声称|[，,。；;！!？?]|\d{2,}")
# Words that often stand beside a role word in a label without changing it (案例背景介绍, 本案分析).
_NEUTRAL = ("案例", "案件", "焦点", "双方", "介绍", "物业", "银行", "医院", "法院", "学校", "平台", "企业", "店家", "客户", "主要",
            "基本", "相关", "具体", "本案", "关于", "的", "及", "与", "和", "该类", "项目", "存在", "业主", "消费者", "顾客", "用户", "患者", "旅客", "事件", "本次", "此次", "纠纷", "争议", "投诉", "裁判", "信息", "参考",
            "商品", "产品", "维护", "权益", "个案", "本会", "我会", "消委会", "消协")
# Collection titles contain role words too ("典型案例分析"), but are headings, not section labels.
_TITLE_WORDS = re.compile(r"典型|汇编|大全|精选|选编|范文|合集|\d+[则篇个例]|[十百]大")
MAX_LABEL_CHARS = 10
# Chinese labels end in their head word: "敲诈可能性分析", "单方处理行为的合规性分析" are analysis sections
# whatever words stand before it. A heading that ends in one of these is a label (up to `_HEADED_CHARS`).
_HEAD_WORDS = ("分析", "点评", "评析", "解析", "剖析", "启示", "反思", "提示", "贴士", "策略", "对策", "措施", "步骤", "经过",
               "回顾", "还原")
_HEADED_CHARS = 12
_LESSONS = re.compile("启示|教训|经验|反思|思考|总结|体会")
_SIMILARITY = 0.5


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


@lru_cache(maxsize=4096)
def label_roles(label: str, min_coverage: float = 0.75) -> tuple[Role, ...]:
    """The field(s) a section labelled `label` fills; empty when `label` is not a section label.

    Args:
        label: the heading text without numbering, brackets or colon (simplified Chinese).
        min_coverage: share of the label that must be role or neutral words; 【bracketed】 labels
            are surer signs of a section and pass with less (【业主投诉】, 【装饰公司】).

    Returns:
        Roles in order of importance, e.g. ("steps", "outcome") for 处理结果.
    """
    text = re.sub(r"[\s/／、\-—]+", "", label)
    if _STEP_NUMBER.fullmatch(text):
        return ("steps",)  # "Step1:", "第二步:"
    if any(text == proto for protos in PROTOTYPES.values() for proto in protos):
        return next(_rule_roles(text), ()) or _similar_roles(text)
    if (not 2 <= len(text) <= _HEADED_CHARS or _NOT_LABEL.search(text) or _TITLE_WORDS.search(text)
            or (_METADATA.search(text) and not _REPLY_HEAD.search(text))):
        return ()
    if headed_label(text):
        return _with_lessons(text, next(_rule_roles(text), ()))
    if len(text) > MAX_LABEL_CHARS:
        return ()
    if _coverage(text) < min_coverage:
        return ()  # a title that happens to contain a role word: 车辆保险定损争议
    roles = next(_rule_roles(text), ())
    if not roles and len(text) >= 6 and _neutral_only(text):
        return ()  # "银行消费者投诉案例" names a collection, no section ("消费者：" still heads one side)
    return _joined_roles(text) or _with_lessons(text, roles) or _similar_roles(text)


def _joined_roles(text: str) -> tuple[Role, ...]:
    """Two labels joined ("处理及点评", "原因分析与改进"): the roles of both, in order; empty otherwise."""
    parts = [p for p in re.split(r"及|与|和|&|＆", text) if p]
    if len(parts) != 2:
        return ()
    roles = [next(_rule_roles(p), ()) for p in parts]
    if not all(roles):
        return ()
    return tuple(dict.fromkeys(r for rs in roles for r in rs))


def _with_lessons(text: str, roles: tuple[Role, ...]) -> tuple[Role, ...]:
    """Improvements that are also the lessons (整改建议与经验教训, 改进建议与行业启示) fill both fields."""
    if roles == ("improvements",) and _LESSONS.search(text):
        return ("thinking", "improvements")
    return roles


def headed_label(text: str) -> bool:
    """A label by its head word ("敲诈可能性分析"); not a collection's title ("房地产客户投诉案例分析")."""
    return (4 <= len(text) <= _HEADED_CHARS and text.endswith(_HEAD_WORDS) and not re.search("案例|投诉|纠纷", text[:-2])
            and _coverage(text) < 1.0)


def _neutral_only(text: str) -> bool:
    rest = text
    for word in sorted(_NEUTRAL, key=len, reverse=True):
        rest = rest.replace(word, "")
    return not rest


def is_metadata_label(label: str) -> bool:
    """A label of a record's particulars (反馈部门, 来信时间), not of a section: it stays inside the case."""
    field, _, value = label.strip().partition(" ")
    if value.strip() and re.fullmatch(r"[\u4e00-\u9fff]{2,6}", field) and (re.search(r"人员|人$", field) or _METADATA.search(field)):
        return True  # a form's field and its value: "回复人员 网站管理员", "回复时间 2021-09-27"
    text = re.sub(r"[\s/／、\-—【】\[\]:：]+", "", label)
    return len(text) <= 6 and _METADATA.search(text) is not None


def fully_labelled(word: str) -> bool:
    """A label made only of role and neutral words (投诉概述, 案例简介, 管理思考), usable without a colon."""
    return bool(label_roles(word)) and (_coverage(word) >= 1.0 or any(word == p for ps in PROTOTYPES.values() for p in ps))


def _rule_roles(text: str):
    return (roles for word, roles in _RULES if word in text)


def _coverage(text: str) -> float:
    """Share of the label's characters that are role words or neutral words."""
    covered = [False] * len(text)
    for word in [*(w for w, _ in _RULES), *_NEUTRAL]:
        start = text.find(word)
        while start >= 0:
            covered[start : start + len(word)] = [True] * len(word)
            start = text.find(word, start + 1)
    return sum(covered) / len(text)


def _similar_roles(text: str) -> tuple[Role, ...]:
    grams = _bigrams(text)
    best_role, best = "", 0.0
    for role, labels in PROTOTYPES.items():
        for proto in labels:
            other = _bigrams(proto)
            score = 2 * len(grams & other) / (len(grams) + len(other))
            if score > best:
                best_role, best = role, score
    return (best_role,) if best >= _SIMILARITY else ()


# Bare words that are section labels only with a colon after them ("案例:", "分析:", "背景:").
COLON_WORDS = ("案例", "分析", "背景", "点评", "评析", "启示", "结果", "处理", "提示", "事件", "经过", "建议", "总结",
               "案情", "原因", "问题", "说明", "争议点")


# An office's or a company's reply to the complaint: "南皮县城管局回复:", "市公交总公司答复:".
_ORG_REPLY = re.compile(r"^[\u4e00-\u9fff]{2,14}(?:局|厅|委|办|中心|公司|部门|政府|银行|医院|学校|物业|街道|社区|站|所|院)"
                        r"的?(?:回复|答复|解答|回应|处理意见|办理结果|调查结果|反馈)$")
# A caller's side of a hotline column or a message board: "市民耿先生来电:", "网友留言:", "读者王女士来信:".
_CALLER = re.compile(r"^(?:市民|居民|村民|网友|读者|业主|家长|乘客|旅客|游客|顾客|客户|用户|消费者|车主|患者)"
                     r"[\u4e00-\u9fff]{0,4}?(?:来电|来信|留言|提问|咨询)$")


def colon_label_roles(label: str) -> tuple[Role, ...]:
    """Roles of a `label:` prefix: any section label, a bare word of `COLON_WORDS`, or an office's reply."""
    text = label.strip()
    if _ORG_REPLY.match(text):
        return ("steps",)
    if _CALLER.match(text):
        return ("facts",)
    if text in ("案例", "案情"):
        return ("facts",)
    if text in ("原因", "结论"):  # ("结论:" heads a section; "b超检查,结论为:…" is a sentence)
        return ("thinking",)
    return label_roles(text)
