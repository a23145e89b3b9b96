"""Page furniture a whole line can be: download-site templates and legal boilerplate, site chrome (breadcrumbs,
bylines, dates, counters, buttons), spam, ads, course blurbs, teaser headings, tables of contents, page numbers.

`line_noise` names the reason a line is furniture; noise.py drops such lines with that reason in the report.
"""

from __future__ import annotations

import re

from advisor.corpus.lines import CLOCK

URL = r"(?:https?://|www\.)[\w\-./?=&%#]+"

# --- whole lines -------------------------------------------------------------------------------
_BOILERPLATE = re.compile(
    r"下载文档|文档页数|格式[:：]\s*docx?|大小[:：]\s*[\d.]+\s*[KM]B|仅部分预览|在线预览|侵犯您的权益|人工客服工作时间"
    r"|下载本文|会员上传|小编为你整理|本文档下载|点此处下载|文档为docx?格式|下载.{0,20}word格式"
    r"|声明[:：]本文|不拥有所有权|涉嫌版权|(?:侵权|侵犯|违规|违法|不良)[^。]{0,20}进行举报|版权所有|All rights reserved|©|ICP备\s*\d*"
    r"|(?<![\w.\-])[\w.\-]+@[\w\-]+\.[a-z]{2,}|^[^。，,]{2,40}\.(?:docx?|pdf|txt)$|^快速导航$"
    r"|已阅读\d+页|还剩\d+页未读|继续免费阅读|全文预览已结束|预览已结束|^该文档(?:总)?共\d+页$|^下载本文档$|^(?:文档简介|文档描述|资源描述|资源简介)$|^文档$|^正在发送|^版权说明[:：]|^特别声明[:：]|^免责声明"
    r"|^skip to (?:main )?content|_第\d+页$|^您的位置|^您?当前位置|^首页\s*[>＞»›\-—]"
    r"|不得搬运|搬运抄袭|违者必究|禁止转载|未经授权(?:不得|禁止)"
    # a site's reprint notice: "【声明】:本栏目下的…文章,任何媒体…未经本网协议授权不得转载…"
    r"|未经[^。，,]{0,12}(?:授权|许可|同意)[^。]{0,6}(?:不得|禁止|严禁)(?:转载|复制|摘编|镜像)"
    # the site's notice about itself: "感谢阁下浏览…网站", "本网站届时将不再更新…", "敬请关注我们的官方微信频道"
    r"|感谢(?:阁下|您)(?:浏览|访问|光临)[^。，,]{0,16}(?:网站|网页|本站)|本(?:网)?站(?:届时)?(?:将|已)?(?:不再更新|停止(?:运作|运营|更新|服务)|正式关闭)"
    r"|敬请关注我们的(?:官方)?(?:微信|公众号|微博)"
    # a forum's sign-up prompts ("马上注册,结交更多好友…", "您需要 登录 才可以下载或查看,没有帐号?")
    r"|^马上注册|^立即注册|您需要\s*登录\s*才可以|没有帐号[?？]",
    re.IGNORECASE,
)
_SPAM_TERMS = ("久久", "精品", "人妻", "无码", "熟妇", "中文字幕", "亚洲", "人人爽", "国产", "日韩", "成人", "激情", "av", "一区二区",
               "a片")
