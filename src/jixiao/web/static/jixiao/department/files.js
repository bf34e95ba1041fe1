// The upload form: the browser's own file button speaks the browser's language; ours shows the name.
(function () {
  "use strict";
  document.querySelectorAll(".file-picker").forEach(function (picker) {
    var input = picker.querySelector("input[type=file]");
    var name = picker.querySelector(".file-name");
    input.addEventListener("change", function () {
      name.textContent = input.files.length ? input.files[0].name : name.getAttribute("data-empty");
    });
  });
})();
