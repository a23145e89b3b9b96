"""Case titles: the case's own heading when it has a meaningful one, else a short title from its facts."""

from __future__ import annotations

import re

from advisor.corpus.lines import FURTHER_READING
from advisor.corpus.people import SUR
from advisor.corpus.roles import label_roles
from advisor.corpus.stories import BULLET_HEAD, MORE_OF_KIND, NOT_ISOLATED, NOT_UNIQUE, RUN_IN

# A heading made only of collection words names the page or the chapter, not one case.
_GENERIC = re.compile(
    r"^(?:(?:客户|顾客|消费者|银行|物业|酒店|餐厅|经典|典型|常见|投诉|群诉|维权|服务|处理|分析|案例|个案|实例|事例|分享|汇编|大全|"
    r"精选|精编|选编|合集|范文|报告|引言|前言|概述|简介|文档|介绍|剖析|深度|及|与|和|的|之|篇|则|个|\d+|[一二三四五六七八九十]+)"
    r"[\s:：、]*)+$"
)
_PAGE_TITLE = re.compile(r"案例(?:分析|汇编|大全|精选|精编|集|合集)|典型案例|\d+\s*(?:[则篇例]|个(?:案例|典型|经典|常见|投诉|真实|故事|小故事|实例))|[十百]大|范文|指南|攻略|汇总")
_PROBLEM = re.compile(
    r"发现|遇到|存在|问题|不符|丢失|不满|不好|延误|损坏|故障|投诉(?!后)|异响|报警|拒绝|拒交|等待|过期|变质|报错|划痕|冲突"
    r"|过敏|变色|漏水|停电|停水|盗刷|扣费|多收|未按|没有|不能|无法|纠纷|争议|要求|不到位|不当|不足|失误|错误"
    r"|未|不统一|不一致|不合理|不规范|不及时|摔倒|推搡|报警|争执|吵闹|辱骂|打人|受伤|超时|超期|错误|扣错"
    r"|多了|多扣|被扣|乱扣|暴涨|翻倍|不[发退给让肯修换赔]|诱导|误导|欺骗|虚假|套路|陷阱"
)
# Words that tell what a heading is about: "隐性收费", "服务不到位" name the problem; "发生在中午时" does not.
_TOPIC = re.compile(
    r"延期|延迟|逾期|收费|赔偿|退款|退货|维修|质量|态度|承诺|投诉|理赔|保险|理财|差|慢|难|乱|漏|坏|丢|错|骗|泄露|欺诈|卫生|安全"
)
_DATE = re.compile(r"\d{4}\s*年(?:底|初|末|中|上半年|下半年)?(?:\s*\d{1,2}\s*月份?)?(?:\s*\d{1,2}\s*日)?\s*[,，]?\s*")
TITLE_LIMIT = 30
_PARTICULAR = re.compile(
    r"[\u4e00-\u9fff]{0,3}某[\u4e00-\u9fff]{0,3}|[男女]|\d{1,3}岁|(?:\d{4}\s*年)?\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日|某日|份)?"
    r"|\d{4}\s*年|某日|近日|日前|近期|近来|最近|前不久|前些天|前些日子|上周|本周|当天|[^\s]{0,8}讯(?:\(|（)?[^)）]{0,12}[)）]?"
    r"|(?:\d{4}\s*年)?(?:冬天|夏天|春天|秋天|上午|下午|晚上|中午|凌晨|某天|一天|当晚|次日)"
)


# Who someone is ("张先生是一名普通上班族") introduces the story; it does not name the problem.
_INTRODUCTION = re.compile(r"^[\u4e00-\u9fff]{1,6}(?:是|系)(?:一名|一位|一个|某)")


# Who and when, nothing else ("我于12月31日晚上17点50分左右", "张先生于2月9日"): the scene, not the problem.
_WHEN = re.compile(r"(?:(?:我|本人|[\u4e00-\u9fff]{1,4}?)于)?[\d\s年月日号时点分秒许左右凌晨早上上午中午下午傍晚晚上夜里当天某去今前昨旬初底末]+")


