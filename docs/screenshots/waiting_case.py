"""Make a demo case wait for its submitter (补充材料) for the screenshot
``sunny_query_waiting`` of take_screenshots.py: on a demo database, run

    python3 -m odoo shell --addons-path=$(python3 scripts/odoo_cmd.py addons-path) \\
        -d sunny_demo --no-http < docs/screenshots/waiting_case.py

The demo's suggestion about the old computers of the computing school's lab
(YG<year>-000030, in progress at 计算机与通信学院) gets the query code WAIT7K2Q;
requests for information are turned on for suggestions, and the unit's officer
(officer_cs) asks the submitter which lab and which computers. Run once: a case
that already waits is left as it is."""

CODE = "WAIT7K2Q"
QUESTION = "请补充是哪一间机房（楼号和房间号），以及哪些课程因电脑配置不足受到影响，以便我们安排更新。"

case = env["sunny.case"].search([("title", "=", "计算机学院机房电脑配置老旧，建议更新")], limit=1)  # noqa: F821
case.query_code_hash = case._hash_query_code(CODE)
env["sunny.deadline.rule"].search([("case_type", "=", case.case_type)]).allow_pause = True  # noqa: F821
if not case.is_waiting:
    officer = case.unit_id.officer_ids[:1]
    case.with_user(officer).with_context(lang="zh_CN").action_request_information(QUESTION)
env.cr.commit()  # noqa: F821
print(case.name, CODE, "waiting" if case.is_waiting else "NOT waiting")
