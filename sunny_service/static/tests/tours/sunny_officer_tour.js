/** @odoo-module **/
/*
 * A station officer (信息员) opens the Sunshine Service kanban, finds the case the
 * center assigned to their unit, accepts it (giving it to a handler of the station)
 * and submits the reply for the center's review.
 *
 * Data: created by sunny_service/tests/test_tour.py (TestOfficerTour); the texts
 * below must match it.
 */

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const CASE_TITLE = "Tour: canteen closes too early";
const HANDLER_NAME = "Tour Handler";
const REPLY = "您好，食堂自下周一起延长营业至21:00。The canteen now closes at 21:00.";

const ASSIGNED_COLUMN = ".o_kanban_group:has(.o_column_title:contains('Assigned'))";
const CURRENT_STATE = ".o_form_view .o_statusbar_status button.o_arrow_button_current";
const WIZARD = ".modal:has(.o_form_view)";

registry.category("web_tour.tours").add("sunny_officer_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Sunshine Service app",
            trigger: '.o_app[data-menu-xmlid="sunny_service.sunny_menu_root"]',
            run: "click",
        },
        {
            content: "The cases kanban, grouped by state, is shown",
            trigger: ".o_kanban_view .o_kanban_renderer.o_kanban_grouped",
        },
        {
            content: "Only the columns a unit has cases in: none before assignment",
            trigger: ".o_kanban_renderer:not(:has(.o_column_title:contains('To Register')))",
        },
        {
            content: "The case assigned to the officer's unit is in the Assigned column",
            trigger: `${ASSIGNED_COLUMN} .o_kanban_record:contains('${CASE_TITLE}')`,
            run: "click",
        },
        {
            content: "The case form opens, in state Assigned",
            trigger: `${CURRENT_STATE}:contains('Assigned')`,
        },
        {
            content: "Accept the case",
            trigger: ".o_form_view .o_statusbar_buttons button:contains('Accept')",
            run: "click",
        },
        {
            content: "The Accept wizard asks for the handler",
            trigger: `${WIZARD} .o_field_widget[name=handler_id] input`,
            run: `edit ${HANDLER_NAME}`,
        },
        {
            content: "Pick the station's handler",
            trigger: `${WIZARD} .o_field_widget[name=handler_id] .o-autocomplete--dropdown-item:contains('${HANDLER_NAME}')`,
            run: "click",
        },
        {
            content: "Confirm the acceptance",
            trigger: `${WIZARD} .modal-footer button[name=action_confirm]`,
            run: "click",
        },
        {
            content: "The wizard is closed and the case is Processing",
            trigger: `body:not(:has(.modal)) ${CURRENT_STATE}:contains('Processing')`,
        },
        {
            content: "The handler is set on the case",
            trigger: `.o_form_view .o_field_widget[name=handler_id]:contains('${HANDLER_NAME}')`,
        },
        {
            content: "Accept is gone; submit the reply",
            trigger:
                ".o_form_view .o_statusbar_buttons:not(:has(button:contains('Accept'))) button:contains('Submit Reply')",
            run: "click",
        },
        {
            content: "Type the reply in the wizard",
            trigger: `${WIZARD} .o_field_widget[name=reply] textarea`,
            run: `edit ${REPLY}`,
        },
        {
            content: "Confirm the reply",
            trigger: `${WIZARD} .modal-footer button[name=action_confirm]`,
            run: "click",
        },
        {
            content: "The wizard is closed and the case waits for the center's review",
            trigger: `body:not(:has(.modal)) ${CURRENT_STATE}:contains('To Review')`,
        },
        {
            content: "Submit Reply is no longer offered",
            trigger: ".o_form_view .o_statusbar_buttons:not(:has(button:contains('Submit Reply')))",
        },
        {
            content: "The chatter shows the submitted reply",
            trigger: `.o-mail-Chatter .o-mail-Message:contains('Reply submitted for review')`,
        },
        {
            content: "Open the Reply tab",
            trigger: ".o_form_view .o_notebook .nav-link[name=reply]",
            run: "click",
        },
        {
            content: "The submitted reply is shown on the case",
            trigger: `.o_form_view .o_field_widget[name=reply]:contains('The canteen now closes at 21:00.')`,
        },
        {
            content: "Back to the kanban",
            trigger: ".o_breadcrumb .o_back_button",
            run: "click",
        },
        {
            content: "The board opens on the officer's own work: the case waits for the center now",
            trigger: `.o_searchview_facet:contains('My Work')`,
        },
        {
            content: "It is no longer among the cases to handle",
            trigger: `.o_kanban_view:not(:has(.o_kanban_record:contains('${CASE_TITLE}')))`,
        },
        {
            content: "Show all the unit's cases",
            trigger: ".o_searchview_facet:contains('My Work') .o_facet_remove",
            run: "click",
        },
        {
            content: "The case now sits in the To Review column",
            trigger: `.o_kanban_group:has(.o_column_title:contains('To Review')) .o_kanban_record:contains('${CASE_TITLE}')`,
        },
    ],
});
