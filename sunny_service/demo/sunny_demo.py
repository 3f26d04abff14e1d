"""The demo cases' two months, replayed through the real workflow.

The cases arrive as records of demo/sunny_case_demo.xml (what was asked, by whom,
through which channel). ``STORIES`` below says what happened to each of them
afterwards, day by day, and who did it; ``sunny.demo._load_demo_cases()``, called at
the end of that file, replays every step as the demo user whose role it is, so that
role checks, deadlines, records and chatter are the real ones. After each day it
dates that day's work N working days before today and computes the deadlines again
from the moved assignment date: the demo is always "two months up to today",
whenever it is installed, with cases overdue, done late and due today. This
morning's deadline scan ends it (cases due soon and overdue, reminders, escalations).
"""

import datetime
from collections import defaultdict
from functools import partial

from markupsafe import Markup

from odoo import api, models
from odoo.tools import SQL

# STORIES: case xml id -> (working days ago it arrived, its steps), in the order the
# cases arrived. A step is (working days ago, who, what, *arguments):
#   who   the demo login doing it (demo/LOGINS.txt), or "submitter" for the anonymous
#         person on /sunny/query;
#   what  one of the verbs of SunnyDemo._demo_step(): units by the stem of their xml
#         id ("hq" is unit_hq_demo), people by their login.
# Within a day, steps run story by story, in the order written.
# fmt: off
STORIES = {
    # a named student's complaint from the website: answered, followed up, then
    # published by the center manager, anonymised
    "case_canteen_price_demo": (38, [
        (37, "center_staff", "register"),
        (37, "center_staff", "assign", "hq"),
        (37, "officer_hq", "accept", "handler_hq"),
        (35, "handler_hq", "draft_reply", "张子涵同学：您好！您反映的问题已收悉。经饮食服务中心核查，本学期因猪肉、蔬菜等原材料采购价格上涨，第二食堂部分承包窗口自行上调了售价，但未按规定报备，个别窗口还存在分量不足的问题。我处已责令相关窗口恢复原价，并在各食堂入口公示主要菜品的价格和标准分量；今后调价须经伙食管理委员会审议并提前公示。欢迎同学们继续监督，如发现分量不足，可拨打饮食服务中心电话0731-58680215反映。后勤保障处"),
        (35, "officer_hq", "submit_reply"),
        (34, "center_staff", "approve_reply"),
        (32, "center_staff", "follow_up", "satisfied", "电话回访张同学：二食堂相关窗口已恢复原价并公示了标准分量，对处理结果表示满意，希望保持下去。", "phone"),
        (30, "center_manager", "publish", "关于第二食堂菜品价格与分量的投诉", "张**同学反映：开学以来第二食堂一楼多个窗口菜品价格上涨1至2元，分量却有所减少，且未张贴调价说明，希望公开定价依据并加强监管。", "经饮食服务中心核查，第二食堂部分承包窗口因原材料价格上涨自行上调售价且未按规定报备，个别窗口分量不足。后勤保障处已责令相关窗口恢复原价，并在各食堂入口公示主要菜品价格和标准分量；今后调价须经伙食管理委员会审议并提前公示。如发现分量不足，可拨打0731-58680215反映。"),
    ]),
    # three students, one problem: the center merges a phone call and a second
    # web form into the first case; supervised; the anonymous submitter rates the reply
    # on /sunny/query with the case's query code
    "case_course_crash_demo": (36, [
        (36, "center_staff2", "register"),
        (36, "center_staff2", "merge_duplicates", "case_course_crash_phone_demo", "case_course_crash_web_demo"),
        (36, "center_staff2", "assign", "jwc"),
        (36, "center_manager", "supervise", "选课问题涉及全校学生，列入督办，请教务处每日报告处理进展。"),
        (36, "officer_jwc", "accept", "handler_jwc"),
        (36, "handler_jwc", "note_progress", "已联系教务系统供应商排查：选课开放时并发请求超出应用服务器承载能力。网络信息中心已临时扩容两台应用服务器。"),
        (34, "handler_jwc", "draft_reply", "同学：您好！选课开放首日，因集中访问量超出教务系统服务器承载能力，导致系统长时间无法登录，给同学们带来不便，我们深表歉意。个别同学在校外能够登录，是因为其访问请求恰好分配到了尚有余量的服务器，并不存在特殊通道。学校已采取以下措施：一、网络信息中心已为教务系统扩容服务器；二、对首日已满的公选课增加课容量；三、本学期公选课补选时间延长至下周五，分年级错峰开放。具体安排详见教务处网站通知。教务处"),
        (34, "officer_jwc", "submit_reply"),
        (33, "center_staff2", "approve_reply"),
        (31, "submitter", "rate", "very_satisfied", "补选已经顺利完成，系统运行正常，感谢教务处！"),
    ]),
    # merged into case_course_crash_demo the day they arrived
    "case_course_crash_phone_demo": (36, []),
    "case_course_crash_web_demo": (36, []),
    "case_scholarship_publicity_demo": (33, [
        (32, "center_staff", "register"),
        (32, "center_staff", "assign", "xgc"),
        (32, "officer_xgc", "accept", "handler_xgc"),
        (30, "handler_xgc", "submit_reply", "刘佳怡同学：您好！感谢你的建议。经研究，学生工作处已修订《奖助学金评定工作细则》：一、各类奖助学金评定结果公示期统一为5个工作日，遇节假日顺延；二、公示须在学院网站、学院公告栏和班级群同步发布；三、公示内容包括综合测评成绩及排名（不含家庭经济情况等个人隐私信息）。本年度国家励志奖学金已按新要求重新公示。学生工作处"),
        (29, "center_staff", "approve_reply"),
        (27, "center_staff", "follow_up", "satisfied", "邮件回访刘同学：已看到重新公示的结果和修订后的细则，表示满意。", "email"),
    ]),
    # the first reply did not solve it: dissatisfied, the case goes back to the unit
    "case_hot_water_demo": (30, [
        (30, "center_staff", "register"),
        (30, "center_staff", "assign", "hq"),
        (30, "center_staff", "supervise", "整栋宿舍600余名学生受影响，列入督办。"),
        (29, "officer_hq", "accept", "handler_hq2"),
        (27, "officer_hq", "submit_reply", "李思远同学：您好！经物业维修中心现场排查，东区12栋热水循环泵老化导致高楼层水压不足、水温波动。我处已于本周更换循环泵并调校温控装置，同时将该栋热水供应时间延长至晚上11点30分。如仍有问题，请拨打24小时报修电话0731-58680211。后勤保障处"),
        (26, "center_staff", "approve_reply"),
        (24, "center_staff", "follow_up", "dissatisfied", "电话回访李同学：更换循环泵后水温有改善，但晚上10点后8楼以上仍经常没有热水，对处理结果不满意。已退回后勤保障处继续办理。", "phone"),
        (22, "handler_hq2", "note_progress", "复查发现屋顶水箱补水阀故障，夜间用水高峰后水箱水位不足。已更换补水阀，并加装一台增压泵。"),
        (22, "handler_hq2", "draft_reply", "李思远同学：您好！根据您的再次反映，物业维修中心对东区12栋热水系统进行了复查，发现屋顶水箱补水阀故障导致夜间水位不足，已更换补水阀并加装增压泵。经连续三晚测试，8楼以上23:30前水温稳定在45℃以上。给您带来的不便，我们深表歉意。后勤保障处"),
        (22, "officer_hq", "submit_reply"),
        (21, "center_staff", "approve_reply"),
        (19, "center_staff", "follow_up", "basic", "再次电话回访李同学：热水已基本正常，偶尔仍有水温波动，基本满意。", "phone"),
    ]),
    "case_library_hours_demo": (28, [
        (27, "center_staff2", "register"),
        (27, "center_staff2", "assign", "lib"),
        (27, "officer_lib", "accept"),
        (25, "officer_lib", "submit_reply", "黄诗琪同学：您好！感谢您的建议。经馆务会研究，自本学期第16周起至期末考试结束，以及每年考研初试前一个月，图书馆二楼自习区开放时间延长至23:00，22:00后仅开放东侧入口，请同学们持校园卡进出。延时开放期间我馆安排专人值班，请同学们注意安全、保持安静。图书馆"),
        (24, "center_staff2", "approve_reply"),
        (22, "center_staff2", "follow_up", "very_satisfied", "邮件回访黄同学：非常满意，已经在延时时段去自习，希望长期坚持。", "email"),
        (20, "center_manager", "publish", "关于考试周图书馆自习室延长开放时间的建议", "黄**同学建议：期末考试周和考研冲刺阶段图书馆座位紧张，建议将图书馆二楼自习区开放时间延长至晚上11点。", "经图书馆馆务会研究，自本学期第16周起至期末考试结束，以及每年考研初试前一个月，图书馆二楼自习区开放至23:00，22:00后仅开放东侧入口，凭校园卡进出。"),
    ]),
    # a named report by letter, typed in by discipline inspection: confidential,
    # entrusted to one officer, its extension approved
    "case_procurement_report_demo": (27, [
        (26, "discipline", "register"),
        (26, "discipline", "supervise", "实名举报，纪委督办，核查过程严格保密。"),
        (26, "discipline", "assign", "jwb", "officer_jwb"),
        (26, "officer_jwb", "accept"),
        (26, "officer_jwb", "ask_extension", 10, "需调取近一年的采购档案，并向供应商和市场进行价格比对调查，7个工作日内难以完成核查。"),
        (25, "center_manager", "approve_extension", "同意延期10个工作日，请严格保密，核查结果报中心主任和纪委。"),
        (16, "officer_jwb", "submit_reply", "周老师：您好！您反映的问题已由纪委办公室（监察处）会同国有资产管理处核查。经调取采购档案、向生产厂家和其他供应商询价比对：该批实验台为定制规格，含安装和三年质保，价格在合理区间；示波器单价高于网上零售价约8%，主要是含配套探头和培训服务，未发现明显违规。三家报价单位之间未发现股权关联。核查中发现该学院询价记录不完整、比价说明不充分，已责成其整改，并对相关人员进行了提醒谈话。感谢您对学校工作的监督。纪委办公室（监察处）"),
        (15, "discipline", "approve_reply"),
        (13, "discipline", "follow_up", "basic", "约谈举报人当面反馈核查结果：认可核查程序，但认为价格仍偏高，基本满意。已提醒其注意保密。", "visit"),
    ]),
    "case_network_dropout_demo": (26, [
        (25, "center_staff2", "register"),
        (25, "center_staff2", "assign", "net"),
        (25, "center_staff2", "supervise", "影响西区四栋宿舍学生学习，列入督办。"),
        (25, "officer_net", "accept", "handler_net"),
        (25, "officer_net", "ask_extension", 5, "经初步排查，西区汇聚交换机端口老化、带宽不足，需更换设备，设备采购和割接需在夜间分批进行，申请延期5个工作日。"),
        (24, "center_manager", "approve_extension", "同意延期5个工作日。设备更换期间请在宿舍区张贴通知，尽量减少对学生的影响。"),
        (12, "officer_net", "submit_reply", "周子轩同学：您好！经排查，西区5至8栋宿舍断线的原因是汇聚交换机端口老化、上联带宽不足。网络信息中心已更换西区两台汇聚交换机，上联带宽由1G扩容至10G，并调整了认证服务器的会话保持时间。割接完成后连续一周监测，晚间高峰未再出现大面积断线。此前服务台答复不准确，我们已对服务台人员进行了培训。网络信息中心"),
        (11, "center_staff2", "approve_reply"),
        (9, "center_staff2", "follow_up", "basic", "邮件回访周同学：网络已经稳定，但问题拖了一个多月才解决，服务台最初的答复也让人不满，基本满意。", "email"),
    ]),
    "case_praise_counselor_demo": (24, [
        (23, "center_staff", "register"),
        (23, "center_staff", "assign", "jx"),
        (23, "officer_jx", "accept"),
        (21, "officer_jx", "submit_reply", "王女士：您好！感谢您对我院学生工作的肯定。您的来信已转达刘老师本人，学院在全体辅导员例会上对其进行了通报表扬，并推荐其参评学校“优秀辅导员”。关心学生是我们的本分，也祝孩子早日康复、学业进步。机械工程学院"),
        (21, "center_staff", "approve_reply"),
        (19, "center_staff", "follow_up", "very_satisfied", "电话回访王女士：学院的处理很及时，非常满意。", "phone"),
    ]),
    # a consultation the center answers itself
    "case_tuition_invoice_demo": (22, [
        (22, "center_staff2", "register"),
        (22, "center_staff2", "submit_reply", "赵先生：您好！学费缴纳成功后约5个工作日，财政电子票据会自动开具。请登录学校统一缴费平台，进入“我的票据”下载PDF版电子票据，也可在“湖南省财政电子票据查验平台”查验真伪。电子票据与纸质票据具有同等效力。如超过10个工作日仍未生成，请拨打财务处电话0731-58680230。教育阳光服务中心"),
        (21, "center_staff", "approve_reply"),
        (20, "center_staff2", "follow_up", "satisfied", "电话回访赵先生：已按指引下载电子票据，满意。", "phone"),
    ]),
    # handed over by the president's mailbox
    "case_elevator_demo": (21, [
        (21, "center_manager", "register"),
        (21, "center_manager", "assign", "hq"),
        (21, "officer_hq", "accept", "handler_hq2"),
        (18, "handler_hq2", "submit_reply", "经后勤保障处与电梯维保单位研究，自下周一起，第一教学楼两部电梯在课间高峰时段（每节课下课前后10分钟）实行分层停靠：1号梯停靠单数层，2号梯停靠双数层；电梯厅张贴“请优先礼让行动不便师生”提示，并由物业安排人员在高峰时段引导。学校已将第一教学楼加装电梯列入明年维修改造计划论证。后勤保障处"),
        (17, "center_manager", "approve_reply"),
        (15, "center_staff", "follow_up", "satisfied", "向校长办公室反馈办理结果，并现场查看：高峰时段分层停靠已实施，排队明显缓解。", "visit"),
    ]),
    # the leak came back: very dissatisfied, the case is reopened and supervised
    "case_dorm_leak_demo": (20, [
        (19, "center_staff", "register"),
        (19, "center_staff", "assign", "hq"),
        (19, "officer_hq", "accept", "handler_hq2"),
        (17, "officer_hq", "submit_reply", "陈宇航同学：您好！物业维修中心已对西区7栋515宿舍卫生间排水管接口进行更换，并对415宿舍天花板做了防水处理和墙面除霉。此前报修处理拖延，是因为需协调楼上宿舍同学入户维修，我们已改进报修跟踪流程。后勤保障处"),
        (16, "center_staff", "approve_reply"),
        (14, "center_staff", "follow_up", "very_dissatisfied", "电话回访陈同学：维修后第三天又开始渗水，墙面霉斑未处理干净，宿舍同学意见很大，非常不满意。退回后勤保障处重新办理，列入督办。", "phone"),
        (14, "center_manager", "supervise", "维修后再次漏水，学生非常不满意，列入督办，请后勤保障处限期彻底整改。"),
    ]),
    "case_praise_canteen_demo": (20, [
        (19, "center_staff", "register"),
        (19, "center_staff", "assign", "hq"),
        (19, "officer_hq", "accept", "handler_hq"),
        (17, "officer_hq", "submit_reply", "梁静同学：您好！您的表扬已转达第一食堂李阿姨。饮食服务中心在全体员工大会上对李阿姨拾金不昧的行为进行了通报表扬，并给予奖励。感谢您对后勤工作的支持！后勤保障处"),
        (16, "center_staff", "approve_reply"),
        (14, "center_staff", "follow_up", "very_satisfied", "邮件回访梁同学：很高兴学校表扬了李阿姨，非常满意。", "email"),
    ]),
    # not accepted
    "case_ad_spam_demo": (18, [
        (18, "center_staff2", "reject", "内容为商业推广信息，不属于教育阳光服务受理范围，不予受理。"),
    ]),
    "case_title_review_demo": (18, [
        (17, "center_staff", "register"),
        (17, "center_staff", "assign", "rsc"),
        (17, "officer_rsc", "accept"),
        (15, "officer_rsc", "submit_reply", "肖老师：您好！本年度职称评审材料提交截止时间为12月20日，具体安排以人事处网站正式通知为准。申报副教授需提交代表性成果3至5项；教学业绩考核表须经学院教学工作委员会审核并加盖学院公章。如有其他疑问，请致电人事处0731-58680160。人事处"),
        (14, "center_staff2", "approve_reply"),
        (12, "center_staff2", "follow_up", "satisfied", "邮件回访肖老师：答复清楚，满意。", "email"),
    ]),
    "case_private_loan_demo": (15, [
        (15, "center_staff", "reject", "属个人之间的民事纠纷，不属于教育阳光服务受理范围。建议双方协商解决，或通过法律途径维护权益；如涉及校园贷等问题，可向学生工作处或保卫处反映。"),
    ]),
    # the refund arrived: the parent withdraws the case by phone
    "case_dorm_fee_refund_demo": (14, [
        (14, "center_staff2", "register"),
        (14, "center_staff2", "assign", "cwc"),
        (14, "officer_cwc", "accept"),
        (13, "center_staff2", "log_note", "孙女士来电告知退费已于今日到账，申请撤销本件。"),
        (13, "center_staff2", "cancel"),
    ]),
    # outside the remit of the first unit: returned, then sent to the right one;
    # the first-contact unit stays recorded
    "case_parking_fire_lane_demo": (12, [
        (12, "center_staff", "register"),
        (12, "center_staff", "assign", "hq"),
        (11, "officer_hq", "return_to_center", "根据学校职能分工，校园交通秩序、机动车停放和消防通道管理属保卫处职责，后勤保障处负责配合施划停车位和设置标识。请中心改派保卫处办理。"),
        (11, "center_staff", "assign", "bwc"),
        (10, "officer_bwc", "accept"),
    ]),
    # the student found the answer elsewhere and withdraws the case from the portal
    "case_transcript_demo": (11, [
        (11, "center_staff", "register"),
        (10, "student2", "cancel"),
    ]),
    # an extension the center manager refuses
    "case_library_seat_demo": (10, [
        (9, "center_staff", "register"),
        (9, "center_staff", "assign", "lib"),
        (9, "officer_lib", "accept"),
        (9, "officer_lib", "ask_extension", 3, "预约规则调整需提交馆务会审议，并需供应商修改系统签到功能，申请延期3个工作日。"),
        (7, "center_manager", "refuse_extension", "预约规则调整可先以馆内通知形式执行，系统功能修改不影响答复，不予延期，请按期答复。"),
        (5, "officer_lib", "submit_reply", "吴雨桐同学：您好！感谢您的反映。图书馆已调整座位预约规则：一、预约后30分钟内未签到自动释放座位，系统已恢复该功能；二、临时离开超过60分钟未返回的，座位自动释放；三、一个月内违约3次的账号暂停预约7天。工作人员每天9点、14点巡查，清理无人座位上的物品。新规则自下周一起执行。图书馆"),
    ]),
    "case_cet_schedule_demo": (9, [
        (8, "center_staff", "register"),
        (8, "center_staff", "assign", "jwc"),
        (8, "officer_jwc", "accept", "handler_jwc"),
        (7, "handler_jwc", "submit_reply", "李思远同学：您好！本次全国大学英语四、六级考试准考证打印时间为考前约一周，请登录全国大学英语四六级考试网站打印，准考证上即载明考场地址和座位号。我校考场设在第一、第二教学楼，听力考试采用调频收音机收听，请考生自备调频耳机并提前调试；教务处将在考前组织试音。教务处"),
        (6, "center_staff", "approve_reply"),
    ]),
    # assigned, not accepted within 3 working days: supervised
    "case_mock_exam_fee_demo": (6, [
        (6, "center_staff2", "register"),
        (6, "center_staff2", "assign", "wy"),
        (3, "center_manager", "supervise", "交办3个工作日未签收，且涉及违规收费，列入督办。"),
    ]),
    # returned by the unit: waits for the center to assign it again
    "case_gym_fee_demo": (6, [
        (5, "center_staff", "register"),
        (5, "center_staff", "assign", "cwc"),
        (4, "officer_cwc", "return_to_center", "体育场馆对外开放收费标准由后勤保障处（体育场馆管理中心）制定并报备，本处仅负责收入的收缴和票据管理，请改派后勤保障处答复。"),
    ]),
    "case_dorm_ac_demo": (6, [
        (5, "center_staff", "register"),
        (5, "center_staff", "assign", "hq"),
        (5, "officer_hq", "accept"),
        (1, "officer_hq", "submit_reply", "宋佳同学：您好！感谢您的建议。学校已将老旧宿舍空调安装列入后勤改造规划，后勤保障处正在对东区1至6栋进行电力增容可行性论证，并调研兄弟院校的租赁模式。论证完成后，将通过学生代表座谈会征求意见，力争明年夏季前在东区宿舍分批安装。后勤保障处"),
    ]),
    "case_winter_stay_demo": (5, [
        (5, "center_staff", "register"),
        (5, "center_staff", "assign", "xgc"),
        (4, "officer_xgc", "accept", "handler_xgc"),
        (3, "handler_xgc", "submit_reply", "同学：您好！寒假留校住宿请于放假前两周登录“学工系统—假期留校申请”提交申请，经辅导员和学院审核后，由学生工作处统一安排至东区3栋集中住宿，不另收住宿费。留校期间第一食堂正常开放（除夕至初三除外），学校安排值班辅导员和宿管人员。学生工作处"),
        (2, "center_staff", "approve_reply"),
    ]),
    "case_archive_transfer_demo": (5, [
        (4, "center_staff2", "register"),
        (4, "center_staff2", "assign", "zjc"),
        (4, "officer_zjc", "accept"),
        (3, "officer_zjc", "submit_reply", "谭亮同学：您好！经查询，您的档案已于2024年7月通过机要通信寄往您就业报到证上的单位，机要编号已通过短信发送至您登记的手机号。由于您入职单位与报到证单位不一致，档案目前存放在原接收单位人事部门。建议您持身份证到原单位办理档案转出，或联系我处0731-58680150开具改派手续。招生就业处"),
        (2, "center_staff2", "approve_reply"),
    ]),
    "case_campus_card_demo": (4, [
        (4, "center_staff2", "register"),
        (4, "center_staff2", "assign", "net"),
        (4, "officer_net", "accept", "handler_net"),
        (2, "handler_net", "submit_reply", "郑文同学：您好！校园卡挂失后，请携带身份证或学生证到图文信息中心一楼校园卡服务中心补办，工本费20元，当场取卡。原卡余额在挂失24小时后自动转入新卡。补办时间：周一至周五 8:30-11:30，14:30-17:00。网络信息中心"),
    ]),
    # an anonymous report from the website: confidential, for discipline inspection
    "case_admission_report_demo": (4, [
        (3, "discipline", "register"),
        (3, "discipline", "supervise", "涉及招生公平，纪委督办，严格保密。"),
        (3, "discipline", "assign", "jwb", "officer_jwb"),
        (2, "officer_jwb", "accept"),
    ]),
    # an extension asked for yesterday, waiting for the center manager
    "case_lab_computers_demo": (3, [
        (2, "center_staff", "register"),
        (2, "center_staff", "assign", "cs"),
        (2, "officer_cs", "accept", "handler_cs"),
        (1, "officer_cs", "ask_extension", 10, "机房整体更新需纳入学校明年设备采购计划，近期拟先为三个机房加装内存，内存采购和安装约需两周，申请延期10个工作日。"),
        (1, "handler_cs", "note_progress", "已统计B区三个机房共180台电脑，加装8G内存的采购申请已报学院审批；整机更新方案已报国有资产管理处。"),
    ]),
    "case_teacher_absence_demo": (3, [
        (3, "center_staff", "register"),
        (3, "center_staff", "assign", "jg"),
        (2, "officer_jg", "accept"),
    ]),
    "case_new_staff_allowance_demo": (2, [
        (2, "center_staff2", "register"),
    ]),
    "case_dorm_allocation_demo": (2, [
        (2, "center_staff", "register"),
        (2, "center_staff", "assign", "xgc"),
        (2, "officer_xgc", "accept", "handler_xgc"),
    ]),
    "case_praise_foreign_teacher_demo": (2, [
        (2, "center_staff2", "register"),
        (2, "center_staff2", "assign", "wy"),
    ]),
    "case_praise_security_demo": (2, [
        (2, "center_staff", "register"),
        (2, "center_staff", "assign", "bwc"),
        (2, "officer_bwc", "accept"),
        (1, "officer_bwc", "submit_reply", "罗先生：您好！感谢您对保卫处工作的肯定。帮助群众是我们应尽的职责，您的感谢已转达当晚值班的同志。也提醒您家人外出时为老人佩戴写有联系方式的防走失手环。保卫处"),
        (1, "center_staff", "approve_reply"),
    ]),
    "case_lab_course_notice_demo": (1, [
        (1, "center_staff", "register"),
        (1, "center_staff", "assign", "jx"),
    ]),
    "case_north_gate_demo": (1, [
        (1, "center_staff", "register"),
    ]),
    "case_commuter_bus_demo": (1, [
        (1, "center_staff2", "register"),
        (1, "center_staff2", "submit_reply", "曹老师：您好！冬季作息时间调整后，通勤班车工作日发车时间为：老校区7:10、12:10、17:40，新校区7:40、12:40、18:00。退休教职工凭退休证或校园卡可免费乘坐。详细时刻表见学校门户网站“后勤服务”栏目。教育阳光服务中心"),
    ]),
    # arrived yesterday, waiting to be registered (the last one waits to be screened:
    # sent from the public form with a blocked word)
    "case_dorm_curfew_demo": (1, []),
    "case_express_locker_demo": (1, []),
    "case_elective_suggest_demo": (1, []),
    "case_canteen_contract_report_demo": (1, []),
    "case_screening_demo": (1, []),
}
# fmt: on

