/** @odoo-module **/
/*
 * The back office as its people meet it, each landing on their own work:
 *
 * - sunny_return_tour: a station officer returns a case to the center. The dialog
 *   says what it does; afterwards a notification says it worked and the officer is
 *   on his own cases (the form of a case he may no longer read is not reloaded).
 * - sunny_center_tour: center staff register and assign two cases at once from the
 *   list (the dialog names them, gives the deadlines and takes the instruction), then
 *   correct a unit's reply and approve it after a confirmation.
 *
 * Data: created by sunny_service/tests/test_backoffice_tours.py; the texts below
 * must match it.
 */

import { registry } from "@web/core/registry";

const CURRENT_STATE = ".o_form_view .o_statusbar_status button.o_arrow_button_current";
const WIZARD = ".modal:has(.o_form_view)";
const CASE_NUMBER = /YG\d{4}-\d{6}/;

function assertCaseNumberShown(anchor) {
    if (!CASE_NUMBER.test(anchor.textContent)) {
        throw new Error(`No case number in: ${anchor.textContent}`);
    }
}

// ---------------------------------------------------------------- the officer's return

const RETURN_TITLE = "Tour: dormitory heating broken";
const RETURN_REASON = "宿舍供暖由后勤保障处负责。Heating is the logistics department's.";

registry.category("web_tour.tours").add("sunny_return_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The officer lands on his own work, not in the Discuss inbox",
            trigger: ".o_kanban_view .o_kanban_renderer.o_kanban_grouped",
        },
        {
            content: "The board is filtered on his work",
            trigger: ".o_searchview_facet:contains('My Work')",
        },
        {
            content: "Open the case his unit is handling",
            trigger: `.o_kanban_group:has(.o_column_title:contains('Processing')) .o_kanban_record:contains('${RETURN_TITLE}')`,
            run: "click",
        },
        {
            content: "The case form, in state Processing",
            trigger: `${CURRENT_STATE}:contains('Processing')`,
        },
        {
            content: "Return it to the center",
            trigger: ".o_form_view .o_statusbar_buttons button:contains('Return to Center')",
            run: "click",
        },
        {
            content: "The dialog is titled by what it does",
            trigger: ".modal .modal-title:contains('Return the Case to the Center')",
        },
        {
            content: "It names the case and says what follows",
            trigger: `${WIZARD} .o_sunny_action_summary:contains('no longer sees it')`,
            run() {
                assertCaseNumberShown(this.anchor);
            },
        },
        {
            content: "The text box says what it is for",
            trigger: `${WIZARD} label:contains('Why the case is not for your unit')`,
        },
        {
            content: "Give the reason",
            trigger: `${WIZARD} .o_field_widget[name=reason] textarea`,
            run: `edit ${RETURN_REASON}`,
        },
        {
            content: "The button says what it does",
            trigger: `${WIZARD} .modal-footer button:contains('Return to the Center')`,
            run: "click",
        },
        {
            content: "A notification says it worked",
            trigger: ".o_notification:contains('Returned to the center')",
        },
        {
            content: "The officer is on his own cases, no dialog, no access error",
            trigger: "body:not(:has(.modal)) .o_kanban_view .o_kanban_renderer",
        },
        {
            content: "The returned case has left his board",
            trigger: `.o_kanban_view:not(:has(.o_kanban_record:contains('${RETURN_TITLE}')))`,
        },
    ],
});

// ---------------------------------------------------------------- the center's day

const CASE_A = "Tour: bus stop moved";
const CASE_B = "Tour: bus timetable";
const REVIEW_TITLE = "Tour: canteen prices";
const UNIT_NAME = "Tour Logistics";
const INSTRUCTION = "请核实新站点的安全状况。Check the new stop is safe.";
const CORRECTED = "您好，食堂价格自下周起下调。Canteen prices go down next week.";

