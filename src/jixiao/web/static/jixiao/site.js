// Behaviour shared by every page, kept out of the HTML so the Content-Security-Policy needs no inline script.
(function () {
  "use strict";
  // A form or button with data-confirm asks before it acts (e.g. a submission, a deletion).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    var question = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);
  // Close an open menu when clicking elsewhere.
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) { menu.removeAttribute("open"); }
    });
  });
})();
// A checkbox with data-select-all="name" ticks every checkbox of that name in its form.
document.addEventListener("change", function (event) {
  var box = event.target;
  var name = box.getAttribute && box.getAttribute("data-select-all");
  if (!name || !box.form) { return; }
  box.form.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (other) { other.checked = box.checked; });
});
