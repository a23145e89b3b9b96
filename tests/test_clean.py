"""Cleaning: noise is dropped by general rules, broken lines are repaired, offsets survive."""

from __future__ import annotations

import pytest
from helpers import DATA

from advisor.corpus.clean import clean_document
from advisor.corpus.read import read_document
from advisor.text.normalize import to_simplified


def _clean(name: str):
    return clean_document(read_document(DATA / name))


def test_noise_is_dropped_and_reported():
    cleaned = _clean("narrative_noise.txt")
    text = cleaned.doc_text().text
    for noise in ("下载文档前", "www.", "催收宝", "久久精品", "ICP备", "版权所有", "相关范文推荐", "......",
                  "快速导航", "服务中心", "翅膀", "温暖是"):
        assert noise not in text, noise
    reasons = {d.reason for d in cleaned.dropped}
    assert {"网站模板", "广告", "垃圾信息", "相关文章", "导航菜单", "无关内容"} <= reasons
    assert "占用了部分公共区域" in text


def test_sentence_broken_by_an_ad_and_blank_line_is_rejoined():
    text = _clean("narrative_noise.txt").doc_text().text
    assert "切不可说一套做一套,事后不兑现" in text


def test_page_footer_and_running_header_are_removed():
    text = _clean("auto_case.txt").doc_text().text
    assert "第 7 页" not in text and "SAT-QT" not in text and "内部资料" not in text
    assert "客户投诉案例分析汇编V" not in text
    assert "案例分析汇编 4" in text


def test_offsets_point_into_the_original_file():
    raw = read_document(DATA / "re_cases_traditional.txt")
    doc = clean_document(raw).doc_text()
    i = doc.text.index("严控承诺内容")
    start, end = doc.locate(i, i + 6)
    assert raw.text[start:end] == "嚴控承諾內容"
    assert to_simplified(raw.text[start:end]) == "严控承诺内容"
    assert doc.orig[i : i + 6] == "嚴控承諾內容"


def test_radicals_copied_out_of_a_pdf_read_as_their_ideographs_one_for_one():
    text = "有投诉⼈于网购平台订购约⼈⺠币270元的货品"
    simple = to_simplified(text)
    assert simple == "有投诉人于网购平台订购约人民币270元的货品"
    assert len(simple) == len(text)  # offsets into the original stay valid


def test_a_story_told_in_everyday_words_is_no_unrelated_run_when_its_person_is_named_in_the_complaint():
    from helpers import cleaned

    story = ["“颜色完全不对,真的是太难看了!”花了8000多元补了3颗牙后,孙女士在镜子前发出了这样的感叹。",
             "孙女士今年55岁,右侧上方的几颗牙齿早就松动了。去年春天,她来到一家牙科诊所,打算补牙。",
             "孙女士回忆,诊所推荐了两种材料,一种4000元一颗,一种2500元一颗,她选了贵的那种。",
             "“我问医生到底有什么区别,他只说差不多。”孙女士说,既然医生这么说,她也没多想。",
             "最终,孙女士确定补3颗全瓷牙,总价8600元,只在一张知情同意书上签了字。",
             "由于牙龈有炎症,孙女士先治疗了两个月,等炎症消了再来补牙,前后跑了七八趟。",
             "到了秋天,孙女士如约来到诊所,医生给她磨了牙、取了模,说两个星期后就能戴上新牙。",
             "可是新牙戴上以后,孙女士越看越别扭,颜色比旁边的牙黄了一大截,吃饭也总是塞东西。"]
    text = "\n".join([*story, "补牙之后,孙女士找到诊所要求重做,诊所却不肯退费,她只好向消协投诉。"]) + "\n"
    kept = cleaned(text, "clinic.txt").text
    assert all(line in kept for line in story)


def test_a_run_of_unrelated_prose_naming_nobody_of_the_complaint_is_still_dropped():
    from helpers import cleaned

    essay = ["春天来了,公园里的桃花开得正艳,游人如织,处处是欢声笑语。",
             "河边的柳树抽出了新芽,微风吹过,柳枝轻轻摇摆,像在跳舞。",
             "孩子们在草地上放风筝,五颜六色的风筝飞得很高很高。",
             "老人们在树荫下下棋、喝茶,享受着悠闲的时光。",
             "傍晚时分,夕阳把天空染成了橘红色,美得让人陶醉。",
             "这样的好天气,最适合一家人出门踏青,感受大自然的美好。"]
    essay = [line + line[:-1] + ",年年如此。" for line in essay]  # long enough to be a run of prose
    text = "王先生向物业投诉楼上漏水,物业当天上门查看。\n" + "\n".join(essay) + "\n"
    kept = cleaned(text, "page.txt").text
    assert not any(line in kept for line in essay)


def test_a_comment_box_prompt_is_page_furniture():
    from helpers import cleaned

    text = "王先生向物业投诉楼上漏水,物业当天上门查看,协调楼上住户维修。\n还没有评论,来说两句吧...\n已有3条评论\n"
    kept = cleaned(text).text
    assert "来说两句" not in kept and "条评论" not in kept and "楼上漏水" in kept


def test_an_e_paper_button_is_furniture_and_a_headline_is_not_joined_to_the_story_it_heads():
    from helpers import cleaned

    text = ("洗衣机修了三次还漏水,商场说要交钱延保\n【PDF版】\n"
            "据市民刘女士反映,她去年在商场买的洗衣机漏水,售后上门修了三次都没修好,现在又说过了保修期要收费。\n"
            "热水器刚装就坏了\n11月2日,王先生家新装的热水器第二天就打不着火,安装师傅说是燃气压力问题。\n")
    kept = cleaned(text).text
    assert "PDF" not in kept
    assert "延保\n据市民刘女士反映" in kept and "就坏了\n11月2日" in kept


