"""Tell the story of one incident from normative text and find where a new story starts (the handling
actions a story tells are read in handling.py).

A case is the story of one incident: a particular customer, a time, what happened, what was done.
A guideline states rules (应, 必须, 不得, 时限, 分级 …). Both are scored from wording cues that hold
in any industry.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Common surnames: "王某", "张先生" name a particular person; "对某", "于某" do not.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤饶闵岳欧柳鲁葛"
    "项庞樊兰殷施洪翟颜倪牛温季俞章伍申尤毕聂焦柴祝甘霍卞邢阮符舒岑冉蓝詹裴芦匡邬蔺米庄喻翁卜滕蒲骆谷穆左柏晏凌萧瞿麦粟乔苗耿"
    "全盛梅景包鲍齐辛童荣尚柯房费车祁郎傅卫康纪赖卓阎谌"
)
_SUR = f"[{SURNAMES}]"
# Before 先生/女士/小姐 any character is a surname (糜小姐, 晁先生: rarer ones than the list), except the words
# that describe rather than name (这位女士, 的先生, 老先生, 各位女士).
_TITLED = r"(?![的位名个该这那此各众诸其两几们男老一在给对让被把跟替为请叫时])[\u4e00-\u9fff]"
_HONORIFIC = rf"{_TITLED}(?:先生|女士|小姐)"
# Surnames that are also prepositions after a role word (业主向记者…, 客户于…) do not start a full name.
_NAME_SUR = "[" + "".join(c for c in SURNAMES if c not in "向于和万从应") + "]"

# A customer described in a few words: 一位美国客人, 一名年轻的顾客.
_DESCRIBED = r"|(?:一位|一名|有位|某位)[\u4e00-\u9fff]{1,3}?的?(?:客人|顾客|客户|旅客|乘客|患者|业主|消费者|用户|车主|游客)"

_PERSON = (
    rf"(?:{_SUR}某(?![种些个一件次处地天日年时方])(?:某)?[甲乙丙丁]?|{_HONORIFIC}|{_SUR}(?:师傅|阿姨|大爷|大妈|同学|老伯|大叔|大姐|阿婆|婆婆)"
    # anyone the writer gave a pseudonym: "用户小洋(化名)", "李某某(化名)"
    r"|[\u4e00-\u9fff]{2,3}(?=[(（]化名[)）])"
    rf"|[小老]{_SUR}(?![区时量])"
    # People described, not named: 一男一女, 一对老夫妻, 一位操着山东口音的大汉, 一业主, 多名群众.
    r"|一(?:业主|客户|顾客|客人|乘客|旅客|消费者|居民|住户|患者|市民|村民|男子|女子|车主|游客|老人|储户|学员|家长|网友|用户)"
    r"|(?:多名|多位|数名|部分|几名|几位|\d+名|\d+位|几十名|数十名)(?:群众|居民|业主|住户|村民|消费者|乘客|旅客|家长|学员|会员|用户|客户|车主|游客|网友)"
    # the households of one building complaining together: "18号楼百余户居民联名致电"
    r"|(?:[\d一二两三四五六七八九十百]+余?|数百|数十|几十|上百|近百|多)户(?:居民|业主|住户|村民|人家)"
    # a hotline record: "群众反映,其孩子在…上学", "反映人称…"
    r"|(?:群众|市民|居民|业主|网友|村民)反映[:：,，]|反映人(?:称|说|表示|所说)|来电人|来信人"
    # the parties of one complaint speaking: "投诉人表示…", "被投诉方认为页面宣传并无问题"
    r"|(?:被)?(?:投诉|申诉)(?:人|方)(?:表示|称|说|认为|坚持|拒绝)"
    r"|(?:收到|接到)(?:一名|一位)?(?:市民|消费者|群众|业主|用户|顾客|居民)(?:的)?(?:投诉|反映|举报|来电)"
    r"|一男一女|一对(?:老)?(?:夫妇|夫妻|母女|父子|母子|情侣)|(?:一位|一名|有位)[^，,。]{0,12}?的(?:大汉|男子|女子|老人|妇女|小伙|姑娘)"
    r"|(?:一位|一名|有位|某位|某)(?:客户|顾客|业主|消费者|客人|旅客|乘客|患者|用户|车主|市民|居民|游客|储户|会员|男子|女子|投诉人|申诉人|住户|租户|家长|学员|病人|家属|投保人|被保险人|网友)"
    + _DESCRIBED +
    r"|(?:一位|一名|有位|某位)(?:老)?(?:大爷|大妈|阿姨|老人|老太太|女士|男士|先生|小伙|姑娘|家长|市民)"
    # A full name telling the reporter (杨茂海回忆说, 李某某表示).
    rf"|{_NAME_SUR}[\u4e00-\u9fff]{{1,2}}(?=(?:回忆|质疑|情绪激动地|气愤地|无奈地)?(?:说|称|表示|介绍|告诉|反映|认为))"
    # Someone by age or kin: "82岁的退休教师邵丽渊", "62岁的刘佳父亲", "68岁男性患者".
    rf"|\d{{1,3}}岁的?[\u4e00-\u9fff]{{0,8}}?(?:老人|男子|女子|男性|女性|患者|老太|大爷|大妈|教师|儿童|孩子|父亲|母亲|爹爹|婆婆|爷爷|奶奶"
    rf"|{_NAME_SUR}[\u4e00-\u9fff]{{1,2}}(?=[，,。为在于向的]))"
    rf"|{_NAME_SUR}[\u4e00-\u9fff]{{1,2}}的?(?:父亲|母亲|爷爷|奶奶|丈夫|妻子|儿子|女儿)"
    r"|[A-Z](?=驾车|在|于|突发|向|认为|投诉|称)"
    # the parties of a court case by letter: "A公司名下车辆与B公司名下车辆发生交通事故"
    r"|[A-Z](?:公司|企业|商家|店)(?=名下|与|将|认为|诉|向|称|就)"
    r"|有(?:客人|客户|顾客|业主|旅客|乘客|患者|用户|消费者)"
    # a group ("一群高中生到…吃饭"), Taiwan's 民众 ("投诉民众指出"), Hong Kong's 袁女 / 陈男 ("袁女向美容店投诉")
    r"|一群[\u4e00-\u9fff]{0,4}?(?:学生|高中生|大学生|客人|顾客|游客|业主|居民|家长|年轻人|老人|消费者|乘客|旅客|网友)"
    r"|(?:投诉|受害|当事)民众|民众(?=指出|表示|反映|投诉|称|说|质疑|抱怨|向)"
    rf"|{_NAME_SUR}[女男](?=向|不满|表示|称|说|指|投诉|称|于|在|后来|事后|再|又|花|被|与|和|把)"
    r"|(?:客人|客户|顾客|业主|消费者|旅客|乘客|患者|用户|车主|游客|投诉人|申诉人|住户|家长|家属|病人)"
    r"(?:据此|随即|随后|于是|便|遂)?(?:反映|发现|声称|称|要求|来电|到店|入住|在[A-Z某一]|于\d|购买|办理|乘坐|预订|报名)"
    r"|一(?:名|位)?(?:护士|医生|员工|店员|服务员|快递员|司机|保安|导游|乘务员)|我家|我们家|本人(?=在|于|购|去|到)"
    r"|网友(?:[“\"「]|(?=在|于|发帖|留言|称|投诉|反映))|(?:收到|接到)(?:您|你)(?:的)?(?:反映|诉求|留言|来信|来电|投诉)"
    r"|(?:针对|对于|关于)(?:您|你)(?:所)?(?:反映|提出|咨询|投诉)的"  # a reply to one complainant
    # a petition to an office and its signature ("特恳请贵中心督促…", "网友:西湖一号")
    r"|恳请贵|请贵(?:中心|局|部门|单位|公司|委)|(?:^|(?<=\n))(?:网友[:：]|(?:网友|市民|尊敬的[\u4e00-\u9fff]{1,4})?您好[:：!！,，])"
    # a letter to an official from people who say who they are ("尊敬的区长: 我们是…环卫公寓的业主")
    r"|(?:^|(?<=\n))尊敬的[\u4e00-\u9fff]{1,6}[:：]|我们是[^，,。]{0,20}(?:业主|住户|居民|客户|消费者|家长|职工|村民|用户)"
    # A consumer council's round-up: "其中有个案的买家,…", "亦有投诉表示,…", "另一个案中,…".
    r"|个案(?:中)?的?(?:买家|消费者|投诉人|顾客|客户|市民|事主)|(?:亦有|另有|还有)投诉(?:人)?(?:表示|指|称|反映)|另一个案"
    # A full name after a role word: "居民李学方与唐桂莲…", "当事人王建国称…".
    rf"|(?:居民|市民|村民|业主|顾客|消费者|客户|旅客|乘客|患者|家长|当事人|申请人|投诉人){_NAME_SUR}[\u4e00-\u9fff]{{1,2}}"
    r"(?=与|和|向|在|于|称|说|反映|投诉|表示|因|发现|[，,、。(（])"
    r"|一(?:名|位)[^，,。]{0,10}?(?:商家|商户|店主|客户|顾客|业主|居民|市民|车主|乘客|旅客|患者|用户|男子|女子))"
)
# A particular person, not "the customer" in general: 一位客人, 张先生, 王某, 某业主, 我家.
_SPECIFIC = re.compile(
    rf"{_SUR}某(?![种些个一件次处地天日年时方])(?:某)?[甲乙丙丁]?|{_HONORIFIC}|{_SUR}(?:师傅|阿姨|大爷|大妈|老伯|大叔|大姐|阿婆|婆婆)"
    r"|(?:一位|一名|有位|某位|某)(?:客户|顾客|业主|消费者|客人|旅客|乘客|患者|用户|车主|市民|居民|游客|储户|会员|男子|女子|投诉人|申诉人|住户|租户|家长|学员|病人|家属|投保人|被保险人)"
    + _DESCRIBED +
    r"|我家|我们家"
)
# A first-person account: "我去工商银行…取款", "我是…小区业主", "…我联系物业" (not 我行, 我司, 我局). It makes a
# text a story, but is no protagonist: "我" is as often someone quoted ("我在培训‘表演客人’呢").
_FIRST_PERSON = re.compile(
    r"(?<![自本])我(?=去|到|在|于|刚|买|购买|办理|办了|报名|入住|乘坐|发现|联系|打电话|家|的车"
    r"|是[^。，,]{0,20}(?:业主|用户|客户|车主|会员|消费者|住户))"
)


_STORY_CUES = re.compile(
    _PERSON
    + r"|\d{4}\s*年\s*\d{1,2}\s*月|\d{1,2}\s*月\s*\d{1,2}\s*日|某日|某天|有一天|当天|次日|当晚|昨日|昨天|前天|去年|随后|后来|原来|于是|近日|日前"
    r"|事发|当即|"
    r"发现|投诉称|声称|反映|购买|入住|办理|拒绝|协商|调解|经核查|经调查|经查|得知|要求(?:退|赔|换|道歉)|"
    r"(?<![\d.])[\d.]+\s*万?元"  # from the first digit of a number only (linear on long digit runs)
)
_NORM_CUES = re.compile(
    r"应当|必须|须|不得|严禁|禁止|负责|规定|制度|程序|流程|原则|职责|时限|工作日|小时内|分为|等级|分级|确保|"
    r"(?<![回反相响适供答感效])应(?![用对急聘该是])|要(?=做|及时|认真)|各部门|受理|第[一二三四五六七八九十\d]+条"
)
# A paragraph that opens a new story: a newly named person, or "另一案例中".
_NEW_STORY = re.compile(
    r"^(?:另一(?:案例|起|个案例)中?[，,]?|还有一(?:位|名|起)|此外[，,]|又如[，,]?|再如[，,]?"
    r"|(?:跟|和|与|同)[^，,。]{2,8}一样[，,])?"
    # "来自北京的刘女士表示", "家住城东的王先生说": where the person is from comes first.
    # ("广东深圳的王女士在当地…", "陕西工作的安女士": where they live; not "公司的李先生", the company's side)
    r"(?:(?:来自|家住|住在)[\u4e00-\u9fff]{2,8}?的|(?P<where>(?:(?!公司|商家|机构|物业|平台|部门|店|馆|院|行|局|所|厂|处)[\u4e00-\u9fff]){2,6}?的))?"
    r"(?:(?:市民|消费者|客户|顾客|业主|旅客|乘客|患者|用户|车主|居民|游客|深圳|北京|太原)?"
    rf"(?P<name>{_HONORIFIC}|{_SUR}某某?)|(?P<some>某(?:客户|顾客|消费者|业主|用户|旅客|乘客|患者))"
    # someone the writer knows, by a nickname: "朋友小朱买房后…", "邻居老王…"
    rf"|(?:朋友|同事|邻居|亲戚|同学|老乡|[\u4e00-\u9fff]{{0,4}}?(?:网友|市民|消费者|客户|顾客|业主|车主|居民))(?P<nick>[小老]{_SUR}(?![区时量]))"
    # someone in full, by who they are, telling the reporter: "北京市民胡贵兵告诉记者"
    rf"|[\u4e00-\u9fff]{{0,4}}?(?:市民|消费者|车主|业主|居民|家长|网友|乘客|旅客|游客|患者)(?P<full>{_SUR}[\u4e00-\u9fff]{{1,2}})"
    r"(?=告诉|对记者|向记者|表示|说|反映|称|投诉))"
)
_OTHER_STORY = re.compile(
    r"^(?:(?:同样|此外|另外|而)[，,]?|(?:不仅(?:仅)?是|不只是|不止是|除了)[^。！？，,]{1,12}[，,]\s*)?(?:在?另(?:外)?一(?:案例|起|个案例|个案|位|名|个案件|起案件|案件)中?|[还另]有一(?:位|名|起|个)|又如|再如|无独有偶"
    r"|另一(?:居民|业主|网友|用户|客户|消费者|乘客|旅客|顾客|家长|车主|住户)"
    # one of the complainants a round-up counted: "其中一位消费者小陈因为…"
    r"|其中(?:一位|一名|有位|有一位)(?:消费者|业主|客户|顾客|车主|乘客|旅客|患者|家长|学员|会员|用户|市民|居民|储户)"
    r"|(?:亦有|另有|还有)投诉(?:人)?(?:表示|指|称|反映)"
    r"|(?:还|另)有(?:车主|客户|顾客|消费者|业主|用户|乘客|旅客|患者|家长|网友|市民|居民|储户)(?:在|表示|反映|称|说|投诉|遇到|遭遇))"
)
# A bullet's run-in heading before its text: "· 高价与体验不匹配:另有消费者在…" (the text says whose story it is).
BULLET_HEAD = re.compile(r"^[·•\-*]\s*[^:：。，,]{2,16}[:：]\s*")
# A sentence that likens what follows to the story before: "类似地,", "与此类似,".
_SIMILARLY = re.compile(r"(?:类似地|同样地|与此类似|类似的是|无独有偶|同样)[，,]\s*")
_ANOTHER_TIME = re.compile(r"^[^。！？!?]{0,30}?(?:记得有一次|还有一次|有一次)")


# A sentence that links a story to the one before it: "这不是偶然事件。", "老刘的遭遇并非个案。" (titles skip it).
NOT_ISOLATED = r"这不是(?:偶然|个别|孤立)[^。！？]{0,8}"
NOT_UNIQUE = r"[^。，,！？]{0,10}的(?:遭遇|经历|情况)并非(?:个[例案]|孤例|偶然)[^。！？]{0,10}"
_NOT_ALONE = re.compile(
    rf"^(?:{NOT_ISOLATED}|(?:类似|这样)的?(?:事|遭遇|事件|情况|问题)[^。！？:：，,]{{0,10}}|{NOT_UNIQUE}|相比之下"
    r"|[^。！？，,]{0,10}(?:并不罕见|并非罕见|屡见不鲜|时有发生|并不少见|不在少数|绝非个例)"
    r"|(?:不只|不止|除了)[^。！？，,]{0,16}[，,](?:还有|更有)[^。！？]{0,20})[。！？，,:：]?\s*"
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
    r"说到底|归根结底|试想|显然|无疑|应当|应该|必须|提醒|切记|谨防|警惕|一定要|千万|务必|(?:消费者|商家|企业|经营者)(?:要|应|需|更应)"
)


def is_editorial(paragraph: str) -> bool:
    """A paragraph that judges the story rather than telling it (two opinion cues, fewer story cues, nobody named)."""
    text = paragraph.strip()
    if len(text) < 30 or re.search(_PERSON, text):
        return False
    return len(_OPINION.findall(text)) >= 2 and len(_OPINION.findall(text)) > len(_STORY_CUES.findall(text))


def story_score(text: str) -> float:
    """Incident cues per 100 characters minus normative cues per 100 characters."""
    n = max(len(text), 1) / 100
    return (len(_STORY_CUES.findall(text)) - len(_NORM_CUES.findall(text))) / n


# A paragraph that says it tells a case: "有这么一个案例,…一家物流公司…", "举个例子,…".
_ANNOUNCED = re.compile(r"^\s*(?:曾经|曾)?(?:有|举)(?:这么|这样)?一?(?:个|起)(?:真实的?)?(?:案例|例子|事例)[,，:：]")


def is_story(text: str, strict: bool = False, person: bool = True) -> bool:
    """True when `text` tells of one incident (a named or specific customer, events) more than it states rules.

    `strict` (inside a rules document or a guide): only a particular person (一位客人, 张先生) makes a story.
    `person=False`: the text is known to be a case (its heading says so); events told are enough.
    """
    if len(re.sub(r"\W", "", text)) < 30:
        return False
    if _ANNOUNCED.match(text):
        return True  # the writer says it is a case, whatever clauses of the contract it quotes
    if not person:
        return story_score(text) > 0.0
    if strict:
        # (a full name a story introduces, 居民范若(化名), 业主李学方, is as particular as 张先生)
        particular = _SPECIFIC.search(text) is not None or _FULL_NAME.search(text) is not None
        return particular and story_score(text) > 0.0
    dated = len(re.findall(r"\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}\s*年\s*\d{1,2}\s*月|某日|当天|次日|当晚", text))
    if not re.search(_PERSON, text) and dated < 2:
        # a first-person account counts its narrator's deeds as story cues
        first = len(_FIRST_PERSON.findall(re.sub(r"“[^”]*”|「[^」]*」|\"[^\"]*\"", "", text)))  # not quoted speech
        return first > 0 and story_score(text) + first / (max(len(text), 1) / 100) > 0.0
    return story_score(text) > 0.0


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
                and not dated and not lead and not _LIKEWISE.match(text)):
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
    if dated and len(story_so_far) > 80 and names_someone_new(text[:40], story_so_far):
        return True  # "2017年12月,D女士和B女士到市消协投诉:" after 张先生's story
    m = _NEW_STORY.match(text)
    who = _who(m)
    if who is None or who.startswith("某"):
        return bool(who) and bool(re.search(_PERSON, story_so_far)) and len(story_so_far) > 80
    if m.group("full") and re.search(re.escape(who[0]) + "(?:先生|女士|小姐|某)", story_so_far):
        return False  # "家长吴小平说" after 吴小姐's story: the same person in full
    if m.group("where") and any(person in text for person in people_named(story_so_far)):
        return False  # "瑜伽馆的李先生表示,…为安女士延长…": someone answering the story's protagonist
    named = re.findall(rf"{_HONORIFIC}|{_SUR}某|[小老]{_SUR}(?![区时量])", story_so_far) or _NAMED.findall(story_so_far)
    return bool(named) and who not in story_so_far and len(story_so_far) > 20


# Someone else to whom the like happened: "李玲的爷爷也遇到了类似的问题", "肖玉的母亲同样遭遇了高额话费问题".
_LIKEWISE = re.compile(r"^(?P<who>[^，,。！？:：]{2,10}?)(?:(?:也|亦)(?:遇到|遭遇|碰到|经历)了?(?:类似|同样|相同|相似)"
                       r"|同样(?:遇到|遭遇|碰到|经历)了?)")
# A person named in a story: 吴女士, 郝先生, 王某某, D女士.
_NAMED = re.compile(rf"{_HONORIFIC}|{_SUR}(?:老伯|大叔|阿婆|某某?)|(?<![A-Za-z])[A-Z](?:先生|女士|小姐)"
                    rf"|(?<![\u4e00-\u9fff]){_SUR}[\u4e00-\u9fff]{{1,2}}(?=[(（]化名[)）])|(?<=[,，。的])[\u4e00-\u9fff]{{2,3}}(?=[(（]化名[)）])")
# A paragraph that opens with when it happened ("2017年12月,…", "8月3日,…").
_DATED_OPENING = re.compile(
    r"^(?:\d{4}\s*年\s*)?\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*[,，]"
    # a news lead: "近日,深圳市民李小姐…", "据当事人杨女士讲述…", "鞭牛士 4月25日消息,…"
    r"|^(?:近日|日前|近期|前不久|昨日|昨天)[,，]|^据(?:当事人|消费者|市民|网友|业主|家属|患者)|^[^，,。]{0,10}\d{1,2}月\d{1,2}日(?:消息|讯|电)[,，]"
)


# A full name introduced by a role word or marked as a pseudonym: "市民江霞(化名)", "业主李学方".
_FULL_NAME = re.compile(
    rf"(?:居民|市民|村民|业主|顾客|消费者|客户|旅客|乘客|患者|家长|当事人|申请人|投诉人|学员|车主)({_NAME_SUR}[\u4e00-\u9fff]{{1,2}})"
    r"(?=[(（]化名|与|和|向|在|于|称|说|反映|投诉|表示|因|发现|[，,、。(（])"
    rf"|({_NAME_SUR}[\u4e00-\u9fff]{{1,2}})[(（]化名[)）]"
)


# Someone described, not named: "上海一位女士" is "女士" for the rest of the story.
_DESCRIBED_PERSON = re.compile(
    r"(?:一位|一名|有位|某位)[\u4e00-\u9fff]{0,4}?(女士|先生|男士|老人|老伯|大爷|阿姨)"
)


def people_named(text: str) -> set[str]:
    """The particular people a story names: 吴女士, 王某某, full names it introduces (市民江霞 → 江霞) and
    people it describes (一位女士 → 女士)."""
    found = set(_NAMED.findall(text)) | set(_DESCRIBED_PERSON.findall(text))
    for m in _FULL_NAME.finditer(text):
        found.add(m.group(1) or m.group(2))
    return found


# Someone of the company's side: "驾校负责人罗先生", "店长王某" answers the complaint, is no new complainant.
_STAFF_NAME = re.compile(
    rf"(?:负责人|经理|店长|老板|工作人员|客服|主管|院长|校长|站长|主任|律师)(?:的)?({_HONORIFIC}|{_SUR}某某?)"
)


def staff_named(text: str) -> set[str]:
    """The people of the company's side a text names (负责人罗先生 → 罗先生)."""
    return set(_STAFF_NAME.findall(text))


