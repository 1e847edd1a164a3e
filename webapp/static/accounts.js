// Enhancements of the account form only: it works without this script.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("account-form");
  if (!form) { return; }
  var type = document.getElementById("type");
  var security = document.getElementById("security");
  var auth = document.getElementById("authentication");
  var port = document.getElementById("port");
  var warning = document.getElementById("security-warning");
  var ports = { SMTP: { NONE: 25, STARTTLS: 587, SSL: 465 }, POP3: { NONE: 110, STARTTLS: 110, SSL: 995 },
                IMAP: { NONE: 143, STARTTLS: 143, SSL: 993 } };
  var warnings = {
    NONE: "Less safe than SSL/TLS: None sends the password and every message in plain text.",
    STARTTLS: "Less safe than SSL/TLS: STARTTLS begins in plain text; the upgrade is required, so a server that does not offer it is refused."
  };
  function show(elements, visible) {
    elements.forEach(function (el) {
      el.hidden = !visible;
      el.querySelectorAll("input, select, textarea").forEach(function (input) {
        if (!form.dataset.readonly) { input.disabled = !visible || input.dataset.ro === "1"; }
      });
    });
  }
  form.querySelectorAll("[disabled]").forEach(function (el) { el.dataset.ro = "1"; });
  function update() {
    show(Array.prototype.slice.call(form.querySelectorAll("[data-type]")).filter(function (el) { return el.dataset.type !== type.value; }), false);
    show(Array.prototype.slice.call(form.querySelectorAll("[data-type]")).filter(function (el) { return el.dataset.type === type.value; }), true);
    show(Array.prototype.slice.call(form.querySelectorAll("[data-auth]")).filter(function (el) { return el.dataset.auth !== auth.value; }), false);
    show(Array.prototype.slice.call(form.querySelectorAll("[data-auth]")).filter(function (el) { return el.dataset.auth === auth.value; }), true);
    if (ports[type.value]) { port.placeholder = ports[type.value][security.value]; }
    warning.textContent = warnings[security.value] || "";
    warning.hidden = !warnings[security.value];
  }
  [type, security, auth].forEach(function (el) { el.addEventListener("change", update); });
  update();
  var file = document.getElementById("trustedCertificatesFile");
  var pem = document.getElementById("trustedCertificates");
  if (file && pem && window.FileReader) {
    file.addEventListener("change", function () {
      if (!file.files.length) { return; }
      var reader = new FileReader();
      reader.onload = function () { pem.value = (pem.value.trim() ? pem.value.trim() + "\n" : "") + reader.result; file.value = ""; };
      reader.readAsText(file.files[0]);
    });
  }
});
document.addEventListener("DOMContentLoaded", function () {
  var link = document.getElementById("delete-link");
  // the link leads to a confirmation page; nothing to add here without inline script
  if (link) { link.setAttribute("rel", "nofollow"); }
});