def _particular(part: str) -> bool:
    """A person's particulars or a date: no title ("王某某", "女", "80岁", "2020年10月某日", "2月16日",
    "我于12月31日晚上")."""
    part = part.strip()
    if re.fullmatch(r"在[^，,。；;]{1,12}", part) and not _PROBLEM.search(part):
        return True  # where it happened: "在香江大市场车站"
    if re.search(r"记者|通讯员|报道|报导", part):
        return True  # what the reporter did: "导报记者采访发现", "本报J4版报道了《…》一文"
    return bool(_PARTICULAR.fullmatch(part)) or (bool(re.search(r"\d", part)) and bool(_WHEN.fullmatch(part)))


# A news source's credit line ("海口网：", "南方日报") heads the story but does not name it.
_SOURCE = re.compile(r"^[\u4e00-\u9fff]{1,5}(?:网|报|日报|晚报|早报|新闻|电视台|在线)$|^[\u4e00-\u9fff]{0,8}(?:报道|报导|讯)$"
                     r"|^[\u4e00-\u9fff]{2,8}(?:新闻|资讯|信息)网$")  # a site's name: "中国酒业新闻网"
_FOLLOW_UP = re.compile(r"报道了?《([^》]{4,40})》")
# A story told after its source ("根据澎湃新闻报导,…", "本报讯(记者 张三)…", "投诉组报道:…"): the source is no title.
_SOURCE_LEAD = re.compile(
    r"^\s*(?:【[^】]{0,24}(?:报道|报导)】|(?:根据|据)[^，,。]{0,20}(?:报道|报导|消息|讲述得知|介绍|反映|讲述|讲|称)[，,:：]?"
    r"|[^，,。\s]{0,8}讯\s*[(（][^)）]{0,20}[)）]|[^，,。：:\s]{0,12}(?:报道|报导)[:：]"
    # several outlets' credit: "新安晚报 安徽网 大皖客户端讯 合肥市…"
    r"|(?:[\u4e00-\u9fff]{2,8}(?:报|网|客户端|新闻)\s+){1,3}[\u4e00-\u9fff]{0,8}讯)\s*"
)


# A writer's full name alone under the headline ("王小伟"): a byline, no title (王先生, 李某某 name a customer; two
# characters, 方案, 黄金, are words).
_BYLINE_NAME = re.compile(rf"{SUR}[\u4e00-\u9fff]{{2}}(?<!先生)(?<!女士)(?<!小姐)(?<!某)")


def is_generic_heading(heading: str) -> bool:
    """True for headings that name a collection or a chapter (典型案例分析, 案例背景, 引言) or a news source
    (海口网), not a case."""
    text = heading.strip(" #:：")
    head, colon, rest = text.partition(":") if ":" in text else text.partition("：")
    if colon and len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 4 and is_generic_heading(head) and not is_generic_heading(rest):
        return False  # "典型案例:一件跑绒的羽绒服引发的维权拉锯战": the collection's word, then the case's own title
    return (not text or bool(_GENERIC.match(text)) or bool(_PAGE_TITLE.search(text)) or bool(_SOURCE.match(text))
            or bool(FURTHER_READING.match(text)) or bool(_BYLINE_NAME.fullmatch(text)))


_NUMBERING = re.compile(r"^[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]\s*(?=\S)")


_FIELD_NAME = re.compile(r"^(?:信件|来信|留言|诉求|投诉|咨询|问题|事项)?(?:标题|主题)(?:[:：]\s*|\s+)(?=\S)")


