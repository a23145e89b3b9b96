"""Tell the story of one incident from normative text and find where a new story starts (the handling
actions a story tells are read in handling.py).

A case is the story of one incident: a particular customer, a time, what happened, what was done.
A guideline states rules (应, 必须, 不得, 时限, 分级 …). Both are scored from wording cues that hold
in any industry.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from advisor.corpus.people import (
    FIRST_PERSON,
    FULL_NAME,
    HONORIFIC,
    NAMED,
    PERSON,
    SPECIFIC,
    SUR,
    people_named,
)
from advisor.corpus.storylists import DATED_ITEM, SENTENCE_OPEN, another_company, listed_cuts
from advisor.text.items import split_items

_STORY_CUES = re.compile(
    PERSON
    + r"|\d{4}\s*年\s*\d{1,2}\s*月|\d{1,2}\s*月\s*\d{1,2}\s*日|某日|某天|有一天|当天|次日|当晚|昨日|昨天|前天|去年|随后|后来|原来|于是|近日|日前"
    r"|事发|当即|"
    r"发现|投诉称|声称|宣称|反映|购买|入住|办理|拒绝|拒保|拒赔|擅自|为由|协商|调解|经核查|经调查|经查|得知|要求(?:退|赔|换|道歉)|"
    r"(?<![\d.])[\d.]+\s*万?元"  # from the first digit of a number only (linear on long digit runs)
)
_NORM_CUES = re.compile(
    r"应当|必须|须|不得|严禁|禁止|负责(?!人)|规定|制度|程序|流程|原则|职责|时限|工作日|小时内|分为|等级|分级|确保|"
    r"(?<![回反相响适供答感效])应(?![用对急聘该是])|要(?=做|及时|认真)|各部门|受理|第[一二三四五六七八九十\d]+条"
)
# A paragraph that opens a new story: a newly named person, or "另一案例中".
_NEW_STORY = re.compile(
    r"^(?:另一(?:案例|起|个案例)中?[，,]?|还有(?:一(?:位|名|起))?|此外[，,]|又如[，,]?|再如[，,]?"
    r"|(?:跟|和|与|同)[^，,。]{2,8}一样[，,])?"
    # "来自北京的刘女士表示", "家住城东的王先生说": where the person is from comes first.
    # ("广东深圳的王女士在当地…", "陕西工作的安女士": where they live; not "公司的李先生", the company's side)
    r"(?:(?:来自|家住|住在)[\u4e00-\u9fff]{2,8}?的|(?P<where>(?:(?!公司|商家|机构|物业|平台|部门|店|馆|院|行|局|所|厂|处)[\u4e00-\u9fff]){2,6}?的))?"
    r"(?:(?:[\u4e00-\u9fff]{0,4}?(?:市民|消费者|客户|顾客|业主|旅客|乘客|患者|用户|车主|居民|游客|会员|学员|家长|储户|住户|租户)"
    r"|深圳|北京|太原)?"
    rf"(?P<name>{HONORIFIC}|{SUR}某某?)|(?P<some>某(?:客户|顾客|消费者|业主|用户|旅客|乘客|患者))"
    # someone the writer knows, by a nickname: "朋友小朱买房后…", "邻居老王…"
    rf"|(?:朋友|同事|邻居|亲戚|同学|老乡|[\u4e00-\u9fff]{{0,4}}?(?:网友|市民|消费者|客户|顾客|业主|车主|居民))(?P<nick>[小老]{SUR}(?![区时量]))"
    # someone in full, by who they are, telling the reporter: "北京市民胡贵兵告诉记者"
    rf"|[\u4e00-\u9fff]{{0,4}}?(?:市民|消费者|车主|业主|居民|家长|网友|乘客|旅客|游客|患者)(?P<full>{SUR}[\u4e00-\u9fff]{{1,2}})"
    r"(?=告诉|对记者|向记者|表示|说|反映|称|投诉))"
)
_OTHER_STORY = re.compile(
    r"^(?:(?:同样|此外|另外|而)[，,]?|(?:不仅(?:仅)?是|不只是|不止是|除了)[^。！？，,]{1,12}[，,]\s*)?(?:在?另(?:外)?一(?:案例|起|个案例|个案|位|名|个案件|起案件|案件)中?|[还另]有一(?:位|名|起|个|宗)|又如|再如|无独有偶"
    # "今年,又有一位同事骨折,…": another one of the same kind, when (not another of the staff who came: 又有一位保安赶来)
    r"|(?:(?:今年|去年|前年|后来|最近|近日|此后|不久)[，,]?)?又有一(?:位|名|起|宗)(?!工作人员|保安|员工|经理|店员|服务员|民警|警察|医生|护士|客服)"
    r"|(?:在)?类似(?:的)?(?:案例|个案|案件)中[，,]?"
    r"|另一(?:名|位)?(?:居民|业主|网友|用户|客户|消费者|乘客|旅客|顾客|家长|车主|住户|投诉人|事主)"
    # Hong Kong's numbered complaints: "第三宗个案投诉人张女士…"; "亦有投诉涉及以八达通付款…"
    r"|第[二三四五六七八九十\d]宗(?:个案|案例|投诉)|(?:亦有|另有|还有)投诉涉及"
    # one of the complainants a round-up counted: "其中一位消费者小陈因为…"
    r"|其中(?:一位|一名|有位|有一位)(?:消费者|业主|客户|顾客|车主|乘客|旅客|患者|家长|学员|会员|用户|市民|居民|储户)"
    r"|(?:亦有|另有|还有)投诉(?:人)?(?:表示|指|称|反映)|(?:亦有|另有|还有)投诉人(?=与|和|在|于|光顾|购买|到|去)"
    # Hong Kong's 宗: "另一宗个案,有投诉人…"; an example announced: "举一个近期的例子:"
    r"|另一宗(?:个案|案例|案件|投诉)|再?举(?:一|几)?个[^。！？]{0,8}?(?:例子|案例|事例)"
    r"|(?:还|另)有(?:车主|客户|顾客|消费者|业主|用户|乘客|旅客|患者|家长|网友|市民|居民|储户)(?:在|表示|反映|称|说|投诉|遇到|遭遇))"
)
# A bullet's run-in heading before its text: "· 高价与体验不匹配:另有消费者在…" (the text says whose story it is).
BULLET_HEAD = re.compile(r"^[·•\-*]\s*[^:：。，,]{2,16}[:：]\s*")
# A sentence that likens what follows to the story before: "类似地,", "与此类似,".
_SIMILARLY = re.compile(r"(?:类似地|同样地|与此类似|类似的是|无独有偶|同样)[，,]\s*")
# A regulator's or company's list of complaints told the same way each time: the complaint ("投资者于2015年1月7日在…",
# "某营业部客户王某反映:"), what checking found ("经核实,…", "经调查核实,…"), and a lesson. A complainant opening
# after a finding opens the next complaint.
_FINDING = re.compile(r"^\s*经(?:过)?(?:调查|核实|核查|查实|查明|了解|查证|现场查看|查)", re.MULTILINE)
_COMPLAINANT_OPENS = re.compile(
    r"^(?:某[\u4e00-\u9fff]{1,6}?)?(?:投资者|客户|消费者|用户|市民|旅客|乘客|患者|业主|储户|投保人|车主|学员|家长|游客|住户)"
    r"[\u4e00-\u9fff]{0,3}?(?:于|在|反映|称|投诉|向|因|购买|办理)"
)
_ANOTHER_TIME = re.compile(r"^[^。！？!?]{0,30}?(?:记得有一次|还有一次|有一次)")


# A sentence that links a story to the one before it: "这不是偶然事件。", "老刘的遭遇并非个案。" (titles skip it).
NOT_ISOLATED = r"这不是(?:偶然|个别|孤立)[^。！？]{0,8}"
NOT_UNIQUE = r"[^。，,！？]{0,10}的(?:遭遇|经历|情况)并非(?:个[例案]|孤例|偶然)[^。！？]{0,10}"
# More of the same kind, then its example: "还有一些商家通过设置消费时效…阻挠退费。江苏盐城的李女士…" (titles skip it).
MORE_OF_KIND = r"(?:此外[，,]?)?(?:还有|也有|另有)(?:一些|不少|部分|些)[^。！？]{2,60}"
_NOT_ALONE = re.compile(
    rf"^(?:{NOT_ISOLATED}|(?:类似|这样)的?(?:事|遭遇|事件|情况|问题)[^。！？:：，,]{{0,10}}|{NOT_UNIQUE}|相比之下"
    r"|[^。！？，,]{0,10}(?:并不罕见|并非罕见|屡见不鲜|时有发生|并不少见|不在少数|绝非个例)"
    r"|(?:不只|不止|除了)[^。！？，,]{0,16}[，,](?:还有|更有)[^。！？]{0,20}"
    # a kind of complaint, then its example: "投诉中还有不少是商家未兑现承诺。例如…一位市民…"
    r"|[^。！？]{2,30}。\s*(?:例如|比如|譬如)"
    rf"|{MORE_OF_KIND}[。！？])[。！？，,:：]?\s*"
)
# A run-in title before a story: "身体原因不宜健身,仍被告知“不退不转”。"
RUN_IN = re.compile(r"^[^。！？，,]{2,12}[，,][^。！？，,]{2,14}[。！？]\s*")


# A paragraph that goes on with the story: "更让业主糟心的是,", "令人气愤的是,", "而且,".
_GOES_ON = re.compile(r"^(?:更|而且|并且|同时)|^[^。！？，,]{1,10}的是[，,]")

# An editorial paragraph after the story: the writer's judgement, not events ("自来水公司本应积极应对…不能仅仅
# 依赖智能水表", "希望此事能引起…毕竟…"). Two opinion cues, fewer story cues, and nobody of the story named.
_OPINION = re.compile(
    r"本应|理应|不能仅仅|不仅仅|不禁要问|希望|期待|呼吁|毕竟|值得(?:注意|反思|深思|警惕)|由此可见|事实上|实际上|背后|折射|"
    r"[应要需](?:正视|重视|加强|反思|吸取|规范|完善|杜绝|引以为戒)|"
    r"说到底|归根结底|试想|显然|无疑|应当|应该|必须|提醒|切记|谨防|警惕|一定要|千万|务必|(?:消费者|商家|企业|经营者)(?:要|应|需|更应)|"
    # the lesson of a complaint ("应及时与客户沟通,从源头上减少投诉", "要做到言必有信…减少客户纠纷")
    r"[应要](?:做到|及时|主动)|从源头上|减少(?:客户)?(?:纠纷|投诉)"
)


def is_editorial(paragraph: str) -> bool:
    """A paragraph that judges the story rather than telling it (two opinion cues, fewer story cues, nobody named)."""
    text = paragraph.strip()
    if len(text) < 30 or re.search(PERSON, text):
        return False
    return len(_OPINION.findall(text)) >= 2 and len(_OPINION.findall(text)) > len(_STORY_CUES.findall(text))


_QUOTED = re.compile(r"“[^”]{0,200}”|「[^」]{0,200}」")


def story_score(text: str) -> float:
    """Incident cues per 100 characters minus normative cues per 100 characters."""
    n = max(len(text), 1) / 100
    # What someone in the story said ("必须全程签到,必须参加内部模考…") states no rule of the text's own.
    told = _QUOTED.sub("", text)
    return (len(_STORY_CUES.findall(text)) - len(_NORM_CUES.findall(told))) / n


# A paragraph that says it tells a case: "有这么一个案例,…一家物流公司…", "举个例子,…".
_ANNOUNCED = re.compile(r"^\s*(?:曾经|曾|还|另)?(?:有|举)(?:这么|这样)?一?(?:个|起)(?:真实的?)?(?:案例|例子|事例)[,，:：]")

# A regulator or a paper that says it reports one case: "四川省市场监管局通报了这样一起违规收取燃气表费的典型案例".
_REPORTED = re.compile(r"(?:通报|公布|曝光|披露)了?(?:这样|这么)?一起[^。；;]{0,30}?(?:案例|案件)")


# One incident named as such, for a story of many customers and nobody by name: "本次故障…本次停电",
# "燃气费误收事件引发…此次事件".
_ONE_INCIDENT = re.compile(
    r"(?:本次|此次|这次|该次|这起|此起|该起)(?:故障|停电|停水|停气|事件|事故|纠纷|风波)|[\u4e00-\u9fff]{2,12}事件(?:引发|引起|发生后)"
)

# "I" the narrator, not the company speaking of itself (我行, 我司, 我局, 我们公司).
_I = re.compile(r"我(?![行司局院委部厅所们])")


def is_story(text: str, strict: bool = False, person: bool = True) -> bool:
    """True when `text` tells of one incident (a named or specific customer, events) more than it states rules.

    `strict` (inside a rules document or a guide): only a particular person (一位客人, 张先生) makes a story.
    `person=False`: the text is known to be a case (its heading says so); events told are enough.
    """
    if len(re.sub(r"\W", "", text)) < 30:
        return False
    if _ANNOUNCED.match(text) or _REPORTED.search(text[:300]):
        return True  # the writer says it is a case, whatever clauses of the contract it quotes
    if not person:
        return story_score(text) > 0.0
    if strict:
        # (a full name a story introduces, 居民范若(化名), 业主李学方, is as particular as 张先生)
        particular = SPECIFIC.search(text) is not None or FULL_NAME.search(text) is not None
        return particular and story_score(text) > 0.0
    dated = len(re.findall(r"\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}\s*年\s*\d{1,2}\s*月|某日|当天|次日|当晚", text))
    if not re.search(PERSON, text) and dated < 2:
        # a first-person account counts its narrator's deeds as story cues
        told = re.sub(r"“[^”]*”|「[^」]*」|\"[^\"]*\"", "", text)  # not quoted speech
        # (or an "I" who comes back: "…问我明天什么时间有人在房间里?我说晚六点半后有人")
        first = len(FIRST_PERSON.findall(told)) or (len(_I.findall(told)) >= 2)
        if not first and len(_ONE_INCIDENT.findall(text)) >= 2:
            return story_score(text) > 0.0  # the incident itself is the story: 本次停电…本次故障
        return first > 0 and story_score(text) + first / (max(len(text), 1) / 100) > 0.0
    return story_score(text) > 0.0 or _story_before_list(text)


def _story_before_list(text: str) -> bool:
    """A story whose lead tells the incident and whose numbered points list what was offered or asked
    ("张小姐…收到B航空公司来电通知,航线即将停航,公司提供3个改乘安排: 1. …须转机…"): the points' wording
    (须, 不另收费) is no rule of the text's own."""
    lead, items = split_items(text)
    return bool(items) and protagonist(lead) is not None and story_score(lead) > 0.0


