"""Render the sample PDFs of sunny_service_reports (case sheet, bulletin, assessment).

Run inside an Odoo shell on a throw-away database where sunny_service_reports and
the zh_CN language are installed, while an Odoo server of the same database
listens on RENDER_URL (wkhtmltopdf fetches the report assets from it)::

    RENDER_URL=http://127.0.0.1:PORT python3 -m odoo shell -d DB --addons-path=... --no-http \
        < docs/screenshots/render_reports.py

It builds three months of demo-like cases through the real workflow API at fixed
moments of 2026 (freezegun), computes the March bulletin and the 2026
assessment (signed in January 2027), and writes the PDFs to OUT_DIR. Convert and
look at them with ``pdftoppm -png -r 70``.
"""

import datetime
import os
import random

from freezegun import freeze_time

RENDER_URL = os.environ.get("RENDER_URL", "http://127.0.0.1:8069")
OUT_DIR = os.environ.get("OUT_DIR", "/tmp/sunny_render")
os.makedirs(OUT_DIR, exist_ok=True)

env = env(
    context=dict(
        env.context,
        lang="zh_CN",
        tz="Asia/Shanghai",
        tracking_disable=True,  # noqa: F821
        no_reset_password=True,
        mail_create_nolog=True,
        mail_notrack=True,
    )
)
ICP = env["ir.config_parameter"].sudo()
ICP.set_param("web.base.url", RENDER_URL)
ICP.set_param("report.url", RENDER_URL)
ICP.set_param("sunny_service.timezone", "Asia/Shanghai")
env["sunny.holiday"].load_year(2026)
company = env.company
company.write(
    {
        "name": "湖南工程学院",
        "street": "湘潭市岳塘区福星东路88号",
        "city": "湘潭",
        "zip": "411104",
        "phone": "0731-58680000",
        "email": "yangguang@example.edu.cn",
    }
)
env.user.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})

rng = random.Random(2026)


def user(login, name, group):
    Users = env["res.users"].with_context(no_reset_password=True)
    found = Users.search([("login", "=", login)])
    if found:
        return found
    return Users.create(
        {
            "login": login,
            "name": name,
            "email": f"{login}@example.edu.cn",
            "lang": "zh_CN",
            "tz": "Asia/Shanghai",
            "groups_id": [(6, 0, [env.ref(group).id])],
        }
    )


manager = user("zhuren", "王主任", "sunny_service.group_center_manager")
staff = user("zhongxin", "李老师", "sunny_service.group_center_staff")
leader = user("xiaozhang", "赵校长", "sunny_service.group_leadership")

UNITS = [
    ("教务处", "JWC"),
    ("学生工作部", "XGB"),
    ("后勤保障处", "HQC"),
    ("财务处", "CWC"),
    ("计算机与通信学院", "JSJ"),
    ("机械工程学院", "JXY"),
    ("图书馆", "TSG"),
    ("保卫处", "BWC"),
]
units, officers = {}, {}
for sequence, (name, code) in enumerate(UNITS, start=1):
    unit = env["sunny.unit"].search([("code", "=", code)]) or env["sunny.unit"].create(
        {"name": name, "code": code, "sequence": sequence}
    )
    officer = user(f"xxy_{code.lower()}", f"{name}信息员", "sunny_service.group_station_officer")
    if not unit.station_ids:
        env["sunny.station"].create(
            {
                "name": f"{name}服务站",
                "unit_id": unit.id,
                "officer_ids": [(6, 0, officer.ids)],
                "phone": "0731-5868" + str(1000 + sequence),
            }
        )
    units[code], officers[code] = unit, officer

