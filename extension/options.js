/* factdesk extension: the options page (the server's address and token). */
"use strict";

const DEFAULTS = { server: "http://127.0.0.1:8350", token: "" };
const form = document.getElementById("form");
const server = document.getElementById("server");
const token = document.getElementById("token");
const status = document.getElementById("status");

document.getElementById("command").textContent =
  `factdesk serve --allow-origin ${location.origin}`;

chrome.storage.local.get(DEFAULTS).then((s) => {
  server.value = s.server;
  token.value = s.token;
});

function say(text, error) {
  status.textContent = text;
  status.className = error ? "error" : "";
}

/** The server's address as an origin, or null when it is not an http(s) URL. */
function origin(value) {
  try {
    const url = new URL(value);
    return ["http:", "https:"].includes(url.protocol) ? url.origin : null;
  } catch (e) {
    return null;
  }
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const at = origin(server.value.trim());
  if (!at) return say("The address must be an http:// or https:// URL.", true);
  // Other addresses than this machine's need the reader's leave, asked for that one only.
  const granted = await chrome.permissions.request({ origins: [`${at}/*`] }).catch(() => false);
  if (!granted) return say(`The extension may not reach ${at} without your leave.`, true);
  await chrome.storage.local.set({ server: at, token: token.value.trim() });
  say(`Saved: checks go to ${at}.`);
});

document.getElementById("test").addEventListener("click", async () => {
  const at = origin(server.value.trim());
  if (!at) return say("The address must be an http:// or https:// URL.", true);
  try {
    const headers = token.value.trim() ? { Authorization: `Bearer ${token.value.trim()}` } : {};
    const response = await fetch(`${at}/api/openapi.json`, { headers, credentials: "omit" });
    if (response.ok) say(`The factdesk server at ${at} answers, and takes the token.`);
    else if (response.status === 401) say(`${at} answers but wants the right token.`, true);
    else say(`${at} answered ${response.status}.`, true);
  } catch (e) {
    say(`Nothing answers at ${at}: is \`factdesk serve\` running?`, true);
  }
});
