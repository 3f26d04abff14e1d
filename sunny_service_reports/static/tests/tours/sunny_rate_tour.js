/** @odoo-module **/
/*
 * A bulletin of a month where nothing was due: its rates read "—" (as in the PDF),
 * in the form, not "0%" nor an empty cell.
 * Data: sunny_service_reports/tests/test_rate_display.py (TestRateDisplayTour).
 */

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sunny_rate_dash_tour", {
    steps: () => [
        {
            content: "The on-time reply rate with no reply due reads —",
            trigger: ".o_form_view .o_field_widget[name=reply_on_time_rate]:contains('—')",
        },
        {
            content: "So does the satisfaction rate with no follow-up",
            trigger: ".o_form_view .o_field_widget[name=satisfaction_rate]:contains('—')",
        },
        {
            content: "Nowhere 0%",
            trigger: ".o_form_view:not(:has(.o_field_widget[name$=_rate]:contains('0%')))",
        },
    ],
});