registry.category("web_tour.tours").add("sunny_center_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The center lands on its own work",
            trigger: ".o_searchview_facet:contains('My Work')",
        },
        {
            content: "Open the list of cases",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The case numbers show whole",
            trigger: `.o_list_view .o_data_row:contains('${CASE_A}') td[name=name]`,
            run() {
                assertCaseNumberShown(this.anchor);
                if (this.anchor.scrollWidth > this.anchor.clientWidth) {
                    throw new Error(`The case number is cut: ${this.anchor.textContent}`);
                }
            },
        },
        {
            content: "Select the first new case",
            trigger: `.o_data_row:contains('${CASE_A}') .o_list_record_selector input`,
            run: "check",
        },
        {
            content: "Select the second one",
            trigger: `.o_data_row:contains('${CASE_B}') .o_list_record_selector input`,
            run: "check",
        },
        {
            content: "Register both",
            trigger: ".o_list_selection_container button:contains('Register')",
            run: "click",
        },
        {
            content: "Both are registered",
            trigger: `.o_data_row:contains('${CASE_B}') td[name=state]:contains('Registered')`,
        },
        {
            content: "The first is registered too",
            trigger: `.o_data_row:contains('${CASE_A}') td[name=state]:contains('Registered')`,
        },
        {
            content: "Select the first case (again)",
            trigger: `.o_data_row:contains('${CASE_A}') .o_list_record_selector input`,
            run: "check",
        },
        {
            content: "And the second",
            trigger: `.o_data_row:contains('${CASE_B}') .o_list_record_selector input`,
            run: "check",
        },
        {
            content: "Assign both",
            trigger: ".o_list_selection_container button:contains('Assign')",
            run: "click",
        },
        {
            content: "The dialog is titled by what it does",
            trigger: ".modal .modal-title:contains('Assign to a Unit')",
        },
        {
            content: "It names the two cases",
            trigger: `${WIZARD} .o_sunny_action_summary:contains('2 cases')`,
            run() {
                assertCaseNumberShown(this.anchor);
            },
        },
        {
            content: "Choose the unit",
            trigger: `${WIZARD} .o_field_widget[name=unit_id] input`,
            run: `edit ${UNIT_NAME}`,
        },
        {
            content: "Pick it",
            trigger: `${WIZARD} .o_field_widget[name=unit_id] .o-autocomplete--dropdown-item:contains('${UNIT_NAME}')`,
            run: "click",
        },
        {
            content: "The dialog says where they go and until when",
            trigger: `${WIZARD} .o_sunny_action_summary:contains('${UNIT_NAME}'):contains('settled by')`,
        },
        {
            content: "The instruction has its labelled field",
            trigger: `${WIZARD} label:contains("Center's Instruction")`,
        },
        {
            content: "Write the instruction",
            trigger: `${WIZARD} .o_field_widget[name=assign_note] textarea`,
            run: `edit ${INSTRUCTION}`,
        },
        {
            content: "The button says what it does",
            trigger: `${WIZARD} .modal-footer button:contains('Assign')`,
            run: "click",
        },
        {
            content: "Assigned, the cases leave the center's work",
            trigger: `body:not(:has(.modal)) .o_list_view:not(:has(.o_data_row:contains('${CASE_A}')))`,
        },
        {
            content: "Open the reply to review",
            trigger: `.o_data_row:contains('${REVIEW_TITLE}') td[name=title]`,
            run: "click",
        },
        {
            content: "Approve the reply",
            trigger: ".o_form_view .o_statusbar_buttons button:contains('Approve Reply')",
            run: "click",
        },
        {
            content: "The dialog is titled by what it does",
            trigger: ".modal .modal-title:contains('Approve the Reply')",
        },
        {
            content: "It shows the reply, to correct: the student's name goes",
            trigger: `${WIZARD} .o_field_widget[name=reply] textarea`,
            run: `edit ${CORRECTED}`,
        },
        {
            content: "Approve and send",
            trigger: `${WIZARD} .modal-footer button:contains('Approve and Send')`,
            run: "click",
        },
        {
            content: "Asked first: the reply cannot be called back",
            trigger: ".modal:contains('cannot be called back') .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The case is replied",
            trigger: `body:not(:has(.modal)) ${CURRENT_STATE}:contains('Replied')`,
        },
        {
            content: "The chatter keeps the reply as submitted",
            trigger: ".o-mail-Chatter .o-mail-Message:contains('corrected')",
        },
    ],
});
