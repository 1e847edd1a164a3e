// Enhancements only: every page works without this script.
document.addEventListener("DOMContentLoaded", function () {
  var select = document.getElementById("glide-smtp-encryption");
  if (!select) { return; }
  var messages = {
    none: "Less safe than SSL/TLS: none sends the password and every message in plain text.",
    starttls: "Less safe than SSL/TLS: starttls begins in plain text; the upgrade is required, so a server that does not offer it is refused."
  };
  select.addEventListener("change", function () {
    var warning = document.getElementById("warning-glide-smtp-encryption");
    if (!warning) {
      warning = document.createElement("p");
      warning.className = "warning";
      warning.id = "warning-glide-smtp-encryption";
      select.insertAdjacentElement("afterend", warning);
    }
    warning.textContent = messages[select.value] || "";
    warning.hidden = !messages[select.value];
  });
});

// A refused form: focus moves to its error summary; a link there puts the cursor in its field.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    var field = document.getElementById(link.getAttribute("href").substring(1));
    if (field && typeof field.focus === "function") {
      event.preventDefault();
      field.scrollIntoView({block: "center"});
      field.focus();
    }
  });
});
