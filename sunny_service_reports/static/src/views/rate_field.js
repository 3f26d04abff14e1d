/** @odoo-module **/
// A rate with nothing to measure (no case due, no follow-up) reads "—", as in the
// PDF, not "0%" nor an empty cell: widget="sunny_rate" with the field that counts
// what the rate is taken over, options="{'due_field': 'reply_due_count'}".
import {registry} from "@web/core/registry";
import {PercentageField, percentageField} from "@web/views/fields/percentage/percentage_field";

export const NO_RATE = "—";

export class SunnyRateField extends PercentageField {
    static props = {...PercentageField.props, dueField: {type: String, optional: true}};

    get formattedValue() {
        if (this.props.dueField && !this.props.record.data[this.props.dueField]) {
            return NO_RATE;
        }
        return super.formattedValue;
    }
}

export const sunnyRateField = {
    ...percentageField,
    component: SunnyRateField,
    extractProps(fieldInfo, dynamicInfo) {
        return {
            ...percentageField.extractProps(fieldInfo, dynamicInfo),
            dueField: fieldInfo.options.due_field,
        };
    },
    fieldDependencies: ({options}) => (options.due_field ? [{name: options.due_field, type: "integer"}] : []),
};

registry.category("fields").add("sunny_rate", sunnyRateField);
