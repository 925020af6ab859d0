/* factdesk extension: the service worker.
 *
 * The toolbar button and the context-menu item "Check this article" put the content script
 * (mapper.js, content.js) into the tab the reader asked about (activeTab: that tab only, only
 * then) and tell it to check the page. The content script then asks this worker, one narrow
 * request at a time, to talk to the reader's own factdesk server: the only place anything is
 * sent. The server's address and token are in chrome.storage.local, set on the options page.
 */
"use strict";

const DEFAULTS = { server: "http://127.0.0.1:8350", token: "" };
const JOB_ID = /^[A-Za-z0-9_-]{1,40}$/;
const MENU_ID = "factdesk-check";

async function settings() {
  const stored = await chrome.storage.local.get(DEFAULTS);
  return { server: String(stored.server).replace(/\/+$/, ""), token: String(stored.token) };
}

/** Check the page in tab ``tabId``: inject the content script, then tell it to start. */
async function checkTab(tabId) {
  await chrome.scripting.executeScript({ target: { tabId }, files: ["mapper.js", "content.js"] });
  await chrome.tabs.sendMessage(tabId, { op: "check" });
}

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({
    id: MENU_ID,
    title: "Check this article",
    contexts: ["page", "selection", "link", "image"],
  });
});

chrome.action.onClicked.addListener((tab) => {
  if (tab.id !== undefined) checkTab(tab.id).catch((e) => console.warn("factdesk:", e));
});

chrome.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === MENU_ID && tab && tab.id !== undefined) {
    checkTab(tab.id).catch((e) => console.warn("factdesk:", e));
  }
});

/** One request to the server: ``{ok, status, data}`` (JSON) or ``{ok, status, error}``. */
async function call(path, { method = "GET", body = null, binary = false } = {}) {
  const { server, token } = await settings();
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== null) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(server + path, {
      method,
      headers,
      body: body === null ? undefined : JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
    });
  } catch (e) {
    return { ok: false, status: 0, error: `the factdesk server at ${server} did not answer (is \`factdesk serve\` running?)` };
  }
  if (!response.ok) {
    let error = `the server answered ${response.status}`;
    try {
      const data = await response.json();
      if (data && data.error) error = data.error;
    } catch (e) { /* not JSON */ }
    if (response.status === 401) error += " (set the server's token in the extension's options)";
    if (response.status === 403) error += " (start the server with --allow-origin " + location.origin + ")";
    return { ok: false, status: response.status, error };
  }
  if (binary) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    let text = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return { ok: true, status: response.status, data: btoa(text) };
  }
  return { ok: true, status: response.status, data: await response.json() };
}

/** What a content script may ask for: these four requests, nothing else. */
function handle(message) {
  const id = String(message.id || "");
  switch (message.op) {
    case "start":
      return call("/api/jobs", {
        method: "POST",
        body: { html: String(message.html || ""), url: String(message.url || "") },
      });
    case "job":
      if (!JOB_ID.test(id)) break;
      return call(`/api/jobs/${id}`);
    case "report":
      if (!JOB_ID.test(id)) break;
      return call(`/api/jobs/${id}/report`);
    case "audio":
      if (!JOB_ID.test(id) || !["article", "report"].includes(message.what)) break;
      return call(`/api/jobs/${id}/audio/${message.what}`, { binary: true });
    case "settings":
      return settings().then((s) => ({ ok: true, data: { server: s.server, origin: location.origin } }));
  }
  return Promise.resolve({ ok: false, status: 0, error: "not a request factdesk makes" });
}

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  if (sender.id !== chrome.runtime.id) return false;
  handle(message || {}).then(reply, (e) => reply({ ok: false, status: 0, error: String(e) }));
  return true; // the reply comes later
});
