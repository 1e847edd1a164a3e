// Enhancements of the account form only: it works without this script.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("account-form");
  if (!form || form.dataset.readonly) { return; } // read-only: values shown as text, nothing to switch
  var type = document.getElementById("type");
  var security = document.getElementById("security");
  var auth = document.getElementById("authentication");
  var port = document.getElementById("port");
  var warning = document.getElementById("security-warning");
  var ports = { SMTP: { NONE: 25, STARTTLS: 587, SSL: 465 }, POP3: { NONE: 110, STARTTLS: 110, SSL: 995 },
                IMAP: { NONE: 143, STARTTLS: 143, SSL: 993 } };
  var warnings = { NONE: warning.dataset.none, STARTTLS: warning.dataset.starttls };
  function show(elements, visible) {
    elements.forEach(function (el) {
      el.hidden = !visible;
      el.querySelectorAll("input, select, textarea").forEach(function (input) {
        if (!form.dataset.readonly) { input.disabled = !visible || input.dataset.ro === "1"; }
      });
    });
  }
  form.querySelectorAll("[disabled]").forEach(function (el) { el.dataset.ro = "1"; });
  // data-type lists the types (space-separated) an element is for, data-auth the authentication; an
  // element inside a hidden one stays hidden (a Graph account has no Login, so no password row either)
  function wanted(el) {
    var ok = (!el.dataset.type || el.dataset.type.split(" ").indexOf(type.value) >= 0)
      && (!el.dataset.auth || el.dataset.auth === auth.value);
    var outer = el.parentElement && el.parentElement.closest("[data-type], [data-auth]");
    return ok && (!outer || wanted(outer));
  }
  function update() {
    var switched = Array.prototype.slice.call(form.querySelectorAll("[data-type], [data-auth]"));
    show(switched.filter(wanted), true);
    show(switched.filter(function (el) { return !wanted(el); }), false); // last: disables inputs in hidden parts
    if (ports[type.value]) { port.placeholder = ports[type.value][security.value]; }
    warning.textContent = warnings[security.value] || "";
    warning.hidden = !warnings[security.value];
    warning.className = "security-note " + (security.value === "NONE" ? "warning" : "note");
  }
  [type, security, auth].forEach(function (el) { el.addEventListener("change", update); });
  update();
  ["preset-microsoft365", "preset-google"].forEach(function (id) {
    var preset = document.getElementById(id);
    if (!preset) { return; }
    preset.hidden = false;
    preset.addEventListener("click", function () {
      var kind = type.value.toLowerCase();
      var connection = (preset.dataset[kind] || "").split(" ");
      document.getElementById("oauth2-tokenUrl").value = preset.dataset.tokenUrl;
      document.getElementById("oauth2-scope").value = preset.dataset["scope" + kind.charAt(0).toUpperCase() + kind.slice(1)] || "";
      if (connection.length === 3) {
        document.getElementById("server").value = connection[0];
        port.value = connection[1];
        security.value = connection[2];
      }
      update();
      var tokenUrl = document.getElementById("oauth2-tokenUrl");
      var tenant = tokenUrl.value.indexOf("<tenant-id>");
      tokenUrl.focus();
      if (tenant >= 0) { tokenUrl.setSelectionRange(tenant, tenant + "<tenant-id>".length); }
    });
  });
  var graphPreset = document.getElementById("preset-graph");
  if (graphPreset) {
    graphPreset.hidden = false;
    graphPreset.addEventListener("click", function () {
      document.getElementById("maxConnections").value = graphPreset.dataset.connections;
      // a Microsoft 365 mailbox's sending limits
      document.getElementById("messagesPerMinute").value = graphPreset.dataset.perMinute;
      document.getElementById("recipientsPerDay").value = graphPreset.dataset.perDay;
      document.getElementById("graph-tokenUrl").value = "";
      document.getElementById("graph-graphUrl").value = "";
      document.getElementById("graph-tenantId").focus();
    });
  }
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

// The delivery presets: also on a built-in account's form, whose connection values are read-only
// but whose delivery settings are not (so not behind the read-only check above).
document.addEventListener("DOMContentLoaded", function () {
  // the providers' sending limits (email-model.md section 7)
  ["preset-limits-microsoft365", "preset-limits-google"].forEach(function (id) {
    var preset = document.getElementById(id);
    if (!preset) { return; }
    preset.hidden = false;
    preset.addEventListener("click", function () {
      if (preset.dataset.connections) { document.getElementById("maxConnections").value = preset.dataset.connections; }
      if (preset.dataset.perMinute) { document.getElementById("messagesPerMinute").value = preset.dataset.perMinute; }
      document.getElementById("recipientsPerDay").value = preset.dataset.perDay;
    });
  });
  var ses = document.getElementById("preset-ses");
  if (ses) {
    ses.hidden = false;
    document.getElementById("preset-limits-ses").addEventListener("click", function () {
      var rate = document.getElementById("ses-rate");
      var perSecond = parseInt(rate.value, 10);
      if (!(perSecond > 0)) { rate.focus(); return; }
      // SES states its limit per second; the account counts per minute
      document.getElementById("messagesPerMinute").value = String(perSecond * 60);
    });
  }
});
