/* 图文直播: new, corrected and withdrawn entries arrive by Server-Sent Events without a reload.

   The page already shows every entry so far (rendered on the server; it works without this script). The
   stream starts after the last event the page shows (?since=); after a dropped connection the browser sends
   Last-Event-ID itself and the server replays exactly what was missed. If the stream is refused (503: too
   many viewers, or no real-time path) or keeps failing, the page polls the entries endpoint instead, with
   If-None-Match, every few seconds. New entries are read out through a polite live region; focus stays put. */
(function () {
  "use strict";

  var root = document.getElementById("live");
  if (!root || root.dataset.live !== "1") return;
  var list = document.getElementById("live-entries");
  var announcer = document.getElementById("live-announcer");
  var connection = document.getElementById("live-connection");
  var lastSeq = Number(root.dataset.lastSeq) || 0;
  var newestFirst = root.dataset.order !== "oldest";
  var pollMs = Math.max(2, Number(root.dataset.pollSeconds) || 8) * 1000;
  var source = null;
  var failures = 0;
  var pollTimer = null;
  var etags = {};
  var finished = false;

  function say(text) {
    if (connection) connection.textContent = text;
  }

  function speak(text) {
    // Replacing the text makes screen readers read the new one once.
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  function summary(node) {
    var speaker = node.querySelector(".live-speaker");
    var text = node.querySelector(".live-text, .live-question");
    var words = (text ? text.textContent : "").replace(/\s+/g, " ").trim();
    if (words.length > 80) words = words.slice(0, 80) + "…";
    return (speaker ? speaker.textContent.trim() + "：" : "") + words;
  }

  function ended() {
    finished = true;
    if (source) source.close();
    source = null;
    window.clearTimeout(pollTimer);
    root.dataset.live = "0";
    say("直播已结束。");
    speak("直播已结束。");
  }

  function apply(event) {
    if (!event || event.seq <= lastSeq) return;
    lastSeq = event.seq;
    root.dataset.lastSeq = String(lastSeq);
    if (event.op === "status") {
      if (event.kind === "ended") ended();
      return;
    }
    var template = document.createElement("template");
    template.innerHTML = event.html.trim();
    var node = template.content.firstElementChild;
    if (!node) return;
    var old = document.getElementById(node.id);
    if (old) {
      old.replaceWith(node);
      if (event.op === "delete") speak("一条直播内容已撤回。");
      else if (event.kind === "corrected") speak("一条直播内容已更正：" + summary(node));
    } else {
      if (newestFirst) list.insertBefore(node, list.firstChild);
      else list.appendChild(node);
      var empty = document.getElementById("live-empty");
      if (empty) empty.remove();
      speak("新的直播内容：" + summary(node));
    }
  }

  function poll() {
    if (finished) return;
    var url = root.dataset.pollUrl + "?since=" + lastSeq;
    var headers = {};
    if (etags[url]) headers["If-None-Match"] = etags[url];
    fetch(url, { headers: headers, credentials: "omit" })
      .then(function (response) {
        if (response.status === 304) return null;
        if (!response.ok) throw new Error(String(response.status));
        var tag = response.headers.get("ETag");
        if (tag) etags[url] = tag;
        return response.json();
      })
      .then(function (data) {
        if (data) {
          (data.events || []).forEach(apply);
          if (data.more) { window.setTimeout(poll, 0); return; }
        }
        schedule();
      })
      .catch(schedule);
  }

  function schedule() {
    if (finished) return;
    window.clearTimeout(pollTimer);
    pollTimer = window.setTimeout(poll, pollMs);
  }

  function startPolling() {
    if (source) source.close();
    source = null;
    say("每隔" + Math.round(pollMs / 1000) + "秒自动刷新直播内容。");
    poll();
  }

  function startStream() {
    if (!("EventSource" in window)) { startPolling(); return; }
    source = new EventSource(root.dataset.eventsUrl + "?since=" + lastSeq);
    source.addEventListener("live", function (message) {
      failures = 0;
      apply(JSON.parse(message.data));
    });
    source.addEventListener("open", function () {
      failures = 0;
      say("直播内容实时更新中。");
    });
    source.addEventListener("error", function () {
      if (finished) return;
      failures += 1;
      // CLOSED: the server refused the stream (503 and the like). Reconnecting failed thrice: poll instead.
      if (!source || source.readyState === EventSource.CLOSED || failures >= 3) startPolling();
      else say("连接中断，正在重新连接…");
    });
  }

  startStream();
})();
