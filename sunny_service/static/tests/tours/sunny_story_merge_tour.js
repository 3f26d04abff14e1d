/** @odoo-module **/
/*
 * The registration screen's duplicates, in Chinese: the center's staff opens a
 * registered case, finds a similar case in the list of possible duplicates, clicks
 * 并入此件 (merge into this case), confirms, lands on the case it merged into (whose
 * chatter lists the duplicate), goes back and sees the merged case rejected as a
 * duplicate of it, with the note in its chatter. Every page is checked for English
 * (sunny_chinese.js).
 *
 * Data: TestStoryTours (sunny_service/tests/test_story_tours.py); the titles below
 * must match it.
 */

import { registry } from "@web/core/registry";
import { chineseReport, chineseStep } from "@sunny_service/../tests/tours/sunny_chinese";

const TITLE_STORY = "三食堂饭菜价格太贵";
const TITLE_SIMILAR = "三食堂的饭菜价格太贵了";
const SIMILAR_ROW = `.o_field_widget[name=similar_case_ids] .o_data_row:contains('${TITLE_SIMILAR}')`;
const CHATTER = ".o-mail-Chatter .o-mail-Message";

registry.category("web_tour.tours").add("sunny_story_merge", {
    steps: () => [
        {
            content: `The registered case ${TITLE_STORY} is open`,
            trigger: `.o_form_view .o_statusbar_status`,
        },
        {
            content: "Its title is shown",
            trigger: `.o_form_view .oe_title:contains('${TITLE_STORY}'), .o_form_view .o_field_widget[name=title] input:value(${TITLE_STORY})`,
        },
        {
            content: "The possible duplicates are announced",
            trigger: ".o_form_view .o_sunny_similar",
        },
        chineseStep("center staff: a registered case and its possible duplicates", SIMILAR_ROW),
        {
            content: "Merge into the similar case: 并入此件",
            trigger: `${SIMILAR_ROW} button:contains('并入此件')`,
            run: "click",
        },
        chineseStep("center staff: the merge is confirmed first", ".modal .modal-footer button.btn-primary"),
        {
            content: "Confirm the merge",
            trigger: ".modal:contains('重复件') .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The case merged into is open: its chatter lists the duplicate",
            trigger: `${CHATTER}:contains('已合并重复件')`,
        },
        {
            content: "It is the similar case",
            trigger: `.o_form_view .oe_title:contains('${TITLE_SIMILAR}'), .o_form_view .o_field_widget[name=title] input:value(${TITLE_SIMILAR})`,
        },
        chineseStep("center staff: the case merged into", CHATTER),
        {
            content: "Back to the merged case",
            trigger: ".o_breadcrumb .o_back_button",
            run: "click",
        },
        {
            content: "It is not accepted, as a duplicate",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('不予受理')",
        },
        {
            content: "It names the case it duplicates",
            trigger: ".o_form_view .o_field_widget[name=duplicate_of_id]",
        },
        {
            content: "Its chatter says so",
            trigger: `${CHATTER}:contains('重复')`,
        },
        chineseStep("center staff: the merged case", CHATTER),
        chineseReport(),
    ],
});
