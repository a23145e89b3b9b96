"""Short cases and rules written for the training tests (imported by the other test_training_* modules)."""

from __future__ import annotations

import re
from pathlib import Path

from advisor.models import Case, Citation, GuidanceItem, SourceSpan
from advisor.text.normalize import to_simplified
from advisor.training import Card, load_personas

ROOT = Path(__file__).resolve().parent.parent
PERSONAS_FILE = ROOT / "knowledge" / "personas.json"
BRUSH_OFF = "这个不归我管，你自己去找相关部门吧。"
# Third-person case wording that must never be in the customer's opening line.
THIRD_PERSON = re.compile(
    r"项目公司|我行|我公司|本公司|我司|(?:该|某|此|这位|那位|一位|一名)(?:客户|业主|顾客|用户|消费者|车主|住户|业户)|"
    r"(?:客户|业主|顾客|用户|消费者|车主)(?:反映|认为|表示|称|要求|投诉|来电|拒绝|发现|购买|办理)"
)

AUTO_STEPS = [
    "就维修技术及质量问题与客户沟通、致歉",
    "采取补救措施解决用户车辆故障问题，必要时上门服务",
    "减免本次维修费用",
    "对维修当事人内部教育处理",
]


def auto_case() -> Case:
    """A dealer case with labelled steps, fault analysis and improvements."""
    return Case(
        id="t-auto-airbag", title="更换安全气囊后报警灯亮并收取抢修费引发投诉", industry="汽车", complaint_type="维修服务",
        format="labelled",
        facts=("某客户车辆发生事故后，在维修站更换了主、副安全气囊；使用一段时间后发现安全气囊灯报警；"
               "维修站接客户反映后赶到当地，检测后发现是之前更换副气囊时连接线接线方式错误所致；"
               "维修站更换连接线后，要求用户支付抢修费用；客户认为是维修站的责任，拒绝支付抢修费用，并向厂家投诉。"),
        management_thinking=[
            "维修站采取非规范的维修操作方式，造成车辆故障隐患，是客户产生质疑的第一因素",
            "客户反映车辆问题后，维修站没有首先核实自身问题而向客户收取费用，这是客户抱怨升级导致投诉的触发点",
        ],
        handling_steps=list(AUTO_STEPS), steps_origin="section",
        improvements=["加强当事人维修技能专业培训", "加强员工维修、服务规范的培训"],
        sources=[SourceSpan(file="dealer_cases.txt", start=100, end=600)],
    )


def property_case() -> Case:
    """A narrative told by the property manager ("我"), no labelled sections."""
    return Case(
        id="t-prop-lobby", title="装修材料堆放大堂引发冲突", industry="物业", complaint_type="邻里与公共区域",
        facts=("我们小区规定，运送装修材料都要走二层电梯厅。某业主在装修时把水泥、灰渣等材料堆放在一层大堂的门边，"
               "管理处保安上前制止时，与装修工发生了冲突。双方推搡时，业主的老母亲不慎摔倒，该业主报了警。"
               "我到达现场时，看到该业主情绪激动。我当着所有人向老人深深鞠了一躬，代表管理处表示歉意，"
               "并请求先安排老人看病，所有费用由管理处承担。"),
        sources=[SourceSpan(file="property_stories.txt", start=0, end=300)],
    )


def bank_case() -> Case:
    """A named customer, a demand, a date; the branch narrates as 我行."""
    return Case(
        id="t-bank-queue", title="客户要求插队办理业务被拒后投诉", industry="银行", complaint_type="等候时间",
        facts=("3月7日中午客户赵女士在某支行办理业务，称自己身体不好不能等待，大堂经理让其稍等几分钟。"
               "赵女士要求马上为其办理业务，之后投诉到我行客户服务中心。"),
        management_thinking=["大堂经理没有主动了解客户的特殊困难，只是机械地让其排队"],
        handling_steps=["支行负责人致电客户，对其不满表示歉意", "说明午间窗口安排，并为其预约下次优先办理"],
        steps_origin="section",
    )