def names_anyone(text: str) -> bool:
    """True when `text` names a particular person (吴女士, 王某某)."""
    return _NAMED.search(text) is not None


def names_someone_new(paragraph: str, story_so_far: str) -> bool:
    """True when the opening of `paragraph` names a person (吴女士, 郝先生, 王某) that the story so far, which
    names someone already, does not: under a subheading, that is another incident ("10月13日,…家长吴女士…")."""
    names = re.findall(_NAMED, paragraph[:80])
    told = re.findall(_NAMED, story_so_far)
    return bool(names) and bool(told) and not any(n in story_so_far for n in names)


def _someone_new(text: str, story_so_far: str) -> bool:
    """The opening of `text` (after "类似遭遇并非个例:") tells of a person, named or described (一乘客, 市民盛忠奎),
    whom the story so far does not mention."""
    m = re.search(_PERSON, text[:60])
    return m is not None and m.group(0) not in story_so_far


# A sentence inside a paragraph that opens another incident: when it happened, then someone new
# ("…拒绝退换车辆。更早的2019年,温州林先生花费116万元…").
_DATED_SENTENCE = re.compile(
    r"(?:更早(?:的|些|时候)?|早在|此前|而在|另外|此外)?[，,]?\s*(?:\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?|去年\d{1,2}\s*月)"
    r"(?:[^。！？，,]{0,4})?[，,]"
)
_SENTENCE_OPEN = re.compile(r"(?<=[。！？!?])")
# Training material: a case, its numbered questions ("1.…应不应该承担赔偿责任?"), their answers, the next case.
_QUESTIONS_ANSWERED = re.compile(r"[1１][.．、][^。？?]{4,60}[?？][^。]*?[1１][.．、]")
_NEXT_TRAINING_CASE = re.compile(r"某(?:小区|物业|公司|酒店|银行|业主|客户|日|天|商场|超市|医院|学校|开发商|单位|餐厅)")