# A page's buttons and counters glued to its headline: "返回 首页 搜索 分类:狗主人…", "…超市还有多少过期食品阅读()",
# "…不想坐就站着吧0阅读浙江在线", "…引发投诉案 二维码", "当前信息:投诉…".
_HEADING_CHROME = re.compile(
    r"^(?:(?:返回|首页|搜索|分类|导航)\s*[:：]?\s*){2,}|^当前信息\s*[:：]\s*"
    r"|\s*(?:\d+\s*阅读|阅读\s*[(（]\d*[)）])[\u4e00-\u9fff]{0,8}$|\s+二维码$"
)


# What decorates a heading without being part of it: Markdown emphasis, rules and bullets before it
# ("━━━━业主报修…", "• 凉山州发布…", "×，自来水停水…"), a reader's position ("正在阅读:").
_EMPHASIS = re.compile(r"\*\*|__")
_DECORATION = re.compile(r"^(?:[\u2500-\u257f\u25a0-\u25ff\u2605\u2606•·×※→►▶\-–—=~～]+\s*[,，、:：]?\s*|正在阅读\s*[:：]\s*)+")


def clean_heading(heading: str) -> str:
    """A heading as a title: without Markdown marks, decorations, numbering or trailing colon."""
    text = re.sub(r"^#+\s*", "", heading.strip())
    text = _DECORATION.sub("", _EMPHASIS.sub("", text)).strip()
    text = re.sub(r"^第\s*[一二三四五六七八九十\d]{1,3}\s*[篇章节则][:：、\s]*", "", text)
    text = _NUMBERING.sub("", text)  # "(一)误入…陷阱"
    text = _FIELD_NAME.sub("", text)  # a form's field name: "信件标题 洒水车噪音扰民问题"
    text = _HEADING_CHROME.sub("", text)  # "返回 首页 搜索 分类:…", "…阅读()", "…二维码"
    text = text.strip(" :：,，。")
    if re.fullmatch(r"(?:[\u4e00-\u9fff][ \u3000]){3,}[\u4e00-\u9fff]", text):
        text = re.sub(r"[ \u3000]", "", text)  # letter-spaced: "服 务 消 费 投 诉 案 例"
    # A heading wholly in brackets ("(梦网投诉)", "【案例背景】") is read without them.
    m = re.fullmatch(r"[(（【\[]([^)）】\]]+)[)）】\]]", text)
    return m.group(1).strip() if m else text


_WHO_ONLY = re.compile(r"^(?:(?:一名|一位|有|某)?(?:家长|消费者|业主|市民|网友|读者|记者|客户|顾客|患者|乘客|旅客|游客|用户|居民|村民|车主|住户|学员)"
                       r"(?:投诉称|反映|表示|称|说)?|[\u4e00-\u9fff]{1,4}网友)$")  # "一名消费者投诉称" says who, not what;
# nor does a forum's byline over a post ("东湖网友").
# Who told it and where, before what they said: "来自上海的张先生说", "南京市民卢女士向扬子晚报/紫牛新闻爆料称".
_WHO_SAID = re.compile(r"(?:投诉|反映|爆料|举报|发帖|来电|留言)?(?:称|说|讲|表示|介绍|透露|告诉记者)$")
_TO_WHOM = re.compile(r"(?:向|到|给|拨打|致电|在)[^，,。]{0,20}$")


def _who_said(part: str) -> bool:
    """A clause that only says who told it, and to whom ("王先生向重庆市消委会投诉称"), naming no problem."""
    said = _WHO_SAID.search(part)
    if len(part) > 30 or said is None:
        return False
    return not _PROBLEM.search(_TO_WHOM.sub("", part[: said.start()]))