# A porn site's link text stuffed into a page ("3. 国产美女裸体无遮挡免费视频").
_PORN = re.compile(r"裸体|无遮挡|一级片|黄色网站|色情|毛片|黄片|黄频")
_VIDEO = re.compile(r"视频|在线观看|高清|免费")
# A video site's link list ("4399在线观看免费高清电视剧", "陌陌影视在线观看高清完整版"), a line of its own.
_STREAMING = re.compile(r"在线观看.{0,6}(?:免费|高清|完整版|电视剧|电影)|(?:免费|高清).{0,6}在线观看")
_PROMO_TERMS = ("欢迎合作", "合作洽谈", "服务商", "欢迎咨询", "联系我们", "扫码", "关注公众号", "加微信")
_DISPUTE = re.compile(r"退费|退还|退款|退学|拒绝|拒不|补交|违约|赔偿|纠纷|协调|调解")
_COURSE_TERMS = ("课程", "授课", "主讲", "讲师", "学员", "已授课", "培训导师", "训练导师")
TEASER_HEADINGS = re.compile(
    r"^(?:相关范文推荐|相关文档|相关主题|最新文档|相关推荐|猜你喜欢|相关文章|延伸阅读|热门文档|相关新闻|相关阅读|推荐阅读"
    r"|热门推荐|更多阅读|精彩推荐)$"
)
# Page furniture that is a line of its own: breadcrumbs, bylines, counters, images, separators.
_CHROME = re.compile(
    r"^(?:[^>＞»›\n]{1,20}[>＞»›]){2,}[^>＞»›\n]{0,20}$"
    r"|^(?=.{0,80}$).*(?:发布时间|发布日期|发表时间|出版时间|阅读量|浏览次数|浏览量|点击量|访问量|点击[:：]|责编|责任编辑|编辑[:：]|来源[:：]|浏览[:：]"
    r"|阅读时长|字数\s*[:：]?\s*\d+|作者[:：]|^转(?:载)?自[:：]\s*\S{1,20}$)"
    r"|^!\[[^\]]*\]\([^)]*\)$|^[|｜\-—_=*·•\s]+$"
    # A short line carrying a timestamp ("商界 | 2026-03-13 15:46:52 原创"), or a font-size switch (小字号).
    r"|^(?=.{0,40}$).*\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}日?\s*\d{1,2}[:：]\d{2}|^[大中小]字号$|^字体[:：]?\s*(?:[大中小]\s*){0,3}$"
    r"|^(?:A\s*[+＋\-－]\s*){2,3}$"  # a font-size switch: "A+ A-"
    # A site's name line: "315黑猫投诉-新浪旗下消费者服务平台", "XX网 - 官网".
    r"|^[^。，,！？\s]{2,20}\s*[-—|｜_]\s*[^。，,！？]{0,20}(?:平台|官网|网站|门户|首页)$"
    # A line of a few English words alone in a Chinese page: CMS field names, "Lazy loaded image".
    r"|^[A-Za-z][A-Za-z ]{0,19}$"
    # A news byline: "■ 本报星级记者胡明兵", "文/记者 张三 通讯员 李四".
    r"|^[■●◆▲□◇★☆\s]*(?:(?:文|图|文图)[/／])?(?:本报|本刊|本台|特约|实习|首席|星级|\s)*记者\s*[/／]?\s*[\u4e00-\u9fff]{2,4}"
    r"(?:[\s、]+(?:通讯员|实习生)?\s*[\u4e00-\u9fff]{2,4})*(?:\s*(?:文[/／]摄|摄影?|报道|文))?$"
    # an author's name alone after a bullet: "■王寅"
    r"|^[■●◆▲□◇★☆]\s*(?![\u4e00-\u9fff]{0,4}(?:点评|评析|提醒|提示|说法|分析|启示|支招|链接|背景|回放|经过|结果))"
    r"(?:[\u4e00-\u9fff][ \u3000]?){2,8}$"  # (not a bulleted label: ■消协点评)
    r"|^\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+\S{1,20}){0,3}$"
    # A photo caption: "王先生投诉的服装。资料图片", "图为调解现场", "（图片来源：网络）", "记者 张三 摄".
    r"|^(?=.{0,40}$).*(?:资料图片?|供图|[(（]?图片?来源[:：]?[^。]{0,20}[)）]?|(?:记者|通讯员)\s*\S{2,4}\s*摄)$|^图为|^(?=.{0,40}$)图\s*[:：]"
    r"|^(?:网图|图片来自网络|图源网络|图片源自网络)[,，]?\s*(?:侵删|侵权删除?)?$|^[(（][,，\s]*侵(?:删|权删除?)[)）]$"
    # a commentator's or reporter's byline under a paper's name: "极目新闻评论员 吴双建"
    # (several names, the place reported from: "南方财经全媒体记者关然 吴歌 实习生林钰嘉 张茵妮 广州报道")
    r"|^(?:[\u4e00-\u9fff]{2,8}(?:报|网|社|台)\s+)?[\u4e00-\u9fff0-9A-Za-z]{0,10}(?:评论员|记者|通讯员)\s*[/／]?\s*[\u4e00-\u9fff]{2,4}"
    r"(?:[\s、]+(?:实习生|通讯员|记者)?\s*[\u4e00-\u9fff]{2,4})*(?:\s*[\u4e00-\u9fff]{2,4}报道)?$"
    # a field name and a date ("date 2026-01-04", "Posted: 2024/5/6"); a site's own menu ("我的频道")
    r"|^[A-Za-z]{2,12}[:：]?\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\S{1,8}){0,3}$|^我的(?:频道|订阅|收藏|关注|消息|主页)$"
    # a dateline alone: "中国新闻组／北京4日电", "新华社上海3月5日电（记者 张三）"
    r"|^[\u4e00-\u9fff/／\s]{2,16}(?:\d{1,2}月)?\d{1,2}日电(?:\s*[(（][^)）]{0,20}[)）])?$"
    # the publication alone on its line: "《选择》月刊"
    r"|^《[^》]{1,16}》(?:月刊|半月刊|周刊|杂志|日报|晚报)$"
    # a document-sharing site's buttons: "收藏 分销(赏)", "下载 相关 举报", "点击"
    r"|^(?:(?:收藏|分享|下载|举报|点赞|评论|打印|分销|相关|点击|关注|转发|复制|纠错|打赏|赏|电邮)(?:[(（]赏[)）]|此页面?|本页)?\s*)+$"
    # a share button with its targets ("分享到微信", "分享至: 微博 QQ空间") and a site's section name alone on its
    # line ("新闻中心", "新闻详情")
    r"|^(?:分享到|分享至)\s*[:：]?\s*(?:(?:微信|朋友圈|微博|QQ空间|QQ|好友|豆瓣|更多)\s*)*$"
    r"|^(?:新闻中心|资讯中心|新闻动态|新闻资讯|新闻详情|文章详情|信息详情|正文|实时滚动新闻|滚动新闻|标题导航|融媒热点|关于我们"
    r"|免费服务热线|扫一扫加入微信公众号|扫一扫关注(?:我们)?|您可能感兴趣的[\u4e00-\u9fff]{0,8}|信件回复\s*满意度调查)$"
    # a comment counter ("1234人参与 评论") and an intern's byline ("实习生 彭艺航")
    r"|^\d*\s*人参与\s*\d*\s*条?评论$|^(?:实习生|见习记者|通讯员)(?:\s+|[:：/／]\s*)[\u4e00-\u9fff]{2,4}(?:[\s、]+[\u4e00-\u9fff]{2,4})*$"
    # a reporter's byline with the place ("刘汉生 报导 / 台南市"); a site's name with its domain ("中华网 china.com")
    r"|^[\u4e00-\u9fff]{2,4}\s*(?:报导|报道)\s*[/／]\s*[\u4e00-\u9fff]{2,6}$"
    r"|^[\u4e00-\u9fff]{2,10}\s*(?:www\.)?[A-Za-z0-9-]+\.(?:com|cn|net|org|hk|tw)(?:\.(?:cn|hk|tw))?$"
    # a news service's dateline alone: "on.cc东网专讯", "本报讯", "本报讯(记者 孟锋)"
    r"|^(?=.{0,30}$)[A-Za-z.]{0,8}[\u4e00-\u9fff]{0,6}(?:专讯|本报讯|网讯)(?:\s*[(（][^)）]{0,16}[)）])?$"
    # a sign-in button ("微信登陆", "QQ登录", "登录 注册")
    r"|^(?:(?:微信|QQ|微博|手机号?|账号|扫码)?(?:登录|登陆|注册|退出)\s*[|｜/]?\s*)+$|^(?:找回密码|只需一步,\s*快速开始)$"
    # a site's sponsors in its footer: "中国消费者协会主办", "国家市场监督管理总局主管"
    r"|^[\u4e00-\u9fff]{2,16}(?:主管|主办|承办|协办)$"
    # a forum thread's counters: "查看: 77|回复: 4"
    r"|^查看\s*[:：]\s*\d+\s*[|｜]\s*回复\s*[:：]\s*\d+$"
    # a Taiwanese news desk's byline: "生活中心/综合报导", "(即时新闻中心/综合报导)"
    r"|^[(（]?[\u4e00-\u9fff]{0,10}[/／](?:综合|编译)?(?:报导|报道)[)）]?$"
    # the credits of a feature: "记者|郑戎惠 编辑|赵润满 摄影|赵润满"
    r"|^(?:(?:记者|编辑|摄影|撰文|文字|文|图|责编|校对|监制)\s*[|｜:：/／]\s*[\u4e00-\u9fff]{2,4}\s*){2,}$"
    # where the page sits in the site: "我的位置:首页>文章详情", "当前位置:首页 > 新闻"
    r"|^(?:当前位置|您的位置|我的位置|所在位置|您现在的位置)\s*[:：].{0,40}$"
    # an e-paper's buttons alone on their line: "【PDF版】", "上一版", "返回目录"
    r"|^[【\[［]?\s*(?:PDF\s*版?|数字报|电子报|电子版|返回目录|返回首页|上一版|下一版|上一期|下一期|版面导航|放大|缩小)\s*[】\]］]?$"
    # a government page's particulars as a table row: "| 索引号: | 文号: | ||", "| 发布时间: | 2020-09-21 |"
    r"|^\|?(?:\s*(?:索引号|文号|发文字号|发布机构|发布时间|发布日期|成文日期|主题分类|目录组配分类|组配分类|公开方式|公开时限|来源)"
    r"\s*[:：]?\s*\|[^|\n]{0,24}\|?)+\s*\|*\s*$"
    # a photo's credit: "物业公司在清运垃圾。(部门提供) |", "单元门口的垃圾被清理。(小区物业公司提供)"
    r"|^(?=.{0,60}$)[^|｜\n]*[(（][^()（）]{0,12}提供[)）]\s*[|｜]?\s*$"
    # a site's own lists: "热门查看", "精彩专题,一览无穷"
    r"|^(?:热门(?:查看|推荐|文章|阅读|资讯)|精彩专题[,，]?\s*一览无穷|猜你喜欢|全站热搜|今日热搜|热搜榜)$"
    # a blog post's footer counters ("lvpgku 发表在 痞客邦 留言(0) 人气()")
    r"|^(?=.{0,80}$)(?=(?:.*?(?:留言|评论|人气|阅读|浏览|收藏|点赞|引用)\s*[(（]\d*[)）]){2}).*$"
    # a site's version switch alone on its line: "无障碍版", "长者模式", "繁体版", "English"
    r"|^(?:(?:无障碍|长者|关怀|适老|繁[体體]|简体|手机|移动|English)(?:版|模式|浏览)?\s*[|｜丨/]?\s*){1,3}$"
    # a "show more" link: "点击查看更多>>", "展开全文", "阅读全文 »"
    r"|^(?:点击)?(?:查看|阅读|展开|加载)(?:更多|全文|全部|原文|剩余)(?:内容)?\s*[>＞»›.…]*$"
    # a reading-mode switch ("|阅读模式") and a template's placeholder left unfilled ("_NEWSDATE", "{{title}}")
    r"|^[|｜]?\s*阅读模式$|^_[A-Z][A-Z_]{2,}_?$|^\{\{\s*\w+\s*\}\}$"
    # a comment box's prompt: "还没有评论,来说两句吧...", "发表评论", "已有3条评论"
    r"|^(?=.{0,24}$)(?:还没有评论|暂无评论|发表评论|我要评论|写评论|已有\s*\d+\s*条评论|共\s*\d+\s*条评论|来说两句吧?|抢沙发)"
    r"[,，。!！.…\s]*(?:(?:快)?来说两句吧?|抢沙发吧?)?[.。…!！\s]*$"
)
# A byline under a publication's name: "齐鲁晚报·齐鲁壹点记者 袁野", "十房网讯 (十堰晚报)记者 荣奕 通讯员 曹继军",
# "■王小飞 本报记者 薛庆元", "联合报／ 记者邱瑞杰／新北即时报导" (not "张女士向记者反映": no publication before it).
_PRESS_BYLINE = re.compile(
    r"^(?=.{0,48}$)[■●◆▲\s]*(?:[\u4e00-\u9fff]{2,4}\s+)?[\u4e00-\u9fff·・()（）\s]{0,20}?"
    r"(?:报|网|讯|客户端|新闻|社|台|刊|壹点)[)）]?[·・\s/／]*(?:本报|本刊|首席|特约|实习)?(?:记者|通讯员)\s*[/／]?\s*[\u4e00-\u9fff]{2,3}"
    r"(?:[\s、]+(?:记者|通讯员|实习生)?\s*[\u4e00-\u9fff]{2,3})*(?:\s*[/／]?\s*[\u4e00-\u9fff]{0,8}?(?:报导|报道))?\s*$"
)
# A site's menu flattened into a line: "首页| 全州| 时政| 领导| 县市" (not a table's row: "案例编号 | 学员情况 |"), and
# its notices about itself.
_SITE_MENU = re.compile(
    r"^(?![|｜])(?:\s*[^|｜\s]{1,6}[|｜]){3,}\s*[^|｜\s][^|｜]{0,7}$|^[\d\s/／]*文档名称[:：]?$|^(?:点击阅读下一[则篇条](?:新闻|文章)?\s*)+$"
    r"|^(?:申明敬告|声明敬告)[:：]|本站(?:所有内容|不对|不保证|不承担)|不良信息举报电话|跟帖评论自律管理|请使用浏览器(?:的)?分享功能"
    r"|下载后只包含|付费下载过本站|^浏览记录$"
    # a document site's particulars of the file: "ID:6427154", "页数:17页", "大小:99.50 KB"
    r"|^(?:ID|文档ID|文档编号|页数|大小|下载次数|上传时间|上传者|贡献者)\s*[:：]\s*[\w.\-: /]{1,24}$"
    r"|^(?:时间|日期)\s*[:：]\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?$"
    # a menu led by the home page ("网站首页 新闻 国内 国际 …"), a search box's prompt ("热门搜索:"), a video's credits
    # ("视频剪辑/策划:杨超、秦梦琪"), an exam site's teaser ("最新试题")
    r"|^(?:网站)?首页(?:\s+[^\s，,。]{1,8}){3,}|^(?=.{0,30}$).*热门搜索\s*[:：]?$|^最新试题$"
    r"|^(?:视频|摄像|摄影|剪辑|策划|编辑|监制|校对|审核|出品|制作)(?:[/／、]?(?:视频|摄像|摄影|剪辑|策划|编辑|监制|校对|审核|出品|制作))*"
    r"\s*[:：]\s*[\u4e00-\u9fff]{2,4}(?:[、\s]+[\u4e00-\u9fff]{2,4})*$"
    # a template's unfilled placeholders in a line of page particulars ("_NEWSDATE: 2025-08-24 | … | _FONTSIZE: _FONT_SMALL")
    r"|(?<![A-Za-z0-9])_[A-Z]{2,}[A-Z_]*.*(?<![A-Za-z0-9])_[A-Z]{2,}[A-Z_]*"
    # an e-paper's page: "第04版:财经", "第A02版:财经要闻 上一版3 4下一版"
    r"|^第[A-Z]?\d{1,3}版\s*[:：]\s*[\u4e00-\u9fff]{2,6}(?:\s.{0,16})?$"
)
# Words of a site's own buttons and banners; a short line with two of them is the site's, not the story's
# ("陕西工人报官方网站 | 陕工网首页 今天是", "分享好友 厨具导购网站首页 频道列表", "欢迎来到天天文库浏览记录ID").
_SITE_WORDS = ("首页", "官方网站", "频道列表", "上一版", "下一版", "分享好友", "微信好友", "点击右上角", "浏览记录", "欢迎来到",
               "由会员分享", "可在线阅读", "文库", "今天是", "设为首页", "加入收藏", "欢迎访问")


