/** @odoo-module **/
/*
 * Each role, in Chinese: its landing page, its main work (the board, the list, a case,
 * the dialogs it uses, the menus it has) shows no English word (sunny_chinese.js).
 *
 * Data: sunny_service/tests/chinese_common.py (SunnyChineseCase); the titles below
 * must match it. Run by sunny_service/tests/test_chinese_tours.py.
 */

import { registry } from "@web/core/registry";
import { checkDialog, checkMenu, checkMenuDialog, chineseReport, chineseStep } from "@sunny_service/../tests/tours/sunny_chinese";

const TITLE_NEW = "图书馆考试周开放时间太短";
const TITLE_REGISTERED = "教学楼三楼饮水机坏了";
const TITLE_ASSIGNED = "选课系统登录缓慢";
const TITLE_PROCESSING = "食堂晚餐供应时间太早结束";
const TITLE_REVIEW = "宿舍热水供应不稳定";
const TITLE_REPLIED = "校园网晚上经常断线";
const TITLE_REPORT = "反映某实验室经费报销不规范";
const TITLE_PORTAL = "奖学金评定结果何时公示";

const MENU = "sunny_service.sunny_case_menu_main";
const CONFIG = "sunny_service.sunny_menu_config";
const FORM_READY = ".o_form_view .o_statusbar_status";
const CHATTER_READY = ".o-mail-Chatter .o-mail-Message";

/** The landing page: the board, filtered on the role's work. */
function landing(role) {
    return [
        {
            content: `${role} lands on the board`,
            trigger: ".o_kanban_view .o_kanban_renderer",
        },
        {
            content: "Its search is filtered",
            trigger: ".o_searchview_facet",
        },
        chineseStep(`${role}: landing board`, ".o_kanban_view .o_kanban_record"),
    ];
}

/** Open the case titled ``title`` from the kanban or list on screen and check it. */
function openCase(title, where) {
    return [
        {
            content: `Open the case ${title}`,
            trigger: `.o_kanban_record:contains('${title}'), .o_data_row:contains('${title}') td[name=title]`,
            run: "click",
        },
        {
            content: "The case form is loaded",
            trigger: `${FORM_READY}`,
        },
        chineseStep(where, `${CHATTER_READY}`),
    ];
}

