// Enhancement of the account form's "System address filter" only: it works without this script.
// Offers the filters of the direction of the chosen type (SMTP: outbound; POP3, IMAP: inbound).
document.addEventListener("DOMContentLoaded", function () {
  var type = document.getElementById("type");
  var choice = document.getElementById("addressFilterId");
  if (!type || !choice) { return; }
  function update() {
    var direction = type.value === "SMTP" ? "outbound" : "inbound";
    choice.querySelectorAll("optgroup").forEach(function (group) {
      var matches = group.dataset.direction === direction;
      group.hidden = !matches;
      group.disabled = !matches;
      if (!matches && choice.selectedOptions.length && group.contains(choice.selectedOptions[0])) {
        choice.value = "";
      }
    });
  }
  type.addEventListener("change", update);
  update();
});