CATEGORIES = {
    "教学管理": (
        "JWC",
        [
            "选课系统登录困难",
            "期末考试时间安排冲突",
            "教务系统成绩查询出错",
            "课程调整通知太晚",
            "补考安排咨询",
            "实验课时间冲突",
        ],
    ),
    "后勤服务": (
        "HQC",
        ["宿舍热水供应不足", "食堂饭菜价格偏高", "宿舍热水器故障", "食堂卫生问题", "宿舍空调维修太慢", "校园路灯损坏"],
    ),
    "财务收费": ("CWC", ["学费缴纳方式咨询", "奖学金发放时间", "报销流程太复杂", "住宿费退费问题"]),
    "学生事务": ("XGB", ["奖学金评定标准", "助学贷款办理咨询", "学生证补办流程", "宿舍调换申请"]),
    "图书资料": ("TSG", ["图书馆开放时间太短", "图书馆座位不够", "图书馆电子资源访问"]),
    "校园安全": ("BWC", ["校门车辆管理", "夜间校园照明不足", "电动车充电安全"]),
}
categories = {}
for sequence, name in enumerate(CATEGORIES, start=1):
    categories[name] = env["sunny.case.category"].search([("name", "=", name)]) or env["sunny.case.category"].create(
        {"name": name, "sequence": sequence, "default_unit_id": units[CATEGORIES[name][0]].id}
    )

Holiday = env["sunny.holiday"]


def at(day, hour):
    """UTC moment of ``hour`` o'clock in Shanghai on ``day``."""
    return datetime.datetime.combine(day, datetime.time(hour)) - datetime.timedelta(hours=8)


def step(moment, records, who, method, *args):
    with freeze_time(moment):
        result = getattr(records.with_user(who), method)(*args)
    env.flush_all()
    env.invalidate_all()
    return result


def workdays(start, end):
    day = start
    while day <= end:
        if Holiday.is_workday(day):
            yield day
        day += datetime.timedelta(days=1)


def make_case(day, category, title, case_type, channel, outcome):
    code = CATEGORIES[category][0]
    unit, officer = units[code], officers[code]
    with freeze_time(at(day, 9)):
        case = env["sunny.case"].create(
            {
                "title": title,
                "content": f"{title}，希望学校尽快了解情况并予以解决。",
                "case_type": case_type,
                "channel": channel,
                "category_id": categories[category].id,
                "submitter_name": rng.choice(["张伟", "王芳", "刘洋", "陈静", "杨帆", "黄磊", "周敏"]),
                "submitter_phone": "138" + str(rng.randint(10000000, 99999999)),
                "submitter_role": rng.choice(["student", "student", "staff", "parent"]),
            }
        )
    center = manager if case.is_confidential else staff
    if outcome == "reject":
        step(at(day, 10), case, center, "action_register")
        step(at(day, 11), case, center, "action_reject", "不属于教育阳光服务受理范围。")
        return case
    step(at(day, 10), case, center, "action_register")
    step(at(day, 10), case, center, "action_assign", unit.with_user(center), officer if case.is_confidential else None)
    if outcome == "return":
        step(at(day, 14), case, officer, "action_return", "不属于本单位职责范围。")
        other = units["XGB"] if code != "XGB" else units["JWC"]
        step(at(day, 16), case, center, "action_assign", other.with_user(center))
        unit, officer = other, officers["XGB" if code != "XGB" else "JWC"]
    step(at(day, 17), case, officer, "action_accept")
    if rng.random() < 0.15:
        step(at(day, 17), case, center, "action_supervise", "涉及学生切身利益，中心督办。")
    if outcome == "open":
        return case
    if outcome == "extension":
        request = step(
            at(Holiday.add_workdays(day, 1), 10), case, officer, "action_request_extension", 3, "需协调多个部门。"
        )
        step(at(Holiday.add_workdays(day, 1), 15), request, manager, "action_approve", "同意延期。")
    late = outcome == "late"
    reply_day = Holiday.add_workdays(day, rng.randint(4, 6) if late else rng.randint(1, 3))
    step(at(reply_day, 10), case, officer, "action_submit_reply", "经核实，已按有关规定处理，并将持续改进。")
    approve_day = Holiday.add_workdays(reply_day, rng.randint(0, 2))
    step(at(approve_day, 16), case, center, "action_approve_reply")
    if outcome == "replied":
        return case
    satisfaction = rng.choices(
        ["very_satisfied", "satisfied", "basic", "dissatisfied", "very_dissatisfied"], [30, 40, 18, 9, 3]
    )[0]
    follow_day = Holiday.add_workdays(approve_day, 1)
    step(at(follow_day, 10), case, center, "action_follow_up", satisfaction, "电话回访。")
    if case.state == "processing":
        again = Holiday.add_workdays(follow_day, 2)
        step(at(again, 10), case, officer, "action_submit_reply", "已再次核实并整改到位。")
        step(at(again, 16), case, center, "action_approve_reply")
        step(at(Holiday.add_workdays(again, 1), 10), case, center, "action_follow_up", "satisfied", "再次回访。")
    return case


