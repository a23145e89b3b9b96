"""Who a story is about: particular people (张先生, 王某, 一位老人, 市民江霞), first-person narrators, the people a
story names and the company's side (负责人罗先生). Wording cues that hold in any industry; stories.py uses them to
tell a story from rules and to find where a new one starts."""

from __future__ import annotations

import re

# Common surnames: "王某", "张先生" name a particular person; "对某", "于某" do not.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤饶闵岳欧柳鲁葛"
    "项庞樊兰殷施洪翟颜倪牛温季俞章伍申尤毕聂焦柴祝甘霍卞邢阮符舒岑冉蓝詹裴芦匡邬蔺米庄喻翁卜滕蒲骆谷穆左柏晏凌萧瞿麦粟乔苗耿"
    "全盛梅景包鲍齐辛童荣尚柯房费车祁郎傅卫康纪赖卓阎谌"
)
SUR = f"[{SURNAMES}]"
# Before 先生/女士/小姐 any character is a surname (糜小姐, 晁先生: rarer ones than the list), except the words
# that describe rather than name (这位女士, 的先生, 老先生, 各位女士).
TITLED = r"(?![的位名个该这那此各众诸其两几们男老一在给对让被把跟替为请叫时])[\u4e00-\u9fff]"
# (or a letter, as anonymised names are written: Q女士, L小姐)
HONORIFIC = rf"(?:(?<![A-Za-z])[A-Z]|{TITLED})(?:先生|女士|小姐)"
# Surnames that are also prepositions after a role word (业主向记者…, 客户于…) do not start a full name.
NAME_SUR = "[" + "".join(c for c in SURNAMES if c not in "向于和万从应") + "]"

# A customer described in a few words: 一位美国客人, 一名年轻的顾客.
DESCRIBED = (r"|(?:一位|一名|有位|某位)[\u4e00-\u9fff]{1,3}?的?(?:客人|顾客|客户|旅客|乘客|患者|业主|消费者|用户|车主|游客|网友|住户"
             r"|居民|家长|学员|会员)")

