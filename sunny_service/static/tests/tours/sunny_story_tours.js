/** @odoo-module **/
/*
 * Issue 13's story in the browser, in Chinese, one tour per person: the visitor who
 * sees the answer before sending, the center's staff who assigns with one click and
 * adds a co-handling unit, the co-handling unit's officer who gives an opinion, the
 * lead unit's handler who inserts a standard reply and submits it. Every page is
 * checked for English (sunny_chinese.js).
 *
 * Data: sunny_service/tests/test_story_tours.py (TestStoryTours); the names below
 * must match it.
 */

import { registry } from "@web/core/registry";
import { chineseReport, chineseStep } from "@sunny_service/../tests/tours/sunny_chinese";

const TITLE_STORY = "三食堂饭菜价格太贵";
const TITLE_SIMILAR = "三食堂的饭菜价格太贵了";
const UNIT_NAME = "测试学院";
const CO_UNIT_NAME = "后勤保障处（测试）";
const FAQ_QUESTION = "食堂几点开门";
const FAQ_ANSWER = "各食堂早餐六点半开门";
const OPINION = "三食堂价格已按物价局标准核查，未发现违规加价。";
const VISITOR_TITLE = "食堂几点开门？";

const FORM_READY = ".o_form_view .o_statusbar_status";
const HEADER = ".o_form_view .o_statusbar_buttons";
const DIALOG_READY = ".modal .modal-footer button";

function caseLoaded(where) {
    return [
        {
            content: `The case ${TITLE_STORY} is open`,
            trigger: `${FORM_READY}`,
        },
        {
            content: "Its title is shown",
            trigger: `.o_form_view .oe_title:contains('${TITLE_STORY}'), .o_form_view .o_field_widget[name=title] input`,
        },
        chineseStep(where, ".o-mail-Chatter .o-mail-Message"),
    ];
}

function dialogDone(where) {
    return {
        content: `${where}: the dialog is closed`,
        trigger: "body:not(:has(.modal))",
    };
}

/** Type ``text`` in the dialog's relational field ``name`` and choose the record named so. */
function choose(name, text) {
    return [
        {
            content: `Type ${text} in ${name}`,
            trigger: `.modal .o_field_widget[name=${name}] input`,
            run: `edit ${text}`,
        },
        {
            content: `Choose ${text}`,
            trigger: `.o-autocomplete--dropdown-item:contains('${text}')`,
            run: "click",
        },
    ];
}

const tours = registry.category("web_tour.tours");

tours.add("sunny_story_visitor", {
    url: "/zh_CN/sunny/submit",
    steps: () => [
        chineseStep("visitor: the form", "input[name='title'][data-sunny-suggest-ready]"),
        {
            content: "The visitor types a common question as the title",
            trigger: "input[name='title']",
            run: `edit ${VISITOR_TITLE}`,
        },
        {
            content: "The published answer is suggested under the title, as a link to it",
            trigger: `#sunny_suggestions:not(.d-none) a[href^='/sunny/faq/']:contains('${FAQ_QUESTION}')`,
        },
        chineseStep("visitor: the form with a suggestion", "#sunny_suggestions:not(.d-none)"),
        {
            content: "Nothing stops the form: a consultation",
            trigger: "label[for='case_type_consultation']",
            run: "click",
        },
        {
            content: "Category",
            trigger: "select[name='category_id']",
            run: "selectByLabel 后勤服务",
        },
        {
            content: "Description",
            trigger: "textarea[name='content']",
            run: "edit 周末食堂几点开门？网站上没有找到周末的时间。",
        },
        {
            content: "Send",
            trigger: "button.o_sunny_submit",
            run: "click",
        },
        chineseStep("visitor: the case is sent", ".o_sunny_query_code"),
        {
            content: "The knowledge base, from the menu",
            trigger: ".o_sunny_nav a[href$='/sunny/faq']",
            run: "click",
        },
        chineseStep("visitor: the knowledge base", `main a[href^='/sunny/faq/']:contains('${FAQ_QUESTION}')`),
        {
            content: "Open the answer",
            trigger: `main a[href^='/sunny/faq/']:contains('${FAQ_QUESTION}')`,
            run: "click",
        },
        chineseStep("visitor: an FAQ entry", `main:contains('${FAQ_ANSWER}')`),
        chineseReport(),
    ],
});