_WHEN_ONLY = re.compile(
    r"^(?:(?:同一天|当天|同日|当日|次日|第二天)(?:上午|下午|中午|晚上|傍晚|凌晨|早上|夜里)?|随后|当晚|前段时间|近日|日前|最近|此前|之前|早前|先前|此后|之后"
    # the rest of a period ("2024年7月至10月期间," once its start is gone)
    r"|(?:至|到|[-—~～])\s*(?:\d{4}\s*年\s*)?\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:期间|间|以来|底|初|中旬)?"
    # a period in full: "由2020年至2025年3月"
    r"|(?:由|从|自)?\d{4}\s*年(?:\s*\d{1,2}\s*月)?\s*(?:至|到|[-—~～])\s*\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:期间|间|以来)?"
    # how long ago or how long: "两年前", "半年多了", "三个多月来"
    r"|[一二两三四五六七八九十半几数\d]+多?个?多?(?:年|月|天|周|星期|小时)多?(?:前|后|了|来|以来|之前|之后|过去了)?"
    # a period up to now: "今年以来", "近年来", "入夏以来"
    r"|(?:今年|去年|近年|近几年|近两年|近些年|多年|长期|入夏|入冬|入秋|开春|入春)(?:以)?来)$"
)
_GREETING = re.compile(r"^(?:大家好|各位好|你好|您好|哈喽|嗨)[!！。~～]*$")
# A letter's salutation before its story: "尊敬的市长:\n您好!我是…的居民。"
_LETTER_SALUTATION = re.compile(r"^尊敬的[^\n:：,，。]{1,10}[:：,，]?\s*(?:(?:您好|你好)[!！,，。]?\s*)?")
_LINKING = re.compile(
    rf"^(?:{NOT_ISOLATED}|{NOT_UNIQUE}|{MORE_OF_KIND}|(?:类似|这样)的?(?:事|遭遇|事件|情况)[^。！？:：]{{0,10}}"
    r"|[^。！？]{0,16}(?:曝出|出现|发生|上演)(?:了)?(?:多起)?类似(?:的)?(?:事件|情况|问题|遭遇))[。！？:：]\s*"
    r"|^(?:在)?类似(?:的)?(?:案例|个案|案件)中[，,]\s*"
)
# The subject field of a complaint form, up to the next field or the end of the line.
_SUBJECT_FIELD = re.compile(r"^(?:投诉|留言|来信)?(?:主题|标题|事由)\s*[:：]\s*([^|｜\n]{4,60}?)\s*(?:[|｜\n]|$)")
_DATE_SENTENCE = re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*[。.]\s*")
# A run-in title names a problem, not a person ("教练私下口头承诺,健身房不认账。").
_PERSON_WORDS = r"先生|女士|小姐|某|我|他|她|记者|消费者|客户|顾客|业主|市民"
# "更早的2019年,…", "早在2018年3月,…": when, not what.
_DATED_START = re.compile(
    r"^(?:更早(?:的|些|时候)?|早在|此前)?\s*(?:" + _DATE.pattern
    + r"|\d{0,3}[X某]{1,4}年的?[X某\d一二三四五六七八九十]{1,3}月(?:[X某\d一二三四五六七八九十]{1,3}日)?\s*[,，]?\s*)"
)


_FIELD_DATE = re.compile(r"^\s*[A-Za-z]{2,12}[:：]?\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*")
_SUBJECT_ROW = re.compile(r"^(?:投诉|留言|来信|信件|诉求)?(?:主题|标题|事由)(?:\s*[:：]\s*[|｜]?|\s)\s*([^|｜\n]{4,60}?)\s*[|｜]?\s*$")


def subject_field(line: str) -> str | None:
    """The subject of a complaint form's row ("标题: | 17路公交车什么时候恢复 |"), or None."""
    m = _SUBJECT_ROW.match(line.strip())
    return m.group(1).strip() if m else None


# Where a hotline record's account of the complaint begins.
_INTAKE = re.compile(r"(?:诉求内容|反映内容|来电内容|投诉内容|留言内容|反映问题)\s*[:：]\s*")


