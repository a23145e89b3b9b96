"""Which sentence of a document is a step for staff: an instruction or an action, whole, about the complaint.

The plan (`advice.py`) takes its steps from two kinds of text: the handling sections of precedents and the
clauses of the company's rules. Both hold much that is no step for the complaint at hand — the customer's
own duties, the story of another customer, how the company sets up its complaint desk, definitions, half a
sentence whose condition was cut off. The tests here say what a sentence is, from its wording.
"""

from __future__ import annotations

import re
from functools import lru_cache

from advisor.corpus.people import SURNAMES
from advisor.guidance.facts import QueryFacts
from advisor.text.items import split_items
from advisor.text.terms import GENERAL, industry_scores

ENUM = re.compile(r"^\s*(?:[(（]?[0-9一二三四五六七八九十]{1,3}[)）、.．:：]|[一二三四五六七八九十]是|[①-⑳⑴-⒇]"
                  r"|[A-Ha-h][、.．)）]|[-•·])\s*")
# A rule clause is a step when it tells staff what to do, from its first words on.
_IMPERATIVE = re.compile(
    r"^(?:应|应当|须|必须|要|需|及时|立即|第一时间|主动|认真|耐心|做好|确保|安抚|向客户|对客户|对于|首先|先|再|然后|由|"
    r"接到|受理|核实|记录|回访|跟进|上报|登记|通知|联系|解释|道歉|致歉|倾听|了解|调查|提出|给予|告知|尊重|理解|保持|尽快)"
)
ANALYSIS = re.compile(r"^(?:关于|分析|本案例|该案例|综上)|动机|表象|隐含需求|核心问题|问题在于"
                      r"|^[^，,。]{0,12}(?:争议|问题|纠纷)[。.]?$")  # "退款数额的争议。" names an issue, no action
# What the complainant must do (投诉人应提供身份证明, 投诉内容应具体) is a condition, not a step for staff.
CUSTOMER_DUTY = re.compile(
    r"(?:^|[:：\s.、，,])(?:投诉人|申诉人|消费者|客户|顾客|旅客|乘客|用户|业主|委托人)[^，,。]{0,8}(?:应|须|必须|需要|需)"
    r"|(?:应|须)(?:符合|具备)的?条件|(?:投诉|申诉)(?:内容|事项|材料|请求)应|(?:投诉|申诉)应当?由"
)
# Sections written for complainants (旅客须知, 投诉应符合的条件, 投诉渠道) tell staff nothing to do.
FOR_COMPLAINANTS = re.compile(r"投诉.{0,4}条件|须知|受理范围|不予受理|投诉渠道|如何投诉|投诉方式|投诉指南|维权途径|投诉途径|无效"
                              # how to complain to someone ("投诉供电局的基本流程详解·投诉前的准备工作")
                              r"|投诉前|(?:怎样|怎么)投诉|投诉(?!处理|受理)[\u4e00-\u9fff]{0,4}(?:局|公司|银行|商家|平台|物业|医院|运营商)的")
