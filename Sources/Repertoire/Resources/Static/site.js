// Progressive enhancements only: every page works without this script.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Filters apply as soon as a box is ticked or the sort changes.
  document.querySelectorAll(".facet-form input[type=checkbox]").forEach(function (box) {
    box.addEventListener("change", function () { box.form.submit(); });
  });
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

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

  // Type-ahead: the first matching enterprises under the search box.
  document.querySelectorAll("input[data-typeahead]").forEach(function (input) {
    var list = document.createElement("ul");
    list.className = "typeahead";
    list.hidden = true;
    list.id = input.id + "-suggestions";
    input.setAttribute("aria-controls", list.id);
    input.parentNode.appendChild(list);
    var timer = null;
    var prefix = document.documentElement.lang.indexOf("en") === 0 ? "/en/entreprises/" : "/entreprises/";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) { list.hidden = true; return; }
      timer = setTimeout(function () {
        fetch(input.dataset.typeahead + "?perPage=5&q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { items: [] }; })
          .then(function (page) {
            list.textContent = "";
            (page.items || []).forEach(function (item) {
              var li = document.createElement("li");
              var a = document.createElement("a");
              a.href = prefix + encodeURIComponent(item.slug);
              a.textContent = item.name + (item.municipality ? " — " + item.municipality.name : "");
              li.appendChild(a);
              list.appendChild(li);
            });
            list.hidden = list.children.length === 0;
          })
          .catch(function () { list.hidden = true; });
      }, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { list.hidden = true; }
    });
    document.addEventListener("click", function (event) {
      if (!list.contains(event.target) && event.target !== input) { list.hidden = true; }
    });
  });
})();