def _site_line(text: str) -> bool:
    """A short line made of a site's chrome (see _SITE_WORDS, _PRESS_BYLINE, _SITE_MENU)."""
    stripped = text.strip()
    if _PRESS_BYLINE.match(stripped) or _SITE_MENU.search(stripped):
        return True
    return len(stripped) <= 60 and sum(word in stripped for word in _SITE_WORDS) >= 2


# A title line stuffed with search keywords separated by _ or |: spam.
_KEYWORD_STUFFING = re.compile(r"^(?:[^_|｜\s]{2,24}[_|｜]){3,}[^_|｜\s]{2,24}$")
# A site's link list flattened into one line: "视频1 视频21 视频41 … 推荐1 推荐3 …" (ten or more short words, no sentence).
_LINK_LIST = re.compile(r"^(?:[^\s，,。；;！!？?]{1,8}\s+){9,}[^\s，,。；;！!？?]{1,8}$")
# A table-of-contents entry: a short heading ending in a page number.
TOC_ENTRY = re.compile(r"^.{2,40}?[\u4e00-\u9fff:：?？)）](?:\s*[.·…]{2,}\s*|\s*)\d{1,3}$")
# Each run is tried from its first character only (the lookbehinds): a long run of dots in a line
# made every position of it scan to the end, quadratic in the run's length.
TRUNCATED = re.compile(r"(?:(?<!\.)\.{4,}|(?<!…)…{2,}|(?<!。)。{3,})$")
_PAGE_NUMBER = re.compile(r"^[-—\s]*\d{1,3}[-—\s]*[。.]?$|^[/／]\s*\d{1,3}$")  # "12", "- 3 -", a viewer's "/ 1"
_DATE_ONLY = re.compile(r"^[二〇○零一三四五六七八九十\d]{4}\s*年[\d一二三四五六七八九十]{1,3}\s*月[\d一二三四五六七八九十]{1,3}\s*日$")