PERSON = (
    rf"(?:{SUR}某(?![种些个一件次处地天日年时方])(?:某)?[甲乙丙丁]?|{HONORIFIC}|{SUR}(?:师傅|阿姨|大爷|大妈|同学|老伯|大叔|大姐|阿婆|婆婆)"
    # anyone the writer gave a pseudonym: "用户小洋(化名)", "李某某(化名)"
    r"|[\u4e00-\u9fff]{2,3}(?=[(（]化名[)）])"
    rf"|[小老]{SUR}(?![区时量])"
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
    # one complaint received: "某基金公司接到深圳证监局转交的一起客户投诉"; Hong Kong's 事主 ("当事主搬回住所")
    r"|(?:收到|接到|受理)[^。，,；;]{0,12}?一(?:起|宗|件|单)[\u4e00-\u9fff]{0,4}?(?:投诉|纠纷|举报)"
    r"|(?:当)?事主(?=搬|发现|向|表示|称|于|在|聘|不满|投诉|要求|花|购买|入住|付)"
    # a council's case told by its complainant ("有投诉人一家4口于航空公司购买…"), a forum's original poster ("原PO怒气冲冲地指控")
    r"|有投诉人|投诉人(?=一家|于|在[^。，,]{0,10}(?:购买|办理|入住|报名))|原PO(?=[\u4e00-\u9fff])"
    r"|一男一女|一对(?:老)?(?:夫妇|夫妻|母女|父子|母子|情侣)|(?:一位|一名|有位)[^，,。]{0,12}?的(?:大汉|男子|女子|老人|妇女|小伙|姑娘)"
    r"|(?:一位|一名|有位|某位|某)(?:客户|顾客|业主|消费者|客人|旅客|乘客|患者|用户|车主|市民|居民|游客|储户|会员|男子|女子|投诉人|申诉人|住户|租户|家长|学员|病人|家属|投保人|被保险人|网友"
    r"|(?:宠物|狗狗?|猫咪?)?主人|宠主)"
    + DESCRIBED +
    r"|(?:一位|一名|有位|某位)(?:老)?(?:大爷|大妈|阿姨|老人|老太太|女士|男士|先生|小伙|姑娘|家长|市民|新娘|新郎|孕妇|宝妈"
    r"|女孩|男孩|大学生|学生|母亲|父亲)"
    # someone the story names by surname only: "新娘姓廖,…", "一位姓王的顾客"
    rf"|(?<!百)姓{SUR}(?=[，,。、]|的)"
    # A full name telling the reporter (杨茂海回忆说, 李某某表示).
    rf"|{NAME_SUR}[\u4e00-\u9fff]{{1,2}}(?=(?:回忆|质疑|情绪激动地|气愤地|无奈地)?(?:说|称|表示|介绍|告诉|反映|认为))"
    # Someone by age or kin: "82岁的退休教师邵丽渊", "62岁的刘佳父亲", "68岁男性患者".
    rf"|\d{{1,3}}岁的?[\u4e00-\u9fff]{{0,8}}?(?:老人|男子|女子|男性|女性|患者|老太|大爷|大妈|教师|儿童|孩子|父亲|母亲|爹爹|婆婆|爷爷|奶奶"
    rf"|{NAME_SUR}[\u4e00-\u9fff]{{1,2}}(?=[，,。为在于向的]))"
    rf"|{NAME_SUR}[\u4e00-\u9fff]{{1,2}}的?(?:父亲|母亲|爷爷|奶奶|丈夫|妻子|儿子|女儿)"
    r"|[A-Z](?=驾车|在|于|突发|向|认为|投诉|称)"
    # the parties of a court case by letter: "A公司名下车辆与B公司名下车辆发生交通事故"
    r"|[A-Z](?:公司|企业|商家|店)(?=名下|与|将|认为|诉|向|称|就)"
    r"|有(?:客人|客户|顾客|业主|旅客|乘客|患者|用户|消费者)"
    # a group ("一群高中生到…吃饭"), Taiwan's 民众 ("投诉民众指出"), Hong Kong's 袁女 / 陈男 ("袁女向美容店投诉")
    r"|一群[\u4e00-\u9fff]{0,4}?(?:学生|高中生|大学生|客人|顾客|游客|业主|居民|家长|年轻人|老人|消费者|乘客|旅客|网友)"
    r"|(?:投诉|受害|当事)民众|民众(?=指出|表示|反映|投诉|称|说|质疑|抱怨|向)"
    rf"|{NAME_SUR}[女男](?=向|不满|表示|称|说|指|投诉|称|于|在|后来|事后|再|又|花|被|与|和|把)"
    r"|(?:客人|客户|顾客|业主|消费者|旅客|乘客|患者|用户|车主|游客|投诉人|申诉人|住户|家长|家属|病人)"
    r"(?:据此|随即|随后|于是|便|遂)?(?:反映|发现|声称|称|要求|来电|到店|入住|在[A-Z某一]|于\d|购买|办理|乘坐|预订|报名"
    r"|陪同|选择了?(?:打|拨打|向|报警))"
    # whoever broke the story to the paper ("根据爆料者称:不止他们一家被扣押金")
    r"|爆料(?:者|人)(?:称|说|表示|介绍)"
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
    rf"|(?:居民|市民|村民|业主|顾客|消费者|客户|旅客|乘客|患者|家长|当事人|申请人|投诉人){NAME_SUR}[\u4e00-\u9fff]{{1,2}}"
    r"(?=与|和|向|在|于|称|说|反映|投诉|表示|因|发现|[，,、。(（])"
    r"|一(?:名|位)[^，,。]{0,10}?(?:商家|商户|店主|客户|顾客|业主|居民|市民|车主|乘客|旅客|患者|用户|男子|女子))"
)
# A particular person, not "the customer" in general: 一位客人, 张先生, 王某, 某业主, 我家.
SPECIFIC = re.compile(
    rf"{SUR}某(?![种些个一件次处地天日年时方])(?:某)?[甲乙丙丁]?|{HONORIFIC}|{SUR}(?:师傅|阿姨|大爷|大妈|老伯|大叔|大姐|阿婆|婆婆)"
    r"|(?:一位|一名|有位|某位|某)(?:客户|顾客|业主|消费者|客人|旅客|乘客|患者|用户|车主|市民|居民|游客|储户|会员|男子|女子|投诉人|申诉人|住户|租户|家长|学员|病人|家属|投保人|被保险人)"
    + DESCRIBED +
    r"|我家|我们家"
)
# A first-person account: "我去工商银行…取款", "我是…小区业主", "…我联系物业" (not 我行, 我司, 我局). It makes a
# text a story, but is no protagonist: "我" is as often someone quoted ("我在培训‘表演客人’呢").
FIRST_PERSON = re.compile(
    r"(?<![自本])我(?=去|到|在|于|刚|买|购买|办理|办了|报名|入住|乘坐|发现|联系|打电话|家|的车"
    r"|是[^。，,]{0,20}(?:业主|用户|客户|车主|会员|消费者|住户))"
)


