// newsevents web: small enhancements; every page works without this script.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // "/" focuses the search box, as on many sites.
  const box = document.getElementById("search-box");
  document.addEventListener("keydown", (event) => {
    const typing = ["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement?.tagName);
    if (event.key === "/" && box && !typing) {
      event.preventDefault();
      box.focus();
    }
  });

  // Changing a select in the filter form applies it at once.
  const filters = document.getElementById("event-filters");
  if (filters) {
    filters.querySelectorAll("select").forEach((select) => {
      select.addEventListener("change", () => filters.requestSubmit());
    });
  }

  // On an event page, bring the first evidence span into view inside the article text.
  const first = document.getElementById("evidence-0");
  if (first) {
    first.classList.add("current");
    first.scrollIntoView({ block: "center" });
    window.scrollTo(0, 0);
  }
  document.querySelectorAll("a.jump").forEach((link) => {
    link.addEventListener("click", (event) => {
      const target = document.querySelector(link.getAttribute("href"));
      if (!target) return;
      event.preventDefault();
      document.querySelectorAll("mark.current").forEach((m) => m.classList.remove("current"));
      target.classList.add("current");
      target.scrollIntoView({ block: "center", behavior: "smooth" });
    });
  });
});