def line_noise(text: str, ad_brands: set[str]) -> str | None:
    """The reason a whole line is noise, or None to keep it."""
    text = text.lstrip("# ")
    if _BOILERPLATE.search(text):
        return "网站模板"
    bare = text.strip("【】[]（）() ")  # a caption in brackets: "【资料图】"
    if _CHROME.search(text) or (bare != text and _CHROME.search(bare)) or CLOCK.fullmatch(text.strip()):
        return "网页信息"
    if _site_line(text):
        return "网页信息"
    if _KEYWORD_STUFFING.match(text):
        return "垃圾信息"
    if _LINK_LIST.match(text.strip()):
        return "网页信息"
    if not re.search(r"[\u4e00-\u9fff]", text) and len(re.findall(r"[A-Za-z]+", text)) >= 5:
        return "外文模板"
    low = text.lower()
    if (sum(term in low for term in _SPAM_TERMS) >= 3 or (_PORN.search(text) and _VIDEO.search(text))
            or (len(text) <= 30 and _STREAMING.search(text))):
        return "垃圾信息"
    promo = sum(term in text for term in _PROMO_TERMS)
    if promo >= 2 or (promo and any(b in text for b in ad_brands)):
        return "广告"
    if _course_blurb(text):
        return "课程大纲"
    if _PAGE_NUMBER.match(text) or _DATE_ONLY.match(text):
        return "页码日期"
    if TRUNCATED.search(text) and len(text) <= 60 and not re.search(r"[。！？!?]", text.rstrip(".…。")):
        return "相关文章"  # a teaser cut off ("业主投诉物业的十种……"), not a story that trails off after its sentences
    return None


def _course_blurb(text: str) -> bool:
    """A training course's blurb (课程大纲, 主讲, 讲师). A trainee's complaint about a course is none: with only
    课程 and 学员 it tells of a dispute ("学员B未完成培训课程即被要求补交费用…最终退还全部费用")."""
    found = [term for term in _COURSE_TERMS if term in text]
    if len(found) < 2:
        return False
    return bool(set(found) - {"课程", "学员"}) or not _DISPUTE.search(text)