def protagonist(text: str) -> str | None:
    """The person a paragraph opens with (张先生, 王某某, 某客户), or None."""
    return _who(_NEW_STORY.match(text.strip()))


def _who(m: re.Match[str] | None) -> str | None:
    """The person an opening match of `_NEW_STORY` names."""
    return (m.group("name") or m.group("some") or m.group("nick") or m.group("full")) if m else None


def starts_new_story(paragraph: str, story_so_far: str | Callable[[], str]) -> bool:
    """True when `paragraph` begins another incident: it says so (另一案例中), or it opens with a person
    who does not occur in the story so far while that story already names someone.

    `story_so_far` may be a function that returns it: it is then built only for a paragraph whose
    opening needs it (joining a long section's story for every paragraph was quadratic).
    """
    text = BULLET_HEAD.sub("", paragraph.strip(), count=1)
    dated = _DATED_OPENING.match(text) is not None
    # "这不是偶然事件。同一天,…陈女士…", "身体原因不宜健身,仍被告知不退不转。成都消费者张女士…": a sentence that says
    # the story is not alone, or a run-in title, then someone the story has not named.
    # ("更让业主糟心的是,新房的质量也让人担忧。" goes on with the story: no run-in title)
    lead = _NOT_ALONE.match(text) or (RUN_IN.match(text) if not _GOES_ON.match(text) else None)
    if callable(story_so_far):
        if (not _OTHER_STORY.match(text) and not _ANOTHER_TIME.match(text) and protagonist(text) is None
                and not _COMPLAINANT_OPENS.match(text)
                and not dated and not lead and not _LIKEWISE.match(text) and not DATED_ITEM.match(text)):
            return False
        story_so_far = story_so_far()
    likewise = _LIKEWISE.match(text)
    if likewise and len(story_so_far) > 80 and likewise.group("who") not in story_so_far:
        return True  # "李玲的爷爷也遇到了类似的问题。" after 姚远's father's story
    if lead and len(story_so_far) > 80 and (names_someone_new(text[lead.end() :], story_so_far)
                                             or (_NOT_ALONE.match(text) and _someone_new(text[lead.end() :], story_so_far))):
        return True
    if _OTHER_STORY.match(text) or (_ANOTHER_TIME.match(text) and len(story_so_far) > 80):
        return True
    if _COMPLAINANT_OPENS.match(text) and len(story_so_far) > 80 and _FINDING.search(story_so_far):
        return True  # "投资者于2015年1月7日…" after "经核实,…" and its lesson
    if dated and len(story_so_far) > 80 and names_someone_new(text[:40], story_so_far):
        return True  # "2017年12月,D女士和B女士到市消协投诉:" after 张先生's story
    if DATED_ITEM.match(text) and DATED_ITEM.search(story_so_far) and len(text) > 60:
        return True  # a record's list of complaints, one per dated item: "2、2019年11月10日接…热线…受理单,诉求内容:…"
    if dated and len(story_so_far) > 80 and another_company(text[:50], story_so_far):
        return True  # a regulator's list: "2025年4月,厦门某旅行社有限公司接待14名游客…" after another company's case
    m = _NEW_STORY.match(text)
    who = _who(m)
    if who is None or who.startswith("某"):
        return bool(who) and bool(re.search(PERSON, story_so_far)) and len(story_so_far) > 80
    if m.group("full") and re.search(re.escape(who[0]) + "(?:先生|女士|小姐|某)", story_so_far):
        return False  # "家长吴小平说" after 吴小姐's story: the same person in full
    if m.group("where") and any(person in text for person in people_named(story_so_far)):
        return False  # "瑜伽馆的李先生表示,…为安女士延长…": someone answering the story's protagonist
    if text.startswith(("还有", "又如", "再如")) and who not in story_so_far and len(story_so_far) > 80:
        return True  # "还有市民潘先生在…" after a story of 一位市民: the writer says it is another
    named = re.findall(rf"{HONORIFIC}|{SUR}某|[小老]{SUR}(?![区时量])", story_so_far) or NAMED.findall(story_so_far)
    # (a story the writer announced as one case names no one: "还有一个案例:一排LED灯…" then "车主董先生…")
    announced = _ANNOUNCED.match(story_so_far) is not None and len(story_so_far) > 40
    return (bool(named) or announced) and who not in story_so_far and len(story_so_far) > 20