# A third party's procedure between two sides (a regulator's 投诉者 and 被投诉者, 旅游行政主管部门, an appeals centre's
# 申诉人 and 被申诉人): none of its clauses is a step for the company complained about.
THIRD_PARTY = re.compile(r"被投诉(?:者|方)|被申诉(?:人|者|方)|行政主管部门|申诉受理(?:机构|中心)")
# A step whose subject is the customer (张先生持续关注物流信息, 收件人主动联系客服) tells what the customer did.
CUSTOMER_SUBJECT = re.compile(
    r"^(?:[\u4e00-\u9fff](?:先生|女士|小姐)|(?:该|这位|一位|某)?(?:客户(?!经理|服务|部)|顾客|业主|消费者|用户|车主|旅客|乘客|患者"
    r"|收件人|寄件人|投保人|被保险人|持卡人|家属|住户|居民|游客|学员|房客|客人|宾客|住客|食客|买家))"
)
# Who acts for the company at the start of a clause ("王经理先给李女士一家赔礼道歉", "餐厅随即免单").
_STAFF_SUBJECT = re.compile(
    # (a post named by its place or its rank, 柜面经理, 大堂经理, 值班主管; not whom a customer went to, 向大堂经理…,
    # nor what is introduced, 以下是客服部…)
    r"^(?:(?![向找给对跟和与被让把请])(?:(?![是的])[\u4e00-\u9fff]){0,3}?(?:经理|店长|主管|领班|客服|工作人员|服务员|店员|柜员|前台|管家|值班长)"
    r"|(?:该|涉事|这家)?(?:店方|商家|餐厅|饭店|酒店|银行|支行|网点|物业公司|物业|公司|平台|院方|医院|4S店|维修站|快递公司|快递员"
    r"|营业厅|供电公司|供电所|自来水公司|燃气公司|旅行社|机构|商场|超市|门店|厂家|售后))"
)
_REFUSAL = re.compile(r"没有|未能|一直|拒绝|推诿|只能|无法|不予|不肯|不给|不同意|不承认|称系统|表示")
# A sentence of another customer's story (张先生…收到了包裹) is no step.
STORY_PERSON = re.compile(r"[\u4e00-\u9fffA-Z](?:先生|女士|小姐|阿姨|大爷)|(?:该|这位|一位|某)(?:客户|顾客|业主|用户|消费者)"
                          rf"|[老小][{SURNAMES}](?![区时量年人家])")  # "…退还了老刘的本金"
NOT_A_STEP = re.compile(r"[“”\"]|本案|原告|被告|法院|判决|第[一二三四五六七八九十百\d]+条|案例[一二三四五六七八九十\d]|\d+(?:\.\d+)*[款条](?![件])"
                        r"|^(?:派出所|公安|警察|民警|法官|消协|消费者协会|仲裁|监管|政府|街道|居委会|作为)"
                        # what someone told the reporter ("…客户服务总监郭先生表示,初步确定…") is no action
                        r"|^[^，,。]{0,24}(?:表示|称|说|介绍|告诉记者|坦言|透露)[,，:：]"
                        # what a regulator or a mediator did between the two sides ("…市场监管局工作人员与投诉人联系",
                        # "工作人员分别对双方进行调解", "经调解,双方达成一致")
                        r"|市场监管|市监|监管局|消协|消委|消保委|消费者协会|调解员|调委会|调解委员会|调解中心|人民调解|仲裁委|工商[局所]|12315"
                        # the complainant appealing ("…甚不合理,因而提起申诉。")
                        r"|提起(?:申诉|诉讼|投诉)"
                        # what falls to the authorities or lies beyond the company's power ("应由相关执法部门进行处理,
                        # 供电企业无权制止")
                        r"|执法部门|执法机关|^应由[^，,。]{0,12}(?:部门|机关|机构)|无权"
                        r"|经调解|调解现场|(?:对|与)双方|双方(?:达成|协商一致)|^经[^，,。]{0,10}(?:协调|介入)"
                        # what a consumers' appeal centre must do ("邮政业消费者申诉中心应当自接到…三十日内…答复")
                        r"|^[^，,。]{0,12}申诉(?:受理)?(?:机构|中心)"
                        # the complainant's side ("…以便日后维权", "大多数人遇到问题,第一步…"), an example, the story going on
                        r"|维权|^(?:比如|例如|譬如|大多数人|很多人|不少人|然而|可是|没想到|谁知|不料|这类|此类|这种)"
                        # what checking showed, and an effort that came to nothing ("进一步调查显示,…已退房离店",
                        # "…进行二次核查,但仍无所获"), are findings of the story
                        r"|(?:调查|核查|检查|监控|录像|记录)(?:结果)?显示|无所获|未果|无果"
                        # the company failing the customer, the grievance itself ("快递员不送件上门,只是发个短信了事")
                        r"|了事|置之不理|不予理睬|不闻不问"
                        # a wish in the first person, a complainant's words cut from their quote ("我们也想争取一些补偿。")
                        r"|^(?:我|我们)(?:也|还|都|就|只)?(?:想|希望|只想|打算)")
