/* Chunked, resumable upload of the post-produced video (portal/backoffice/views/videos/uploads.py).

   The file is sliced with Blob.slice and sent chunk by chunk (PUT with Content-Range), each chunk retried
   with a growing pause; the server's offset is the truth, so after a reload, a network failure or a pause,
   choosing the same file again resumes where the server stopped (the session id is kept in localStorage,
   keyed by name, size and modification time). Without JavaScript the form posts the whole file. */
(function () {
  "use strict";
  var form = document.getElementById("video-upload-form");
  if (!form || !window.fetch || !window.Blob || !Blob.prototype.slice) return;

  var input = form.querySelector("input[type=file]");
  var bar = document.getElementById("video-upload-bar");
  var label = document.getElementById("video-upload-label");
  var box = document.getElementById("video-upload-progress");
  var status = document.getElementById("video-upload-status");
  var button = document.getElementById("video-upload-button");
  var pause = document.getElementById("video-upload-pause");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var createUrl = form.dataset.createUrl;
  var RETRIES = 8;
  var paused = false;
  var busy = false;
  var lastSpoken = -1;

  function key(file) {
    return "portal-video-upload:" + form.dataset.interview + ":" + [file.name, file.size, file.lastModified].join(":");
  }

  function say(text) { status.textContent = text; }

  function show(received, total) {
    var percent = total ? Math.floor(received * 100 / total) : 0;
    box.hidden = false;
    bar.value = percent;
    label.textContent = percent + "%（" + (received / 1048576).toFixed(1) + " / " + (total / 1048576).toFixed(1) + " MB）";
    // Screen readers hear every tenth per cent, not every chunk.
    if (Math.floor(percent / 10) !== Math.floor(lastSpoken / 10)) {
      lastSpoken = percent;
      say("已上传" + percent + "%");
    }
  }

  function sleep(ms) { return new Promise(function (resolve) { window.setTimeout(resolve, ms); }); }

  function request(method, url, body, headers) {
    headers = Object.assign({ "X-CSRFToken": token, "Accept": "application/json" }, headers || {});
    return fetch(url, { method: method, body: body, headers: headers, credentials: "same-origin" }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        data.httpStatus = response.status;
        return data;
      });
    });
  }

  function withRetries(make) {
    var attempt = 0;
    function run() {
      return make().then(function (data) {
        if (data.httpStatus >= 500 && attempt < RETRIES) { throw new Error("server " + data.httpStatus); }
        return data;
      }).catch(function (error) {
        if (attempt >= RETRIES || paused) throw error;
        attempt += 1;
        say("网络中断，" + Math.min(attempt * 2, 30) + "秒后第" + attempt + "次重试……");
        return sleep(Math.min(attempt * 2000, 30000)).then(run);
      });
    }
    return run();
  }

  function session(file) {
    var saved = window.localStorage.getItem(key(file));
    var fresh = function () {
      return withRetries(function () {
        return request("POST", createUrl, JSON.stringify({ filename: file.name, size: file.size }),
          { "Content-Type": "application/json" });
      });
    };
    if (!saved) return fresh();
    return withRetries(function () { return request("GET", saved, null); }).then(function (data) {
      if (data.httpStatus === 200 && data.status === "open") {
        say("从上次中断处（" + Math.floor(data.received * 100 / data.size) + "%）继续上传。");
        return data;
      }
      window.localStorage.removeItem(key(file));
      return fresh();
    });
  }

  function sendAll(file, state) {
    var url = createUrl + state.id + "/";
    var chunk = state.chunk_size;
    function next(offset) {
      show(offset, file.size);
      if (paused) { throw new Error("paused"); }
      if (offset >= file.size) return offset;
      var end = Math.min(offset + chunk, file.size);
      return withRetries(function () {
        return request("PUT", url, file.slice(offset, end), {
          "Content-Type": "application/octet-stream",
          "Content-Range": "bytes " + offset + "-" + (end - 1) + "/" + file.size
        });
      }).then(function (data) {
        if (data.httpStatus === 200) return next(data.received);
        if (data.httpStatus === 409 && typeof data.expected === "number") return next(data.expected);
        throw new Error(data.error || "上传失败（" + data.httpStatus + "）");
      });
    }
    return next(state.received).then(function () { return url; });
  }

  function finish(url, file) {
    say("文件已传完，正在检查视频（较大的文件需要一两分钟）……");
    return request("POST", url + "finish/", null).then(function (data) {
      if (data.httpStatus === 200 || data.httpStatus === 422) window.localStorage.removeItem(key(file));
      if (data.httpStatus === 200 && data.redirect) {
        say("检查通过，正在打开视频页面。");
        window.location.assign(data.redirect);
        return;
      }
      throw new Error(data.error || "检查失败（" + data.httpStatus + "）");
    });
  }

  function done() {
    busy = false;
    button.disabled = false;
    pause.hidden = true;
  }

  form.addEventListener("submit", function (event) {
    var file = input.files && input.files[0];
    event.preventDefault();
    if (busy) return;
    if (!file) { say("请选择要上传的视频文件。"); input.focus(); return; }
    busy = true;
    paused = false;
    button.disabled = true;
    pause.hidden = false;
    lastSpoken = -1;
    say("正在准备上传……");
    session(file).then(function (state) {
      if (state.httpStatus !== 200) throw new Error(state.error || "无法开始上传（" + state.httpStatus + "）");
      window.localStorage.setItem(key(file), createUrl + state.id + "/");
      return sendAll(file, state);
    }).then(function (url) {
      return finish(url, file);
    }).catch(function (error) {
      if (paused) {
        say("已暂停。再次点击“上传并检查”并选择同一文件即可从中断处继续。");
      } else {
        say("上传未完成：" + error.message + " 可再次点击“上传并检查”从中断处继续。");
      }
    }).then(done);
  });

  pause.addEventListener("click", function () {
    paused = true;
    say("正在暂停……");
  });
})();