# Someone else to whom the like happened: "李玲的爷爷也遇到了类似的问题", "肖玉的母亲同样遭遇了高额话费问题",
# "在海南省海口市,市民王先生也遇到了类似烦恼".
_LIKEWISE = re.compile(r"^(?:在[^，,。！？]{2,12}[，,])?(?P<who>[^，,。！？:：]{2,10}?)(?:(?:也|亦)(?:遇到|遭遇|碰到|经历)了?(?:类似|同样|相同|相似)"
                       r"|同样(?:遇到|遭遇|碰到|经历)了?)")
# A paragraph that opens with when it happened ("2017年12月,…", "8月3日,…").
_DATED_OPENING = re.compile(
    r"^(?:\d{4}\s*年\s*)?\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*[,，]"
    # a time of day: "9时40分,市民林先生打进电话" (a hotline's calls one after another)
    r"|^(?:上午|下午|晚上|中午)?\d{1,2}\s*[时点]\s*(?:\d{1,2}\s*分|半)?\s*(?:许|左右)?[,，]"
    # a news lead: "近日,深圳市民李小姐…", "据当事人杨女士讲述…", "鞭牛士 4月25日消息,…"
    r"|^(?:近日|日前|近期|前不久|昨日|昨天)[,，]|^据(?:当事人|消费者|市民|网友|业主|家属|患者)|^[^，,。]{0,10}\d{1,2}月\d{1,2}日(?:消息|讯|电)[,，]"
)


