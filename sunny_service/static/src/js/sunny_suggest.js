/** @odoo-module **/
// The submission form: while the visitor types a title, published FAQ entries and
// answered cases similar to it are listed under the field (GET /sunny/suggest).
// Only a hint: nothing here ever stops the form from being sent. Titles are put in
// the page as text (textContent), never as HTML.

const DELAY = 400; // ms after the last key
const MIN_LENGTH = 2;

function setup(input) {
    const box = document.getElementById(input.getAttribute("aria-describedby"));
    if (!box) {
        return;
    }
    const list = box.querySelector("ul");
    let timer = null;
    let controller = null;
    let last = "";

    const hide = () => {
        box.classList.add("d-none");
        list.replaceChildren();
    };

    const show = (suggestions) => {
        list.replaceChildren(
            ...suggestions.map(({ title, url }) => {
                const item = document.createElement("li");
                const link = document.createElement("a");
                link.textContent = title;
                // a link to this site only: never a javascript: or foreign address
                link.href = typeof url === "string" && url.startsWith("/") && !url.startsWith("//") ? url : "#";
                link.target = "_blank";
                link.rel = "noopener";
                item.appendChild(link);
                return item;
            })
        );
        box.classList.toggle("d-none", !suggestions.length);
    };

    const lookup = async () => {
        const text = input.value.trim();
        if (text === last) {
            return;
        }
        last = text;
        if (controller) {
            controller.abort();
        }
        if (text.length < MIN_LENGTH) {
            hide();
            return;
        }
        controller = new AbortController();
        try {
            const url = `${input.dataset.sunnySuggest}?${new URLSearchParams({ q: text })}`;
            const response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
            if (!response.ok) {
                hide();
                return;
            }
            const suggestions = await response.json();
            show(Array.isArray(suggestions) ? suggestions.slice(0, 10) : []);
        } catch {
            // aborted by a newer key press, or offline: the form works without it
        }
    };

    input.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(lookup, DELAY);
    });
    input.dataset.sunnySuggestReady = "1";
}

function start() {
    document.querySelectorAll("input[data-sunny-suggest]").forEach(setup);
}

if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
} else {
    start();
}
