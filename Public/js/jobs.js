// DangBo jobs: while a long operation runs on the server, its page asks for its progress once a second, moves the
// bar and the text, and reloads the page when the job has ended (the page then shows the outcome). No dependencies.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || box.getAttribute("data-job-running") !== "1") { return; }
  var url = box.getAttribute("data-job-status");
  var bar = document.getElementById("job-bar");
  var text = document.getElementById("job-text");
  var failures = 0;

  function poll() {
    var request = new XMLHttpRequest();
    request.open("GET", url);
    request.setRequestHeader("Accept", "application/json");
    request.onload = function () {
      if (request.status !== 200) { return retry(); }
      var job;
      try { job = JSON.parse(request.responseText); } catch (e) { return retry(); }
      failures = 0;
      bar.value = job.percent;
      bar.textContent = job.percent + "%";
      text.textContent = job.status === "running" ? job.text : (job.summary || "");
      if (job.status === "running") { window.setTimeout(poll, 1000); } else { window.location.reload(); }
    };
    request.onerror = retry;
    request.send();
  }

  // The server or the network may be gone for a moment: keep asking, more slowly, and say so after a while.
  function retry() {
    failures += 1;
    if (failures === 5) { text.textContent = "Chưa liên lạc được với máy chủ; đang thử lại…"; }
    window.setTimeout(poll, Math.min(10000, 1000 * failures));
  }

  window.setTimeout(poll, 500);
}());
