// The demo page: lists the demo users and the documented requests, sends them with fetch, and shows each answer
// next to the number of calls RingCentral (the simulator) received for it.
"use strict";

const OWN_TOKEN = "$RC_TOKEN";

async function json(path) {
    const response = await fetch(path, {cache: "no-store"});
    return response.json();
}

async function counters() {
    return json("demo/counters");
}

function text(element, selector, value) {
    element.querySelector(selector).textContent = value;
}

function showUsers(users, info) {
    const body = document.querySelector("#users tbody");
    for (const user of users) {
        const row = body.insertRow();
        for (const value of [user.name, user.token, user.extensionId, user.story]) {
            row.insertCell().textContent = value;
        }
    }
    document.getElementById("ringcentral").textContent = info.simulated
        ? `RingCentral: the simulator at ${info.ringCentral}, with RingCentral's own mock data.`
        : `RingCentral: ${info.ringCentral} (real). Paste your access token below.`;
    document.getElementById("own-token").hidden = info.simulated;
}

function tokenOf(demoCase) {
    return demoCase.token === OWN_TOKEN ? document.getElementById("token").value.trim() : demoCase.token;
}

async function send(demoCase, card) {
    const before = await counters();
    const headers = {};
    const token = tokenOf(demoCase);
    if (token) {
        headers["Authorization"] = "Bearer " + token;
    }
    if (demoCase.body) {
        headers["Content-Type"] = "application/json";
    }
    const response = await fetch(demoCase.path.substring(1), {method: demoCase.method, headers, body: demoCase.body});
    const body = await response.text();
    const after = await counters();

    const status = card.querySelector(".status");
    status.textContent = `${response.status} ${response.statusText}`.trim();
    status.className = "status s" + String(response.status).charAt(0);
    card.dataset.status = String(response.status);
    const expected = demoCase.status === 0 || demoCase.status === response.status;
    const verdict = card.querySelector(".verdict");
    verdict.textContent = expected ? "as expected" : `expected ${demoCase.status}`;
    verdict.className = "verdict " + (expected ? "ok" : "unexpected");
    text(card, ".body", pretty(response.headers.get("Content-Type"), body));
    text(card, ".counter", after.simulated
        ? `RingCentral calls: ${before.total} → ${after.total} (+${after.total - before.total} for this request)`
        : "RingCentral calls: not counted (real RingCentral)");
    return expected;
}

function pretty(contentType, body) {
    const lines = contentType ? [`Content-Type: ${contentType}`, ""] : [];
    try {
        lines.push(JSON.stringify(JSON.parse(body), null, 2));
    } catch (notJson) {
        lines.push(body);
    }
    return lines.join("\n");
}

function showCases(cases) {
    const template = document.getElementById("case");
    const list = document.getElementById("cases");
    return cases.map((demoCase, index) => {
        const card = template.content.firstElementChild.cloneNode(true);
        card.id = "case-" + (index + 1);
        text(card, ".title", demoCase.title);
        text(card, ".line", `${demoCase.method} ${demoCase.path}`);
        text(card, ".who", demoCase.token ? `as ${demoCase.user} (Bearer ${demoCase.token})` : "without a token");
        text(card, ".expect", "expected: " + demoCase.expect);
        card.querySelector(".send").addEventListener("click", () => send(demoCase, card));
        list.appendChild(card);
        return {demoCase, card};
    });
}

async function runAll(entries) {
    let asExpected = 0;
    for (const {demoCase, card} of entries) {
        if (await send(demoCase, card)) {
            asExpected++;
        }
    }
    document.getElementById("summary").textContent =
        `${asExpected} of ${entries.length} requests answered as expected.`;
    document.body.dataset.done = "true";
}

async function main() {
    const [users, cases, info] = await Promise.all([json("demo/users"), json("demo/cases"), counters()]);
    showUsers(users, info);
    const entries = showCases(cases);
    document.getElementById("run-all").addEventListener("click", () => runAll(entries));
    if (new URLSearchParams(location.search).get("run") === "all") {
        await runAll(entries);
    }
}

main();
