"""The back office and the portal as Chinese users meet them: a base for the tours
that walk each role in zh_CN (static/tests/tours/sunny_chinese_tours.js here, and
the reports' in sunny_service_reports) and assert, with sunny_chinese.js, that no
English word is on screen.

Chinese is installed with the terms of every installed module (Odoo's own included,
as `make run` loads them); the users of each role read Chinese in the university's
time zone; the cases, in every state a role works on, are written and moved by
those users, each in their language, as on a real day."""

from odoo.tests import HttpCase, new_test_user

from .public_common import ensure_calendar

TZ = "Asia/Shanghai"
# the tours look for these titles
TITLE_NEW = "图书馆考试周开放时间太短"
TITLE_REGISTERED = "教学楼三楼饮水机坏了"
TITLE_ASSIGNED = "选课系统登录缓慢"
TITLE_PROCESSING = "食堂晚餐供应时间太早结束"
TITLE_REVIEW = "宿舍热水供应不稳定"
TITLE_REPLIED = "校园网晚上经常断线"
TITLE_REPORT = "反映某实验室经费报销不规范"
TITLE_PORTAL = "奖学金评定结果何时公示"
UNIT_NAME = "测试学院"
OFFICER_NAME = "赵信息员"
HANDLER_NAME = "孙受理人"


class SunnyChineseCase(HttpCase):
    """One user per role in zh_CN, a unit with its station, and cases in the states
    each role works on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, no_reset_password=True))
        env = cls.env
        env["res.lang"]._activate_lang("zh_CN")
        installed = env["ir.module.module"].search([("state", "=", "installed")]).mapped("name")
        env["ir.module.module"]._load_module_terms(installed, ["zh_CN"], overwrite=True)
        env["ir.config_parameter"].set_param("sunny_service.timezone", TZ)
        cls._ensure_calendar()
        # What the demo's jobs wrote (to-dos, supervision notes) was written in the
        # database's language of the time, English when the demo was installed
        # without Chinese (a test database): not what a Chinese university reads.
        env["mail.activity"].search([("res_model", "=", "sunny.case")]).unlink()
        env.cr.execute("DELETE FROM sunny_case_supervision")

        def user(login, name, groups, **kw):
            return new_test_user(env, login=login, password=login, name=name, groups=groups, lang="zh_CN", tz=TZ, **kw)

        cls.manager = user("zh_manager", "周主任", "sunny_service.group_center_manager", email="zhou@example.edu")
        cls.staff = user("zh_staff", "李工作人员", "sunny_service.group_center_staff", email="li@example.edu")
        cls.discipline = user("zh_discipline", "陈纪检", "sunny_service.group_discipline", email="chen@example.edu")
        cls.leader = user("zh_leader", "刘校领导", "sunny_service.group_leadership", email="liu@example.edu")
        cls.officer = user("zh_officer", OFFICER_NAME, "sunny_service.group_station_officer", email="zhao@example.edu")
        cls.handler = user("zh_handler", HANDLER_NAME, "sunny_service.group_handler", email="sun@example.edu")
        cls.officer_idle = user("zh_officer_idle", "钱信息员", "sunny_service.group_station_officer")
        cls.student = user("zh_student", "张同学", "base.group_portal", email="zhang@example.edu")

        cls.unit = env["sunny.unit"].create({"name": UNIT_NAME, "code": "ZHTEST"})
        env["sunny.station"].create(
            {
                "name": "测试学院服务站",
                "unit_id": cls.unit.id,
                "officer_ids": [(6, 0, cls.officer.ids)],
                "handler_ids": [(6, 0, cls.handler.ids)],
                "phone": "0731-5550101",
                "email": "ceshi@example.edu",
            }
        )
        # a unit with nothing to do
        idle_unit = env["sunny.unit"].create({"name": "图书馆（测试）", "code": "ZHIDLE"})
        env["sunny.station"].create(
            {"name": "图书馆服务站", "unit_id": idle_unit.id, "officer_ids": [(6, 0, cls.officer_idle.ids)]}
        )
        cls.category = env["sunny.case.category"].create({"name": "后勤服务", "default_unit_id": cls.unit.id})

        cls.case_new = cls._case(TITLE_NEW)
        cls.case_registered = cls._case(TITLE_REGISTERED)
        cls._as(cls.case_registered, cls.staff).action_register()
        cls.case_assigned = cls._assigned(TITLE_ASSIGNED)
        cls.case_processing = cls._assigned(TITLE_PROCESSING)
        cls._as(cls.case_processing, cls.officer).action_accept(cls.handler)
        cls.case_review = cls._assigned(TITLE_REVIEW)
        cls._as(cls.case_review, cls.officer).action_accept(cls.handler)
        cls._as(cls.case_review, cls.handler).action_submit_reply("您好，热水系统已于本周检修完毕。")
        cls.case_replied = cls._assigned(TITLE_REPLIED)
        cls._as(cls.case_replied, cls.officer).action_accept(cls.handler)
        cls._as(cls.case_replied, cls.officer).action_submit_reply("您好，网络中心已更换宿舍区交换机。")
        cls._as(cls.case_replied, cls.staff).action_approve_reply()
        cls._as(cls.case_replied, cls.staff).action_supervise("重点关注网络稳定性。")
        cls._as(cls.case_processing, cls.officer).action_request_extension(3, "需要等待设备供应商到场维修。")
        # a confidential report: the manager registers it and entrusts it to the officer
        cls.case_report = cls._case(TITLE_REPORT, user=cls.manager, case_type="report")
        cls._as(cls.case_report, cls.manager).action_register()
        cls._as(cls.case_report, cls.manager).action_assign(cls.unit, cls.officer)
        # a student's own case, filed logged in
        cls.case_portal = cls._case(TITLE_PORTAL, partner_id=cls.student.partner_id.id, channel="web")
        cls.env.flush_all()

    @classmethod
    def _ensure_calendar(cls):
        ensure_calendar(cls.env, holiday_name="元旦")

    @classmethod
    def _as(cls, records, user):
        """``records`` in ``user``'s hands and language, as in their browser."""
        cls.env.invalidate_all()
        return records.with_user(user).with_context(lang=user.lang, tz=user.tz)

    @classmethod
    def _case(cls, title, user=None, **vals):
        values = {
            "title": title,
            "content": f"{title}，希望学校尽快解决。",
            "case_type": "complaint",
            "channel": "phone",
            "category_id": cls.category.id,
            "submitter_name": "王小明",
            "submitter_phone": "13800138000",
            "submitter_role": "student",
        }
        values.update(vals)
        partner = values.pop("partner_id", None)
        case = cls._as(cls.env["sunny.case"], user or cls.staff).create(values)
        if partner:
            case.sudo().partner_id = partner
        cls.env.flush_all()
        return case.with_env(cls.env)

    @classmethod
    def _assigned(cls, title, **vals):
        case = cls._case(title, **vals)
        cls._as(case, cls.staff).action_register()
        cls._as(case, cls.staff).action_assign(cls.unit, note="请按时答复。")
        return case
