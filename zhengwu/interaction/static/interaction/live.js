/* 在线访谈直播页：每隔几秒向 /api/v1/interviews/<id>/messages?after=<最后一条的 id> 取新内容，追加到页面的
   aria-live 区域（读屏软件会朗读新增的内容）。不依赖任何框架；没有 JavaScript 时页面提供自动刷新的替代页面。
   用户文字一律以 textContent 写入，从不拼接 HTML。 */
(function () {
  "use strict";
  // An announced interview about to start: ask every 30 s whether it has, and then say so (no reload, so a
  // question being typed is not lost).
  var watch = document.querySelector("[data-live-watch]");
  if (watch && window.fetch) {
    var timer = window.setInterval(function () {
      fetch(watch.getAttribute("data-live-watch"), {headers: {Accept: "application/json"}, cache: "no-store"})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (data && data.status !== "announced") { watch.hidden = false; window.clearInterval(timer); }
        })
        .catch(function () { /* try again at the next tick */ });
    }, 30000);
  }
  var root = document.querySelector("[data-live-poll]");
  if (!root || !window.fetch) { return; }
  var feed = root.querySelector("[data-live-feed]");
  var statusText = root.querySelector("[data-live-status-text]");
  var badge = document.querySelector("[data-live-badge]");
  var url = root.getAttribute("data-live-poll");
  var after = parseInt(root.getAttribute("data-live-after"), 10) || 0;
  var status = root.getAttribute("data-live-status");
  var BASE = 2500, HIDDEN = 10000, MAX = 30000;
  var delay = BASE, timer = null;

  var clock = new Intl.DateTimeFormat("zh-CN", {timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hour12: false});

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function render(message) {
    var item = element("li", "zf-msg zf-msg--" + message.kind);
    item.id = "m-" + message.id;
    var who = element("p", "zf-who");
    who.appendChild(element("span", "zf-kind", message.kind_label));
    who.appendChild(document.createTextNode(" "));
    who.appendChild(element("strong", "", message.speaker));
    who.appendChild(document.createTextNode(" "));
    var time = element("time", "", clock.format(new Date(message.posted_at)));
    time.setAttribute("datetime", message.posted_at);
    who.appendChild(time);
    item.appendChild(who);
    if (message.text) { item.appendChild(element("p", "zf-text", message.text)); }
    if (message.picture) {
      var figure = element("figure", "zf-picture");
      var image = element("img");
      image.src = message.picture.url;
      image.alt = message.picture.alt;
      image.width = message.picture.width;
      image.height = message.picture.height;
      figure.appendChild(image);
      figure.appendChild(element("figcaption", "", message.picture.alt));
      item.appendChild(figure);
    }
    return item;
  }

  function show(data) {
    var empty = feed.querySelector("[data-live-empty]");
    data.messages.forEach(function (message) {
      if (!document.getElementById("m-" + message.id)) { feed.appendChild(render(message)); }
      after = Math.max(after, message.id);
    });
    if (empty && feed.querySelector(".zf-msg")) { empty.remove(); }
    if (data.status !== status) {
      status = data.status;
      if (badge) { badge.textContent = data.status_label; badge.className = "zf-status zf-status--" + status; }
    }
    if (statusText) {
      statusText.textContent = status === "ended" ? "访谈已结束，感谢您的关注。文字实录经审核后在本页公布。"
        : "正在直播，新内容每隔几秒自动显示，无需刷新页面。";
    }
  }

  function schedule(wait) {
    window.clearTimeout(timer);
    timer = window.setTimeout(poll, wait);
  }

  function poll() {
    fetch(url + "?after=" + after, {headers: {Accept: "application/json"}, cache: "no-store", credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (data) {
        show(data);
        delay = BASE;
        if (status === "ended" && !data.more) { return; }  // nothing more will come
        schedule(data.more ? 0 : (document.hidden ? HIDDEN : delay));
      })
      .catch(function () {
        delay = Math.min(delay * 2, MAX);  // the server is busy or the network is down: ask less often
        if (statusText) { statusText.textContent = "网络连接不稳定，正在重试……"; }
        schedule(delay);
      });
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && status !== "ended") { schedule(0); }
  });
  if (status !== "ended") { schedule(BASE); }
}());