# A story's headline or exclamation ("酒店道歉,官方回应来了!"): no step of a precedent ends that way (a rule's may:
# "严禁与客户争吵!").
HEADLINE = re.compile(r"[!！]\s*$|回应来了")
# A precedent's step may quote a short term when it tells what the company did ("…结合“合理维修费用”条款,同意按
# 4S店报价的90%理赔", "召开“电梯安全专项会”"); quoted speech, a quote cut open, and quotes in a warning or a finding
# (谨防“代理退保”陷阱, 存在“误导性陈述”) are no step.
_SPEECH = re.compile(r"(?:说|称|表示|道|问|答|喊)[:：]?“|“[^”]{13,}|“[^”]*[，,。！!？?；;：:]|^[^“]*”|\"")
_DONE = re.compile(r"致歉|道歉|回电|联系|召开|邀请|到场|上门|启动|调取|退还|退款|赔偿|赔付|理赔|补偿|同意|更换|维修|安排|派|核实|承诺"
                   r"|减免|免除|恢复|公示|通报")
# Advice to consumers ("保险责任需看清,切勿轻信口头承诺", "谨防…陷阱"), not what the company did.
_WARNING = re.compile(r"切勿|谨防|谨记|切记|警惕|提醒(?:消费者|广大|市民)|需看清|要看清|擦亮眼睛")


def not_a_precedent_step(text: str) -> bool:
    """True when a precedent's handling sentence is no step for staff (see `NOT_A_STEP`, and quotes above)."""
    body = re.sub(r"[“”]", "", text)
    if NOT_A_STEP.search(body):
        return True
    return "“" in text and (_SPEECH.search(text) is not None or _DONE.search(text) is None
                            or _WARNING.search(text) is not None)


# What a newspaper or a broadcaster did in the story ("记者…将黄先生和该银行…约至本报读者接待室,当面调解"): no step of
# the company's (a rule's "遇记者采访…" is one: this is for precedents only).
MEDIA_DID = re.compile(r"记者|本报|本台|本刊|栏目组|帮办")
# The complaint arriving, told as a step of its own ("接到投诉", "收到投诉后"): nothing to do yet.
BARE_EVENT = re.compile(r"^(?:在)?(?:接到|收到|受理)(?:了|该|此|这起|客户的?|顾客的?|游客的?)?(?:投诉|举报|反映)(?:后|以后)?[。，,]?$")
# Half a sentence: the consequence of a condition that was cut off ("则门店应…", "但门店应…", "是住院部…").
_FRAGMENT = re.compile(r"^(?:则|但|但是|而|且|或|或者|否则|即(?![时刻])|是|以及|以便|以免|因此|所以|从而|进而|同时也"
                       r"|他们|她们|它们"  # "他们应该及时回应…": who "they" are was in the sentence before
                       r"|都(?!市)|均(?![价匀衡]))")  # "都应礼貌、耐心倾听": who "all" are was in the clause before (无论…,都应…)
# A clause cut off after its modal ("二、问题解决率 1. 应" where a page excerpt ends).
_CUT_OFF = re.compile(r"(?<![响供相适对反效答主重只])(?:应|应当|应该|须|必须|需|需要|要)[\s。.,，;；:：]*$")
# A list's introduction with only its first short item ("…采取相应的处理方式:a.普通投诉。"): the list was cut.
_LIST_CUT = re.compile(r"[:：]\s*(?:[A-Za-z]|\d{1,2}|[①-⑳])\s*[.、．)）]\s*[^，,。；;:：]{1,10}[。；;]?$")
# How the company sets up its complaint desk (设立投诉部门, 电话须明示于售楼现场): no step for one complaint.
_SETUP = re.compile(r"设立|设置.{0,6}(?:部门|机构|渠道|岗位|热线|中心|电话)|一站式|服务承诺|指定.{0,8}(?:部门|机构)|明示|印在|公布.{0,8}(?:电话|渠道|方式)"
                    r"|提供必要的便利|投诉渠道|配备")
