// Enhancements only: every page works without this script.
document.addEventListener("DOMContentLoaded", function () {
  var select = document.getElementById("glide-smtp-encryption");
  if (!select || select.tagName !== "SELECT") { return; } // a viewer sees the value as text
  var note = document.getElementById("warning-glide-smtp-encryption");
  var server = document.getElementById("glide-email-server");
  var sending = document.getElementById("glide-email-smtp-active");
  var messages = { none: note.dataset.none, starttls: note.dataset.starttls };
  function update() {
    var off = (server && !server.value.trim()) || (sending && !sending.checked);
    var text = off ? "" : (messages[select.value] || "");
    note.textContent = text;
    note.hidden = !text;
    note.className = "security-note " + (select.value === "none" ? "warning" : "note");
  }
  [select, server, sending].forEach(function (el) { if (el) { el.addEventListener("change", update); el.addEventListener("input", update); } });
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