# A saying an article opens with, and the line explaining it: "常言道:抓贼要抓赃。\n指问罪要有真凭实据,…"
_SAYING = re.compile(r"^(?:常言道|俗话说|俗语说|古人云|老话说|有句话说|有句老话)[^\n]*\n(?:(?:指|意思是|意为|就是说)[^\n]*\n)?")
# A dateline glued to the headline before it ("酒店强行扣客人200元押金10月6日,媒体报道了…").
# (not a date the clause needs: "空调购于7月11日", "故障至今天11月9日")
_GLUED_DATE = re.compile(r"(?<=[\u4e00-\u9fff\d])(?<![于在至到从是自止今天起为])(?:\d{4}年)?\d{1,2}月\d{1,2}[日号]$")


# A first paragraph about the times, naming no one ("随着人们生活节奏的加快,外卖行业…。", "当今社会,消费者保护意识
# 逐渐提高…。"), or an example an excerpt opens with ("比如…施行的《快递市场管理办法》…"): the background, not the
# case; or its first sentence, when someone comes in later in the paragraph.
_GENERAL_OPENING = re.compile(r"^(?:随着|当今社会|在当今|当下|如今|现如今|众所周知|比如|例如|譬如)")
_NO_ONE_WORD = r"先生|女士|小姐|某|我(?!们)|他|她"
_NO_ONE = rf"(?:(?!{_NO_ONE_WORD})[^\n])*"
_GENERAL_PARAGRAPH = re.compile(rf"^{_NO_ONE}\n\s*")
_GENERAL_SENTENCE = re.compile(rf"^(?:(?!{_NO_ONE_WORD})[^。！？!?\n])*[。！？!?]\s*")


# A clause that only says when ("李女士发现后", "接到举报后", "充值4天后", "结账时"): what happened follows it.
# (not 售后, 最后, 然后, 今后; not 及时, 同时, 按时, 3小时)
_THEN = re.compile(r"(?:(?<![售落背最然今此随])后|的时候|(?<![准及同临按平小超届暂当])时|之际)$")


# A clause that ends where what was found begins ("…等到要卖房了才发现", "…从投诉案例中发现").
_FOUND = re.compile(r"(?:发现|得知|获悉|了解到|注意到)$")


def _what_was_found(title: str, facts: str) -> str:
    """`title` with the clause of the facts that follows it when it ends on what someone found."""
    last = re.split(r"[，,:：]", title)[-1]
    at = facts.find(last) if _FOUND.search(last) else -1
    if at < 0:
        return title
    found = re.split(r"[，,。；;:：!！?？\n]", facts[at + len(last) :].lstrip(" ,，:："), maxsplit=1)[0].strip()
    return f"{title}{found}" if found else title


