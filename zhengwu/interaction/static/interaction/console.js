/* 直播控制台：每隔几秒重新取“待处理提问”队列（服务器渲染的片段），替换页面上的队列。主持人正在队列里操作
   （焦点在队列内或已填写了理由）时暂不替换，以免打断输入。没有 JavaScript 时点“刷新队列”即可。 */
(function () {
  "use strict";
  var queue = document.querySelector("[data-queue-url]");
  if (!queue || !window.fetch) { return; }
  var url = queue.getAttribute("data-queue-url");

  function busy() {
    if (queue.contains(document.activeElement)) { return true; }
    return Array.prototype.some.call(queue.querySelectorAll("input[type=text], textarea"), function (field) {
      return field.value.trim() !== "";
    });
  }

  function refresh() {
    if (busy()) { return; }
    fetch(url, {cache: "no-store", credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null && !busy()) { queue.innerHTML = html; } })
      .catch(function () { /* try again at the next tick */ });
  }

  window.setInterval(refresh, 4000);
}());
