/** @odoo-module **/
/*
 * What a Chinese user reads must be Chinese. englishOnScreen() collects what the page
 * shows — the text of every visible element, the selected option of each <select>,
 * and the placeholder, title, aria-label and alt of visible elements — and returns
 * each word of Latin letters that is not on the short list of allowed words (Odoo,
 * file types such as PDF/XLSX, ...) after case numbers (YG2026-000001), e-mail
 * addresses and web addresses are taken out. assertChinese() throws on any, naming
 * the word and where it stands; chineseStep() is the tour step that calls it.
 *
 * Used by the role tours of sunny_service (sunny_chinese_tours.js) and of
 * sunny_service_reports; its own proof is the tour sunny_chinese_selftest.
 */

import { registry } from "@web/core/registry";

// words that are Chinese users' words too (abbreviations in capitals are taken out below)
export const ALLOWED_WORDS = new Set(["Odoo", "OdooBot", "Excel", "Word", "xlsx", "pdf", "csv"]);

const TAKEN_OUT = [
    /\bYG\d{4}-\d{6}\b/g, // case numbers
    /[\w.+-]+@[\w-]+(\.[\w-]+)+/g, // e-mail addresses
    /\b(https?:\/\/|www\.)\S+/g, // web addresses
    /(?<![A-Za-z])[A-Za-z]+\d[\w-]*/g, // codes with digits (rooms, bulletin and volume numbers)
    /\b\d[A-Z\d]*[A-Z][A-Z\d]*\b/g, // capitals led by a digit: query codes (2ZBLXBQD)
    /[\w-]+(\.[\w-]+)+/g, // host names
    /\b[A-Z]{2,8}\b/g, // codes and abbreviations: units (JWC for 教务处), file types (PDF)
];
const WORD = /[A-Za-z]+/g;
// not the page: the tour's own pointer, code, Odoo's debug tools
const NOT_THE_PAGE = "script, style, template, noscript, svg, .o_tour_pointer, .o_debug_manager";
const ATTRIBUTES = ["placeholder", "title", "aria-label", "alt"];

function isVisible(element) {
    if (element.closest(NOT_THE_PAGE)) {
        return false;
    }
    if (element.checkVisibility) {
        return element.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    }
    return element.getClientRects().length > 0;
}

function englishIn(text, extraAllowed) {
    for (const pattern of TAKEN_OUT) {
        text = text.replace(pattern, " ");
    }
    return (text.match(WORD) || []).filter((word) => !ALLOWED_WORDS.has(word) && !extraAllowed.has(word));
}

function describe(element) {
    const name = element.getAttribute("name") || element.dataset.menuXmlid || "";
    const classes = [...element.classList].slice(0, 2).join(".");
    return `<${element.tagName.toLowerCase()}${name ? ` name=${name}` : ""}${classes ? ` .${classes}` : ""}>`;
}

/**
 * The English words shown in ``root`` (the whole page by default), as
 * [{word, text, where}], ``text`` being the sentence it is in.
 */
export function englishOnScreen(root = document.body, { allow = [] } = {}) {
    const extraAllowed = new Set(allow);
    const found = [];
    const add = (text, element, what) => {
        for (const word of englishIn(text, extraAllowed)) {
            found.push({ word, text: text.trim().slice(0, 120), where: `${what} of ${describe(element)}` });
        }
    };
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const visible = new Map();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || !/[A-Za-z]/.test(node.nodeValue)) {
            continue;
        }
        if (!visible.has(parent)) {
            visible.set(parent, isVisible(parent));
        }
        if (visible.get(parent) && parent.tagName !== "OPTION") {
            add(node.nodeValue, parent, "text");
        }
    }
    for (const element of root.querySelectorAll(ATTRIBUTES.map((a) => `[${a}]`).join(","))) {
        if (isVisible(element)) {
            for (const attribute of ATTRIBUTES) {
                const value = element.getAttribute(attribute);
                if (value && /[A-Za-z]/.test(value)) {
                    add(value, element, attribute);
                }
            }
        }
    }
    for (const select of root.querySelectorAll("select")) {
        if (isVisible(select)) {
            for (const option of select.selectedOptions) {
                add(option.textContent, select, "selected option");
            }
        }
    }
    return found;
}

/** Throw when the page (or ``root``) shows an English word. */
export function assertChinese(where, options = {}) {
    const found = englishOnScreen(options.root, options);
    if (found.length) {
        const lines = found.map(({ word, text, where }) => `  "${word}" in "${text}" (${where})`);
        throw new Error(`English on screen at "${where}":\n${[...new Set(lines)].join("\n")}`);
    }
}

const FOUND_KEY = "sunny_chinese_found";

/**
 * A tour step: once ``trigger`` is on screen (the page is loaded), nothing on it is
 * English. ``allow`` adds words allowed on this page only (data the test wrote).
 * What is found is kept (across page loads) and the tour goes on, so that one run
 * lists every page's English; chineseReport() at the end of the tour fails with it.
 */
export function chineseStep(where, trigger = "body", allow = []) {
    return {
        content: `Only Chinese on screen: ${where}`,
        trigger,
        run() {
            try {
                assertChinese(where, { allow });
            } catch (error) {
                console.log(error.message);
                const found = JSON.parse(sessionStorage.getItem(FOUND_KEY) || "[]");
                sessionStorage.setItem(FOUND_KEY, JSON.stringify([...found, error.message]));
            }
        },
    };
}

