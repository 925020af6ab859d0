// factdesk's page script: follow a running check, tie the highlights to the evidence panel,
// and the listen buttons. Everything it shows comes from our own API, as text (never HTML).
"use strict";

function followJob(job) {
  const url = job.dataset.statusUrl;
  const lines = document.getElementById("lines");
  const state = document.getElementById("state");
  async function poll() {
    let info;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      info = await response.json();
    } catch (e) {
      setTimeout(poll, 2000);
      return;
    }
    if (info.state === "done" || info.state === "failed" || info.state === "cancelled") {
      window.location.reload();
      return;
    }
    state.textContent = info.state + (info.position ? " · " + info.position + " ahead in the queue" : "");
    lines.replaceChildren(...info.progress.map((line) => {
      const li = document.createElement("li");
      li.textContent = line;
      return li;
    }));
    setTimeout(poll, 500);
  }
  poll();
}

function select(id) {
  document.querySelectorAll(".selected").forEach((e) => e.classList.remove("selected"));
  const card = document.getElementById(id);
  const mark = document.getElementById("m-" + id);
  if (card) card.classList.add("selected");
  if (mark) mark.classList.add("selected");
}

function wireHighlights() {
  document.querySelectorAll("mark[data-claim]").forEach((mark) => {
    mark.addEventListener("click", () => select(mark.dataset.claim));
  });
}

function wireListen() {
  const status = document.getElementById("listen-status");
  document.querySelectorAll(".listen-button").forEach((button) => {
    button.addEventListener("click", async () => {
      const audio = document.getElementById(button.dataset.audio);
      document.querySelectorAll("audio").forEach((a) => { if (a !== audio) a.pause(); });
      status.textContent = "Preparing the audio…";
      try {
        await audio.play();
        status.textContent = "Playing.";
      } catch (e) {
        status.textContent = "The audio could not be played: " + e.message;
      }
    });
  });
  document.querySelectorAll("audio").forEach((audio) => {
    audio.addEventListener("error", () => {
      status.textContent = "No audio: the server could not read this aloud.";
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const job = document.getElementById("job");
  if (job && (job.dataset.state === "queued" || job.dataset.state === "running")) {
    followJob(job);
  }
  wireHighlights();
  wireListen();
});