@pytest.mark.parametrize("link", ["点击查看更多>>", "展开全文", "阅读全文 »"])
def test_a_show_more_link_is_furniture_but_a_sentence_that_starts_alike_is_not(link):
    from helpers import cleaned

    kept = cleaned(f"王女士投诉装修公司拖延工期两个月\n{link}\n阅读全文后发现合同写明逾期每天赔偿200元。\n").text
    assert link not in kept and "阅读全文后发现合同写明" in kept


@pytest.mark.parametrize("credit", ["人民政协报 本报记者 张惠娟", "记者|郑戎惠 编辑|赵润满 摄影|赵润满"])
def test_bylines_with_a_papers_name_or_credits_are_furniture(credit):
    from helpers import cleaned

    kept = cleaned(f"消费者投诉培训机构退费难\n{credit}\n王女士给孩子报的培训班突然停课,机构拒不退还剩余学费8000元。\n").text
    assert credit not in kept and "拒不退还剩余学费" in kept


def test_the_pages_place_in_the_site_is_furniture():
    from helpers import cleaned

    kept = cleaned("我的位置:首页>文章详情\n王先生投诉某APP自动续费,客服拒绝退款,他向12315投诉。\n").text
    assert "我的位置" not in kept and "自动续费" in kept


def test_a_lead_repeating_the_storys_first_paragraph_further_down_goes_but_a_passage_printed_twice_stays():
    from helpers import cleaned

    story = "2023年11月13日晚上,食客吴先生在某饭店就餐,消费168元,结账时饭店称包厢最低消费500元,要求他补足差价。"
    text = f"饭店设置最低消费被处罚\n{story}\n您外出就餐遇到过这种情况吗?\n案情简介\n{story}\n市场监管局调查后对饭店罚款。\n"
    kept = cleaned(text).text
    assert kept.count("食客吴先生") == 1 and kept.index("案情简介") < kept.index("食客吴先生")
    twice = "甲公司售后部接到投诉后,当天派人上门检查,并向客户道歉,更换了故障配件。\n客户对处理结果表示满意,撤回了投诉。\n"
    assert cleaned("案例一\n" + twice + "案例二\n" + twice).text.count("当天派人上门检查") == 2
    rules = "1、城区抢修人员45分钟内到达现场,农村地区90分钟内到达,特殊边远地区2小时内到达现场。\n2、受理投诉后1个工作日内联系客户。\n"
    again = rules.replace("联系客户。", "联系客户")  # printed again, a full stop lost
    assert cleaned(rules + "向左转|向右转\n" + again).text.count("45分钟内到达") == 2


def test_a_document_sites_description_label_is_furniture():
    from helpers import cleaned

    kept = cleaned("点击查看更多>>\n## 资源描述\n投诉处理制度\n一般书面投诉在2个工作日内作出答复。\n", "doc.md").text
    assert "资源描述" not in kept and "查看更多" not in kept and "2个工作日内" in kept


def test_a_publication_time_line_and_a_viewers_page_count_are_furniture():
    from helpers import cleaned

    kept = cleaned("“大银行”和“小面馆”谁大谁小\n(整期优先)网络出版时间:2013-09-19\n/ 1\n"
                   "七旬老人内急欲如厕遭银行拒绝,取完钱怒撕存折。\n").text
    assert "出版时间" not in kept and "/ 1" not in kept and "怒撕存折" in kept


def test_html_left_in_a_scraped_page_is_removed_inside_the_line():
    from helpers import cleaned

    text = ('字体:\n\\u003cdiv class=\\"rich_media_content\\"\\u003e\\u003cp style=\\"text-align: justify\\"\\u003e'
            '“我必须要走!”3月11日,有网友发帖称,因航班超售,\\u003c!--AIPOS_0--\\u003e工作人员拒绝让其登机。'
            '\\u003c/p\\u003e\\n\\u003cp\\u003e<strong>提前约好医生</strong>却因超售无法登机。\\u003c/p\\u003e\n')
    kept = cleaned(text).text
    assert "u003c" not in kept and "style" not in kept and "<strong>" not in kept and "\\n" not in kept
    assert "字体" not in kept
    assert "工作人员拒绝让其登机。" in kept and "提前约好医生却因超售无法登机。" in kept


def test_a_document_sites_line_breaks_written_as_cyrillic_er_end_lines():
    from advisor.corpus.read import RawDocument

    text = ("餐厅投诉处理制度Р一、当场处理?对顾客投诉,当事人应以诚恳的态度向顾客致歉,Р虚心听取顾客意见,争取理Р解和谅解。"
            "Р二、事后处理?确因客观条件限制不能立即处理的,应约定时间。\n俄文名称 ПРОВЕРКА 保持原样。")
    cleaned = clean_document(RawDocument("site.txt", text, "utf-8", "0"))
    paragraphs = cleaned.doc_text().text.split("\n")
    assert "Р" not in "".join(p for p in paragraphs if "ПРОВЕРКА" not in p)
    assert any(p.startswith("一、当场处理") and "争取理解和谅解" in p for p in paragraphs)  # a wrapped line rejoined
    assert any(p.startswith("二、事后处理") for p in paragraphs)
    assert any("ПРОВЕРКА" in p for p in paragraphs)  # a letter of a Cyrillic word stays
    for p in cleaned.paragraphs:  # offsets still point at the file's own text
        for start, end in p:
            assert "Р" not in text[start:end] or "ПРОВЕРКА" in text[start:end]
