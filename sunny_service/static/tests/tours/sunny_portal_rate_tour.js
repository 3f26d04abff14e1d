/** @odoo-module **/
// A student logged in to the portal opens their answered case and rates the reply.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sunny_portal_rate_tour", {
    url: "/my",
    steps: () => [
        {
            content: "The Sunshine Service tile of the portal home",
            trigger: "a[href='/my/sunny']",
            run: "click",
        },
        {
            content: "The answered case waits for a rating",
            trigger: ".o_sunny_portal_row:contains('Tour: answered case') .badge:contains('To rate')",
        },
        {
            content: "Open it",
            trigger: ".o_sunny_portal_row a:contains('Tour: answered case')",
            run: "click",
        },
        {
            content: "The approved reply is shown",
            trigger: ".o_sunny_reply:contains('The canteen now opens until 21:00.')",
        },
        {
            content: "The history (portal chatter) is loaded",
            trigger: ".o_portal_chatter",
        },
        {
            content: "Very satisfied",
            trigger: "label[for='satisfaction_very_satisfied']",
            run: "click",
        },
        {
            content: "A comment",
            trigger: "textarea[name='note']",
            run: "edit Thank you, that helps a lot.",
        },
        {
            content: "Send the rating",
            trigger: ".o_sunny_rate_submit",
            run: "click",
        },
        {
            content: "Thanks, the case is closed",
            trigger: ".o_sunny_flash",
        },
        {
            content: "The state says closed",
            trigger: ".o_sunny_state:contains('Closed')",
        },
    ],
});
