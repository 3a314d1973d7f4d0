/* Small behaviours wired by data attributes, since the CSP forbids inline handlers:
   data-autosubmit on a field submits its form when it changes; data-print prints the page;
   data-select-toggle calls django-import-export's "select all" handler (its template had it inline). */
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-autosubmit]").forEach(function (field) {
    field.addEventListener("change", function () { field.form.submit(); });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll("[data-select-toggle]").forEach(function (box) {
    box.addEventListener("change", function (event) {
      if (typeof window.onSelectToggleChange === "function") { window.onSelectToggleChange(event); }
    });
  });
});
