/** @odoo-module **/
// An anonymous visitor sends a case from the public form, writes down the number
// and the code shown once, then follows the case with them and adds information.
import { registry } from "@web/core/registry";

const NUMBER_KEY = "sunny_tour_case_number";
const CODE_KEY = "sunny_tour_query_code";

registry.category("web_tour.tours").add("sunny_public_submit_tour", {
    url: "/sunny",
    steps: () => [
        {
            content: "Open the form from the home page",
            trigger: ".o_sunny_nav a[href$='/sunny/submit']",
            run: "click",
        },
        {
            content: "Choose the type: suggestion",
            trigger: "label[for='case_type_suggestion']",
            run: "click",
        },
        {
            content: "Choose the category",
            trigger: "select[name='category_id']",
            run: "selectByLabel Tour Canteen",
        },
        {
            content: "Title",
            trigger: "input[name='title']",
            run: "edit Longer canteen hours please",
        },
        {
            content: "Description",
            trigger: "textarea[name='content']",
            run: "edit The east canteen closes at 19:00, before the evening classes end. Could it stay open until 21:00?",
        },
        {
            content: "Attach a small text file",
            trigger: "input[name='attachments']",
            run() {
                const transfer = new DataTransfer();
                transfer.items.add(new File(["Timetable of the evening classes"], "timetable.txt", { type: "text/plain" }));
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Name",
            trigger: "input[name='submitter_name']",
            run: "edit Tour Visitor",
        },
        {
            content: "Email",
            trigger: "input[name='submitter_email']",
            run: "edit tour.visitor@example.com",
        },
        {
            content: "I am a parent",
            trigger: "select[name='submitter_role']",
            run: "select parent",
        },
        {
            content: "Consent is not given for them",
            trigger: "input[name='allow_publish']:not(:checked)",
        },
        {
            content: "They agree to publication: they tick the box",
            trigger: "input[name='allow_publish']",
            run: "check",
        },
        {
            content: "Send",
            trigger: "button.o_sunny_submit",
            run: "click",
        },
        {
            content: "Write down the number and the code shown once",
            trigger: ".o_sunny_query_code",
            run() {
                const number = document.querySelector(".o_sunny_case_number").textContent.trim();
                const code = this.anchor.textContent.trim();
                if (!/^[A-Z0-9]{8}$/.test(code) || !number) {
                    throw new Error(`Unexpected number or code: ${number} ${code}`);
                }
                window.localStorage.setItem(NUMBER_KEY, number);
                window.localStorage.setItem(CODE_KEY, code);
            },
        },
        {
            content: "Leave, and come back to follow the case",
            trigger: "a.btn-primary[href*='/sunny/query']",
            run: "click",
        },
        {
            content: "The number is prefilled",
            trigger: "input[name='number']",
            run() {
                if (this.anchor.value !== window.localStorage.getItem(NUMBER_KEY)) {
                    throw new Error("The case number was not prefilled");
                }
            },
        },
        {
            content: "Type the code",
            trigger: "input[name='code']",
            async run(helpers) {
                await helpers.edit(window.localStorage.getItem(CODE_KEY));
            },
        },
        {
            content: "Look up",
            trigger: ".o_sunny_query_form button[type='submit']",
            run: "click",
        },
        {
            content: "The case is shown with its state",
            trigger: ".o_sunny_case h1:contains('Longer canteen hours please')",
        },
        {
            content: "Submitted, waiting for the center",
            trigger: ".o_sunny_state:contains('Submitted')",
        },
        {
            content: "Add information",
            trigger: ".o_sunny_info_form textarea[name='info']",
            run: "edit Evening classes end at 20:40 on weekdays.",
        },
        {
            content: "Send the information",
            trigger: ".o_sunny_info_form button[type='submit']",
            run: "click",
        },
        {
            content: "Confirmation",
            trigger: ".o_sunny_flash",
            run() {
                window.localStorage.removeItem(CODE_KEY);
            },
        },
    ],
});