# What staff do with a complaint: a clause with none of these and no word of the complaint is no step for it
# (a definition: "电能表潜动必须是在客户完全不用电的情况下…").
_HANDLING = re.compile(
    r"倾听|听取|道歉|致歉|歉意|安抚|记录|登记|核实|核查|调查|查明|查清|答复|回复|回访|跟进|跟踪|反馈|告知|解释|说明|协调|上报|报告|"
    r"解决|补偿|赔偿|退款|退还|受理|接待|联系|沟通|处理|现场|检测|维修|整改|更换|确认|了解|汇报|询问|请示|通知|"
    r"引导|提醒|安排|陪同|赔付|理赔|退费|减免"
)
_SITUATIONAL: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"媒体|媒介|记者|采访|舆情|新闻"), "media"),
    (re.compile(r"过激|自我防范|人身安全|打砸|冲突|报警|公安|警方|民警|派出所"), "protest"),
    (re.compile(r"起诉|诉讼|律师|仲裁|法院"), "litigation"),
    (re.compile(r"群诉|集体|群体|联名|代表"), "collective"),
    (re.compile(r"敲诈|勒索|无理取闹|恶意投诉|职业(?:打假|索赔)"), "extortion"),
)
TIME_LIMIT = re.compile(r"\d+\s*(?:个)?(?:小时|工作日|日|天|分钟)(?:内|之内)|不超过\s*\d+\s*(?:个)?(?:小时|工作日|日|天)")
# A commitment to be on site or put it right within a time limit needs no modal ("管道燃气泄漏接报后1小时内到达现场处理");
# one to answer within it (…5个工作日内答复) is a time limit, shown with the others.
_COMMITMENT = re.compile(r"\d+\s*(?:个)?(?:小时|分钟)(?:内|之内)\s*(?:到达|赶到|抵达|到场|上门|修复|恢复)")
# "合同问题:延期交房、延期办证…应严格按照合同…": a topic label, then what to do.
_TOPIC = re.compile(r"^[^，,。：:]{2,12}[:：]")
# "应" as a modal, not inside a word (供应, 反应, 相应, 响应, 应答, 应急).
_YING = r"(?<![供反相适响答对回呼效感报])应(?![用急答聘收付届对])"  # 应对 is "cope with"
_MODAL = re.compile(rf"(?:^|[，,])[^，,。]{{0,16}}?(?:应当|应该|必须|务必|{_YING}|须|(?<![所必急无如若])需(?![求要]))")
# A rulebook assigns the handling to someone: "职责部门负责调查事实真相,…", "技术业务室受理申诉,填写…",
# "收到投诉案件后,将由职能部门处理" (not "负责人" as a noun).
_DUTY = re.compile(r"^(?![\d(（])[^，,。：:]{0,14}?(?:部门|负责人|人员|经理|主管|店长|领班|客服|办公室|班组|小组|中心|业务室)(?:负责|受理)(?!人)"
                   r"|^[^，,。：:]{0,12}[后时][，,]?将由")
# A rulebook in the company's voice says what it will do: "银行将向客户发送处理结果通知" ("将其记录" is no future).
_WILL = re.compile(r"(?:^|(?<=[，,\s\-—:：]))(?:公司|本公司|银行|本行|我行|酒店|物业|客服|我们|我司|小组|部门|中心)将(?![其之此该])")
_SUB_ITEM = re.compile(r"(?<!^)\s*(?=(?:\d{1,2}[)）]|[(（]\d{1,2}[)）]|[①-⑳])\s*[\u4e00-\u9fff])")
# An industry's own name marks a clause as that industry's ("…少用生僻的电力专业术语", "保险消费投诉应当由…").
_NAMED = ("保险", "电力", "银行", "酒店", "航空", "铁路", "燃气", "供水", "快递", "物业", "房地产", "汽车")