tours.add("sunny_story_center", {
    steps: () => [
        ...caseLoaded("center staff: a registered case"),
        {
            content: "The suggested unit is shown with its reason (the directory's keyword)",
            trigger: `.o_form_view .alert-info:contains('${UNIT_NAME}'):contains('食堂')`,
        },
        {
            content: "A similar case is listed, with its merge button",
            trigger: `.o_field_widget[name=similar_case_ids] .o_data_row:contains('${TITLE_SIMILAR}') button:contains('并入此件')`,
        },
        chineseStep("center staff: suggestions and duplicates", ".o_field_widget[name=similar_case_ids] .o_data_row"),
        {
            content: "One click: assign to the suggested unit",
            trigger: `${HEADER} button:contains('交办给建议单位')`,
            run: "click",
        },
        {
            content: "The case is assigned, and co-handling units may be added",
            trigger: `${HEADER} button:contains('添加协办单位')`,
        },
        {
            content: "The unit is the suggested one",
            trigger: `.o_field_widget[name=unit_id]:contains('${UNIT_NAME}')`,
        },
        chineseStep("center staff: an assigned case", ".o-mail-Chatter .o-mail-Message"),
        {
            content: "Add a co-handling unit",
            trigger: `${HEADER} button:contains('添加协办单位')`,
            run: "click",
        },
        chineseStep("center staff: the co-handling dialog", DIALOG_READY),
        ...choose("unit_ids", CO_UNIT_NAME),
        {
            content: "It is chosen",
            trigger: `.modal .o_field_widget[name=unit_ids] .o_tag:contains('${CO_UNIT_NAME}')`,
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer button.btn-primary:contains('添加协办单位')",
            run: "click",
        },
        dialogDone("co-handling"),
        {
            content: "The co-handling unit is on the case",
            trigger: `.o_field_widget[name=co_unit_ids] .o_tag:contains('${CO_UNIT_NAME}')`,
        },
        chineseStep("center staff: a co-handled case", ".o-mail-Chatter .o-mail-Message"),
        chineseReport(),
    ],
});

tours.add("sunny_story_co_officer", {
    steps: () => [
        ...caseLoaded("co-handling officer: the case"),
        {
            content: "Give the unit's opinion",
            trigger: `${HEADER} button:contains('提交协办意见')`,
            run: "click",
        },
        chineseStep("co-handling officer: the opinion dialog", DIALOG_READY),
        {
            content: "Write the opinion",
            trigger: ".modal .o_field_widget[name=opinion] textarea",
            run: `edit ${OPINION}`,
        },
        {
            content: "Send it",
            trigger: ".modal .modal-footer button.btn-primary:contains('提交协办意见')",
            run: "click",
        },
        dialogDone("opinion"),
        {
            content: "The opinion is given: the button is gone",
            trigger: ".o_form_view .o_form_statusbar:not(:has(button:contains('提交协办意见')))",
        },
        chineseStep("co-handling officer: the opinion given", ".o-mail-Chatter .o-mail-Message"),
        chineseReport(),
    ],
});

tours.add("sunny_story_handler", {
    steps: () => [
        ...caseLoaded("lead handler: the case"),
        {
            content: "Read the co-handling unit's opinion",
            trigger: ".o_notebook .nav-link[name=cohandling]",
            run: "click",
        },
        {
            content: "The opinion is there",
            trigger: `.o_field_widget[name=opinion_ids] .o_data_row:contains('${CO_UNIT_NAME}'):contains('${OPINION}')`,
        },
        chineseStep("lead handler: the opinions", ".o_field_widget[name=opinion_ids] .o_data_row"),
        {
            content: "Go to the reply",
            trigger: ".o_notebook .nav-link[name=reply]",
            run: "click",
        },
        {
            content: "Insert a standard reply",
            trigger: ".o_form_view button:contains('插入标准答复')",
            run: "click",
        },
        chineseStep("lead handler: the standard reply dialog", DIALOG_READY),
        ...choose("faq_id", FAQ_QUESTION),
        {
            content: "Its answer is the text to insert",
            trigger: `.modal .o_field_widget[name=text] textarea:value(${FAQ_ANSWER})`,
        },
        {
            content: "Insert",
            trigger: ".modal .modal-footer button.btn-primary:contains('插入')",
            run: "click",
        },
        dialogDone("standard reply"),
        {
            content: "The draft reply holds the standard answer",
            trigger: `.o_field_widget[name=reply_draft] textarea:value(${FAQ_ANSWER})`,
        },
        {
            content: "Submit the reply",
            trigger: `${HEADER} button:contains('提交答复')`,
            run: "click",
        },
        chineseStep("lead handler: the reply dialog", DIALOG_READY),
        {
            content: "The draft is the reply",
            trigger: `.modal .o_field_widget[name=reply] textarea:value(${FAQ_ANSWER})`,
        },
        {
            content: "Submit it",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        dialogDone("reply"),
        {
            content: "The reply waits for the center's review",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('待审核')",
        },
        chineseStep("lead handler: the reply submitted", ".o-mail-Chatter .o-mail-Message"),
        chineseReport(),
    ],
});