def names_someone_new(paragraph: str, story_so_far: str) -> bool:
    """True when the opening of `paragraph` names a person (吴女士, 郝先生, 王某) that the story so far, which
    names someone already, does not: under a subheading, that is another incident ("10月13日,…家长吴女士…")."""
    names = re.findall(NAMED, paragraph[:80])
    told = re.findall(NAMED, story_so_far)
    return bool(names) and bool(told) and not any(n in story_so_far for n in names)


def _someone_new(text: str, story_so_far: str) -> bool:
    """The opening of `text` (after "类似遭遇并非个例:") tells of a person, named or described (一乘客, 市民盛忠奎),
    whom the story so far does not mention."""
    m = re.search(PERSON, text[:60])
    return m is not None and m.group(0) not in story_so_far


# A sentence inside a paragraph that opens another incident: when it happened, then someone new
# ("…拒绝退换车辆。更早的2019年,温州林先生花费116万元…").
_DATED_SENTENCE = re.compile(
    r"(?:更早(?:的|些|时候)?|早在|此前|而在|另外|此外)?[，,]?\s*(?:\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?|去年\d{1,2}\s*月)"
    r"(?:[^。！？，,]{0,4})?[，,]"
)
# Training material: a case, its numbered questions ("1.…应不应该承担赔偿责任?"), their answers, the next case.
_QUESTIONS_ANSWERED = re.compile(r"[1１][.．、][^。？?]{4,60}[?？][^。]*?[1１][.．、]")
_NEXT_TRAINING_CASE = re.compile(r"某(?:小区|物业|公司|酒店|银行|业主|客户|日|天|商场|超市|医院|学校|开发商|单位|餐厅)")


