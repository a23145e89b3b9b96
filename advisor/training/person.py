"""Rewrite third-person case narration as spoken by the customer (我/你们) or to the customer (您/我们)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CUSTOMER_NOUNS = (
    "客户|业主|顾客|用户|消费者|业户|住户|车主|储户|持卡人|投保人|购房者|租户|乘客|游客|旅客|患者|病人|"
    "客人|买家|会员|原告|投诉人|申诉人|市民|家长|居民"
)
_SURNAMES = (
    "赵钱孙李周吴郑王冯陈卫蒋沈韩杨朱秦许何吕施张孔曹严华金魏陶姜谢邹苏潘范彭鲁韦马方俞任袁柳鲍史唐费薛雷贺"
    "倪汤殷罗毕郝安常于傅齐康伍余顾孟黄穆萧尹姚邵汪毛戴宋庞熊纪舒祝董梁杜阮蓝季贾江童颜郭梅盛林钟徐邱骆高夏蔡"
    "田胡凌霍万卢莫丁邓洪包石崔龚程邢裴陆荣翁曲焦谷侯全宁武符刘叶黎白赖卓乔谭牛温庄柴阎廖易耿文曾关谌"
)
_NAME_FORM = rf"(?:[{_SURNAMES}](?:先生|女士|小姐|阿姨|大爷|某某|某)|[A-Z](?![A-Za-z]))"
_SINGLE_DET = r"另一位|另一名|某位|某|该|这位|那位|一位|一名|一个|此|这名|一"
# Other customers ("较多客户排队") are not the speaker; a group the speaker belongs to is "我们".
_OTHERS_DET = r"较多|好几个|好几位|几个|几位|其他|其它|别的|个别|一些|不少|大量|许多|很多"
_GROUP_DET = r"部分|众多|多名|多位|广大|一批|全体"
_NOT_PERSON = (
    r"(?!服务|中心|经理|意识|关系|满意|委员会|大会|代表|群|资料|档案|体验|端|部|至上|第一|专员|需求|"
    r"投诉(?:激增|量|率|处理|渠道|电话|请求|情绪|内容|事件|案例|管理|接待|方式|的集中|有门))"
)
_CUSTOMER = re.compile(
    rf"(?:(?P<others>{_OTHERS_DET})|(?P<group>{_GROUP_DET})|(?:{_SINGLE_DET}))?(?:老|新|VIP|购房|普通)?"
    rf"(?:{CUSTOMER_NOUNS})(?P<name>{_NAME_FORM})?(?P<plural>们)?{_NOT_PERSON}"
)
_COUNTED = re.compile(rf"(?<=[几多两三四五六七八九十\d][个位名])(?:{CUSTOMER_NOUNS}){_NOT_PERSON}")
# "客户来电反映其手机…": the reporting verb goes, the claim stays ("客户手机…" → "我的手机…").
_REPORTED_CLAIM = re.compile(
    rf"(?P<who>(?:{CUSTOMER_NOUNS})(?:{_NAME_FORM})?)[\dXx*]{{0,13}}(?:来电|致电|来信|来访)?(?:反映|反应|投诉称|称)(?![后时的])[，,]?其?"
)
# "杨某等15名游客" is a group the speaker belongs to.
_PARTY = re.compile(rf"(?:{_NAME_FORM})等(\d+|[一二三四五六七八九十]+)[名位个](?:{CUSTOMER_NOUNS})")
# Nouns a customer owns: "客户车辆" is "我的车辆", not "我车辆".
_POSSESSED = re.compile(
    r"^(?:车辆|爱车|轿车|汽车|车|房屋|房子|孩子|母亲|老母亲|父亲|账户|手机|儿子|女儿|妻子|丈夫|老人|家|信息|"
    r"个人信息|资金|损失|订单|包裹|信用卡|银行卡|身份证|证件|行李|物品|钱|家人|朋友|诉求|要求|利益|权益|情绪)"
)
_NAME = re.compile(rf"(?<![\u4e00-\u9fff])({_NAME_FORM})")
_ROLE_BEFORE_NAME = re.compile(r"(?:女儿|儿子|丈夫|妻子|母亲|父亲|朋友|经理|主管|保安|柜员|员工|师傅|医生|护士|律师|记者|行长|店长|导游)$")
_QI = re.compile(r"其(?!他|它|中|实|余|次|后|间|所|一|二|三)(?=[\u4e00-\u9fff])")
# After these, "其" is the customer as object ("给其发送"); before these, as subject ("其得知").
_QI_OBJECT_BEFORE = re.compile(r"(?:请|让|要求|告知|为|令|对|给|向|使|帮|劝|替|通知|提醒|联系|安抚|帮助|带|陪同|约见)$")
_QI_SUBJECT_AFTER = re.compile(
    r"^(?:得知|发现|认为|表示|要求|称|在|到|于|向|对|被|将|把|也|又|就|已|未|不|没|仍|才|便|遂|因|说|等待|等|前往|"
    r"来|去|购买|办理|使用|拒绝|同意|提出|投诉|反映|签|支付|自行|本人|多次|一直|再次|坚持|只|还)"
)
_HE_SHE = re.compile(r"(?<!其)(?<!主管|经理|保安|员工|师傅|医生|护士|店长)(?:他|她)(?P<plural>们)?(?!人)")
_REPORTING = re.compile(r"我(?:来电|致电|来信|来访)?(?:反映|反应|表示|声称|称)(?:自己)?[，,]?(?=你们|该|这|那|其|我的|本)")
_SELF = re.compile(r"(?:声称|自称|称)自己")
_ASIDE = re.compile(r"[（(]?(?:以下简称|以下称|下称)[“\"]?[^”\"）)]{0,12}[”\"]?[）)]?")
_NARRATOR = (
    ("我们公司", "你们公司"), ("本公司", "你们公司"), ("我公司", "你们公司"), ("我司", "你们公司"),
    ("我行", "你们银行"), ("本行", "你们银行"), ("我方", "你们"), ("本店", "你们店"), ("我店", "你们店"),
    ("我们", "你们"),
)
_PROJECT = re.compile(r"(?:某|该|本|此|这个)(?:北方|南方|别墅|精装修|代建)?项目(?!公司|经理|团队|部|工程|人员|建设|开发)")
ORG_NOUNS = (
    "项目公司", "物业公司", "快递公司", "电信公司", "保险公司", "电商平台", "培训机构", "维修站", "维修店", "4S店",
    "经销商", "管理处", "开发商", "营业厅", "旅行社", "支行", "网点", "银行", "酒店", "宾馆", "餐厅", "饭店", "餐馆",
    "超市", "商场", "专柜", "门店", "商家", "店家", "平台", "医院", "机构", "物业", "公司",
)
# Internal names the customer would not use for the company in front of them.
_SPOKEN_ORG = {"项目公司": "你们", "公司": "你们公司"}


@dataclass
class Speaker:
    """Who speaks: the customer (我 → staff are 你们) or staff (您 → the company is 我们).

    `names` collects the customer's names met so far ("客户赵女士" → "赵女士"), so a later bare
    "赵女士" also becomes the speaker; use one `Speaker` per story, sentence by sentence in order.
    `narrator_is_customer` is set when the case is told by the customer ("我和朋友预订了…").
    """

    me: str = "我"
    company: str = "你们"
    handler: str = ""
    narrator_is_customer: bool = False
    names: list[str] = field(default_factory=list)


def customer_voice(handler: str = "", narrator_is_customer: bool = False) -> Speaker:
    """The customer speaking to the staff of `handler` (an org noun such as 维修站, or "")."""
    return Speaker("我", "你们", handler, narrator_is_customer)


def staff_voice(handler: str = "") -> Speaker:
    """Staff speaking to the customer on behalf of `handler`."""
    return Speaker("您", "我们", handler)


def find_handler(texts: list[str]) -> str:
    """The organisation that handled the complaint: the org noun named most often in `texts`."""
    joined = "".join(texts)
    counts = {org: len(re.findall(rf"{_not_inside(org)}{org}", joined)) for org in ORG_NOUNS}
    best = max(counts.values(), default=0)
    return next((org for org in ORG_NOUNS if counts[org] == best), "") if best else ""


def _not_inside(org: str) -> str:
    # "公司" inside "项目公司" is counted once, under the longer name.
    return r"(?<!项目|物业|快递|电信|保险)" if org == "公司" else ""


def rewrite(sentence: str, who: Speaker) -> str:
    """One narrated sentence as spoken by `who` (customer → me, narrator's company → company).

    Args:
        sentence: A third-person sentence from a case.
        who: The speaker; its `names` list is updated with customer names found.

    Returns:
        The sentence in `who`'s voice.
    """
    text = _ASIDE.sub("", sentence)
    if not who.narrator_is_customer:
        for old, new in _NARRATOR:
            text = text.replace(old, new.replace("你们", who.company))
    text = _PARTY.sub(lambda m: "我们" + m.group(1) + "个人" if who.me == "我" else "您一行", text)
    text = _REPORTED_CLAIM.sub(_claim, _COUNTED.sub("人", text))
    text = _CUSTOMER.sub(lambda m: _customer(m, who), text)
    text = _names(text, who)
    text = _HE_SHE.sub(lambda m: who.me + ("们" if m.group("plural") else ""), text)
    text = _QI.sub(lambda m: _qi(m, who), text)
    text = _SELF.sub(who.me, text)
    text = _handler(text, who)
    if who.me == "我":
        text = _REPORTING.sub("", text)
        text = _PROJECT.sub("你们这个项目", text).replace("本机", "我的手机")
        text = re.sub(r"^有(?=我)", "", text)
        text = re.sub(r"(我[^，。]{0,10}?)声称", r"\1说", text)
        text = re.sub(r"^我投诉(?!后)", "我要投诉", text)
    return _collapse(text, who)


def _claim(match: re.Match[str]) -> str:
    """Drop the reporting verb; drop the reporter too when the claim has its own subject ("联通公司私自…")."""
    after = match.string[match.end():]
    has_subject = after.startswith(("你们", "我们", "该", "某", "这", "那")) or any(
        after[: len(org) + 3].find(org) >= 0 for org in ORG_NOUNS)
    return "" if has_subject else match.group("who")


def _customer(match: re.Match[str], who: Speaker) -> str:
    if match.group("others"):
        return "好多人" if who.me == "我" else "其他客户"
    if match.group("name"):
        who.names.append(match.group("name"))
    if match.group("plural") or match.group("group"):
        return "我们" if who.me == "我" else "各位"
    after = match.string[match.end():]
    return f"{who.me}的" if _POSSESSED.match(after) else who.me


def _qi(match: re.Match[str], who: Speaker) -> str:
    before, after = match.string[: match.start()], match.string[match.end():]
    if _QI_OBJECT_BEFORE.search(before) or _QI_SUBJECT_AFTER.match(after):
        return who.me
    return f"{who.me}的"


def _names(text: str, who: Speaker) -> str:
    for m in _NAME.finditer(text):
        if not who.names and not _ROLE_BEFORE_NAME.search(text[: m.start()]):
            who.names.append(m.group(1))
    for name in who.names:
        text = re.sub(rf"(?<!女儿|儿子|丈夫|妻子|母亲|父亲|朋友){re.escape(name)}", who.me, text)
    return text


def _handler(text: str, who: Speaker) -> str:
    if not who.handler:
        return text
    org = who.handler
    spoken = _SPOKEN_ORG.get(org, f"你们{org}").replace("你们", who.company)
    pattern = rf"(?:(?:该|某|这家|一家|此|本|这个)[\u4e00-\u9fff]{{0,3}}?)?(?<!你们|我们)(?<![甲乙丙丁]){org}"
    if org == "公司":
        # "联通公司" names another company; only a bare or determined "公司" is the one in front of me.
        pattern = rf"(?:(?:该|某|这家|一家|此|本|这个)[\u4e00-\u9fff]{{0,3}}?{org}|(?<![\u4e00-\u9fff]){org}|(?<=[在到向给的被让和与找对]){org})"
    return re.sub(pattern, spoken, text)


def _collapse(text: str, who: Speaker) -> str:
    me, company = who.me, who.company
    for old, new in ((f"{me}{me}的", f"{me}的"), (f"{me}的{me}的", f"{me}的"), (f"{me}{me}", me),
                     (f"{me}的的", f"{me}的"), (f"{company}{company}", company), (f"{me}本人", me),
                     ("你们你们", "你们"), ("我们我们", "我们")):
        text = text.replace(old, new)
    return text