# A person named in a story: 吴女士, 郝先生, 王某某, D女士.
NAMED = re.compile(rf"{HONORIFIC}|{SUR}(?:老伯|大叔|阿婆|某某?)|(?<![A-Za-z])[A-Z](?:先生|女士|小姐)"
                    rf"|(?<![\u4e00-\u9fff]){SUR}[\u4e00-\u9fff]{{1,2}}(?=[(（]化名[)）])|(?<=[,，。的])[\u4e00-\u9fff]{{2,3}}(?=[(（]化名[)）])")


# A full name introduced by a role word or marked as a pseudonym: "市民江霞(化名)", "业主李学方".
FULL_NAME = re.compile(
    rf"(?:居民|市民|村民|业主|顾客|消费者|客户|旅客|乘客|患者|家长|当事人|申请人|投诉人|学员|车主)({NAME_SUR}[\u4e00-\u9fff]{{1,2}})"
    r"(?=[(（]化名|与|和|向|在|于|称|说|反映|投诉|表示|因|发现|[，,、。(（])"
    rf"|({NAME_SUR}[\u4e00-\u9fff]{{1,2}})[(（]化名[)）]"
)


# Someone described, not named: "上海一位女士" is "女士" for the rest of the story.
DESCRIBED_PERSON = re.compile(
    r"(?:一位|一名|有位|某位)[\u4e00-\u9fff]{0,4}?(女士|先生|男士|老人|老伯|大爷|阿姨)"
)


def people_named(text: str) -> set[str]:
    """The particular people a story names: 吴女士, 王某某, full names it introduces (市民江霞 → 江霞) and
    people it describes (一位女士 → 女士)."""
    found = set(NAMED.findall(text)) | set(DESCRIBED_PERSON.findall(text))
    for m in FULL_NAME.finditer(text):
        found.add(m.group(1) or m.group(2))
    return found


# Someone of the company's side: "驾校负责人罗先生", "店长王某" answers the complaint, is no new complainant.
_STAFF_NAME = re.compile(
    rf"(?:负责人|经理|店长|老板|工作人员|客服|主管|院长|校长|站长|主任|律师)(?:的)?({HONORIFIC}|{SUR}某某?)"
)


def staff_named(text: str) -> set[str]:
    """The people of the company's side a text names (负责人罗先生 → 罗先生)."""
    return set(_STAFF_NAME.findall(text))


def names_anyone(text: str) -> bool:
    """True when `text` names a particular person (吴女士, 王某某)."""
    return NAMED.search(text) is not None


# Words that introduce a person (市民王女士, 家住…的李先生, 另一位业主): a name after them is someone being
# introduced, not one the story goes on with.
_INTRODUCED = re.compile(r"(?:市民|居民|村民|消费者|客户|顾客|业主|车主|家长|网友|乘客|旅客|游客|患者|储户|用户|住户|会员|学员"
                         r"|投诉人|当事人|的|另一位|另一名|还有|也有)$")
_BACK_CHARS = 40
_ONE_NAMED = re.compile(rf"{SUR}[\u4e00-\u9fff]{{1,2}}|{SPECIFIC.pattern}")


def refers_back(head: str, named: set[str]) -> bool:
    """The opening of a paragraph goes on with a person the story named: the first person it mentions, within its
    first sentence, is one of `named`, by name alone ("余兵在河北省…", "2015年4月28日,…余兵来到…"), not introduced
    again ("市民余兵", "家住城东的王先生")."""
    at = min((head.find(p) for p in named if 0 <= head.find(p) < _BACK_CHARS), default=-1)
    if at < 0:
        return False
    before = head[:at]  # (nobody else first, no sentence ended, no introduction)
    return not (_INTRODUCED.search(before) or re.search(r"[。！？!?]", before) or _ONE_NAMED.search(before))