def estate_case() -> Case:
    """A group complaint whose thinking is mostly prevention (like compilations of developer cases)."""
    return Case(
        id="t-estate-delay", title="延期办证、延期交付引起的群诉", industry="房地产", complaint_type="交付延期",
        facts=("项目公司因土地分割、建筑超出红线等特殊原因，导致不能按时交付，"
               "或交付后不能按照合同约定时间办理三证，引起客户群诉。"),
        management_thinking=[
            "项目公司应在出现土地分割、建筑超出红线等问题前，提前准备应急预案，合理安排工期",
            "问题一旦出现，项目公司应及时拟定处理方案，争取把损失降至最低；另一方面，积极坦诚面对客户，获取理解与支持",
            "集团职能部门务必严格把控项目进度节点，及时做好风险提醒",
        ],
        handling_steps=[
            "项目公司应在出现土地分割、建筑超出红线等问题前，提前准备应急预案，合理安排工期",
            "问题一旦出现，项目公司应及时拟定处理方案，争取把损失降至最低；另一方面，积极坦诚面对客户，获取理解与支持",
            "集团职能部门务必严格把控项目进度节点，及时做好风险提醒",
        ],
        steps_origin="thinking",
    )


def telecom_case() -> Case:
    """A short labelled case with a demand and an outcome."""
    return Case(
        id="t-telecom-sms", title="诱导短信产生信息费投诉", industry="电信", complaint_type="收费争议",
        facts=("客户反映其手机接收到外省号码发来的留言提示短信，拨打后并无留言却产生了信息费，要求核查原因并给予合理解释。"),
        handling_steps=["查询营帐话单并与服务商核实", "由于无法核查清楚，为客户双倍返还了产生的信息费"],
        steps_origin="section", outcome="为客户双倍返还了产生的信息费，客户表示满意。",
    )


def traditional_case() -> Case:
    """Facts in traditional characters (a Big5 source)."""
    return Case(
        id="t-trad-hair", title="菜裡有頭髮", industry="餐饮", complaint_type="产品质量",
        facts="顧客在餐廳用餐時發現菜裡有一根頭髮，當即叫來服務員，要求退款並道歉。",
        handling_steps=["經理立即向顧客道歉並撤下菜品", "免費更換一份新菜，並贈送代金券"],
        steps_origin="section",
    )


def bare_case() -> Case:
    """Nothing but a title."""
    return Case(id="t-bare", title="停车位收费争议")


ALL_CASES = (auto_case, property_case, bank_case, estate_case, telecom_case, traditional_case, bare_case)


def _cite(standard: str) -> Citation:
    return Citation(title=standard, file="rules_source.txt", start=0, end=50)


def rules() -> list[GuidanceItem]:
    """A property deadline, a generic deadline and a generic grading rule."""
    return [
        GuidanceItem(category="deadline", standard="物业投诉处理时限", label="24小时内回复",
                     detail="业户对管理处的投诉，务必在24小时内予以处理并回复业户", citation=_cite("物业投诉处理时限")),
        GuidanceItem(category="deadline", standard="客户投诉管理制度", label="3个工作日内答复",
                     detail="一般投诉在3个工作日内答复客户处理结果", citation=_cite("客户投诉管理制度")),
        GuidanceItem(category="grading", standard="客户投诉管理制度", label="重大投诉",
                     detail="同一事项投诉达到10户以上", citation=_cite("客户投诉管理制度")),
    ]


def personas():
    """The company's persona typology from knowledge/personas.json."""
    return load_personas(PERSONAS_FILE)


def card_texts(card: Card) -> list[str]:
    """Every string on the card except ids, file names and source citations."""
    skip = {"case_id", "source", "source_file", "files"}
    out: list[str] = []

    def walk(value, key=""):
        if key in skip:
            return
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)

    walk(card.model_dump())
    return out


def traditional_in(texts: list[str]) -> list[str]:
    """The texts that change under traditional → simplified conversion."""
    return [t for t in texts if to_simplified(t) != t]


def test_fixtures_are_valid_cases() -> None:
    assert len({f().id for f in ALL_CASES}) == len(ALL_CASES)
    assert traditional_in([traditional_case().facts])
