/*
 * Quiz attempt page: saves each answer as soon as it changes, and shows the time left.
 * The page works without this script (the "Enregistrer" and "Envoyer" buttons post the form);
 * the server alone decides what counts, so nothing here is trusted.
 */
(function () {
  "use strict";
  var form = document.getElementById("attempt-form");
  if (!form) { return; }
  var status = document.getElementById("autosave-status");
  var lang = document.documentElement.lang || "fr";
  var text = lang === "en"
    ? { saving: "Saving…", saved: "Answers saved at ", failed: "Not saved: ", network: "network error", left: "Time left: ", over: "Time is up: sending your answers." }
    : { saving: "Enregistrement…", saved: "Réponses enregistrées à ", failed: "Non enregistré : ", network: "erreur réseau", left: "Temps restant : ", over: "Temps écoulé : envoi de vos réponses." };

  function csrfToken() {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function saveQuestion(fieldset) {
    var data = new FormData();
    var key = fieldset.getAttribute("data-question");
    data.append("csrfmiddlewaretoken", csrfToken());
    data.append("shown", key);
    fieldset.querySelectorAll("input:checked").forEach(function (input) {
      data.append(input.name, input.value);
    });
    status.textContent = text.saving;
    fetch(form.getAttribute("data-save-url"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrfToken() }
    }).then(function (response) {
      return response.json().then(function (body) {
        if (response.ok) {
          status.textContent = text.saved + body.saved_at;
        } else {
          status.textContent = text.failed + (body.error || response.status);
          if (body.code === "late" || body.code === "closed") { window.location.reload(); }
        }
      });
    }).catch(function () {
      status.textContent = text.failed + text.network;
    });
  }

  form.addEventListener("change", function (event) {
    var fieldset = event.target.closest("fieldset[data-question]");
    if (fieldset) { saveQuestion(fieldset); }
  });

  var timer = document.getElementById("quiz-timer");
  if (!timer) { return; }
  var left = timer.querySelector(".quiz-timer__left");
  // Count from the server's clock: the learner's clock may be wrong.
  var offset = Date.parse(timer.getAttribute("data-now")) - Date.now();
  var deadline = Date.parse(timer.getAttribute("data-deadline"));
  var sent = false;
  function tick() {
    var remaining = Math.max(0, Math.floor((deadline - (Date.now() + offset)) / 1000));
    var minutes = Math.floor(remaining / 60);
    var seconds = remaining % 60;
    left.textContent = text.left + minutes + " min " + (seconds < 10 ? "0" : "") + seconds + " s";
    // Send two seconds early: what reaches the server after the deadline no longer counts.
    if (remaining <= 2 && !sent) {
      sent = true;
      status.textContent = text.over;
      form.submit();
    }
  }
  tick();
  window.setInterval(tick, 1000);
}());