def title_from_facts(facts: str) -> str:
    """A short title from the first sentence of the facts: its first clause, plus the clause naming the problem."""
    subject = _SUBJECT_FIELD.match(facts.strip())
    if subject:  # a complaint form: "投诉主题:西纳天然气公司违法收取天然气气损费 | 投诉目标:…"
        return subject.group(1).strip()[:TITLE_LIMIT]
    intake = _INTAKE.search(facts[:200])
    if intake and len(facts) - intake.end() >= 10:  # a hotline record: "…业务受理单,单号…,诉求内容:10月4日,市民…"
        return title_from_facts(facts[intake.end() :])
    # "这不是偶然事件。", "老刘的遭遇并非个案。" only link the story to the one before it.
    facts = _LINKING.sub("", _LINKING.sub("", facts.strip(), count=1), count=1)
    facts = _DATE_SENTENCE.sub("", facts, count=1)  # "2001年2月17日。吴某某因…": the date alone says nothing
    facts = _FIELD_DATE.sub("", facts, count=1)  # a page's "date 2025-11-07" field before the story
    facts = _SOURCE_LEAD.sub("", facts, count=1)  # "根据澎湃新闻报导,…": nor does the source
    facts = _NUMBERING.sub("", facts, count=1)  # "(一)误入“代理退保”陷阱,…": nor does a heading's number
    facts = _LETTER_SALUTATION.sub("", facts, count=1)  # nor does a letter's salutation
    facts = _SAYING.sub("", facts, count=1)  # nor a saying the writer opens with ("常言道:抓贼要抓赃。")
    general = _GENERAL_OPENING.match(facts) and (_GENERAL_PARAGRAPH.match(facts) or _GENERAL_SENTENCE.match(facts))
    if general and len(re.findall(r"[\u4e00-\u9fff]", facts[general.end() :])) >= 10:
        # "随着互联网技术日新月异的发展,网络购物…": the times the story is set in; the story follows
        return title_from_facts(facts[general.end() :])
    earlier = _FOLLOW_UP.search(re.split(r"[。!！?？\n]", facts, maxsplit=1)[0])
    if earlier:  # a follow-up story: "本报7月16日报道了《手机咋无故被扣35元话费》一文,…" is about that story
        return earlier.group(1).strip()[:TITLE_LIMIT]
    bullet = BULLET_HEAD.match(facts)
    if bullet:  # "· 高价与体验不匹配:另有消费者在…": the bullet's own heading
        return bullet.group(0).strip(" ·•-*:：")
    run_in = RUN_IN.match(facts)
    if run_in and not re.search(_PERSON_WORDS, run_in.group(0)):
        # A run-in title before the story: "身体原因不宜健身,仍被告知“不退不转”。成都消费者张女士…"
        return run_in.group(0).strip().rstrip("。！？!?")
    first = re.split(r"[。;；\n!！?？]", facts.strip(), maxsplit=1)[0]
    first = re.sub(r"^[-*·•●▪◆■]\s*", "", first)  # a list item's mark: "- 2021年,某知名主播…"
    clause = re.sub(r"^\s*(?:首先|其次|再次|另外|此外|最后|类似地|同样地|与此类似|类似的是|无独有偶|同样|例如|比如|又如|再如|譬如)[,，]\s*|^\s*\d{1,2}\s*[.、．]\s*", "", first)
    clause = _DATED_START.sub("", clause.strip(), count=1)
    clause = re.sub(r"^\d{1,2}[:：]\d{2}分?\s*", "", clause)  # "14:06分一客人走到前台…"
    parts = [p.strip() for p in re.split(r"[，:：]|(?<!\d),|,(?!\d{3}(?!\d))", clause) if p.strip()][:5]  # (not "1,080")
    parts = [p for p in parts if not re.match(r"投诉后|并且|同时|于是|(?:相比之下|与此同时|此外|另外|(?:亦有|另有|还有)投诉人?(?:表示|指|称|反映)"
                                              r"|(?:而|此外)?在?另(?:外)?一(?:个|起|宗)?(?:投诉)?(?:案件|案例|个案)中|[还另]有一(?:宗|起|个)(?:投诉)?(?:案件|案例|个案)中"
                                              # "近期发生的一起典型案例中,消费者孙女士…"
                                              r"|在?(?:近期|近日|日前|最近|此前)?(?:发生|出现)?的?一(?:起|宗|个|则)[\u4e00-\u9fff]{0,6}(?:案例|个案|案件)中)$", p)] or parts
    # A person's particulars are no title: "王某某，女，80岁，因外伤…".
    parts = [p for p in parts if not _particular(p)] or parts
    parts = [p for p in parts if not _WHEN_ONLY.match(p)] or parts  # "同一天,另外一个女士也遭受…"
    parts = [p for p in parts if not _GREETING.match(p)] or parts  # "大家好,我是一名理赔调查员"
    parts = [p for p in parts if not _says_nothing(p)] or parts  # "亲,…" (a shop's greeting), "小区名称"
    parts = [p for p in parts if not _WHO_ONLY.match(p)] or parts  # "家长:培训机构卷钱跑路怎么办?"
    parts = [p for p in parts if not _SOURCE.match(p)] or parts  # "人民日报:手机套餐少些套路"
    parts = [p for p in parts if not _who_said(p)] or parts  # "有网友在问政平台发帖称"
    if len(parts) > 1 and parts[0].startswith("随着") and re.search(_PERSON_WORDS, parts[1]):
        parts = parts[1:]  # "随着出境游市场火热,王女士…": the times, then the story
    introduced = bool(parts) and bool(_INTRODUCTION.match(parts[0]))
    parts = parts[1:] if introduced and len(parts) > 1 else parts
    lead = parts[0] if parts else clause.strip()
    best = _GLUED_DATE.sub("", lead) or lead
    when = bool(_THEN.search(best))
    if parts and (when or not _PROBLEM.search(best)):
        later = [_DATE.sub("", p).strip() for p in re.split(r"[,，:：;；。\n]", facts)[:8]]
        problem = next((p for p in [*parts[1:], *later] if _PROBLEM.search(p) and p not in best and not label_roles(p)
                        and not _who_said(p) and not _THEN.search(p)), "")
        if problem and len(best) + len(problem) < TITLE_LIMIT:
            best = f"{best}，{problem}"
        elif problem and introduced:
            best = problem  # after "张先生是一名上班族", the problem alone says what happened
        elif when and len(parts) > 1 and parts[0] == lead:
            best = f"{best}，{parts[1]}"  # "充值4天后，培训机构“跑路”了"
    best = _what_was_found(best, facts)
    if len(best) > TITLE_LIMIT:
        best = best[:TITLE_LIMIT] + "…"
    best = best.strip(" ,，:：")
    if best.count("“") != best.count("”"):
        best = best.replace("“", "").replace("”", "")  # half a quotation ("“没看到停电公告") reads as a fragment
    return best or "未命名案例"


