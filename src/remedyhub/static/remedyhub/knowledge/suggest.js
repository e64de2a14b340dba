// Suggest articles while a company types its helpdesk question. Without this script the
// "Find articles" button shows the same suggestions from the server.
(function () {
  "use strict";
  var field = document.querySelector("textarea[data-suggest-url]");
  var target = document.getElementById("suggestions");
  if (!field || !target || !window.fetch) { return; }
  var timer = null;
  var last = "";
  field.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var text = field.value.trim();
      if (text === last || text.length < 3) { return; }
      last = text;
      var url = field.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(text.slice(0, 1000));
      fetch(url, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) { if (field.value.trim() === text) { target.innerHTML = html; } })
        .catch(function () {});
    }, 350);
  });
}());