if not env["sunny.case"].search_count([]):
    plan = [
        (datetime.date(2026, 1, 5), datetime.date(2026, 1, 30), 14),
        (datetime.date(2026, 2, 2), datetime.date(2026, 2, 27), 16),
        (datetime.date(2026, 3, 2), datetime.date(2026, 3, 31), 30),
    ]
    for start, end, count in plan:
        days = list(workdays(start, end))
        for _index in range(count):
            day = rng.choice(days[:-3] if end.month == 3 else days)
            category = rng.choices(list(CATEGORIES), [18, 30, 12, 14, 16, 10])[0]
            title = rng.choice(CATEGORIES[category][1])
            case_type = rng.choices(["consultation", "complaint", "suggestion", "praise"], [40, 35, 20, 5])[0]
            channel = rng.choices(["web", "phone", "visit", "email", "letter"], [55, 25, 8, 8, 4])[0]
            outcome = rng.choices(
                ["ok", "late", "extension", "return", "open", "replied", "reject"], [55, 12, 6, 5, 6, 8, 4]
            )[0]
            make_case(day, category, title, case_type, channel, outcome)
        # one confidential report a month
        make_case(days[2], "校园安全", "反映某工作人员收受好处", "report", "letter", "late")

# wkhtmltopdf asks the server for the report assets: commit first, or the server
# waits for the locks of this transaction while this transaction waits for it
env.cr.commit()
Report = env["ir.actions.report"].with_context(lang="zh_CN")


def write_pdf(xmlid, records, filename):
    content, _type = Report._render_qweb_pdf(xmlid, records.ids)
    path = os.path.join(OUT_DIR, filename)
    with open(path, "wb") as handle:
        handle.write(content)
    print("written", path, len(content))
    env.cr.commit()


# the case sheet of a case with an extension, or any closed one
case = env["sunny.case"].search([("extension_ids", "!=", False), ("state", "=", "closed")], limit=1) or env[
    "sunny.case"
].search([("state", "=", "closed")], limit=1)
write_pdf("sunny_service_reports.action_report_sunny_case_sheet", case, "report_case_sheet.pdf")

Bulletin = env["sunny.bulletin"].with_user(staff).with_context(lang="zh_CN")
bulletin = Bulletin.search([("date_from", "=", "2026-03-01")]) or Bulletin.create(
    {
        "date_from": "2026-03-01",
        "date_to": "2026-03-31",
        "note": "3月份各单位总体按时答复情况良好，后勤服务类来件明显增多，主要集中在宿舍热水和食堂价格。"
        "请后勤保障处对超期件限期办结，并于下月通报整改情况。",
    }
)
if bulletin.state == "draft":
    with freeze_time("2026-04-01 02:00:00"):
        bulletin.action_compute()
    env.cr.commit()
write_pdf("sunny_service_reports.action_report_sunny_bulletin", bulletin, "report_bulletin.pdf")

Assessment = env["sunny.assessment"].with_user(manager).with_context(lang="zh_CN")
assessment = Assessment.search([("year", "=", 2026)], limit=1)
if not assessment:
    with freeze_time("2027-01-05 02:00:00"):
        assessment = Assessment.create({"year": 2026, "note": "各单位得分按中心主任设定的权重计算，经领导小组审定。"})
        assessment.action_compute()
        assessment.action_done()
    env.cr.commit()
write_pdf("sunny_service_reports.action_report_sunny_assessment", assessment, "report_assessment.pdf")
env.cr.commit()
