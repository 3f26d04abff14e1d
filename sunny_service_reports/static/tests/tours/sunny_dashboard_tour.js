/** @odoo-module **/
/*
 * sunny_dashboard_tour: a member of the leadership signs in, in Chinese, and lands
 * on the leadership dashboard (no Discuss inbox); the page is in Chinese (no English
 * label of the dashboard left); a click on a figure opens its cases.
 *
 * Data: sunny_service_reports/tests/test_dashboard.py (TestDashboardTour).
 */

import {registry} from "@web/core/registry";

// English labels of the dashboard that must read in Chinese
const ENGLISH = [
    "Leadership Dashboard",
    "This Month",
    "This Year",
    "Response Rate",
    "Resolution Rate",
    "Satisfaction",
    "Units",
    "Ranking",
    "Hot Topics",
    "Twelve Months",
    "Overdue",
    "Open Cases",
];

registry.category("web_tour.tours").add("sunny_dashboard_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The leadership lands on the dashboard, in Chinese",
            trigger: ".o_sunny_dashboard h2:contains('领导驾驶舱')",
        },
        {
            content: "No English label on the dashboard",
            trigger: ".o_sunny_dashboard .o_sunny_trend",
            run() {
                const text = document.querySelector(".o_sunny_dashboard").innerText;
                const found = ENGLISH.filter((word) => text.includes(word));
                if (found.length) {
                    throw new Error(`English on the dashboard: ${found.join(", ")}`);
                }
            },
        },
        {
            content: "Open the cases behind this year's response rate",
            trigger: ".o_sunny_dashboard a[data-figure='year-reply_on_time_rate']",
            run: "click",
        },
        {
            content: "The cases, as a list",
            trigger: ".o_list_view",
        },
    ],
});
