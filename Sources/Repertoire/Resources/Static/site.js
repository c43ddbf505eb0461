// Progressive enhancements only: every page works without this script.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Filters apply as soon as a box is ticked or the sort changes. The box keeps the keyboard
  // focus across the reload: its id is kept for the next page, which focuses it again.
  var focusKey = "repertoire-refocus";
  document.querySelectorAll(".facet-form input[type=checkbox], .facet-form input[type=radio]").forEach(function (box) {
    box.addEventListener("change", function () {
      try { sessionStorage.setItem(focusKey, box.id); } catch (e) { /* private mode: focus is lost, nothing else */ }
      box.form.submit();
    });
  });
  try {
    var refocus = sessionStorage.getItem(focusKey);
    sessionStorage.removeItem(focusKey);
    var again = refocus && document.getElementById(refocus);
    if (again) { again.focus(); }
  } catch (e) { /* no storage: nothing to restore */ }
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  // Print buttons need this script: without it they stay hidden.
  document.querySelectorAll("[data-print-only]").forEach(function (part) { part.hidden = false; });

  // An import job's progress bar follows the job; the page's own link refreshes it without us.
  document.querySelectorAll("[data-import-job]").forEach(function (page) {
    var bar = document.getElementById("import-progress");
    var phase = document.getElementById("import-phase");
    if (!bar || !phase) { return; }
    var poll = function () {
      fetch(page.getAttribute("data-import-job"), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          // Signed out meanwhile, or the job forgotten: the page itself says what happened.
          if (!response.ok || response.redirected) { window.location.reload(); return null; }
          return response.json();
        })
        .then(function (job) {
          if (!job) { return; }
          if (job.state === "finished") { window.location.assign(job.location); return; }
          if (job.state === "failed") { window.location.reload(); return; }
          if (job.total > 0) {
            bar.max = job.total;
            bar.value = job.done;
            bar.textContent = job.percent + " %";
            phase.textContent = job.phase + " : " + job.done + " sur " + job.total + " (" + job.percent + " %)";
          } else {
            phase.textContent = job.phase;
          }
          setTimeout(poll, 1000);
        })
        .catch(function () { setTimeout(poll, 3000); });
    };
    // The first look waits a little: the page is read (and checked) before it moves on.
    setTimeout(poll, 1500);
  });

  // Type-ahead: an ARIA 1.2 combobox. The first matching enterprises are options of a listbox
  // under the search box; arrow keys move through them (aria-activedescendant), Enter opens
  // the chosen one (or searches, when none is chosen), Escape closes; a polite live region
  // says how many there are.
  var english = document.documentElement.lang.indexOf("en") === 0;
  var words = english
    ? { label: "Suggested enterprises", none: "No suggestion", one: "1 suggestion, use the up and down arrows to choose",
        many: " suggestions, use the up and down arrows to choose" }
    : { label: "Entreprises suggérées", none: "Aucune suggestion", one: "1 suggestion, flèches haut et bas pour choisir",
        many: " suggestions, flèches haut et bas pour choisir" };
  document.querySelectorAll("input[data-typeahead]").forEach(function (input) {
    var list = document.createElement("ul");
    list.className = "typeahead";
    list.hidden = true;
    list.id = input.id + "-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", words.label);
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.id = input.id + "-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.parentNode.appendChild(list);
    input.parentNode.appendChild(status);
    var timer = null;
    var active = -1;
    var prefix = english ? "/en/entreprises/" : "/entreprises/";
    var options = function () { return list.querySelectorAll("[role=option]"); };
    var close = function () {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    };
    var choose = function (index) {
      var all = options();
      if (all.length === 0) { return; }
      active = (index + all.length) % all.length;
      all.forEach(function (option, i) { option.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    };
    var open = function (item) { window.location.assign(item.getAttribute("data-url")); };
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) { close(); status.textContent = ""; return; }
      timer = setTimeout(function () {
        fetch(input.dataset.typeahead + "?perPage=5&q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { items: [] }; })
          .then(function (page) {
            list.textContent = "";
            (page.items || []).forEach(function (item, i) {
              var li = document.createElement("li");
              li.id = list.id + "-" + i;
              li.setAttribute("role", "option");
              li.setAttribute("aria-selected", "false");
              li.setAttribute("data-url", prefix + encodeURIComponent(item.slug));
              li.setAttribute("lang", "fr");
              li.textContent = item.name + (item.municipality ? " — " + item.municipality.name : "");
              li.addEventListener("mousedown", function (event) { event.preventDefault(); });
              li.addEventListener("click", function () { open(li); });
              list.appendChild(li);
            });
            var count = list.children.length;
            active = -1;
            input.removeAttribute("aria-activedescendant");
            list.hidden = count === 0;
            input.setAttribute("aria-expanded", count === 0 ? "false" : "true");
            status.textContent = count === 0 ? words.none : count === 1 ? words.one : count + words.many;
          })
          .catch(function () { close(); });
      }, 150);
    });
    input.addEventListener("keydown", function (event) {
      var all = options();
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (list.hidden || all.length === 0) { return; }
        event.preventDefault();
        choose(event.key === "ArrowDown" ? active + 1 : (active < 0 ? all.length - 1 : active - 1));
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0 && all[active]) {
          event.preventDefault();
          open(all[active]);
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); close(); }
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  });

  // The edit form: empty repeated blocks (other names, offerings, managers, contracts) wait
  // behind an « Ajouter » button, one revealed per click. Without this script one empty block
  // of each kind shows, so the form still works.
  document.querySelectorAll("[data-add-row]").forEach(function (button) {
    var section = button.closest("fieldset");
    if (!section) { return; }
    var blanks = Array.prototype.slice.call(section.querySelectorAll("fieldset[data-blank]"));
    blanks.forEach(function (row) { row.hidden = true; });
    button.hidden = blanks.length === 0;
    button.addEventListener("click", function () {
      var next = blanks.shift();
      if (!next) { return; }
      next.hidden = false;
      var first = next.querySelector("input, select, textarea");
      if (first) { first.focus(); }
      button.hidden = blanks.length === 0;
    });
  });
})();