def story_cuts(paragraph: str, story_so_far: str) -> list[int]:
    """Offsets inside `paragraph` where a sentence opens another incident: it says so (另一位车主, 又如), or it
    opens with a date and names a person whom neither the story so far nor the paragraph before mentions."""
    cuts = []
    for m in _SENTENCE_OPEN.finditer(paragraph):
        pos = m.end()
        while pos < len(paragraph) and paragraph[pos] in " \t\u3000":
            pos += 1
        if pos - (cuts[-1] if cuts else 0) < 40 or len(paragraph) - pos < 30:
            continue
        rest = paragraph[pos:]
        if _OTHER_STORY.match(rest):  # "同样,另一位宝马车主…" says so itself
            cuts.append(pos)
            continue
        if _NEXT_TRAINING_CASE.match(rest) and _QUESTIONS_ANSWERED.search(paragraph, cuts[-1] if cuts else 0, pos):
            cuts.append(pos)  # a training case after the questions and answers of the one before ("…?1.由于…。某物业公司…")
            continue
        opening = _DATED_SENTENCE.match(rest) or _SIMILARLY.match(rest)  # "类似地,卢女士家…"
        if opening is None:
            continue
        names = re.findall(_NAMED, rest[: opening.end() + 30])
        before = story_so_far + paragraph[:pos]
        if names and not any(n in before for n in names):
            cuts.append(pos)
    return cuts