/** The last step of a tour of chineseStep()s: fails with all they found. */
export function chineseReport() {
    return {
        content: "No page of the tour showed English",
        trigger: "body",
        run() {
            const found = JSON.parse(sessionStorage.getItem(FOUND_KEY) || "[]");
            sessionStorage.removeItem(FOUND_KEY);
            if (found.length) {
                throw new Error(found.join("\n"));
            }
        },
    };
}

// ---------------------------------------------------------------- its own proof
// The check must really fail when English shows, and only then.

function expectFound(found, words, what) {
    const got = found.map((f) => f.word).join(" ");
    if (got !== words.join(" ")) {
        throw new Error(`englishOnScreen() on ${what}: found "${got}", expected "${words.join(" ")}"`);
    }
}

registry.category("web_tour.tours").add("sunny_chinese_selftest", {
    url: "/odoo",
    steps: () => [
        {
            content: "The web client is loaded",
            trigger: ".o_main_navbar",
        },
        {
            content: "English is found in text, titles, placeholders and selects; hidden text, case numbers, addresses and allowed words are not",
            trigger: "body",
            run() {
                const sandbox = document.createElement("div");
                sandbox.innerHTML = `
                    <p>受理件 YG2026-000042 已答复，查询码 2ZBLXBQD，请发邮件至 sunny@example.edu.cn 或访问 https://example.edu.cn/sunny 。导出 PDF 或 XLSX，Odoo 提供。</p>
                    <p style="display: none">Hidden English</p>
                    <p class="d-none">Also hidden</p>
                    <input placeholder="搜索..."/>`;
                document.body.appendChild(sandbox);
                try {
                    expectFound(englishOnScreen(sandbox), [], "a Chinese page");
                    assertChinese("a Chinese page", { root: sandbox });

                    sandbox.insertAdjacentHTML(
                        "beforeend",
                        `<button title="Save record">保存</button>
                         <input placeholder="搜索 Search"/>
                         <span aria-label="关闭">Close</span>
                         <select><option>中文</option><option selected="selected">Overdue</option></select>
                         <p>2nd</p>`
                    );
                    expectFound(
                        englishOnScreen(sandbox),
                        ["Close", "nd", "Save", "record", "Search", "Overdue"],
                        "a page with English"
                    );
                    let failed = false;
                    try {
                        assertChinese("a page with English", { root: sandbox });
                    } catch (error) {
                        failed = error.message.includes('"Save" in "Save record"');
                    }
                    if (!failed) {
                        throw new Error("assertChinese() did not fail on English");
                    }
                    expectFound(
                        englishOnScreen(sandbox, { allow: ["Close", "nd", "Save", "record", "Search", "Overdue"] }),
                        [],
                        "a page whose English is allowed"
                    );
                } finally {
                    sandbox.remove();
                }
            },
        },
    ],
});

// ---------------------------------------------------------------- walking the back office

const ACTION = ".o_action_manager > .o_action";

/**
 * Steps that open a menu of the navbar by its xmlid (inside the dropdown of
 * ``section`` when given) and wait for the new page: ``ready`` is what shows once
 * its data is there.
 */
export function openMenu(xmlid, { section = null, ready = ".o_content" } = {}) {
    const steps = [];
    const markCurrent = () => document.querySelector(ACTION)?.classList.add("o_sunny_seen");
    if (section) {
        steps.push({
            content: `Open the menu ${section}`,
            trigger: `.o_menu_sections button[data-menu-xmlid='${section}']`,
            run(helpers) {
                markCurrent();
                return helpers.click();
            },
        });
        steps.push({
            content: `Choose ${xmlid}`,
            trigger: `.o-dropdown--menu .dropdown-item[data-menu-xmlid='${xmlid}']`,
            run: "click",
        });
    } else {
        steps.push({
            content: `Choose ${xmlid}`,
            trigger: `.o_menu_sections [data-menu-xmlid='${xmlid}']`,
            run(helpers) {
                markCurrent();
                return helpers.click();
            },
        });
    }
    steps.push({
        content: `The page of ${xmlid} is loaded`,
        trigger: `${ACTION}:not(.o_sunny_seen) ${ready}`,
    });
    return steps;
}

/** Steps that open a menu and check that its page is Chinese. */
export function checkMenu(xmlid, options = {}) {
    return [...openMenu(xmlid, options), chineseStep(xmlid, "body:not(:has(.o_sunny_seen))", options.allow)];
}

/**
 * Steps that click a button of a form that opens a dialog, check the dialog and
 * close it without doing anything.
 */
export function checkDialog(buttonText, where, { except = [] } = {}) {
    // `except`: texts of other buttons containing buttonText (交办 / 交办给建议单位)
    const others = except.map((text) => `:not(:contains('${text}'))`).join("");
    return [
        {
            content: `Open the dialog ${where}`,
            trigger: `.o_form_view .o_statusbar_buttons button:contains('${buttonText}')${others}`,
            run: "click",
        },
        chineseStep(where, ".modal .modal-footer button"),
        {
            content: `Close the dialog ${where} without doing anything`,
            trigger: ".modal .modal-header .btn-close",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
    ];
}

/** Steps that open a menu whose page is a dialog, check it and close it. */
export function checkMenuDialog(xmlid, section, allow = []) {
    return [
        {
            content: `Open the menu ${section}`,
            trigger: `.o_menu_sections button[data-menu-xmlid='${section}']`,
            run: "click",
        },
        {
            content: `Choose ${xmlid}`,
            trigger: `.o-dropdown--menu .dropdown-item[data-menu-xmlid='${xmlid}']`,
            run: "click",
        },
        chineseStep(xmlid, ".modal .o_form_view .o_field_widget", allow),
        {
            content: `Close the dialog of ${xmlid}`,
            trigger: ".modal .modal-header .btn-close",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
    ];
}