def is_fragment(text: str) -> bool:
    """Half a sentence ("则门店应将当事双方…", "是住院部工作疏忽录错了") or a name alone (长沙市新防燃气设备有限, where an
    excerpt was cut): no step on its own."""
    return (_FRAGMENT.match(text) is not None or _CUT_OFF.search(text) is not None or _LIST_CUT.search(text) is not None
            or _NAME_ONLY.match(text) is not None)


_NAME_ONLY = re.compile(r"^[\u4e00-\u9fffA-Za-z()（）]{2,24}(?:有限公司|有限责任公司|股份有限|有限|公司|集团|分行|支行|中心)[。.]?$")


# What the complaint staff must know or be able to do (了解《保险法》…, 应当具备处理各种情况的能力): a requirement of
# the post, no step for one complaint ("了解客户的具体需求" is one).
_COMPETENCE = re.compile(r"(?:了解|熟悉|熟知|掌握|精通)(?:《|[^，,。]{0,12}(?:知识|法律|法规|条款|规章|政策|业务|流程|制度|程序))"
                         r"|具备[^，,。]{0,16}(?:能力|素质|知识|资格)|(?:知识|技能|素质)(?:培训|考核)")


def is_setup(text: str) -> bool:
    """How the company sets up and staffs its complaint handling (设立投诉部门, 热线号码须明示…, 投诉处理人员应熟悉
    相关法规), not a step."""
    return _SETUP.search(text) is not None or _COMPETENCE.search(text) is not None


def is_handling(text: str) -> bool:
    """A clause that says what to do with a complaint (倾听, 核实, 答复, 回访 …) or by when
    ("2小时内做出响应"), or what to do in a situation (统一接受媒体采访)."""
    return (_HANDLING.search(text) is not None or TIME_LIMIT.search(text) is not None
            or any(pattern.search(text) for pattern, _ in _SITUATIONAL))


# A stage of the complaint procedure names no kind of problem: "投诉接收 渠道:", "投诉分类与确认", "回访要求:" hold for
# every complaint of the rulebook's industry, unlike "质量问题:" or "收费争议:".
_STAGE_WORDS = re.compile(
    r"投诉|客户|顾客|用户|受理|接收|接待|登记|记录|分类|分级|定级|确认|调查|核实|处理|答复|回复|反馈|回访|跟踪|升级|上报|"
    r"归档|结案|渠道|方式|阶段|步骤|环节|流程|程序|要求|标准|时限|原则|与|和|及|的|[\W\d_a-zA-Z]"
)


def is_stage(topic: str) -> bool:
    """A topic label that names a stage of the procedure, not a kind of problem ("投诉分类与确认" yes, "质量问题" no)."""
    return bool(topic.strip()) and len(_STAGE_WORDS.sub("", topic)) <= 1 and _STAGE_WORDS.search(topic) is not None


@lru_cache(maxsize=4096)
def pieces(text: str) -> tuple[tuple[str, str], ...]:
    """The clauses of a rule text (its items, their sub-items 1) 2) …, sentences), each with the topic
    label of its item ("质量问题:" holds for every sentence of that item). Cached: the same rules come up
    in search after search."""
    _, items = split_items(text, markdown=True)
    out = []
    for item in items or [text]:
        topic = _TOPIC.match(ENUM.sub("", item.strip()))
        for sub in _SUB_ITEM.split(item):
            out.extend((p, topic.group(0) if topic else "") for p in re.split(r"(?<=[。；;])", sub) if p.strip())
    return tuple(out)


