/*
 * Roster page: records a learner's presence without reloading the page, and refreshes every
 * learner's status and the counts every 5 seconds, so that QR check-ins appear as they happen.
 * Without this script every button posts its form. The server decides everything; the texts come
 * from the page's data attributes, translated there.
 */
(function () {
  "use strict";
  var roster = document.getElementById("roster");
  if (!roster) { return; }
  var text = roster.dataset;
  var closed = text.closed === "1";
  var POLL_MS = 5000;

  function csrfToken(form) {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function setText(item, selector, value) {
    var element = item.querySelector(selector);
    if (element) { element.textContent = value; }
  }

  function fillTime(item, field, value) {
    var input = item.querySelector('input[data-field="' + field + '"]');
    // Never overwrite what the trainer is typing.
    if (input && value && !input.value && document.activeElement !== input) { input.value = value; }
  }

  function updateRow(item, row, state) {
    setText(item, "[data-status-label]", row.status ? state.labels[row.status] : text.unmarked);
    var times = [];
    if (row.arrived_at) { times.push(text.arrived + " " + row.arrived_at); }
    if (row.left_at) { times.push(text.left + " " + row.left_at); }
    setText(item, "[data-times]", times.length ? "· " + times.join(" · ") : "");
    setText(item, "[data-attested]", row.attested_at
      ? "· " + text.attested + " " + row.attested_at + " (" + state.methods[row.method] + ")" : "");
    fillTime(item, "arrived_at", row.arrived_at);
    fillTime(item, "left_at", row.left_at);
    item.querySelectorAll("button[data-status]").forEach(function (button) {
      var current = button.getAttribute("data-status") === row.status;
      button.classList.toggle("button--secondary", !current);
      button.setAttribute("aria-pressed", current ? "true" : "false");
    });
  }

  function applyState(state) {
    if (state.closed && !closed) { window.location.reload(); return; }
    Object.keys(state.counts).forEach(function (key) {
      roster.querySelectorAll('[data-count="' + key + '"]').forEach(function (element) {
        element.textContent = state.counts[key];
      });
    });
    Object.keys(state.rows).forEach(function (id) {
      var item = document.getElementById("inscription-" + id);
      if (item) { updateRow(item, state.rows[id], state); }
    });
  }

  function send(form, submitter) {
    var data = new FormData(form);
    data.append(submitter.name, submitter.value);
    var message = form.querySelector("[data-row-message]");
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrfToken(form) }
    }).then(function (response) {
      return response.json().then(function (body) {
        if (response.ok) {
          message.textContent = text.saved;
          var reason = form.querySelector("input[name=reason]");
          if (reason) { reason.value = ""; }
          applyState(body);
        } else {
          message.textContent = body.error || String(response.status);
        }
      });
    }).catch(function () {
      message.textContent = text.network;
    });
  }

  roster.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter;
    // Old browsers without ``submitter`` simply post the form.
    if (!form.classList.contains("roster-form") || !submitter || !submitter.name) { return; }
    event.preventDefault();
    send(form, submitter);
  });

  function poll() {
    if (document.hidden) { return; }
    fetch(text.stateUrl, { credentials: "same-origin", headers: { "Accept": "application/json" }, cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) { if (state) { applyState(state); } })
      .catch(function () { /* the next poll will try again */ });
  }

  window.setInterval(poll, POLL_MS);
})();
