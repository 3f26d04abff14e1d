/** @odoo-module **/
/*
 * Odoo 18 translates the label, title, placeholder and alt attributes of the web
 * client's templates, but not aria-label: a Chinese user's screen reader read
 * "Messages", "Search...", "Remove", "Unfold" although Odoo's zh_CN.po has them.
 * Every Owl app of the back office translates aria-label too, with the same
 * translations (Owl's translatableAttributes, set when an app is created).
 */

import { App } from "@odoo/owl";

Object.defineProperty(App.prototype, "translatableAttributes", {
    configurable: true,
    get() {
        return this._sunnyTranslatableAttributes;
    },
    set(attributes) {
        this._sunnyTranslatableAttributes = [...(attributes || []), "aria-label"];
    },
});
