/** @odoo-module **/
// A rate averaged over nothing (no case due, no follow-up in the cell) is empty in
// the pivot, not "0%": the percentage formatter turns false into 0.
import {registry} from "@web/core/registry";
import {formatPercentage} from "@web/views/fields/formatters";

export function formatRate(value, options = {}) {
    if (value === false || value === null || value === undefined) {
        return "";
    }
    return formatPercentage(value, options);
}
formatRate.extractOptions = formatPercentage.extractOptions;

registry.category("formatters").add("sunny_rate", formatRate);