# The kind of problem a clause is for, named before its modal: "(1)电能表潜动首先应帮助客户分析…",
# "(2)单户停电报修回答要点首先应询问…". Staff, the company, the customer and complaints in general name none.
_SUBJECT = re.compile(r"^([^，,。：:；;()（）\d]{3,14}?)(?:回答要点|处理要点|要点)?(?:首先|一般|均|都|则)?(?:应当|应该|必须|须|应)")
_NOT_A_PROBLEM = re.compile(r"人员|员工|客服|坐席|座席|主管|经理|领导|部门|公司|企业|单位|机构|中心|我们|值班|班组|接待|受理"
                            r"|管理处|物业|门店|网点|营业厅|酒店|银行|医院|学校"
                            r"|负责|专员|柜员|前台|店长|投诉|客户|顾客|业主|用户|各级|双方|本|对|凡|如|若")


# A rulebook titled by the problem it handles ("客人丢失物品处理标准"): what is left of the title without the kind of
# document and the customer.
_TITLE_DOC = re.compile(r"(?:的)?(?:处理|管理|操作|服务|应急)?(?:标准|规程|规范|流程|程序|办法|制度|规定|预案|细则|指引|须知)$")
_TITLE_PARTY = re.compile(r"^(?:客人|顾客|客户|业主|用户|旅客|乘客|患者|消费者|住客)")


_MISHAP = re.compile(r"丢失|遗失|失窃|被盗|损坏|损毁|漏水|渗水|停电|停水|停气|断电|断水|泄漏|漏气|延误|事故|中毒|受伤|火灾|故障|异物"
                     r"|噪音|抢修|爆管|跳闸")


def title_problem(title: str) -> str:
    """The kind of problem a rulebook section's title names ("客人丢失物品处理标准" → 丢失物品), "" for a title of the
    whole procedure ("客户投诉处理制度", "餐厅投诉管理制度")."""
    head = re.split(r"[·:：]", title.strip(), maxsplit=1)[0].strip()
    if not _TITLE_DOC.search(head):
        return ""
    core = _TITLE_PARTY.sub("", _TITLE_DOC.sub("", head)).strip()
    if len(core) < 2 or is_stage(core) or re.search(r"投诉|抱怨|客诉|申诉|意见", core):
        return ""
    # (only a mishap names a problem: 群诉处理工作程序, 危机处理作业指引 or 服务内容及规范 are for every complaint)
    return core if _MISHAP.search(core) else ""


def problem_subject(text: str) -> str:
    """The kind of problem a rule clause is for when it names one before its modal, else ""."""
    m = _SUBJECT.match(ENUM.sub("", text.strip()))
    return m.group(1) if m and not _NOT_A_PROBLEM.search(m.group(1)) else ""


def names_other_industry(text: str, industry: str | None) -> bool:
    named = industries_named(text)
    return bool(named) and industry not in named and GENERAL not in named


@lru_cache(maxsize=4096)
def industries_named(text: str) -> frozenset[str]:
    """The industries whose words or names a clause uses (cached: the same rule clauses come back query after
    query)."""
    return frozenset(industry_scores(text)) | {name for name in _NAMED if name in text}


# A clause that ends a condition before its modal: "对于病人反映挂号难的,", "遇到重大投诉时,".
_CONDITION_END = re.compile(r"(?:的(?:投诉|情况|问题|事项|案件)?|时|后|者)\s*[，,]?\s*$")  # (…能够当场协调处理的投诉,应当…)
_RUN_IN_LABEL = re.compile(r"^[^，,。:：]{2,6}[:：]\s*")


def without_run_in_label(text: str) -> str:
    """The clause without a short run-in label ("后续动作:顾客选择更换菜品…" → "顾客选择更换菜品…")."""
    return _RUN_IN_LABEL.sub("", text, count=1)


