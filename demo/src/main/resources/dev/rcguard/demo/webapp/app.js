// The demo page: lists the demo users and the documented requests, sends them with fetch, and shows each answer
// next to the number of calls RingCentral (the simulator) received for it, beside the application's live numbers
// (demo/numbers); the login panel signs in with RingCentral and calls the same pages of the application at /session
// with the session cookie alone, beside that application's numbers (session/demo/numbers).
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

// The numbers panels: an application's checks by outcome, the RingCentral calls they needed, made and saved, and the
// latency of its latest checks; refreshed after each request the page sends, and by a poll while the page is visible.
const NUMBERS_POLL_MS = 2000;
const numbersPanels = [];

function addNumbersPanel(container, source) {
    const panel = document.getElementById("numbers-panel").content.firstElementChild.cloneNode(true);
    container.appendChild(panel);
    const entry = {source, panel, sent: 0, shown: 0};
    numbersPanels.push(entry);
    return entry;
}

async function refreshNumbers(entry) {
    if (!entry) {
        return;
    }
    const sent = ++entry.sent;
    try {
        const numbers = await json(entry.source);
        if (sent > entry.shown) { // an older answer arriving late does not overwrite a newer one
            entry.shown = sent;
            showNumbers(entry.panel, numbers);
        }
    } catch (failed) {
        // the server is gone or busy: the panel keeps the last numbers it showed
    }
}

function showNumbers(panel, numbers) {
    const show = (name, value) => {
        panel.querySelector(`[data-n="${name}"]`).textContent = String(value);
    };
    text(panel, ".application", numbers.application);
    show("checks", numbers.checks);
    for (const [outcome, count] of Object.entries(numbers.outcomes)) {
        show(outcome, count);
    }
    show("wouldRefuse", numbers.wouldRefuse);
    panel.querySelector(".would-refuse").hidden = numbers.wouldRefuse === 0;
    const calls = numbers.calls;
    show("needed", calls.needed);
    show("made", calls.made);
    show("saved", calls.saved);
    show("reused", calls.reusedDecisions);
    show("refused", calls.refusedForBudget);
    const latency = numbers.latencyMs;
    text(panel, ".latency-of", `(latest ${latency.checks} checks)`);
    for (const name of ["p50", "p95", "max"]) {
        show(name, latency.checks === 0 ? "–" : latency[name].toFixed(3));
    }
    const upstream = numbers.upstreamMs;
    text(panel, ".upstream-of", `(${upstream.calls} calls)`);
    for (const name of ["mean", "max"]) {
        show(`upstream-${name}`, upstream.calls === 0 ? "–" : upstream[name].toFixed(3));
    }
    text(panel, ".updated", "updated after each request, and every 2 s while the page is visible; last at "
        + new Date().toLocaleTimeString());
    panel.dataset.checks = String(numbers.checks);
}

function pollNumbers() {
    setInterval(() => {
        if (document.visibilityState === "visible") {
            numbersPanels.forEach(refreshNumbers);
        }
    }, NUMBERS_POLL_MS);
    document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible") {
            numbersPanels.forEach(refreshNumbers);
        }
    });
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
    await refreshNumbers(appNumbers);
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

// The login panel: the application at /session, whose callers sign in with RingCentral. Its tokens stay in the
// server's session; the page sees the session cookie and /session/demo/session (a fingerprint and times, never a token).
const LOGIN_PAGES = [
    {title: "JAX-RS: @RequiresRingCentralPermission(\"ReadMessages\") on the resource method",
        path: "session/api/messages"},
    {title: "CDI: the Mailbox bean's own annotation, through the interceptor",
        path: "session/api/messages/unread-count"},
    {title: "web.xml filter: ReadCallLog and the feature ReadExtensionCallLog",
        path: "session/reports/call-volume"},
];
const LOGIN_POLL_MS = 5000;

let loginState = null; // the last answer of session/demo/session
let sessionNumbers = null; // the numbers panel of the application at /session
let clockOffset = 0;   // the server's clock minus this browser's

async function sessionState() {
    const state = await json("session/demo/session");
    clockOffset = Date.parse(state.now) - Date.now();
    loginState = state;
    showSessionState(state);
    return state;
}

function showSessionState(state) {
    document.getElementById("login-out").hidden = state.signedIn;
    document.getElementById("login-in").hidden = !state.signedIn;
    if (!state.signedIn) {
        return;
    }
    const token = state.accessToken;
    const rc = state.ringCentral;
    document.getElementById("login-lifetime").textContent = `${token.lifetimeSeconds} s`;
    text(document, "#login-who", state.user);
    text(document, "#login-extension", state.extensionId);
    text(document, "#login-token", token.fingerprint);
    const refreshes = document.getElementById("login-refreshes");
    refreshes.textContent = state.refreshesInThisSession === 0
        ? "0"
        : `${state.refreshesInThisSession} (the last at ${new Date(Date.parse(token.receivedAt)).toLocaleTimeString()})`;
    refreshes.className = state.refreshesInThisSession > 0 ? "refreshed" : "";
    text(document, "#login-guard-refreshes", String(state.guardRefreshes));
    text(document, "#login-rc", `${rc.codeExchanges} sign-in(s), ${rc.refreshCalls} refresh call(s)`);
    text(document, "#login-auth", rc.authLimit === undefined ? "–" : `${rc.authRemaining} of ${rc.authLimit}`);
    showExpiry();
}