# Minutes after the start of a case's slot of the day at which each date is set.
DATE_OFFSETS = {
    "received_date": 0,
    "assigned_date": 8,
    "first_reply_date": 14,
    "replied_date": 18,
    "closed_date": 22,
}


def _set_create_date(records, value):
    """Move the creation date of ``records``: the ORM never writes it, only SQL can."""
    if records:
        records.env.cr.execute(
            SQL(
                "UPDATE %s SET create_date = %s WHERE id IN %s",
                SQL.identifier(records._table),
                value,
                tuple(records.ids),
            )
        )
        records.invalidate_recordset(["create_date"])


class SunnyDemo(models.AbstractModel):
    _name = "sunny.demo"
    _description = "Sunshine Service Demo Scenario"

    @api.model
    def _load_demo_translations(self):
        """The addon's translations now, not at the end of the install as Odoo loads
        them: the demo's story writes labels (the states traced in the chatter, the
        to-dos' types) that must already be in the university's language."""
        lang = self.env["sunny.calendar"].lang()
        if lang != "en_US":
            self.env["ir.module.module"]._load_module_terms(["sunny_service"], [lang])
            # stored by SQL: what the install read before is stale
            self.env.invalidate_all()
            self.env.registry.clear_cache()

    @api.model
    def _load_demo_cases(self):
        """Replay STORIES day by day, the oldest day first, then this morning's scan,
        in the university's language (Chinese when installed), as the service runs:
        the chatter reads as the users wrote it, not in the installer's English."""
        self.with_context(lang=self.env["sunny.calendar"].lang())._demo_replay()

    @api.model
    def _demo_replay(self):
        # what this install did is still dated now; what was dated lies days ago
        fresh = self.env.cr.now() - datetime.timedelta(minutes=1)
        arrivals, steps = defaultdict(list), defaultdict(list)
        for xmlid, (arrived, story) in STORIES.items():
            arrivals[arrived].append(xmlid)
            for days_ago, who, what, *args in story:
                steps[days_ago].append((xmlid, who, what, args))
        # the cases were created just before: a write in the same transaction as a
        # creation is not tracked, so close their creation first
        self._demo_write_tracking()
        self._demo_name_creations(self._demo_cases(STORIES))
        received = self.env["sunny.case"]
        for days_ago in range(max(arrivals), 0, -1):
            received |= self._demo_cases(arrivals[days_ago])
            for xmlid, who, what, args in steps[days_ago]:
                self._demo_step(self._demo_cases([xmlid]), who, what, *args)
                self._demo_write_tracking()
            self._demo_date_day(received, days_ago, fresh)
        self.env["sunny.case"]._cron_deadline_scan()
        self._demo_write_tracking()

    @api.model
    def _demo_name_creations(self, cases):
        """The XML loader creates the cases in no language: the first line of their
        chatter names the model in English. Written again as the service writes it."""
        for case in cases:
            first = case.message_ids.sorted("id")[:1]
            if first.message_type == "notification" and not first.tracking_value_ids:
                first.sudo().body = Markup("<p>%s</p>") % case._creation_message()

    @api.model
    def _demo_cases(self, xmlids):
        return self.env["sunny.case"].browse([self.env.ref(f"sunny_service.{xmlid}").id for xmlid in xmlids])

    @api.model
    def _demo_user(self, login):
        return login and self.env.ref(f"sunny_service.user_{login}_demo")

    @api.model
    def _demo_step(self, case, who, what, *args):
        """Do ``what`` to ``case`` as the demo user ``who``, with ``args``, in the
        user's language (the submitter's page is in the university's)."""
        if who != "submitter":
            user = self._demo_user(who)
            case = case.with_user(user).with_context(lang=user.lang or self.env.lang)

        def assign(unit, officer=None):
            unit = self.env.ref(f"sunny_service.unit_{unit}_demo")
            case.action_assign(unit, entrusted_users=self._demo_user(officer))

        def merge_duplicates(*duplicates):
            duplicates = self._demo_cases(duplicates).with_user(case.env.user)
            duplicates.action_merge_into(case)

        def publish(title, content, reply):
            public = {"title": title, "content": content, "reply": reply}
            case.write({f"public_{key}": text for key, text in public.items()})
            warning = case.action_publish()
            if isinstance(warning, dict):
                # the texts hold what looks like personal data (the canteen's public
                # phone line): the manager reads the list and publishes anyway
                case.env[warning["res_model"]].browse(warning["res_id"]).action_confirm()

        def log_note(text):
            case.message_post(body=text, subtype_xmlid="mail.mt_note")

        def decide_extension(decision, comment):
            pending = case.extension_ids.filtered(lambda e: e.state == "pending")
            getattr(pending, decision)(comment)

        verbs = {
            # the center
            "register": case.action_register,
            "reject": case.action_reject,  # reason
            "merge_duplicates": merge_duplicates,  # xml ids of the duplicates
            "assign": assign,  # unit[, officer a confidential case is entrusted to]
            "supervise": case.action_supervise,  # note (督办)
            "approve_reply": case.action_approve_reply,
            "follow_up": case.action_follow_up,  # satisfaction, note, method
            "publish": publish,  # anonymised title, content, reply
            "approve_extension": partial(decide_extension, "action_approve"),  # comment
            "refuse_extension": partial(decide_extension, "action_refuse"),  # comment
            "log_note": log_note,  # text
            # the unit
            "accept": lambda handler=None: case.action_accept(self._demo_user(handler)),
            "return_to_center": case.action_return,  # reason
            "note_progress": lambda text: case.write({"progress_note": text}),
            "draft_reply": lambda text: case.write({"reply_draft": text}),
            "submit_reply": case.action_submit_reply,  # [the reply, else the draft]
            "ask_extension": case.action_request_extension,  # working days, reason
            # the submitter (the center also withdraws a case for them, on the phone)
            "rate": case._public_rate,  # satisfaction, note
            "cancel": case.action_cancel,
        }
        verbs[what](*args)

    @api.model
    def _demo_write_tracking(self):
        """Write the tracking of the step just done to the chatter, as the end of a
        transaction does: a module install is one transaction, and without this a case
        changed by several steps would get one line, signed by the first user only."""
        self.env.cr.flush()  # flushes, then runs the precommit hooks (mail tracking)

    @api.model
    def _demo_workday(self, days_ago):
        """The date ``days_ago`` working days before today."""
        Holiday = self.env["sunny.holiday"]
        day = self.env["sunny.calendar"].today()
        counted = 0
        while counted < days_ago:
            day -= datetime.timedelta(days=1)
            counted += Holiday.is_workday(day)
        return day

    @api.model
    def _demo_close_todos(self):
        """The officers tick off their "new case" to-do once the case left their desk
        (the center's to-dos, returned cases and extensions to decide, stay)."""
        Case = self.env["sunny.case"].sudo()
        Activity = self.env["mail.activity"].sudo()
        todos = Activity.search(
            [
                ("res_model", "=", "sunny.case"),
                ("activity_type_id", "=", self.env.ref("sunny_service.mail_activity_type_case_assigned").id),
            ]
        )
        for activity in todos:
            case = Case.browse(activity.res_id)
            officers = case.unit_id.officer_ids
            if case.state != "assigned" or activity.user_id not in officers:
                activity.with_user(activity.user_id).sudo().action_feedback(feedback="已签收。")

    @api.model
    def _demo_date_day(self, received, days_ago, fresh):
        """Date what was done since ``fresh`` to the cases ``received`` so far to the
        day ``days_ago`` working days before today: each case touched gets a slot of 25
        minutes from 8:30 (in the order of the cases), its dates and messages follow
        each other in it, and its deadlines are computed again from the moved
        assignment."""
        self._demo_close_todos()
        Case = self.env["sunny.case"].sudo()
        Case = Case.with_context(mail_notrack=True, tracking_disable=True)
        day = self._demo_workday(days_ago)
        Calendar = self.env["sunny.calendar"]

        def at(minutes):
            """The naive UTC datetime of ``day``, 8:00 local time plus ``minutes``."""
            local = datetime.datetime.combine(day, datetime.time(8, 0))
            return Calendar.to_utc(local + datetime.timedelta(minutes=minutes))

        domain = [("model", "=", "sunny.case"), ("res_id", "in", received.ids)]
        Message = self.env["mail.message"].sudo()
        messages = Message.search(domain + [("date", ">=", fresh)], order="id")
        messages_of = messages.grouped("res_id")
        touched = Case.browse(received.ids).filtered(
            lambda case: case.id in messages_of or any(case[field] and case[field] >= fresh for field in DATE_OFFSETS)
        )
        for index, case in enumerate(touched.sorted("id")):
            base = 30 + 25 * index
            vals = {
                field: at(base + offset)
                for field, offset in DATE_OFFSETS.items()
                if case[field] and case[field] >= fresh
            }
            if "assigned_date" in vals:
                reply_deadlines, resolve_deadlines = self.env["sunny.deadline.rule"]._get_deadlines(
                    vals["assigned_date"]
                )
                vals["reply_deadline"] = reply_deadlines[case.case_type]
                vals["resolve_deadline"] = resolve_deadlines[case.case_type]
                case.activity_ids.write({"date_deadline": Calendar.local_date(vals["reply_deadline"])})
            if "replied_date" in vals:
                deadline = vals.get("resolve_deadline", case.resolve_deadline)
                late = deadline and vals["replied_date"] > deadline
                vals["deadline_state"] = "done_late" if late else "done_on_time"
            case.write(vals)
            if "received_date" in vals:
                _set_create_date(case, vals["received_date"])
            for rank, message in enumerate(messages_of.get(case.id, [])):
                message.write({"date": at(base + 2 * rank)})
                # the deadlines an assignment of this day traced in the chatter
                for tracking in message.tracking_value_ids:
                    name = tracking.field_id.name
                    moved = name in ("reply_deadline", "resolve_deadline") and name in vals
                    if moved and tracking.new_value_datetime:
                        tracking.write({"new_value_datetime": vals[name]})
            self._demo_date_records(case, at, base, fresh)

    @api.model
    def _demo_date_records(self, case, at, base, fresh):
        """Date the returns, follow-ups, extensions and supervision notes of ``case``
        made since ``fresh`` into its slot (``base`` minutes after 8:00, by ``at``)."""
        for records, minutes in (
            (case.return_ids, 10),
            (case.followup_ids, 20),
            (case.supervision_ids, 9),
        ):
            new = records.filtered(lambda r: r.date >= fresh)
            new.write({"date": at(base + minutes)})
            _set_create_date(new, at(base + minutes))
        _set_create_date(case.extension_ids.filtered(lambda r: r.create_date >= fresh), at(base + 12))
        case.extension_ids.filtered(lambda r: r.decided_date and r.decided_date >= fresh).write(
            {"decided_date": at(base + 16)}
        )
