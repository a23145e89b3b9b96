"""The handling actions a story tells: for a narrative case without a handling section, the sentences in
which the company (or a mediator) acts on the complaint become its steps, flagged as extracted."""

from __future__ import annotations

import re

from advisor.text.items import split_items

# Sentences of a story that tell what the company (or a mediator) did about the complaint.
_ACTOR = re.compile(
    r"(?:我们|我行|我司|我局|本局|我中心|我委|我方|本公司|本店|公司|酒店|餐厅|银行|支行|网点|物业|管理处|客服|店长|经理|主管|工作人员|员工|商家|院方|医院|"
    r"执法人员|调解员|消委会|消保委|消费者协会|消费者权益保护委员会|市场监管|调委会|维修站|4S店|供电|燃气公司|自来水公司|机构|平台|旅行社|企业|分公司|营业厅|"
    r"保险公司|快递公司|航空公司|证券公司|营业部|社区|司法|服务员|店员|负责人|老板|领班|大堂|前台|柜员|司机|快递员|导游|座席|坐席|话务员|他们|"
    r"营业员|护理员|护工|抄表员|"
    # the trader in consumer officials' words, a shop, a clinic or a school as a party (not the maker or its
    # repairers: in an appliance story they are most often the grievance)
    r"业者|经营者|店方|医方|校方|园方|"
    # a hotline office, a consumer council speaking as itself, a government work team
    r"热线办|热线科|受理中心|市长电话|市长热线|本会(?![所员])|(?:督导|工作|调查|专家|调解|联合)(?:小)?组|专班|"
    # a government bureau (住建局, 我局), not a 结局 or a 局部
    r"(?<![结格布骗赌饭棋牌大当终开全])局(?![部面势限促])|"
    # a Hong Kong department acting (社署回复, 署方调查后) and its inspectors, not a 签署 or a 部署
    r"署方|[\u4e00-\u9fff]署(?=[回表调经已于向发指称提])|督察"
    r")"
)
_REMEDY = (
    r"道歉|致歉|歉意|安抚|检修|维修|更换|换房|退款|退还|返还|退货|赔偿|补偿|减免|免单|赠送|协商|调解|解释|说明|回访|跟进|"
    r"承诺|上门|处理|联系|组织|安排|报警|疏通|修复|清洗|添加|恢复|开通|取消|清理|处罚|通报|培训|整改|补发|重新|换了|换成|重做|赔礼|免费|减收|免收|引导客户|引导用户"
)
_ACTION = re.compile(_REMEDY + r"|核实|核查|调查|调取|检测|勘查|排查|赶赴|派人|派员|专人|调停|"
                     r"转办|转派|转交|移交|交办|督办|"
                     # sending help, installing, an emergency plan started and reported up, a visit agreed,
                     # staff instructed, a subordinate ordered to act
                     # (not the sale's installation, a contract's terms or a car that will not start)
                     r"派出(?!所)|派车|派了|派拖车|重新安装|已安装|加装|补装|启动(?:了)?[^，,。]{0,8}(?:预案|机制|程序)|"
                     r"上报|报告了|进行了报告|面谈|教导|责成|督促|"
                     # an inspection done ("到张家检查了电表和线路"), a reading recomputed
                     r"检查了|现场检查|核算")
_FINDING = re.compile(r"^(?:(?:经|通过)(?:核查|调查|查|核实|检测|了解)|另查明|经?查明)")
# A sentence that only announces a list ("采取了以下处理措施:", "采取“三步走”策略精准破局:").
_INTRODUCES = re.compile(r"(?:以下|如下|下列|几点|几个方面|步走)[^，,。；;]{0,12}[:：]$")
_ASKED = re.compile(r"希望|要求|请求|恳请|建议|呼吁|敦促")
_MAX_TOLD = 160  # characters: a longer sentence is a paragraph run together


# A reply's salutation on a line of its own ("尊敬的市民:", "市民朋友您好!").
SALUTATION = r"(?:尊敬的[^\n]{0,12}|[^\n]{0,10}(?:您好|你好))[!！,，。:：]?"
# A subheading on its own line before the sentence ("## (二)多元调解介入处理,化解矛盾"), or a salutation: no part
# of the step.
_HEADING_LINES = re.compile(rf"^(?:(?:#+[^\n]*|[^\n。；;！!？?:：]{{1,30}}|{SALUTATION})\n\s*)+")