function showExpiry() {
    if (!loginState || !loginState.signedIn) {
        return;
    }
    const token = loginState.accessToken;
    const expiresAt = Date.parse(token.expiresAt);
    const left = Math.ceil((expiresAt - (Date.now() + clockOffset)) / 1000);
    const at = new Date(expiresAt).toLocaleTimeString();
    const cell = document.getElementById("login-expiry");
    if (token.expired || left <= 0) {
        cell.textContent = (left > 0 ? "expired now, by the button" : `expired at ${at}`)
            + ": the guard's next call to RingCentral meets its 401 OAU-128, and the guard refreshes the token";
        cell.className = "expired";
    } else {
        cell.textContent = `in ${left} s, at ${at}`;
        cell.className = "";
    }
}

function showLoginPages() {
    const template = document.getElementById("login-page");
    const list = document.getElementById("login-pages");
    return LOGIN_PAGES.map((page, index) => {
        const card = template.content.firstElementChild.cloneNode(true);
        card.id = "login-page-" + (index + 1);
        text(card, ".title", page.title);
        text(card, ".line", "GET /" + page.path + "   (the session cookie, no Authorization header)");
        const entry = {page, card};
        card.querySelector(".send").addEventListener("click", () => callPages([entry]));
        list.appendChild(card);
        return entry;
    });
}

async function callPage({page, card}) {
    const response = await fetch(page.path, {cache: "no-store"});
    const body = await response.text();
    const status = card.querySelector(".status");
    status.textContent = `${response.status} ${response.statusText}`.trim();
    status.className = "status s" + String(response.status).charAt(0);
    card.dataset.status = String(response.status);
    text(card, ".body", pretty(response.headers.get("Content-Type"), body));
    return response.status;
}

function tokenExpired() {
    return loginState !== null && loginState.signedIn
        && (loginState.accessToken.expired || Date.parse(loginState.accessToken.expiresAt) <= Date.now() + clockOffset);
}

async function callPages(entries) {
    const before = loginState && loginState.signedIn ? loginState.refreshesInThisSession : 0;
    const expired = tokenExpired();
    const callsBefore = (await counters()).total;
    const statuses = await Promise.all(entries.map(callPage)); // at once, as a page's own requests go
    const calls = (await counters()).total - callsBefore;
    const state = await sessionState();
    await refreshNumbers(sessionNumbers);
    const granted = statuses.filter(status => status === 200).length;
    let summary = `${granted} of ${statuses.length} answered 200.`;
    if (!state.signedIn) {
        summary += " Not signed in: the guard finds no token in the session (401).";
    } else if (state.refreshesInThisSession > before) {
        summary += ` The session's access token had expired: the guard refreshed it during these requests`
            + ` (refreshes of this session: ${before} → ${state.refreshesInThisSession};`
            + ` refresh calls RingCentral received: ${state.ringCentral.refreshCalls}).`;
    } else if (expired && calls === 0) {
        summary += " RingCentral was not asked: the guard answered from its decisions of the last few seconds, its"
            + " share of the user's rate limit being spent for now (see the burst panel). The expired token meets"
            + " RingCentral, and is refreshed, at the guard's next live check.";
    }
    text(document, "#login-summary", summary);
    return statuses;
}

async function expireNow() {
    const response = await fetch("session/demo/expire", {method: "POST", cache: "no-store"});
    const answer = await response.json();
    if (response.ok) {
        loginState = answer;
        showSessionState(answer);
        text(document, "#login-summary",
            "The access token expired at RingCentral (the simulator). The next request will be refreshed.");
    } else {
        text(document, "#login-summary", answer.detail);
    }
}

async function showLogin(users, info) {
    const section = document.getElementById("login");
    section.hidden = !info.simulated;
    document.getElementById("login-link").hidden = !info.simulated;
    if (!info.simulated) {
        return;
    }
    const select = document.getElementById("login-user");
    for (const user of users) {
        select.add(new Option(user.name, user.name));
    }
    document.getElementById("login-button").addEventListener("click", () => {
        location.href = "session/login?user=" + encodeURIComponent(select.value);
    });
    const entries = showLoginPages();
    sessionNumbers = addNumbersPanel(document.getElementById("login-numbers"), "session/demo/numbers");
    refreshNumbers(sessionNumbers);
    document.getElementById("login-call-all").addEventListener("click", () => callPages(entries));
    document.getElementById("login-expire").addEventListener("click", expireNow);
    setInterval(showExpiry, 500);
    setInterval(() => {
        if (loginState && loginState.signedIn) {
            sessionState();
        }
    }, LOGIN_POLL_MS);
    const state = await sessionState();
    if (location.hash === "#login") {
        section.scrollIntoView();
    }
    // ?session=run (the browser test signs in with then=/?session=run#login): call, expire, call again
    if (new URLSearchParams(location.search).get("session") === "run" && state.signedIn) {
        await callPages(entries);
        await expireNow();
        await callPages(entries);
        section.dataset.done = "true";
    }
}