# A heading that only sets the scene (when, where, who) says nothing of what went wrong.
_SCENE = re.compile(r"^(?:发生)?在|[时中里内上前后]$|期间$|之际$|先生$|女士$|小姐$|老人$|客户$|顾客$|业主$|一家$|一天$")


# Page chrome that lands above a story: a welcome line, a generated-content notice.
_CHROME = re.compile(r"^(?:欢迎光临|欢迎访问)|人机协同|AI\s*生成|^(?:扫码|长按|点击查看|点击阅读)"
                     r"|^(?:当前信息|详情|全文)$")  # (新闻详情, 正文 …: page furniture, dropped before)


def _says_nothing(heading: str) -> bool:
    """A heading too short to name a case and naming no problem ("亲", "新闻", "上海", "购房人", "小区名称"),
    a section's label ("处理结果"), or page chrome ("欢迎光临…网站", "AI人机协同生成")."""
    chars = len(re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", heading))
    short = (chars <= 3 and not (_PROBLEM.search(heading) or _TOPIC.search(heading))
             and not (_SCENE.search(heading) or _particular(heading)))  # (王女士 is a scene: the problem follows it)
    field = chars <= 6 and re.search(r"(?:名称|名字|地址|电话|日期|编号|单号)$", heading) is not None  # a form's field
    return short or field or (chars <= 6 and bool(label_roles(heading))) or bool(_CHROME.search(heading))


def _paragraph(heading: str) -> bool:
    """A paragraph styled or set as a heading (a Word lead paragraph in a heading style): sentences, not a title."""
    return len(heading) > 2 * TITLE_LIMIT or re.search(r"。\s*\S", heading) is not None  # (not "…多?法院判决…!")


def case_title(heading: str, facts: str) -> str:
    """A case's title: its own heading, unless it only sets the scene ("发生在中午时", "王女士"): then the
    problem from the facts follows it; a generic one ("客户投诉") gives way to the facts."""
    own = clean_heading(heading)
    if not own or is_generic_heading(own) or _says_nothing(own) or _paragraph(own) or _WHO_ONLY.match(own):
        return title_from_facts(facts)
    scene = bool(_SCENE.search(own)) or _particular(own)
    if not scene or _PROBLEM.search(own) or _TOPIC.search(own) or len(own) >= 10:
        return own
    from_facts = title_from_facts(facts)
    return from_facts if from_facts.startswith(own) else f"{own}：{from_facts}"