def assigns(text: str) -> bool:
    """The clause only assigns the handling to someone ("职责部门负责调查事实真相,…"): an instruction, but a weaker
    one than what staff are told to do."""
    return _DUTY.match(text) is not None and not (_IMPERATIVE.search(text) or TIME_LIMIT.match(text))


@lru_cache(maxsize=16384)
def instruction(text: str) -> tuple[str, str]:
    """The clause as an instruction to staff, and its topic label ("合同问题:延期交房…,应严格按照…" → the
    clause after the label, the label); ("", "") when it tells staff nothing to do."""
    if _IMPERATIVE.search(text) or TIME_LIMIT.match(text) or _DUTY.match(text) or _COMMITMENT.search(text):
        # ("2小时内做出响应,24小时内给予答复")
        return text, ""
    m = _TOPIC.match(text)
    if m:
        body = re.split(r"(?<=[。；;])", text[m.end() :])[0].strip()
        modal = _MODAL.search(body)
        # The topic's own list of cases may come first ("延期交房、延期办证…等情况,应…").
        if ((modal and modal.start() <= 60) or TIME_LIMIT.search(body)) and len(body) >= 8:
            # the label stays: it is the condition ("重大投诉:需在12小时内响应" is no rule for every complaint)
            return re.sub(r"[*#_]+", "", text[: m.end()]) + body, m.group(0)
        return "", ""
    modal = _MODAL.search(text)
    if modal and modal.start() <= 30:  # "1)客户亲自到客服投诉,接待人员应以亲切态度招待客户" → from 接待人员 on
        condition = text[: modal.start()]
        if (_CONDITION_END.search(condition) and len(condition) <= 20 and not re.search(r"[()（）\d]", condition)
                and is_handling(condition)):
            # a short condition of the handling itself stays with what it asks ("人员权限等当场无法答复的,应履行告之
            # 义务…"); one of a situation (顾客与员工发生争执的,) leaves "则门店应…", half a sentence
            return text, ""
        return text[modal.start() :].lstrip("，, "), ""
    will = _WILL.search(text)
    if will and will.start() <= 30:
        return text[will.start() :], ""
    return "", ""


def applies(text: str, facts: QueryFacts, flags: tuple[str, ...] | None = None) -> bool:
    """A step for a situation (media, protest, lawsuit, group, extortion) only when the complaint shows it
    (`flags`: only these situations are checked)."""
    shown = {"media": facts.media, "protest": facts.protest, "litigation": facts.litigation,
             "collective": facts.collective or is_group(facts), "extortion": facts.extortion}
    return all(shown[flag] for pattern, flag in _SITUATIONAL
               if (flags is None or flag in flags) and pattern.search(text))


def is_group(facts: QueryFacts) -> bool:
    count = facts.headcount
    return count is not None and count.value >= 3


# What staff do for the customer in a complaint's own story: an apology, a refund, a replacement, a visit.
_REMEDY = re.compile(r"道歉|致歉|赔礼|安抚|免除|免单|退还|退款|退费|赔偿|补偿|更换|换房|上门|回访|承诺")
_THEN = re.compile(r"^(?:随后|之后|后来|后|当即|最终|最后|经协调|经协商)[，,]?")
# Who is to blame is the analysis of a case, not its handling ("物业公司存在过错,应对…承担全部赔偿责任").
_LIABILITY = re.compile(r"过错|责任")
_WE = re.compile(r"^(?:我们|我方|我司|本店|本公司)")


def remedies(text: str) -> bool:
    """The company side gives a remedy in the sentence's first part ("王经理先给李女士一家赔礼道歉,…",
    "我们应首先道歉并立即更换房"): an action of this complaint, however particular its details."""
    first = _THEN.sub("", re.split(r"[。；;]|但", text, maxsplit=1)[0])
    return (bool(_STAFF_SUBJECT.match(first) or _WE.match(first)) and bool(_REMEDY.search(first))
            and not _REFUSAL.search(first) and not _LIABILITY.search(first))