// The burst panel: one user's requests at a fixed rate, and the guard's economy polled while they run.
const BURST_REQUESTS = 100;
const BURST_INTERVAL_MS = 100; // ten a second: 100 requests in 10 s
const BURST_POLL_MS = 500;

async function economy(user) {
    return json("demo/economy?user=" + encodeURIComponent(user));
}

function showBurst(users) {
    const select = document.getElementById("burst-user");
    for (const user of users) {
        select.add(new Option(user.name, user.name));
    }
    document.getElementById("burst").hidden = users.length === 0;
    document.getElementById("burst-run").addEventListener("click", () => burst(select.value, users));
}

function showEconomy(start, now) {
    const grew = name => "+" + (now[name] - start[name]);
    document.getElementById("burst-calls").textContent = grew("liveCalls");
    document.getElementById("burst-reused").textContent = grew("reusedDecisions");
    document.getElementById("burst-refused").textContent = grew("refusedForBudget");
    const limited = document.getElementById("burst-429");
    limited.textContent = String(now.rateLimitedAnswers);
    limited.className = now.rateLimitedAnswers === 0 ? "zero" : "nonzero";
    for (const [name, group] of Object.entries(now.groups)) {
        const row = document.querySelector(`#burst-budget tr[data-group="${name}"]`);
        const rc = group.ringCentral;
        row.querySelector(".rc").textContent = `${rc.remaining} of ${rc.limit}` + (rc.inPenalty ? " (429 penalty)" : "");
        row.querySelector(".share").textContent = group.guard.tokens.toFixed(1)
            + (group.guard.known ? "" : " (full: not spent yet)") + (group.guard.inPenalty ? " (waiting out a 429)" : "");
    }
}

async function burst(user, users) {
    const button = document.getElementById("burst-run");
    const panel = document.getElementById("burst");
    const token = users.find(u => u.name === user).token;
    button.disabled = true;
    delete panel.dataset.done;
    const counts = {"200": 0, "401": 0, "403": 0, "503": 0, other: 0};
    const cells = {};
    for (const cell of document.querySelectorAll("#burst-answers td[data-status]")) {
        cell.textContent = "0";
        cells[cell.dataset.status] = cell;
    }
    let answered = 0;
    const progress = document.getElementById("burst-progress");
    progress.textContent = `(0 of ${BURST_REQUESTS})`;
    document.getElementById("burst-summary").textContent = `${user}: ${BURST_REQUESTS} requests in progress…`;

    const start = await economy(user);
    showEconomy(start, start);
    let polling = false;
    const poller = setInterval(async () => {
        if (!polling) { // one poll at a time, however slow the server
            polling = true;
            try {
                showEconomy(start, await economy(user));
            } finally {
                polling = false;
            }
        }
    }, BURST_POLL_MS);

    const one = async () => {
        let key = "other";
        try {
            const response = await fetch("api/messages", {headers: {Authorization: "Bearer " + token}, cache: "no-store"});
            await response.text();
            key = String(response.status) in counts ? String(response.status) : "other";
        } catch (failed) {
            // no answer at all: counted as other
        }
        counts[key]++;
        cells[key].textContent = String(counts[key]);
        answered++;
        progress.textContent = `(${answered} of ${BURST_REQUESTS})`;
    };
    const sent = [];
    for (let i = 0; i < BURST_REQUESTS; i++) {
        sent.push(one());
        if (i < BURST_REQUESTS - 1) {
            await new Promise(resolve => setTimeout(resolve, BURST_INTERVAL_MS));
        }
    }
    await Promise.all(sent);
    clearInterval(poller);
    await refreshNumbers(appNumbers);
    const end = await economy(user);
    showEconomy(start, end);
    const calls = end.liveCalls - start.liveCalls;
    const reused = end.reusedDecisions - start.reusedDecisions;
    document.getElementById("burst-summary").textContent =
        `${user}: ${BURST_REQUESTS} requests, ${calls} calls to RingCentral, ${reused} decisions reused, `
        + `${end.rateLimitedAnswers} 429s from RingCentral.`;
    panel.dataset.done = "true";
    button.disabled = false;
}

let appNumbers = null; // the numbers panel of this application

async function main() {
    appNumbers = addNumbersPanel(document.getElementById("numbers"), "demo/numbers");
    const [users, cases, info] = await Promise.all([json("demo/users"), json("demo/cases"), counters()]);
    await refreshNumbers(appNumbers);
    pollNumbers();
    showUsers(users, info);
    const entries = showCases(cases);
    showBurst(users);
    await showLogin(users, info);
    document.getElementById("run-all").addEventListener("click", () => runAll(entries));
    const query = new URLSearchParams(location.search);
    if (query.get("run") === "all") {
        await runAll(entries);
    }
    if (query.has("burst") && users.some(u => u.name === query.get("burst"))) {
        document.getElementById("burst-user").value = query.get("burst");
        await burst(query.get("burst"), users);
    }
}

main();
