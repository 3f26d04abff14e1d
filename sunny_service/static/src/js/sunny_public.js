/** @odoo-module **/
// The page shown once after a submission: copy the case number and query code,
// or print the page (the code cannot be shown again).

function copyWithSelection(text) {
    // pages served over plain http have no navigator.clipboard
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let copied = false;
    try {
        copied = document.execCommand("copy");
    } catch {
        copied = false;
    }
    area.remove();
    return copied;
}

async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch {
            // fall back below (permission refused, document not focused)
        }
    }
    return copyWithSelection(text);
}

document.addEventListener("click", async (ev) => {
    const actions = ev.target.closest(".o_sunny_code_actions");
    if (!actions) {
        return;
    }
    if (ev.target.closest(".o_sunny_print")) {
        window.print();
        return;
    }
    if (!ev.target.closest(".o_sunny_copy_code")) {
        return;
    }
    // "Case number: YG2026-000123", "Query code: ABCD2345", in the page's language
    const box = document.querySelector(".o_sunny_code_box");
    const lines = [...box.querySelectorAll("dt")].map(
        (dt) => `${dt.textContent.trim()}: ${dt.nextElementSibling.textContent.trim()}`
    );
    const copied = await copyText(lines.join("\n"));
    actions.querySelector(".o_sunny_copy_done").classList.toggle("d-none", !copied);
    actions.querySelector(".o_sunny_copy_failed").classList.toggle("d-none", copied);
});