function toList(where) {
    return [
        {
            content: "Switch to the list",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        chineseStep(where, ".o_list_view .o_data_row"),
    ];
}

/** All Cases, without the filter on the role's own work. */
function allCases() {
    return [
        ...checkMenu("sunny_service.sunny_case_menu", { section: MENU, ready: ".o_kanban_record" }),
        {
            content: "Show all the cases the role may read, not only its work",
            trigger: ".o_searchview_facet .o_facet_remove",
            run: "click",
        },
        {
            content: "No filter left",
            trigger: ".o_searchview:not(:has(.o_searchview_facet)) ",
        },
    ];
}

function back() {
    return [
        {
            content: "Back",
            trigger: ".o_breadcrumb .o_back_button",
            run: "click",
        },
        {
            content: "The previous page is back",
            trigger: ".o_kanban_view, .o_list_view",
        },
    ];
}

const tours = registry.category("web_tour.tours");

tours.add("sunny_zh_center_staff", {
    url: "/odoo",
    steps: () => [
        ...landing("center staff"),
        ...toList("center staff: list of cases"),
        ...openCase(TITLE_NEW, "center staff: a new case"),
        ...checkDialog("不予受理", "center staff: reject dialog"),
        ...back(),
        ...allCases(),
        ...toList("center staff: all cases"),
        ...openCase(TITLE_REGISTERED, "center staff: a registered case"),
        ...checkDialog("交办", "center staff: assign dialog", { except: ["建议"] }),
        ...checkDialog("直接答复", "center staff: answer dialog"),
        ...back(),
        ...checkMenu("sunny_service.sunny_case_menu_review", { section: MENU, ready: ".o_data_row" }),
        ...openCase(TITLE_REVIEW, "center staff: a reply to review"),
        ...checkDialog("审核通过", "center staff: approve dialog"),
        ...checkDialog("审核不通过", "center staff: refuse dialog"),
        ...checkMenu("sunny_service.sunny_case_menu_overdue", { section: MENU }),
        ...checkMenu("sunny_service.sunny_case_extension_menu", { section: MENU, ready: ".o_data_row" }),
        ...checkMenu("sunny_service.sunny_case_return_menu", { section: MENU }),
        ...checkMenu("sunny_service.sunny_case_followup_menu", { section: MENU }),
        ...checkMenu("sunny_service.sunny_case_supervision_menu", { section: MENU, ready: ".o_list_renderer" }),
        ...allCases(),
        ...toList("center staff: all cases"),
        ...openCase(TITLE_REPLIED, "center staff: a replied case"),
        ...checkDialog("回访", "center staff: follow-up dialog"),
        chineseReport(),
    ],
});

tours.add("sunny_zh_center_manager", {
    url: "/odoo",
    steps: () => [
        ...landing("center manager"),
        ...checkMenu("sunny_service.sunny_case_extension_menu", { section: MENU, ready: ".o_data_row" }),
        {
            content: "Open a pending extension request",
            trigger: ".o_data_row td.o_data_cell",
            run: "click",
        },
        chineseStep("center manager: an extension request", ".o_form_view .o_form_sheet"),
        ...allCases(),
        ...toList("center manager: all cases"),
        ...openCase(TITLE_REPORT, "center manager: a confidential report"),
        ...back(),
        ...openCase(TITLE_REPLIED, "center manager: a replied case"),
        // the languages are named as Odoo names them everywhere: "Chinese (Simplified) / 简体中文"
        ...checkMenuDialog("sunny_service.sunny_settings_menu", CONFIG, ["Chinese", "Simplified"]),
        ...checkMenu("sunny_service.sunny_unit_menu", { section: CONFIG, ready: ".o_data_row" }),
        ...checkMenu("sunny_service.sunny_station_menu", { section: CONFIG, ready: ".o_data_row" }),
        ...checkMenu("sunny_service.sunny_case_category_menu", { section: CONFIG, ready: ".o_data_row" }),
        ...checkMenu("sunny_service.sunny_holiday_menu", { section: CONFIG, ready: ".o_list_renderer" }),
        ...checkMenu("sunny_service.sunny_deadline_rule_menu", { section: CONFIG, ready: ".o_data_row" }),
        ...checkMenuDialog("sunny_service.sunny_holiday_year_menu", CONFIG),
        chineseReport(),
    ],
});

tours.add("sunny_zh_officer", {
    url: "/odoo",
    steps: () => [
        ...landing("officer"),
        ...openCase(TITLE_ASSIGNED, "officer: a case to accept"),
        ...checkDialog("签收", "officer: accept dialog"),
        ...checkDialog("退回中心", "officer: return dialog"),
        ...back(),
        ...openCase(TITLE_PROCESSING, "officer: a case in progress"),
        ...checkDialog("提交答复", "officer: reply dialog"),
        ...checkDialog("申请延期", "officer: extension dialog"),
        ...back(),
        ...toList("officer: list of cases"),
        ...checkMenu("sunny_service.sunny_case_unit_figures_menu", { section: MENU }),
        ...checkMenu("sunny_service.sunny_case_extension_menu", { section: MENU, ready: ".o_data_row" }),
        ...checkMenu("sunny_service.sunny_case_menu_overdue", { section: MENU }),
        chineseReport(),
    ],
});

tours.add("sunny_zh_handler", {
    url: "/odoo",
    steps: () => [
        ...landing("handler"),
        ...openCase(TITLE_PROCESSING, "handler: a case in progress"),
        ...checkDialog("提交答复", "handler: reply dialog"),
        ...back(),
        ...toList("handler: list of cases"),
        ...checkMenu("sunny_service.sunny_case_menu_overdue", { section: MENU }),
        chineseReport(),
    ],
});

tours.add("sunny_zh_discipline", {
    url: "/odoo",
    steps: () => [
        ...landing("discipline inspection"),
        ...allCases(),
        ...toList("discipline inspection: list of cases"),
        ...openCase(TITLE_REPORT, "discipline inspection: a confidential report"),
        ...checkMenu("sunny_service.sunny_case_menu_review", { section: MENU }),
        ...checkMenu("sunny_service.sunny_case_supervision_menu", { section: MENU, ready: ".o_list_renderer" }),
        ...checkMenu("sunny_service.sunny_case_return_menu", { section: MENU }),
        chineseReport(),
    ],
});

tours.add("sunny_zh_leadership", {
    url: "/odoo",
    steps: () => [
        chineseStep(
            "leadership: landing page",
            ".o_action_manager .o_action .o_content, .o_action_manager .o_sunny_dashboard"
        ),
        ...allCases(),
        ...toList("leadership: all cases"),
        ...openCase(TITLE_REPLIED, "leadership: a supervised case"),
        ...checkMenu("sunny_service.sunny_case_menu_overdue", { section: MENU }),
        ...checkMenu("sunny_service.sunny_case_followup_menu", { section: MENU }),
        ...checkMenu("sunny_service.sunny_case_supervision_menu", { section: MENU, ready: ".o_list_renderer" }),
        chineseReport(),
    ],
});

tours.add("sunny_zh_portal", {
    url: "/my",
    steps: () => [
        chineseStep("portal: home", "a[href='/my/sunny']"),
        {
            content: "Open my cases",
            trigger: "a[href='/my/sunny']",
            run: "click",
        },
        chineseStep("portal: my cases", `.o_sunny_portal_row a:contains('${TITLE_PORTAL}')`),
        {
            content: "Open my case",
            trigger: `.o_sunny_portal_row a:contains('${TITLE_PORTAL}')`,
            run: "click",
        },
        chineseStep("portal: my case", ".o_portal_chatter .o_sunny_state, .o_sunny_state"),
        chineseReport(),
    ],
});

tours.add("sunny_zh_idle_officer", {
    url: "/odoo",
    steps: () => [
        {
            content: "The officer lands on his board, filtered on his work",
            trigger: ".o_searchview_facet",
        },
        {
            content: "Nothing waits for him, and the board says so",
            trigger: ".o_kanban_view .o_view_nocontent:contains('没有等您办理的受理件')",
        },
        {
            content: "No sample cases behind the message",
            trigger: ".o_kanban_view:not(:has(.o_kanban_record:not(.o_kanban_ghost)))",
        },
        chineseStep("an officer with nothing to do", ".o_view_nocontent"),
        chineseReport(),
    ],
});
