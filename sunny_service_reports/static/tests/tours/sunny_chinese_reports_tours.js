/** @odoo-module **/
/*
 * The reports as the report roles meet them in Chinese: the landing page and every
 * menu of Reports the role has (dashboard, bulletins, assessments, register,
 * analysis), a bulletin and an assessment opened, show no English word
 * (sunny_service/static/tests/tours/sunny_chinese.js).
 *
 * Data: sunny_service_reports/tests/test_chinese_tours.py.
 */

import { registry } from "@web/core/registry";
import { checkMenu, checkMenuDialog, chineseReport, chineseStep } from "@sunny_service/../tests/tours/sunny_chinese";

const REPORTS = "sunny_service_reports.sunny_reports_menu";
const PREFIX = "sunny_service_reports.";

function menu(name, ready = ".o_content") {
    return checkMenu(PREFIX + name, { section: REPORTS, ready });
}

function openFirstRow(where) {
    return [
        {
            content: `Open ${where}`,
            trigger: ".o_list_view .o_data_row td.o_data_cell",
            run: "click",
        },
        chineseStep(where, ".o_form_view .o_form_sheet"),
    ];
}

function reportsSteps(role, { register = false } = {}) {
    const steps = [
        // the leadership lands on its dashboard (a client action without .o_content)
        chineseStep(
            `${role}: landing page`,
            ".o_action_manager .o_action .o_content, .o_action_manager .o_sunny_dashboard"
        ),
        ...menu("sunny_unit_scoreboard_menu", ".o_kanban_record"),
        ...menu("sunny_case_analysis_dashboard_menu", ".o_graph_renderer canvas"),
        ...menu("sunny_case_overdue_dashboard_menu"),
        ...menu("sunny_bulletin_menu", ".o_data_row"),
        ...openFirstRow(`${role}: a bulletin`),
        ...menu("sunny_assessment_menu", ".o_data_row"),
        ...openFirstRow(`${role}: an assessment`),
    ];
    if (register) {
        steps.push(...checkMenuDialog(`${PREFIX}sunny_register_menu`, REPORTS));
    }
    steps.push(
        ...menu("sunny_register_volume_menu"),
        ...menu("sunny_case_analysis_menu", ".o_graph_renderer canvas"),
        ...menu("sunny_case_rate_analysis_menu", ".o_pivot table"),
        ...menu("sunny_topic_menu"),
        ...menu("sunny_bulletin_line_menu", ".o_pivot table"),
        ...menu("sunny_assessment_line_menu", ".o_graph_renderer canvas"),
        chineseReport()
    );
    return steps;
}

const tours = registry.category("web_tour.tours");
tours.add("sunny_zh_reports_manager", { url: "/odoo", steps: () => reportsSteps("center manager", { register: true }) });
tours.add("sunny_zh_reports_staff", { url: "/odoo", steps: () => reportsSteps("center staff", { register: true }) });
tours.add("sunny_zh_reports_discipline", {
    url: "/odoo",
    steps: () => reportsSteps("discipline inspection", { register: true }),
});
tours.add("sunny_zh_reports_leadership", { url: "/odoo", steps: () => reportsSteps("leadership") });
