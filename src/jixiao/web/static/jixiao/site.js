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
// A link to a line of a folded text (#line-27) opens the <details> that holds it.
window.addEventListener("hashchange", function () {
  var target = location.hash && document.getElementById(location.hash.slice(1));
  var holder = target && target.closest("details");
  if (holder) { holder.open = true; target.scrollIntoView(); }
});
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest('a[href^="#line-"]');
  var target = link && document.getElementById(link.getAttribute("href").slice(1));
  var holder = target && target.closest("details");
  if (holder) { holder.open = true; }
});