# A sentence that opens with someone by role and name ("南京居民王先生", "会员黄女士").
_ROLE_NAMED = re.compile(
    r"[\u4e00-\u9fff]{0,4}?(?:居民|市民|会员|学员|消费者|顾客|客户|业主|车主|家长|网友|用户|乘客|旅客|游客|患者|储户|住户)"
    rf"({HONORIFIC}|{SUR}某某?)"
)


_EXAMPLE = re.compile(r"^(?:比如|例如|譬如)[，,]\s*(?:一名|一位|有一?位|有一?名|某|有)")
_ITEM_NUMBER = re.compile(r"^\s*\d{1,2}(?:、|[.．](?!\d))")


def story_cuts(paragraph: str, story_so_far: str) -> list[int]:
    """Offsets inside `paragraph` where a sentence opens another incident: it says so (另一位车主, 又如), or it
    opens with a date and names a person whom neither the story so far nor the paragraph before mentions."""
    cuts = []
    for m in SENTENCE_OPEN.finditer(paragraph):
        pos = m.end()
        while pos < len(paragraph) and paragraph[pos] in " \t\u3000":
            pos += 1
        if pos - (cuts[-1] if cuts else 0) < 15 or len(paragraph) - pos < 30:
            continue
        rest = paragraph[pos:]
        last = cuts[-1] if cuts else 0
        # "南京居民王先生说自己…" after 林女士's story: someone else tells theirs (after a story naming someone)
        # (a short lead that names nobody, "由于节日期间…投诉升级。", introduces the next story: no cut there)
        role = _ROLE_NAMED.match(rest)
        if role:
            before = story_so_far + paragraph[:pos]
            if (role.group(1) not in before and people_named(before)
                    and (pos - last >= 40 or people_named(paragraph[last:pos]))):
                cuts.append(pos)
                continue
        if pos - (cuts[-1] if cuts else 0) < 40:
            continue
        if _OTHER_STORY.match(rest):  # "同样,另一位宝马车主…" says so itself
            cuts.append(pos)
            continue
        if _EXAMPLE.match(rest) and is_story(rest):
            cuts.append(pos)  # "…其中反映食物中有异物的有71宗。比如,一名消费者投诉称,…": a round-up's example
            continue
        item = _ITEM_NUMBER.match(rest)
        if (item and _ITEM_NUMBER.match(paragraph) and is_story(paragraph[last:pos], person=False)
                and is_story(rest, person=False)):
            cuts.append(pos)  # "1、消费者于2016年5月1日,…。2、2016年6月,消费者…": a list of complaints, one per item
            continue
        if _NEXT_TRAINING_CASE.match(rest) and _QUESTIONS_ANSWERED.search(paragraph, cuts[-1] if cuts else 0, pos):
            cuts.append(pos)  # a training case after the questions and answers of the one before ("…?1.由于…。某物业公司…")
            continue
        opening = _DATED_SENTENCE.match(rest) or _SIMILARLY.match(rest)  # "类似地,卢女士家…"
        if opening is None:
            continue
        names = re.findall(NAMED, rest[: opening.end() + 30])
        before = story_so_far + paragraph[:pos]
        if names and not any(n in before for n in names):
            cuts.append(pos)
    return sorted({*cuts, *listed_cuts(paragraph, story_so_far)})