# When it was done, before who did it: "接到投诉后,", "平台介入后,", "第二天", "随后".
# (and what the sentence is about: "针对这一问题,我们立即…", "对此,")
_WHEN = re.compile(r"^(?:[^，,。]{1,10}(?:后|时)|随后|之后|后来|当即|最终|最后|第二天|次日|同时|首先|随即|立即|经协调|经协商"
                   r"|针对[^，,。]{1,12}[，,]|对此|为此)[，,]?")
# What the company does about the complaint: a remedy or a step of handling it.
_HANDLES = re.compile(_REMEDY.pattern + "|歉意|联系|沟通|记录|安排|检查|核实|查询|调取|反馈|返还|跟进|协调|补办|维修|处理|处置|调查|赶赴")
# A company named in full before its kind: "国际航空公司", "某某银行", "涉事旅行社", "屏山县首创水务有限责任公司".
_ORG_SUBJECT = re.compile(r"^(?!经)(?:(?![他她我你们找到向给对在把被让])[\u4e00-\u9fffA-Za-z0-9]){1,8}?(?:公司|银行|酒店|平台|商家|旅行社|医院|物业|4S店|超市|商场|门店|网点)"
                          r"|^(?:(?![他她我你们找到向给对在把被让])[\u4e00-\u9fff]){2,12}?(?:有限责任公司|有限公司|股份公司|集团)")
# The company charging the customer: what the complaint is about ("…但是需要每户交纳300元费用").
_CHARGES = re.compile(r"交纳|缴纳|收取|加收|另收")
# What someone said, a record showed or went wrong: no deed of handling ("孙经理解释,…", "录音显示,…", "…未明确告知").
_NO_DEED = re.compile(r"解释|显示|认为|表示|称|未|不会|曾|承认是")


def company_name(text: str) -> str:
    """The company named as the subject of a sentence ("屏山县首创水务有限责任公司高度重视,…"), "" when none."""
    m = _ORG_SUBJECT.match(_WHEN.sub("", text.strip(), count=1))
    return m.group(0) if m else ""


def company_handles(text: str) -> bool:
    """A sentence of a story in which the company side handles the complaint ("客服人员在接到投诉后,首先安抚客户
    情绪…", "平台介入后,商家同意全额退款"): its subject is staff or the company and it acts, not what a customer,
    a regulator or a record did or what went wrong."""
    def acts(clause: str) -> bool:
        return bool(_STAFF_SUBJECT.match(clause) or _WE.match(clause) or _ORG_SUBJECT.match(clause))

    body = text.strip()
    first = re.split(r"[。；;！!]", body if acts(body) else _WHEN.sub("", body, count=1), maxsplit=1)[0]
    head = re.split(r"[，,]", first, maxsplit=1)[0]
    return (acts(first) and bool(_HANDLES.search(first)) and not _NO_DEED.search(head) and not _REFUSAL.search(head)
            and not _CHARGES.search(first))


def staff_action(text: str) -> str:
    """What the company side did in a sentence of a story: the text from the first clause whose subject is
    staff or the company ("李女士…反映给了王经理,王经理先给李女士一家赔礼道歉,…" → "王经理先给…"; "车主提供维修清单,
    保险公司重新评估后,…同意按4S店报价的90%理赔" → "保险公司重新评估后,…"); "" when
    nobody of the company acts in it."""
    start = 0
    for clause in re.split(r"(?<=[，,。；;])", text):
        head = clause.strip()
        if _STAFF_SUBJECT.match(head) or (_ORG_SUBJECT.match(head) and not CUSTOMER_SUBJECT.match(head)):
            action = text[start:].strip()
            # what the complaint is about ("客服回复只能退100元", "物业一直没有采取措施") is no step
            return "" if _REFUSAL.search(action) else action
        start += len(clause)
    return ""