def told_actions(story: str, limit: int = 6) -> list[str]:
    """The sentences of a story that tell how the complaint was handled, in order (extractive).

    Used for narrative cases without a handling section; the result is flagged as extracted.
    """
    out = []
    for sentence, actor_named in _units(story):
        s = _HEADING_LINES.sub("", sentence.strip())
        acts = _ACTION.search(_DEMANDED.sub("", s)) is not None if actor_named else _acts(s)
        if not 8 <= len(s) <= _MAX_TOLD or re.search(r"[?？]", s) or not acts:
            continue
        if _FINDING.match(s) and not re.search(_REMEDY, s):
            continue  # "经核查，…" reports a finding, not an action
        if _customer_complains(s) or _CUSTOMER_SAYS.match(s):
            continue  # "客人其后向消委会投诉,不满…", "王女士质疑,…": the customer complaining, not the handling
        if _PUBLISHED.search(s):
            continue  # "…消保委召开信息通报会,公布了一批典型案例", "45.64%的人…": the news around the case
        if _FIRST_PERSON_QUOTE.match(s):
            continue  # "“搬家公司让我自己和搬家工人协商。": the customer's account of the company, not its handling
        if _INTRODUCES.search(s):
            continue  # "…按照如下四个步骤进行了处理:" introduces the steps that follow
        if (_UNASKED.search(s) or _SALE_PROMISE.search(s)) and not _SETTLED.search(s):
            continue  # what the company did unasked, or promised when it sold, is the grievance
        if _refused(s):
            continue  # "营业厅以…为由推诿处理" tells what went wrong, not what to do
        s = _after_denial(s)
        if "记者" in s:
            continue  # what a reporter did (记者与该餐厅取得了联系) is no handling
        out.append(s)
    return out[:limit]


_PUBLISHED = re.compile(r"(?:发布|公布)(?:了)?[^，,。]{0,16}(?:典型案例|报告|警示|消费提示|个案)|通报会|新闻发布会"
                        r"|\d+(?:\.\d+)?%的(?:人|消费者|受访者|用户|网友)")
# A quoted sentence in the customer's first person ("“…让我自己…”"; the company's "我们…" may be a step).
_FIRST_PERSON_QUOTE = re.compile(r"^[“「\"][^”」\"]*我(?![们行司方局院])")


def _units(story: str) -> list[tuple[str, bool]]:
    """The story's sentences, a numbered point counting as one, each with whether its actor was named before:
    the points of a list that the company side announces ("该公司…按照如下四个步骤进行了处理:" → "1. 核实…")
    are its actions. The lead before a list is told too ("收到反映后,…第一时间将工单转派至…")."""
    lead, items = split_items(story)
    if not items:
        return [(s, False) for s in _sentences(story)]
    opening = _sentences(lead)
    # (not what someone asks of the company: "我们诚挚希望贵公司能够尽快针对以下几点展开调查:")
    announced = (bool(opening) and _INTRODUCES.search(opening[-1].strip()) is not None and _acts(opening[-1])
                 and not _ASKED.search(opening[-1]))
    return [*((s, False) for s in opening), *((item, announced) for item in items)]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。；;！!？?])", text) if s.strip()]


# What the customer demands is no action of the company: "索要1000元赔偿", "要求退款".
_DEMANDED = re.compile(r"(?:索要|要求|索赔|希望|提出|不然|否则)[^，,。；;]{0,14}")


# The company side refusing or failing ("推诿处理", "仍坚持原处理方案,未提供有效凭证", "协商未果").
_REFUSAL = re.compile(
    r"推诿|推脱|踢皮球|拒绝|拒不|不予|不肯|不愿|不同意|未能|没能|未予|未提供|没有提供|仍坚持|坚持认为|置之不理|不理睬|"
    r"敷衍|拖延|一拖再拖|久拖|不决|无果|未果|并非有心|并非故意|否认|不能(?:退|换|赔)|"
    # what the company failed to tell ("银行工作人员未明确告知该信用卡存在年费减免条件")
    r"未(?:明确|如实|及时|主动|充分|事先|提前)?(?:告知|说明|提示)|没有(?:明确|事先|提前)?(?:告知|说明|提示)"
)
# What the company did to the customer unasked is the grievance ("A公司突然通知…改以网上教学"), unless the
# sentence goes on to settle it ("…擅自改签,经协调后同意退还差价").
_UNASKED = re.compile(r"突然|擅自|单方面|私自")
# A promise made when the customer bought: "购买了一台空调,当时店方口头承诺会在11日当天帮她安装".
_SALE_PROMISE = re.compile(r"(?:购买|买了|购入|订购|下单|签约|签订|报名|办卡|办理了)[^。；;]*?承诺"
                           r"|(?:此前|之前|当初)[^，,。]{0,6}(?:曾)?(?:宣传|承诺|声称)")
# The customer's own claim or doubt opening the sentence ("王女士质疑,…医方前端承诺和后端服务不一致").
_CUSTOMER_SAYS = re.compile(r"^[^，,。]{0,8}?(?:[\u4e00-\u9fff](?:先生|女士|小姐)|客户|顾客|消费者|业主|投诉人)"
                            r"(?:质疑|认为|坚称|声称|反映|抱怨)")
