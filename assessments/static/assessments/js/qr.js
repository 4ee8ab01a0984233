/*
 * QR code page: asks the server every 5 seconds for the current code and the number of learners
 * present, and swaps the code when it changes (every 30 seconds). Reloads the page when the
 * check-in window opens or shuts, or when the session is closed.
 */
(function () {
  "use strict";
  var panel = document.getElementById("qr-panel");
  if (!panel) { return; }
  var code = document.getElementById("qr-code");
  var present = document.getElementById("qr-present");
  var wasOpen = panel.getAttribute("data-open") === "1";
  var POLL_MS = 5000;

  function apply(body) {
    if (body.closed || body.open !== wasOpen) { window.location.reload(); return; }
    if (present) { present.textContent = body.present; }
    if (code && body.token && body.token !== code.getAttribute("data-token")) {
      code.innerHTML = body.svg;  // our own server's SVG
      code.setAttribute("data-token", body.token);
    }
  }

  function refresh() {
    fetch(panel.getAttribute("data-token-url"), {
      credentials: "same-origin",
      headers: { "Accept": "application/json" },
      cache: "no-store"
    }).then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) { if (body) { apply(body); } })
      .catch(function () { /* the next poll will try again */ });
  }

  window.setInterval(refresh, POLL_MS);
})();
