/** @odoo-module **/
// The leadership's dashboard (领导驾驶舱): the figures come from the server
// (sunny.dashboard.get_dashboard, the bulletin's and assessment's definitions),
// each with the domain of its cases; a click opens them as a list, where the
// record rules show the viewer the cases they may read.
import {Component, onWillStart, useState} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

export class SunnyDashboard extends Component {
    static template = "sunny_service_reports.SunnyDashboard";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({data: null});
        onWillStart(async () => {
            this.state.data = await this.orm.call("sunny.dashboard", "get_dashboard", []);
        });
    }

    open(drill) {
        if (!drill) {
            return;
        }
        this.action.doAction({
            type: "ir.actions.act_window",
            name: drill.name,
            res_model: "sunny.case",
            domain: drill.domain,
            views: [
                [false, "list"],
                [false, "form"],
            ],
            context: {create: false},
            target: "current",
        });
    }
}

registry.category("actions").add("sunny_service_reports.dashboard", SunnyDashboard);