_SETTLED = re.compile(r"最终|最后|后来|同意|经[^，,。]{1,12}(?:协调|调解|沟通|协商)")


# A refusal forbidden ("商家不得随意拒绝") is none; nor is one in a clause of the customer's ("客户仍坚持转账").
_FORBIDDEN = re.compile(r"(?:不得|不能|不应|不可|禁止|严禁)[\u4e00-\u9fff]{0,2}$")
_CUSTOMER_CLAUSE = re.compile(r"^(?:客户|顾客|客人|消费者|用户|业主|投诉人|旅客|乘客|患者|家属|学员|家长|住户|[\u4e00-\u9fff]{1,3}(?:先生|女士|小姐))")


# The customer taking the complaint somewhere: "客人其后向消委会投诉", "业主随即到物业反映".
# ("本会收到陈先生的投诉后", "接到该用户投诉后": the complaint received, not taken somewhere)
_COMPLAINS = re.compile(r"^(?:[\d年月日号初旬上中下]{2,12}[,，]\s*)?[^，,。]{0,12}?(?:向|(?<![收接得])到|找|给)[^，,。]{0,14}?"
                        r"(?:投诉|反映|举报|申诉)")  # (after a date: "2020年9月,周女士来到余姚消保委办公室反映…")


# A denial of fault before what the company conceded: "B餐厅回复指并非有心误导顾客,承诺该客人下次光顾可减收…".
_DENIAL_THEN_CONCESSION = re.compile(r"(?:并非有心|并非故意|否认)[^。；;]*?[，,]\s*(?=(?:承诺|同意|答应|愿意|决定|表示愿意))")


def _customer_complains(sentence: str) -> bool:
    """The sentence opens with the customer taking the complaint somewhere ("客人其后向消委会投诉",
    "家住江西路某小区的周女士向我们反映")."""
    m = _COMPLAINS.match(sentence)
    return m is not None and (_CUSTOMER_CLAUSE.match(sentence) is not None or _COMPLAINANT.search(sentence, 0, m.end()) is not None)


_COMPLAINANT = re.compile(r"[\u4e00-\u9fff](?:先生|女士|小姐|大爷|阿姨)|(?:客户|顾客|客人|消费者|用户|业主|市民|居民|网友|家长)")


def _after_denial(sentence: str) -> str:
    """What the company conceded, without the denial of fault before it."""
    m = _DENIAL_THEN_CONCESSION.search(sentence)
    return sentence[m.end() :] if m else sentence


def _refused(sentence: str) -> bool:
    """The company side's refusal or failure ends the sentence: no clause after its last refusal word names
    a remedy ("商家起初拒绝退款,经调解后同意退还全款" keeps its remedy; "…为由推诿处理,…" does not)."""
    last = None
    for m in _REFUSAL.finditer(sentence):
        clause = re.split(r"[，,。；;:：]", sentence[: m.start()])[-1]
        if not _FORBIDDEN.search(sentence[: m.start()]) and not _CUSTOMER_CLAUSE.match(clause.strip()):
            last = m
    if last is None:
        return False
    later = re.split(r"[，,；;]", sentence[last.end():], maxsplit=1)  # a later clause ("推诿处理" is no remedy)
    return len(later) < 2 or re.search(_REMEDY, later[1]) is None


def _acts(sentence: str) -> bool:
    """The sentence names the company's side (服务员, 供电局 …) and then what it did (道歉, 派出维修人员 …);
    what the customer demands (索要1000元赔偿) does not count."""
    text = _DEMANDED.sub("", sentence)
    # in a sentence of what the customer did, the company as its object acts in none ("投资者在某证券公司营业部开通…")
    customer = _CUSTOMER_OPENS.match(text) is not None
    return any(_ACTION.search(text, actor.start()) is not None for actor in _ACTOR.finditer(text)
               if not (customer and _OBJECT_BEFORE.search(text, 0, actor.start())))


_CUSTOMER_OPENS = re.compile(r"^(?:[\d年月日,，\s]{0,12})(?:投诉人|申诉人|来电人|投资者|客户|顾客|客人|消费者|用户|业主|投保人|储户|车主|旅客|乘客|患者|学员|家长|游客)")
# "向营业部提出…", "在某证券公司营业部开通…": a preposition (and a determiner) before the company.
# ("投诉人为儿子报读A公司的…课程": what the customer bought of the company)
_OBJECT_BEFORE = re.compile(r"(?:[向到找在给对与跟和从]|报读|报名|购买|购入|光顾|预订|选购)(?:某|该|这家|那家|一家)?"
                            r"[A-Za-z\u4e00-\u9fff]{0,4}$")
